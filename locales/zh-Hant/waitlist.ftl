# Waiting lists and group claims (issue 26).

error-waitlist-already = 您已在此活動的候補名單上。
error-waitlist-places-left = 仍有名額：請直接認領，不需要候補。
error-waitlist-offer-gone = 目前沒有提供給您的名額，或提供期限已過。
error-party-size-invalid = 團體人數為 1 至 10 人，且不可超過剩餘名額。
error-party-full = 此團體已滿：所有保留的名額都已有人。

note-waitlist-offer-until = 請在 { $ends } 前接受，否則名額會讓給下一位。

waitlist-full = 已額滿——加入候補名單（您會是第 { $position } 位）。
waitlist-join-button = 加入候補名單
waitlist-waiting = 您在候補名單上：排第 { $position } 位。
waitlist-leave-button = 退出候補名單
waitlist-offered = 有一個名額保留給您，期限至 { $ends }。請接受，或婉拒讓名額給下一位。
waitlist-take-button = 接受名額
waitlist-decline-button = 婉拒

party-size-label = 人數（包括您自己）
party-size-hint = 也要幫朋友認領嗎？最多 10 人，且不可超過剩餘名額。每位朋友使用您取得的連結加入。
party-heading = 您的團體
party-of = { $claimant } 認領的 { $size } 人團體。
party-members = { $count ->
    [0] 還沒有朋友加入。
   *[other] 已加入：{ $names }。
}
party-open-places = { $count ->
    [0] 團體的所有名額都已有人。
   *[other] 團體還有 { $count } 個名額。
}
party-share = 請把這個連結傳給您的朋友（他們登入或建立帳號後即可加入）：
party-code = 加入代碼：{ $code }
party-member-proof = { $claimant } 代表整個團體傳送證明；證明獲得核准後，每位成員都會獲得入帳。
party-invite-title = 加入 { $claimant } 的團體
party-invite-intro = { $claimant } 在「{ $title }」認領了 { $size } 個名額，並邀請您加入。
party-join-button = 加入團體
party-login-to-join = 請登入以加入團體
party-you-hold-claim = 您已經認領了此活動。
