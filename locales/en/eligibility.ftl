## Eligibility of claims: minimum age, guardian's consent, waivers, qualifications (issue 26)

# What a resident still needs, listed on the opportunity page and in a refusal.
eligibility-need-birth-date = your date of birth in your settings (this task has a minimum age)
eligibility-need-age = to be at least { $age } years old on the day the work starts
eligibility-need-guardian = a parent's or guardian's consent (ask for it in your settings)
eligibility-need-waiver = to accept the waiver on the claim form
eligibility-need-qualification = the qualification “{ $name }”, valid on the day the work starts (the organization grants it)
eligibility-you-need = You need: { $needs }.
eligibility-needs-title = Before you can claim a place, you need:
eligibility-need-waiver-below = to accept the waiver below
eligibility-settings-link = Open your eligibility settings
eligibility-waiver-read = Read the waiver (version { $version })
eligibility-waiver-accept = I have read the waiver and I accept it
eligibility-acceptances-title = Waivers accepted
eligibility-acceptance-line = { $username } accepted version { $version } on

# The resident's settings
eligibility-settings-title = Age and qualifications
eligibility-settings-link-short = Age, guardian and qualifications
eligibility-back-to-settings = Back to settings
eligibility-birth-date-title = Date of birth
eligibility-birth-date-intro = Some tasks have a minimum age. Only you and the city's administrators see your date of birth.
eligibility-birth-date = Date of birth
eligibility-birth-date-hint = Year-month-day, for example 2008-05-31.
eligibility-birth-date-save = Save date of birth
eligibility-birth-date-saved = Your date of birth was saved.
eligibility-guardian-title = Guardian's consent
eligibility-guardian-intro = Residents under { $age } need the consent of a parent or guardian before they can claim work. Enter their email address: we send them a link to consent.
eligibility-guardian-not-needed = Only residents under { $age } need a guardian's consent (by the date of birth they give).
eligibility-guardian-email = Your parent's or guardian's email address
eligibility-guardian-email-hint = They receive a link that works once, for 7 days.
eligibility-guardian-send = Ask for consent
eligibility-guardian-sent = We emailed your guardian a link to consent.
eligibility-guardian-pending = Waiting for { $guardian } to consent; the link works until
eligibility-guardian-consented = { $guardian } consented on
eligibility-held-title = Your qualifications
eligibility-held-line = { $name } ({ $organization }), valid until
eligibility-held-none = You hold no qualifications yet. Organizations grant them, for example after a training.

# The guardian's page
eligibility-consent-title = Consent to civic work
eligibility-consent-intro = { $resident } asks for your consent to take part in civic work with { $city } on City/Sync.
eligibility-consent-what = With your consent they can claim places in tasks organizations publish (some tasks ask for more, such as a minimum age or a qualification). Your consent is recorded with the time and your email address.
eligibility-consent-as = You consent as { $guardian }.
eligibility-consent-button = I consent for { $resident }
eligibility-consent-ignore = If you do not consent, close this page: nothing changes.
eligibility-consent-done = Thank you. Your consent for { $resident } is recorded.

# A template's requirements
eligibility-requirements-link = Requirements: age, waiver, qualifications
eligibility-requirements-title = Requirements of “{ $title }”
eligibility-back-to-template = Back to the template
eligibility-requirements-intro = Residents who do not meet these requirements cannot claim this task's opportunities; the opportunity page tells them what they still need.
eligibility-min-age = Minimum age
eligibility-min-age-hint = In whole years, on the day the work starts. Leave empty for none.
eligibility-waiver = Waiver
eligibility-waiver-hint = Text residents accept when they claim. Leave empty for none.
eligibility-waiver-hint-version = Current version: { $version }. Changing the text makes a new version; earlier acceptances stay recorded. Leave empty to remove the waiver.
eligibility-qualifications = Qualifications required
eligibility-qualifications-none = Your organization has defined no qualifications.
eligibility-qualifications-manage = Manage qualifications
eligibility-requirements-save = Save requirements
eligibility-requirements-saved = The requirements were saved.

# An organization's qualifications
eligibility-qualifications-link = Qualifications
eligibility-qualifications-title = Qualifications of { $organization }
eligibility-qualifications-intro = Qualifications (such as a food handler card) are granted to residents with an expiry date. Tasks can require them.
eligibility-grant-title = Grant a qualification
eligibility-grant-qualification = Qualification
eligibility-grant-who = Resident
eligibility-grant-who-hint = Username or email address. Granting again changes the expiry.
eligibility-grant-expires = Valid until
eligibility-grant-button = Grant
eligibility-granted-title = Granted
eligibility-granted-none = Nobody holds these qualifications yet.
eligibility-holder = Resident
eligibility-expired = expired
eligibility-revoke = Withdraw
eligibility-revoke-named = Withdraw { $name } from { $username }
eligibility-define-title = Define a qualification
eligibility-define-name = Name
eligibility-define-name-hint = For example: Food handler card. Up to 100 characters.
eligibility-define-button = Define
eligibility-qualification-defined = The qualification was defined.
eligibility-qualification-granted = The qualification was granted.
eligibility-qualification-revoked = The qualification was withdrawn.

# The guardian's email
mail-guardian-subject = { $city }: consent for a young resident's civic work
mail-guardian-heading = { $resident } asks for your consent
mail-guardian-intro = { $resident } gave your address as their parent or guardian on { $city }'s City/Sync, where residents take part in civic work.
mail-guardian-what = Because they are under age, they need your consent before they can claim places in tasks.
mail-guardian-action = Read and consent
mail-guardian-valid = The link works once, for { $days } days.
mail-guardian-ignore = If you do not know this resident or do not consent, ignore this message.

# The administrator's view of a resident
eligibility-admin-title = Age and qualifications of { $username }
eligibility-admin-back = Back to people's accounts
eligibility-admin-link = Age and qualifications
eligibility-admin-minor = under { $age }
eligibility-admin-none = Not given
