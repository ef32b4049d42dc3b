## Email messages (templates/mail). Every message below has the same id in es/mail.ftl.

## Shared by every email
mail-greeting = Hello { $username },
mail-link-plain = If the button does not work, copy this address into your browser:
mail-link-validity = The link works for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }.
mail-ignore = If this wasn't you, ignore this message.
mail-signature = The { $city } team on City/Sync
mail-automatic = This is an automatic message from { $city } on City/Sync.

## Confirm the email address after signing up
mail-verify-subject = Confirm your email address for { $city }
mail-verify-heading = Confirm your email address
mail-verify-intro = Thank you for joining { $city } on City/Sync. Please confirm your email address with this link:
mail-verify-action = Confirm my email address

## Password reset
mail-reset-subject = Reset your password for { $city }
mail-reset-heading = Reset your password
mail-reset-intro = Someone asked to reset the password of your account on { $city }. To choose a new password, use this link:
mail-reset-action = Choose a new password
mail-reset-ignore = If this wasn't you, ignore this message: your password stays the same.

## Someone tried to sign up with an address that already has an account
mail-existing-subject = Someone tried to create an account with your email address on { $city }
mail-existing-heading = You already have an account
mail-existing-intro = Someone tried to create a new account on { $city } with this email address. This address already belongs to your account, { $username }, so no new account was created.
mail-existing-login = To sign in, use this link:
mail-existing-login-action = Sign in
mail-existing-reset = If you forgot your password, you can choose a new one:
mail-existing-reset-action = Reset my password
mail-existing-ignore = If this wasn't you, ignore this message: nothing changed on your account.

## The password was changed
mail-changed-subject = Your password for { $city } was changed
mail-changed-heading = Your password was changed
mail-changed-intro = The password of your account { $username } on { $city } was just changed. Your other sessions and app tokens were signed out.
mail-changed-ok = If this was you, there is nothing else to do.
mail-changed-not-you = If this wasn't you, choose a new password right away with "Forgot your password?" on the sign-in page, and tell the city's support.

## Notifications about civic work (the person can turn each kind off in their settings)
mail-note-feedback = The verifier's feedback:
mail-note-claim-confirmed-subject = Your place is confirmed: { $about }
mail-note-claim-confirmed-intro = Your claim on “{ $about }” is confirmed. When you have done the work, submit your proof on the claim's page.
mail-note-claim-confirmed-action = See my claim
mail-note-opportunity-cancelled-subject = Cancelled: { $about }
mail-note-opportunity-cancelled-intro = The organization cancelled “{ $about }”. Your claim has ended; nothing more is needed from you.
mail-note-opportunity-cancelled-action = Find other opportunities
mail-note-reason = The organization's reason:
mail-note-changes = What changed:
mail-note-when = When and where:
mail-note-opportunity-changed-subject = Changed: { $about }
mail-note-opportunity-changed-intro = The organization changed “{ $about }”, which you claimed. Your claim stands; check that the new details still suit you, or withdraw to free your place.
mail-note-opportunity-changed-action = See the opportunity
mail-note-submission-approved-subject = Your work was verified: { $about }
mail-note-submission-approved-intro = Your proof for “{ $about }” was approved. Your contribution is now recorded.
mail-note-submission-approved-action = See my contribution
mail-note-submission-rejected-subject = Your proof needs another look: { $about }
mail-note-submission-rejected-intro = Your proof for “{ $about }” was not approved this time. If the claim page allows it, you can submit once more.
mail-note-submission-rejected-action = See the feedback
mail-note-claim-expiring-subject = Submit your proof soon: { $about }
mail-note-claim-expiring-intro = Your claim on “{ $about }” expires soon if no proof is submitted. Submit your proof, or withdraw to free the place for someone else.
mail-note-claim-expiring-action = Submit proof
mail-note-invitation-subject = You are invited to join { $about }
mail-note-invitation-intro = You are invited to join “{ $about }” on { $city }. Accept or decline the invitation on your notifications page.
mail-note-invitation-action = See the invitation
mail-note-proof-submitted-subject = New proof to verify: { $about }
mail-note-proof-submitted-intro = A resident submitted proof of their work on “{ $about }”. It waits in your organization's verification queue.
mail-note-proof-submitted-action = Open the verification queue
mail-note-shift-reminder-subject = Reminder: { $about } starts { $when }
mail-note-shift-reminder-intro = This is a reminder that “{ $about }”, which you claimed, starts { $when }. If you can no longer come, withdraw your claim so someone else can take the place.
mail-note-shift-reminder-action = See my claim
mail-note-organization-pending-subject = An organization waits for approval: { $about }
mail-note-organization-pending-intro = “{ $about }” asked to join { $city }. Review it and approve or decline it on the organizations page.
mail-note-organization-pending-action = Review organizations
mail-note-organization-approved-subject = Your organization was approved: { $about }
mail-note-organization-approved-intro = “{ $about }” was approved on { $city }. Its members can now publish opportunities and offerings.
mail-note-organization-approved-action = Open the organization
mail-note-organization-declined-subject = Your organization was not approved: { $about }
mail-note-organization-declined-intro = “{ $about }” was not approved on { $city }. The administrators' reason, if they gave one, is below.
mail-note-organization-declined-action = See the organization
mail-note-voting-opened-subject = Voting is open: { $about }
mail-note-voting-opened-intro = Voting opened in “{ $about }”. Your VOTE balance counts: choose the proposals you support.
mail-note-voting-opened-action = Vote now
mail-note-voting-closing-subject = Voting closes tomorrow: { $about }
mail-note-voting-closing-intro = Voting in “{ $about }” closes within a day. If you have not voted yet, there is still time.
mail-note-voting-closing-action = Vote now
mail-note-waitlist-offered-subject = A place is yours if you take it: { $about }
mail-note-waitlist-offered-intro = A place freed up in “{ $about }” and you are first on its waiting list. Take it before the offer ends, or it passes to the next person.
mail-note-waitlist-offered-action = Take the place
mail-note-reward-credited-subject = Your reward was credited: { $about }
mail-note-reward-credited-intro = You are now verified as a resident, so the reward held for your verified work on “{ $about }” was credited to your wallet.
mail-note-reward-credited-action = See my wallet
mail-note-credited = What was credited:

## A one-time sign-in link
mail-signin-subject = Your sign-in link for { $city }
mail-signin-heading = Sign in without your password
mail-signin-intro = Someone asked for a link to sign in to your account on { $city }. To sign in, use this link once:
mail-signin-action = Sign in
mail-signin-validity = The link works once, for { $minutes } minutes.
mail-signin-ignore = If this wasn't you, ignore this message: nobody can sign in without the link. If it keeps happening, choose a stronger password.

## An invitation to an organization (sent alike whether or not the address has an account)
mail-org-invite-subject = You are invited to join { $about }
mail-org-invite-heading = Join { $organization }
mail-org-invite-intro = You are invited to join “{ $organization }” on { $city }. If you already have an account there, sign in and answer on your notifications page; if not, create one with this email address and you will be a member.
mail-org-invite-action = Answer the invitation
mail-org-invite-ignore = If you don't want to join, ignore this message.
