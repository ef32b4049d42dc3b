## Errors of organizations, templates, opportunities, claims and verification
error-handle-invalid = 請使用 3 至 40 個字元：小寫英文字母、數字、- 和 _，並以英文字母開頭。
error-handle-taken = 此代號已被某個組織或居民使用。請另選一個。
error-web-address-invalid = 請輸入以 https:// 或 http:// 開頭的完整網址。
error-kinds-missing = 請至少選擇一項：發布組織、兌換商家，或兩者皆是。
error-role-unknown = 請從清單中選擇一個角色。
error-control-characters = 此欄位含有無法使用的字元（{ $field }）。
error-category-unknown = 請從清單中選擇一個類別。
error-unit-not-of-category = 此成果單位不屬於所選的類別。
error-outcome-invalid = 請輸入一個對此任務合理的正數。
error-reward-invalid = 請以整數或最多兩位小數輸入獎勵，例如 2.50。
error-minutes-invalid = 請輸入 1 至 1440 之間的整數分鐘數。
error-proof-kinds-missing = 除非工作在現場查核，否則請至少選擇一種證明方式。
error-proof-kind-unknown = 請從清單中選擇證明方式。
error-method-unknown = 請選擇工作的驗證方式。
error-extra-field-invalid = 額外問題的第 { $line } 行無效。格式為：鍵 | 問題 | 類型 | required 或 optional | 選項。
error-extra-value-invalid = 請為「{ $field }」填寫有效的答案。
error-times-invalid = 請檢查時間：結束時間必須晚於開始時間，且認領截止時間不可晚於結束時間。
error-capacity-invalid = 請輸入 1 至 10000 之間的名額。
error-coordinates-invalid = 請以小數同時輸入緯度（−90 至 90）和經度（−180 至 180），或兩者都不填。
error-proof-missing = 此任務需要{ $kind ->
    [text] 一份書面報告
    [photo] 至少一張照片
    [geo] 位置
    [time_range] 您的工作時間
   *[other] { $kind }
}。
error-too-many-photos = 最多只能傳送 { $max } 張照片。
error-rating-invalid = 請選擇 1 至 5 分的評分。
error-reason-unknown = 請從清單中選擇一個原因。
error-conflict = 這項內容剛剛已被其他人修改。請重新載入頁面後再試一次。
error-invitee-unknown = 本市沒有任何居民使用此使用者名稱或電子郵件地址。
error-already-member = 此人已經是成員。
error-already-invited = 此人已有一份待回覆的邀請。
error-last-owner = 組織至少要有一位負責人。請先將其他人設為負責人。
error-organization-not-approved = 此組織正在等待本市核准。
error-not-an-issuer = 此組織不是發布組織，因此無法發布任務。
error-template-not-active = 只有啟用中的範本才能發布活動。
error-opportunity-full = 此活動已額滿。
error-not-claimable = 此活動目前不開放認領。
error-already-claimed = 您已經認領了此活動。
error-deadline-passed = 已超過截止時間。
error-already-decided = 這份提交的證明已經審核過了。
error-work-not-started = 活動開始後才能傳送證明。請在活動開始後再回來。
error-own-claim = 您不能驗證自己的工作。
error-photo-invalid = 請以 JPEG、PNG 或 WebP 格式傳送照片。
error-photo-too-large = 每張照片最多 { $megabytes } MB。
error-category-taken = 此類別已有這個單位。
error-capacity-below-claims = 名額不能設為 { $capacity }：已有 { $claims } 人認領（最少須為 { $claims }）。沒有做任何變更。
error-claim-requirements-unmet = 您目前還不能認領此名額：有些參與條件尚未符合。
error-birth-date-invalid = 請以年-月-日輸入您的出生日期，例如 2008-05-31。
error-min-age-invalid = 請以 1 至 120 之間的整數輸入最低年齡，或留空。
error-guardian-not-needed = 只有未成年的居民才需要監護人同意。請先輸入您的出生日期。
error-qualification-unknown = 請從清單中選擇此組織的一項資格認證。
error-qualification-taken = 此組織已有同名的資格認證。
error-expiry-invalid = 請以年-月-日輸入到期日，須為今天或之後。
