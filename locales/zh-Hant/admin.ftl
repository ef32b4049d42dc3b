## The administrator's city settings (/admin/city) and people's accounts (/admin/users).

admin-city-link = 城市設定
admin-city-title = 城市設定
admin-city-intro = 每個頁面上顯示的城市名稱、簡介、時鐘、語言和聯絡方式。每次變更都會連同修改者記錄在下方。
admin-city-name = 城市名稱
admin-city-description = 簡介
admin-city-description-hint = 幾句關於本市的介紹，顯示在其公開頁面上（選填）。
admin-city-timezone-hint = 本市的時鐘，以 IANA 名稱表示，例如 America/Los_Angeles 或 America/Mexico_City。網站上的所有時間都以此為準。
admin-city-contact = 聯絡方式
admin-city-contact-hint = 民眾聯絡管理單位的方式：電子郵件地址，或以 https:// 開頭的網址（選填）。
admin-city-save = 儲存設定
admin-city-history = 最近的變更
admin-city-history-empty = 本市設立以來，設定尚未變更過。
admin-city-value-none = （無）
admin-city-change = { $actor } 變更了{ $field ->
    [name] 名稱
    [description] 簡介
    [timezone] 時區
    [default_locale] 預設語言
    [contact] 聯絡方式
    [settlement_terms] 償付條件
   *[other] 一項設定
}
city-description = 關於本市
city-contact = 聯絡方式

admin-users-link = 使用者帳號
admin-users-title = 使用者帳號
admin-users-intro = 以使用者名稱或電子郵件地址尋找帳號，填寫原因後停權或恢復帳號，並指定誰擔任本市的管理員。每項操作都會記錄在下方。
admin-users-search = 使用者名稱或電子郵件地址包含
admin-users-search-submit = 搜尋
admin-users-count = { $count ->
    [0] 沒有符合的帳號。
   *[other] 共 { $count } 個帳號。
}
admin-users-empty = 沒有符合此搜尋的帳號。
admin-users-pages = 帳號分頁
admin-users-state = { $state ->
    [active] 使用中
    [unverified] 電子郵件地址尚未確認
    [suspended] 已停權
   *[other] 狀態不明
}
admin-users-admin = 管理員
admin-users-since = 加入日期：{ $date }
admin-users-suspended-at = 停權日期：{ $date }
admin-users-reason = 停權原因（會保留在紀錄中）
admin-users-suspend = 將 { $username } 停權
admin-users-restore = 恢復 { $username }
admin-users-grant = 將 { $username } 設為管理員
admin-users-revoke = 取消 { $username } 的管理員身分
admin-users-actions = 最近的帳號操作
admin-users-actions-empty = 尚未有帳號被停權、恢復或指派新角色。
admin-users-action = { $action ->
    [suspended] { $actor } 將 { $username } 停權
    [restored] { $actor } 恢復了 { $username }
    [admin-granted] { $actor } 將 { $username } 設為管理員
    [admin-revoked] { $actor } 取消了 { $username } 的管理員身分
    [resident-verified] { $actor } 驗證了 { $username } 的居民身分
    [resident-self-verified] { $username } 通過居民身分驗證（郵寄驗證碼、登記系統或身分驗證服務）
    [resident-verification-revoked] { $actor } 撤銷了 { $username } 的居民身分驗證
    [identity-conflict] { $actor } 為 { $username } 輸入了一份已屬於另一個帳號的證件
    [identity-conflict-resolved] { $actor } 對 { $username } 出示的證件做出了決定
   *[other] { $actor } 變更了 { $username } 的帳號
}

error-contact-invalid = 請提供電子郵件地址（name@example.org）或以 https:// 開頭的網址。
error-last-admin = 本市至少需要一位有效的管理員。請先將其他人設為管理員。
error-suspend-self = 您不能將自己的帳號停權。
error-account-suspended = 此帳號已被停權。如需了解詳情，請聯絡本市的管理單位。
