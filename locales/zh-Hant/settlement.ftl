## Settlement: statements for redeemers, the finance office, transparency

settlement-statements-title = 結算對帳單
settlement-statements-intro = 每期結束時，本市會為 { $name } 開立一份對帳單，列出其接受兌換的 CITY：每個兌換項目的份數和 CITY、匯率，以及本市應付的金額。每份對帳單都以本市的帳本金鑰簽署，其加密指紋會記入公開帳本。
settlement-statements-empty = 尚無對帳單。在您接受過兌換的某一期結束時，會開立第一份對帳單。
settlement-no-terms = 本市尚未設定償付匯率，因此不會開立對帳單。
settlement-terms-line = 本市每 1 CITY 償付 { $rate } { $currency }，資金來源：{ $source }。
settlement-remaining-title = 本期可償付金額
settlement-remaining = 在您每期 { $cap } { $currency } 的上限內，本市目前應付您 { $so_far } { $currency }，還可以再償付 { $remaining } { $currency }（約相當於 { $city } CITY 的兌換）。
settlement-back-console = 返回管理主控台
settlement-back-list = 所有對帳單
settlement-col-number = 對帳單
settlement-col-period = 期別
settlement-col-redeemer = 兌換商家
settlement-col-offering = 兌換項目
settlement-col-units = 已兌換份數
settlement-col-burned = 已銷毀 CITY
settlement-col-owed = 應付金額
settlement-col-status = 付款
settlement-col-actions = 下載
settlement-caption = 對帳單，最新的排在前面
settlement-status-paid = 已於 { $when } 付款，參考編號 { $reference }
settlement-status-unpaid = 尚未付款
settlement-download-html = 可列印頁面（可另存為 PDF）
settlement-download-csv = CSV
settlement-period-name = 第 { $number } 期
settlement-period-dates = { $start } 至 { $end }

## One statement (printable)
settlement-statement-title = 結算對帳單 { $number }
settlement-statement-issuer = 由 { $city } 市政府開立
settlement-statement-to = 開立對象
settlement-statement-issued = 開立日期
settlement-statement-period = 期別
settlement-statement-rate = 匯率
settlement-statement-rate-value = 每 1 CITY 兌 { $rate } { $currency }
settlement-statement-funding = 資金來源
settlement-statement-lines-caption = 已接受的兌換（依兌換項目）
settlement-statement-total = 總計
settlement-statement-before-cap = 套用上限前的應付金額
settlement-statement-cap = 本期償付上限
settlement-statement-owed = 應付金額
settlement-statement-payment = 付款
settlement-statement-integrity = 完整性
settlement-statement-entry = 帳本第 { $seq } 號分錄記錄了此對帳單的加密指紋：
settlement-statement-signature = 本市帳本金鑰的簽章：
settlement-statement-key = 帳本金鑰：
settlement-statement-print = 請使用瀏覽器的列印功能列印，或另存為 PDF。

## Finance office (administrators)
settlement-office-title = 結算：財務處
settlement-office-link = 結算與對帳單
settlement-office-intro = 本市因兌換商家接受 CITY 兌換而應付的金額。每期結束時會開立對帳單；請在這裡記錄每筆付款及其參考編號。
settlement-terms-title = 償付條件
settlement-terms-hint = 匯率從下一次結算起適用於新開立的對帳單。金額以該貨幣的百分之一單位（分、centavo）計算，除了每個兌換項目的明細行會四捨五入外，其餘一律不進位。
settlement-field-currency = 貨幣（ISO 代碼，例如 USD 或 MXN）
settlement-field-rate = 每 1 CITY 兌換的本地貨幣
settlement-field-funding = 資金來源（例如市政府普通基金、2026-14 號條例）
settlement-terms-save = 儲存條件
settlement-caps-title = 每期償付上限
settlement-caps-hint = 選填。對帳單的應付金額絕不會超過該兌換商家的上限；留空表示不設上限。
settlement-caps-empty = 尚無已核准的兌換商家。
settlement-field-cap = { $name } 的上限
settlement-cap-save = 儲存上限
settlement-field-reference = { $number } 的付款參考編號
settlement-mark-paid = 標示為已付款
settlement-office-empty = 尚無對帳單。
settlement-updated = 最後修改：{ $when }。

## Transparency
settlement-public-title = 本市應付兌換商家的金額
settlement-public-intro = 每個兌換商家每期都會收到一份已簽署的對帳單，列出其接受兌換的 CITY；付款由本市財務處記錄。
settlement-public-caption = 各兌換商家的應付及已付金額
settlement-public-statements = 對帳單
settlement-public-owed = 應付
settlement-public-paid = 已付
settlement-public-outstanding = 未付
settlement-public-empty = 尚無結算對帳單。
