//! The city's reference data that every catalog page reads — its taxonomy (the base one and
//! the city's extensions) and the reward multipliers in force — kept in this process (issue
//! 29).
//!
//! They are kept with the version of the reference data (`reference_version`, bumped by
//! triggers in the transaction of every change of a taxonomy extension or a parameter,
//! whoever makes it). A reader reads that one row by its key and reloads only when it moved,
//! so a decision executed or a category added, in this process or another on the same
//! PostgreSQL, shows on the very next page.

use super::CityTaxonomy;
use crate::AppError;
use citysync_storage::{catalog as store, DbConnection};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The reference data at one version.
#[derive(Debug)]
pub(crate) struct Reference {
    pub taxonomy: Arc<CityTaxonomy>,
    /// Reward multiplier per category, in percent (absent: 100).
    pub multipliers: BTreeMap<String, i64>,
}

/// The reference data kept, with the version it was read at.
type Kept = Option<(i64, Arc<Reference>)>;

/// The process's reference data; cloning shares it (every clone
/// of a [`crate::Ctx`] sees the same).
#[derive(Clone, Default)]
pub struct ReferenceCache {
    kept: Arc<Mutex<Kept>>,
    loads: Arc<AtomicU64>,
}

impl std::fmt::Debug for ReferenceCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReferenceCache")
    }
}

impl ReferenceCache {
    /// The reference data in force: kept, or read anew when its version moved.
    pub(crate) fn current(&self, conn: &mut DbConnection) -> Result<Arc<Reference>, AppError> {
        // The version is read before the data: data newer than its version is read again at
        // the next page, never kept past a change.
        let version = store::reference_version(conn)?;
        if let Some((kept, reference)) = &*self.kept.lock().unwrap_or_else(PoisonError::into_inner)
        {
            if *kept == version {
                return Ok(reference.clone());
            }
        }
        let reference = Arc::new(Reference {
            taxonomy: Arc::new(super::taxonomy_in(conn)?),
            multipliers: crate::governance::parameters::reward_multipliers(conn)?,
        });
        self.loads.fetch_add(1, Ordering::Relaxed);
        *self.kept.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((version, reference.clone()));
        Ok(reference)
    }

    /// How often this process read the reference data itself (not only its version): once,
    /// then once per change.
    pub fn loads(&self) -> u64 {
        self.loads.load(Ordering::Relaxed)
    }
}
