## Identity levels (issue 25): the registrar's desk, the administrator's page, the errors / 身分等級：登記櫃台、管理員頁面、錯誤訊息

error-identifier-invalid = 請檢查證件號碼：CURP 的正式格式為 18 個英文字母和數字；證件號碼則為 4 到 32 個英文字母和數字。
error-identifier-held = 另一個帳號已使用此證件。本次驗證已被拒絕，並已轉交本市管理員處理。
error-already-resident-verified = 此居民已用另一份證件完成驗證。
error-resident-verification-needed = 投票需要居民身分驗證：請到登記櫃台（圖書館或市府櫃台）出示身分證件。
error-identity-already-decided = 此驗證已被撤銷，或此案件已有決定。頁面現在顯示最新狀況。

identity-level = { $level ->
    [resident] 已驗證居民身分
    [email] 已確認電子郵件
   *[none] 尚未驗證電子郵件
}
identity-document-kind = { $kind ->
    [curp] CURP
    [address] 郵寄地址
    [provider_subject] 身分驗證服務帳號
   *[document_number] 證件號碼
}
identity-method = { $method ->
    [letter_code] 郵寄驗證碼，寄到您的地址
    [registry] 本市的登記資料庫
    [openid_connect] 透過身分驗證服務登入
   *[in_person] 親自到登記櫃台辦理
}

registrar-link = 登記櫃台
registrar-title = { $name } 的登記櫃台
registrar-intro = 請當面查驗居民的身分證件，然後輸入其使用者名稱及證件號碼。系統只保存證件號碼的加密指紋，絕不保存號碼本身。
registrar-who = 居民的使用者名稱
registrar-kind = 證件
registrar-identifier = 證件號碼
registrar-identifier-hint = 空格和連字號不影響。
registrar-submit = 驗證居民身分
registrar-verified = { $username } 已通過居民身分驗證。
registrar-already = { $username } 先前已用此證件完成驗證：沒有任何變更。

admin-identity-link = 居民身分驗證
admin-identity-title = 居民身分驗證
admin-identity-intro = 登記員在櫃台驗證居民身分。若同一份證件被用於第二個帳號，驗證會被拒絕，並在此等待您的決定。
admin-identity-conflicts = 被拒絕的驗證
admin-identity-conflicts-empty = 沒有等待決定的被拒絕驗證。
admin-identity-conflict = { $method ->
    [in_person] { $username } 出示了 { $holder } 已使用的證件（{ $kind }），地點：{ $organization }，登記員：{ $registrar }。
   *[other] { $username } 出示了 { $holder } 已使用的證件（{ $kind }），方式：{ $method_name }。
}
admin-identity-dismiss = 保留給 { $holder }
admin-identity-transfer = 轉移給 { $username }
admin-identity-active = 有效的驗證
admin-identity-active-empty = 目前還沒有人通過居民身分驗證。
admin-identity-verified-line = { $method ->
    [in_person] { $username }：{ $kind }，由 { $registrar } 在 { $organization } 驗證
   *[other] { $username }：{ $kind }，方式：{ $method_name }
}
admin-identity-reason = 原因
admin-identity-revoke = 撤銷
admin-identity-revoke-before = 撤銷某日期之前核發的所有驗證
admin-identity-before = 在此日期之前核發（日期，{ $timezone }）
admin-identity-before-invalid = 請以「年-月-日」格式輸入日期，例如 2026-12-31。
admin-identity-revoke-all = 全部撤銷
admin-identity-revoked = 已撤銷 { $count } 項驗證。
admin-identity-done = 完成。

settings-identity-level = 身分等級

## Further resident-verification methods: letter codes, the city's registry, OpenID Connect / 其他居民身分驗證方式

error-address-invalid = 每一行必須是一個郵寄地址，長度為 5 到 200 個字元。
error-verification-method-off = 本市不提供這種居民身分驗證方式。
error-verification-method-not-configured = 此方式需要先設定伺服器（設定檔中的 [identity] 區段）。
error-letter-code-invalid = 此驗證碼無效：請對照您收到的信件檢查。每個驗證碼只能使用一次，有效期限為信上印的日期。
error-registry-no-match = 本市的登記資料庫找不到此證件（或此出生日期）。請檢查您輸入的內容，或到登記櫃台辦理驗證。
error-registry-unavailable = 本市的登記資料庫沒有回應。沒有任何變更：請稍後再試，或改用下方其他方式。
error-identity-provider-unavailable = 無法連線到身分驗證服務。沒有任何變更：請稍後再試，或改用下方其他方式。
error-identity-provider-refused = 無法使用身分驗證服務的回覆（登入已取消、已過期、從另一個帳號開始，或缺少您的識別資料）。沒有任何變更：請重新開始。

identity-methods-link = 居民身分驗證方式
identity-methods-title = 驗證居民身分
identity-methods-intro = 本市的部分功能需要居民身分驗證。請選擇以下其中一種方式；系統只保存您識別資料的加密指紋，絕不保存資料本身。
identity-methods-done = 您已通過居民身分驗證，不需要再做任何事。
identity-methods-email-first = 請先驗證您的電子郵件地址：連結在我們寄給您的郵件中。
identity-methods-verified = 您已通過居民身分驗證。
identity-methods-already = 您先前已用此識別資料完成驗證：沒有任何變更。
identity-methods-letter-intro = 如果本市寄給您一封附有驗證碼的信，請在此輸入。每個地址只能驗證一個帳號。
identity-methods-code = 信上的驗證碼
identity-methods-code-hint = 例如 ABCD-EFGH-JKMN。大小寫、空格和連字號不影響。
identity-methods-code-submit = 用此驗證碼驗證
identity-methods-registry-intro = 本市會透過 { $registry } 核對您的證件。您輸入的資料只會經由加密連線傳送一次。
identity-methods-birth-date = 出生日期
identity-methods-registry-submit = 透過 { $registry } 核對
identity-methods-oidc-intro = 使用 { $provider } 登入：您會前往其網站，完成後再回到這裡。
identity-methods-oidc-submit = 透過 { $provider } 驗證
identity-methods-desk-intro = 或是到登記櫃台（圖書館或市府櫃台）出示身分證件。
identity-methods-back = 返回設定

admin-identity-methods = 居民可用的驗證方式
admin-identity-methods-intro = 登記櫃台一律可用。請開啟本市提供的其他方式。
admin-identity-method-unconfigured = { $method ->
    [registry] 請先在伺服器設定中設定 [identity.registry] 的 url。
    [openid_connect] 請先在伺服器設定中設定 [identity.oidc] 的 issuer、client_id 及 client_secret。
   *[other] 此伺服器不提供此方式。
}
admin-identity-methods-save = 儲存
admin-identity-letters = 郵寄驗證碼
admin-identity-letters-intro = 目前有 { $count } 個驗證碼等待使用。每個新驗證碼只能使用一次，歸最先輸入它的帳號；地址只以加密指紋保存。
admin-identity-addresses = 地址，每行一個
admin-identity-addresses-hint = 也可以直接從試算表貼上：系統會讀取第一欄。您會取得一個 CSV 檔（地址、驗證碼、到期日），可列印並郵寄：驗證碼只會顯示這一次。
admin-identity-addresses-file = 或上傳 CSV 檔（地址放在第一欄）
admin-identity-letter-days = 驗證碼的有效天數（1 到 365）
admin-identity-letters-submit = 產生驗證碼（CSV）
