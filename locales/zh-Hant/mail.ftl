## Email messages (templates/mail). Every message below has the same id in es/mail.ftl.

## Shared by every email
mail-greeting = { $username } 您好：
mail-link-plain = 如果按鈕無法使用，請把這個網址複製到瀏覽器：
mail-link-validity = 此連結在 { $hours } 小時內有效。
mail-ignore = 如果這不是您本人的操作，請忽略這封郵件。
mail-signature = City/Sync 上的 { $city } 團隊 敬上
mail-automatic = 這是 City/Sync 上的 { $city } 自動寄出的郵件。

## Confirm the email address after signing up
mail-verify-subject = 請確認您在 { $city } 的電子郵件地址
mail-verify-heading = 確認您的電子郵件地址
mail-verify-intro = 感謝您加入 City/Sync 上的 { $city }。請按下列連結確認您的電子郵件地址：
mail-verify-action = 確認我的電子郵件地址

## Password reset
mail-reset-subject = 重設您在 { $city } 的密碼
mail-reset-heading = 重設您的密碼
mail-reset-intro = 有人要求重設您在 { $city } 的帳號密碼。如要設定新密碼，請使用此連結：
mail-reset-action = 設定新密碼
mail-reset-ignore = 如果這不是您本人的操作，請忽略這封郵件：您的密碼不會改變。

## Someone tried to sign up with an address that already has an account
mail-existing-subject = 有人嘗試以您的電子郵件地址在 { $city } 建立帳號
mail-existing-heading = 您已經有帳號了
mail-existing-intro = 有人嘗試以此電子郵件地址在 { $city } 建立新帳號。此地址已屬於您的帳號 { $username }，因此沒有建立新帳號。
mail-existing-login = 如要登入，請使用此連結：
mail-existing-login-action = 登入
mail-existing-reset = 如果您忘記密碼，可以設定新密碼：
mail-existing-reset-action = 重設我的密碼
mail-existing-ignore = 如果這不是您本人的操作，請忽略這封郵件：您的帳號沒有任何變更。

## The password was changed
mail-changed-subject = 您在 { $city } 的密碼已變更
mail-changed-heading = 您的密碼已變更
mail-changed-intro = 您在 { $city } 的帳號 { $username } 的密碼剛剛已變更。您其他的登入工作階段及應用程式權杖都已登出。
mail-changed-ok = 如果是您本人變更的，就不需要再做任何事。
mail-changed-not-you = 如果不是您本人變更的，請立即在登入頁面使用「忘記密碼？」設定新密碼，並通知本市的客服。

## Notifications about civic work (the person can turn each kind off in their settings)
mail-note-feedback = 驗證員的回饋：
mail-note-claim-confirmed-subject = 您的名額已確認：{ $about }
mail-note-claim-confirmed-intro = 您對「{ $about }」的認領已確認。完成工作後，請在認領頁面提交您的證明。
mail-note-claim-confirmed-action = 查看我的認領
mail-note-opportunity-cancelled-subject = 已取消：{ $about }
mail-note-opportunity-cancelled-intro = 組織已取消「{ $about }」。您的認領已結束，您不需要再做任何事。
mail-note-opportunity-cancelled-action = 尋找其他活動
mail-note-reason = 組織說明的原因：
mail-note-changes = 變更內容：
mail-note-when = 時間和地點：
mail-note-opportunity-changed-subject = 有變更：{ $about }
mail-note-opportunity-changed-intro = 組織變更了您認領的「{ $about }」。您的認領仍然有效；請確認新的安排是否仍然適合您，或退出以釋出您的名額。
mail-note-opportunity-changed-action = 查看活動
mail-note-submission-approved-subject = 您的工作已通過驗證：{ $about }
mail-note-submission-approved-intro = 您為「{ $about }」提交的證明已獲核准。您的貢獻現已記錄。
mail-note-submission-approved-action = 查看我的貢獻
mail-note-submission-rejected-subject = 您的證明需要再檢查：{ $about }
mail-note-submission-rejected-intro = 您為「{ $about }」提交的證明這次未獲核准。如果認領頁面允許，您可以再提交一次。
mail-note-submission-rejected-action = 查看回饋
mail-note-claim-expiring-subject = 請盡快提交證明：{ $about }
mail-note-claim-expiring-intro = 如果沒有提交證明，您對「{ $about }」的認領即將過期。請提交您的證明，或退出以把名額讓給其他人。
mail-note-claim-expiring-action = 提交證明
mail-note-invitation-subject = 您受邀加入 { $about }
mail-note-invitation-intro = 您受邀加入 { $city } 上的「{ $about }」。請在您的通知頁面接受或婉拒邀請。
mail-note-invitation-action = 查看邀請
mail-note-proof-submitted-subject = 有新的證明待驗證：{ $about }
mail-note-proof-submitted-intro = 有居民為「{ $about }」提交了工作證明，正在您組織的驗證佇列中等待處理。
mail-note-proof-submitted-action = 開啟驗證佇列
mail-note-shift-reminder-subject = 提醒：{ $about } 將於 { $when }開始
mail-note-shift-reminder-intro = 提醒您，您認領的「{ $about }」將於 { $when }開始。如果您無法前來，請退出認領，讓其他人可以取得名額。
mail-note-shift-reminder-action = 查看我的認領
mail-note-organization-pending-subject = 有組織等待核准：{ $about }
mail-note-organization-pending-intro = 「{ $about }」申請加入 { $city }。請在組織頁面審查並核准或婉拒。
mail-note-organization-pending-action = 審查組織
mail-note-organization-approved-subject = 您的組織已獲核准：{ $about }
mail-note-organization-approved-intro = 「{ $about }」已在 { $city } 獲得核准。其成員現在可以發布活動和兌換項目。
mail-note-organization-approved-action = 開啟組織頁面
mail-note-organization-declined-subject = 您的組織未獲核准：{ $about }
mail-note-organization-declined-intro = 「{ $about }」未在 { $city } 獲得核准。如果管理員有說明原因，會列在下方。
mail-note-organization-declined-action = 查看組織
mail-note-voting-opened-subject = 投票已開始：{ $about }
mail-note-voting-opened-intro = 「{ $about }」已開始投票。您的 VOTE 餘額可以用來投票：請選出您支持的提案。
mail-note-voting-opened-action = 立即投票
mail-note-voting-closing-subject = 投票明天截止：{ $about }
mail-note-voting-closing-intro = 「{ $about }」的投票將在一天內截止。如果您還沒投票，現在還來得及。
mail-note-voting-closing-action = 立即投票
mail-note-waitlist-offered-subject = 有名額可以給您：{ $about }
mail-note-waitlist-offered-intro = 「{ $about }」空出了一個名額，而您是候補名單上的第一位。請在期限前接受，否則名額會讓給下一位。
mail-note-waitlist-offered-action = 接受名額
mail-note-reward-credited-subject = 您的獎勵已入帳：{ $about }
mail-note-reward-credited-intro = 您已通過居民身分驗證，因此為您在「{ $about }」已驗證工作保留的獎勵，已存入您的錢包。
mail-note-reward-credited-action = 查看我的錢包
mail-note-credited = 入帳金額：

## A one-time sign-in link
mail-signin-subject = 您在 { $city } 的登入連結
mail-signin-heading = 免密碼登入
mail-signin-intro = 有人要求取得登入您在 { $city } 帳號的連結。如要登入，請使用此連結（只能使用一次）：
mail-signin-action = 登入
mail-signin-validity = 此連結只能使用一次，{ $minutes } 分鐘內有效。
mail-signin-ignore = 如果這不是您本人的操作，請忽略這封郵件：沒有這個連結，任何人都無法登入。如果這種情況持續發生，請設定更安全的密碼。

## An invitation to an organization (sent alike whether or not the address has an account)
mail-org-invite-subject = 您受邀加入 { $about }
mail-org-invite-heading = 加入 { $organization }
mail-org-invite-intro = 您受邀加入 { $city } 上的「{ $organization }」。如果您已在該站有帳號，請登入並在通知頁面回覆；如果還沒有，請用此電子郵件地址註冊帳號，您就會成為成員。
mail-org-invite-action = 回覆邀請
mail-org-invite-ignore = 如果您不想加入，請忽略這封郵件。
