# Waiting lists and group claims (issue 26).

error-waitlist-already = You are already on this opportunity’s waiting list.
error-waitlist-places-left = Places are still open: claim one instead of waiting.
error-waitlist-offer-gone = No place is offered to you now, or the offer has ended.
error-party-size-invalid = A party is 1 to 10 people, and at most the places left.
error-party-full = This party is complete: every place it holds is taken.

note-waitlist-offer-until = Take it by { $ends }, or it passes to the next person.

waitlist-full = Full — join the waiting list (you would be number { $position }).
waitlist-join-button = Join the waiting list
waitlist-waiting = You are on the waiting list: number { $position } in line.
waitlist-leave-button = Leave the waiting list
waitlist-offered = A place is offered to you until { $ends }. Take it, or decline so it passes to the next person.
waitlist-take-button = Take the place
waitlist-decline-button = Decline

party-size-label = How many people, you included
party-size-hint = Claiming for friends too? Up to 10 people, at most the places left. Each friend joins with the link you get.
party-heading = Your party
party-of = A party of { $size } claimed by { $claimant }.
party-members = { $count ->
    [0] No friend has joined yet.
   *[other] Joined: { $names }.
}
party-open-places = { $count ->
    [0] Every place of the party is taken.
    [one] One place of the party is still open.
   *[other] { $count } places of the party are still open.
}
party-share = Send your friends this link (they sign in or create an account, then join):
party-code = Join code: { $code }
party-member-proof = { $claimant } sends the proof for the whole party; each member is credited when it is approved.
party-invite-title = Join { $claimant }’s party
party-invite-intro = { $claimant } claimed { $size } places in “{ $title }” and invites you to join.
party-join-button = Join the party
party-login-to-join = Sign in to join the party
party-you-hold-claim = You already hold a claim on this opportunity.
