## The phone-first layout and the personal home (issue 26)
home-menu = Menu
home-personal-title = Your home
home-personal-heading = Hello, { $username }
home-verified = Your email address is verified and you are signed in.
home-next-shift-title = Your next shift
home-next-shift-none = No shift coming up.
home-next-shift-claim = See your claim
home-find-work = Find something to do
home-balance-title = Your balance
home-balance-wallet = { $reservations ->
    [0] Open your wallet
    [one] Open your wallet (1 reservation)
   *[other] Open your wallet ({ $reservations } reservations)
}
home-needs-title = What needs you
home-needs-nothing = Nothing waits for you right now.
home-needs-proof = Send the proof for “{ $title }”
home-needs-unread = { $count ->
    [one] 1 unread notification
   *[other] { $count } unread notifications
}
home-needs-invitations = { $count ->
    [one] 1 invitation to join an organization
   *[other] { $count } invitations to join an organization
}
home-needs-queue = { $count ->
    [one] 1 proof to verify for { $organization }
   *[other] { $count } proofs to verify for { $organization }
}
home-needs-organizations = { $count ->
    [one] 1 organization waits for approval
   *[other] { $count } organizations wait for approval
}
home-soon-title = Open to claim soon
home-soon-all = All opportunities
home-address = Address
home-open-in-maps = Open in maps
home-org-address-title = Postal address
home-org-address-label = Address
home-org-address-hint = Street, number, district and postcode, on one line (at most { $max } characters). Shown on your page, offerings and opportunities with a map link.
home-org-address-save = Save the address
home-map-tiles-caption = North is up. The streets come from the city's map server.
home-map-tiles-credit = Map: { $credit }
