## The ledger's pages: wallet, offerings, the counter, the public explorer, budgets. / 帳本頁面：錢包、兌換項目、櫃台、公開帳本瀏覽、預算。

## Navigation
nav-wallet = 錢包
nav-offerings = 兌換項目
nav-ledger = 帳本

## Shared words
offering-category = { $category ->
    [food_drink] 餐飲
    [groceries] 生鮮雜貨
    [transit] 交通
    [culture] 文化
    [recreation] 休閒
    [learning] 學習
    [services] 服務
   *[other] 其他
}
redemption-state = { $state ->
    [reserved] 已預約
    [honored] 已兌換
    [cancelled] 已取消
   *[expired] 已過期
}

## Wallet
wallet-title = 您的錢包
wallet-balances-title = 餘額
wallet-city = 可使用的 CITY
wallet-vote = VOTE
wallet-reserved = 為您的預約保留的 CITY
wallet-balances-hint = CITY 是公民點數，可在在地商家及服務使用。VOTE 是您在市政決策中的份量；它不能使用，也不能轉讓。
wallet-browse-offerings = 看看 CITY 可以兌換什麼
wallet-held-title = 待您完成居民身分驗證後入帳的獎勵
wallet-held-intro = 本市只將 CITY 和 VOTE 入帳給通過居民身分驗證的人（一人一個帳號）。驗證之前完成並通過驗證的服務，其獎勵會暫緩入帳；只要您在該期結束前完成居民身分驗證，就會入帳。
wallet-held-how = 如何驗證居民身分
wallet-held-line = { $city } CITY 及 { $vote } VOTE
wallet-held-open = 暫緩入帳：請在本期結束前完成居民身分驗證
wallet-held-credited = 已入帳
wallet-held-lapsed = 已失效：您完成驗證前，該期已經結束
wallet-reservations-title = 有效的預約
wallet-reservations-intro = 請在櫃台出示 QR 碼，或唸出代碼。每個代碼只能使用一次。
wallet-reservations-empty = 您目前沒有有效的預約。
wallet-code-label = 在櫃台輸入的代碼
wallet-redeemer = 地點
wallet-amount = 金額
wallet-expires = 有效期限
wallet-show-large = 全螢幕顯示
wallet-cancel = 取消「{ $offering }」的預約
wallet-qr-title = 您「{ $offering }」預約的 QR 碼
wallet-history-title = 紀錄
wallet-history-empty = 您的錢包還沒有任何異動。通過驗證的服務可獲得 CITY 和 VOTE。
wallet-history-hint = 只有您和本市管理員能看到這些紀錄。
wallet-col-date = 日期
wallet-col-for = 項目
wallet-col-kind = 異動類型
wallet-col-amount = 金額
wallet-col-currency = 幣別
wallet-entry-kind = { $kind ->
    [mint] 因已驗證的服務獲得
    [reserve] 為預約保留
    [release] 預約退回
    [burn] 已使用
    [expire] 已過期
    [adjust] 依本市決策調整
   *[other] { $kind }
}
wallet-past-title = 過去的兌換
wallet-past-empty = 沒有過去的兌換紀錄。

## One reservation
reservation-show-at-counter = 請在櫃台出示此 QR 碼。
reservation-or-code = 櫃台沒有相機嗎？請唸出此代碼：
reservation-timed-out = 此預約已逾時。其 CITY 很快會退回您的錢包。
reservation-back = 返回您的錢包

## Offerings
offerings-title = CITY 可以兌換什麼
offerings-intro = 在地商家及服務接受用 CITY 兌換這些項目。每個項目每期有一定的份數。
offerings-filters = 篩選兌換項目
offerings-filter-text = 標題或說明中的字詞
offerings-filter-category = 種類
offerings-filter-any-category = 所有種類
offerings-filter-organization = 組織
offerings-filter-organization-hint = 組織代號，例如 corner-cafe
offerings-filter-max-price = 最高價格（CITY）
offerings-filter-available = 只顯示本期還有剩餘份數的項目
offerings-filter-submit = 顯示兌換項目
offerings-results = { $count ->
    [0] 找不到兌換項目
   *[other] { $count } 個兌換項目
}
offerings-empty = 沒有符合這些篩選條件的項目。
offering-price = 價格
offering-redeemer = 提供者
offering-terms = 使用條件
offering-available = 本期剩餘
offering-available-count = { $available ->
    [0] 本期已無剩餘
   *[other] 剩 { $available } 份
}
offering-active-badge = 提供中
offering-inactive-badge = 目前未提供
offering-reserve-title = 預約
offering-login-to-reserve = 請登入以預約
offering-inactive = 此項目目前未提供。
offering-reserve-explain = 預約後，您錢包中相當於價格的 CITY 會保留 { $time }，您也會取得一個 QR 碼和一組簡短代碼，可在櫃台出示。如果您沒有使用，CITY 會退回您的錢包。
duration-hours = { $n } 小時
duration-minutes = { $n } 分鐘
offering-your-balance = 您有 { $balance } CITY 可以使用。
offering-reserve-button = 以 { $price } CITY 預約
offering-edit-link = 編輯此項目

## The redeemer's catalog
org-offerings-link = 兌換項目與份數
org-counter-link = 櫃台
org-offerings-title = { $name } 的兌換項目
org-offerings-intro = 請承諾您在第 { $epoch } 期願意接受兌換的各項目份數。居民只能預約您承諾的份數。
org-offerings-console-link = 返回管理主控台
org-offerings-new-link = 新增兌換項目
org-offerings-empty = 還沒有兌換項目。
org-offerings-committed = 本期承諾份數
org-offerings-taken = 已預約或已兌換
org-offerings-quantity = 本期「{ $title }」的份數
org-offerings-commit = 儲存份數
offering-new-title = { $name } 的新兌換項目
offering-edit-title = 編輯「{ $title }」
offering-field-title = 標題
offering-field-description = 說明
offering-field-price = 價格（CITY）
offering-field-price-hint = 例如 4.50
offering-field-category = 種類
offering-field-terms = 使用條件
offering-field-terms-hint = 選填：何時及如何使用，例如「平日 11:00 前」。
offering-field-image = 圖片
offering-field-image-hint = 選填。JPEG、PNG 或 WebP，最大 { $megabytes } MB。
offering-field-image-replace = 選填：新圖片會取代目前的圖片。JPEG、PNG 或 WebP，最大 { $megabytes } MB。
offering-field-active = 提供中（居民可以看到並預約）
offering-create = 新增此項目
offering-save = 儲存變更

## The counter
counter-title = { $name } 的櫃台
counter-intro = 掃描居民的 QR 碼或輸入其代碼，確認兌換的項目，然後確認兌換。
counter-scan-title = 掃描 QR 碼
counter-scan-button = 開啟相機
counter-scan-started = 請將 QR 碼對準相機。
counter-scan-checking = 已讀取代碼，正在檢查…
counter-scan-no-camera = 無法使用相機。請改為輸入代碼。
counter-code-title = 輸入代碼
counter-code-label = 代碼
counter-code-hint = 八個英文字母和數字，例如 ABCD-1234。
counter-look-up = 查詢
counter-recent-title = 最近的確認
counter-recent-empty = 此處還沒有任何確認紀錄。
counter-confirm-title = 確認此次兌換
counter-confirm-intro = 請交付兌換項目，然後按確認。確認後 CITY 即被扣除，代碼也無法再次使用。
counter-offering = 兌換項目
counter-code = 代碼
counter-confirm-button = 確認：{ $amount } CITY
counter-not-now = 不確認，返回櫃台
counter-honored = 已兌換：已銷毀 { $amount } CITY
counter-next = 下一位顧客

## The public ledger
ledger-title = 本市帳本
ledger-intro = 每一筆 CITY 和 VOTE 的異動，都記錄在由本市簽署的雜湊鏈中。居民只以匿名帳號代碼顯示，絕不顯示姓名。
ledger-head = { $seq ->
    [0] 尚無紀錄
   *[other] { $seq } 筆紀錄
}
ledger-totals-title = 總計
ledger-totals-caption = 各幣別目前的總計
ledger-totals-hint = 已發行 = 流通中 + 發布組織預算 + 託管中 + 已銷毀。
ledger-col-currency = 幣別
ledger-col-issued = 已發行
ledger-col-circulating = 流通中
ledger-col-budgets = 發布組織預算
ledger-col-escrow = 託管中
ledger-col-burned = 已銷毀
ledger-current-title = 本期：第 { $number } 期
ledger-epoch-name = 第 { $number } 期
ledger-epoch-dates = { $start } 至 { $end }
ledger-minted = 因已驗證的服務而發行
ledger-burned = 因兌換而銷毀
ledger-budgets-granted = 已撥付的預算
ledger-budgets-returned = 未使用而退回的預算
ledger-expired = 已過期
ledger-contributions = 貢獻
ledger-redemptions = 兌換
ledger-by-organization = 依組織
ledger-by-category = 依類別
ledger-col-organization = 組織
ledger-col-category = 類別
ledger-col-minted-city = 已發行的 CITY
ledger-col-minted-vote = 已發行的 VOTE
ledger-closed-title = 已結束的期
ledger-closed-empty = 還沒有任何一期結束。
ledger-epoch-summary = 發行 { $minted } CITY，銷毀 { $burned } CITY，{ $contributions } 項貢獻，{ $redemptions } 次兌換
ledger-epoch-sealed = 於 { $when } 在第 { $seq } 筆紀錄封存。
ledger-epoch-figures = 封存的數字
ledger-epoch-totals = 結束時的總計
ledger-epoch-open = 本期尚未結束：報告會在結束時封存。
ledger-entries-title = 最近的紀錄
ledger-entries-empty = 尚無紀錄。
ledger-entries-hint = 每個雜湊值都綁定該筆紀錄及其前一筆紀錄。
ledger-col-seq = 編號
ledger-col-kind = 類型
ledger-col-amount = 金額
ledger-col-from = 從
ledger-col-to = 到
ledger-col-time = 時間
ledger-col-hash = 雜湊值
ledger-entry-kind = { $kind ->
    [mint] 發行
    [reserve] 預約保留
    [release] 退回
    [burn] 銷毀
    [budget] 預算
    [adjust] 調整
    [expire] 過期
    [statement] 結算單
   *[other] { $kind }
}
ledger-account-kind = { $kind ->
    [resident] 居民
    [organization] 組織
    [budget] 發布組織預算
    [mint] 本市發行帳戶
    [burn] 已銷毀
    [escrow] 託管
   *[other] 不明帳戶
}
ledger-checkpoints-title = 已簽署的檢查點
ledger-checkpoints-intro = 檢查點是本市對鏈頭及總計所做的簽章。任何人都可以用本市的公鑰驗證。
ledger-checkpoints-empty = 還沒有簽署任何檢查點。
ledger-checkpoints-all = 所有檢查點
ledger-checkpoints-json = 檢查點（JSON）
ledger-checkpoint-at = 第 { $seq } 筆紀錄的檢查點
ledger-checkpoint-totals = 已發行 { $issued }，流通中 { $circulating }，預算 { $budgets }，託管 { $escrow }，已銷毀 { $burned }
ledger-checkpoint-reason = { $reason ->
    [interval] 定期
    [epoch_close] 期末結算
    [manual] 應要求簽署
   *[other] { $reason }
}
ledger-col-head-hash = 鏈頭雜湊值
ledger-col-signed-at = 簽署時間
ledger-col-reason = 原因
ledger-col-signature = 簽章
ledger-key-title = 本市的帳本金鑰
ledger-key-intro = 用來驗證每個檢查點及每個 QR 碼的 Ed25519 公鑰（十六進位）：
ledger-verification-title = 最近一次驗證
ledger-verification-ok = 整條鏈驗證無誤：{ $entries } 筆紀錄及 { $checkpoints } 個檢查點。
ledger-verification-failed = 驗證失敗（已檢查 { $entries } 筆紀錄）：
ledger-verification-when = 完成於 { $when }
ledger-verification-none = 帳本尚未驗證過。
ledger-back = 返回帳本

## Budgets (administrators)
admin-budgets-link = 發布組織的 CITY 預算
admin-budgets-organizations-link = 等待核准的組織
admin-budgets-title = 發布組織的 CITY 預算
admin-budgets-intro = 每個發布組織每期最多只能發放其預算額度。提高預算時，差額會立即在本期（第 { $number } 期）撥付；降低預算則從下一期起生效。
admin-budgets-caption = 第 { $number } 期的預算
admin-budgets-col-issuer = 發布組織
admin-budgets-col-standing = 每期預算
admin-budgets-col-granted = 本期已撥付
admin-budgets-col-remaining = 尚可發放
admin-budgets-col-change = 變更
admin-budgets-amount = { $name } 的新每期預算（CITY）
admin-budgets-save = 儲存
admin-budgets-hint = 未使用的預算會在該期結束時退回本市。
admin-budgets-empty = 還沒有已核准的發布組織。
ledger-entry-decision = 該決策
