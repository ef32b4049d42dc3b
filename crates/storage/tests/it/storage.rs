//! Storage against real SQLite and real PostgreSQL (when reachable): migrations, write
//! transactions that roll back, unique constraints, leases that never hand a job out twice.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use citysync_storage::{federation, mail_queue, now, users, StorageError};
use citysync_test_db::both_backends;

fn user(id: &str, name: &str) -> users::UserRow {
    users::UserRow {
        id: id.into(),
        username: name.into(),
        email: format!("{name}@example.org"),
        password_hash: "x".into(),
        is_admin: false,
        email_verified_at: None,
        locale: None,
        public_key_pem: None,
        private_key_pem: None,
        created_at: now(),
        password_changed_at: now(),
    }
}

#[tokio::test]
async fn failed_transactions_write_nothing_on_both_backends() {
    for (name, t) in both_backends() {
        let r: Result<(), StorageError> =
            t.db.write(|conn| {
                users::insert(conn, &user("u1", "ana"))?;
                users::insert(conn, &user("u2", "ana"))?; // duplicate username
                Ok(())
            })
            .await;
        let err = r.expect_err("duplicate must fail");
        assert!(err.is_unique_violation(), "{name}: {err:?}");
        let count = t.db.run(users::count).await.unwrap();
        assert_eq!(count, 0, "{name}: the first insert must have rolled back");
    }
}

#[tokio::test]
async fn a_received_activity_is_recorded_once() {
    for (name, t) in both_backends() {
        let first =
            t.db.write(|c| {
                federation::record_received(c, "https://a.test/1", "https://a.test/u", now())
            })
            .await
            .unwrap();
        let again =
            t.db.write(|c| {
                federation::record_received(c, "https://a.test/1", "https://a.test/u", now())
            })
            .await
            .unwrap();
        assert!(first && !again, "{name}");
    }
}

#[tokio::test]
async fn concurrent_workers_never_lease_the_same_mail_twice() {
    for (name, t) in both_backends() {
        for i in 0..40 {
            let row = mail_queue::MailRow {
                id: format!("m{i:03}"),
                recipient: "a@example.org".into(),
                subject: "s".into(),
                body_text: "t".into(),
                body_html: "h".into(),
                created_at: now(),
                attempts: 0,
                next_attempt_at: now(),
                locked_until: None,
                sent_at: None,
                failed_at: None,
                last_error: None,
            };
            t.db.write(move |c| mail_queue::insert(c, &row))
                .await
                .unwrap();
        }
        // Rounds of six concurrent workers until nothing is left: a round may hand out fewer
        // rows than asked (PostgreSQL re-checks rows a concurrent lease just took), never one twice.
        let mut ids = Vec::new();
        for _round in 0..20 {
            let mut handles = Vec::new();
            for _ in 0..6 {
                let db = t.db.clone();
                handles.push(tokio::spawn(async move {
                    let n = now();
                    db.write(move |c| {
                        mail_queue::lease_due(c, n, n + chrono::Duration::minutes(2), 10, &[])
                    })
                    .await
                    .unwrap()
                }));
            }
            let mut leased_this_round = 0;
            for h in handles {
                let got = h.await.unwrap();
                leased_this_round += got.len();
                ids.extend(got.into_iter().map(|m| m.id));
            }
            if leased_this_round == 0 {
                break;
            }
        }
        let total = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), total, "{name}: a message was leased twice");
        assert_eq!(total, 40, "{name}: every due message is leased by someone");
    }
}

#[tokio::test]
async fn peer_backlogs_are_aggregated_per_peer_on_both_backends() {
    for (name, t) in both_backends() {
        let delivery = |id: &str, peer: &str| federation::DeliveryRow {
            id: id.into(),
            activity_id: format!("https://a.test/act/{id}"),
            actor_ap_id: "https://a.test/city".into(),
            inbox: format!("https://{peer}/inbox"),
            peer_domain: peer.into(),
            body: "{}".into(),
            created_at: now(),
            attempts: 0,
            next_attempt_at: now(),
            locked_until: None,
            delivered_at: None,
            failed_at: None,
            last_error: None,
        };
        for (id, peer) in [
            ("1", "b.test"),
            ("2", "b.test"),
            ("3", "b.test"),
            ("4", "c.test"),
        ] {
            let row = delivery(id, peer);
            t.db.write(move |c| federation::insert_delivery(c, &row))
                .await
                .unwrap();
        }
        let at = now();
        t.db.write(move |c| {
            federation::mark_delivered(c, "1", at)?;
            federation::mark_delivery_failed(c, "2", "410 Gone", None, at)?;
            federation::mark_delivery_failed(c, "4", "connection refused", Some(at), at)
        })
        .await
        .unwrap();
        let backlogs = t.db.run(federation::peer_backlogs).await.unwrap();
        assert_eq!(backlogs.len(), 2, "{name}");
        let b = &backlogs[0];
        assert_eq!(
            (b.peer_domain.as_str(), b.pending, b.delivered, b.failed),
            ("b.test", 1, 1, 1),
            "{name}"
        );
        assert_eq!(b.last_delivered_at, Some(at), "{name}");
        assert_eq!(b.last_error.as_deref(), Some("410 Gone"), "{name}");
        let c = &backlogs[1];
        assert_eq!((c.pending, c.delivered, c.failed), (1, 0, 0), "{name}");
        assert_eq!(
            c.last_error.as_deref(),
            Some("connection refused"),
            "{name}"
        );
        assert_eq!(c.last_delivered_at, None, "{name}");

        // A busy peer's rows are not leased; the others' are.
        let (at, until) = (now(), now() + chrono::Duration::minutes(1));
        let leased =
            t.db.write(move |c| {
                federation::lease_due_deliveries(c, at, until, 10, &["b.test".to_owned()])
            })
            .await
            .unwrap();
        let ids: Vec<&str> = leased.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["4"], "{name}");
        let leased =
            t.db.write(move |c| federation::lease_due_deliveries(c, at, until, 10, &[]))
                .await
                .unwrap();
        let ids: Vec<&str> = leased.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["3"], "{name}: 4 is leased already");
    }
}

/// `Db::scope`: what several writes through the scope's handle do commits together or not
/// at all; a failed write inside it undoes only itself (a savepoint); a scope abandoned
/// half-way (a cancelled request) rolls back and leaves no connection mid-transaction.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scope_commits_its_writes_together_or_not_at_all_on_both_backends() {
    for (name, t) in both_backends() {
        let count = || t.db.run(users::count);
        // Ok: both writes and the failed one between them (rolled back to its savepoint).
        let done: Result<(), StorageError> =
            t.db.scope(|db| async move {
                db.write(|c| users::insert(c, &user("s1", "sara"))).await?;
                let dup = db.write(|c| users::insert(c, &user("s9", "sara"))).await;
                assert!(dup.expect_err("duplicate").is_unique_violation());
                db.write(|c| users::insert(c, &user("s2", "sam"))).await?;
                // Reads through the scope see its own writes.
                assert_eq!(db.run(users::count).await?, 2);
                Ok(())
            })
            .await;
        done.unwrap();
        assert_eq!(count().await.unwrap(), 2, "{name}");
        // Err: nothing of it stays, though its writes each succeeded.
        let failed: Result<(), StorageError> =
            t.db.scope(|db| async move {
                db.write(|c| users::insert(c, &user("s3", "sid"))).await?;
                Err(StorageError::Corrupt("the request failed".into()))
            })
            .await;
        assert!(failed.is_err());
        assert_eq!(count().await.unwrap(), 2, "{name}: rolled back");
        // Abandoned after a write: rolled back, and the database takes writes again.
        let abandoned = t.db.scope(|db| async move {
            db.write(|c| users::insert(c, &user("s4", "sol"))).await?;
            std::future::pending::<()>().await;
            Ok::<(), StorageError>(())
        });
        let _ = tokio::time::timeout(std::time::Duration::from_millis(200), abandoned).await;
        for _ in 0..4 {
            t.db.write(|c| users::insert(c, &user(&uuid_like(), &uuid_like())))
                .await
                .unwrap();
        }
        let n = count().await.unwrap();
        assert_eq!(n, 6, "{name}: the abandoned write is gone, later ones kept");
    }
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!("later{}", N.fetch_add(1, Ordering::SeqCst))
}
