//! The ledger writer (group commit). Operations that stand alone in their transaction —
//! a cashier's confirmation, a reservation, a cancellation — wait in the database's queue;
//! one writer takes every operation waiting at that moment and posts them in one
//! transaction, under one lock of the chain's head and one commit, and answers each caller
//! with its own result once the group has committed.
//!
//! Each operation runs in a savepoint of its own: one that fails (a redemption used
//! already, a wallet that cannot pay) is undone alone and its caller gets its error, while
//! the others go on. The journal's head moves entry by entry through the group as it would
//! through the same operations one after another, so the sequence stays gapless and the
//! chain linear; each operation keeps its own idempotency key. A crash (an injected fault,
//! a failed commit, a lost connection) loses the whole group, and every caller is told so:
//! nothing of it was written. With several processes on PostgreSQL, each process's groups
//! still queue for the head's row lock.

use super::Journal;
use crate::{AppError, Ctx};
use citysync_storage::{group, Db, DbConnection, StorageError};
use std::sync::{Arc, Mutex};

/// The most operations posted in one group. On PostgreSQL each savepoint that writes is a
/// subtransaction, and past 64 of them in one transaction every other backend's snapshot
/// gets slower.
const MOST: usize = 48;

type Work<T> = Box<dyn FnOnce(&mut DbConnection, &mut Journal) -> Result<T, AppError> + Send>;

/// How one operation of a group went.
enum Verdict {
    Done,
    Refused,
    Crashed(&'static str),
}

/// An operation waiting for the writer, with the way to answer its caller.
trait Waiting: Send {
    fn ctx(&self) -> &Ctx;
    /// Runs the operation in the group's transaction, keeping what it answered.
    fn run(&mut self, conn: &mut DbConnection, journal: &mut Journal) -> Verdict;
    /// Answers the caller: its own result if the group committed, else why it did not.
    fn answer(self: Box<Self>, failed: Option<AppError>);
}

struct Posting<T> {
    ctx: Ctx,
    work: Option<Work<T>>,
    result: Option<Result<T, AppError>>,
    reply: tokio::sync::oneshot::Sender<Result<T, AppError>>,
}

impl<T: Send + 'static> Waiting for Posting<T> {
    fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    fn run(&mut self, conn: &mut DbConnection, journal: &mut Journal) -> Verdict {
        let Some(work) = self.work.take() else {
            return Verdict::Refused;
        };
        let result = work(conn, journal);
        let verdict = match &result {
            Ok(_) => Verdict::Done,
            Err(AppError::Injected(name)) => Verdict::Crashed(name),
            Err(_) => Verdict::Refused,
        };
        self.result = Some(result);
        verdict
    }

    fn answer(self: Box<Self>, failed: Option<AppError>) {
        let answer = match (failed, self.result) {
            (Some(e), _) => Err(e),
            (None, Some(result)) => result,
            (None, None) => Err(AppError::internal("an operation of the group never ran")),
        };
        // A caller that went away (a dropped request) needs no answer.
        let _ = self.reply.send(answer);
    }
}

/// Runs `work` under the journal's head in the ledger writer's next group, and answers
/// what it answered once the group has committed. `work` starts its own operation
/// ([`Journal::begin`]) and finishes it, as in a transaction of its own; it must not read
/// anything it needs before the lock from outside the group's transaction, and it runs on
/// the database's blocking pool. Inside [`Db::scope`] it joins the scope's transaction
/// instead.
pub async fn post<T, F>(ctx: &Ctx, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &mut Journal) -> Result<T, AppError> + Send + 'static,
{
    if ctx.db.is_scoped() {
        let ctx2 = ctx.clone();
        return ctx
            .db
            .write(move |conn| {
                let mut journal = Journal::lock(conn, &ctx2)?;
                work(conn, &mut journal)
            })
            .await;
    }
    let (reply, answer) = tokio::sync::oneshot::channel();
    let waiting: Box<dyn Waiting> = Box::new(Posting {
        ctx: ctx.clone(),
        work: Some(Box::new(work)),
        result: None,
        reply,
    });
    if ctx.db.group().push(Box::new(waiting)) {
        tokio::spawn(write_groups(ctx.db.clone()));
    }
    answer
        .await
        .map_err(|_| AppError::internal("the ledger writer stopped"))?
}

/// The writer: groups until nothing waits.
async fn write_groups(db: Db) {
    loop {
        let taken = db.group().take(MOST);
        if taken.is_empty() {
            return;
        }
        let group: Vec<Box<dyn Waiting>> = taken
            .into_iter()
            .filter_map(|w| w.downcast::<Box<dyn Waiting>>().ok().map(|w| *w))
            .collect();
        write_group(&db, group).await;
    }
}

async fn write_group(db: &Db, group: Vec<Box<dyn Waiting>>) {
    let Some(ctx) = group.first().map(|w| w.ctx().clone()) else {
        return;
    };
    let size = group.len();
    let members = Arc::new(Mutex::new(group));
    let inside = members.clone();
    let outcome = db
        .write(move |conn| {
            let mut members = inside
                .lock()
                .map_err(|_| AppError::internal("the ledger group's lock is poisoned"))?;
            run_group(conn, &ctx, &mut members)
        })
        .await;
    let failed = outcome.err();
    if let Some(e) = &failed {
        tracing::warn!(error = %e, operations = size, "a ledger group was not written");
    }
    let group = match members.lock() {
        Ok(mut members) => std::mem::take(&mut *members),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for waiting in group {
        waiting.answer(failed.as_ref().map(told));
    }
}

/// One group, in one transaction: the head locked once, each operation in its savepoint,
/// the head written once.
fn run_group(
    conn: &mut DbConnection,
    ctx: &Ctx,
    members: &mut [Box<dyn Waiting>],
) -> Result<(), AppError> {
    let mut journal = Journal::lock(conn, ctx)?;
    journal.group();
    for (i, waiting) in members.iter_mut().enumerate() {
        group::begin_item(conn, i == 0)?;
        journal.rebase(waiting.ctx());
        let mark = journal.mark();
        match waiting.run(conn, &mut journal) {
            Verdict::Done => journal.flush(conn)?,
            Verdict::Refused => {
                group::undo_item(conn)?;
                journal.reset(mark);
            }
            Verdict::Crashed(name) => return Err(AppError::Injected(name)),
        }
    }
    journal.store_head(conn)?;
    Ok(())
}

/// What each caller of a group that was not written is told.
fn told(e: &AppError) -> AppError {
    match e {
        AppError::Injected(name) => AppError::Injected(name),
        AppError::Storage(s) if s.is_unavailable() => {
            AppError::Storage(StorageError::Connect(s.to_string()))
        }
        other => AppError::internal(format!("the ledger group was not written: {other}")),
    }
}
