//! The inbox's rates, kept in this process (several processes each admit their own share;
//! documented in the admin guide), each a fixed one-minute window per key:
//!
//! - per peer domain, charged only for activities whose signature verified, so nobody but
//!   the peer itself can spend its budget (issue 23 point 1);
//! - per client address, charged for every request that did not verify (unsigned, forged,
//!   blocked, malformed) and checked before anything is fetched, so a flood of forgeries
//!   costs its sender its own address and us no fetch;
//! - per remote actor, how often a signature failure may refetch the actor for a rotated
//!   key (issue 23 point 9).

use crate::FedError;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// Requests that did not verify, per client address and minute, before `429`.
pub const UNVERIFIED_PER_MINUTE: u32 = 120;

/// After a signature failure, an actor is refetched (for a rotated key) at most this often.
pub const KEY_REFETCH_EVERY: Duration = Duration::from_secs(5 * 60);

/// Keys kept before expired entries are swept.
const MAX_KEYS: usize = 10_000;

type Table = Mutex<HashMap<String, (Instant, u32)>>;

fn domains() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

fn addresses() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

fn refetches() -> &'static Mutex<HashMap<String, Instant>> {
    static T: OnceLock<Mutex<HashMap<String, Instant>>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

fn poisoned<T>(_: T) -> FedError {
    FedError::Invalid("rate table poisoned".into())
}

/// The window of `key` in `table` as of `now` (a new one when the old has ended).
fn window<'a>(
    table: &'a mut HashMap<String, (Instant, u32)>,
    key: &str,
    now: Instant,
) -> &'a mut (Instant, u32) {
    if table.len() > MAX_KEYS {
        table.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
    }
    let entry = table.entry(key.to_owned()).or_insert((now, 0));
    if now.duration_since(entry.0) >= WINDOW {
        *entry = (now, 0);
    }
    entry
}

fn wait(start: Instant, now: Instant) -> u64 {
    WINDOW
        .saturating_sub(now.duration_since(start))
        .as_secs()
        .max(1)
}

/// Admits one verified activity from `domain`, or refuses with the seconds until its window
/// ends. Call it only once the signature verified: the budget is the peer's own.
pub fn admit(domain: &str, per_minute: u32) -> Result<(), FedError> {
    let now = Instant::now();
    let mut table = domains().lock().map_err(poisoned)?;
    let (start, count) = window(&mut table, domain, now);
    if *count >= per_minute {
        return Err(FedError::Throttled {
            retry_after: wait(*start, now),
            reason: format!("{domain} sent more than {per_minute} activities this minute"),
        });
    }
    *count += 1;
    Ok(())
}

/// Refuses a client address that already sent [`UNVERIFIED_PER_MINUTE`] requests that did
/// not verify this minute. Charges nothing: see [`charge_unverified`].
pub fn check_address(address: &str) -> Result<(), FedError> {
    let now = Instant::now();
    let mut table = addresses().lock().map_err(poisoned)?;
    let (start, count) = window(&mut table, address, now);
    if *count >= UNVERIFIED_PER_MINUTE {
        return Err(FedError::Throttled {
            retry_after: wait(*start, now),
            reason: format!(
                "more than {UNVERIFIED_PER_MINUTE} requests from this address failed verification this minute"
            ),
        });
    }
    Ok(())
}

/// Counts one request from `address` that did not verify.
pub fn charge_unverified(address: &str) {
    let now = Instant::now();
    if let Ok(mut table) = addresses().lock() {
        window(&mut table, address, now).1 += 1;
    }
}

/// Whether a signature failure may refetch `actor` now (at most once per
/// [`KEY_REFETCH_EVERY`]); a true answer is recorded.
pub fn may_refetch_key(actor: &str) -> bool {
    let now = Instant::now();
    let Ok(mut table) = refetches().lock() else {
        return false;
    };
    if table.len() > MAX_KEYS {
        table.retain(|_, at| now.duration_since(*at) < KEY_REFETCH_EVERY);
    }
    match table.get(actor) {
        Some(at) if now.duration_since(*at) < KEY_REFETCH_EVERY => false,
        _ => {
            table.insert(actor.to_owned(), now);
            true
        }
    }
}
