//! Letter codes: the administrator makes a batch of one-time codes for postal addresses and
//! posts them; the resident who enters a code is resident verified, the identifier being
//! the normalized address (so two accounts cannot both be verified at one address: the
//! second is refused and queued like any other conflict). Neither the code nor the address
//! is stored: a code is found by its SHA-256 (it carries 60 random bits, and guessing is
//! throttled), and the address is kept only as the keyed hash a verification would hold.

use super::{identifier_hash, methods, record_hashed, Hashed, Outcome};
use crate::{secrets, throttle, AppError, Ctx, User};
use chrono::{Duration, NaiveDateTime};
use citysync_domain::identity::{DocumentIdentifier, DocumentKind, VerificationMethod};
use citysync_domain::{DomainError, UserId};
use citysync_storage::identity::{self as store, LetterCodeRow};
use rand::Rng;

/// The most addresses one batch takes.
pub const BATCH_MAX: usize = 5000;
/// How long codes stay valid unless the administrator says otherwise.
pub const DEFAULT_DAYS: i64 = 60;
/// The longest a code may stay valid.
pub const MAX_DAYS: i64 = 365;
/// Wrong codes one account may enter per hour (the 11th try is refused, right or wrong).
pub const GUESSES_PER_ACCOUNT: throttle::Limit = throttle::Limit {
    max: 10,
    window_secs: 3600,
};

/// Letters and digits nobody confuses on paper (no 0/O, 1/I/L, U/V).
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
const GROUPS: usize = 3;
const GROUP_LEN: usize = 4;

/// One line of the administrator's sheet, to print and post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The address as the administrator typed it (trimmed).
    pub address: String,
    /// `XXXX-XXXX-XXXX`.
    pub code: String,
    pub expires_at: NaiveDateTime,
}

/// A fresh code: three groups of four characters from 29 letters and digits (about 58 bits).
fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let alphabet = ALPHABET;
    let groups: Vec<String> = (0..GROUPS)
        .map(|_| {
            (0..GROUP_LEN)
                .map(|_| {
                    let i = rng.gen_range(0..alphabet.len());
                    alphabet.get(i).copied().map(char::from).unwrap_or('2')
                })
                .collect()
        })
        .collect();
    groups.join("-")
}

/// A code as a resident may type it: case, spaces and hyphens do not matter. `None` when it
/// cannot be a code at all.
fn normalize_code(input: &str) -> Option<String> {
    let bare: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let alphabet = ALPHABET;
    if bare.len() != GROUPS * GROUP_LEN || !bare.bytes().all(|b| alphabet.contains(&b)) {
        return None;
    }
    let groups: Vec<&str> = (0..GROUPS)
        .filter_map(|g| bare.get(g * GROUP_LEN..(g + 1) * GROUP_LEN))
        .collect();
    Some(groups.join("-"))
}

fn code_hash(code: &str) -> String {
    secrets::hash_token(&format!("citysync letter code\0{code}"))
}

/// The addresses of a batch: one a line (a CSV's first column is fine: text after the
/// first `;` or tab is ignored, as is a header line `address`). Repeated addresses get one
/// code. Refuses the whole batch if any line is not an address.
pub fn addresses_of(input: &str) -> Result<Vec<(String, DocumentIdentifier)>, AppError> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for line in input.lines() {
        let line = line.split([';', '\t']).next().unwrap_or_default().trim();
        let line = line.trim_matches('"').trim();
        if line.is_empty() || line.eq_ignore_ascii_case("address") {
            continue;
        }
        let id = DocumentIdentifier::address(line)?;
        if seen.insert(id.hash_input()) {
            out.push((line.to_owned(), id));
        }
    }
    if out.is_empty() {
        return Err(DomainError::AddressInvalid.into());
    }
    if out.len() > BATCH_MAX {
        return Err(DomainError::TooLong("addresses").into());
    }
    Ok(out)
}

/// Makes one code per address, valid for `days`; returns the sheet (shown once: only
/// hashes are kept). Administrators only, with letter codes switched on.
pub async fn generate(
    ctx: &Ctx,
    admin: &User,
    addresses: &str,
    days: i64,
) -> Result<Vec<Letter>, AppError> {
    admin.require_admin()?;
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(DomainError::Required("days").into());
    }
    let addresses = addresses_of(addresses)?;
    let city_secret = crate::instance::private_key_pem(ctx).await?;
    let now = ctx.now();
    let expires_at = now + Duration::days(days);
    let (admin_id, ctx2) = (admin.id.to_string(), ctx.clone());
    ctx.db
        .write(move |conn| {
            methods::require_on(conn, &ctx2, VerificationMethod::LetterCode)?;
            // Codes that expired unused go when the next batch is made.
            store::delete_expired_letter_codes(conn, now)?;
            let batch_id = secrets::new_id();
            let mut sheet = Vec::with_capacity(addresses.len());
            for (address, id) in addresses {
                let code = new_code();
                store::insert_letter_code(
                    conn,
                    &LetterCodeRow {
                        id: secrets::new_id(),
                        batch_id: batch_id.clone(),
                        code_hash: code_hash(&code),
                        identifier_hash: identifier_hash(&city_secret, &id)?,
                        created_by: admin_id.clone(),
                        created_at: now,
                        expires_at,
                        used_at: None,
                        used_by: None,
                    },
                )?;
                sheet.push(Letter {
                    address,
                    code,
                    expires_at,
                });
            }
            crate::trail::record(
                conn,
                crate::trail::Subject::City,
                "city",
                "identity-letter-codes",
                Some(&admin_id),
                &serde_json::json!({ "from": "", "to": sheet.len().to_string() }).to_string(),
                now,
            )?;
            Ok(sheet)
        })
        .await
}

/// The sheet as CSV (address, code, expiry as `YYYY-MM-DD` on the city's clock).
pub fn csv(sheet: &[Letter], local: impl Fn(NaiveDateTime) -> NaiveDateTime) -> String {
    // A cell starting with = + - @ is a formula to a spreadsheet: a quote mark keeps it text.
    let quote = |s: &str| {
        let guard = if s.starts_with(['=', '+', '-', '@']) {
            "'"
        } else {
            ""
        };
        format!("\"{guard}{}\"", s.replace('"', "\"\""))
    };
    let mut out = String::from("address,code,expires\r\n");
    for letter in sheet {
        out.push_str(&format!(
            "{},{},{}\r\n",
            quote(&letter.address),
            letter.code,
            local(letter.expires_at).format("%Y-%m-%d")
        ));
    }
    out
}

/// Codes made and not used yet, still valid.
pub async fn open_codes(ctx: &Ctx, admin: &User) -> Result<i64, AppError> {
    admin.require_admin()?;
    let now = ctx.now();
    ctx.run(move |conn| Ok(store::letter_codes_open(conn, now)?))
        .await
}

/// The resident enters a code. An unknown, used or expired code is refused (and counted
/// against the account's guesses); a good one is used up and verifies the resident by the
/// address's hash, or, when another account holds that address, is used up all the same
/// and the case queued for the administrator.
pub async fn redeem(ctx: &Ctx, resident: &User, code: &str) -> Result<Outcome, AppError> {
    resident.require_verified()?;
    let normalized = normalize_code(code);
    let (resident_id, agent, now, ctx2): (String, UserId, _, _) =
        (resident.id.to_string(), resident.id, ctx.now(), ctx.clone());
    let bucket = format!("letter-code:{resident_id}");
    ctx.db
        .write(move |conn| {
            methods::require_on(conn, &ctx2, VerificationMethod::LetterCode)?;
            throttle::check(conn, &ctx2, &bucket, GUESSES_PER_ACCOUNT)?;
            let row = match &normalized {
                Some(code) => store::letter_code_by_hash(conn, &code_hash(code))?,
                None => None,
            };
            let Some(row) = row.filter(|r| r.used_at.is_none() && r.expires_at > now) else {
                // Counted in this transaction, which commits: the refusal is the answer.
                throttle::record(conn, &ctx2, &bucket)?;
                return Ok(Err(AppError::LetterCodeInvalid));
            };
            if let Some(held) = store::active_of_user(conn, &resident_id)? {
                if held.identifier_hash == row.identifier_hash {
                    return Ok(Ok(Outcome::AlreadyHeld));
                }
                return Ok(Err(AppError::AlreadyResidentVerified));
            }
            if !store::use_letter_code(conn, &row.id, &resident_id, now)? {
                return Ok(Err(AppError::LetterCodeInvalid));
            }
            let hashed = Hashed {
                method: VerificationMethod::LetterCode,
                hash: row.identifier_hash,
                kind: DocumentKind::Address,
                agent,
                organization_id: None,
            };
            record_hashed(conn, &ctx2, now, &resident_id, &hashed)
        })
        .await?
}
