privileged-log-link = Privileged-action log
privileged-log-title = Privileged-action log
privileged-log-intro = Every act done with special powers — by administrators, verifiers, cashiers, registrars, organization owners and the operator — in order, each entry sealed to the one before it. Nothing here can be changed or removed.
privileged-log-chain-ok = { $count ->
    [one] The chain verifies: its one entry is intact.
   *[other] The chain verifies: all { $count } entries are intact.
}
privileged-log-chain-broken = The chain does not verify: entry { $seq } { $reason ->
    [gap] is missing.
    [link] does not follow the entry before it.
    [hash] was changed after it was written.
   *[other] does not match the head of the log.
}
privileged-log-who = Who (username)
privileged-log-what = What
privileged-log-what-any = Any action
privileged-log-dates-hint = Dates on the city's clock ({ $zone }); both ends included.
privileged-log-from = From
privileged-log-to = To
privileged-log-filter = Show
privileged-log-count = { $count ->
    [one] One entry.
   *[other] { $count } entries.
}
privileged-log-csv = Download these entries (CSV)
privileged-log-entries = Entries of the log
privileged-log-col-seq = No.
privileged-log-col-when = When
privileged-log-col-who = Who
privileged-log-col-what = What
privileged-log-col-subject = About
privileged-log-col-detail = Detail
privileged-log-actor-gone = A deleted account
privileged-log-actor-operator = The operator
privileged-log-capacity = { $capacity ->
    [administrator] as administrator
    [verifier] as verifier
    [cashier] as cashier
    [registrar] as registrar
    [owner] as owner
   *[operator] as operator
}
privileged-log-subject = { $kind ->
    [organization] Organization
    [account] Account
    [city] The city
    [category] Category
    [budget] Budget
    [settlement] Settlement statement
    [identity_method] Verification method
    [comment] Comment
    [protocol] City protocol
    [cycle] Governance cycle
    [claim] Claim
    [redemption] Redemption
    [peer] Peer city
    [proposal] Proposal
    [parameter] Parameter
    [privacy_notice] Privacy notice
    [legal_hold] Legal hold
   *[other] Something else
}
privileged-log-empty = No entry matches.
privileged-log-pages = Pages of the log
privileged-log-csv-seq = number
privileged-log-csv-at-utc = time (UTC)
privileged-log-csv-at-local = time (city clock)
privileged-log-csv-who = who
privileged-log-csv-capacity = capacity
privileged-log-csv-kind = kind
privileged-log-csv-what = what
privileged-log-csv-subject-kind = subject kind
privileged-log-csv-subject = subject
privileged-log-csv-detail = detail
privileged-log-csv-hash = hash

privileged-action-organization-approved = Organization approved
privileged-action-organization-declined = Organization declined
privileged-action-account-suspended = Account suspended
privileged-action-account-restored = Account restored
privileged-action-administrator-granted = Administrator role granted
privileged-action-administrator-revoked = Administrator role revoked
privileged-action-city-setting-changed = City setting changed
privileged-action-taxonomy-changed = Task taxonomy extended
privileged-action-budget-changed = Issuer budget set
privileged-action-settlement-terms-changed = Settlement terms changed
privileged-action-settlement-marked-paid = Settlement statement marked paid
privileged-action-identity-method-changed = Resident verification methods changed
privileged-action-moderation-decided = Comment moderated
privileged-action-protocol-imported = City protocol imported
privileged-action-cycle-created = Governance cycle created
privileged-action-cycle-edited = Governance cycle edited
privileged-action-cycle-phase-advanced = Governance cycle phase started early
privileged-action-proof-approved = Proof approved
privileged-action-proof-rejected = Proof rejected
privileged-action-attendance-confirmed = Attendance confirmed
privileged-action-redemption-honored = Redemption honored at the counter
privileged-action-resident-verified = Resident verified at the desk
privileged-action-resident-verification-revoked = Resident verification revoked
privileged-action-member-invited = Member invited
privileged-action-invitation-accepted = Invitation accepted
privileged-action-member-role-changed = Member's role changed
privileged-action-member-removed = Member removed
privileged-action-peer-blocked = Peer city blocked
privileged-action-peer-allowed = Peer city allowed
privileged-action-peer-unblocked = Peer city taken off the lists
privileged-action-peer-followed = Peer city followed
privileged-action-parameter-enacted = Parameter enacted by a passed proposal
privileged-action-data-exported = Personal data exported
privileged-action-account-deleted = Account deleted
privileged-action-legal-hold-set = Legal hold set
privileged-action-legal-hold-lifted = Legal hold lifted
privileged-action-privacy-notice-published = Privacy notice published
privileged-action-second-factor-enrolled = Second factor turned on
privileged-action-second-factor-disabled = Second factor turned off
privileged-action-second-factor-recovery-used = Recovery code used
privileged-action-unknown = Unknown action
