## Identity levels (issue 25): the registrar's desk, the administrator's page, the errors

error-identifier-invalid = Check the document's identifier: a CURP has 18 letters and digits in its official form; a document number has 4 to 32 letters and digits.
error-identifier-held = Another account already holds this document. The verification was refused and the case sent to the city's administrator.
error-already-resident-verified = This resident is already verified with another document.
error-resident-verification-needed = Voting needs a resident verification: show an identity document at a registrar's desk (a library or city counter).
error-identity-already-decided = This verification was already revoked, or this case was already decided. The page now shows how things stand.

identity-level = { $level ->
    [resident] Resident verified
    [email] Email verified
   *[none] Email not verified yet
}
identity-document-kind = { $kind ->
    [curp] CURP
    [address] Postal address
    [provider_subject] Identity service account
   *[document_number] Document number
}
identity-method = { $method ->
    [letter_code] Letter code, posted to your address
    [registry] The city's registry
    [openid_connect] Identity service sign-in
   *[in_person] In person, at a registrar's desk
}

registrar-link = Registrar's desk
registrar-title = Registrar's desk of { $name }
registrar-intro = Check the resident's identity document in person, then enter their username and the document's identifier. Only a keyed fingerprint of the identifier is kept, never the identifier itself.
registrar-who = Resident's username
registrar-kind = Document
registrar-identifier = Document identifier
registrar-identifier-hint = Spaces and hyphens do not matter.
registrar-submit = Verify as resident
registrar-verified = { $username } is now resident verified.
registrar-already = { $username } was already verified with this document: nothing changed.

admin-identity-link = Resident verifications
admin-identity-title = Resident verifications
admin-identity-intro = Registrars verify residents at their desks. A document presented for a second account is refused and waits here for your decision.
admin-identity-conflicts = Refused verifications
admin-identity-conflicts-empty = No refused verification waits for a decision.
admin-identity-conflict = { $method ->
    [in_person] { $username } presented a document { $holder } already holds ({ $kind }), at { $organization } by { $registrar }.
   *[other] { $username } presented a document { $holder } already holds ({ $kind }), by { $method_name }.
}
admin-identity-dismiss = Keep it with { $holder }
admin-identity-transfer = Move it to { $username }
admin-identity-active = Active verifications
admin-identity-active-empty = Nobody is resident verified yet.
admin-identity-verified-line = { $method ->
    [in_person] { $username }: { $kind }, verified by { $registrar } at { $organization }
   *[other] { $username }: { $kind }, by { $method_name }
}
admin-identity-reason = Reason
admin-identity-revoke = Revoke
admin-identity-revoke-before = Revoke every verification granted before a date
admin-identity-before = Granted before (date, { $timezone })
admin-identity-before-invalid = Enter the date as year-month-day, for example 2026-12-31.
admin-identity-revoke-all = Revoke them
admin-identity-revoked = { $count ->
    [one] One verification was revoked.
   *[other] { $count } verifications were revoked.
}
admin-identity-done = Done.

settings-identity-level = Identity level

## Further resident-verification methods: letter codes, the city's registry, OpenID Connect

error-address-invalid = Each line must be one postal address, of 5 to 200 letters and digits.
error-verification-method-off = The city does not offer this way of verifying residents.
error-verification-method-not-configured = This method needs the server's configuration first (the [identity] section of the configuration file).
error-letter-code-invalid = This code is not valid: check it against your letter. A code works once, until the date printed on the letter.
error-registry-no-match = The city's registry does not know this document (or this birth date). Check what you typed, or verify at a registrar's desk.
error-registry-unavailable = The city's registry did not answer. Nothing changed: try again later, or use another way below.
error-identity-provider-unavailable = The identity service could not be reached. Nothing changed: try again later, or use another way below.
error-identity-provider-refused = The identity service's answer could not be used (the sign-in was cancelled, expired, started from another account, or lacked your identifier). Nothing changed: start again.

identity-methods-link = Ways to verify as a resident
identity-methods-title = Verify as a resident
identity-methods-intro = Some of the city's actions need a resident verification. Choose one of these ways; only a keyed fingerprint of your identifier is kept, never the identifier itself.
identity-methods-done = You are verified as a resident. Nothing more to do.
identity-methods-email-first = Verify your email address first: the link is in the message we sent you.
identity-methods-verified = You are now verified as a resident.
identity-methods-already = You were already verified with this identifier: nothing changed.
identity-methods-letter-intro = If the city posted you a letter with a code, enter it here. It verifies one account per address.
identity-methods-code = Code from the letter
identity-methods-code-hint = Like ABCD-EFGH-JKMN. Case, spaces and hyphens do not matter.
identity-methods-code-submit = Verify with this code
identity-methods-registry-intro = The city checks your document with { $registry }. What you enter is sent there once, over an encrypted connection.
identity-methods-birth-date = Birth date
identity-methods-registry-submit = Check with { $registry }
identity-methods-oidc-intro = Sign in with { $provider }: you go to its site and come back here.
identity-methods-oidc-submit = Verify with { $provider }
identity-methods-desk-intro = Or show an identity document at a registrar's desk (a library or city counter).
identity-methods-back = Back to settings

admin-identity-methods = Ways residents may verify
admin-identity-methods-intro = A registrar's desk is always a way. Switch on the others the city offers.
admin-identity-method-unconfigured = { $method ->
    [registry] Set [identity.registry] url in the server's configuration first.
    [openid_connect] Set [identity.oidc] issuer, client_id and client_secret in the server's configuration first.
   *[other] Not available on this server.
}
admin-identity-methods-save = Save
admin-identity-letters = Letter codes
admin-identity-letters-intro = { $count ->
    [one] One code is waiting to be used.
   *[other] { $count } codes are waiting to be used.
} Each new code works once, for the account that enters it first; the address is kept only as a keyed fingerprint.
admin-identity-addresses = Addresses, one per line
admin-identity-addresses-hint = Pasting from a spreadsheet works too: its first column is read. You get a CSV file back (address, code, expiry) to print and post: the codes are shown only this once.
admin-identity-addresses-file = Or a CSV file (address in the first column)
admin-identity-letter-days = Days the codes stay valid (1 to 365)
admin-identity-letters-submit = Make the codes (CSV)
