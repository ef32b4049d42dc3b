## Apps that act for a resident (OAuth 2): the consent page, what each scope allows, and the
## authorized apps on the settings page.

## The consent page
oauth-authorize-title = 要讓 { $app } 使用您的帳號嗎？
oauth-authorize-intro = 應用程式 { $app } 要求代表您在 { $city } 上操作。在您選擇「允許」之前，不會分享任何資料。
oauth-signed-in-as = 目前登入身分
oauth-app-website = 應用程式的網站
oauth-redirect-label = 您的回覆會傳送到
oauth-redirect-web = { $host }
oauth-redirect-device = 此裝置上的應用程式（{ $name }）
oauth-app-unchecked = City/Sync 不會審查應用程式：名稱和網站都是應用程式自己提供的。只有在您認識它並決定使用它時，才繼續操作。
oauth-scopes-title = 如果您允許，{ $app } 將可以：
oauth-sensitive-title = 請注意：它也要求了重要的權限
oauth-sensitive-intro = 有了這些權限，{ $app } 就能代替您轉移點數、投票或替其他人做決定。只有在您像信任自己一樣信任此應用程式時，才允許這些權限。
oauth-revoke-later = 您隨時可以在設定中撤銷此應用程式的存取權。
oauth-approve = 允許 { $app }
oauth-deny = 拒絕

## What each scope lets an app do, in plain words
scope-read = 查看您的帳號及其中的所有內容：您的個人資料、工作和認領、錢包、投票和通知。
scope-read-wallet = 查看您的錢包：您有多少 CITY 和 VOTE、您的預約及其歷史紀錄。
scope-write-claims = 代替您認領活動名額，以及放棄名額。
scope-write-proofs = 代替您傳送工作證明（文字和照片）。
scope-write-catalog = 建立及修改您協助管理的組織的任務和活動。
scope-verify = 以您組織驗證員的身分核准或不予核准他人的工作，這會產生 CITY 和 VOTE。
scope-redeem = 花用您的 CITY：代替您預約兌換項目及取消預約，並在您服務的櫃台確認兌換。
scope-vote = 在本市的決策中投票及更改您的投票。
scope-write-proposals = 代替您撰寫提案和留言。
scope-admin = 使用您對全市的管理員權限。

## Authorized apps, on the settings page
settings-apps-title = 已授權的應用程式
settings-apps-intro = 您允許代表您操作的應用程式。對不再使用的應用程式，請撤銷其存取權：它的金鑰會立即失效。
settings-apps-empty = 您尚未允許任何應用程式使用您的帳號。
settings-apps-scopes = 可以
settings-apps-authorized = 授權日期
settings-apps-last-used = 最後使用
settings-apps-never = 從未
settings-apps-revoke = 撤銷 { $app } 的存取權
settings-apps-revoked = 已撤銷此應用程式的存取權。它無法再代表您操作。
