//! Job-queue tables (`mail_queue`, `deliveries`) share one shape: `attempts`,
//! `next_attempt_at`, `locked_until`, a "done" time, `failed_at` and `last_error`. This
//! macro writes their lease and bookkeeping functions once, for both tables.

/// Generates, for the queue table `$t`:
/// - `$lease(conn, now, lease_until, limit, skip)`: leases up to `limit` due rows, oldest
///   `$order` first, none whose `$partition` is in `skip` (a peer or recipient whose worker
///   is still busy with its earlier rows). A row leased by another worker is skipped; a lease that ran out (its process
///   died) is taken over. Call it in a write transaction: on PostgreSQL the candidates are
///   taken `FOR UPDATE SKIP LOCKED`, so concurrent workers get different rows; on SQLite the
///   write lock serialises them. A round may lease fewer rows than due, never one twice.
/// - `$done(conn, id, at)`: the attempt succeeded.
/// - `$failed(conn, id, error, retry_at, now)`: the attempt failed; retried at `retry_at`, or
///   given up when it is `None`.
macro_rules! job_queue {
    (table: $t:ident, row: $Row:ty, done_at: $done_at:ident, order: $order:ident,
     partition: $partition:ident, lease: $lease:ident, done: $done:ident, failed: $failed:ident) => {
        pub fn $lease(
            conn: &mut DbConnection,
            now: NaiveDateTime,
            lease_until: NaiveDateTime,
            limit: i64,
            skip: &[String],
        ) -> Result<Vec<$Row>, StorageError> {
            let due = || {
                $t::table
                    .filter($t::$partition.ne_all(skip))
                    .filter($t::$done_at.is_null())
                    .filter($t::failed_at.is_null())
                    .filter($t::next_attempt_at.le(now))
                    .filter($t::locked_until.is_null().or($t::locked_until.lt(now)))
            };
            let query = due().select($t::id).order($t::$order.asc()).limit(limit);
            let ids: Vec<String> = match conn {
                DbConnection::Postgresql(c) => query.for_update().skip_locked().load(c)?,
                DbConnection::Sqlite(c) => query.load(c)?,
            };
            let mut leased = Vec::with_capacity(ids.len());
            for id in ids {
                let n = diesel::update(due().filter($t::id.eq(&id)))
                    .set($t::locked_until.eq(Some(lease_until)))
                    .execute(conn)?;
                if n == 1 {
                    leased.push(
                        $t::table
                            .find(&id)
                            .select(<$Row>::as_select())
                            .first(conn)?,
                    );
                }
            }
            Ok(leased)
        }

        pub fn $done(
            conn: &mut DbConnection,
            id: &str,
            at: NaiveDateTime,
        ) -> Result<(), StorageError> {
            diesel::update($t::table.find(id))
                .set((
                    $t::$done_at.eq(Some(at)),
                    $t::attempts.eq($t::attempts + 1),
                    $t::locked_until.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            Ok(())
        }

        pub fn $failed(
            conn: &mut DbConnection,
            id: &str,
            error: &str,
            retry_at: Option<NaiveDateTime>,
            now: NaiveDateTime,
        ) -> Result<(), StorageError> {
            diesel::update($t::table.find(id))
                .set((
                    $t::attempts.eq($t::attempts + 1),
                    $t::last_error.eq(Some(error)),
                    $t::locked_until.eq(None::<NaiveDateTime>),
                    $t::next_attempt_at.eq(retry_at.unwrap_or(now)),
                    $t::failed_at.eq(if retry_at.is_none() { Some(now) } else { None }),
                ))
                .execute(conn)?;
            Ok(())
        }
    };
}

pub(crate) use job_queue;
