# Self check-in by poster (issue 26) and the service-hours record.

check-in-poster-title = 簽到海報：{ $title }
check-in-poster-lead = 掃描即可簽到及簽退
check-in-poster-steps = 請用您的 City/Sync 帳號登入，抵達時按「簽到」，離開時按「簽退」。您的服務時數會依這兩個時間計算。
check-in-qr-title = { $title } 的簽到碼
check-in-organization = 組織
check-in-place = 地點
check-in-starts = 開始時間
check-in-window = 簽到開放時間
check-in-window-text = 簽到開放時間為 { $opens } 至 { $closes }。
check-in-poster-settings = 海報設定
check-in-print = 列印海報
check-in-print-hint = 請使用瀏覽器的列印功能：海報剛好印在一張 A4 紙上。
check-in-distance-label = 與地圖位置的最大距離（公尺；留空表示不檢查）
check-in-distance-help = 設定後，居民的手機必須分享位置，距離超過此值便無法簽到。此設定適用於貴組織的所有活動。
check-in-distance-no-point = 此活動沒有地圖位置，因此無論您為組織設定多少距離，都不會檢查距離。
check-in-distance-save = 儲存距離
check-in-distance-saved = 距離已儲存。
check-in-distance-invalid = 請輸入 { $min } 至 { $max } 之間的整數公尺數，或將此欄留空。
check-in-see-check-ins = 查看並確認簽到
check-in-back = 返回活動
check-in-print-poster = 列印簽到海報

check-in-title = 簽到：{ $title }
check-in-done-in = 您已簽到。離開時請在這裡簽退。
check-in-done-out = 您已簽退。謝謝您！您的時數已記錄。
check-in-checked-in = 簽到時間
check-in-checked-out = 簽退時間
check-in-not-yet = 尚未
check-in-hours-label = 時數
check-in-hours = { $hours } 小時
check-in-button-in = 簽到
check-in-button-out = 簽退
check-in-position-help = 此組織會檢查您是否在地點的 { $max } 公尺範圍內：您的瀏覽器會要求分享您的位置。
check-in-position-noscript = 在這裡簽到需要您的位置，而瀏覽器只有在開啟 JavaScript 時才會分享位置。
check-in-see-claim = 查看您的認領
check-in-see-opportunity = 查看活動並認領名額

check-in-refused-no-claim = 您沒有認領此活動，因此無法簽到。
check-in-refused-not-open = 此活動未開放：任何人都無法簽到。
check-in-refused-claim-done = 您的認領已提交或已有結果：無需簽到或簽退。
check-in-refused-too-early = 太早了：簽到將於 { $at } 開放。
check-in-refused-too-late = 太遲了：簽到已於 { $at } 截止。
check-in-refused-already-in = 您已經簽到了。
check-in-refused-not-in = 您必須先簽到，才能簽退。
check-in-refused-already-out = 您已經簽退了。
check-in-refused-position-needed = 此組織會檢查您的所在位置，但您的瀏覽器沒有傳送位置。請允許此頁面使用您的位置，然後再試一次。
check-in-refused-too-far = 您距離地點 { $meters } 公尺；此組織只接受 { $max } 公尺範圍內的簽到。

check-in-list-title = 簽到名單：{ $title }
check-in-list-caption = 已簽到的居民
check-in-list-empty = 尚無人簽到。
check-in-confirm-column = 確認
check-in-confirm-one = 確認 { $resident } 的簽到
check-in-resident = 居民
check-in-state = 認領
check-in-still-in = 仍在場（未簽退）
check-in-confirmed-at = 已於 { $at } 確認
check-in-rating = 已確認工作的品質評分
check-in-confirm-approves = 確認後，每個勾選的認領都會依簽退時記錄的成果獲得核准。
check-in-confirm-records = 確認後，每個勾選的簽到都會記錄為已驗證的出席；居民提交的證明仍照常審核。
check-in-confirm-button = 確認勾選的簽到
check-in-confirmed-summary = 已核准 { $approved } 筆，記錄為出席 { $recorded } 筆，略過 { $skipped } 筆（未簽退或已確認）。

hours-link = 您的服務時數紀錄（可列印，已簽署）
hours-title = 服務時數紀錄
hours-period = 期間
hours-period-text = { $from } 至 { $until }
hours-from = 從
hours-until = 至
hours-show = 顯示
hours-resident = 居民
hours-city = 城市
hours-date = 日期
hours-organization = 組織
hours-work = 工作
hours-hours = 時數
hours-source = { $source ->
    [check_in] 簽到及簽退
    [proof] 證明上填寫的工作時間
   *[none] 未記錄時間
  }
hours-total = 總計：{ $hours } 小時
hours-empty = 此期間沒有已驗證的貢獻。
hours-download = 下載已簽署的紀錄（JSON）
hours-print = 列印此頁
hours-verify-note = 任何人都可以離線使用指令「citysync attestation verify FILE」檢查這份已簽署的紀錄，或在 QR 碼開啟的頁面上傳檔案來檢查。
hours-qr-title = 驗證此紀錄的頁面網址
hours-period-invalid = 請輸入兩個日期（年-月-日）作為期間，第一個日期不可晚於第二個，且相隔不超過五年。

attestation-verify-title = 驗證服務時數紀錄
attestation-verify-lead = 上傳已簽署的紀錄（居民從 City/Sync 下載的 JSON 檔案），以檢查其中的每個簽章。系統不會儲存任何資料。
attestation-verify-file = 紀錄檔案
attestation-verify-button = 驗證
attestation-verify-ok = 有效：所有簽章均正確。
attestation-verify-summary = { $city } 證明 { $resident } 於 { $from } 至 { $until } 期間完成 { $hours } 小時已驗證的工作，共 { $entries } 項貢獻。
attestation-verify-key = 以城市金鑰 { $key } 簽署。請與本市在 { $url } 公布的金鑰比對。
attestation-verify-failed = 無效：{ $reason }
attestation-verify-no-file = 請選擇要驗證的紀錄檔案。

attestation-problem-entry = 第 { $index } 項（{ $date }，{ $organization }）：{ $problem }
attestation-problem-malformed = 此檔案不是服務時數紀錄（{ $detail }）
attestation-problem-format = 此檔案不是本伺服器可讀取版本的 City/Sync 服務時數紀錄
attestation-problem-entry-signature = 城市的簽章不正確：此項目已被修改
attestation-problem-key-missing = 紀錄中沒有金鑰 { $detail }
attestation-problem-attestation-signature = 組織對證明書的簽章不正確（{ $detail }）
attestation-problem-issuer = 證明書不是用其發布組織的金鑰簽署的
attestation-problem-subject = 證明書所屬的是另一項貢獻或另一位居民
attestation-problem-hours = 時數與工作的分鐘數不符
attestation-problem-total = 總計不相符
attestation-problem-record-signature = 城市對此紀錄的簽章不正確：紀錄已被修改
