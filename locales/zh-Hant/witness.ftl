# Witnessing: cities countersign each other's ledger checkpoints.
witness-witnessed-by = 見證城市
witness-not-witnessed = 尚未有其他城市副署。
witness-link = 本市見證過的其他城市檢查點，以及任何衝突
witness-page-title = 見證其他城市
witness-page-intro = 本市會以自己的帳本金鑰，為所追蹤城市的已簽署帳本檢查點副署。如果某個城市為同一個分錄編號簽署了兩個不同的檢查點，本市會拒絕副署，並在這裡同時列出兩者。
witness-conflicts-title = 互相衝突的檢查點
witness-conflicts-intro = 每一列代表一個為同一分錄編號簽署了兩個不同檢查點的城市。發現衝突後，兩者都不會獲得副署。
witness-conflicts-empty = 未發現互相衝突的檢查點。
witness-conflict-caption = { $city }，第 { $seq } 號分錄：兩個不同的已簽署檢查點
witness-checkpoints-title = 已收到的檢查點
witness-checkpoints-empty = 尚未收到其他城市的檢查點。
witness-col-city = 城市
witness-col-version = 檢查點
witness-col-signature = 該城市的簽章
witness-col-received = 收到時間
witness-col-state = 本市的回應
witness-col-countersignature = 本市的副署
witness-first = 先收到的
witness-second = 衝突的
witness-state = { $state ->
    [witnessed] 已副署
    [conflicted] 發現衝突：已拒絕
   *[other] { $state }
}
