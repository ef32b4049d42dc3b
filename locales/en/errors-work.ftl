## Errors of organizations, templates, opportunities, claims and verification
error-handle-invalid = Use 3 to 40 characters: lowercase letters, digits, - and _, starting with a letter.
error-handle-taken = This handle is taken by an organization or a resident. Please choose another.
error-web-address-invalid = Enter a full web address starting with https:// or http://.
error-kinds-missing = Choose at least one: issuer, redeemer or both.
error-role-unknown = Choose one of the roles in the list.
error-control-characters = This field holds characters that cannot be used ({ $field }).
error-category-unknown = Choose a category from the list.
error-unit-not-of-category = This outcome unit does not belong to the chosen category.
error-outcome-invalid = Enter a positive number that is plausible for this task.
error-reward-invalid = Enter the reward as a whole number or with at most two decimals, for example 2.50.
error-minutes-invalid = Enter the minutes as a whole number from 1 to 1440.
error-proof-kinds-missing = Choose at least one kind of proof, unless the work is checked on site.
error-proof-kind-unknown = Choose kinds of proof from the list.
error-method-unknown = Choose how the work is verified.
error-extra-field-invalid = Line { $line } of the extra questions is not valid. Write: key | question | kind | required or optional | choices.
error-extra-value-invalid = Please answer “{ $field }” with a valid value.
error-times-invalid = Check the times: the end must come after the start, and the claim deadline no later than the end.
error-capacity-invalid = Enter a capacity from 1 to 10000.
error-coordinates-invalid = Enter both latitude (−90 to 90) and longitude (−180 to 180) as decimal numbers, or neither.
error-proof-missing = This task needs { $kind ->
    [text] a written report
    [photo] at least one photo
    [geo] the location
    [time_range] the time you worked
   *[other] { $kind }
}.
error-too-many-photos = Send at most { $max } photos.
error-rating-invalid = Choose a rating from 1 to 5.
error-reason-unknown = Choose a reason from the list.
error-conflict = This was changed by someone else meanwhile. Reload the page and try again.
error-invitee-unknown = No resident of this city has that username or email address.
error-already-member = This person is already a member.
error-already-invited = This person already has a pending invitation.
error-last-owner = An organization keeps at least one owner. Make someone else an owner first.
error-organization-not-approved = The organization is waiting for the city's approval.
error-not-an-issuer = This organization is not an issuer, so it cannot publish tasks.
error-template-not-active = Only an active template can issue opportunities.
error-opportunity-full = This opportunity is full.
error-not-claimable = This opportunity does not take claims now.
error-already-claimed = You already hold a claim on this opportunity.
error-deadline-passed = The deadline has passed.
error-already-decided = This submission was already decided.
error-work-not-started = Proof can be sent once the opportunity has started. Come back after it begins.
error-own-claim = You cannot verify your own work.
error-photo-invalid = Send photos as JPEG, PNG or WebP.
error-photo-too-large = Each photo can be at most { $megabytes } MB.
error-category-taken = This category already has that unit.
error-capacity-below-claims = The capacity cannot be { $capacity }: { $claims } claims are already made (the least it can be is { $claims }). Nothing was changed.
error-claim-requirements-unmet = You cannot claim this place yet: some of its requirements are not met.
error-birth-date-invalid = Enter your date of birth as year-month-day, for example 2008-05-31.
error-min-age-invalid = Enter the minimum age as a whole number from 1 to 120, or leave it empty.
error-guardian-not-needed = A guardian's consent is only needed by residents under the age of majority. Enter your date of birth first.
error-qualification-unknown = Choose a qualification of this organization from the list.
error-qualification-taken = This organization already has a qualification with that name.
error-expiry-invalid = Enter the expiry as year-month-day, today or later.
