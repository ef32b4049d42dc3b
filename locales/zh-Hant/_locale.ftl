## City/Sync 除了訊息之外需要知道的此語言資料。

# 語言選單中顯示的語言名稱。
locale-native-name = 繁體中文
# 星期與月份名稱（pure-rust-locales）。
locale-chrono = zh_TW
# 數字寫法：1,234.5 與 75.0%。
locale-decimal-separator = .
locale-group-separator = ,
locale-percent-suffix = %
