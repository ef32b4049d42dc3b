error-redirect-uri-invalid = 重新導向網址必須以 https:// 開頭；在本機（127.0.0.1 或 localhost）可使用 http://；或使用應用程式自己的 scheme（例如 org.example.app:/callback）。網址須完整並使用小寫（https://app.example/callback），不可含有 # 部分，也不可用 ".." 回到上一層資料夾。
error-pkce-invalid = 此應用程式必須使用 S256 方法的 PKCE。
error-oauth-client-unknown = 此應用程式未在本城市註冊（或已被刪除）。請聯絡應用程式的開發者重新註冊。
error-oauth-redirect-mismatch = 此應用程式要求將您導向一個它未註冊的網址，因此 City/Sync 已在此停止。沒有分享任何資料。
