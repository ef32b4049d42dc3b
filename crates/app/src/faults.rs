//! Fault injection for the crash tests: when armed with `n`, the `n`-th fault point a use
//! case passes returns an error; when armed at a name, the next point of that name does. The
//! error stops the request there: a transaction open at that point rolls back exactly as if
//! the process had died, and nothing after it runs (no later write, no answer). Disarmed
//! (always, outside tests) a point costs two atomic loads.

use crate::AppError;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Faults {
    countdown: Arc<AtomicU64>,
    named: Arc<AtomicBool>,
    name: Arc<Mutex<Option<&'static str>>>,
}

impl Faults {
    /// Fails the `n`-th point from now (`n` ≥ 1); 0 disarms.
    pub fn arm(&self, n: u64) {
        self.countdown.store(n, Ordering::SeqCst);
    }

    /// Fails the next point called `name` (once).
    pub fn arm_at(&self, name: &'static str) {
        if let Ok(mut slot) = self.name.lock() {
            *slot = Some(name);
        }
        self.named.store(true, Ordering::SeqCst);
    }

    /// Whether an armed fault is still waiting (the operation finished before reaching it).
    pub fn pending(&self) -> bool {
        self.countdown.load(Ordering::SeqCst) > 0 || self.named.load(Ordering::SeqCst)
    }

    /// A point where a crash may be injected.
    pub fn point(&self, name: &'static str) -> Result<(), AppError> {
        if self.named.load(Ordering::Relaxed) {
            if let Ok(mut slot) = self.name.lock() {
                if *slot == Some(name) {
                    *slot = None;
                    self.named.store(false, Ordering::SeqCst);
                    return Err(AppError::Injected(name));
                }
            }
        }
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
