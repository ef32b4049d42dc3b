## The public calendar and map of opportunities.

calendar-nav = 行事曆
map-nav = 地圖
calendar-title = 公民服務行事曆
calendar-intro = 本市所有已發布且尚未結束的活動，按日期排列。
calendar-timezone = 時間為本市當地時間（{ $timezone }）。
calendar-filters = 篩選行事曆
calendar-filter-place = 地點或社區
calendar-filter-place-hint = 地點名稱的一部分，例如公園、街道或社區。
calendar-filter-from = 從
calendar-filter-to = 至
calendar-filter-peers = 同時顯示我們追蹤的城市的活動
calendar-results = { $count } 項活動
calendar-more = 只顯示前 { $shown } 項。請縮小篩選範圍以查看其餘活動。
calendar-empty = 目前沒有符合這些篩選條件的活動。
calendar-day = { $date }（{ $weekday ->
    [1] 星期一
    [2] 星期二
    [3] 星期三
    [4] 星期四
    [5] 星期五
    [6] 星期六
   *[7] 星期日
}）
calendar-peers-title = 來自我們追蹤的城市
calendar-peers-intro = 其他城市發布的內容，按對方傳送的原樣顯示；此清單只依日期篩選。時間以本市時間顯示。
calendar-peers-from = 來自 { $domain }
calendar-peers-empty = 在這些日期內，我們追蹤的城市沒有任何活動。
map-title = 公民服務地圖
map-intro = 有地圖位置的活動會在地圖上編號；下方清單列出所有活動，編號相同。
map-results = { $count } 項活動，其中 { $located } 項在地圖上
map-svg-title = 活動地圖
map-svg-desc = { $total } 項活動中有 { $located } 項有地圖位置；每個編號的點都連結到對應的活動，地圖下方的清單列出所有活動。
map-caption = 上方為北。地圖只顯示這些活動周圍的區域：沒有繪製街道或地標。
map-none-located = 這些活動都還沒有地圖位置；全部列在清單中。
map-list-title = 全部活動（依編號）
map-no-position = 無地圖位置
