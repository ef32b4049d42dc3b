## The work loop: opportunity page, claims, proof, verification, notifications.
nav-my-work = My work
nav-notifications = Notifications
# The menu's link when some are unread, as screen readers say it.
nav-notifications-unread = Notifications, { $count } unread

work-state = { $state ->
    [draft] Draft
    [published] Open
    [closed] Closed
   *[cancelled] Cancelled
  }
work-when = When
work-where = Where
work-claim-by = Claim by
work-slots = Places
work-slots-left = { $remaining } of { $capacity } places left
work-reward = Reward
work-reward-amounts = { $city } CITY and { $vote } VOTE
work-outcome = Expected outcome
work-method = Verification
work-method-name = { $method ->
    [issuer_review] The organization reviews your proof
    [on_site] A verifier checks you in and out on site
   *[peer] Other participants confirm
  }
work-see-template = About this task
work-onsite = On the day
work-take-part = Take part
work-you-hold-claim = You have a place in this opportunity.
work-see-claim = See my claim
work-login-to-claim = Sign in to claim a place
work-not-open = This opportunity is not taking claims.
work-claim-button = Claim a place
work-claimants = People taking part
work-remote-participants = Taking part from other servers
work-remote-participants-note = These people joined from elsewhere on the fediverse (Mobilizon, Mastodon…). Each holds a place; they earn no CITY or VOTE here.
work-claim-state = { $state ->
    [claimed] Claimed
    [submitted] Proof submitted, waiting for a decision
    [verified] Verified
    [rejected] Not approved
    [withdrawn] Withdrawn
   *[expired] Expired
  }
work-check-in = Check in
work-check-out = Check out
work-manage = Manage
work-publish = Publish
work-close = Close
work-cancel = Cancel opportunity
work-edit = Edit

work-my-work-title = My work
work-contributions = Verified contributions
work-no-contributions = No verified contributions yet.
work-claims = My claims
work-no-claims = You have not claimed anything yet.
work-browse = Find an opportunity
work-see-opportunity = See the opportunity
work-claimed-by = Claimed by { $username }
work-reward-fixed = Reward on verification: { $city } CITY and { $vote } VOTE (task version { $version }{ $percent ->
        [100] {""}
       *[other] , with the city's ×{ $multiplier } for this category
    }).
work-contribution-verified = Verified contribution
work-contribution-outcome = Outcome: { $quantity } { $unit }. Quality: { $rating } of 5.
work-feedback = Feedback from the organization:
work-submissions = Proof sent
work-attempt = Attempt { $attempt }
work-outcome-claimed = Outcome reported: { $quantity } { $unit }
work-worked = Worked from { $from } to { $until }
work-location = Location
work-photo-alt = Proof photo { $number }
work-rejected-because = Not approved:
work-reason = { $reason ->
    [insufficient_proof] the proof is not enough
    [not_completed] the task was not completed
    [outside_window] the work was done outside the opportunity's time
    [duplicate] this work was already submitted
   *[other] another reason
  }
work-approved = Approved.
work-waiting-decision = Waiting for a verifier.
work-resubmit = Submit once more
work-submit-proof = Submit your proof
work-proof-text = What you did
work-required = (required)
work-proof-photos = Photos
work-proof-photos-hint = Up to { $max } photos, JPEG, PNG or WebP, at most { $megabytes } MB each. Location data is removed before they are stored.
work-latitude = Latitude
work-longitude = Longitude
work-time-range = When you worked
work-from = From
work-until = Until
work-proof-outcome = Outcome achieved, in { $unit }
work-send-proof = Send proof
work-withdraw = Withdraw and free my place
work-trail = History

work-queue-title = Submissions to verify · { $organization }
work-queue-intro = Oldest first. Approving records the contribution and its reward; rejecting lets the person submit once more.
work-queue-empty = Nothing waits for a decision.
work-approve = Approve
work-confirmed-outcome = Confirmed outcome
work-quality = Quality (1 to 5)
work-public-feedback = Public feedback (optional)
work-reject = Reject
work-reject-reason = Reason
work-feedback-required = Feedback for the person (required)

work-notifications-title = Notifications
work-invitations = Invitations
work-invitation-line = { $organization } invites you to join as { $role }.
work-role = { $role ->
    [owner] owner
    [editor] editor
    [verifier] verifier
    [registrar] registrar
   *[cashier] cashier
  }
work-accept = Accept
work-decline = Decline
work-recent = Recent
work-mark-read = Mark all as read
work-new = New:
work-no-notifications = No notifications yet.
work-email-prefs = Email
work-email-prefs-legend = Also send me an email when:
work-pref = { $kind ->
    [claim_confirmed] my claim is confirmed
    [opportunity_cancelled] an opportunity I claimed is cancelled
    [opportunity_changed] an opportunity I claimed is changed
    [submission_approved] my proof is approved
    [submission_rejected] my proof is not approved
    [claim_expiring] my claim is about to expire
    [reward_credited] a reward held for my work is credited
    [shift_reminder] an opportunity I claimed starts soon
    [proof_submitted] proof waits for my verification
    [organization_pending] an organization waits for approval
    [organization_approved] my organization is approved
    [organization_declined] my organization is not approved
    [voting_opened] voting opens in a budget cycle
    [voting_closing] voting closes tomorrow
    [waitlist_offered] a place is offered to me from a waiting list
   *[invitation] an organization invites me
  }
work-save = Save

note-claim-confirmed = Your place in “{ $about }” is confirmed.
note-opportunity-cancelled = “{ $about }” was cancelled.
note-opportunity-changed = “{ $about }” was changed.
# One change of an opportunity as a claimant is told it: the old value, then the new one.
note-change = { $field ->
    [title] Title: { $old } → { $new }
    [starts_at] Starts: { $old } → { $new }
    [ends_at] Ends: { $old } → { $new }
    [claim_deadline] Claims close: { $old } → { $new }
    [place] Place: { $old } → { $new }
    [point] Map position: { $old } → { $new }
    [capacity] Places: { $old } → { $new }
   *[onsite_instructions] On-site instructions: { $old } → { $new }
}
note-change-empty = (none)
note-claim-when = { $starts } to { $ends } · { $place }
note-submission-approved = Your work on “{ $about }” was verified.
note-proof-submitted = New proof to verify for “{ $about }”.
note-shift-reminder = “{ $about }”, which you claimed, starts soon.
note-organization-pending = “{ $about }” waits for approval.
note-organization-approved = Your organization “{ $about }” was approved.
note-organization-declined = Your organization “{ $about }” was not approved.
note-voting-opened = Voting opened in “{ $about }”.
note-voting-closing = Voting in “{ $about }” closes tomorrow.
note-waitlist-offered = A place in “{ $about }” is offered to you from the waiting list.
note-reward-credited = The reward held for your work on “{ $about }” was credited.
work-reward-held = You are not yet verified as a resident, so the reward ({ $city } CITY and { $vote } VOTE) is held. It is credited when you are verified as a resident before this period ends (at a registrar's desk: see your settings).
work-decided-held-title = Approved, with the reward held
work-decided-held = { $resident } is not yet verified as a resident: the reward ({ $city } CITY and { $vote } VOTE) is held and credited if they are verified before this period ends.
work-reward-credited = Credited now that you are verified as a resident: { $city } CITY and { $vote } VOTE.
work-reward-capped = A per-resident cap for this period held back part of the reward: { $city_minted } of { $city_reward } CITY and { $vote_minted } of { $vote_reward } VOTE were credited.
work-decided-capped-title = Approved, with the reward capped
note-submission-rejected = Your proof for “{ $about }” was not approved.
note-claim-expiring = Your claim on “{ $about }” expires soon without proof.
note-invitation = You are invited to join “{ $about }”.
work-opportunity-times = The opportunity:
work-submitted-at = sent
work-submitted-early = This proof was sent before the opportunity ended. Check that the work was really done before you approve it.
work-proof-after-start = You can send proof once the opportunity has started:
