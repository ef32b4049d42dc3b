# Errors of the ledger, offerings and redemptions.
error-amount-invalid = The amount must be a positive number.
error-amount-too-large = The amount is too large.
error-currency-unknown = Unknown currency: use CITY or VOTE.
error-currency-mismatch = Both accounts of an entry must hold its currency.
error-posting-refused = This kind of entry cannot move credit between these accounts.
error-account-invalid = This account reference is not valid.
error-key-invalid = The city's ledger key is not valid.
error-epoch-length-invalid = An epoch length is written like "1 month", "2 weeks" or "10 days".
error-token-invalid = This QR code was not issued by this city, or it was altered.
error-token-expired = This QR code has expired. Ask the resident to show a fresh one from their wallet.
error-code-invalid = A code has eight letters and digits, like ABCD-1234.
error-price-invalid = The price must be a positive amount of CITY with at most two decimals, like 4.50.
error-quantity-invalid = The quantity must be a whole number from 0 to 100000.
error-idempotency-conflict = This request key was already used for a different request.
error-idempotency-key-invalid = The request key must be 1 to 100 visible characters.
error-insufficient-credit = There is not enough CITY in your wallet for this.
error-budget-exhausted = This organization's CITY budget for this period cannot pay this reward. Nothing was changed; ask the city to raise the budget or approve it next period.
error-not-a-redeemer = This organization does not accept CITY.
error-offering-unavailable = This offering has no units left this period.
error-commitment-below-taken = { $taken ->
    [one] The quantity cannot be lower than the 1 unit already reserved or honored.
   *[other] The quantity cannot be lower than the { $taken } units already reserved or honored.
}
error-code-unknown = No reservation has this code. Check the letters and digits.
error-wrong-redeemer = This code belongs to another organization: it cannot be honored here.
error-redemption-used = This code was already used.
error-redemption-cancelled = This reservation was cancelled by the resident.
error-redemption-expired = This reservation has expired and its CITY went back to the resident.
