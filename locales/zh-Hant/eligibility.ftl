## Eligibility of claims: minimum age, guardian's consent, waivers, qualifications (issue 26)

# What a resident still needs, listed on the opportunity page and in a refusal.
eligibility-need-birth-date = 在您的設定中填寫出生日期（此任務有最低年齡限制）
eligibility-need-age = 在工作開始當天年滿 { $age } 歲
eligibility-need-guardian = 家長或監護人的同意（請在您的設定中申請）
eligibility-need-waiver = 在認領表單上接受免責聲明
eligibility-need-qualification = 在工作開始當天仍有效的資格認證「{ $name }」（由組織授予）
eligibility-you-need = 您需要：{ $needs }。
eligibility-needs-title = 您必須先符合下列條件，才能認領名額：
eligibility-need-waiver-below = 接受下方的免責聲明
eligibility-settings-link = 開啟您的參與資格設定
eligibility-waiver-read = 閱讀免責聲明（第 { $version } 版）
eligibility-waiver-accept = 我已閱讀並接受免責聲明
eligibility-acceptances-title = 已接受的免責聲明
eligibility-acceptance-line = { $username } 接受了第 { $version } 版，時間：

# The resident's settings
eligibility-settings-title = 年齡與資格認證
eligibility-settings-link-short = 年齡、監護人與資格認證
eligibility-back-to-settings = 返回設定
eligibility-birth-date-title = 出生日期
eligibility-birth-date-intro = 有些任務有最低年齡限制。只有您本人和本市的管理員看得到您的出生日期。
eligibility-birth-date = 出生日期
eligibility-birth-date-hint = 年-月-日，例如 2008-05-31。
eligibility-birth-date-save = 儲存出生日期
eligibility-birth-date-saved = 您的出生日期已儲存。
eligibility-guardian-title = 監護人同意
eligibility-guardian-intro = 未滿 { $age } 歲的居民必須取得家長或監護人的同意，才能認領工作。請輸入對方的電子郵件地址：我們會寄一個同意連結給對方。
eligibility-guardian-not-needed = 只有未滿 { $age } 歲的居民（依所填的出生日期計算）才需要監護人同意。
eligibility-guardian-email = 您的家長或監護人的電子郵件地址
eligibility-guardian-email-hint = 對方會收到一個只能使用一次、7 天內有效的連結。
eligibility-guardian-send = 申請同意
eligibility-guardian-sent = 我們已寄同意連結給您的監護人。
eligibility-guardian-pending = 正在等待 { $guardian } 同意；連結有效期限至
eligibility-guardian-consented = { $guardian } 已同意，時間：
eligibility-held-title = 您的資格認證
eligibility-held-line = { $name }（{ $organization }），有效期限至
eligibility-held-none = 您目前還沒有任何資格認證。資格認證由組織授予，例如在完成培訓之後。

# The guardian's page
eligibility-consent-title = 同意參與公民服務
eligibility-consent-intro = { $resident } 請求您同意其參與 City/Sync 上 { $city } 的公民服務。
eligibility-consent-what = 取得您的同意後，對方就可以認領組織所發布任務的名額（有些任務另有要求，例如最低年齡或資格認證）。您的同意會連同時間和您的電子郵件地址一起記錄。
eligibility-consent-as = 您以 { $guardian } 的身分表示同意。
eligibility-consent-button = 我同意 { $resident } 參與
eligibility-consent-ignore = 如果您不同意，請關閉此頁面：不會有任何變更。
eligibility-consent-done = 謝謝您。您對 { $resident } 的同意已記錄。

# A template's requirements
eligibility-requirements-link = 參與條件：年齡、免責聲明、資格認證
eligibility-requirements-title = 「{ $title }」的參與條件
eligibility-back-to-template = 返回範本
eligibility-requirements-intro = 不符合這些條件的居民無法認領此任務的活動；活動頁面會告訴他們還缺少什麼。
eligibility-min-age = 最低年齡
eligibility-min-age-hint = 以工作開始當天的足歲計算。留空表示不限。
eligibility-waiver = 免責聲明
eligibility-waiver-hint = 居民認領時須接受的文字。留空表示不需要。
eligibility-waiver-hint-version = 目前版本：{ $version }。修改文字會產生新版本；先前的接受紀錄仍會保留。留空即可移除免責聲明。
eligibility-qualifications = 所需的資格認證
eligibility-qualifications-none = 您的組織尚未設定任何資格認證。
eligibility-qualifications-manage = 管理資格認證
eligibility-requirements-save = 儲存參與條件
eligibility-requirements-saved = 參與條件已儲存。

# An organization's qualifications
eligibility-qualifications-link = 資格認證
eligibility-qualifications-title = { $organization } 的資格認證
eligibility-qualifications-intro = 資格認證（例如食品從業人員證）會附上到期日授予居民。任務可以要求具備這些資格認證。
eligibility-grant-title = 授予資格認證
eligibility-grant-qualification = 資格認證
eligibility-grant-who = 居民
eligibility-grant-who-hint = 使用者名稱或電子郵件地址。再次授予會更改到期日。
eligibility-grant-expires = 有效期限至
eligibility-grant-button = 授予
eligibility-granted-title = 已授予
eligibility-granted-none = 目前沒有人具備這些資格認證。
eligibility-holder = 居民
eligibility-expired = 已過期
eligibility-revoke = 撤銷
eligibility-revoke-named = 撤銷 { $username } 的 { $name }
eligibility-define-title = 設定資格認證
eligibility-define-name = 名稱
eligibility-define-name-hint = 例如：食品從業人員證。最多 100 個字元。
eligibility-define-button = 設定
eligibility-qualification-defined = 資格認證已設定。
eligibility-qualification-granted = 資格認證已授予。
eligibility-qualification-revoked = 資格認證已撤銷。

# The guardian's email
mail-guardian-subject = { $city }：請同意未成年居民參與公民服務
mail-guardian-heading = { $resident } 請求您的同意
mail-guardian-intro = { $resident } 在 { $city } 的 City/Sync 上填寫了您的電子郵件地址，表示您是其家長或監護人。居民可以在這個平台上參與公民服務。
mail-guardian-what = 由於對方未成年，必須先取得您的同意，才能認領任務的名額。
mail-guardian-action = 閱讀並同意
mail-guardian-valid = 此連結只能使用一次，{ $days } 天內有效。
mail-guardian-ignore = 如果您不認識這位居民，或不同意，請忽略這封郵件。

# The administrator's view of a resident
eligibility-admin-title = { $username } 的年齡與資格認證
eligibility-admin-back = 返回使用者帳號
eligibility-admin-link = 年齡與資格認證
eligibility-admin-minor = 未滿 { $age } 歲
eligibility-admin-none = 未填寫
