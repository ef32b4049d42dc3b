## Co-issued opportunities: partner organizations and their shares of the reward.

partners-title = 「{ $title }」的合作夥伴
partners-explain = 合作夥伴組織共同發布此活動：每一份已驗證的貢獻，各合作夥伴都會從自己的預算支付 { $reward } CITY 獎勵中的分攤額，其餘由主辦組織支付。合作夥伴及分攤額只能在活動發布前變更。
partners-list-title = 發布者
partners-organization = 組織
partners-share = 獎勵分攤額
partners-verifies = 負責驗證提交的證明
partners-no-verify = 不負責驗證
partners-state-heading = 邀請
partners-actions = 操作
partners-lead = 主辦組織
partners-yes = 是
partners-no = 否
partners-amount = { $amount } CITY
partners-state = { $state ->
    [invited] 已邀請，等待回覆
    [accepted] 已接受
    [declined] 已婉拒
   *[withdrawn] 已撤回
}
partners-accept = 接受
partners-decline = 婉拒
partners-withdraw = 撤回
partners-invite-title = 邀請合作夥伴組織
partners-invite-organization = 組織代號
partners-invite-organization-hint = 組織網址中的代號，例如 park-friends。
partners-invite-share = 該組織的獎勵分攤額（CITY）
partners-invite-share-hint = 每一份已驗證的貢獻，都由合作夥伴從自己的預算支付，例如 1.50。
partners-invite-verifies = 該組織的驗證員可以審核提交的證明
partners-invite-submit = 送出邀請
partners-manage-link = 合作夥伴：與其他組織共同發布
partners-issued-by = 發布者
partners-with = 合作夥伴
partners-console-title = 共同發布的邀請
partners-console-from = 來自 { $lead }

error-share-invalid = 分攤額必須是正數的 CITY，例如 1.50。
error-shares-exceed-reward = 合作夥伴的分攤額加起來會超過獎勵。請調低此分攤額或其他分攤額。
error-partners-frozen = 此活動已發布：合作夥伴及分攤額無法再變更。
error-partner-unknown = 沒有任何已核准的發布組織使用此代號。
error-already-partner = 該組織已經在發布此活動，或已受邀參與。
error-partners-pending = 有些共同發布的邀請仍在等待回覆。請等待回覆或撤回邀請，然後再發布。
