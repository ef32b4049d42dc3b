# The JSON API's own messages (its errors share the rest with the web pages). / JSON API 專用訊息。
error-app-token-no-resident = 此權杖屬於應用程式，而非居民，因此無法代表任何人操作。請使用授權碼流程讓居民登入。
error-cursor-invalid = 此頁面游標並非由 City/Sync 發出。請從第一頁重新開始。
api-docs-title = City/Sync API
api-docs-intro = 本城市 JSON API 的所有操作，由程式碼自動產生。應用程式以 OAuth 2 權杖代表居民操作；公開資料的讀取不需權杖。機器可讀的文件在下方。
api-docs-public = 公開：不需權杖
api-docs-scope = 權限
api-docs-responses = 回應
error-transition-unknown = City/Sync 不認得這種狀態變更。任務範本可以啟用或停用；活動可以發布、截止或取消。
error-request-malformed = City/Sync 無法讀取此請求：缺少某個欄位、欄位類型錯誤，或內容不是有效的 JSON。詳細資訊會指出問題所在。
