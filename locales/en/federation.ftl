## Federation pages: from other cities, the administrator's federation page, organization
## follows, a template's origin and adoptions, the public profile

## Navigation
fed-nav = Other cities

## Shared words
fed-kind-title = { $kind ->
    [template] Task templates
    [opportunity] Opportunities
    [proposal] Proposals
    [attestation] Contribution attestations
    [checkpoint] Ledger checkpoints
   *[other] { $kind }
}
fed-kind-one = { $kind ->
    [template] Task template
    [opportunity] Opportunity
    [proposal] Proposal
    [attestation] Contribution attestation
    [checkpoint] Ledger checkpoint
   *[other] { $kind }
}
fed-from = From { $domain }
fed-relayed-by = relayed by { $domain }
fed-published = Published
fed-starts = Starts
fed-untitled = (no title)
fed-proof-verified = Proof verified
fed-proof-unverified = Proof not verified
fed-times-local = Times are in { $zone }.
fed-follow-state = { $state ->
    [requested] Asked for, waiting to be looked up
    [unresolved] Not found: check the address
    [pending] Waiting for their answer
    [accepted] Accepted
    [rejected] Refused
   *[other] { $state }
}
fed-col-actor = Account
fed-col-domain = City
fed-col-state = State
fed-col-since = Since

## From other cities
fed-title = From other cities
fed-intro = What peer cities this city follows have published: their task templates, opportunities, proposals and verified contributions. They stay theirs; an organization here can adopt a template as its own draft.
fed-kind-empty = Nothing of this kind has arrived yet.
fed-see-all = All { $kind ->
    [template] task templates
    [opportunity] opportunities
    [proposal] proposals
    [attestation] contribution attestations
   *[other] { $kind }
} from other cities
fed-list-intro = The newest first, at most { $limit }.
fed-back = From other cities

## One object
fed-object-deleted = Its city deleted it. What was received is kept here as it was.
fed-field-kind = Kind
fed-field-origin = City of origin
fed-field-author = Published by
fed-field-starts = Starts
fed-field-published = Published
fed-field-updated = Last changed
fed-field-proof = Signature
fed-field-original = Original
fed-document-title = As received
fed-document-intro = The fields of the document the other city sent, shown as plain text.
fed-adopt-title = Adopt this template
fed-adopt-intro = Adopting makes a draft copy in your organization's catalog that says where it came from. You can change it before you activate it; the city it came from is told when you do.
fed-adopt-into = Adopt into
fed-adopt-submit = Adopt as a draft
fed-adopt-sign-in = Sign in to adopt this template
fed-adopt-no-organization = Only owners and editors of an approved issuer can adopt templates.

## Administration
fed-admin-link = Federation with other cities
fed-admin-title = Federation
fed-admin-intro = Which cities this city follows, who follows it, how deliveries to each peer are going, and which domains are blocked or allowed.
fed-admin-handle = This city's address for other cities
fed-admin-actor = Its actor
fed-admin-mode = Federation mode
fed-admin-mode-value = { $mode ->
    [allowlist] Allowlist: only the allowed domains below
   *[open] Open: every domain that is not blocked
}
fed-admin-mode-hint = Set in the server's configuration file ([federation] mode).
fed-admin-follow-title = Follow a peer city
fed-admin-follow-intro = The city then receives what the peer publishes, once the peer accepts.
fed-follow-target = Address of the city to follow
fed-follow-target-hint = Like @city@oakland.example or https://oakland.example/city
fed-follow-submit = Follow
fed-admin-follows-title = Cities this city follows
fed-admin-follows-empty = This city follows no other city yet.
fed-admin-followers-title = Who follows this city
fed-admin-followers-empty = No one follows this city yet.
fed-admin-peers-title = Peers
fed-admin-peers-intro = Deliveries to each peer server and what it sent. A peer failing for three days is marked unreachable and only tried now and then. Ignored: content acknowledged and not published — sent by a server this city does not follow, or not a City/Sync task, opportunity or proposal.
fed-admin-peers-empty = No exchanges with other servers yet.
fed-col-peer = Peer
fed-col-reachable = Reachable
fed-col-last-success = Last delivery
fed-col-pending = Waiting
fed-col-delivered = Delivered
fed-col-failed = Given up
fed-col-last-error = Last error
fed-col-received = Received
fed-col-duplicates = Duplicates
fed-col-ignored = Ignored
fed-reachable = { $reachable ->
    [yes] Yes
    [no] No
   *[unknown] Not known yet
}
fed-failing-since = failing since { $when }
fed-next-probe = next try { $when }
fed-never = Never
fed-admin-domains-title = Blocked and allowed domains
fed-admin-domains-intro = A blocked domain (and its subdomains) can send nothing here and receives nothing more. Allowed domains count when the city federates only with an allowlist.
fed-domain-field = Domain
fed-domain-hint = Like example.org; an address or a port is reduced to its domain.
fed-domain-block = Block
fed-domain-allow = Allow
fed-domain-remove = Remove { $domain } from the list
fed-domain-policy = { $policy ->
    [block] Blocked
    [allow] Allowed
   *[other] { $policy }
}
fed-col-change = Change
fed-col-policy = Policy
fed-admin-domains-empty = No domain is blocked or allowed.

## Organization console
fed-org-follows-title = Other cities' organizations
fed-org-follows-intro = Follow an organization of another city to see its templates and opportunities here.
fed-org-follow-target = Address of the organization to follow
fed-org-follow-target-hint = Like @creek-friends@oakland.example or its web address
fed-org-follows-empty = This organization follows no one yet.
fed-org-follow-nothing-yet = Nothing received from it yet.

## Template page
fed-adapted-from = Adapted from
fed-adapted-from-here = our copy of the original
fed-adopted-by = Adopted by { $n ->
    [one] one city
   *[other] { $n } cities
}
fed-adoption-copy = their copy

## Settings: the public profile
settings-profile-title = Public profile
settings-profile-intro = Your username is always public. Your name appears only if you choose.
settings-profile-name = Display name
settings-profile-name-hint = Optional, up to 80 characters.
settings-profile-public = Show my name on my public profile and on attestations of my work
settings-profile-public-hint = Otherwise your public profile shows only your username, and attestations of your verified work that other cities can see carry a pseudonym instead of your name.
settings-profile-save = Save profile
settings-profile-saved = Your public profile was saved.

settings-fediverse-title = Your fediverse account
settings-fediverse-intro = Link the account you use on Mastodon, Mobilizon or another fediverse server. When it joins this city's work, the place is your own claim: you send proof here and earn CITY and VOTE as for any claim, and your verified work's attestation reaches that account.
settings-fediverse-handle = Fediverse handle
settings-fediverse-handle-hint = For example @alice@mastodon.example. The city sends that account a direct message with a link; open it while signed in here.
settings-fediverse-send = Send the link
settings-fediverse-requested = The city is looking up the account and will send it a direct message with a link. Open that link while signed in here.
settings-fediverse-pending-requested = Looking up { $handle }…
settings-fediverse-pending-sent = A direct message with a link was sent to { $handle }. The link works until
settings-fediverse-pending-unresolved = No fediverse account was found for { $handle }, or its server does not take messages from this city. Check the handle and try again.
settings-fediverse-pending-expired = The link sent to { $handle } has expired. Send a new one.
settings-fediverse-account = Linked account
settings-fediverse-since = Linked on
settings-fediverse-unlink = Unlink { $handle }
settings-fediverse-linked = Your fediverse account is linked. The places it takes are your claims.
settings-fediverse-unlinked = Your fediverse account is no longer linked. The claims it made stay yours.
fediverse-confirm-title = Link your fediverse account
fediverse-confirm-intro = Link { $handle } to your account in this city? The places it takes in the city's work will then be your claims.
fediverse-confirm-submit = Link { $handle }
fediverse-confirm-cancel = Not now
fediverse-link-message = Someone signed in as { $username } in { $city } asked to link this account. If it was you, open this link while signed in there:
fediverse-link-expiry = The link works once, until { $until }. If you did not ask for it, ignore this message.
