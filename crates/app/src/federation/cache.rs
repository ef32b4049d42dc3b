//! What the inbox reads on every request, kept in this process (issue 29): the domain
//! policy's lists and the remote actors as stored.
//!
//! - **The lists** are kept with the policy's version (`domain_policy_version`, bumped in the
//!   transaction of every change of a block or allow). Each decision reads that one row by its
//!   key and reloads the lists only when it moved, so a block typed at the command line, or by
//!   another process on the same PostgreSQL, applies to the very next request.
//! - **The actors** are kept as this process last read or stored them. Their rows change only
//!   when an actor is fetched again, which goes through [`super::save_actor`] here; another
//!   process's refetch (a rotated key) shows up as a signature that fails against the kept
//!   key, and the inbox then reads the stored row again ([`super::stored_actor`]) before it
//!   refetches over the network.

use super::peers::DomainLists;
use citysync_storage::federation::ActorRow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// Remote actors kept before the map is emptied and filled anew (a city hears from a few
/// thousand actors at most; this bounds what a flood of new ones can hold).
const MAX_ACTORS: usize = 10_000;

/// The lists kept, with the policy version they were read at.
type KeptLists = Option<(i64, Arc<DomainLists>)>;

/// The federation's in-process caches; cloning shares them (every clone of a [`crate::Ctx`]
/// sees the same).
#[derive(Clone, Default)]
pub struct FederationCache {
    lists: Arc<Mutex<KeptLists>>,
    list_loads: Arc<AtomicU64>,
    actors: Arc<Mutex<HashMap<String, ActorRow>>>,
}

impl std::fmt::Debug for FederationCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FederationCache")
    }
}

impl FederationCache {
    /// The lists kept for policy `version`, if they are that version's.
    pub(super) fn lists(&self, version: i64) -> Option<Arc<DomainLists>> {
        match &*self.lists.lock().unwrap_or_else(PoisonError::into_inner) {
            Some((kept, lists)) if *kept == version => Some(lists.clone()),
            _ => None,
        }
    }

    /// Keeps `lists`, read at policy `version` (read before the lists, so lists newer than
    /// their version are reloaded at the next decision, never kept past a change).
    /// How often this process read the lists themselves (not only their version): once,
    /// then once per change of the policy.
    pub fn list_loads(&self) -> u64 {
        self.list_loads.load(Ordering::Relaxed)
    }

    pub(super) fn keep_lists(&self, version: i64, lists: Arc<DomainLists>) {
        self.list_loads.fetch_add(1, Ordering::Relaxed);
        *self.lists.lock().unwrap_or_else(PoisonError::into_inner) = Some((version, lists));
    }

    pub(super) fn actor(&self, ap_id: &str) -> Option<ActorRow> {
        self.actors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(ap_id)
            .cloned()
    }

    pub(super) fn keep_actor(&self, row: &ActorRow) {
        let mut actors = self.actors.lock().unwrap_or_else(PoisonError::into_inner);
        if actors.len() >= MAX_ACTORS && !actors.contains_key(&row.ap_id) {
            actors.clear();
        }
        actors.insert(row.ap_id.clone(), row.clone());
    }
}
