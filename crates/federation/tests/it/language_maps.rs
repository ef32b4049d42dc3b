//! Content in several languages on the wire (issue 27): an opportunity written in Spanish
//! and translated into English is served as an `Event` whose `name`, `summary` and
//! `content` are the Spanish original, with `nameMap`, `summaryMap` and `contentMap` holding
//! both languages, and `inLanguage` the original's; its template's `Document` carries its
//! own maps. Both databases.

use crate::fake_peer::city;
use citysync_app::catalog;
use citysync_app::federation::publications::Kind;
use citysync_app::translations::{self, Field, SubjectKind, TranslationInput};
use citysync_federation::objects;
use citysync_test_support::both_backends;
use citysync_test_support::instance::city::Issuer;

#[actix_web::test]
async fn a_translated_event_carries_both_languages_in_its_maps() {
    for (backend, db) in both_backends() {
        let (ctx, _config) = city(&db, 100).await;
        let issuer = Issuer::new(ctx.clone(), "arroyo").await;
        let template = issuer.active_template("Limpieza del arroyo").await;
        translations::record_original(&ctx, SubjectKind::Template, &template, "es")
            .await
            .unwrap();
        let id = issuer.published_opportunity(&template).await;
        translations::record_original(&ctx, SubjectKind::Opportunity, &id, "es")
            .await
            .unwrap();
        translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Opportunity,
            &id,
            TranslationInput {
                language: "en".into(),
                fields: vec![
                    (Field::Title, "Creek cleanup".into()),
                    (Field::Content, "Busque la carpa verde, in English".into()),
                ],
            },
        )
        .await
        .unwrap();
        translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Template,
            &template,
            TranslationInput {
                language: "en".into(),
                fields: vec![(Field::Summary, "Pick up litter on the bank".into())],
            },
        )
        .await
        .unwrap();
        let opp = catalog::opportunity(&ctx, &id, None).await.unwrap();

        let event = objects::render(&ctx, Kind::Opportunity, &id)
            .await
            .unwrap()
            .object;
        assert_eq!(event["type"], "Event", "{backend}");
        assert_eq!(event["name"], opp.title, "{backend}: the original stays");
        assert_eq!(event["inLanguage"], "es", "{backend}: {event}");
        assert_eq!(event["nameMap"]["es"], opp.title, "{backend}: {event}");
        assert_eq!(
            event["nameMap"]["en"], "Creek cleanup",
            "{backend}: {event}"
        );
        assert_eq!(
            event["nameMap"].as_object().unwrap().len(),
            2,
            "{backend}: {event}"
        );
        assert_eq!(event["summaryMap"]["es"], opp.summary, "{backend}: {event}");
        assert_eq!(
            event["summaryMap"]["en"], "Pick up litter on the bank",
            "{backend}: the template's translation"
        );
        assert_eq!(
            event["content"], event["contentMap"]["es"],
            "{backend}: {event}"
        );
        assert_eq!(
            event["contentMap"]["en"],
            objects::paragraphs("Busque la carpa verde, in English"),
            "{backend}: {event}"
        );

        let document = objects::render(&ctx, Kind::Template, &template)
            .await
            .unwrap()
            .object;
        assert_eq!(document["inLanguage"], "es", "{backend}: {document}");
        assert_eq!(
            document["summaryMap"]["en"], "Pick up litter on the bank",
            "{backend}: {document}"
        );
        assert_eq!(document["nameMap"]["es"], document["name"], "{backend}");
        assert!(
            document["nameMap"].get("en").is_none(),
            "{backend}: {document}"
        );
    }
}

#[actix_web::test]
async fn a_translated_organization_actor_carries_both_languages() {
    use activitypub_federation::config::FederationMiddleware;
    use actix_web::test as http_test;
    use actix_web::App;

    for (backend, db) in both_backends() {
        let (ctx, config) = city(&db, 100).await;
        let issuer = Issuer::new(ctx.clone(), "arroyo").await;
        let org_id = issuer.org_id.to_string();
        translations::record_original(&ctx, SubjectKind::Organization, &org_id, "es")
            .await
            .unwrap();
        translations::translate(
            &ctx,
            &issuer.owner,
            SubjectKind::Organization,
            &org_id,
            TranslationInput {
                language: "en".into(),
                fields: vec![(Field::Title, "Friends of the Creek".into())],
            },
        )
        .await
        .unwrap();
        let app = http_test::init_service(
            App::new()
                .wrap(FederationMiddleware::new(config))
                .configure(citysync_federation::configure),
        )
        .await;
        let req = http_test::TestRequest::get()
            .uri("/organizations/arroyo")
            .insert_header(("Accept", "application/activity+json"))
            .to_request();
        let (status, actor) =
            crate::fake_peer::answer(http_test::call_service(&app, req).await).await;
        assert_eq!(status, 200, "{backend}: {actor}");
        assert_eq!(actor["type"], "Organization", "{backend}: {actor}");
        assert_eq!(actor["nameMap"]["es"], actor["name"], "{backend}: {actor}");
        assert_eq!(
            actor["nameMap"]["en"], "Friends of the Creek",
            "{backend}: {actor}"
        );
        // No translation of the description: its map holds the original only.
        let summaries = actor["summaryMap"].as_object().cloned().unwrap_or_default();
        assert!(summaries.keys().all(|k| k == "es"), "{backend}: {actor}");
    }
}
