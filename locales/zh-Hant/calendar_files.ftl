# Calendar files (issue 26): recurring opportunities, calendar feeds, .ics by email.

## The new-opportunity form: repeating it.
calendar-files-repeat-legend = 重複
calendar-files-repeat-hint = 每個日期都會成為獨立的活動，各有自己的名額和認領，當地時間相同。最多 { $max } 個日期。
calendar-files-repeat-once = 一次
calendar-files-repeat-weekly = 每週一次，直到下方的日期
calendar-files-repeat-until = 最後日期
calendar-files-repeat-dates = 在下方列出的日期（第一個日期以外）
calendar-files-repeat-dates-field = 其他日期
calendar-files-repeat-dates-hint = 日期格式為 YYYY-MM-DD，以逗號或換行分隔，不可早於第一個日期。
error-repeat-invalid = 請選擇每週重複的最後日期，或以 YYYY-MM-DD 格式列出其他日期，不可早於第一個日期。
error-too-many-occurrences = 一個系列最多只能有 { $max } 個日期。請選擇較早的最後日期，或減少日期。

## The opportunity page.
calendar-files-series-heading = 其他日期
calendar-files-series-publish = 發布此系列所有草稿日期

## Feeds.
calendar-files-resident-feed-name = 我在 { $city } 的參與
calendar-files-organization-feed-name = { $name }（活動）
calendar-files-org-link = { $name } 的行事曆（iCal）
calendar-files-calendar-page-link = 可在組織的頁面訂閱其行事曆；您自己的認領有一個私人行事曆網址，位於您的設定中。
calendar-files-calendar-settings-link = 您的私人行事曆網址

## Settings.
calendar-files-settings-heading = 行事曆
calendar-files-settings-intro = 使用私人網址，把您的認領加入行事曆應用程式。任何取得此網址的人都能看到您的認領，請勿外流。建立新網址後，舊網址就會失效。
calendar-files-settings-button = 建立新的私人行事曆網址
calendar-files-feed-title = 您的私人行事曆網址
calendar-files-feed-made = 已建立新的私人行事曆網址。先前的網址已失效。
calendar-files-feed-how = 請把這個網址複製到您的行事曆應用程式（以網址訂閱行事曆）。此網址只會顯示這一次：如要再次查看，請建立新網址。
calendar-files-feed-address = 私人行事曆網址
calendar-files-feed-subscribe = 在您的行事曆應用程式中訂閱
calendar-files-feed-download = 下載一次
calendar-files-feed-secret = 任何取得此網址的人都能看到您的認領。
calendar-files-back-to-settings = 返回設定
