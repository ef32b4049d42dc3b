## Federation pages: from other cities, the administrator's federation page, organization
## follows, a template's origin and adoptions, the public profile

## Navigation
fed-nav = 其他城市

## Shared words
fed-kind-title = { $kind ->
    [template] 任務範本
    [opportunity] 活動
    [proposal] 提案
    [attestation] 貢獻證明書
    [checkpoint] 帳本檢查點
   *[other] { $kind }
}
fed-kind-one = { $kind ->
    [template] 任務範本
    [opportunity] 活動
    [proposal] 提案
    [attestation] 貢獻證明書
    [checkpoint] 帳本檢查點
   *[other] { $kind }
}
fed-from = 來自 { $domain }
fed-relayed-by = 由 { $domain } 轉送
fed-published = 發布時間
fed-starts = 開始時間
fed-untitled = （無標題）
fed-proof-verified = 簽章已驗證
fed-proof-unverified = 簽章未驗證
fed-times-local = 時間以 { $zone } 時區顯示。
fed-follow-state = { $state ->
    [requested] 已提出，等待查詢
    [unresolved] 找不到：請檢查地址
    [pending] 等待對方回覆
    [accepted] 已接受
    [rejected] 已拒絕
   *[other] { $state }
}
fed-col-actor = 帳號
fed-col-domain = 城市
fed-col-state = 狀態
fed-col-since = 開始日期

## From other cities
fed-title = 來自其他城市
fed-intro = 本市追蹤的互聯城市所發布的內容：任務範本、活動、提案及已驗證的貢獻。這些內容仍屬於對方城市；本市的組織可以把範本採用為自己的草稿。
fed-kind-empty = 尚未收到此類內容。
fed-see-all = 來自其他城市的所有{ $kind ->
    [template] 任務範本
    [opportunity] 活動
    [proposal] 提案
    [attestation] 貢獻證明書
   *[other] { $kind }
}
fed-list-intro = 最新的排在前面，最多 { $limit } 項。
fed-back = 來自其他城市

## One object
fed-object-deleted = 原城市已刪除此內容。這裡保留收到時的原樣。
fed-field-kind = 類型
fed-field-origin = 來源城市
fed-field-author = 發布者
fed-field-starts = 開始時間
fed-field-published = 發布時間
fed-field-updated = 最後修改
fed-field-proof = 簽章
fed-field-original = 原文
fed-document-title = 收到的原始內容
fed-document-intro = 對方城市所傳送文件的各個欄位，以純文字顯示。
fed-adopt-title = 採用此範本
fed-adopt-intro = 採用後，會在您組織的活動目錄中建立一份草稿副本，並註明來源。啟用前您可以修改；啟用時，會通知來源城市。
fed-adopt-into = 採用至
fed-adopt-submit = 採用為草稿
fed-adopt-sign-in = 請登入以採用此範本
fed-adopt-no-organization = 只有已核准的發布組織的負責人和編輯才能採用範本。

## Administration
fed-admin-link = 與其他城市的聯邦
fed-admin-title = 聯邦
fed-admin-intro = 本市追蹤哪些城市、誰追蹤本市、傳送到各個互聯伺服器的狀況，以及哪些網域被封鎖或允許。
fed-admin-handle = 其他城市用來找到本市的地址
fed-admin-actor = 本市的 actor
fed-admin-mode = 聯邦模式
fed-admin-mode-value = { $mode ->
    [allowlist] 允許清單：只限下方允許的網域
   *[open] 開放：所有未被封鎖的網域
}
fed-admin-mode-hint = 在伺服器的設定檔中設定（[federation] mode）。
fed-admin-follow-title = 追蹤互聯城市
fed-admin-follow-intro = 對方接受後，本市便會收到對方發布的內容。
fed-follow-target = 要追蹤的城市地址
fed-follow-target-hint = 例如 @city@oakland.example 或 https://oakland.example/city
fed-follow-submit = 追蹤
fed-admin-follows-title = 本市追蹤的城市
fed-admin-follows-empty = 本市尚未追蹤任何城市。
fed-admin-followers-title = 追蹤本市的城市
fed-admin-followers-empty = 尚無人追蹤本市。
fed-admin-peers-title = 互聯伺服器
fed-admin-peers-intro = 傳送到各個互聯伺服器的內容，以及對方傳來的內容。連續三天失敗的伺服器會被標示為無法連線，之後只會偶爾重試。「已忽略」：已確認收到但不發布的內容——來自本市未追蹤的伺服器，或不是 City/Sync 的任務、活動或提案。
fed-admin-peers-empty = 尚未與其他伺服器交換資料。
fed-col-peer = 互聯伺服器
fed-col-reachable = 可連線
fed-col-last-success = 最近一次傳送
fed-col-pending = 等待中
fed-col-delivered = 已送達
fed-col-failed = 已放棄
fed-col-last-error = 最近的錯誤
fed-col-received = 已收到
fed-col-duplicates = 重複
fed-col-ignored = 已忽略
fed-reachable = { $reachable ->
    [yes] 是
    [no] 否
   *[unknown] 尚不清楚
}
fed-failing-since = 自 { $when } 起失敗
fed-next-probe = 下次重試：{ $when }
fed-never = 從未
fed-admin-domains-title = 封鎖及允許的網域
fed-admin-domains-intro = 被封鎖的網域（及其子網域）無法傳送任何內容到這裡，也不會再收到任何內容。只有在本市僅與允許清單聯邦時，允許的網域才有作用。
fed-domain-field = 網域
fed-domain-hint = 例如 example.org；地址或連接埠會被簡化為網域。
fed-domain-block = 封鎖
fed-domain-allow = 允許
fed-domain-remove = 從清單中移除 { $domain }
fed-domain-policy = { $policy ->
    [block] 已封鎖
    [allow] 已允許
   *[other] { $policy }
}
fed-col-change = 變更
fed-col-policy = 規則
fed-admin-domains-empty = 沒有封鎖或允許任何網域。

## Organization console
fed-org-follows-title = 其他城市的組織
fed-org-follows-intro = 追蹤其他城市的組織，就能在這裡看到它的範本和活動。
fed-org-follow-target = 要追蹤的組織地址
fed-org-follow-target-hint = 例如 @creek-friends@oakland.example 或其網址
fed-org-follows-empty = 此組織尚未追蹤任何對象。
fed-org-follow-nothing-yet = 尚未收到它的任何內容。

## Template page
fed-adapted-from = 改編自
fed-adapted-from-here = 我們的原版副本
fed-adopted-by = 已有 { $n } 個城市採用
fed-adoption-copy = 對方的副本

## Settings: the public profile
settings-profile-title = 公開個人資料
settings-profile-intro = 您的使用者名稱一律公開。您的姓名只有在您選擇時才會顯示。
settings-profile-name = 顯示名稱
settings-profile-name-hint = 選填，最多 80 個字元。
settings-profile-public = 在我的公開個人資料及工作證明書上顯示我的姓名
settings-profile-public-hint = 否則，您的公開個人資料只會顯示使用者名稱；其他城市看得到的已驗證工作證明書上，也只會顯示化名而不是您的姓名。
settings-profile-save = 儲存個人資料
settings-profile-saved = 您的公開個人資料已儲存。

settings-fediverse-title = 您的聯邦宇宙帳號
settings-fediverse-intro = 連結您在 Mastodon、Mobilizon 或其他聯邦宇宙伺服器上使用的帳號。當這個帳號參加本市的活動時，名額就是您自己的認領：您在這裡提交證明，並像其他認領一樣獲得 CITY 和 VOTE；您已驗證工作的證明書也會送到那個帳號。
settings-fediverse-handle = 聯邦宇宙帳號名稱
settings-fediverse-handle-hint = 例如 @alice@mastodon.example。本市會傳一則附有連結的私訊給該帳號；請在登入本站的狀態下開啟連結。
settings-fediverse-send = 傳送連結
settings-fediverse-requested = 本市正在查詢該帳號，並會傳一則附有連結的私訊給它。請在登入本站的狀態下開啟該連結。
settings-fediverse-pending-requested = 正在查詢 { $handle }…
settings-fediverse-pending-sent = 已傳送附有連結的私訊給 { $handle }。連結有效期限至
settings-fediverse-pending-unresolved = 找不到 { $handle } 的聯邦宇宙帳號，或其伺服器不接收本市的訊息。請檢查帳號名稱後再試一次。
settings-fediverse-pending-expired = 傳送給 { $handle } 的連結已過期。請重新傳送。
settings-fediverse-account = 已連結的帳號
settings-fediverse-since = 連結日期
settings-fediverse-unlink = 取消連結 { $handle }
settings-fediverse-linked = 您的聯邦宇宙帳號已連結。它取得的名額就是您的認領。
settings-fediverse-unlinked = 您的聯邦宇宙帳號已取消連結。它先前的認領仍屬於您。
fediverse-confirm-title = 連結您的聯邦宇宙帳號
fediverse-confirm-intro = 要把 { $handle } 連結到您在本市的帳號嗎？之後它在本市活動中取得的名額，就會成為您的認領。
fediverse-confirm-submit = 連結 { $handle }
fediverse-confirm-cancel = 暫時不要
fediverse-link-message = 有人以 { $username } 的身分登入 { $city }，要求連結此帳號。如果是您本人，請在登入該站的狀態下開啟此連結：
fediverse-link-expiry = 此連結只能使用一次，有效期限至 { $until }。如果您沒有提出此要求，請忽略這則訊息。
