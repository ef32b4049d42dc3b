# Self check-in by poster (issue 26) and the service-hours record.

check-in-poster-title = Check-in poster: { $title }
check-in-poster-lead = Scan to check in and out
check-in-poster-steps = Sign in with your City/Sync account, then press "Check in" when you arrive and "Check out" when you leave. Your hours are counted from these two moments.
check-in-qr-title = Check-in code for { $title }
check-in-organization = Organization
check-in-place = Place
check-in-starts = Starts
check-in-window = Check-in open
check-in-window-text = Checking in is open from { $opens } to { $closes }.
check-in-poster-settings = Poster settings
check-in-print = Print the poster
check-in-print-hint = Use your browser's print command: the poster fits one A4 page.
check-in-distance-label = Maximum distance from the map point, in metres (empty: no check)
check-in-distance-help = When set, a resident's phone must share its position, and check-in is refused farther away than this. It applies to all of your organization's opportunities.
check-in-distance-no-point = This opportunity has no map point, so no distance is checked for it, whatever you set here for your organization.
check-in-distance-save = Save the distance
check-in-distance-saved = The distance was saved.
check-in-distance-invalid = Type a whole number of metres from { $min } to { $max }, or leave the field empty.
check-in-see-check-ins = See and confirm the check-ins
check-in-back = Back to the opportunity
check-in-print-poster = Print the check-in poster

check-in-title = Check in: { $title }
check-in-done-in = You are checked in. Check out here when you leave.
check-in-done-out = You are checked out. Thank you! Your hours were recorded.
check-in-checked-in = Checked in
check-in-checked-out = Checked out
check-in-not-yet = not yet
check-in-hours-label = Hours
check-in-hours = { $hours } h
check-in-button-in = Check in
check-in-button-out = Check out
check-in-position-help = This organization checks that you are within { $max } metres of the place: your browser will ask to share your position.
check-in-position-noscript = Checking in here needs your position, which your browser shares only with JavaScript turned on.
check-in-see-claim = See your claim
check-in-see-opportunity = See the opportunity and claim a place

check-in-refused-no-claim = You hold no claim on this opportunity, so you cannot check in to it.
check-in-refused-not-open = This opportunity is not open: nobody can check in to it.
check-in-refused-claim-done = Your claim was already submitted or decided: there is nothing to check in or out.
check-in-refused-too-early = Too early: checking in opens at { $at }.
check-in-refused-too-late = Too late: checking in closed at { $at }.
check-in-refused-already-in = You are already checked in.
check-in-refused-not-in = You cannot check out before you have checked in.
check-in-refused-already-out = You are already checked out.
check-in-refused-position-needed = This organization checks where you are, and your browser sent no position. Allow this page to use your location and try again.
check-in-refused-too-far = You are { $meters } metres from the place; this organization accepts check-ins up to { $max } metres away.

check-in-list-title = Check-ins: { $title }
check-in-list-caption = Residents who checked in
check-in-list-empty = Nobody has checked in yet.
check-in-confirm-column = Confirm
check-in-confirm-one = Confirm the check-in of { $resident }
check-in-resident = Resident
check-in-state = Claim
check-in-still-in = still checked in
check-in-confirmed-at = confirmed { $at }
check-in-rating = Quality rating for the confirmed work
check-in-confirm-approves = Confirming approves each ticked claim with the outcome the check-out recorded.
check-in-confirm-records = Confirming records each ticked check-in as verified attendance; the residents' proof is reviewed as usual.
check-in-confirm-button = Confirm the ticked check-ins
check-in-confirmed-summary = { $approved } approved, { $recorded } recorded as attendance, { $skipped } skipped (not checked out, or already confirmed).

hours-link = Your service-hours record (printable, signed)
hours-title = Service-hours record
hours-period = Period
hours-period-text = { $from } to { $until }
hours-from = From
hours-until = Until
hours-show = Show
hours-resident = Resident
hours-city = City
hours-date = Date
hours-organization = Organization
hours-work = Work
hours-hours = Hours
hours-source = { $source ->
    [check_in] check-in and check-out
    [proof] worked times of the proof
   *[none] no times recorded
  }
hours-total = Total: { $hours } h
hours-empty = No verified contributions in this period.
hours-download = Download the signed record (JSON)
hours-print = Print this page
hours-verify-note = Anyone can check the signed record offline with the command "citysync attestation verify FILE", or by uploading the file at the page the QR code opens.
hours-qr-title = Address of the page that verifies this record
hours-period-invalid = Type the period as two dates (year-month-day), the first not after the second, at most five years apart.

attestation-verify-title = Verify a service-hours record
attestation-verify-lead = Upload the signed record (the JSON file a resident downloaded from City/Sync) to check every signature in it. Nothing is stored.
attestation-verify-file = Record file
attestation-verify-button = Verify
attestation-verify-ok = Valid: every signature holds.
attestation-verify-summary = { $city } certifies { $hours } hours of verified work by { $resident } from { $from } to { $until }, in { $entries } contributions.
attestation-verify-key = Signed with the city key { $key }. Compare it with the key the city publishes at { $url }.
attestation-verify-failed = Not valid: { $reason }
attestation-verify-no-file = Choose the record file to verify.

attestation-problem-entry = entry { $index } ({ $date }, { $organization }): { $problem }
attestation-problem-malformed = the file is not a service-hours record ({ $detail })
attestation-problem-format = the file is not a City/Sync service-hours record of a version this server reads
attestation-problem-entry-signature = the city's signature does not hold: the entry was changed
attestation-problem-key-missing = the record carries no key { $detail }
attestation-problem-attestation-signature = the organization's signature of the attestation does not hold ({ $detail })
attestation-problem-issuer = the attestation was not signed with its issuer's key
attestation-problem-subject = the attestation is about another contribution or resident
attestation-problem-hours = the hours do not match the minutes worked
attestation-problem-total = the totals do not add up
attestation-problem-record-signature = the city's signature of the record does not hold: it was changed
