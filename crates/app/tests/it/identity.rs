//! Identity levels (issue 25): the registrar's desk, the conflicts queue, revocation.

use chrono::Duration;
use citysync_app::identity::{self, admin, in_person::verify_in_person, Outcome};
use citysync_app::{AppError, Ctx, User};
use citysync_domain::identity::IdentityLevel;
use citysync_domain::DomainError;
use citysync_test_support::{
    add_member, approved_organization, both_backends, ctx_with_clock, person, ManualClock, TestDb,
};
use std::sync::Arc;

/// The resident's identity level.
async fn level(ctx: &Ctx, who: &User) -> Option<IdentityLevel> {
    identity::level_of(ctx, who).await.unwrap()
}

const CURP: &str = "GODE561231HDFRRN04";

struct Desk {
    ctx: Ctx,
    clock: Arc<ManualClock>,
    admin: User,
    registrar: User,
    ana: User,
    ben: User,
}

/// A library with a registrar (`rita`) and two residents with verified email.
async fn desk(t: &TestDb) -> Desk {
    let (ctx, clock) = ctx_with_clock(t);
    // The city's key, from which the identifier hash key comes.
    citysync_app::instance::ensure_keys(&ctx).await.unwrap();
    let admin = person(&ctx, "admin_ana", true).await;
    let owner = person(&ctx, "owner_olga", false).await;
    let registrar = person(&ctx, "rita", false).await;
    approved_organization(&ctx, &admin, &owner, "library", true, false).await;
    add_member(&ctx, &owner, "library", &registrar, "registrar").await;
    let ana = person(&ctx, "ana", false).await;
    let ben = person(&ctx, "ben", false).await;
    Desk {
        ctx,
        clock,
        admin,
        registrar,
        ana,
        ben,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_account_with_the_same_identifier_is_refused_and_queued() {
    for (backend, t) in both_backends() {
        let d = desk(&t).await;
        let ctx = &d.ctx;
        assert_eq!(
            level(ctx, &d.ana).await,
            Some(IdentityLevel::EmailVerified),
            "{backend}"
        );
        let first = verify_in_person(ctx, &d.registrar, "library", "ana", "curp", CURP)
            .await
            .unwrap();
        assert_eq!(first, Outcome::Verified, "{backend}");
        assert_eq!(
            level(ctx, &d.ana).await,
            Some(IdentityLevel::ResidentVerified),
            "{backend}"
        );
        // The same resident and document again (typed differently) changes nothing.
        let again = verify_in_person(
            ctx,
            &d.registrar,
            "library",
            "ana",
            "curp",
            "gode 561231-hdfrrn04",
        )
        .await
        .unwrap();
        assert_eq!(again, Outcome::AlreadyHeld, "{backend}");
        assert!(admin::conflicts(ctx, &d.admin).await.unwrap().is_empty());

        // Ben presents Ana's document: refused, queued, still at the email level.
        let err = verify_in_person(ctx, &d.registrar, "library", "ben", "curp", CURP)
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::IdentifierHeld),
            "{backend}: {err:?}"
        );
        assert_eq!(
            level(ctx, &d.ben).await,
            Some(IdentityLevel::EmailVerified),
            "{backend}"
        );
        let queue = admin::conflicts(ctx, &d.admin).await.unwrap();
        assert_eq!(queue.len(), 1, "{backend}");
        assert_eq!(
            (queue[0].username.as_str(), queue[0].holder.as_str()),
            ("ben", "ana"),
            "{backend}"
        );
        assert_eq!(queue[0].attempted_by, "rita");
        assert_eq!(queue[0].organization.as_deref(), Some("library"));
        assert!(matches!(
            admin::conflicts(ctx, &d.registrar).await,
            Err(AppError::Forbidden)
        ));

        // Handing the identifier to Ben revokes Ana's verification.
        admin::resolve_conflict(ctx, &d.admin, &queue[0].id, "transferred")
            .await
            .unwrap();
        assert_eq!(
            level(ctx, &d.ben).await,
            Some(IdentityLevel::ResidentVerified),
            "{backend}"
        );
        assert_eq!(
            level(ctx, &d.ana).await,
            Some(IdentityLevel::EmailVerified),
            "{backend}"
        );
        assert!(admin::conflicts(ctx, &d.admin).await.unwrap().is_empty());
        assert!(matches!(
            admin::resolve_conflict(ctx, &d.admin, &queue[0].id, "dismissed").await,
            Err(AppError::IdentityAlreadyDecided)
        ));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_registrars_verify_and_bad_identifiers_change_nothing() {
    for (backend, t) in both_backends() {
        let d = desk(&t).await;
        let ctx = &d.ctx;
        let err = verify_in_person(ctx, &d.ben, "library", "ana", "curp", CURP)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Forbidden), "{backend}: {err:?}");
        for (kind, identifier) in [
            ("curp", "GODE561231HDFRRN0"),
            ("passport", "D1234567"),
            ("document_number", "A1"),
        ] {
            let err = verify_in_person(ctx, &d.registrar, "library", "ana", kind, identifier)
                .await
                .unwrap_err();
            assert!(
                matches!(err, AppError::Domain(DomainError::IdentifierInvalid)),
                "{backend}: {kind} {identifier}: {err:?}"
            );
        }
        let err = verify_in_person(
            ctx,
            &d.registrar,
            "library",
            "nobody_here",
            "document_number",
            "D1234567",
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, AppError::InviteeUnknown),
            "{backend}: {err:?}"
        );
        assert_eq!(
            level(ctx, &d.ana).await,
            Some(IdentityLevel::EmailVerified),
            "{backend}"
        );
        // A resident holds one document at a time.
        verify_in_person(
            ctx,
            &d.registrar,
            "library",
            "ana",
            "document_number",
            "D-1234 567",
        )
        .await
        .unwrap();
        let err = verify_in_person(ctx, &d.registrar, "library", "ana", "curp", CURP)
            .await
            .unwrap_err();
        assert!(
            matches!(err, AppError::AlreadyResidentVerified),
            "{backend}: {err:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn verifications_are_revoked_one_or_all_before_a_date() {
    for (backend, t) in both_backends() {
        let d = desk(&t).await;
        let ctx = &d.ctx;
        verify_in_person(
            ctx,
            &d.registrar,
            "library",
            "ana",
            "document_number",
            "A1111111",
        )
        .await
        .unwrap();
        d.clock.advance(Duration::days(2));
        let cutoff = ctx.now() - Duration::days(1);
        verify_in_person(
            ctx,
            &d.registrar,
            "library",
            "ben",
            "document_number",
            "B2222222",
        )
        .await
        .unwrap();
        let listed = admin::verifications(ctx, &d.admin).await.unwrap();
        assert_eq!(listed.len(), 2, "{backend}");
        assert!(matches!(
            admin::revoke_granted_before(ctx, &d.admin, cutoff, " ").await,
            Err(AppError::Domain(DomainError::Required("reason")))
        ));
        let revoked = admin::revoke_granted_before(ctx, &d.admin, cutoff, "Desk audit")
            .await
            .unwrap();
        assert_eq!(revoked, 1, "{backend}");
        assert_eq!(
            level(ctx, &d.ana).await,
            Some(IdentityLevel::EmailVerified),
            "{backend}"
        );
        // Ana's document is free again once her verification is revoked.
        verify_in_person(
            ctx,
            &d.registrar,
            "library",
            "ana",
            "document_number",
            "A1111111",
        )
        .await
        .unwrap();
        let ben = admin::verifications(ctx, &d.admin)
            .await
            .unwrap()
            .into_iter()
            .find(|v| v.username == "ben")
            .unwrap();
        admin::revoke(ctx, &d.admin, &ben.id, "Wrong person")
            .await
            .unwrap();
        assert!(matches!(
            admin::revoke(ctx, &d.admin, &ben.id, "Again").await,
            Err(AppError::IdentityAlreadyDecided)
        ));
        assert!(matches!(
            admin::revoke(ctx, &d.registrar, &ben.id, "Not mine").await,
            Err(AppError::Forbidden)
        ));
        assert_eq!(
            level(ctx, &d.ben).await,
            Some(IdentityLevel::EmailVerified),
            "{backend}"
        );
    }
}
