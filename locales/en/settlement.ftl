## Settlement: statements for redeemers, the finance office, transparency

settlement-statements-title = Settlement statements
settlement-statements-intro = At the close of each period the city writes { $name } a statement for the CITY it honored: the units and CITY per offering, the rate and the amount the city owes. Each statement is signed with the city's ledger key and its fingerprint is an entry of the public ledger.
settlement-statements-empty = No statements yet. The first one is written when a period in which you honored redemptions closes.
settlement-no-terms = The city has not set a reimbursement rate yet, so no statements are written.
settlement-terms-line = The city reimburses { $rate } { $currency } per CITY, paid from: { $source }.
settlement-remaining-title = Reimbursable this period
settlement-remaining = Under your cap of { $cap } { $currency } per period, the city owes you { $so_far } { $currency } so far and can still reimburse { $remaining } { $currency } (about { $city } CITY of redemptions).
settlement-back-console = Back to the console
settlement-back-list = All statements
settlement-col-number = Statement
settlement-col-period = Period
settlement-col-redeemer = Redeemer
settlement-col-offering = Offering
settlement-col-units = Units honored
settlement-col-burned = CITY burned
settlement-col-owed = Amount owed
settlement-col-status = Payment
settlement-col-actions = Download
settlement-caption = Statements, newest first
settlement-status-paid = Paid { $when }, reference { $reference }
settlement-status-unpaid = Not paid yet
settlement-download-html = Printable page (save as PDF)
settlement-download-csv = CSV
settlement-period-name = Period { $number }
settlement-period-dates = { $start } to { $end }

## One statement (printable)
settlement-statement-title = Settlement statement { $number }
settlement-statement-issuer = Issued by the city at { $city }
settlement-statement-to = To
settlement-statement-issued = Issued
settlement-statement-period = Period
settlement-statement-rate = Rate
settlement-statement-rate-value = { $rate } { $currency } per CITY
settlement-statement-funding = Funding source
settlement-statement-lines-caption = Redemptions honored, by offering
settlement-statement-total = Total
settlement-statement-before-cap = Owed before the cap
settlement-statement-cap = Reimbursement cap for the period
settlement-statement-owed = Amount owed
settlement-statement-payment = Payment
settlement-statement-integrity = Integrity
settlement-statement-entry = Ledger entry no. { $seq } records this statement's fingerprint:
settlement-statement-signature = Signature by the city's ledger key:
settlement-statement-key = Ledger key:
settlement-statement-print = Print or save as PDF with your browser's print command.

## Finance office (administrators)
settlement-office-title = Settlement: finance office
settlement-office-link = Settlement and statements
settlement-office-intro = What the city owes redeemers for the CITY they honored. Statements are written at each period's close; record each payment here with its reference.
settlement-terms-title = Reimbursement terms
settlement-terms-hint = The rate applies to statements written from the next close. Amounts are in the currency's hundredths (cents, centavos), never rounded except per offering line, half up.
settlement-field-currency = Currency (ISO code, e.g. USD or MXN)
settlement-field-rate = Local currency per CITY
settlement-field-funding = Funding source (e.g. City general fund, ordinance 2026-14)
settlement-terms-save = Save the terms
settlement-caps-title = Reimbursement caps per period
settlement-caps-hint = Optional. A statement never owes more than its redeemer's cap; leave empty for no cap.
settlement-caps-empty = No approved redeemers yet.
settlement-field-cap = Cap for { $name }
settlement-cap-save = Save the cap
settlement-field-reference = Payment reference for { $number }
settlement-mark-paid = Mark paid
settlement-office-empty = No statements yet.
settlement-updated = Last changed { $when }.

## Transparency
settlement-public-title = What the city owes redeemers
settlement-public-intro = Each redeemer gets a signed statement per period for the CITY it honored; the city's finance office records the payments.
settlement-public-caption = Owed and paid per redeemer
settlement-public-statements = Statements
settlement-public-owed = Owed
settlement-public-paid = Paid
settlement-public-outstanding = Outstanding
settlement-public-empty = No settlement statements yet.
