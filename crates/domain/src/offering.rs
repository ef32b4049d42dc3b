//! What redeemers offer for CITY.

use crate::ledger::{Amount, Currency};
use crate::{text, DomainError};
use serde::{Deserialize, Serialize};

/// The kinds of offering, named in `locales/*/ledger.ftl` as `offering-category` selectors.
pub const OFFERING_CATEGORIES: &[&str] = &[
    "food_drink",
    "groceries",
    "transit",
    "culture",
    "recreation",
    "learning",
    "services",
    "other",
];

pub const QUANTITY_MAX: i32 = 100_000;

/// An offering as a redeemer's editor types it, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferingSpec {
    pub title: String,
    pub description: String,
    pub price: Amount,
    pub category: String,
    pub terms: String,
}

impl OfferingSpec {
    pub fn parse(
        title: &str,
        description: &str,
        price: &str,
        category: &str,
        terms: &str,
    ) -> Result<OfferingSpec, DomainError> {
        if !OFFERING_CATEGORIES.contains(&category) {
            return Err(DomainError::CategoryUnknown);
        }
        Ok(OfferingSpec {
            title: text::required("title", title, 120)?,
            description: text::optional("description", description, 2000)?,
            price: Currency::City.parse_amount(price).map_err(|e| match e {
                DomainError::AmountTooLarge => e,
                _ => DomainError::PriceInvalid,
            })?,
            category: category.to_owned(),
            terms: text::optional("terms", terms, 1000)?,
        })
    }
}

/// A commitment as typed: a whole number of units, 0 to [`QUANTITY_MAX`].
pub fn parse_quantity(input: &str) -> Result<i32, DomainError> {
    input
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|q| (0..=QUANTITY_MAX).contains(q))
        .ok_or(DomainError::QuantityInvalid)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn offerings_are_checked() {
        let o = OfferingSpec::parse("Coffee", "A cup", "4.50", "food_drink", "").unwrap();
        assert_eq!(o.price.minor(), 450);
        assert_eq!(
            OfferingSpec::parse("", "", "1", "food_drink", ""),
            Err(DomainError::Required("title"))
        );
        assert_eq!(
            OfferingSpec::parse("C", "", "0", "food_drink", ""),
            Err(DomainError::PriceInvalid)
        );
        assert_eq!(
            OfferingSpec::parse("C", "", "-1", "food_drink", ""),
            Err(DomainError::PriceInvalid)
        );
        assert_eq!(
            OfferingSpec::parse("C", "", "1", "weapons", ""),
            Err(DomainError::CategoryUnknown)
        );
        assert_eq!(parse_quantity("12").unwrap(), 12);
        for bad in ["-1", "1.5", "x", "100001"] {
            assert!(parse_quantity(bad).is_err());
        }
    }
}
