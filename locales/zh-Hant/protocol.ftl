## The portable city protocol: export this city's way of working, import another city's. / 可攜式城市協定：匯出本市的運作方式，匯入其他城市的。

## Errors
error-protocol-invalid = 這不是 City/Sync 協定文件，或文件的一部分已損壞。
error-protocol-version-unsupported = 此文件使用協定版本 { $version }，這個 City/Sync 不認得此版本。請更新 City/Sync，或請對方城市提供版本 1 的文件。
error-protocol-signature-invalid = 文件的簽章與內容不符：文件在對方城市簽署後被修改過，或從未簽署。沒有匯入任何內容。請向對方城市索取新的副本。
error-protocol-organization-needed = 請選擇接收匯入任務範本的組織，或不匯入任務範本。

## What an import records
protocol-budget-not-portable = 發布組織的預算指定的是本市自己的組織，因此不匯入
protocol-cycle-title = 採用 { $city } 規則的決策週期
protocol-cycle-description = 由匯入 { $city } 的協定（{ $url }）而開啟，該協定匯出於 { $date }。其投票方式、法定門檻、投票資格門檻及各階段長度皆來自該城市。管理員可以變更其日期和標題，並可在投票開始前變更其規則。

## Administration page
protocol-admin-link = 城市協定
protocol-title = 本市的協定
protocol-intro = 一份說明本市如何運作的簽署文件：類別與成果單位、服務如何驗證、任務範本、參數及治理規則，每一項都附有設定它的決策。其他城市可以匯入它，選擇要採用的部分，當天就能使用相同的任務範本和規則。
protocol-export-title = 匯出本市的協定
protocol-export-intro = 下載以本市帳本金鑰簽署的文件。文件只包含已經公開的內容。
protocol-export-link = 下載協定（JSON）
protocol-export-cli = 使用命令列：
protocol-import-title = 匯入其他城市的協定
protocol-import-intro = 上傳或貼上文件。您會先看到本市將發生的所有變更，並選擇要匯入哪些部分。在您確認套用之前，不會有任何變更。
protocol-file = 協定檔案
protocol-paste = 或貼上文件內容
protocol-paste-hint = JSON 文字，從第一個大括號到最後一個大括號。
protocol-organization = 接收任務範本的組織
protocol-organization-hint = 匯入的任務範本會成為此組織的有效範本，並各自記錄其改編來源。只有已核准的發布組織可以接收。
protocol-organization-none = 不指定組織（無法匯入任務範本）
protocol-preview-submit = 預覽匯入結果
protocol-preview-again = 依這些選擇重新預覽
protocol-apply-submit = 匯入所選的部分
protocol-origin-title = 文件來源
protocol-origin-city = 城市
protocol-origin-exported = 匯出時間
protocol-origin-version = 協定版本
protocol-origin-key = 簽署金鑰
protocol-origin-key-hint = 簽章與此金鑰相符。若要確認此金鑰確實屬於該城市，請與該城市公布的金鑰比對，網址為
protocol-part-title = { $part ->
    [taxonomy] 類別與成果單位
    [templates] 任務範本
    [parameters] 參數
   *[governance] 治理規則
}
protocol-part-choose = { $part ->
    [taxonomy] 匯入類別與單位
    [templates] 匯入任務範本
    [parameters] 匯入參數
   *[governance] 匯入治理規則
}
protocol-part-empty = { $part ->
    [taxonomy] 本市已有文件中的所有類別和單位。
    [templates] 文件中沒有任務範本。
    [parameters] 本市每個參數的值都已與文件相同。
   *[governance] 本市已採用相同的決策規則。
}
protocol-status-will = { $part ->
    [parameters] 將設定
    [governance] 將開啟
   *[other] 將新增
}
protocol-status-done = { $part ->
    [parameters] 已設定
    [governance] 已開啟
   *[other] 已新增
}
protocol-status-not-chosen = 未選擇
protocol-status-already-here = 本市已在使用（先前已從此範本改編）
protocol-status-own = 本市自己的任務範本
protocol-status-left-out = 未匯入：{ $reason }
protocol-taxonomy-new-category = 新類別 { $category }（{ $category_id }），以 { $unit }（{ $unit_id }）計算
protocol-taxonomy-new-unit = { $category }（{ $category_id }）的新單位 { $unit }（{ $unit_id }）
protocol-template-line = { $title } — { $category }，來自 { $organization }
protocol-templates-receiver = 任務範本將交給 { $name }（@{ $handle }）。
protocol-templates-no-receiver = 請在下方選擇接收任務範本的組織；沒有指定組織，就無法匯入任務範本。
protocol-parameter-change = { $name }：{ $from } → { $to }
protocol-parameter-value = { $name }：{ $value }
protocol-parameters-hint = 變更的參數會記錄在本市的參數歷史中，標示為由您設定，並在紀錄中註明此次匯入。
protocol-governance-hint = 治理規則屬於決策週期。匯入後會以這些規則開啟一個新的決策週期；您可以在週期開始前變更其日期。
protocol-governance-rules = { $method }，法定門檻 { $quorum }%，投票需至少 { $min_vote } VOTE 並已確認電子郵件；提案 { $proposals }，審議 { $deliberation }，投票 { $voting }
protocol-governance-here-cycle = { $rules }（決策週期「{ $cycle }」）
protocol-governance-here-default = { $rules }（預設值：尚無決策週期）
protocol-governance-change = 本市：{ $here }。文件中：{ $there }。將開啟決策週期「{ $title }」，提案階段從 { $starts } 開始。
protocol-governance-opened = 之前：{ $here }。現在：{ $there }，適用於決策週期「{ $title }」，提案階段從 { $starts } 開始。
protocol-duration = { $unit ->
    [days] { $n } 天
    [hours] { $n } 小時
   *[minutes] { $n } 分鐘
}
protocol-verification-title = 驗證方式與原因
protocol-verification-known = 這個 City/Sync 認得文件中所有的驗證方式、證明類型及退回原因。
protocol-verification-unknown = 本市不認得文件中的這些項目；使用它們的任務範本無法匯入：
protocol-configuration-title = 在設定檔中設定
protocol-configuration-hint = 匯入不會變更這些值：它們由系統維運人員在伺服器的設定檔中設定。
protocol-configuration-line = 在設定檔中設定：{ $key } 文件中為 { $there }，本市為 { $here }
protocol-configuration-same = 文件中的設定值與本市相同。
protocol-shipped-versions = 此文件是以分類版本 { $there } 撰寫；這個 City/Sync 內建的是版本 { $here }。
protocol-summary-preview = { $n ->
    [0] 匯入所選的部分不會造成任何變更。
   *[other] 匯入所選的部分會造成 { $n } 項變更。
}
protocol-summary-applied = { $n ->
    [0] 已匯入：不需要任何變更。
   *[other] 已匯入：已完成 { $n } 項變更。
}
protocol-applied-cycle = 查看已開啟的決策週期
protocol-another = 匯入另一份文件
