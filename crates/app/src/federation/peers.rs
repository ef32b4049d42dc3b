//! The administrator's federation policy — `open` or `allowlist`, domain blocks — and the
//! health of each peer: deliveries in order, a peer failing for days marked unreachable and
//! probed rarely, and what each peer sent us.

use super::domains::{canonical_peer, normalize_peer, peer_matches};
use crate::{AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_storage::federation::{self as store, PeerRow};
use citysync_storage::DbConnection;

pub const BLOCK: &str = "block";
pub const ALLOW: &str = "allow";

/// A peer failing without a success for this long is marked unreachable.
pub const UNREACHABLE_AFTER: Duration = Duration::days(3);
/// How often an unreachable peer is tried again.
pub const PROBE_EVERY: Duration = Duration::hours(6);

/// The domain lists, read once per decision (they are short).
#[derive(Debug, Clone, Default)]
pub struct DomainLists {
    pub blocked: Vec<String>,
    pub allowed: Vec<String>,
}

impl DomainLists {
    /// Whether the city's policy refuses a peer (`host` or `host:port`): blocked (the domain,
    /// a parent domain, or that port of it), or not allowlisted in allowlist mode.
    pub fn refuses(&self, allowlist_only: bool, peer: &str) -> bool {
        let peer = canonical_peer(peer);
        if self.blocked.iter().any(|b| peer_matches(&peer, b)) {
            return true;
        }
        allowlist_only && !self.allowed.iter().any(|a| peer_matches(&peer, a))
    }
}

pub async fn lists(ctx: &Ctx) -> Result<DomainLists, AppError> {
    let rows = ctx.db.run(store::domain_policies).await?;
    let mut lists = DomainLists::default();
    for (domain, policy, _) in rows {
        // Entries are normalized when set; again here for any stored before that was so.
        let domain = canonical_peer(&domain);
        match policy.as_str() {
            BLOCK => lists.blocked.push(domain),
            _ => lists.allowed.push(domain),
        }
    }
    Ok(lists)
}

/// Every policy entry, for the administrator's page: (domain, policy, since).
pub async fn policies(ctx: &Ctx) -> Result<Vec<(String, String, NaiveDateTime)>, AppError> {
    Ok(ctx.db.run(store::domain_policies).await?)
}

/// Sets the policy (`BLOCK`, `ALLOW`) of a domain as typed — normalized first — or clears
/// it with `None`; returns the domain as the lists keep it. What is waiting for a blocked
/// domain is refused at send time.
pub async fn set_policy(ctx: &Ctx, typed: &str, policy: Option<&str>) -> Result<String, AppError> {
    let domain = normalize_peer(typed)?;
    let (domain2, policy, now) = (domain.clone(), policy.map(str::to_owned), ctx.now());
    ctx.db
        .write(move |conn| {
            store::set_domain_policy(conn, &domain2, policy.as_deref(), now)?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(domain)
}

/// Records a successful delivery to a peer: it is reachable again.
pub fn delivered(
    conn: &mut DbConnection,
    domain: &str,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    let mut row = store::peer(conn, domain)?.unwrap_or_else(|| PeerRow::new(domain));
    row.reachable = true;
    row.last_success_at = Some(now);
    row.failing_since = None;
    row.next_probe_at = None;
    store::save_peer(conn, &row)?;
    Ok(())
}

/// Records a failed delivery; returns when the peer's queue may next be tried: the retry
/// time, or for a peer failing for `UNREACHABLE_AFTER` the next rare probe.
pub fn failed(
    conn: &mut DbConnection,
    domain: &str,
    retry_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, AppError> {
    let mut row = store::peer(conn, domain)?.unwrap_or_else(|| PeerRow::new(domain));
    let since = *row.failing_since.get_or_insert(now);
    let mut next = retry_at;
    if now - since >= UNREACHABLE_AFTER {
        row.reachable = false;
        next = next.max(now + PROBE_EVERY);
        row.next_probe_at = Some(next);
    }
    store::save_peer(conn, &row)?;
    store::hold_peer_queue(conn, domain, next)?;
    Ok(next)
}

pub async fn all(ctx: &Ctx) -> Result<Vec<PeerRow>, AppError> {
    Ok(ctx.db.run(store::all_peers).await?)
}
