//! The administrator's federation policy — `open` or `allowlist`, domain blocks — and the
//! health of each peer: deliveries in order, a peer failing for days marked unreachable and
//! probed rarely, and what each peer sent us.

use super::domains::{canonical_peer, normalize_peer, peer_matches};
use crate::privileged_log::{Capacity, Entry, PrivilegedAction, Subject};
use crate::{AppError, Ctx};
use chrono::{Duration, NaiveDateTime};
use citysync_storage::federation::{self as store, PeerRow};
use citysync_storage::DbConnection;
use std::sync::Arc;

pub const BLOCK: &str = "block";
pub const ALLOW: &str = "allow";

/// A peer failing without a success for this long is marked unreachable.
pub const UNREACHABLE_AFTER: Duration = Duration::days(3);
/// How often an unreachable peer is tried again.
pub const PROBE_EVERY: Duration = Duration::hours(6);

/// The domain lists, kept in memory while the policy's version stands (see
/// [`super::cache`]).
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

/// The domain lists in force: one read of the policy's version, and the lists themselves
/// only when it moved since this process last read them.
pub async fn lists(ctx: &Ctx) -> Result<Arc<DomainLists>, AppError> {
    let cache = ctx.federation_cache.clone();
    ctx.run(move |conn| {
        let version = store::domain_policy_version(conn)?;
        if let Some(lists) = cache.lists(version) {
            return Ok(lists);
        }
        let lists = Arc::new(read_lists(conn)?);
        cache.keep_lists(version, lists.clone());
        Ok(lists)
    })
    .await
}

fn read_lists(conn: &mut DbConnection) -> Result<DomainLists, citysync_storage::StorageError> {
    let rows = store::domain_policies(conn)?;
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
    ctx.run(|conn| Ok(store::domain_policies(conn)?)).await
}

/// Sets the policy (`BLOCK`, `ALLOW`) of a domain as typed — normalized first — or clears
/// it with `None`; returns the domain as the lists keep it. What is waiting for a blocked
/// domain is refused at send time.
///
/// This is the operator's door (the command line): the change is logged as the operator's.
pub async fn set_policy(ctx: &Ctx, typed: &str, policy: Option<&str>) -> Result<String, AppError> {
    set_policy_as(ctx, None, typed, policy).await
}

/// [`set_policy`] by an administrator (`Some(admin)`) or the operator (`None`), recorded in
/// the privileged-action log in the same transaction.
pub async fn set_policy_as(
    ctx: &Ctx,
    admin: Option<&crate::User>,
    typed: &str,
    policy: Option<&str>,
) -> Result<String, AppError> {
    if let Some(admin) = admin {
        admin.require_admin()?;
    }
    let domain = normalize_peer(typed)?;
    let actor = admin.map(|a| a.id.to_string());
    let (domain2, policy, now) = (domain.clone(), policy.map(str::to_owned), ctx.now());
    ctx.db
        .write(move |conn| {
            let before = store::domain_policies(conn)?
                .into_iter()
                .find(|(d, _, _)| *d == domain2)
                .map(|(_, p, _)| p);
            store::set_domain_policy(conn, &domain2, policy.as_deref(), now)?;
            let action = match policy.as_deref() {
                Some(BLOCK) => PrivilegedAction::PeerBlocked,
                Some(_) => PrivilegedAction::PeerAllowed,
                None => PrivilegedAction::PeerUnblocked,
            };
            let capacity = if actor.is_some() {
                Capacity::Administrator
            } else {
                Capacity::Operator
            };
            crate::privileged_log::record(
                conn,
                &Entry::new(
                    actor.as_deref(),
                    capacity,
                    action,
                    Subject::Peer,
                    &domain2,
                    now,
                )
                .detail(serde_json::json!({ "before": before, "after": policy })),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(domain)
}

/// Records a successful delivery to a peer: it is reachable again.
pub(crate) fn delivered(
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
pub(crate) fn failed(
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
    ctx.run(|conn| Ok(store::all_peers(conn)?)).await
}

/// How this city signs the HTTP requests it sends a peer (issue 24, docs/federation.md,
/// "Outbound signatures").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureScheme {
    /// draft-cavage HTTP Signatures (`Signature` with `keyId`, `headers`, and `Digest`).
    DraftCavage,
    /// RFC 9421 HTTP Message Signatures (`Signature-Input`, `Signature`, `Content-Digest`).
    Rfc9421,
}

impl SignatureScheme {
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureScheme::DraftCavage => "draft-cavage",
            SignatureScheme::Rfc9421 => "rfc9421",
        }
    }

    pub fn parse(s: &str) -> Option<SignatureScheme> {
        [SignatureScheme::DraftCavage, SignatureScheme::Rfc9421]
            .into_iter()
            .find(|scheme| scheme.as_str() == s)
    }

    /// The other scheme: what the second knock is signed with.
    pub fn other(self) -> SignatureScheme {
        match self {
            SignatureScheme::DraftCavage => SignatureScheme::Rfc9421,
            SignatureScheme::Rfc9421 => SignatureScheme::DraftCavage,
        }
    }
}

/// The signature scheme `domain` is known to accept, or `None` while nothing is known.
pub async fn signature_scheme(
    ctx: &Ctx,
    domain: &str,
) -> Result<Option<SignatureScheme>, AppError> {
    let domain = domain.to_owned();
    let stored = ctx
        .run(move |conn| Ok(store::peer_signature_scheme(conn, &domain)?))
        .await?;
    Ok(stored.as_deref().and_then(SignatureScheme::parse))
}

/// Remembers that `domain` accepts `scheme` (its own requests verified so, or a delivery
/// signed so was taken). Written only when it changes what was known.
pub async fn remember_signature_scheme(
    ctx: &Ctx,
    domain: &str,
    scheme: SignatureScheme,
) -> Result<(), AppError> {
    if signature_scheme(ctx, domain).await? == Some(scheme) {
        return Ok(());
    }
    let domain = domain.to_owned();
    ctx.db
        .write(move |conn| store::set_peer_signature_scheme(conn, &domain, scheme.as_str()))
        .await?;
    Ok(())
}
