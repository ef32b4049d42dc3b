## 多語言內容（issue 27）：範本、機會、兌換項目、組織與提案的翻譯。

# 語言名稱（以繁體中文表示）。$code 是語言標籤；$native 是該語言的自稱。
translations-language = { $code ->
    [en] 英文
    [es] 西班牙文
    [zh-Hant] 繁體中文
   *[other] { $native }
 }
# 讀者看到以原文語言顯示的內容時，顯示於其下方。
translations-originally-in = 原文為{ $language }
translations-link = 翻譯
translations-title = 翻譯
translations-intro = 此內容原以{ $language }撰寫。翻譯會顯示給使用該語言的讀者；原文維持不變。
translations-field-locale = 翻譯語言
translations-choose = 選擇
translations-original = 原文（{ $language }）：
translations-field-title = { $kind ->
    [organization] 名稱
   *[other] 標題
 }
translations-field-summary = { $kind ->
    [template] 摘要
   *[other] 說明
 }
translations-field-content = { $kind ->
    [opportunity] 現場須知
    [template] 說明事項
   *[other] 內文
 }
translations-empty-removes = 欄位留空即可移除該欄位的翻譯。
translations-save = 儲存翻譯
translations-saved = 翻譯已儲存。
translations-no-languages = 本市未提供其他可翻譯的語言。
error-translation-of-original = 這是原文的語言，請選擇其他語言。
