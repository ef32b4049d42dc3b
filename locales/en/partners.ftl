## Co-issued opportunities: partner organizations and their shares of the reward.

partners-title = Partners of “{ $title }”
partners-explain = Partner organizations co-issue this opportunity: each pays its share of the { $reward } CITY reward from its own budget for every verified contribution, and the issuing organization pays the rest. Partners and shares can change only until the opportunity is published.
partners-list-title = Who issues it
partners-organization = Organization
partners-share = Share of the reward
partners-verifies = Verifies submissions
partners-no-verify = Does not verify
partners-state-heading = Invitation
partners-actions = Actions
partners-lead = issuing organization
partners-yes = Yes
partners-no = No
partners-amount = { $amount } CITY
partners-state = { $state ->
    [invited] Invited, waiting for an answer
    [accepted] Accepted
    [declined] Declined
   *[withdrawn] Withdrawn
}
partners-accept = Accept
partners-decline = Decline
partners-withdraw = Withdraw
partners-invite-title = Invite a partner organization
partners-invite-organization = Organization handle
partners-invite-organization-hint = The handle in the organization's address, like park-friends.
partners-invite-share = Its share of the reward (CITY)
partners-invite-share-hint = Paid from the partner's own budget for every verified contribution, for example 1.50.
partners-invite-verifies = Its verifiers may decide submissions
partners-invite-submit = Send the invitation
partners-manage-link = Partners: co-issue with other organizations
partners-issued-by = Issued by
partners-with = with
partners-console-title = Invitations to co-issue
partners-console-from = from { $lead }

error-share-invalid = A share is a positive amount of CITY, like 1.50.
error-shares-exceed-reward = The partners' shares together would exceed the reward. Lower this share or another one.
error-partners-frozen = This opportunity is published: its partners and shares can no longer change.
error-partner-unknown = No approved issuer organization has that handle.
error-already-partner = That organization already issues this opportunity or is invited to it.
error-partners-pending = Some invitations to co-issue still wait for an answer. Wait for them, or withdraw them, before publishing.
