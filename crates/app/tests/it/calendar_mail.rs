//! Calendar files by email: the claim's confirmation carries an `.ics` through the outbox,
//! kept across a failed send and its retry; the shift reminder carries it too; a correction raises its sequence and a
//! cancellation marks it cancelled, the UID staying the claim's. Both databases.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::governance::town;
use chrono::Duration;
use citysync_app::calendar_files::ics::unfold;
use citysync_app::catalog::{self, OpportunityInput};
use citysync_app::{claims, mail_outbox};
use citysync_domain::lifecycle::OpportunityEvent;
use citysync_domain::work::OpportunitySpec;
use citysync_mail::{MailError, Mailer, OutgoingMail};
use citysync_test_support::both_backends;
use std::sync::Mutex;

/// An SMTP server that can be down, recording what it accepted.
#[derive(Default)]
struct FlakyMailer {
    down: Mutex<bool>,
    sent: Mutex<Vec<OutgoingMail>>,
}

#[async_trait::async_trait]
impl Mailer for FlakyMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        if *self.down.lock().unwrap() {
            return Err(MailError::UnknownTransport(
                "connection refused (test)".into(),
            ));
        }
        self.sent.lock().unwrap().push(mail.clone());
        Ok(())
    }
}

/// The calendar lines of every `.ics` sent to `to`, in the order sent.
fn calendars_to(mailer: &FlakyMailer, to: &str) -> Vec<Vec<String>> {
    mailer
        .sent
        .lock()
        .unwrap()
        .iter()
        .filter(|m| m.to == to)
        .flat_map(|m| m.attachments.clone())
        .map(|a| {
            assert_eq!(a.filename, "invite.ics");
            assert!(
                a.content_type.starts_with("text/calendar"),
                "{}",
                a.content_type
            );
            unfold(&a.body)
        })
        .collect()
}

fn value<'a>(lines: &'a [String], name: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in {lines:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_claims_calendar_file_survives_a_retry_and_follows_changes() {
    for (backend, t) in both_backends() {
        let town = town(&t).await;
        let ctx = &town.ctx;
        let now = ctx.now();
        let spec = OpportunitySpec {
            title_override: Some("Creek cleanup, north bank".into()),
            place: "Strawberry Creek; north bank".into(),
            point: None,
            starts_at: now + Duration::days(2),
            ends_at: now + Duration::days(2) + Duration::hours(2),
            claim_deadline: now + Duration::days(1),
            capacity: 3,
            onsite_instructions: String::new(),
        };
        let opp = catalog::create_opportunity(
            ctx,
            &town.owner,
            OpportunityInput {
                template_id: town.template_id.clone(),
                spec: spec.clone(),
            },
        )
        .await
        .unwrap();
        catalog::change_opportunity(ctx, &town.owner, &opp.id, OpportunityEvent::Publish)
            .await
            .unwrap();
        let claim = claims::claim(ctx, &town.ana, &opp.id).await.unwrap();

        // The server is down: nothing leaves, and the file waits with the message.
        let mailer = FlakyMailer::default();
        *mailer.down.lock().unwrap() = true;
        mail_outbox::deliver_due(ctx, &mailer).await.unwrap();
        assert!(mailer.sent.lock().unwrap().is_empty(), "{backend}");
        *mailer.down.lock().unwrap() = false;
        town.clock.advance(Duration::minutes(10));
        mail_outbox::deliver_due(ctx, &mailer).await.unwrap();
        let to = format!("{}@example.org", town.ana.username);
        let sent = calendars_to(&mailer, &to);
        assert_eq!(sent.len(), 1, "{backend}");
        let first = &sent[0];
        let uid = format!("claim-{}@127.0.0.1", claim.id);
        assert_eq!(value(first, "UID"), uid, "{backend}");
        assert_eq!(value(first, "SEQUENCE"), "0", "{backend}");
        assert_eq!(value(first, "STATUS"), "CONFIRMED", "{backend}");
        assert_eq!(
            value(first, "DTSTART"),
            spec.starts_at.format("%Y%m%dT%H%M%SZ").to_string(),
            "{backend}"
        );
        assert_eq!(
            value(first, "LOCATION"),
            "Strawberry Creek\\; north bank",
            "{backend}"
        );

        // The shift reminder a day before carries the same event.
        town.clock.advance(Duration::hours(25));
        assert_eq!(claims::send_reminders(ctx).await.unwrap(), 1, "{backend}");
        mail_outbox::deliver_due(ctx, &mailer).await.unwrap();
        let sent = calendars_to(&mailer, &to);
        assert_eq!(sent.len(), 2, "{backend}");
        assert_eq!(value(&sent[1], "UID"), uid, "{backend}");
        assert_eq!(value(&sent[1], "SEQUENCE"), "0", "{backend}");

        // Moved an hour later: the same event, one sequence higher.
        let mut moved = spec.clone();
        moved.starts_at += Duration::hours(1);
        moved.ends_at += Duration::hours(1);
        catalog::edit_opportunity(ctx, &town.owner, &opp.id, moved.clone())
            .await
            .unwrap();
        // Cancelled a minute later: the same event, cancelled, one higher again. (Two mails
        // to one person queued at the very same instant have no order between them.)
        town.clock.advance(Duration::minutes(1));
        catalog::cancel_opportunity(ctx, &town.owner, &opp.id, "Flooding")
            .await
            .unwrap();
        // Messages to one person leave in order, a pass at a time.
        for _ in 0..4 {
            mail_outbox::deliver_due(ctx, &mailer).await.unwrap();
        }
        let sent = calendars_to(&mailer, &to);
        assert_eq!(sent.len(), 4, "{backend}");
        let (changed, cancelled) = (&sent[2], &sent[3]);
        assert_eq!(value(changed, "UID"), uid, "{backend}");
        assert_eq!(value(changed, "SEQUENCE"), "1", "{backend}");
        assert_eq!(value(changed, "STATUS"), "CONFIRMED", "{backend}");
        assert_eq!(
            value(changed, "DTSTART"),
            moved.starts_at.format("%Y%m%dT%H%M%SZ").to_string(),
            "{backend}"
        );
        assert_eq!(value(cancelled, "UID"), uid, "{backend}");
        assert_eq!(value(cancelled, "SEQUENCE"), "2", "{backend}");
        assert_eq!(value(cancelled, "STATUS"), "CANCELLED", "{backend}");
    }
}
