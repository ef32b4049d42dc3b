//! Content in several languages (issue 27): an opportunity written in Spanish, translated
//! into English by its organization, reads in English to an English reader, in Spanish to
//! a Spanish one, and in Spanish marked as foreign to a reader of a third language; a
//! stranger's translation is refused, as are an over-long text (nothing stored), the
//! original's own language and a language the city does not offer. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_app::catalog;
use citysync_app::translations::{self, Field, SubjectKind, TranslationInput};
use citysync_app::{AppError, Ctx};
use citysync_domain::DomainError;
use citysync_test_support::instance::city::Issuer;
use citysync_test_support::{both_backends, ctx_for, person};

async fn spanish_opportunity(ctx: &Ctx, issuer: &Issuer) -> String {
    let template = issuer.active_template("Limpieza del arroyo").await;
    let id = issuer.published_opportunity(&template).await;
    translations::record_original(ctx, SubjectKind::Opportunity, &id, "es-MX")
        .await
        .unwrap();
    id
}

fn english(title: &str, content: &str) -> TranslationInput {
    TranslationInput {
        language: "en".into(),
        fields: vec![
            (Field::Title, title.into()),
            (Field::Content, content.into()),
        ],
    }
}

#[tokio::test]
async fn a_spanish_opportunity_reads_in_each_readers_language() {
    for (backend, db) in both_backends() {
        let ctx = ctx_for(db.db.clone(), "https://city.example");
        citysync_app::instance::ensure_keys(&ctx).await.unwrap();
        let issuer = Issuer::new(ctx.clone(), "arroyo").await;
        let id = spanish_opportunity(&ctx, &issuer).await;

        let texts = translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Opportunity,
            &id,
            english("Creek cleanup", "Look for the green tent."),
        )
        .await
        .unwrap();
        assert_eq!(texts.original, "es", "{backend}");

        let opp = catalog::opportunity(&ctx, &id, None).await.unwrap();
        let texts = translations::opportunity_text(&ctx, &opp).await.unwrap();
        let en = texts.pick(Field::Title, &opp.title, "en");
        assert_eq!(en.text, "Creek cleanup", "{backend}");
        assert_eq!(en.lang, "en", "{backend}");
        assert!(!en.foreign, "{backend}");
        let es = texts.pick(Field::Title, &opp.title, "es");
        assert_eq!(es.text, opp.title, "{backend}");
        assert!(!es.foreign, "{backend}");
        let zh = texts.pick(Field::Title, &opp.title, "zh-Hant");
        assert_eq!(zh.text, opp.title, "{backend}");
        assert_eq!(zh.lang, "es", "{backend}");
        assert!(
            zh.foreign,
            "{backend}: no Chinese translation, the original is foreign"
        );
        // The original is untouched.
        assert_eq!(opp.title, "Limpieza del arroyo", "{backend}");

        // Both languages are there for the wire.
        let names = texts.map(Field::Title, &opp.title);
        assert_eq!(names["es"], "Limpieza del arroyo", "{backend}");
        assert_eq!(names["en"], "Creek cleanup", "{backend}");

        // An empty field removes that field's translation only.
        translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Opportunity,
            &id,
            english("Creek cleanup", ""),
        )
        .await
        .unwrap();
        let texts = translations::texts(&ctx, SubjectKind::Opportunity, &id)
            .await
            .unwrap();
        assert_eq!(texts.translations["en"].len(), 1, "{backend}: {texts:?}");
    }
}

#[tokio::test]
async fn strangers_long_texts_and_wrong_languages_are_refused() {
    for (backend, db) in both_backends() {
        let ctx = ctx_for(db.db.clone(), "https://city.example");
        citysync_app::instance::ensure_keys(&ctx).await.unwrap();
        let issuer = Issuer::new(ctx.clone(), "arroyo").await;
        let id = spanish_opportunity(&ctx, &issuer).await;

        let stranger = person(&ctx, "stranger", false).await;
        let err = translations::translate(
            &ctx,
            &stranger,
            SubjectKind::Opportunity,
            &id,
            english("Creek cleanup", ""),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, AppError::Forbidden), "{backend}: {err:?}");

        let long = "x".repeat(121);
        let err = translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Opportunity,
            &id,
            english(&long, "Look for the green tent."),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, AppError::Domain(DomainError::TooLong("title"))),
            "{backend}: {err:?}"
        );

        let err = translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Opportunity,
            &id,
            TranslationInput {
                language: "es".into(),
                fields: vec![(Field::Title, "Otra cosa".into())],
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, AppError::TranslationOfOriginal),
            "{backend}: {err:?}"
        );

        let err = translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Opportunity,
            &id,
            TranslationInput {
                language: "tlh".into(),
                fields: vec![(Field::Title, "Qapla'".into())],
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, AppError::LocaleUnsupported),
            "{backend}: {err:?}"
        );

        // Nothing of any refused attempt was kept.
        let texts = translations::texts(&ctx, SubjectKind::Opportunity, &id)
            .await
            .unwrap();
        assert!(texts.translations.is_empty(), "{backend}: {texts:?}");
        assert!(
            !translations::may_translate(&ctx, &stranger, SubjectKind::Opportunity, &id)
                .await
                .unwrap(),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn what_was_written_before_is_in_the_citys_language() {
    for (backend, db) in both_backends() {
        let ctx = ctx_for(db.db.clone(), "https://city.example");
        citysync_app::instance::ensure_keys(&ctx).await.unwrap();
        let issuer = Issuer::new(ctx.clone(), "arroyo").await;
        let template = issuer.active_template("Creek cleanup").await;
        let texts = translations::texts(&ctx, SubjectKind::Template, &template)
            .await
            .unwrap();
        let city = citysync_app::instance::get(&ctx).await.unwrap();
        assert_eq!(texts.original, city.default_locale.code(), "{backend}");
        // Recorded once: a second record does not move it.
        translations::record_original(&ctx, SubjectKind::Template, &template, "es")
            .await
            .unwrap();
        translations::record_original(&ctx, SubjectKind::Template, &template, "en")
            .await
            .unwrap();
        let texts = translations::texts(&ctx, SubjectKind::Template, &template)
            .await
            .unwrap();
        assert_eq!(texts.original, "es", "{backend}");
    }
}
