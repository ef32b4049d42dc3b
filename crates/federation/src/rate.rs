//! The per-domain inbound rate: a fixed one-minute window per peer domain, kept in this
//! process (several processes each admit their own share; documented in the admin guide).

use crate::FedError;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

fn windows() -> &'static Mutex<HashMap<String, (Instant, u32)>> {
    static WINDOWS: OnceLock<Mutex<HashMap<String, (Instant, u32)>>> = OnceLock::new();
    WINDOWS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Admits one activity from `domain`, or refuses with the seconds until its window ends.
pub fn admit(domain: &str, per_minute: u32) -> Result<(), FedError> {
    let now = Instant::now();
    let mut windows = windows()
        .lock()
        .map_err(|_| FedError::Invalid("rate table poisoned".into()))?;
    if windows.len() > 10_000 {
        windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
    }
    let (start, count) = windows.entry(domain.to_owned()).or_insert((now, 0));
    if now.duration_since(*start) >= WINDOW {
        *start = now;
        *count = 0;
    }
    if *count >= per_minute {
        let wait = WINDOW.saturating_sub(now.duration_since(*start));
        return Err(FedError::Throttled(wait.as_secs().max(1)));
    }
    *count += 1;
    Ok(())
}
