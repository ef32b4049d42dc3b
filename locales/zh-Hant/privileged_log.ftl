privileged-log-link = 特權操作紀錄
privileged-log-title = 特權操作紀錄
privileged-log-intro = 每一項以特殊權限進行的操作——由管理員、驗證者、收銀員、登記員、組織擁有者與營運者所為——依序記錄，每筆紀錄都與前一筆封緘相連。此處的內容無法修改或刪除。
privileged-log-chain-ok = { $count ->
   *[other] 鏈結驗證通過：全部 { $count } 筆紀錄完好無缺。
}
privileged-log-chain-broken = 鏈結驗證失敗：第 { $seq } 筆紀錄{ $reason ->
    [gap] 遺失。
    [link] 未接續前一筆紀錄。
    [hash] 在寫入後遭到更改。
   *[other] 與紀錄的開頭不符。
}
privileged-log-who = 操作者（使用者名稱）
privileged-log-what = 操作
privileged-log-what-any = 任何操作
privileged-log-dates-hint = 日期以城市時間為準（{ $zone }）；包含起訖兩日。
privileged-log-from = 起
privileged-log-to = 迄
privileged-log-filter = 顯示
privileged-log-count = { $count ->
   *[other] 共 { $count } 筆紀錄。
}
privileged-log-csv = 下載這些紀錄（CSV）
privileged-log-entries = 紀錄項目
privileged-log-col-seq = 編號
privileged-log-col-when = 時間
privileged-log-col-who = 操作者
privileged-log-col-what = 操作
privileged-log-col-subject = 對象
privileged-log-col-detail = 詳細資料
privileged-log-actor-gone = 已刪除的帳號
privileged-log-actor-operator = 營運者
privileged-log-capacity = { $capacity ->
    [administrator] 以管理員身分
    [verifier] 以驗證者身分
    [cashier] 以收銀員身分
    [registrar] 以登記員身分
    [owner] 以擁有者身分
   *[operator] 以營運者身分
}
privileged-log-subject = { $kind ->
    [organization] 組織
    [account] 帳號
    [city] 本城市
    [category] 類別
    [budget] 預算
    [settlement] 結算單
    [identity_method] 驗證方式
    [comment] 留言
    [protocol] 城市協定
    [cycle] 治理週期
    [claim] 認領
    [redemption] 兌換
    [peer] 夥伴城市
    [proposal] 提案
    [parameter] 參數
    [privacy_notice] 隱私權聲明
    [legal_hold] 法律保全
   *[other] 其他
}
privileged-log-empty = 沒有符合的紀錄。
privileged-log-pages = 紀錄的頁面
privileged-log-csv-seq = 編號
privileged-log-csv-at-utc = 時間（UTC）
privileged-log-csv-at-local = 時間（城市時間）
privileged-log-csv-who = 操作者
privileged-log-csv-capacity = 身分
privileged-log-csv-kind = 類型
privileged-log-csv-what = 操作
privileged-log-csv-subject-kind = 對象類型
privileged-log-csv-subject = 對象
privileged-log-csv-detail = 詳細資料
privileged-log-csv-hash = 雜湊值

privileged-action-organization-approved = 已核准組織
privileged-action-organization-declined = 已婉拒組織
privileged-action-account-suspended = 已停權帳號
privileged-action-account-restored = 已恢復帳號
privileged-action-administrator-granted = 已授予管理員角色
privileged-action-administrator-revoked = 已撤銷管理員角色
privileged-action-city-setting-changed = 已變更城市設定
privileged-action-taxonomy-changed = 已擴充任務分類
privileged-action-budget-changed = 已設定發行者預算
privileged-action-settlement-terms-changed = 已變更結算條款
privileged-action-settlement-marked-paid = 已將結算單標記為已付款
privileged-action-identity-method-changed = 已變更居民驗證方式
privileged-action-moderation-decided = 已審核留言
privileged-action-protocol-imported = 已匯入城市協定
privileged-action-cycle-created = 已建立治理週期
privileged-action-cycle-edited = 已編輯治理週期
privileged-action-cycle-phase-advanced = 已提前開始週期階段
privileged-action-proof-approved = 已核准證明
privileged-action-proof-rejected = 已退回證明
privileged-action-attendance-confirmed = 已確認出席
privileged-action-redemption-honored = 已在櫃檯兌現兌換
privileged-action-resident-verified = 已在櫃檯驗證居民
privileged-action-resident-verification-revoked = 已撤銷居民驗證
privileged-action-member-invited = 已邀請成員
privileged-action-invitation-accepted = 已接受邀請
privileged-action-member-role-changed = 已變更成員角色
privileged-action-member-removed = 已移除成員
privileged-action-peer-blocked = 已封鎖夥伴城市
privileged-action-peer-allowed = 已允許夥伴城市
privileged-action-peer-unblocked = 已將夥伴城市移出名單
privileged-action-peer-followed = 已追蹤夥伴城市
privileged-action-parameter-enacted = 已由通過的提案施行參數
privileged-action-data-exported = 已匯出個人資料
privileged-action-account-deleted = 已刪除帳號
privileged-action-legal-hold-set = 已設定法律保全
privileged-action-legal-hold-lifted = 已解除法律保全
privileged-action-privacy-notice-published = 已發布隱私權聲明
privileged-action-second-factor-enrolled = 已啟用第二重驗證
privileged-action-second-factor-disabled = 已停用第二重驗證
privileged-action-second-factor-recovery-used = 已使用復原碼
privileged-action-unknown = 未知的動作
