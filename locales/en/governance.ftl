## Governance: decision cycles, proposals, ballots, tallies, deliberation, parameters.

## Navigation
nav-governance = Governance

## Shared words
gov-phase-name = { $phase ->
    [upcoming] Not started yet
    [proposals] Proposals
    [deliberation] Deliberation
    [voting] Voting
   *[results] Results
}
gov-phase-doing = { $phase ->
    [upcoming] Nothing can be done yet: the proposal phase has not begun.
    [proposals] Residents with enough VOTE, and organizations through their owners, write proposals. Authors can still edit or withdraw them.
    [deliberation] Proposals are final. Everyone signed in can discuss them in the comments and reply to each other.
    [voting] Eligible residents vote, and can change their ballot until voting closes. Only the number of ballots is public.
   *[results] The tallies are public, and what passed has been put into effect.
}
gov-cycle-now = { $phase ->
    [upcoming] This cycle has not started yet.
    [proposals] Now: proposals are open.
    [deliberation] Now: deliberation.
    [voting] Now: voting is open.
   *[results] Now: results are in.
}
gov-method = { $method ->
    [weighted_majority] Weighted majority
    [approval] Approval voting
   *[quadratic] Quadratic voting
}
gov-method-explained = { $method ->
    [weighted_majority] Each voter picks one answer, and it counts with all of their VOTE. A proposal passes when Yes has more VOTE than No.
    [approval] Each voter approves as many options as they like, and each approval counts with all of their VOTE.
   *[quadratic] Each voter’s VOTE is a budget of voice credits. Putting n votes on an option costs n² credits, so strong feelings cost more.
}
gov-kind = { $kind ->
    [policy] Policy
    [parameter_change] Parameter change
    [budget] Participatory budget
   *[adopt_model] Adopt a model
}
gov-kind-explained = { $kind ->
    [policy] A policy is a decision written in words: what the city should do, and why.
    [parameter_change] A parameter change sets one or more of the city’s rules, such as the reward for a kind of work. If it passes, the city applies it by itself.
    [budget] A participatory budget shares a pool of CITY among options. The most supported options that fit in the pool are funded.
   *[adopt_model] Adopt a set of task templates or a governance model published by another city.
}
gov-proposal-state = { $state ->
    [open] Open for changes
    [withdrawn] Withdrawn
    [deliberation] In deliberation
    [voting] In the vote
    [passed] Passed
    [rejected] Rejected
   *[no_quorum] No quorum
}
gov-outcome = { $outcome ->
    [passed] Passed
    [rejected] Rejected
   *[no_quorum] Not decided: the quorum was not reached
}
gov-option-yes = Yes
gov-option-no = No
gov-times-local = All times are in { $zone }.
gov-markdown-hint = You can use Markdown: **bold**, lists, links.
gov-back-to-cycles = All decision cycles
gov-back-to-cycle = Back to the cycle “{ $title }”
gov-back-to-proposal = Back to the proposal
gov-phase-from = from { $when }
gov-phase-until = until { $when }
gov-phase-current = happening now
gov-phase-done = finished

## The list of cycles
gov-title = City decisions
gov-intro = Residents decide together in decision cycles: proposals first, then deliberation, then a vote weighted by VOTE, then public results.
gov-parameters-link = The city’s parameters in force
gov-moderation-link = The moderation log
gov-cycle-new-link = Open a new decision cycle
gov-cycles-title = Decision cycles
gov-cycles-empty = No decision cycle has been opened yet.
gov-col-cycle = Cycle
gov-col-phase = Phase
gov-col-opens = Proposals open
gov-col-results = Results

## Opening and editing a cycle
gov-cycle-new-title = Open a decision cycle
gov-cycle-new-intro = Give each phase its start date. The cycle moves on by itself on those dates, and you can start the next phase early from the cycle’s page.
gov-cycle-field-title = Title
gov-cycle-field-description = What this cycle is about
gov-cycle-dates = Phases
gov-cycle-dates-hint = Each phase begins on its date and ends when the next one begins. Dates must follow each other.
gov-cycle-field-proposals-at = Proposals open
gov-cycle-field-deliberation-at = Deliberation begins
gov-cycle-field-voting-at = Voting opens
gov-cycle-field-results-at = Voting closes and results are published
gov-cycle-field-quorum = Quorum, in percent
gov-cycle-field-quorum-hint = The share of all eligible VOTE that must take part (abstentions count) for a result to stand. 0 to 100.
gov-cycle-field-min-vote = Minimum VOTE to vote
gov-cycle-field-min-vote-hint = Residents holding at least this much VOTE when voting opens may vote. At least 1.
gov-cycle-create = Open the cycle
gov-cycle-edit-title = Edit this cycle
gov-cycle-edit-hint = Dates of phases that have already begun cannot change. The method and the rules cannot change once voting has opened.
gov-cycle-save = Save the cycle
gov-error-date = Enter a date and a time.
gov-error-method = Choose a voting method.
gov-admin-title = For administrators
gov-next-phase = Start the next phase now: { $phase ->
    [proposals] proposals
    [deliberation] deliberation
    [voting] voting
   *[results] results
}
gov-next-phase-hint = { $phase ->
    [voting] VOTE balances are recorded the moment voting opens; they decide who may vote and with what weight.
    [results] Voting closes at once: every proposal is counted and what passed is put into effect.
   *[other] The phase begins now instead of on its date.
}

## The cycle's page
gov-timeline-title = Timeline
gov-rules-title = Rules
gov-rules-method = Voting method
gov-rules-quorum = Quorum
gov-rules-quorum-value = { $percent }% of the eligible VOTE must take part
gov-rules-min-vote = Who may vote
gov-rules-min-vote-value = Residents with a verified email holding at least { $min } VOTE when voting opens
gov-rules-pool = Participatory budget
gov-rules-pool-value = { $amount } CITY from the city, shared among the budget proposals
gov-rules-pool-none = None in this cycle
gov-rules-eligible = Eligible voters
gov-rules-eligible-value = { $voters ->
    [one] 1 resident
   *[other] { $voters } residents
} holding { $weight } VOTE in all
gov-rules-frozen-when = These rules can change until voting opens; then they are frozen.
gov-rules-frozen-now = Voting has opened, so these rules are frozen.
gov-proposals-title = Proposals
gov-proposals-empty = No proposals yet.
gov-propose-kind = { $kind ->
    [policy] Propose a policy
    [parameter_change] Propose a parameter change
    [budget] Propose a participatory budget
   *[adopt_model] Propose adopting a model
}
gov-propose-sign-in = Sign in to make a proposal
gov-cycle-min-vote = To propose in your own name you need at least { $n } VOTE. An organization’s owner can also propose on its behalf.
gov-col-proposal = Proposal
gov-col-kind = Kind
gov-col-by = By
gov-col-state = State

## The proposal form
gov-proposal-new-title = { $kind ->
    [policy] New policy proposal
    [parameter_change] New parameter change
    [budget] New participatory budget
   *[adopt_model] New proposal to adopt a model
}
gov-proposal-edit-title = Edit your proposal
gov-proposal-field-title = Title
gov-proposal-field-body = The proposal in your words
gov-proposal-field-organization = Propose as
gov-proposal-field-organization-hint = In your own name you need at least { $n } VOTE. An organization you own can propose whatever VOTE you hold.
gov-proposal-own-name = Myself
gov-proposal-on-behalf = Proposed on behalf of @{ $organization }.
gov-proposal-publish = Publish the proposal
gov-proposal-save = Save the changes
gov-changes-title = Parameter changes
gov-changes-hint = Fill in one row per parameter; empty rows are ignored. For a reward multiplier choose the category; for a budget choose the issuer.
gov-family = { $family ->
    [reward_multiplier] Reward multiplier for a category
    [issuer_budget] CITY budget per period of an issuer
    [epoch_length] Length of a period
    [city_expiry_epochs] Lifetime of earned CITY
    [vote_decay_percent] VOTE decay per period
    [resident_cap_city] CITY cap per resident per period
    [resident_cap_vote] VOTE cap per resident per period
    [reservation_minutes] How long a reservation stays valid
    [level_to_earn] Identity level needed to earn CITY and VOTE
    [level_to_vote] Identity level needed to vote
   *[min_vote_to_propose] VOTE needed to propose
}
gov-family-range = { $family ->
    [reward_multiplier] A percentage from 0 to 1000 applied to the CITY and VOTE rewards of work in the category: 100 keeps them, 200 doubles them, 50 halves them.
    [issuer_budget] An amount of CITY from 0 to 10,000,000 the issuer is granted at the start of every period, like 250 or 99.50.
    [epoch_length] Like “1 month”, “2 weeks” or “10 days” (1 to 12 months, 1 to 366 days). Applies from the next period.
    [city_expiry_epochs] A number of periods from 0 to 120 after which earned CITY expires; 0 means it never expires.
    [vote_decay_percent] A percentage from 0 to 50 of each resident’s VOTE that fades at the end of every period.
    [resident_cap_city] The most CITY one resident may earn in a period, from 0 to 1,000,000, like 200 or 99.50; 0 means no cap. Choose a category to cap only the work in it.
    [resident_cap_vote] The most VOTE one resident may earn in a period, a whole number from 0 to 1,000,000; 0 means no cap.
    [reservation_minutes] A whole number of minutes from 5 to 4320 (3 days) that a reservation and its QR code stay valid: long enough to reserve at home and walk to the counter. Applies to reservations made after the decision.
    [level_to_earn] “email” (a verified email address is enough) or “resident” (a resident verification, e.g. at a registrar’s desk). Work verified below it is held and credited when the resident is verified within the period.
    [level_to_vote] “email” (a verified email address is enough) or “resident” (a resident verification, e.g. at a registrar’s desk).
   *[min_vote_to_propose] A whole number of VOTE from 0 to 1,000,000.
}
gov-change-row = Change { $number }
gov-change-parameter = Parameter
gov-change-none = (none)
gov-change-category = Category (for a reward multiplier or a CITY cap)
gov-change-issuer = Issuer (for a budget)
gov-change-value = New value
gov-budget-pool = Pool to share, in CITY
gov-budget-pool-hint = The CITY the city shares out among this cycle's budget proposals, at most 10,000,000. Leave it empty when the cycle has no participatory budget. It can change until voting opens.
gov-budget-options = Options
gov-budget-options-hint = At least two options. Each costs a part of the pool and is paid to an approved organization (by its handle). Empty rows are ignored.
gov-budget-option-row = Option { $number }
gov-budget-option-title = What it funds
gov-budget-option-cost = Cost, in CITY
gov-budget-option-organization = Organization’s handle
gov-model-url = Web address of the model
gov-model-url-hint = The page on another City/Sync city that publishes the template set or governance model.

## The proposal's page
gov-by = Proposed by
gov-by-organization = Proposed on behalf of
gov-drafted-by = written by @{ $username }
gov-proposal-edit = Edit the proposal
gov-proposal-withdraw = Withdraw the proposal
gov-proposal-edit-until = You can edit or withdraw your proposal until the proposal phase ends.
gov-proposal-body = Proposal
gov-col-parameter = Parameter
gov-col-in-force = In force now
gov-col-proposed = Proposed
gov-value-unknown = not set
gov-budget-title = Budget
gov-budget-pool-value = Pool: { $amount } CITY
gov-col-cost = Cost
gov-col-organization = Organization
gov-col-funded = Funded
gov-funded-yes = Funded
gov-funded-paid = { $amount } CITY paid to the organization's account
gov-budget-pool-from-city = The city sets the pool for the whole cycle; budget proposals share it, the oldest first.
gov-budget-pool-none = The city has set no budget pool for this cycle, so it takes no budget proposals.
gov-funded-no = Not funded
gov-model-title = Model to adopt
gov-model-intro = The model is published at:
gov-voting-title = Vote
gov-voting-method = This cycle votes by { $method ->
    [weighted_majority] weighted majority.
    [approval] approval.
   *[quadratic] quadratic voting.
}
gov-ballots-cast = { $count ->
    [0] No ballots cast yet.
    [one] 1 ballot cast so far.
   *[other] { $count } ballots cast so far.
}
gov-voting-closes = Voting closes on { $when }.
gov-vote-sign-in = Sign in to vote
gov-vote-unverified = You cannot vote: please confirm your email address. Only residents with a verified email when voting opened can vote.
gov-vote-not-eligible = You are not eligible to vote in this cycle: when voting opened you did not hold the { $min } VOTE it asks for. VOTE is earned by verified civic work.
gov-vote-weight = You can vote with { $weight } VOTE, as recorded when voting opened.
gov-my-ballot = Your ballot, cast on { $when }:
gov-my-ballot-abstain = You abstain (you take part without supporting any option).
gov-my-ballot-change = You can change it until the close, { $when }.
gov-my-ballot-none = You have not voted on this proposal yet.
gov-ballot-mark = { $method ->
    [quadratic] { $option }: { $votes ->
        [one] 1 vote
       *[other] { $votes } votes
    }
   *[other] { $option }
}
gov-ballot-legend = { $method ->
    [weighted_majority] Your answer
    [approval] The options you approve
   *[quadratic] Your votes per option
}
gov-ballot-credits = n votes on an option cost n² credits (1 vote costs 1, 2 cost 4, 3 cost 9). You have { $credits } credits.
gov-ballot-abstain = I abstain
gov-ballot-cast = Cast my ballot
gov-ballot-replace = Replace my ballot
gov-ballot-private = Your ballot is secret: only you see it. The public sees how many ballots were cast, and the totals after the close.
gov-voting-later = Voting opens on { $when }.
gov-voting-withdrawn = This proposal was withdrawn; it will not be voted on.
gov-voting-none = This proposal was not put to a vote.
gov-tally-caption = Support per option
gov-col-option = Option
gov-col-support = Support
gov-support = { $method ->
    [quadratic] { $n ->
        [one] 1 vote
       *[other] { $n } votes
    }
   *[other] { $n } VOTE
}
gov-turnout-caption = Turnout and quorum
gov-tally-eligible = Eligible voters
gov-tally-voters = Voters (abstentions included)
gov-tally-people-vote = { $people ->
    [one] 1 resident
   *[other] { $people } residents
} · { $vote } VOTE
gov-tally-abstentions = Abstentions
gov-tally-turnout = Turnout (share of eligible VOTE)
gov-tally-quorum = Quorum
gov-quorum-met = reached
gov-quorum-missed = not reached
gov-funded-title = Funded options
gov-enacted-title = Put into effect
gov-enacted-parameter = { $parameter } is now { $value }
gov-enacted-policy = The policy was adopted.
gov-enacted-budget = { $option }: { $amount } CITY paid to @{ $organization }
gov-enacted-model = { $installation ->
    [installed] The model at { $url } was adopted: { $installed } of { $offered } task templates are now drafts of the proposing organization.
    [failed] The model at { $url } was adopted but cannot be installed: { $reason ->
        [gone] it is no longer published there.
        [no-templates] it holds no task template this city can use.
       *[not-an-issuer] the proposing organization is not an approved issuer.
    }
   *[pending] The model at { $url } was adopted; its task templates are installed once the city has fetched it.
}

## Deliberation
gov-comments-title = Deliberation
gov-comments-empty = No comments yet.
gov-comments-closed = Comments are open during deliberation and voting.
gov-comment-sign-in = Sign in to take part in the deliberation
gov-comment-new = Your comment
gov-comment-submit = Post the comment
gov-comment-reply = Reply
gov-comment-reply-label = Your reply to @{ $username }
gov-comment-reply-submit = Post the reply
gov-comment-hidden = Hidden by a moderator: { $reason }
gov-comment-report = Report to the moderators
gov-comment-report-reason = Why should a moderator look at this comment?
gov-comment-report-submit = Send the report
gov-comment-reports = { $count ->
    [one] reported once
   *[other] reported { $count } times
}
gov-comment-hide = Hide this comment
gov-comment-restore = Show this comment again
gov-moderation-reason = Reason, shown publicly
gov-moderation-log-title = Moderation log
gov-moderation-log-empty = No comment has been hidden or restored.
gov-moderation-comment-link = the comment
gov-moderation-action = { $action ->
    [hidden] Hidden by @{ $moderator }
   *[restored] Restored by @{ $moderator }
}
gov-moderation-title = Moderation
gov-moderation-intro = Every comment a moderator hides or restores is listed here with the reason. A hidden comment keeps its place in the discussion.
gov-reported-title = Reported comments
gov-reported-empty = No reported comment is waiting.
gov-col-when = When
gov-col-action = Action
gov-col-reason = Reason

## Parameters
gov-parameters-title = The city’s parameters
gov-parameters-intro = The rules that shape rewards, periods and decisions, as they are in force now, and who set them.
gov-parameters-in-force = In force now
gov-parameters-hint = A reward multiplier that no decision has set is 100%: rewards are as the task template says.
gov-parameters-history = History of changes
gov-parameters-history-empty = No parameter has changed yet.
gov-col-value = Value
gov-col-source = Set by
gov-col-since = Since
gov-col-before = Before
gov-col-after = After
gov-value-default = the default
gov-source-decision = the decision “{ $title }”
gov-source-administrator = administrator @{ $username }
gov-source-configuration = configuration default
gov-parameter-name = { $family ->
    [reward_multiplier] Reward multiplier for { $subject }
    [issuer_budget] CITY budget per period of { $subject }
    [epoch_length] Length of a period
    [city_expiry_epochs] Lifetime of earned CITY
    [vote_decay_percent] VOTE decay per period
    [resident_cap_city] CITY cap per resident per period
    [resident_cap_city_category] CITY cap per resident per period for { $subject }
    [resident_cap_vote] VOTE cap per resident per period
    [reservation_minutes] How long a reservation stays valid
    [level_to_earn] Identity level needed to earn CITY and VOTE
    [level_to_vote] Identity level needed to vote
   *[min_vote_to_propose] VOTE needed to propose
}
gov-value-expiry = { $n ->
    [0] never expires
    [one] expires after 1 period
   *[other] expires after { $n } periods
}
gov-value-no-cap = no cap
gov-value-decay = { $n }% per period
gov-value-epoch-length = { $unit ->
    [months] { $n ->
        [one] 1 month
       *[other] { $n } months
    }
    [weeks] { $n ->
        [one] 1 week
       *[other] { $n } weeks
    }
   *[days] { $n ->
        [one] 1 day
       *[other] { $n } days
    }
}

## CITY a participatory budget funded an organization with (its page and console)
funded-title = Funded by decisions
funded-balance = { $amount } CITY funded by the city's decisions, available to issue as rewards
funded-explained = Rewards for this organization's tasks are paid from its epoch budget first, then from this funded CITY, which does not expire at the epoch's close.
funded-by-decision = { $amount } CITY funded by the decision
funded-issued = Issued as rewards so far: { $amount } CITY
funded-account = Ledger account: { $account }
