//! A queue of work waiting to be written together (group commit), one per database handle.
//! The queue only holds the work; what a group does with it belongs to its user (the
//! ledger's writer in `app`, which posts every operation waiting at that moment in one
//! transaction). Items are type-erased so that `storage` need not know them.

use std::any::Any;
use std::sync::Mutex;

/// One waiting item.
pub type Waiting = Box<dyn Any + Send>;

#[derive(Default)]
struct State {
    waiting: Vec<Waiting>,
    /// A writer is taking groups from this queue.
    writing: bool,
    /// Groups taken so far, and the items they held.
    groups: u64,
    items: u64,
}

/// Work waiting for the writer, and whether a writer is at work.
#[derive(Default)]
pub struct Group {
    state: Mutex<State>,
}

impl Group {
    /// Queues `item`. True when no writer is at work: the caller must start one (and it
    /// counts as at work from now on).
    pub fn push(&self, item: Waiting) -> bool {
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        state.waiting.push(item);
        !std::mem::replace(&mut state.writing, true)
    }

    /// Everything waiting now, up to `max` items, oldest first. Empty when nothing waits,
    /// and then the writer counts as stopped: the next [`Group::push`] starts another.
    pub fn take(&self, max: usize) -> Vec<Waiting> {
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        if state.waiting.is_empty() {
            state.writing = false;
            return Vec::new();
        }
        let n = state.waiting.len().min(max.max(1));
        state.groups += 1;
        state.items += n as u64;
        state.waiting.drain(..n).collect()
    }

    /// How many groups the writers took from this queue, and how many items they held.
    pub fn taken(&self) -> (u64, u64) {
        match self.state.lock() {
            Ok(state) => (state.groups, state.items),
            Err(poisoned) => {
                let state = poisoned.into_inner();
                (state.groups, state.items)
            }
        }
    }
}

/// Before each item of a group, inside the group's transaction: a savepoint of its own
/// (the previous item's released in the same round trip), so that one item's failure can be
/// undone without undoing the others.
pub fn begin_item(conn: &mut crate::DbConnection, first: bool) -> Result<(), crate::StorageError> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute(if first {
        "SAVEPOINT group_item"
    } else {
        "RELEASE SAVEPOINT group_item; SAVEPOINT group_item"
    })?;
    Ok(())
}

/// Undoes what the current item wrote (back to its savepoint); the group goes on.
pub fn undo_item(conn: &mut crate::DbConnection) -> Result<(), crate::StorageError> {
    use diesel::connection::SimpleConnection;
    conn.batch_execute("ROLLBACK TO SAVEPOINT group_item")?;
    Ok(())
}
