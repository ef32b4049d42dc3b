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
   *[document_number] Document number
}
identity-method = { $method ->
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
admin-identity-conflict = { $username } presented a document { $holder } already holds ({ $kind }), at { $organization } by { $registrar }.
admin-identity-dismiss = Keep it with { $holder }
admin-identity-transfer = Move it to { $username }
admin-identity-active = Active verifications
admin-identity-active-empty = Nobody is resident verified yet.
admin-identity-verified-line = { $username }: { $kind }, verified by { $registrar } at { $organization }
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
