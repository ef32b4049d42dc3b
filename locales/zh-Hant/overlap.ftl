# Overlap detection: similar work shown on the drafting forms, the administrator's
# monthly report, and the organizations working nearby on a console.

overlap-reason-separator = {"、"}
overlap-reason-same-category = 相同類別
overlap-reason-different-category = 不同類別
overlap-reason-text-similar = 文字相似度 { $percent }%
overlap-reason-nearby = { $meters ->
    [0] 在同一地點
   *[other] 相距 { $meters } 公尺
}
overlap-reason-same-day = 同在{ $weekday ->
    [1] 星期一
    [2] 星期二
    [3] 星期三
    [4] 星期四
    [5] 星期五
    [6] 星期六
   *[7] 星期日
}{ $part ->
    [morning] 上午
    [afternoon] 下午
    [evening] 晚上
   *[day] （{ $date }）
}
overlap-reason-time-overlap = 時間重疊 { $minutes } 分鐘

overlap-title = 已有 { $count } 項類似的活動
overlap-intro = 儲存之前，請先看看其他組織已經在做些什麼。一起合作，比重複舉辦同樣的活動能接觸到更多居民。
overlap-by = 由 { $organization } 舉辦
overlap-from-city = 來自 { $domain }
overlap-why = 相似度 { $score }／100：{ $reasons }。
overlap-adopt = 改為採用「{ $title }」
overlap-coissue = 與 { $organization } 共同發布
overlap-coissue-hint = 共同發布會儲存您的草稿，並邀請該組織一起分擔：每個合作夥伴從自己的預算支付其分攤的獎勵。
overlap-continue-hint = 如果您的活動不一樣，請直接儲存。
overlap-continue = 仍然繼續

overlap-report-title = 重疊報告
overlap-report-intro = { $month } 期間，不同組織看起來相同的計畫：將各計畫當月的活動兩兩比較，並列出各計畫接觸到的居民人數。
overlap-report-month = 月份
overlap-report-show = 顯示
overlap-report-previous = 上個月
overlap-report-next = 下個月
overlap-report-compared = 已比較 { $count } 項活動。
overlap-report-empty = 本月沒有重複的計畫。
overlap-report-caption = 互相重複的計畫
overlap-report-first = 計畫
overlap-report-second = 與之重複的計畫
overlap-report-score = 相似度
overlap-report-why = 原因
overlap-report-program = { $title }（{ $organization }）
overlap-report-reach = { $opportunities } 項活動，接觸 { $residents } 位居民
overlap-report-link = 重疊報告

overlap-neighbors-title = 在您的類別和地點附近活動的其他組織
overlap-neighbors-intro = 在您的類別中有啟用中範本的組織，或在您活動地點 2 公里內有開放活動的組織。開始做同樣的事之前，先和他們聯絡：您可以共同發布。
overlap-neighbors-empty = 目前沒有其他組織在您的類別或地點附近活動。
overlap-neighbors-categories = 共同類別：{ $categories }
overlap-neighbors-nearby = 附近有 { $count } 項活動，最近的相距 { $meters } 公尺
