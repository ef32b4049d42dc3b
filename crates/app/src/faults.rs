//! Fault injection for the ledger's crash tests: when armed with `n`, the `n`-th fault point
//! a use case passes returns an error, so its transaction rolls back exactly as if the
//! process had died there. Disarmed (always, outside tests) a point costs one atomic load.

use crate::AppError;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Faults {
    countdown: Arc<AtomicU64>,
}

impl Faults {
    /// Fails the `n`-th point from now (`n` ≥ 1); 0 disarms.
    pub fn arm(&self, n: u64) {
        self.countdown.store(n, Ordering::SeqCst);
    }

    /// Whether the armed fault is still waiting (the operation finished before reaching it).
    pub fn pending(&self) -> bool {
        self.countdown.load(Ordering::SeqCst) > 0
    }

    /// A point where a crash may be injected.
    pub fn point(&self, name: &'static str) -> Result<(), AppError> {
        if self.countdown.load(Ordering::Relaxed) == 0 {
            return Ok(());
        }
        let previous = self
            .countdown
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .unwrap_or(0);
        if previous == 1 {
            Err(AppError::Injected(name))
        } else {
            Ok(())
        }
    }
}
