## Organizations, administration, templates, opportunities and the catalog (web pages)

## Navigation
catalog-nav = Opportunities
org-nav = Organizations

## Shared words
org-kind-issuer = Issuer
org-kind-redeemer = Redeemer
org-kind-issuer-long = Issuer: publishes civic tasks and verifies the work
org-kind-redeemer-long = Redeemer: honors CITY credit for goods or services
org-role = { $role ->
    [owner] Owner
    [editor] Editor
    [verifier] Verifier
    [cashier] Cashier
    [registrar] Registrar
   *[other] { $role }
}
org-state = { $state ->
    [pending] Waiting for approval
    [approved] Approved
    [declined] Declined
   *[other] { $state }
}
org-state-note = This organization is not public: { $state ->
    [pending] it is waiting for the city's approval.
    [declined] the city declined it.
   *[other] { $state }.
}
org-decision-reason = Reason: { $reason }
org-trail-title = Accountability trail
org-trail-intro = Every change, with who made it and when.
org-trail-by = by { $username }
org-trail-action = { $action ->
    [created] Created
    [approved] Approved by the city
    [declined] Declined by the city
    [member_invited] Member invited
    [member_joined] Member joined
    [invitation_declined] Invitation declined
    [role_changed] Role changed
    [member_removed] Member removed
    [edited] Edited
    [active] Activated
    [retired] Retired
    [published] Published
    [closed] Closed
    [cancelled] Cancelled
    [budget_set] Budget set
    [settlement_paid] Settlement statement paid
    [settlement_cap_set] Reimbursement cap set
    [settlement_terms_set] Reimbursement terms set
    [partner_invited] Partner invited
    [partner_accepted] Partner accepted
    [partner_declined] Partner declined
    [partner_withdrawn] Partner withdrew
    [partner_pending] Partner invited
    [phase_started_early] Phase started early
    [adopted] Adopted
    [drafted] Drafted
    [claimed] Claimed
    [submitted] Proof sent
    [checked_in] Checked in
    [verified] Verified
    [capped] Reward capped
    [rejected] Rejected
    [withdrawn] Withdrawn
    [expired] Expired
   *[other] Changed
}

## Organization directory and pages
org-list-title = Organizations
org-list-intro = Agencies, nonprofits, schools and local businesses taking part in the city's civic work.
org-list-empty = No organization has been approved yet.
org-list-pages = Pages of organizations
org-new-link = Register an organization
org-contact = Contact
org-website = Website
org-console-link = Open the organization's console
org-counts-title = In numbers
org-counts-issued = Opportunities issued
org-counts-verified = Contributions verified
org-counts-median = Median time to a decision
org-counts-hours = { $hours } hours
org-counts-no-decisions = No decisions yet
org-templates-title = Tasks it offers
org-templates-empty = No task templates yet.
org-opportunities-title = Opportunities
org-opportunities-empty = No opportunities yet.

## Registering an organization
org-new-title = Register an organization
org-new-intro = The city reviews every new organization before it can publish tasks or honor credit. You become its first owner.
org-field-handle = Handle
org-field-handle-hint = 3 to 40 characters: lowercase letters, digits, - and _, starting with a letter. It appears in the organization's address.
org-field-name = Name
org-field-description = What the organization does
org-field-kinds = What the organization does on City/Sync
org-field-contact-email = Contact email address
org-field-contact-email-hint = Public: residents and the city use it to reach the organization.
org-field-website = Website (optional)
org-field-website-hint = A full address starting with https://
org-new-submit = Send for approval

## The organization's console
org-console-title = Console of { $name }
org-console-your-role = Your role: { $role ->
    [owner] Owner
    [editor] Editor
    [verifier] Verifier
    [cashier] Cashier
    [registrar] Registrar
   *[other] { $role }
}
org-public-page-link = Public page
org-verify-link = Submissions to verify
org-new-template-link = Write a new task template
org-members-title = Members
org-member-role-label = Role of { $username }
org-member-role-save = Change role
org-member-remove = Remove { $username }
org-invite-title = Invite a member
org-invite-who = Username or email address
org-invite-who-hint = The person needs an account in this city. Nothing changes until they accept.
org-invite-role = Role
org-invite-submit = Send the invitation
org-invitations-title = Pending invitations
org-invitations-empty = No invitations are waiting for an answer.
org-templates-all-title = Task templates, drafts included
org-opportunities-all-title = Opportunities, drafts included

## City administration
admin-orgs-title = Organizations waiting for approval
admin-orgs-intro = Oldest first. Approved organizations become public; a declined one sees your reason.
admin-orgs-empty = No organization is waiting for a decision.
admin-orgs-since = registered { $date }
admin-orgs-approve = Approve { $name }
admin-orgs-decline = Decline { $name }
admin-orgs-reason = Reason for declining (required to decline)
admin-taxonomy-link = Task categories and units
admin-taxonomy-title = Task categories and outcome units
admin-taxonomy-intro = The shared categories every city uses, with the ones this city added.
admin-taxonomy-list-title = Categories and their units
admin-taxonomy-add-title = Add an outcome unit
admin-taxonomy-add-intro = Use an existing category's id to add a unit to it, or a new id to add a category. Added entries cannot be removed.
admin-taxonomy-id-hint = 2 to 40 lowercase letters and underscores, for example tool_lending
admin-taxonomy-category = Category id
admin-taxonomy-category-name-en = Category name in English
admin-taxonomy-category-name-es = Category name in Spanish
admin-taxonomy-unit = Unit id
admin-taxonomy-unit-name-en = Unit name in English
admin-taxonomy-unit-name-es = Unit name in Spanish
admin-taxonomy-submit = Add the unit

## The catalog
catalog-title = Civic opportunities
catalog-intro = Tasks organizations need done now. Claim one, do it, submit proof, and earn CITY credit and VOTE.
catalog-filters = Filter the opportunities
catalog-filter-text = Words in the title or summary
catalog-filter-category = Category
catalog-filter-any-category = Any category
catalog-filter-organization = Organization handle
catalog-filter-organization-hint = For example food-bank, as in the organization's address.
catalog-filter-from = Ending on or after
catalog-filter-until = Starting on or before
catalog-filter-open = Only with open slots
catalog-filter-submit = Show opportunities
catalog-results = { $count ->
    [one] One opportunity
   *[other] { $count } opportunities
}
catalog-empty = Nothing matches these filters right now.
catalog-place = Place
catalog-when = When
catalog-slots-label = Slots
catalog-slots = { $remaining } of { $capacity } open
catalog-reward = Reward
catalog-reward-amounts = { $city } CITY and { $vote } VOTE
catalog-state = { $state ->
    [draft] Draft
    [published] Published
    [closed] Closed
    [cancelled] Cancelled
   *[other] { $state }
}
catalog-pages = Pages of results
catalog-pager-previous = Previous page
catalog-pager-next = Next page
catalog-pager-page = Page { $page }
catalog-pager-of = Page { $page } of { $pages }

## Task templates
template-state = { $state ->
    [draft] Draft
    [active] Active
    [retired] Retired
   *[other] { $state }
}
template-version = Version { $version }
template-method = { $method ->
    [issuer_review] The organization reviews the proof
    [on_site] Checked on site by the organization
    [peer] Confirmed by other participants
   *[other] { $method }
}
template-proof-kind = { $kind ->
    [text] A written report
    [photo] Photos
    [geo] The location
    [time_range] The time worked
   *[other] { $kind }
}
template-minutes = About { $minutes } minutes
template-none = None
template-new-title = New task template
template-new-intro = A template describes a kind of task { $organization } offers again and again. It starts as a draft that only members see.
template-edit-title = Edit “{ $title }”
template-edit-new-version = This template is active: saving creates version { $version }. Claims already made keep the version they were made on.
template-field-title = Title
template-field-summary = Summary
template-field-instructions = Instructions
template-field-instructions-hint = What to do and bring. You can use Markdown: **bold**, lists with -, links as [text](https://…).
template-field-category = Category
template-field-unit = Outcome unit
template-field-unit-hint = The unit must belong to the chosen category.
template-field-outcome = Expected outcome per completion
template-field-outcome-hint = A number in the outcome unit, for example 5 or 2.5
template-field-method = How the work is verified
template-field-proof-kinds = Proof residents submit
template-field-proof-kinds-hint = At least one, unless the work is checked on site.
template-field-reward = Reward per completion
template-field-reward-city = CITY credit
template-field-reward-city-hint = For example 2.50 (at most two decimals)
template-field-reward-vote = VOTE
template-field-minutes = Estimated minutes
template-field-accessibility = Accessibility notes
template-field-accessibility-hint = Steps, terrain, seating, restrooms, languages spoken: what people need to know to take part.
template-field-extra = Extra questions for residents
template-field-extra-hint = One per line: key | question | kind (text, number, choice or date) | required or optional | choices separated by commas (for choice only). Example: bags | Bags filled | number | required
template-new-submit = Save as draft
template-edit-submit = Save changes
template-old-version = You are reading version { $version }, an older version.
template-current-link = See the current version
template-edit-link = Edit this template
template-new-opportunity-link = Issue an opportunity from this template
template-activate = Activate
template-retire = Retire
template-extra-title = Extra questions
template-extra-kind = { $kind ->
    [text] Text
    [number] Number
    [choice] Choice
    [date] Date
   *[other] { $kind }
}
template-extra-required = required
template-extra-optional = optional
template-versions-title = Versions

## Issuing an opportunity
opportunity-form-title = New opportunity: { $title }
opportunity-form-intro = A time-bound occasion to do this task for { $organization }. It starts as a draft; publish it to open it for claims.
opportunity-form-field-title = Title (optional)
opportunity-form-field-title-hint = Leave empty to use the template's title.
opportunity-form-field-place = Place
opportunity-form-coordinates = Map position (optional)
opportunity-form-coordinates-hint = Both, in decimal degrees, for example 37.8715 and -122.2730
opportunity-form-field-latitude = Latitude
opportunity-form-field-longitude = Longitude
opportunity-form-times = Times
opportunity-form-times-hint = The end comes after the start; claims close at the deadline, at the latest at the end.
opportunity-form-field-starts = Starts
opportunity-form-field-ends = Ends
opportunity-form-field-deadline = Claims close
opportunity-form-field-capacity = Capacity
opportunity-form-field-capacity-hint = How many residents can claim it (1 to 10000).
opportunity-form-field-onsite = On-site instructions (optional)
opportunity-form-field-onsite-hint = Where to meet, whom to ask for.
opportunity-form-submit = Save as draft

## Correcting an opportunity, and cancelling it after a confirmation
opportunity-edit-title = Change “{ $title }”
opportunity-edit-intro = Correct the times, the place, the capacity, the title or the on-site instructions. Residents who claimed it are told what changed.
opportunity-edit-intro-published = Correct the times, the place, the capacity, the title or the on-site instructions. Residents who claimed it are told what changed, old and new, and cities that follow your organization get the update.
opportunity-edit-claimants = { $count ->
    [one] One resident holds a claim: the capacity cannot go below 1, and they will be told what changed.
   *[other] { $count } residents hold a claim: the capacity cannot go below { $count }, and each will be told what changed.
}
opportunity-edit-submit = Save changes
opportunity-cancel-title = Cancel “{ $title }”?
opportunity-cancel-what = What happens
opportunity-cancel-ending = { $count ->
    [0] No claim ends: nobody holds a claim without proof sent.
    [one] One claim ends (proof not sent yet).
   *[other] { $count } claims end (proof not sent yet).
}
opportunity-cancel-told = { $count ->
    [0] Nobody has claimed it, so nobody needs to be told.
    [one] The one resident who claimed it is told, with your reason.
   *[other] The { $count } residents who claimed it are told, with your reason.
}
opportunity-cancel-catalog = It leaves the catalog, and cities that follow your organization are told it is cancelled.
opportunity-cancel-final = A cancelled opportunity cannot be opened again.
opportunity-cancel-reason = Reason
opportunity-cancel-reason-hint = Required. Residents who claimed it read this, and it stays in the organization's record.
opportunity-cancel-confirm = Cancel the opportunity
opportunity-cancel-keep = Keep it

## The administrator's home (/admin).
nav-admin = Administration
admin-home-title = Administration
admin-home-intro = What waits for you, and every page for running the city.
admin-home-waiting = Waiting for you
admin-home-organizations = { $count ->
    [0] No organization waits for approval.
    [one] One organization waits for approval.
   *[other] { $count } organizations wait for approval.
}
admin-home-reported = { $count ->
    [0] No comment has been reported.
    [one] One reported comment waits for moderation.
   *[other] { $count } reported comments wait for moderation.
}
admin-home-peers = { $count ->
    [0] Every peer city answers.
    [one] One peer city is failing.
   *[other] { $count } peer cities are failing.
}
admin-home-pages = Administration pages
