//! What the operators' endpoints ask of the database: is it there, is its schema this
//! binary's, what waits in the queues — and the hourly housekeeping.

use crate::{AppError, Ctx};
use citysync_storage::{federation, idempotency, operations, rate, sessions};

pub use citysync_storage::db::SchemaStatus;
pub use citysync_storage::federation::PeerBacklog;
pub use citysync_storage::operations::BalanceSum;

/// Whether the database answers a trivial query.
pub async fn database_answers(ctx: &Ctx) -> Result<(), AppError> {
    Ok(ctx.db.ping().await?)
}

/// Which migrations this binary knows that the database lacks, and the other way round.
pub async fn schema_status(ctx: &Ctx) -> Result<SchemaStatus, AppError> {
    Ok(ctx.db.schema_status().await?)
}

/// What the database says at a metrics scrape.
#[derive(Debug, Default)]
pub struct Figures {
    pub backlogs: Vec<PeerBacklog>,
    pub balances: Vec<BalanceSum>,
    pub pending_mail: i64,
}

pub async fn figures(ctx: &Ctx) -> Result<Figures, AppError> {
    ctx.run(|conn| {
        Ok(Figures {
            backlogs: federation::peer_backlogs(conn)?,
            balances: operations::balance_sums(conn)?,
            pending_mail: operations::pending_mail(conn)?,
        })
    })
    .await
}

/// Removes expired sessions, and throttle counters and Idempotency-Key records older than a
/// day; returns how many sessions and how many counters and records went.
pub async fn housekeeping(ctx: &Ctx) -> Result<(usize, usize), AppError> {
    let now = ctx.now();
    ctx.run(move |conn| {
        let expired = sessions::delete_expired(conn, now)?;
        let day_ago = now - chrono::Duration::days(1);
        let events = rate::prune(conn, day_ago)? + idempotency::prune(conn, day_ago)?;
        Ok((expired, events))
    })
    .await
}
