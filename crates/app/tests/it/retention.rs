//! Retention (issue 27) on both databases: the sweep removes proof photos (files and rows),
//! proof coordinates, IP counters, ended sessions and sent mail (rows and files) older than
//! their periods, keeps younger ones, and keeps everything of an account under legal hold.

use crate::governance::{town, Town};
use chrono::Duration;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::claims::{self, ProofInput};
use citysync_app::{legal_hold, retention, AppError, Ctx, User};
use citysync_domain::lifecycle::{OpportunityEvent, TemplateEvent};
use citysync_domain::task::{ProofKind, TemplateSpec, VerificationMethod};
use citysync_domain::work::OpportunitySpec;
use citysync_storage::schema::{
    mail_queue, rate_events, sessions, submission_photos, submissions, users,
};
use citysync_test_support::both_backends;
use diesel::prelude::*;

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(8, 6, image::Rgb([10, 200, 10])))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The town's context with its own uploads and mail folders.
fn with_folders(ctx: &Ctx, dir: &std::path::Path) -> Ctx {
    let mut settings = (*ctx.settings).clone();
    settings.uploads_dir = dir.join("uploads");
    settings.retention.mail_dir = Some(dir.join("outbox-mail"));
    ctx.clone().with_settings(settings)
}

/// An opportunity taking photo proof, open now.
async fn photo_opportunity(ctx: &Ctx, town: &Town) -> String {
    let template = catalog::create_template(
        ctx,
        &town.owner,
        "creek-friends",
        TemplateSpec {
            title: "Photo cleanup".into(),
            summary: "Pick up litter and show it".into(),
            instructions: String::new(),
            category: "environment".into(),
            outcome_unit: "kg_waste_diverted".into(),
            expected_outcome: 5.0,
            verification_method: VerificationMethod::IssuerReview,
            proof_kinds: vec![ProofKind::Photo],
            reward_city: 100,
            reward_vote: 1,
            estimated_minutes: 60,
            accessibility_notes: String::new(),
            extra_fields: vec![],
        },
    )
    .await
    .unwrap();
    catalog::change_template(ctx, &town.owner, &template.id, TemplateEvent::Activate)
        .await
        .unwrap();
    let now = ctx.now();
    let opp = catalog::create_opportunity(
        ctx,
        &town.owner,
        OpportunityInput {
            template_id: template.id.clone(),
            spec: OpportunitySpec {
                title_override: None,
                place: "Codornices Creek".into(),
                point: None,
                starts_at: now - Duration::hours(1),
                ends_at: now + Duration::hours(4),
                claim_deadline: now + Duration::hours(1),
                capacity: 10,
                onsite_instructions: String::new(),
            },
        },
    )
    .await
    .unwrap();
    catalog::change_opportunity(ctx, &town.owner, &opp.id, OpportunityEvent::Publish)
        .await
        .unwrap();
    opp.id
}

/// `who` claims and sends a photo with coordinates; returns the submission's id and the
/// photo's file name.
async fn proof_with_photo(ctx: &Ctx, who: &User, opportunity: &str) -> (String, String) {
    let claim = claims::claim(ctx, who, opportunity).await.unwrap();
    claims::submit(
        ctx,
        who,
        &claim.id,
        ProofInput {
            photos: vec![png()],
            latitude: "37.8716".into(),
            longitude: "-122.2727".into(),
            outcome_quantity: "4".into(),
            ..ProofInput::default()
        },
    )
    .await
    .unwrap();
    let page = claims::claim_page(ctx, who, &claim.id).await.unwrap();
    let submission = page.submissions.last().unwrap().id.clone();
    let sub = submission.clone();
    let file = ctx
        .db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(submission_photos::table
                .filter(submission_photos::submission_id.eq(&sub))
                .select(submission_photos::file_name)
                .first::<String>(conn)?)
        })
        .await
        .unwrap();
    (submission, file)
}

/// Moves a submission and its photos `days` into the past.
async fn age_submission(ctx: &Ctx, submission: &str, days: i64) {
    let (sub, at) = (submission.to_owned(), ctx.now() - Duration::days(days));
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            diesel::update(
                submission_photos::table.filter(submission_photos::submission_id.eq(&sub)),
            )
            .set(submission_photos::created_at.eq(at))
            .execute(conn)?;
            diesel::update(submissions::table.find(&sub))
                .set(submissions::submitted_at.eq(at))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

async fn photo_rows(ctx: &Ctx, submission: &str) -> i64 {
    let sub = submission.to_owned();
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(submission_photos::table
                .filter(submission_photos::submission_id.eq(&sub))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap()
}

async fn coordinates(ctx: &Ctx, submission: &str) -> (Option<f64>, Option<f64>) {
    let sub = submission.to_owned();
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(submissions::table
                .find(&sub)
                .select((submissions::latitude, submissions::longitude))
                .first(conn)?)
        })
        .await
        .unwrap()
}

/// A session of `user` that expired `days` ago.
async fn ended_session(ctx: &Ctx, user: &User, name: &str, days: i64) {
    let (uid, name, at) = (user.id.to_string(), name.to_owned(), ctx.now());
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            diesel::insert_into(sessions::table)
                .values((
                    sessions::token_hash.eq(name),
                    sessions::user_id.eq(uid),
                    sessions::created_at.eq(at - Duration::days(days + 14)),
                    sessions::last_seen_at.eq(at - Duration::days(days + 1)),
                    sessions::expires_at.eq(at - Duration::days(days)),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

/// A mail to `to` sent `days` ago.
async fn sent_mail(ctx: &Ctx, id: &str, to: &str, days: i64) {
    let (id, to, at) = (
        id.to_owned(),
        to.to_owned(),
        ctx.now() - Duration::days(days),
    );
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            diesel::insert_into(mail_queue::table)
                .values((
                    mail_queue::id.eq(id),
                    mail_queue::recipient.eq(to),
                    mail_queue::subject.eq("Hello"),
                    mail_queue::body_text.eq("Hello"),
                    mail_queue::body_html.eq("<p>Hello</p>"),
                    mail_queue::created_at.eq(at),
                    mail_queue::attempts.eq(1),
                    mail_queue::next_attempt_at.eq(at),
                    mail_queue::sent_at.eq(Some(at)),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

/// An `.eml` file to `to`, last written `days` ago.
fn mail_file(dir: &std::path::Path, name: &str, to: &str, days: u64) -> std::path::PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("To: {to}\r\nSubject: Hello\r\n\r\nHello\r\n"),
    )
    .unwrap();
    let at = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(at)
        .unwrap();
    path
}

async fn count_where<F>(ctx: &Ctx, f: F) -> i64
where
    F: FnOnce(&mut citysync_storage::DbConnection) -> Result<i64, citysync_storage::StorageError>
        + Send
        + 'static,
{
    ctx.db().run(f).await.unwrap()
}

#[tokio::test]
async fn the_sweep_removes_what_is_older_than_its_period_except_under_legal_hold() {
    for (backend, db) in both_backends() {
        let town = town(&db).await;
        let folders = tempfile::tempdir().unwrap();
        let ctx = with_folders(&town.ctx, folders.path());
        let defaults = &ctx.settings.retention;
        assert_eq!(
            (
                defaults.photo_days,
                defaults.location_days,
                defaults.ip_days
            ),
            (730, 90, 30),
            "{backend}"
        );
        let opp = photo_opportunity(&ctx, &town).await;

        // Ana's proof is past every period; Ben's is younger than two years but older than
        // 90 days; Cruz's is as old as Ana's but Cruz is under legal hold.
        let (old, old_file) = proof_with_photo(&ctx, &town.ana, &opp).await;
        let (young, young_file) = proof_with_photo(&ctx, &town.ben, &opp).await;
        let (held, held_file) = proof_with_photo(&ctx, &town.cruz, &opp).await;
        age_submission(&ctx, &old, 731).await;
        age_submission(&ctx, &young, 100).await;
        age_submission(&ctx, &held, 800).await;
        let file_of = |name: &str| citysync_app::photos::path_of(&ctx.settings.uploads_dir, name);
        for f in [&old_file, &young_file, &held_file] {
            assert!(file_of(f).exists(), "{backend}: {f} stored");
        }

        // A hold needs a reason; an administrator sets it.
        assert!(matches!(
            legal_hold::set(&ctx, &town.admin, "cruz", true, "  ").await,
            Err(AppError::Domain(_))
        ));
        assert!(matches!(
            legal_hold::set(&ctx, &town.ana, "cruz", true, "Court order 17/2026").await,
            Err(AppError::Forbidden)
        ));
        legal_hold::set(&ctx, &town.admin, "cruz", true, "Court order 17/2026")
            .await
            .unwrap();
        assert!(legal_hold::is_held(&ctx, &town.cruz.id.to_string())
            .await
            .unwrap());

        // Sessions: ended 31 days ago (goes), 29 days ago (stays), Cruz's 60 days ago (held).
        ended_session(&ctx, &town.ana, "s-old", 31).await;
        ended_session(&ctx, &town.ana, "s-young", 29).await;
        ended_session(&ctx, &town.cruz, "s-held", 60).await;
        // IP counters: 31 days old goes, 2 days old stays.
        let now = ctx.now();
        ctx.db()
            .run::<_, citysync_storage::StorageError, _>(move |conn| {
                for (bucket, days) in [("login-ip:10.0.0.1", 31), ("login-ip:10.0.0.2", 2)] {
                    diesel::insert_into(rate_events::table)
                        .values((
                            rate_events::bucket.eq(bucket),
                            rate_events::at.eq(now - Duration::days(days)),
                        ))
                        .execute(conn)?;
                }
                Ok(())
            })
            .await
            .unwrap();
        // Mail: rows and files 40 days old go, 3 days old stay, the held address's stay.
        sent_mail(&ctx, "m-old", "ana@example.org", 40).await;
        sent_mail(&ctx, "m-young", "ana@example.org", 3).await;
        sent_mail(&ctx, "m-held", "cruz@example.org", 40).await;
        let mail_dir = folders.path().join("outbox-mail");
        let f_old = mail_file(&mail_dir, "old.eml", "ana@example.org", 40);
        let f_young = mail_file(&mail_dir, "young.eml", "ana@example.org", 3);
        let f_held = mail_file(&mail_dir, "held.eml", "cruz@example.org", 40);

        let swept = retention::sweep(&ctx).await.unwrap();
        assert_eq!(swept.photos, 1, "{backend}: {swept:?}");
        assert_eq!(swept.locations, 2, "{backend}: {swept:?}");
        assert_eq!(swept.ip_records, 1, "{backend}: {swept:?}");
        assert_eq!(swept.sessions, 1, "{backend}: {swept:?}");
        assert_eq!(swept.mail_rows, 1, "{backend}: {swept:?}");
        assert_eq!(swept.mail_files, 1, "{backend}: {swept:?}");

        // Photos: the old one's file and row are gone, its submission stays.
        assert_eq!(photo_rows(&ctx, &old).await, 0, "{backend}");
        assert!(!file_of(&old_file).exists(), "{backend}");
        let page = claims::claim_page(&ctx, &town.ana, &claims_of(&ctx, &old).await)
            .await
            .unwrap();
        assert_eq!(
            page.submissions.len(),
            1,
            "{backend}: the claim and its proof stay"
        );
        assert_eq!(photo_rows(&ctx, &young).await, 1, "{backend}");
        assert!(file_of(&young_file).exists(), "{backend}");
        assert_eq!(photo_rows(&ctx, &held).await, 1, "{backend}");
        assert!(file_of(&held_file).exists(), "{backend}");
        // Coordinates: past 90 days blanked, except the held account's.
        assert_eq!(coordinates(&ctx, &old).await, (None, None), "{backend}");
        assert_eq!(coordinates(&ctx, &young).await, (None, None), "{backend}");
        assert_eq!(
            coordinates(&ctx, &held).await,
            (Some(37.8716), Some(-122.2727)),
            "{backend}"
        );
        // Sessions, IPs, mail.
        let left: Vec<String> = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                Ok(sessions::table
                    .select(sessions::token_hash)
                    .order(sessions::token_hash.asc())
                    .load(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(left, ["s-held", "s-young"], "{backend}");
        let buckets: Vec<String> = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                Ok(rate_events::table.select(rate_events::bucket).load(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(buckets, ["login-ip:10.0.0.2"], "{backend}");
        let mails: Vec<String> = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                Ok(mail_queue::table
                    .filter(mail_queue::id.like("m-%"))
                    .select(mail_queue::id)
                    .order(mail_queue::id.asc())
                    .load(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(mails, ["m-held", "m-young"], "{backend}");
        assert!(
            !f_old.exists() && f_young.exists() && f_held.exists(),
            "{backend}"
        );

        // A second sweep (another worker) removes nothing more.
        assert_eq!(
            retention::sweep(&ctx).await.unwrap().total(),
            0,
            "{backend}"
        );

        // Lifting the hold (with a reason): the next sweep takes Cruz's old data too.
        legal_hold::set(&ctx, &town.admin, "cruz", false, "Case closed")
            .await
            .unwrap();
        let swept = retention::sweep(&ctx).await.unwrap();
        assert_eq!(
            (
                swept.photos,
                swept.locations,
                swept.sessions,
                swept.mail_rows,
                swept.mail_files
            ),
            (1, 1, 1, 1, 1),
            "{backend}: {swept:?}"
        );
        assert!(!file_of(&held_file).exists(), "{backend}");
        let holds = count_where(&ctx, |conn| {
            Ok(users::table
                .filter(users::legal_hold.eq(true))
                .count()
                .get_result(conn)?)
        })
        .await;
        assert_eq!(holds, 0, "{backend}");
    }
}

async fn claims_of(ctx: &Ctx, submission: &str) -> String {
    let sub = submission.to_owned();
    ctx.db()
        .run::<_, citysync_storage::StorageError, _>(move |conn| {
            Ok(submissions::table
                .find(&sub)
                .select(submissions::claim_id)
                .first(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_held_account_is_refused_removal_and_both_changes_are_privileged_actions() {
    for (backend, db) in both_backends() {
        let town = town(&db).await;
        let ctx = &town.ctx;
        legal_hold::set(ctx, &town.admin, "dora", true, "Records request 4411")
            .await
            .unwrap();
        // Setting it again changes nothing (and logs nothing).
        legal_hold::set(ctx, &town.admin, "dora", true, "again")
            .await
            .unwrap();
        let dora = town.dora.id.to_string();
        assert!(legal_hold::is_held(ctx, &dora).await.unwrap(), "{backend}");
        let holds = legal_hold::holds_among(ctx, &town.admin, vec!["dora".into(), "ana".into()])
            .await
            .unwrap();
        assert_eq!(holds.len(), 1, "{backend}");
        assert_eq!(holds["dora"].reason, "Records request 4411", "{backend}");
        legal_hold::set(ctx, &town.admin, "dora", false, "Request answered")
            .await
            .unwrap();
        assert!(!legal_hold::is_held(ctx, &dora).await.unwrap(), "{backend}");
        let kinds: Vec<String> = ctx
            .db()
            .run::<_, citysync_storage::StorageError, _>(|conn| {
                use citysync_storage::schema::privileged_actions as p;
                Ok(p::table
                    .filter(p::kind.like("legal_hold%"))
                    .order(p::seq.asc())
                    .select(p::kind)
                    .load(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(kinds, ["legal_hold_set", "legal_hold_lifted"], "{backend}");
    }
}
