## Notifications where work waits (issue 26): the daily digest, reminder times, rewards

## The daily digest: one email a day with all the person's news
mail-digest-subject = 您在 { $city } 的最新消息
mail-digest-intro = 自上次摘要以來，您在 { $city } 有 { $count } 則最新消息：
mail-digest-action = 查看我的所有通知
mail-digest-settings = 您每天收到一封郵件，是因為您在設定中選擇了這個方式；您可以在設定中改回逐則寄送。

## When a shift starts, as a reminder's subject says it
notice-when-hours = { $hours } 小時後
notice-when-today = 今天 { $time }
notice-when-tomorrow = 明天 { $time }
notice-when-day = { $day } { $time }

## Headings over the words that come with the news
mail-note-approved-detail = 驗證員的回饋及您的獎勵：
mail-note-admins-words = 管理員的說明：
mail-note-voting-when = 投票截止時間：

## What an approval earned
notice-earned = 您獲得了 { $city } CITY 和 { $vote } VOTE，已存入您的錢包。
notice-voting-closes = 投票將於 { $when } 截止。

## Settings: how news comes by email
settings-digest-legend = 以電子郵件接收消息的方式
settings-digest-single = 每則消息寄一封郵件
settings-digest-daily = 每天一封郵件，包含我的所有消息
settings-digest-hint = 每日郵件約在本市時間 { $hour }:00 寄出，且只在有消息時才寄。通知頁面隨時都會顯示所有消息。
settings-notices-title = 電子郵件通知
settings-notices-intro = 選擇哪些消息也要以電子郵件寄送，以及要逐則寄送，還是每天一封摘要。
settings-notices-link = 電子郵件偏好設定
