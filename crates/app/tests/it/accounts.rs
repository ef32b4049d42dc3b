//! Account use cases against a real database, with the clock and the mailer as ports:
//! links expire, a down SMTP server costs nothing but a retry, resends are throttled.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{DateTime, Duration, Utc};
use citysync_app::accounts::{self, SignupInput};
use citysync_app::{mail_outbox, AppError, Clock, Ctx};
use citysync_i18n::Locale;
use citysync_mail::{MailError, Mailer, OutgoingMail};
use citysync_test_support::TestDb;
use std::sync::{Arc, Mutex};

/// A clock the test moves by hand.
struct ManualClock(Mutex<DateTime<Utc>>);
impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}
impl ManualClock {
    fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

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

fn setup() -> (TestDb, Ctx, Arc<ManualClock>) {
    let t = TestDb::new();
    let clock = Arc::new(ManualClock(Mutex::new(Utc::now())));
    let mut ctx = citysync_test_support::ctx(&t);
    ctx.clock = clock.clone();
    (t, ctx, clock)
}

fn signup_input(name: &str) -> SignupInput {
    SignupInput {
        username: name.into(),
        email: format!("{name}@example.org"),
        password: "a long enough password".into(),
        password_confirm: "a long enough password".into(),
    }
}

fn link_token(mail: &OutgoingMail) -> String {
    let start = mail.text.find("token=").expect("a link") + "token=".len();
    mail.text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn sign_up_succeeds_while_smtp_is_down_and_the_mail_is_retried() {
    let (_t, mut ctx, clock) = setup();
    // The link lifetime in the mail is the city's setting, not a constant.
    let mut settings = (*ctx.settings).clone();
    settings.verification_hours = 48;
    ctx.settings = Arc::new(settings);
    citysync_app::instance::ensure(&ctx).await.unwrap();
    let mailer = FlakyMailer::default();
    *mailer.down.lock().unwrap() = true;
    accounts::signup(
        &ctx,
        signup_input("ana"),
        citysync_i18n::Locale::from_code("es").unwrap(),
        "10.0.0.1",
    )
    .await
    .unwrap();
    assert_eq!(mail_outbox::deliver_due(&ctx, &mailer).await.unwrap(), 0);
    assert!(mailer.sent.lock().unwrap().is_empty());
    // Not retried before its backoff…
    *mailer.down.lock().unwrap() = false;
    assert_eq!(mail_outbox::deliver_due(&ctx, &mailer).await.unwrap(), 0);
    // …and sent once it is due, exactly once.
    clock.advance(mail_outbox::backoff(1) + Duration::seconds(1));
    assert_eq!(mail_outbox::deliver_due(&ctx, &mailer).await.unwrap(), 1);
    clock.advance(Duration::hours(1));
    assert_eq!(mail_outbox::deliver_due(&ctx, &mailer).await.unwrap(), 0);
    let sent = mailer.sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "ana@example.org");
    assert!(
        sent[0].text.contains("/verify-email?token="),
        "{}",
        sent[0].text
    );
}

#[tokio::test]
async fn verification_links_expire_are_single_use_and_bound_to_their_account() {
    let (_t, ctx, clock) = setup();
    citysync_app::instance::ensure(&ctx).await.unwrap();
    let mailer = FlakyMailer::default();
    accounts::signup(&ctx, signup_input("ana"), Locale::SOURCE, "10.0.0.1")
        .await
        .unwrap();
    accounts::signup(&ctx, signup_input("bob"), Locale::SOURCE, "10.0.0.1")
        .await
        .unwrap();
    mail_outbox::deliver_due(&ctx, &mailer).await.unwrap();
    let (ana_token, bob_token) = {
        let sent = mailer.sent.lock().unwrap();
        let find = |to: &str| link_token(sent.iter().find(|m| m.to == to).unwrap());
        (find("ana@example.org"), find("bob@example.org"))
    };
    // Bound to its account: Bob's link verifies Bob, not Ana.
    let bob = accounts::verify_email(&ctx, &bob_token).await.unwrap();
    assert_eq!(bob.username.as_str(), "bob");
    assert!(bob.verified);
    assert!(
        matches!(
            accounts::verify_email(&ctx, &bob_token).await,
            Err(AppError::InvalidLink)
        ),
        "single use"
    );
    let ana = accounts::by_username(&ctx, "ana").await.unwrap().unwrap();
    assert!(!ana.verified);
    assert!(
        matches!(ana.require_verified(), Err(AppError::NotVerified)),
        "unverified accounts cannot act"
    );
    // Expired after 24 hours.
    clock.advance(Duration::hours(24) + Duration::seconds(1));
    assert!(matches!(
        accounts::verify_email(&ctx, &ana_token).await,
        Err(AppError::InvalidLink)
    ));
    assert!(matches!(
        accounts::verify_email(&ctx, "made-up-token").await,
        Err(AppError::InvalidLink)
    ));
}

#[tokio::test]
async fn resending_is_throttled_per_address_and_per_ip() {
    let (_t, ctx, clock) = setup();
    citysync_app::instance::ensure(&ctx).await.unwrap();
    accounts::signup(&ctx, signup_input("ana"), Locale::SOURCE, "10.0.0.1")
        .await
        .unwrap();
    for _ in 0..3 {
        accounts::resend_verification(&ctx, "ana@example.org", "10.0.0.2")
            .await
            .unwrap();
    }
    let err = accounts::resend_verification(&ctx, "ana@example.org", "10.0.0.3")
        .await
        .unwrap_err();
    assert!(
        matches!(err, AppError::Throttled { .. }),
        "per address: {err:?}"
    );
    // Unknown addresses count the same (no enumeration), and one IP is capped across addresses.
    for i in 0..7 {
        accounts::resend_verification(&ctx, &format!("nobody{i}@example.org"), "10.0.0.2")
            .await
            .unwrap();
    }
    let err = accounts::resend_verification(&ctx, "someone@example.org", "10.0.0.2")
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Throttled { .. }), "per IP: {err:?}");
    clock.advance(Duration::hours(1) + Duration::seconds(1));
    accounts::resend_verification(&ctx, "ana@example.org", "10.0.0.2")
        .await
        .unwrap();
}
