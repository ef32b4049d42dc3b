//! The federation outbox: each public change worth telling other cities about is recorded
//! here in the transaction that made it, and the federation worker turns it into signed
//! activities for the followers — so an activity goes out if and only if the change happened.

use crate::{secrets, AppError, Ctx};
use citysync_storage::federation::{self as store, PublicationRow};
use citysync_storage::DbConnection;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Template,
    Opportunity,
    Proposal,
    /// A verified contribution, published as its attestation.
    Attestation,
    /// A signed ledger checkpoint (by its sequence number).
    Checkpoint,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Template,
        Kind::Opportunity,
        Kind::Proposal,
        Kind::Attestation,
        Kind::Checkpoint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Template => "template",
            Kind::Opportunity => "opportunity",
            Kind::Proposal => "proposal",
            Kind::Attestation => "attestation",
            Kind::Checkpoint => "checkpoint",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Create,
    Update,
    Delete,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Create => "create",
            Verb::Update => "update",
            Verb::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Verb> {
        [Verb::Create, Verb::Update, Verb::Delete]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// A change waiting to be announced.
#[derive(Debug, Clone)]
pub struct Publication {
    pub id: String,
    pub kind: Kind,
    pub object_id: String,
    pub verb: Verb,
    pub occurred_at: chrono::NaiveDateTime,
}

/// Records a change to announce; call it inside the change's transaction.
pub(crate) fn publish(
    conn: &mut DbConnection,
    kind: Kind,
    object_id: &str,
    verb: Verb,
    at: chrono::NaiveDateTime,
) -> Result<(), AppError> {
    store::insert_publication(
        conn,
        &PublicationRow {
            id: secrets::new_id(),
            kind: kind.as_str().to_owned(),
            object_id: object_id.to_owned(),
            verb: verb.as_str().to_owned(),
            occurred_at: at,
            processed_at: None,
        },
    )?;
    Ok(())
}

/// The oldest changes not yet announced.
pub async fn pending(ctx: &Ctx, limit: i64) -> Result<Vec<Publication>, AppError> {
    let rows = ctx
        .run(move |conn| Ok(store::pending_publications(conn, limit)?))
        .await?;
    rows.into_iter()
        .map(|row| {
            let corrupt = || AppError::internal(format!("publication {} does not parse", row.id));
            Ok(Publication {
                kind: Kind::parse(&row.kind).ok_or_else(corrupt)?,
                verb: Verb::parse(&row.verb).ok_or_else(corrupt)?,
                id: row.id,
                object_id: row.object_id,
                occurred_at: row.occurred_at,
            })
        })
        .collect()
}

/// One delivery the announcement makes: `body` (an activity by `actor`) to `inbox`.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub activity_id: String,
    pub actor: String,
    pub inbox: url::Url,
    pub body: String,
}

/// Queues the announcement's deliveries and marks it done, in one transaction: a worker
/// killed before this commits leaves the publication pending, to be rendered again.
pub async fn announced(
    ctx: &Ctx,
    publication_id: &str,
    outgoing: Vec<Outgoing>,
) -> Result<(), AppError> {
    let (ctx2, id) = (ctx.clone(), publication_id.to_owned());
    ctx.db
        .write(move |conn| {
            if !store::mark_publication_processed(conn, &id, ctx2.now())? {
                return Ok(());
            }
            for o in &outgoing {
                super::enqueue_delivery(conn, &ctx2, &o.activity_id, &o.actor, &o.inbox, &o.body)?;
            }
            Ok::<_, AppError>(())
        })
        .await
}

/// Queues deliveries that belong to no publication (a relayed attestation).
pub async fn enqueue(ctx: &Ctx, outgoing: Vec<Outgoing>) -> Result<(), AppError> {
    if outgoing.is_empty() {
        return Ok(());
    }
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            for o in &outgoing {
                super::enqueue_delivery(conn, &ctx2, &o.activity_id, &o.actor, &o.inbox, &o.body)?;
            }
            Ok::<_, AppError>(())
        })
        .await
}
