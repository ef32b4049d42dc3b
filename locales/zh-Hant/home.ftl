## The phone-first layout and the personal home (issue 26)
home-menu = 選單
home-personal-title = 我的首頁
home-personal-heading = { $username }，您好
home-verified = 您的電子郵件地址已驗證，您已登入。
home-next-shift-title = 您的下一個班次
home-next-shift-none = 目前沒有即將到來的班次。
home-next-shift-claim = 查看您的認領
home-find-work = 找點事做
home-balance-title = 您的餘額
home-balance-wallet = { $reservations ->
    [0] 開啟您的錢包
   *[other] 開啟您的錢包（{ $reservations } 筆預約）
}
home-needs-title = 待您處理
home-needs-nothing = 目前沒有待您處理的事項。
home-needs-proof = 傳送「{ $title }」的證明
home-needs-unread = { $count } 則未讀通知
home-needs-invitations = { $count } 份加入組織的邀請
home-needs-queue = { $organization } 有 { $count } 份證明待驗證
home-needs-organizations = { $count } 個組織等待核准
home-soon-title = 即將開放認領
home-soon-all = 所有活動
home-address = 地址
home-open-in-maps = 在地圖中開啟
home-org-address-title = 郵寄地址
home-org-address-label = 地址
home-org-address-hint = 街道、門牌、地區和郵遞區號，寫在同一行（最多 { $max } 個字元）。會顯示在您的頁面、兌換項目和活動上，並附地圖連結。
home-org-address-save = 儲存地址
home-map-tiles-caption = 上方為北。街道資料來自本市的地圖伺服器。
home-map-tiles-credit = 地圖：{ $credit }
