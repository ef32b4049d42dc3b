## Layout
nav-skip = 跳到主要內容
nav-label = 主選單
nav-home = 首頁
nav-city = 關於本市
nav-settings = 設定
nav-login = 登入
nav-signup = 註冊帳號
nav-logout = 登出（{ $username }）
language-label = 語言
language-switch = 切換
footer-text = City/Sync — 開放的公民基礎設施。所有公開內容人人可見。
banner-unverified = 請確認您的電子郵件地址：確認之前，您可以瀏覽，但無法參與。
banner-unverified-resend = 重新寄送確認連結

## Home and city
home-intro = { $city } 使用 City/Sync 推動公民服務：找到對您社區有幫助的任務，完成它，就能獲得在地點數，並在市政決策中擁有發言權。
home-region = 地區：{ $region }
home-welcome = { $username }，歡迎回來。
home-not-configured = 本市尚未完成設定。管理員可以在伺服器的日誌中找到一次性的設定連結。
home-what-title = 如何運作
home-what-tasks = 組織發布公民任務；居民認領、完成任務並提交證明。
home-what-credit = 通過驗證的服務可獲得 CITY 點數，可在在地商家及服務使用。
home-what-vote = 通過驗證的服務也可獲得 VOTE，也就是您在市政決策中的份量。
home-what-federation = 各城市彼此分享有效的做法；每個城市的點數只在該城市使用。
city-title = 關於 { $city }
city-handle = 聯邦地址
city-federation-intro = 其他城市可以追蹤本市，查看本市的任務、計畫與決策。
profile-intro = 本市在 City/Sync 上的一位居民。

## Forms
field-username = 使用者名稱
field-username-hint = 3 到 30 個字元：小寫英文字母、數字及底線。此名稱會公開。
field-email = 電子郵件地址
field-password = 密碼
field-password-hint = 至少 10 個字元，且不易被猜到：用幾個彼此無關的詞就很好。任何字元都可以，包括空格。
field-password-confirm = 再次輸入密碼
field-current-password = 目前的密碼
field-new-password = 新密碼

## First run
setup-title = 設定您的城市
setup-intro = 為城市命名，並建立第一位管理員。此頁面只能使用一次。
setup-city-legend = 城市
setup-city-name = 城市名稱
setup-region = 地區
setup-region-hint = 例如：California, United States
setup-default-locale = 預設語言
setup-timezone = 時區
setup-timezone-hint = IANA 時區名稱，例如 America/Los_Angeles 或 America/Mexico_City
setup-admin-legend = 第一位管理員
setup-submit = 建立城市

## Accounts
signup-title = 註冊帳號
signup-intro = 加入 City/Sync 上的 { $city }。我們會寄送一個連結，以確認您的電子郵件地址。
signup-submit = 註冊帳號
signup-have-account = 已經有帳號了嗎？
signup-sent-title = 請查看您的電子郵件
signup-sent-body = 如果此地址可以使用，含有確認連結的郵件已經寄出。連結 24 小時內有效。
verify-title = 確認您的電子郵件地址
verify-intro = 請按下按鈕，確認您的電子郵件地址。
verify-submit = 確認我的電子郵件地址
verify-done-title = 電子郵件地址已確認
verify-done-body = 謝謝您。您現在可以登入並參與了。
resend-title = 重新寄送確認連結
resend-submit = 寄送連結
resend-sent-title = 請查看您的電子郵件
resend-sent-body = 如果有尚未確認的帳號使用此地址，新的連結已經寄出。
login-title = 登入
login-submit = 登入
login-forgot = 忘記密碼？
login-email-link = 無法登入？用電子郵件寄給我一次性登入連結
login-link-title = 用電子郵件中的連結登入
login-link-intro = 我們會寄一個連結到您的地址，讓您在 15 分鐘內不用密碼登入一次。即使因失敗次數過多而暫停密碼登入，此連結仍然有效。
login-link-submit = 寄給我登入連結
login-link-sent-title = 請查看您的電子郵件
login-link-sent-body = 如果有帳號使用此地址，登入連結已經寄出。連結只能使用一次，15 分鐘內有效。
login-link-use-title = 登入
login-link-use-intro = 此連結可讓您登入一次。此瀏覽器將被記住，成為您的裝置之一。
login-link-use-submit = 登入
forgot-title = 重設密碼
forgot-intro = 請輸入您的電子郵件地址，我們會寄給您一個設定新密碼的連結。
forgot-submit = 寄送重設連結
forgot-sent-title = 請查看您的電子郵件
forgot-sent-body = 如果有帳號使用此地址，重設連結已經寄出。連結 1 小時內有效。
reset-title = 設定新密碼
reset-submit = 儲存新密碼
reset-done-title = 密碼已變更
reset-done-body = 您的新密碼已儲存，所有裝置上的登入都已登出。請用新密碼登入。
settings-title = 設定
settings-language-title = 語言
settings-language-intro = 網頁及電子郵件使用的語言。
settings-language-save = 儲存語言
settings-password-title = 密碼
settings-password-save = 變更密碼
settings-password-saved = 您的密碼已變更。您其他的登入工作階段及應用程式權杖都已登出。

## Errors
error-title = 錯誤 { $status }
error-request-id = 請求編號：{ $id }（向本市客服求助時，請提供此編號）
error-username-invalid = 請使用 3 到 30 個字元：小寫英文字母、數字及底線。
error-username-reserved = 此使用者名稱已被保留。請選擇其他名稱。
error-username-taken = 此使用者名稱已有人使用。請選擇其他名稱。
error-email-invalid = 請輸入像 name@example.org 這樣的電子郵件地址。
error-password-too-short = 密碼至少需要 { $min } 個字元。
error-password-too-long = 密碼太長。
error-passwords-differ = 兩次輸入的密碼不一致。
error-password-weak = 此密碼太容易被猜到：{ $reason ->
        [personal] 它由您的使用者名稱、電子郵件地址或城市名稱組成。
        [repeat] 像「aaaa」或「abcabc」這樣的重複幾乎沒有幫助。
        [common] 它是最常用的密碼之一。
        [pattern] 像「abcd」或「qwerty」這樣的連續字元和鍵盤排列會最先被嘗試。
        [date] 日期和年份會最先被嘗試。
        [word] 單一的詞或名字會最先被嘗試。
       *[other] 它很快就會被猜出來。
    }請使用幾個彼此無關的詞，例如一句只有您會寫的短句。
error-current-password-wrong = 目前的密碼不正確。
error-scope-unknown = 不明的權限：{ $scope }
error-required = 請填寫此欄位（{ $field }）。
error-too-long = 此欄位太長（{ $field }）。
error-unavailable = 服務暫時無法使用。請稍後再試。
error-internal = 我們這邊出了問題。請再試一次。
error-not-found = 此頁面不存在。
error-forbidden = 您不能執行此操作，或表單已過期。請返回上一頁，重新載入後再試一次。
error-unauthenticated = 請先登入。
error-not-verified = 請先確認您的電子郵件地址。
error-bad-credentials = 電子郵件地址或密碼不正確。
error-throttled = 嘗試次數過多。請等待 { $minutes } 分鐘後再試。
error-invalid-link = 此連結無效或已過期。您可以申請新的連結。
error-setup-token-invalid = 此設定連結無效。請使用伺服器日誌中顯示的連結。
error-already-set-up = 本市已經完成設定。
error-locale-unsupported = 不提供此語言。
error-timezone-invalid = 不明的時區。請使用像 America/Mexico_City 這樣的名稱。
error-bad-request = 無法理解此請求。
error-method-not-allowed = 此網址不接受這種請求。
error-timeout = 請求花費的時間過長。
error-payload-too-large = 您傳送的內容太大。
error-unsupported-media-type = 此處不接受這種內容類型。
error-insufficient-scope = 此應用程式的存取權不包括「{ $scope }」權限。
error-token-in-query = 請在 Authorization 標頭中傳送存取權杖，切勿放在網址中。
error-transition-refused = 現在無法執行此操作：目前狀態為「{ $state }」。
error-state-unknown = 無法辨識所儲存的狀態。

## Instants on the city's clocks, as this language writes them (chrono strftime patterns).
## Taiwan style, 24-hour clock; %a gives 日…六 with chrono::Locale::zh_TW.
moment-date-time = %Y年%-m月%-d日（%a）%H:%M
moment-date = %Y年%-m月%-d日（%a）
moment-time = %H:%M
# The city's clock named near time fields, e.g. "Berkeley time (PST)". / 例如「Berkeley 時間（PST）」。
zone-label = { $city } 時間（{ $zone }）
