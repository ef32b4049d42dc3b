//! Verifiers of the issuing organization are told when a resident submits proof, in-app and
//! by email unless they turned that kind off. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::town;
use citysync_app::notifications::{self, NoticeKind};
use citysync_app::{Ctx, User};
use citysync_test_support::both_backends;
use diesel::prelude::*;

async fn told(ctx: &Ctx, who: &User) -> Vec<String> {
    notifications::list(ctx, who)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == NoticeKind::ProofSubmitted)
        .map(|n| n.link)
        .collect()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// "New proof" emails queued for `username`.
async fn mails(ctx: &Ctx, username: &'static str) -> i64 {
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(diesel::sql_query(format!(
                "SELECT COUNT(*) AS n FROM mail_queue WHERE recipient = '{username}@example.org' \
                 AND subject LIKE 'New proof to verify: Creek cleanup%'"
            ))
            .get_result::<Count>(conn)?
            .n)
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn verifiers_are_told_of_new_proof() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        // The owner turns the email of this kind off; the verifier keeps it.
        let on: Vec<NoticeKind> = NoticeKind::ALL
            .into_iter()
            .filter(|k| *k != NoticeKind::ProofSubmitted)
            .collect();
        notifications::set_email_preferences(ctx, &town.owner, on)
            .await
            .unwrap();
        town.submitted(&town.ana).await;

        let queue = "/organizations/creek-friends/verify".to_owned();
        assert_eq!(
            told(ctx, &town.verifier).await,
            vec![queue.clone()],
            "{backend}"
        );
        assert_eq!(told(ctx, &town.owner).await, vec![queue], "{backend}");
        assert!(told(ctx, &town.ana).await.is_empty(), "{backend}");
        assert!(told(ctx, &town.ben).await.is_empty(), "{backend}");
        assert_eq!(mails(ctx, "vera").await, 1, "{backend}");
        assert_eq!(mails(ctx, "owner_olga").await, 0, "{backend}");
    }
}
