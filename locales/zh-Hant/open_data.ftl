## Open data: the index of public datasets, their schema page and the Atom feeds.

open-data-nav = 開放資料
open-data-title = 開放資料
open-data-intro = 本市向大眾公開的所有內容，都以檔案形式提供，任何人都可以下載、再利用及查核：內容與網站頁面和帳本上的紀錄相同。
open-data-schema-intro = 以下是第 { $version } 版的匯出資料：各欄位的名稱和意義保持不變。日後可能新增欄位和資料集；其他任何變更都會以新版本發布。
open-data-schema-link = 所有資料集和欄位的說明
open-data-privacy = 不含個人資料：沒有居民的姓名、使用者名稱或電子郵件，沒有組織的聯絡電子郵件，也沒有電腦的位址。工作經過驗證的居民，只會以其帳本帳戶的化名代碼出現。
open-data-datasets-title = 資料集
open-data-datasets-caption = 第 { $version } 版的資料集及各自目前的資料列數
open-data-col-dataset = 資料集
open-data-col-description = 內容
open-data-col-rows = 資料列
open-data-col-formats = 下載
open-data-download = { $dataset } { $format } 格式
open-data-formats-hint = CSV 檔案採用 UTF-8 編碼並附標題列；JSON 檔案包含相同欄位的相同資料列。時間以 UTC 表示。CITY 金額以百分之一為單位（150 即 1.50 CITY）；VOTE 為整數。
open-data-feeds-title = 訂閱源
open-data-feeds-intro = 用訂閱閱讀器（Atom）追蹤新活動。
open-data-feeds-organization = 各組織自己的訂閱源，網址為
open-data-feed-link = 新活動（Atom 訂閱源）
open-data-feed-organization-link = { $name } 的新活動（Atom 訂閱源）
open-data-feed-city-title = { $name } 的新活動
open-data-feed-organization-title = { $name } 的新活動
open-data-feed-entry-summary = { $summary } — { $place }，{ $starts } 至 { $ends }
open-data-schema-title = 開放資料：資料結構
open-data-schema-language = 本文件以英文撰寫。
open-data-back = 返回開放資料

## The datasets
open-data-dataset-opportunities = 活動
open-data-dataset-opportunities-description = 組織已發布、已截止或已取消的所有活動：任務、地點、時間、名額和獎勵。不含草稿。
open-data-dataset-templates = 任務範本
open-data-dataset-templates-description = 啟用中及已停用的任務範本（目前版本），並註明採用自何處。
open-data-dataset-organizations = 組織
open-data-dataset-organizations-description = 已核准的組織：代號、名稱、是否發布工作或接受 CITY 兌換、網站。
open-data-dataset-contributions = 貢獻
open-data-dataset-contributions-description = 已驗證的工作：確認的成果、評分、發行的 CITY 和 VOTE、日期。居民只會以帳本帳戶代碼出現。
open-data-dataset-ledger-totals = 帳本總計
open-data-dataset-ledger-totals-description = 每期的數字——發行、銷毀、撥付、過期——分別列出全市、各組織及各類別的數字，以及期末餘額。
open-data-dataset-checkpoints = 帳本檢查點
open-data-dataset-checkpoints-description = 帳本的已簽署檢查點：序號、最新雜湊值、總計、簽章，以及用來驗證簽章的金鑰。
open-data-dataset-decisions = 決議
open-data-dataset-decisions-description = 已結束的提案：週期、類型、投票方式、結果、參與率、法定門檻，以及付諸實行的內容。
open-data-dataset-decision-options = 決議計票
open-data-dataset-decision-options-description = 已結束提案的每個選項所得到的支持，以及哪些預算選項獲得資助。
open-data-dataset-aggregates = 儀表板數據
open-data-dataset-aggregates-description = 透明度儀表板的每期數據，分別列出全市及各組織：發布、認領、驗證及未獲核准（依原因）的工作、驗證所需時間的中位數、發行的 CITY 和 VOTE、花用的 CITY。
