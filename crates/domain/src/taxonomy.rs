//! The shared task taxonomy: categories and their public-value outcome units, shipped with
//! the binary as versioned data (`data/taxonomy.toml`) and identical across instances.

use crate::DomainError;
use serde::Deserialize;
use std::collections::BTreeSet;

const SHIPPED: &str = include_str!("../data/taxonomy.toml");

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Stable id; its display name is the Fluent message `category-<id>`.
    pub id: String,
    /// Outcome units this category counts in; each unit's name is `unit-<id>`.
    pub units: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub version: u32,
    #[serde(rename = "category")]
    pub categories: Vec<Category>,
}

impl Taxonomy {
    /// The taxonomy this release ships.
    pub fn shipped() -> Result<Taxonomy, DomainError> {
        Taxonomy::parse(SHIPPED)
    }

    /// Parses and checks a taxonomy document: ids are lowercase words, unique, each
    /// category has at least one unit.
    pub fn parse(text: &str) -> Result<Taxonomy, DomainError> {
        let taxonomy: Taxonomy =
            toml::from_str(text).map_err(|e| DomainError::TaxonomyInvalid(e.to_string()))?;
        let valid_id =
            |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
        let mut seen = BTreeSet::new();
        for c in &taxonomy.categories {
            if !valid_id(&c.id) || !seen.insert(c.id.as_str()) {
                return Err(DomainError::TaxonomyInvalid(format!(
                    "category id {:?}",
                    c.id
                )));
            }
            if c.units.is_empty() || !c.units.iter().all(|u| valid_id(u)) {
                return Err(DomainError::TaxonomyInvalid(format!("units of {}", c.id)));
            }
        }
        Ok(taxonomy)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Whether `unit` is an outcome unit of category `category`.
    pub fn measures(&self, category: &str, unit: &str) -> bool {
        self.category(category)
            .map(|c| c.units.iter().any(|u| u == unit))
            .unwrap_or(false)
    }

    /// Every Fluent message id the taxonomy needs (a test checks each locale has them).
    pub fn message_ids(&self) -> BTreeSet<String> {
        let mut ids = BTreeSet::new();
        for c in &self.categories {
            ids.insert(format!("category-{}", c.id.replace('_', "-")));
            for u in &c.units {
                ids.insert(format!("unit-{}", u.replace('_', "-")));
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_shipped_taxonomy_is_valid_and_has_the_design_categories() {
        let t = Taxonomy::shipped().unwrap();
        assert_eq!(t.version, 1);
        for id in [
            "environment",
            "care",
            "education",
            "food",
            "mobility",
            "civic_administration",
            "culture",
            "safety",
        ] {
            assert!(t.category(id).is_some(), "{id}");
        }
        assert!(t.measures("environment", "kg_waste_diverted"));
        assert!(!t.measures("food", "trees_planted"));
    }

    #[test]
    fn duplicates_and_bad_ids_are_refused() {
        let dup = "version = 1\n[[category]]\nid = \"a\"\nunits = [\"x\"]\n[[category]]\nid = \"a\"\nunits = [\"y\"]\n";
        assert!(Taxonomy::parse(dup).is_err());
        assert!(
            Taxonomy::parse("version = 1\n[[category]]\nid = \"A b\"\nunits = [\"x\"]\n").is_err()
        );
        assert!(Taxonomy::parse("version = 1\n[[category]]\nid = \"a\"\nunits = []\n").is_err());
    }
}
