## The ledger's pages: wallet, offerings, the counter, the public explorer, budgets.

## Navigation
nav-wallet = Wallet
nav-offerings = Offerings
nav-ledger = Ledger

## Shared words
offering-category = { $category ->
    [food_drink] Food & drink
    [groceries] Groceries
    [transit] Transit
    [culture] Culture
    [recreation] Recreation
    [learning] Learning
    [services] Services
   *[other] Other
}
redemption-state = { $state ->
    [reserved] Reserved
    [honored] Honored
    [cancelled] Cancelled
   *[expired] Expired
}

## Wallet
wallet-title = Your wallet
wallet-balances-title = Balances
wallet-city = CITY you can spend
wallet-vote = VOTE
wallet-reserved = CITY held for your reservations
wallet-balances-hint = CITY is civic credit you spend at local businesses and services. VOTE is your weight in the city's decisions; it cannot be spent or given away.
wallet-browse-offerings = See what CITY buys
wallet-held-title = Rewards held until you are verified
wallet-held-intro = This city credits CITY and VOTE to residents verified as residents (one person, one account). Work verified before that is held, and credited when you are verified before its period ends.
wallet-held-how = How to get verified
wallet-held-line = { $city } CITY and { $vote } VOTE
wallet-held-open = held: get verified before this period ends
wallet-held-credited = credited
wallet-held-lapsed = lapsed: its period ended before you were verified
wallet-reservations-title = Open reservations
wallet-reservations-intro = Show the QR code at the counter, or read out the code. Each code works once.
wallet-reservations-empty = You have no open reservations.
wallet-code-label = Code to type at the counter
wallet-redeemer = Where
wallet-amount = Amount
wallet-expires = Valid until
wallet-show-large = Show it full screen
wallet-cancel = Cancel the reservation for { $offering }
wallet-qr-title = QR code of your reservation for { $offering }
wallet-history-title = History
wallet-history-empty = Nothing has moved in your wallet yet. Verified work earns CITY and VOTE.
wallet-history-hint = Only you and the city's administrators see this history.
wallet-col-date = Date
wallet-col-for = For
wallet-col-kind = What happened
wallet-col-amount = Amount
wallet-col-currency = Currency
wallet-entry-kind = { $kind ->
    [mint] Earned for verified work
    [reserve] Held for a reservation
    [release] Returned from a reservation
    [burn] Spent
    [expire] Expired
    [adjust] Adjusted by a city decision
   *[other] { $kind }
}
wallet-past-title = Past redemptions
wallet-past-empty = No past redemptions.

## One reservation
reservation-show-at-counter = Show this QR code at the counter.
reservation-or-code = No camera at the counter? Read out this code:
reservation-timed-out = This reservation has run out of time. Its CITY goes back to your wallet shortly.
reservation-back = Back to your wallet

## Offerings
offerings-title = What CITY buys
offerings-intro = Local businesses and services accept CITY for these offerings. Each one has a number of units per period.
offerings-filters = Filter offerings
offerings-filter-text = Words in the title or description
offerings-filter-category = Kind
offerings-filter-any-category = Any kind
offerings-filter-organization = Organization
offerings-filter-organization-hint = Its handle, for example corner-cafe
offerings-filter-max-price = Highest price in CITY
offerings-filter-available = Only offerings with units left this period
offerings-filter-submit = Show offerings
offerings-results = { $count ->
    [0] No offerings found
    [one] 1 offering
   *[other] { $count } offerings
}
offerings-empty = Nothing matches these filters.
offering-price = Price
offering-redeemer = Offered by
offering-terms = Terms
offering-available = Left this period
offering-available-count = { $available ->
    [0] None left this period
    [one] 1 unit left
   *[other] { $available } units left
}
offering-active-badge = Offered
offering-inactive-badge = Not offered now
offering-reserve-title = Reserve it
offering-login-to-reserve = Sign in to reserve it
offering-inactive = This offering is not offered at the moment.
offering-reserve-explain = Reserving holds the price from your wallet for { $time } and gives you a QR code and a short code to show at the counter. If you do not use it, the CITY comes back.
duration-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
offering-your-balance = You have { $balance } CITY to spend.
offering-reserve-button = Reserve for { $price } CITY
offering-edit-link = Edit this offering

## The redeemer's catalog
org-offerings-link = Offerings and units
org-counter-link = Counter
org-offerings-title = Offerings of { $name }
org-offerings-intro = Commit how many units of each offering you will honor in period { $epoch }. Residents can reserve only what you committed.
org-offerings-console-link = Back to the console
org-offerings-new-link = Add an offering
org-offerings-empty = No offerings yet.
org-offerings-committed = Committed this period
org-offerings-taken = Reserved or honored
org-offerings-quantity = Units of { $title } this period
org-offerings-commit = Save the units
offering-new-title = New offering of { $name }
offering-edit-title = Edit { $title }
offering-field-title = Title
offering-field-description = Description
offering-field-price = Price in CITY
offering-field-price-hint = For example 4.50
offering-field-category = Kind
offering-field-terms = Terms
offering-field-terms-hint = Optional: when and how it can be used, for example "Weekdays before 11:00".
offering-field-image = Image
offering-field-image-hint = Optional. JPEG, PNG or WebP, up to { $megabytes } MB.
offering-field-image-replace = Optional: a new image replaces the current one. JPEG, PNG or WebP, up to { $megabytes } MB.
offering-field-active = Offered (residents can see and reserve it)
offering-create = Add the offering
offering-save = Save changes

## The counter
counter-title = Counter of { $name }
counter-intro = Scan the resident's QR code or type their code, check what it is for, then confirm.
counter-scan-title = Scan a QR code
counter-scan-button = Start the camera
counter-scan-started = Hold the QR code in front of the camera.
counter-scan-checking = Code read. Checking it…
counter-scan-no-camera = The camera is not available. Type the code instead.
counter-code-title = Type a code
counter-code-label = Code
counter-code-hint = Eight letters and digits, like ABCD-1234.
counter-look-up = Look up
counter-recent-title = Recent confirmations
counter-recent-empty = Nothing confirmed here yet.
counter-confirm-title = Confirm this redemption
counter-confirm-intro = Hand over the offering, then confirm. The CITY is spent when you confirm, and the code cannot be used again.
counter-offering = Offering
counter-code = Code
counter-confirm-button = Confirm: { $amount } CITY
counter-not-now = Do not confirm; back to the counter
counter-honored = Honored: { $amount } CITY burned
counter-next = Next customer

## The public ledger
ledger-title = The city's ledger
ledger-intro = Every CITY and VOTE movement is recorded in a hash chain the city signs. Residents appear only as pseudonymous account references; names are never shown.
ledger-head = { $seq ->
    [0] No entries yet
    [one] 1 entry
   *[other] { $seq } entries
}
ledger-totals-title = Totals
ledger-totals-caption = Per currency, now
ledger-totals-hint = Issued = in circulation + issuers' budgets + in escrow + burned.
ledger-col-currency = Currency
ledger-col-issued = Issued
ledger-col-circulating = In circulation
ledger-col-budgets = Issuers' budgets
ledger-col-escrow = In escrow
ledger-col-burned = Burned
ledger-current-title = Current period: { $number }
ledger-epoch-name = Period { $number }
ledger-epoch-dates = From { $start } to { $end }
ledger-minted = Minted for verified work
ledger-burned = Burned at redemptions
ledger-budgets-granted = Budgets granted
ledger-budgets-returned = Budgets returned unused
ledger-expired = Expired
ledger-contributions = Contributions
ledger-redemptions = Redemptions
ledger-by-organization = By organization
ledger-by-category = By category
ledger-col-organization = Organization
ledger-col-category = Category
ledger-col-minted-city = CITY minted
ledger-col-minted-vote = VOTE minted
ledger-closed-title = Closed periods
ledger-closed-empty = No period has closed yet.
ledger-epoch-summary = { $minted } CITY minted, { $burned } CITY burned, { $contributions } contributions, { $redemptions } redemptions
ledger-epoch-sealed = Sealed on { $when } at entry { $seq }.
ledger-epoch-figures = Sealed figures
ledger-epoch-totals = Totals at the close
ledger-epoch-open = This period is still open: its report is sealed when it closes.
ledger-entries-title = Recent entries
ledger-entries-empty = No entries yet.
ledger-entries-hint = Each hash commits to the entry and to the one before it.
ledger-col-seq = No.
ledger-col-kind = Kind
ledger-col-amount = Amount
ledger-col-from = From
ledger-col-to = To
ledger-col-time = Time
ledger-col-hash = Hash
ledger-entry-kind = { $kind ->
    [mint] Mint
    [reserve] Reservation
    [release] Release
    [burn] Burn
    [budget] Budget
    [adjust] Adjustment
    [expire] Expiry
    [statement] Settlement statement
   *[other] { $kind }
}
ledger-account-kind = { $kind ->
    [resident] Resident
    [organization] Organization
    [budget] Issuer budget
    [mint] City mint
    [burn] Burned
    [escrow] Escrow
   *[other] Unknown account
}
ledger-checkpoints-title = Signed checkpoints
ledger-checkpoints-intro = A checkpoint is the city's signature over the chain's head and the totals. Anyone can check it with the city's public key.
ledger-checkpoints-empty = No checkpoint has been signed yet.
ledger-checkpoints-all = All checkpoints
ledger-checkpoints-json = Checkpoints as JSON
ledger-checkpoint-at = Checkpoint at entry { $seq }
ledger-checkpoint-totals = issued { $issued }, in circulation { $circulating }, budgets { $budgets }, escrow { $escrow }, burned { $burned }
ledger-checkpoint-reason = { $reason ->
    [interval] Regular interval
    [epoch_close] Period close
    [manual] Signed on request
   *[other] { $reason }
}
ledger-col-head-hash = Head hash
ledger-col-signed-at = Signed
ledger-col-reason = Why
ledger-col-signature = Signature
ledger-key-title = The city's ledger key
ledger-key-intro = Ed25519 public key (hex) that verifies every checkpoint and every QR code:
ledger-verification-title = Last verification
ledger-verification-ok = The whole chain verified: { $entries } entries and { $checkpoints } checkpoints.
ledger-verification-failed = Verification FAILED after { $entries } entries:
ledger-verification-when = Finished { $when }
ledger-verification-none = The ledger has not been verified yet.
ledger-back = Back to the ledger

## Budgets (administrators)
admin-budgets-link = Issuers' CITY budgets
admin-budgets-organizations-link = Organizations waiting for approval
admin-budgets-title = Issuers' CITY budgets
admin-budgets-intro = Each issuer can award at most its budget per period. Raising a budget grants the difference in the current period (period { $number }) at once; lowering it takes effect next period.
admin-budgets-caption = Budgets in period { $number }
admin-budgets-col-issuer = Issuer
admin-budgets-col-standing = Budget per period
admin-budgets-col-granted = Granted this period
admin-budgets-col-remaining = Left to award
admin-budgets-col-change = Change
admin-budgets-amount = New budget per period for { $name }, in CITY
admin-budgets-save = Save
admin-budgets-hint = Unused budget returns to the city when the period closes.
admin-budgets-empty = No approved issuer yet.
ledger-entry-decision = the decision
