## The privacy notice, its acceptance, retention and the legal hold (issue 27).

privacy-footer-link = Privacy notice
privacy-title = Privacy notice
privacy-version = Version { $version }
privacy-published = published { $date }
privacy-default-version = the city's first notice
privacy-not-in-force = This version is no longer in force: version { $current } is.
privacy-read-current = Read the notice in force.
privacy-other-language = This notice has not been written in your language; it is shown in the language it was written in.
privacy-versions = All versions

privacy-signup-accept = I have read and accept the privacy notice (version { $version }).
privacy-signup-read = Read the privacy notice
privacy-accept-title = A new privacy notice
privacy-accept-intro = The city has published version { $version } of its privacy notice. Please read it and accept it to go on.
privacy-accept-box = I have read and accept version { $version } of the privacy notice.
privacy-accept-submit = Accept and continue
privacy-accept-sign-out = Sign out instead
error-privacy-not-accepted = Please read the privacy notice in force and tick the box to accept it.

privacy-admin-link = Privacy notice
privacy-admin-title = Privacy notice
privacy-admin-intro = Version { $current } is in force. Publishing makes version { $next }: every resident is asked to accept it at their next page, and earlier versions stay readable.
privacy-admin-read-current = Read version { $version } as residents see it
privacy-admin-text = Text in { $language }
privacy-admin-text-hint = Plain paragraphs, separated by a blank line. Leave a language empty to show it the city's default language instead; the city's default language is required.
privacy-admin-publish = Publish version { $version }
privacy-admin-published = Version { $version } is published and in force.

legal-hold-on = Under legal hold since { $date }
legal-hold-reason = Reason for the legal hold (or for lifting it)
legal-hold-set = Put { $username } under legal hold
legal-hold-lift = Lift the legal hold on { $username }
error-legal-hold = This account is under legal hold: nothing of it can be removed until an administrator lifts the hold.

privacy-default-who = { $city } runs this City/Sync site for its civic work program: organizations publish civic tasks, residents claim and do them, and verified work earns CITY (spent at local shops) and VOTE (for the city's decisions). This notice says what personal data the city keeps about you, why, for how long, and what you may ask.
privacy-default-kept = What is kept: your username, email address and chosen language; the public profile you choose to show; your claims, the proof you give (text, photos and, if you choose to share them, coordinates) and how it was verified; your CITY and VOTE entries in the ledger; your sign-in sessions; and, to stop abuse, the network (IP) addresses of requests to sign in, sign up or be sent mail.
privacy-default-why = Why: to let you take part (claim, prove and be credited for work), to let organizations verify it, to keep the city's ledger and public record correct and auditable, to keep your account secure, and to write to you about your account and your work.
privacy-default-periods = For how long: proof photos { $photo_days } days; coordinates given with proofs { $location_days } days; IP addresses { $ip_days } days; ended sessions { $session_days } days; sent mail { $mail_days } days. Verified contributions and ledger entries are the city's public record and are kept with your pseudonym.
privacy-default-hold = When the law requires it (a court case, an audit, a records request), an administrator may place an account under legal hold: then nothing of it is removed until the hold is lifted.
privacy-default-rights = Your rights: access and export (see and download your data from your settings), rectification (correct what is wrong), deletion (ask for your account to be deleted) and opposition (object to a use of your data). { $has_contact ->
    [yes] Write to { $contact } to exercise them.
   *[no] Ask the city's administration to exercise them.
}
