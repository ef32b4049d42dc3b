## Organizations, administration, templates, opportunities and the catalog (web pages) / 組織、管理、任務範本、活動及活動目錄

## Navigation
catalog-nav = 活動
org-nav = 組織

## Shared words
org-kind-issuer = 發布組織
org-kind-redeemer = 兌換商家
org-kind-issuer-long = 發布組織：發布公民任務並驗證服務成果
org-kind-redeemer-long = 兌換商家：接受以 CITY 點數兌換商品或服務
org-role = { $role ->
    [owner] 負責人
    [editor] 編輯
    [verifier] 驗證員
    [cashier] 收銀員
    [registrar] 登記員
   *[other] { $role }
}
org-state = { $state ->
    [pending] 等待核准
    [approved] 已核准
    [declined] 未獲核准
   *[other] { $state }
}
org-state-note = 此組織未公開：{ $state ->
    [pending] 正在等待本市核准。
    [declined] 本市未予核准。
   *[other] { $state }。
}
org-decision-reason = 原因：{ $reason }
org-trail-title = 問責紀錄
org-trail-intro = 每一項變更，以及變更者和時間。
org-trail-by = 由 { $username }
org-trail-action = { $action ->
    [created] 已建立
    [approved] 本市已核准
    [declined] 本市未予核准
    [member_invited] 已邀請成員
    [member_joined] 成員已加入
    [invitation_declined] 邀請被婉拒
    [role_changed] 角色已變更
    [member_removed] 成員已移除
    [edited] 已編輯
    [active] 已啟用
    [retired] 已停用
    [published] 已發布
    [closed] 已截止
    [cancelled] 已取消
    [budget_set] 已設定預算
    [settlement_paid] 結算單已付款
    [settlement_cap_set] 已設定報銷上限
    [settlement_terms_set] 已設定報銷條件
    [partner_invited] 已邀請合作夥伴
    [partner_accepted] 合作夥伴已接受
    [partner_declined] 合作夥伴已婉拒
    [partner_withdrawn] 合作夥伴已退出
    [partner_pending] 已邀請合作夥伴
    [phase_started_early] 階段提前開始
    [adopted] 已採用
    [drafted] 已擬定草稿
    [claimed] 已認領
    [submitted] 已提交證明
    [checked_in] 已簽到
    [verified] 已驗證
    [capped] 獎勵已達上限
    [rejected] 已退回
    [withdrawn] 已撤回
    [expired] 已過期
   *[other] 已變更
}

## Organization directory and pages
org-list-title = 組織
org-list-intro = 參與本市公民服務的政府機關、非營利組織、學校及在地商家。
org-list-empty = 還沒有已核准的組織。
org-list-pages = 組織列表分頁
org-new-link = 登記組織
org-contact = 聯絡方式
org-website = 網站
org-console-link = 開啟組織的管理主控台
org-counts-title = 數據
org-counts-issued = 已發布的活動
org-counts-verified = 已驗證的貢獻
org-counts-median = 做出決定所需時間（中位數）
org-counts-hours = { $hours } 小時
org-counts-no-decisions = 尚無決定
org-templates-title = 提供的任務
org-templates-empty = 還沒有任務範本。
org-opportunities-title = 活動
org-opportunities-empty = 還沒有活動。

## Registering an organization
org-new-title = 登記組織
org-new-intro = 每個新組織都須經本市審查，才能發布任務或接受點數兌換。您將成為它的第一位負責人。
org-field-handle = 代號
org-field-handle-hint = 3 到 40 個字元：小寫英文字母、數字、- 和 _，並以英文字母開頭。代號會出現在組織的網址中。
org-field-name = 名稱
org-field-description = 組織的工作內容
org-field-kinds = 組織在 City/Sync 上的角色
org-field-contact-email = 聯絡電子郵件地址
org-field-contact-email-hint = 公開：居民和本市會用它聯絡此組織。
org-field-website = 網站（選填）
org-field-website-hint = 以 https:// 開頭的完整網址
org-new-submit = 送出申請核准

## The organization's console
org-console-title = { $name } 的管理主控台
org-console-your-role = 您的角色：{ $role ->
    [owner] 負責人
    [editor] 編輯
    [verifier] 驗證員
    [cashier] 收銀員
    [registrar] 登記員
   *[other] { $role }
}
org-public-page-link = 公開頁面
org-verify-link = 待驗證的證明
org-new-template-link = 撰寫新的任務範本
org-members-title = 成員
org-member-role-label = { $username } 的角色
org-member-role-save = 變更角色
org-member-remove = 移除 { $username }
org-invite-title = 邀請成員
org-invite-who = 使用者名稱或電子郵件地址
org-invite-who-hint = 對方需要在本市有帳號。在對方接受之前，不會有任何變更。
org-invite-role = 角色
org-invite-submit = 送出邀請
org-invitations-title = 待回覆的邀請
org-invitations-empty = 沒有等待回覆的邀請。
org-templates-all-title = 任務範本（包括草稿）
org-opportunities-all-title = 活動（包括草稿）

## City administration
admin-orgs-title = 等待核准的組織
admin-orgs-intro = 最早登記的排在前面。核准後的組織會公開；未獲核准的組織會看到您提供的原因。
admin-orgs-empty = 沒有等待決定的組織。
admin-orgs-since = 登記於 { $date }
admin-orgs-approve = 核准 { $name }
admin-orgs-decline = 不予核准 { $name }
admin-orgs-reason = 不予核准的原因（不予核准時必填）
admin-taxonomy-link = 任務類別與單位
admin-taxonomy-title = 任務類別與成果單位
admin-taxonomy-intro = 所有城市共用的類別，以及本市新增的類別。
admin-taxonomy-list-title = 類別及其單位
admin-taxonomy-add-title = 新增成果單位
admin-taxonomy-add-intro = 使用現有類別的 id，可為該類別新增單位；使用新的 id，則會新增類別。新增的項目無法刪除。
admin-taxonomy-id-hint = 2 到 40 個小寫英文字母及底線，例如 tool_lending
admin-taxonomy-category = 類別 id
admin-taxonomy-category-name-en = 類別的英文名稱
admin-taxonomy-category-name-es = 類別的西班牙文名稱
admin-taxonomy-unit = 單位 id
admin-taxonomy-unit-name-en = 單位的英文名稱
admin-taxonomy-unit-name-es = 單位的西班牙文名稱
admin-taxonomy-submit = 新增單位

## The catalog
catalog-title = 公民服務活動
catalog-intro = 各組織現在需要完成的任務。認領一項、完成它、提交證明，就能獲得 CITY 點數和 VOTE。
catalog-filters = 篩選活動
catalog-filter-text = 標題或摘要中的字詞
catalog-filter-category = 類別
catalog-filter-any-category = 所有類別
catalog-filter-organization = 組織代號
catalog-filter-organization-hint = 例如 food-bank，與組織網址中的相同。
catalog-filter-from = 結束日期不早於
catalog-filter-until = 開始日期不晚於
catalog-filter-open = 只顯示尚有名額的活動
catalog-filter-submit = 顯示活動
catalog-results = { $count } 個活動
catalog-empty = 目前沒有符合這些篩選條件的活動。
catalog-place = 地點
catalog-when = 時間
catalog-slots-label = 名額
catalog-slots = 尚餘 { $remaining } 個（共 { $capacity } 個）
catalog-reward = 獎勵
catalog-reward-amounts = { $city } CITY 及 { $vote } VOTE
catalog-state = { $state ->
    [draft] 草稿
    [published] 已發布
    [closed] 已截止
    [cancelled] 已取消
   *[other] { $state }
}
catalog-pages = 結果分頁
catalog-pager-previous = 上一頁
catalog-pager-next = 下一頁
catalog-pager-page = 第 { $page } 頁
catalog-pager-of = 第 { $page } 頁，共 { $pages } 頁

## Task templates
template-state = { $state ->
    [draft] 草稿
    [active] 使用中
    [retired] 已停用
   *[other] { $state }
}
template-version = 第 { $version } 版
template-method = { $method ->
    [issuer_review] 由組織審核證明
    [on_site] 由組織在現場確認
    [peer] 由其他參與者確認
   *[other] { $method }
}
template-proof-kind = { $kind ->
    [text] 書面報告
    [photo] 照片
    [geo] 所在位置
    [time_range] 服務時間
   *[other] { $kind }
}
template-minutes = 約 { $minutes } 分鐘
template-none = 無
template-new-title = 新的任務範本
template-new-intro = 任務範本描述 { $organization } 會一再提供的一種任務。它一開始是草稿，只有成員看得到。
template-edit-title = 編輯「{ $title }」
template-edit-new-version = 此範本正在使用中：儲存後會建立第 { $version } 版。已有的認領會維持認領時的版本。
template-field-title = 標題
template-field-summary = 摘要
template-field-instructions = 說明
template-field-instructions-hint = 要做什麼、要帶什麼。可以使用 Markdown：**粗體**、以 - 開頭的清單、[文字](https://…) 形式的連結。
template-field-category = 類別
template-field-unit = 成果單位
template-field-unit-hint = 單位必須屬於所選的類別。
template-field-outcome = 每次完成的預期成果
template-field-outcome-hint = 以成果單位計算的數字，例如 5 或 2.5
template-field-method = 服務成果如何驗證
template-field-proof-kinds = 居民需提交的證明
template-field-proof-kinds-hint = 至少一項，除非服務在現場確認。
template-field-reward = 每次完成的獎勵
template-field-reward-city = CITY 點數
template-field-reward-city-hint = 例如 2.50（最多兩位小數）
template-field-reward-vote = VOTE
template-field-minutes = 預估分鐘數
template-field-accessibility = 無障礙資訊
template-field-accessibility-hint = 階梯、地形、座位、洗手間、使用的語言：參加者需要知道的事項。
template-field-extra = 給居民的額外問題
template-field-extra-hint = 每行一題：代碼 | 問題 | 類型（text、number、choice 或 date）| required 或 optional | 以逗號分隔的選項（僅限 choice）。範例：bags | 裝滿的袋數 | number | required
template-new-submit = 儲存為草稿
template-edit-submit = 儲存變更
template-old-version = 您正在閱讀第 { $version } 版，這是較舊的版本。
template-current-link = 查看目前版本
template-edit-link = 編輯此範本
template-new-opportunity-link = 用此範本發布活動
template-activate = 啟用
template-retire = 停用
template-extra-title = 額外問題
template-extra-kind = { $kind ->
    [text] 文字
    [number] 數字
    [choice] 選項
    [date] 日期
   *[other] { $kind }
}
template-extra-required = 必填
template-extra-optional = 選填
template-versions-title = 版本

## Issuing an opportunity
opportunity-form-title = 新活動：{ $title }
opportunity-form-intro = 在特定時間為 { $organization } 完成此任務的機會。活動一開始是草稿；發布後才開放認領。
opportunity-form-field-title = 標題（選填）
opportunity-form-field-title-hint = 留空則使用範本的標題。
opportunity-form-field-place = 地點
opportunity-form-coordinates = 地圖位置（選填）
opportunity-form-coordinates-hint = 兩者都要填，以十進位度數表示，例如 37.8715 和 -122.2730
opportunity-form-field-latitude = 緯度
opportunity-form-field-longitude = 經度
opportunity-form-times = 時間
opportunity-form-times-hint = 結束時間須晚於開始時間；認領在截止時間結束，最晚不超過活動結束時間。
opportunity-form-field-starts = 開始
opportunity-form-field-ends = 結束
opportunity-form-field-deadline = 認領截止
opportunity-form-field-capacity = 名額
opportunity-form-field-capacity-hint = 可認領的居民人數（1 到 10000）。
opportunity-form-field-onsite = 現場說明（選填）
opportunity-form-field-onsite-hint = 在哪裡集合、找誰報到。
opportunity-form-submit = 儲存為草稿

## Correcting an opportunity, and cancelling it after a confirmation
opportunity-edit-title = 修改「{ $title }」
opportunity-edit-intro = 修正時間、地點、名額、標題或現場說明。已認領的居民會收到變更通知。
opportunity-edit-intro-published = 修正時間、地點、名額、標題或現場說明。已認領的居民會收到變更前後的內容，追蹤您組織的城市也會收到更新。
opportunity-edit-claimants = { $count } 位居民已認領：名額不能少於 { $count }，每個人都會收到變更通知。
opportunity-edit-submit = 儲存變更
opportunity-cancel-title = 要取消「{ $title }」嗎？
opportunity-cancel-what = 會發生什麼事
opportunity-cancel-ending = { $count ->
    [0] 沒有認領會被終止：沒有人持有尚未提交證明的認領。
   *[other] { $count } 項認領將被終止（尚未提交證明）。
}
opportunity-cancel-told = { $count ->
    [0] 沒有人認領，因此不需要通知任何人。
   *[other] 已認領的 { $count } 位居民會收到通知，並看到您提供的原因。
}
opportunity-cancel-catalog = 活動會從活動目錄中移除，追蹤您組織的城市也會收到取消通知。
opportunity-cancel-final = 已取消的活動無法重新開放。
opportunity-cancel-reason = 原因
opportunity-cancel-reason-hint = 必填。已認領的居民會看到此原因，它也會保留在組織的紀錄中。
opportunity-cancel-confirm = 取消活動
opportunity-cancel-keep = 保留活動

## The administrator's home (/admin).
nav-admin = 管理
admin-home-title = 管理
admin-home-intro = 等待您處理的事項，以及管理本市的所有頁面。
admin-home-waiting = 等待您處理
admin-home-organizations = { $count ->
    [0] 沒有等待核准的組織。
   *[other] 有 { $count } 個組織等待核准。
}
admin-home-reported = { $count ->
    [0] 沒有被檢舉的留言。
   *[other] 有 { $count } 則被檢舉的留言等待處理。
}
admin-home-peers = { $count ->
    [0] 所有互聯城市都有回應。
   *[other] 有 { $count } 個互聯城市連線失敗。
}
admin-home-pages = 管理頁面
