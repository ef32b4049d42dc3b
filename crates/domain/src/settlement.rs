//! Settlement: what the city owes a redeemer for the CITY it honored in an epoch.
//!
//! The city sets a reimbursement rate (local currency per CITY) and names the fund that
//! pays. At each epoch close every redeemer that honored redemptions gets a numbered
//! statement: per offering the units honored, the CITY burned and the amount owed. The
//! statement's canonical encoding is hashed and the hash goes into the ledger's chain (a
//! [`crate::ledger::EntryKind::Statement`] entry), so a checkpoint signed after it — and a
//! peer's countersignature of that checkpoint — covers it.
//!
//! Money is integer minor units (hundredths of the local currency: cents, centavos). CITY is
//! counted in hundredths too, so `owed = burned × rate / 100`, rounded half up per offering
//! line; a statement's total is the sum of its lines, capped by the redeemer's cap if any.

use crate::DomainError;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The largest rate: 10 000.00 of the local currency per CITY.
pub const RATE_MAX: i64 = 1_000_000;
/// The longest funding-source text.
pub const FUNDING_SOURCE_MAX: usize = 300;
/// The longest payment reference.
pub const PAYMENT_REFERENCE_MAX: usize = 120;

/// An ISO 4217 currency code as typed: three letters, kept upper case.
pub fn currency_code(input: &str) -> Result<String, DomainError> {
    let s = input.trim().to_ascii_uppercase();
    if s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err(DomainError::CurrencyUnknown)
    }
}

/// A rate or a cap as typed: "0.50" is 50 minor units. Empty is refused for a rate.
pub fn money(input: &str) -> Result<i64, DomainError> {
    if input.trim().is_empty() {
        return Err(DomainError::AmountInvalid);
    }
    let minor = crate::task::parse_credits(input).map_err(|_| DomainError::AmountInvalid)?;
    if minor > RATE_MAX * 100_000 {
        return Err(DomainError::AmountTooLarge);
    }
    Ok(minor)
}

/// An amount of money as people read it ("12.50"), without the currency code.
pub fn format_money(minor: i64) -> String {
    crate::task::format_credits(minor)
}

/// What `city_burned` hundredths of CITY are worth at `rate` minor units per CITY, rounded
/// half up to the minor unit. Never overflows: both factors are bounded by the ledger.
pub fn owed(city_burned: i64, rate: i64) -> i64 {
    let product = i128::from(city_burned) * i128::from(rate);
    let rounded = (product + 50).div_euclid(100);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// The city's terms: the rate, its currency and the fund that pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub currency: String,
    /// Minor units of `currency` per whole CITY.
    pub rate: i64,
    pub funding_source: String,
}

impl Terms {
    /// Checks what the administrator typed.
    pub fn new(currency: &str, rate: &str, funding_source: &str) -> Result<Terms, DomainError> {
        let currency = currency_code(currency)?;
        let rate = money(rate)?;
        if rate > RATE_MAX {
            return Err(DomainError::AmountTooLarge);
        }
        let funding_source =
            crate::text::required("funding_source", funding_source, FUNDING_SOURCE_MAX)?;
        Ok(Terms {
            currency,
            rate,
            funding_source,
        })
    }
}

/// A payment reference as the finance office types it (a transfer or cheque number).
pub fn payment_reference(input: &str) -> Result<String, DomainError> {
    let s = crate::text::required("payment_reference", input, PAYMENT_REFERENCE_MAX)?;
    if s.chars().any(char::is_control) {
        return Err(DomainError::ControlCharacters("payment_reference"));
    }
    Ok(s)
}

/// `2026-0001`: the year on the city's clock and the statement's serial in that year.
pub fn statement_number(year: i32, serial: i64) -> String {
    format!("{year}-{serial:04}")
}

/// The memo of a statement's chain entry: `statement:<number>:<content hash>`.
pub fn entry_memo(number: &str, content_hash: &str) -> String {
    format!("statement:{number}:{content_hash}")
}

/// The number and content hash a statement entry's memo names.
pub fn parse_entry_memo(memo: &str) -> Option<(&str, &str)> {
    memo.strip_prefix("statement:")?.rsplit_once(':')
}

/// Units honored of one offering and the CITY they burned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Honored {
    pub offering_id: String,
    pub title: String,
    pub units: i64,
    pub city_burned: i64,
}

/// One offering's line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub offering_id: String,
    pub title: String,
    pub units: i64,
    /// CITY hundredths.
    pub city_burned: i64,
    /// Minor units of the statement's currency.
    pub amount_owed: i64,
}

/// A settlement statement's content: what is hashed, signed and chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub number: String,
    /// The city's public address, so a printed statement says who owes.
    pub city: String,
    pub epoch: i64,
    pub period_start: NaiveDateTime,
    pub period_end: NaiveDateTime,
    pub issued_at: NaiveDateTime,
    pub redeemer_id: String,
    pub redeemer_handle: String,
    pub redeemer_name: String,
    pub currency: String,
    pub rate: i64,
    pub funding_source: String,
    pub lines: Vec<StatementLine>,
    pub units: i64,
    pub city_burned: i64,
    /// The sum of the lines, before any cap.
    pub owed_before_cap: i64,
    /// The redeemer's reimbursement cap for the epoch, if the city set one.
    pub cap: Option<i64>,
    /// What the city pays: the lines' sum, at most the cap.
    pub amount_owed: i64,
}

/// Who a statement is for and when.
#[derive(Debug, Clone)]
pub struct Heading {
    pub number: String,
    pub city: String,
    pub epoch: i64,
    pub period_start: NaiveDateTime,
    pub period_end: NaiveDateTime,
    pub issued_at: NaiveDateTime,
    pub redeemer_id: String,
    pub redeemer_handle: String,
    pub redeemer_name: String,
}

impl Statement {
    /// The statement for `honored` (sorted by title, then offering id) under `terms`.
    pub fn build(
        heading: Heading,
        terms: &Terms,
        cap: Option<i64>,
        mut honored: Vec<Honored>,
    ) -> Statement {
        honored.sort_by(|a, b| (&a.title, &a.offering_id).cmp(&(&b.title, &b.offering_id)));
        let lines: Vec<StatementLine> = honored
            .into_iter()
            .map(|h| StatementLine {
                amount_owed: owed(h.city_burned, terms.rate),
                offering_id: h.offering_id,
                title: h.title,
                units: h.units,
                city_burned: h.city_burned,
            })
            .collect();
        let owed_before_cap = lines.iter().map(|l| l.amount_owed).sum();
        Statement {
            number: heading.number,
            city: heading.city,
            epoch: heading.epoch,
            period_start: heading.period_start,
            period_end: heading.period_end,
            issued_at: heading.issued_at,
            redeemer_id: heading.redeemer_id,
            redeemer_handle: heading.redeemer_handle,
            redeemer_name: heading.redeemer_name,
            currency: terms.currency.clone(),
            rate: terms.rate,
            funding_source: terms.funding_source.clone(),
            units: lines.iter().map(|l| l.units).sum(),
            city_burned: lines.iter().map(|l| l.city_burned).sum(),
            owed_before_cap,
            cap,
            amount_owed: cap.map_or(owed_before_cap, |c| owed_before_cap.min(c.max(0))),
            lines,
        }
    }

    /// Whether the statement adds up: every line is its CITY × the rate, the totals are the
    /// lines' sums and the amount owed is that sum within the cap. `Err` says what does not.
    pub fn check_sums(&self) -> Result<(), String> {
        for line in &self.lines {
            let expected = owed(line.city_burned, self.rate);
            if line.amount_owed != expected {
                return Err(format!(
                    "line {:?} owes {} but {} CITY at the rate is {}",
                    line.title,
                    format_money(line.amount_owed),
                    crate::task::format_credits(line.city_burned),
                    format_money(expected)
                ));
            }
        }
        let units: i64 = self.lines.iter().map(|l| l.units).sum();
        let burned: i64 = self.lines.iter().map(|l| l.city_burned).sum();
        let sum: i64 = self.lines.iter().map(|l| l.amount_owed).sum();
        if units != self.units || burned != self.city_burned || sum != self.owed_before_cap {
            return Err("its totals are not the sums of its lines".into());
        }
        let capped = self.cap.map_or(sum, |c| sum.min(c.max(0)));
        if capped != self.amount_owed {
            return Err(format!(
                "it owes {} but its lines within the cap come to {}",
                format_money(self.amount_owed),
                format_money(capped)
            ));
        }
        Ok(())
    }

    /// The canonical encoding: a version line, then every field as `length:value\n` (the
    /// same scheme as ledger entries), lines in order. Times in microseconds since the epoch.
    pub fn canonical(&self) -> Vec<u8> {
        let micros = |t: NaiveDateTime| t.and_utc().timestamp_micros().to_string();
        let mut fields: Vec<String> = vec![
            self.number.clone(),
            self.city.clone(),
            self.epoch.to_string(),
            micros(self.period_start),
            micros(self.period_end),
            micros(self.issued_at),
            self.redeemer_id.clone(),
            self.redeemer_handle.clone(),
            self.redeemer_name.clone(),
            self.currency.clone(),
            self.rate.to_string(),
            self.funding_source.clone(),
            self.lines.len().to_string(),
        ];
        for l in &self.lines {
            fields.extend([
                l.offering_id.clone(),
                l.title.clone(),
                l.units.to_string(),
                l.city_burned.to_string(),
                l.amount_owed.to_string(),
            ]);
        }
        fields.extend([
            self.units.to_string(),
            self.city_burned.to_string(),
            self.owed_before_cap.to_string(),
            self.cap.map(|c| c.to_string()).unwrap_or_default(),
            self.amount_owed.to_string(),
        ]);
        let mut out = b"citysync-statement-v1\n".to_vec();
        for field in fields {
            out.extend_from_slice(format!("{}:{}\n", field.len(), field).as_bytes());
        }
        out
    }

    /// SHA-256 of the canonical encoding, hex: what the chain entry and the signature commit to.
    pub fn content_hash(&self) -> String {
        hex::encode(Sha256::digest(self.canonical()))
    }
}

/// The bytes the city signs for a statement: its number and content hash.
pub fn signed_message(number: &str, content_hash: &str) -> String {
    format!("citysync-statement-v1\nnumber:{number}\nhash:{content_hash}\n")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn at(s: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(s, 0).unwrap().naive_utc()
    }

    fn statement(cap: Option<i64>) -> Statement {
        Statement::build(
            Heading {
                number: statement_number(2026, 1),
                city: "https://berkeley.example".into(),
                epoch: 3,
                period_start: at(1_700_000_000),
                period_end: at(1_702_000_000),
                issued_at: at(1_702_000_001),
                redeemer_id: "o1".into(),
                redeemer_handle: "cafe".into(),
                redeemer_name: "Café".into(),
            },
            &Terms::new("usd", "0.50", "General fund").unwrap(),
            cap,
            vec![
                Honored {
                    offering_id: "b".into(),
                    title: "Tea".into(),
                    units: 1,
                    city_burned: 301,
                },
                Honored {
                    offering_id: "a".into(),
                    title: "Coffee".into(),
                    units: 2,
                    city_burned: 900,
                },
            ],
        )
    }

    #[test]
    fn amounts_are_burned_times_rate_rounded_half_up_per_line() {
        assert_eq!(owed(900, 50), 450);
        assert_eq!(owed(301, 50), 151); // 150.5 rounds up
        assert_eq!(owed(1, 49), 0);
        let s = statement(None);
        assert_eq!(s.number, "2026-0001");
        assert_eq!(s.lines[0].title, "Coffee");
        assert_eq!((s.units, s.city_burned, s.amount_owed), (3, 1201, 601));
        s.check_sums().unwrap();
        let capped = statement(Some(500));
        assert_eq!((capped.owed_before_cap, capped.amount_owed), (601, 500));
        capped.check_sums().unwrap();
    }

    #[test]
    fn any_change_shows_in_the_hash_or_the_sums() {
        let s = statement(None);
        let mut t = s.clone();
        t.lines[1].units = 2;
        assert_ne!(t.content_hash(), s.content_hash());
        let mut t = s.clone();
        t.amount_owed += 1;
        assert!(t.check_sums().is_err());
        let mut t = s.clone();
        t.lines[0].amount_owed += 1;
        assert!(t.check_sums().is_err());
        assert_eq!(
            parse_entry_memo(&entry_memo("2026-0001", "ab")),
            Some(("2026-0001", "ab"))
        );
    }

    #[test]
    fn terms_are_checked() {
        assert!(Terms::new("US", "1", "x").is_err());
        assert!(Terms::new("USD", "-1", "x").is_err());
        assert!(Terms::new("USD", "1.234", "x").is_err());
        assert!(Terms::new("USD", "1", " ").is_err());
        assert_eq!(Terms::new("mxn", "2", "Fondo").unwrap().rate, 200);
        assert!(payment_reference("  ").is_err());
    }
}
