//! The privacy notice (issue 27) on both databases: version 1 from the locale files quoting
//! the retention periods, publishing new versions (administrators only, the default
//! language required, a privileged action), sign-up refused without acceptance and
//! recorded with it, and a newer version pending until accepted.

use citysync_app::accounts::{self, SignupInput};
use citysync_app::{privacy_notice, AppError};
use citysync_i18n::Locale;
use citysync_storage::schema::{privacy_acceptances, users};
use citysync_test_support::{both_backends, ctx, person};
use diesel::prelude::*;

fn signup_input(name: &str) -> SignupInput {
    SignupInput {
        username: name.into(),
        email: format!("{name}@example.org"),
        password: "a long enough password".into(),
        password_confirm: "a long enough password".into(),
    }
}

fn es() -> Locale {
    Locale::from_code("es").unwrap()
}

fn en() -> Locale {
    Locale::from_code("en").unwrap()
}

#[tokio::test]
async fn version_one_is_the_default_text_with_the_retention_periods() {
    for (backend, db) in both_backends() {
        let ctx = ctx(&db);
        citysync_app::instance::ensure(&ctx).await.unwrap();
        assert_eq!(
            privacy_notice::in_force(&ctx).await.unwrap(),
            1,
            "{backend}"
        );
        let notice = privacy_notice::notice(&ctx, None, es()).await.unwrap();
        assert_eq!((notice.version, notice.current), (1, 1), "{backend}");
        assert!(notice.published_at.is_none(), "{backend}");
        let text = notice.paragraphs.join("\n");
        assert!(text.contains("730 días"), "{backend}: {text}");
        assert!(text.contains("90 días"), "{backend}: {text}");
        assert!(text.contains("rectificación"), "{backend}: {text}");
        assert!(notice.paragraphs.len() >= 5, "{backend}");
        assert!(matches!(
            privacy_notice::notice(&ctx, Some(2), en()).await,
            Err(AppError::NotFound)
        ));
    }
}

#[tokio::test]
async fn sign_up_needs_the_version_in_force_and_records_it() {
    for (backend, db) in both_backends() {
        let ctx = ctx(&db);
        citysync_app::instance::ensure(&ctx).await.unwrap();
        let count = |ctx: &citysync_app::Ctx| {
            let ctx = ctx.clone();
            async move {
                ctx.db()
                    .run::<_, citysync_storage::StorageError, _>(|conn| {
                        let u: i64 = users::table.count().get_result(conn)?;
                        let a: i64 = privacy_acceptances::table.count().get_result(conn)?;
                        Ok((u, a))
                    })
                    .await
                    .unwrap()
            }
        };
        // Unticked, or a version not in force: refused, nothing created.
        for accepted in [None, Some(0), Some(2)] {
            let refused = accounts::signup_accepting(
                &ctx,
                signup_input("ana"),
                en(),
                "10.0.0.1",
                None,
                accepted,
            )
            .await;
            assert!(
                matches!(refused, Err(AppError::PrivacyNotAccepted)),
                "{backend}: {accepted:?} {refused:?}"
            );
        }
        assert_eq!(count(&ctx).await, (0, 0), "{backend}");
        accounts::signup_accepting(&ctx, signup_input("ana"), en(), "10.0.0.1", None, Some(1))
            .await
            .unwrap();
        assert_eq!(count(&ctx).await, (1, 1), "{backend}");
        let ana = accounts::by_username(&ctx, "ana").await.unwrap().unwrap();
        assert_eq!(
            privacy_notice::pending(&ctx, &ana.id.to_string())
                .await
                .unwrap(),
            None,
            "{backend}"
        );
        let accepted = privacy_notice::acceptances(&ctx, &ana.id.to_string())
            .await
            .unwrap();
        assert_eq!(accepted.len(), 1, "{backend}");
        assert_eq!(accepted[0].0, 1, "{backend}");
    }
}

#[tokio::test]
async fn a_new_version_is_pending_until_accepted() {
    for (backend, db) in both_backends() {
        let ctx = ctx(&db);
        citysync_app::instance::ensure(&ctx).await.unwrap();
        let admin = person(&ctx, "clerk", true).await;
        let ana = person(&ctx, "ana", false).await;
        let ana_id = ana.id.to_string();
        // An account that never accepted any version (made before the notice existed).
        assert_eq!(
            privacy_notice::pending(&ctx, &ana_id).await.unwrap(),
            Some(1)
        );
        privacy_notice::accept(&ctx, &ana, Some(1)).await.unwrap();
        assert_eq!(privacy_notice::pending(&ctx, &ana_id).await.unwrap(), None);

        // Only administrators publish; the city's default language is required.
        assert!(matches!(
            privacy_notice::publish(&ctx, &ana, vec![(en(), "Text".into())]).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            privacy_notice::publish(&ctx, &admin, vec![(es(), "Sólo español".into())]).await,
            Err(AppError::Domain(_))
        ));
        assert!(matches!(
            privacy_notice::publish(&ctx, &admin, vec![(en(), "   ".into())]).await,
            Err(AppError::Domain(_))
        ));
        let v2 = privacy_notice::publish(
            &ctx,
            &admin,
            vec![
                (en(), "We keep less now.\n\nSecond paragraph.".into()),
                (es(), "Ahora guardamos menos.".into()),
            ],
        )
        .await
        .unwrap();
        assert_eq!(v2, 2, "{backend}");
        assert_eq!(privacy_notice::in_force(&ctx).await.unwrap(), 2);
        let notice = privacy_notice::notice(&ctx, None, en()).await.unwrap();
        assert_eq!(
            notice.paragraphs,
            ["We keep less now.", "Second paragraph."]
        );
        let notice = privacy_notice::notice(&ctx, None, es()).await.unwrap();
        assert_eq!(notice.paragraphs, ["Ahora guardamos menos."]);
        // The earlier version stays readable.
        let v1 = privacy_notice::notice(&ctx, Some(1), en()).await.unwrap();
        assert_eq!((v1.version, v1.current), (1, 2), "{backend}");
        let versions = privacy_notice::versions(&ctx).await.unwrap();
        assert_eq!(
            versions.iter().map(|v| v.version).collect::<Vec<_>>(),
            [2, 1],
            "{backend}"
        );

        // Ana must accept version 2; accepting the old one again does not do.
        assert_eq!(
            privacy_notice::pending(&ctx, &ana_id).await.unwrap(),
            Some(2)
        );
        assert!(matches!(
            privacy_notice::accept(&ctx, &ana, Some(1)).await,
            Err(AppError::PrivacyNotAccepted)
        ));
        assert!(matches!(
            privacy_notice::accept(&ctx, &ana, None).await,
            Err(AppError::PrivacyNotAccepted)
        ));
        privacy_notice::accept(&ctx, &ana, Some(2)).await.unwrap();
        assert_eq!(privacy_notice::pending(&ctx, &ana_id).await.unwrap(), None);
        let accepted: Vec<i32> = privacy_notice::acceptances(&ctx, &ana_id)
            .await
            .unwrap()
            .into_iter()
            .map(|(v, _)| v)
            .collect();
        assert_eq!(accepted, [2, 1], "{backend}");

        // Publishing is in the privileged log.
        let logged: Vec<(String, String)> = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                use citysync_storage::schema::privileged_actions as p;
                Ok(p::table
                    .filter(p::kind.eq("privacy_notice_published"))
                    .select((p::subject_id, p::detail))
                    .load(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(logged.len(), 1, "{backend}");
        assert_eq!(logged[0].0, "2", "{backend}");
        assert!(logged[0].1.contains("\"es\""), "{backend}: {}", logged[0].1);
    }
}
