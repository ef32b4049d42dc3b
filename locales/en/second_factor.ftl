# The second factor (TOTP) and its recovery codes (issue 27).
error-second-factor-code-wrong = That code is wrong, expired or was already used. Type the 6-digit code your authenticator app shows now, or one of your recovery codes.
error-second-factor-required = This needs a second factor. Set one up in your settings (Settings → Second factor), then try again.
error-second-factor-already-on = A second factor is already set up for this account.
error-second-factor-off = No second factor is set up for this account.

second-factor-title = Second factor
second-factor-intro = A second factor keeps your account safe even if someone learns your password: after the password, you also type a 6-digit code from an authenticator app on your phone.
second-factor-required-title = Set up a second factor to continue
second-factor-required-body = This city asks everyone who administers it, owns an organization, verifies work, works at a counter or registers residents to use a second factor, because these accounts can move credit. Set it up below; it takes a minute. Then you will be taken back to the page you asked for.
second-factor-on = A second factor is on for this account. { $left ->
    [one] You have one unused recovery code left.
   *[other] You have { $left } unused recovery codes left.
}
second-factor-enroll-title = Set up an authenticator app
second-factor-enroll-step-app = Install an authenticator app on your phone if you do not have one (any app that supports time-based codes works).
second-factor-enroll-step-scan = In the app, add an account and scan this QR code, or type the key shown below it.
second-factor-enroll-step-code = Type the 6-digit code the app shows to confirm.
second-factor-qr-title = QR code to add this account to an authenticator app
second-factor-secret-label = Key:
second-factor-secret-hint = Keep this key private. It is shown only until you confirm; after that nobody, not even an administrator, can see it again.
second-factor-field-code = Code from the app
second-factor-field-code-hint = 6 digits; a new one every 30 seconds.
second-factor-field-code-or-recovery = Code from the app, or a recovery code
second-factor-enroll-submit = Confirm and turn on
second-factor-regenerate-title = New recovery codes
second-factor-regenerate-intro = Get ten new recovery codes; the old ones stop working. Type a current code from your app.
second-factor-regenerate-submit = Make new recovery codes
second-factor-disable-title = Turn the second factor off
second-factor-disable-intro = Type a current code from your app, or a recovery code. If this city requires a second factor for your role, the staff pages stay closed until you set one up again.
second-factor-disable-submit = Turn off
second-factor-back-to-settings = Back to settings
second-factor-codes-title = Your recovery codes
second-factor-codes-once = These codes are shown only this once. Save or print them now and keep them somewhere safe.
second-factor-codes-intro = If you lose your phone, each code lets you sign in once instead of a code from the app.
second-factor-codes-done = I have saved them
second-factor-consent-intro = This app asks for permissions that can move credit. Type a code from your authenticator app (or a recovery code) to allow it.

login-second-factor-title = Second factor
login-second-factor-intro = Signing in as { $username }. Type the code from your authenticator app.
login-second-factor-hint = Lost your phone? Type one of your recovery codes instead.
login-second-factor-submit = Sign in
login-second-factor-start-over = Start over
