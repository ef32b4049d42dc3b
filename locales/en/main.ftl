## Layout
nav-skip = Skip to main content
nav-label = Main
nav-home = Home
nav-city = About the city
nav-settings = Settings
nav-login = Sign in
nav-signup = Create an account
nav-logout = Sign out ({ $username })
language-label = Language
language-switch = Change
footer-text = City/Sync — open civic infrastructure. Everything public is visible.
banner-unverified = Please confirm your email address: until then you can browse but not take part.
banner-unverified-resend = Send the confirmation link again

## Home and city
home-intro = { $city } runs its civic work on City/Sync: find tasks that help your neighborhood, do them, and earn local credit and a voice in what the city decides.
home-region = Region: { $region }
home-welcome = Welcome back, { $username }.
home-not-configured = This city is not set up yet. Its administrator finds the one-time setup link in the server's log.
home-what-title = How it works
home-what-tasks = Organizations publish civic tasks; residents claim them, do them and submit proof.
home-what-credit = Verified work earns CITY credit, spent at local businesses and services.
home-what-vote = Verified work also earns VOTE, your weight in the city's decisions.
home-what-federation = Cities share what works with each other; each city's credit stays at home.
city-title = About { $city }
city-handle = Federation address
city-federation-intro = Other cities can follow this city to see its tasks, programs and decisions.
profile-intro = A resident of this city on City/Sync.

## Forms
field-username = Username
field-username-hint = 3 to 30 characters: lowercase letters, digits and underscores. It is public.
field-email = Email address
field-password = Password
field-password-hint = At least 10 characters, hard to guess: a few unrelated words work well. Any characters, spaces included.
field-password-confirm = Repeat the password
field-current-password = Current password
field-new-password = New password

## First run
setup-title = Set up your city
setup-intro = Name the city and create its first administrator. This page works once.
setup-city-legend = The city
setup-city-name = City name
setup-region = Region
setup-region-hint = For example: California, United States
setup-default-locale = Default language
setup-timezone = Time zone
setup-timezone-hint = An IANA time zone name, for example America/Los_Angeles or America/Mexico_City
setup-admin-legend = The first administrator
setup-submit = Create the city

## Accounts
signup-title = Create an account
signup-intro = Join { $city } on City/Sync. We will send a link to confirm your email address.
signup-submit = Create account
signup-have-account = Already have an account?
signup-sent-title = Check your email
signup-sent-body = If the address can be used, a message with a confirmation link is on its way. The link works for 24 hours.
verify-title = Confirm your email address
verify-intro = Press the button to confirm your email address.
verify-submit = Confirm my email address
verify-done-title = Email address confirmed
verify-done-body = Thank you. You can now sign in and take part.
resend-title = Send the confirmation link again
resend-submit = Send the link
resend-sent-title = Check your email
resend-sent-body = If an unconfirmed account uses this address, a new link is on its way.
login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
login-email-link = Locked out? Email me a one-time sign-in link
login-link-title = Sign in with a link by email
login-link-intro = We send a link to your address that signs you in once, without your password, within 15 minutes. It also works while sign-ins with a password are paused after too many failed attempts.
login-link-submit = Email me a sign-in link
login-link-sent-title = Check your email
login-link-sent-body = If an account uses this address, a sign-in link is on its way. It works once, for 15 minutes.
login-link-use-title = Sign in
login-link-use-intro = This link signs you in once. This browser will be remembered as one of your devices.
login-link-use-submit = Sign in
forgot-title = Reset your password
forgot-intro = Enter your email address and we will send you a link to choose a new password.
forgot-submit = Send the reset link
forgot-sent-title = Check your email
forgot-sent-body = If an account uses this address, a reset link is on its way. It works for one hour.
reset-title = Choose a new password
reset-submit = Save the new password
reset-done-title = Password changed
reset-done-body = Your new password is saved and you were signed out everywhere. Sign in with the new password.
settings-title = Settings
settings-language-title = Language
settings-language-intro = The language of pages and emails.
settings-language-save = Save language
settings-password-title = Password
settings-password-save = Change password
settings-password-saved = Your password was changed. Your other sessions and app tokens were signed out.

## Errors
error-title = Error { $status }
error-request-id = Request id: { $id } (give it to the city's support if you ask for help)
error-username-invalid = Use 3 to 30 characters: lowercase letters, digits and underscores.
error-username-reserved = This username is reserved. Please choose another.
error-username-taken = This username is taken. Please choose another.
error-email-invalid = Enter an email address like name@example.org.
error-password-too-short = The password must have at least { $min } characters.
error-password-too-long = The password is too long.
error-passwords-differ = The two passwords are different.
error-password-weak = This password is too easy to guess: { $reason ->
        [personal] it is made of your username, your email address or the city's name.
        [repeat] repeats like “aaaa” or “abcabc” add almost nothing.
        [common] it is one of the most used passwords.
        [pattern] sequences and keyboard rows like “abcd” or “qwerty” are tried first.
        [date] dates and years are tried first.
        [word] a single word or name is tried first.
       *[other] it would be found quickly.
    } Use a few unrelated words, e.g. a short sentence only you would write.
error-current-password-wrong = The current password is not right.
error-scope-unknown = Unknown permission: { $scope }
error-required = Please fill in this field ({ $field }).
error-too-long = This field is too long ({ $field }).
error-unavailable = The service is briefly unavailable. Please try again in a moment.
error-internal = Something went wrong on our side. Please try again.
error-not-found = This page does not exist.
error-forbidden = You are not allowed to do this, or the form expired. Go back, reload the page and try again.
error-unauthenticated = Please sign in first.
error-not-verified = Please confirm your email address first.
error-bad-credentials = The email address or the password is not right.
error-throttled = Too many attempts. Please wait { $minutes } minutes and try again.
error-invalid-link = This link is not valid or has expired. You can ask for a new one.
error-setup-token-invalid = This setup link is not valid. Use the link printed in the server's log.
error-already-set-up = This city is already set up.
error-locale-unsupported = This language is not available.
error-timezone-invalid = Unknown time zone. Use a name like America/Mexico_City.
error-bad-request = The request could not be understood.
error-method-not-allowed = This address does not accept that kind of request.
error-timeout = The request took too long.
error-payload-too-large = What you sent is too large.
error-unsupported-media-type = This kind of content is not accepted here.
error-insufficient-scope = This app's access does not include the permission "{ $scope }".
error-token-in-query = Send the access token in the Authorization header, never in the address.
error-transition-refused = This cannot be done now: it is { $state }.
error-state-unknown = The stored state is not recognised.

## Instants on the city's clocks, as this language writes them (chrono strftime patterns).
moment-date-time = %a, %b %-d, %Y, %-I:%M %p
moment-date = %a, %b %-d, %Y
moment-time = %-I:%M %p
# The city's clock named near time fields, e.g. "Berkeley time (PST)".
zone-label = { $city } time ({ $zone })
