//! The second factor (issue 27) through the use cases, on a clock the test moves: enrolling
//! with a real code computed from the secret, signing in then needing a code, wrong and
//! replayed codes refused, recovery codes spent once, wrong codes throttled, and which
//! accounts the city requires one of.

use chrono::Duration;
use citysync_app::accounts::{self, second_factor, SignedIn};
use citysync_app::{sessions, AppError, Ctx, User};
use citysync_test_support::{ctx_with_clock, ManualClock, TestDb};
use totp_rs::{Algorithm, Secret, TOTP};

const PASSWORD: &str = "correct horse battery";
const IP: &str = "203.0.113.9";

/// The code an authenticator app shows for `secret` (as the page shows it) at the clock's time.
fn code_at(secret: &str, clock: &ManualClock, ahead_secs: i64) -> String {
    use citysync_app::Clock;
    let secret: String = secret.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        Secret::Encoded(secret).to_bytes().unwrap(),
    )
    .unwrap();
    totp.generate((clock.now().timestamp() + ahead_secs) as u64)
}

/// A code that is not the right one (nor, in practice, one of its neighbours).
fn wrong(code: &str) -> String {
    let n: u32 = code.parse().unwrap();
    format!("{:06}", (n + 500_000) % 1_000_000)
}

async fn account(ctx: &Ctx, name: &str, admin: bool) -> User {
    accounts::create_user(
        ctx,
        name,
        &format!("{name}@example.org"),
        PASSWORD,
        admin,
        true,
    )
    .await
    .unwrap()
}

async fn sign_in(ctx: &Ctx, name: &str) -> SignedIn {
    accounts::login_from(ctx, &format!("{name}@example.org"), PASSWORD, IP, None)
        .await
        .unwrap()
}

/// Enrolls `user`; returns the secret and the recovery codes.
async fn enroll(ctx: &Ctx, clock: &ManualClock, user: &User) -> (String, Vec<String>) {
    let enrollment = second_factor::enrollment(ctx, user).await.unwrap();
    assert!(
        enrollment.uri.starts_with("otpauth://totp/"),
        "{}",
        enrollment.uri
    );
    assert!(enrollment.uri.contains("algorithm=SHA1&digits=6&period=30"));
    // A second visit shows the same secret until it is confirmed.
    let again = second_factor::enrollment(ctx, user).await.unwrap();
    assert_eq!(again.secret, enrollment.secret);
    let codes = second_factor::confirm(ctx, user, &code_at(&enrollment.secret, clock, 0), IP)
        .await
        .unwrap();
    (enrollment.secret, codes)
}

#[tokio::test]
async fn signing_in_asks_for_a_code_once_enrolled() {
    let t = TestDb::new();
    let (ctx, clock) = ctx_with_clock(&t);
    let ana = account(&ctx, "ana", false).await;

    // Without a second factor the password opens a session.
    let plain = sign_in(&ctx, "ana").await;
    assert!(plain.second_factor_ticket.is_none());
    assert!(!plain.session.is_empty());

    // A wrong code does not confirm the enrollment.
    let enrollment = second_factor::enrollment(&ctx, &ana).await.unwrap();
    let right = code_at(&enrollment.secret, &clock, 0);
    let err = second_factor::confirm(&ctx, &ana, &wrong(&right), IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");
    assert!(!second_factor::status(&ctx, &ana).await.unwrap().enabled);

    let codes = second_factor::confirm(&ctx, &ana, &right, IP)
        .await
        .unwrap();
    assert_eq!(codes.len(), 10);
    let status = second_factor::status(&ctx, &ana).await.unwrap();
    assert!(status.enabled);
    assert_eq!(status.recovery_left, 10);
    // Enrolled: the secret is never shown again.
    let err = second_factor::enrollment(&ctx, &ana).await.unwrap_err();
    assert!(matches!(err, AppError::SecondFactorAlreadyOn), "{err:?}");

    // The password now leaves a half sign-in: no session.
    let half = sign_in(&ctx, "ana").await;
    let ticket = half.second_factor_ticket.clone().expect("a half sign-in");
    assert!(half.session.is_empty());
    assert!(sessions::resolve(&ctx, &ticket).await.unwrap().is_none());

    // The code that confirmed the enrollment is spent (replay); a wrong one is refused.
    let err = second_factor::complete_sign_in(&ctx, &ticket, &right, IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");
    let err = second_factor::complete_sign_in(&ctx, &ticket, &wrong(&right), IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");

    // The next step's code signs in, once.
    clock.advance(Duration::seconds(30));
    let next = code_at(&enrollment.secret, &clock, 0);
    let done = second_factor::complete_sign_in(&ctx, &ticket, &next, IP)
        .await
        .unwrap();
    assert!(done.second_factor_ticket.is_none());
    let (who, _) = sessions::resolve(&ctx, &done.session)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(who.id, ana.id);
    let err = second_factor::complete_sign_in(&ctx, &ticket, &next, IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Unauthenticated), "{err:?}");

    // A recovery code works once (typed in capitals, without dashes, too).
    let typed = codes[0].replace('-', "").to_uppercase();
    let ticket = sign_in(&ctx, "ana").await.second_factor_ticket.unwrap();
    let done = second_factor::complete_sign_in(&ctx, &ticket, &typed, IP)
        .await
        .unwrap();
    assert!(!done.session.is_empty());
    let ticket = sign_in(&ctx, "ana").await.second_factor_ticket.unwrap();
    let err = second_factor::complete_sign_in(&ctx, &ticket, &codes[0], IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");
    assert_eq!(
        second_factor::status(&ctx, &ana)
            .await
            .unwrap()
            .recovery_left,
        9
    );

    // A half sign-in expires.
    clock.advance(Duration::minutes(second_factor::PENDING_MINUTES + 1));
    let code = code_at(&enrollment.secret, &clock, 0);
    let err = second_factor::complete_sign_in(&ctx, &ticket, &code, IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Unauthenticated), "{err:?}");
}

#[tokio::test]
async fn recovery_codes_are_renewed_and_the_factor_turned_off_with_a_code() {
    let t = TestDb::new();
    let (ctx, clock) = ctx_with_clock(&t);
    let bo = account(&ctx, "bob", false).await;
    let (secret, old) = enroll(&ctx, &clock, &bo).await;

    // New recovery codes need a code from the app (a recovery code will not do).
    clock.advance(Duration::seconds(30));
    let err = second_factor::regenerate_recovery_codes(&ctx, &bo, &old[1], IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");
    let new = second_factor::regenerate_recovery_codes(&ctx, &bo, &code_at(&secret, &clock, 0), IP)
        .await
        .unwrap();
    assert_eq!(new.len(), 10);
    // The old ones stopped working.
    clock.advance(Duration::seconds(30));
    let err = second_factor::disable(&ctx, &bo, &old[2], IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");

    // Turning it off takes a recovery code (or a current code); then the password is enough.
    second_factor::disable(&ctx, &bo, &new[0], IP)
        .await
        .unwrap();
    assert!(!second_factor::status(&ctx, &bo).await.unwrap().enabled);
    let plain = sign_in(&ctx, "bob").await;
    assert!(plain.second_factor_ticket.is_none());
    assert!(!plain.session.is_empty());
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let t = TestDb::new();
    let (ctx, clock) = ctx_with_clock(&t);
    let cy = account(&ctx, "cyd", false).await;
    let (secret, _) = enroll(&ctx, &clock, &cy).await;
    clock.advance(Duration::seconds(30));
    let ticket = sign_in(&ctx, "cyd").await.second_factor_ticket.unwrap();
    let right = code_at(&secret, &clock, 0);
    for _ in 0..second_factor::CODES_PER_ACCOUNT.max {
        let err = second_factor::complete_sign_in(&ctx, &ticket, &wrong(&right), IP)
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::SecondFactorCodeWrong), "{err:?}");
    }
    // Even the right code waits now.
    let err = second_factor::complete_sign_in(&ctx, &ticket, &right, IP)
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Throttled { .. }), "{err:?}");
}

#[tokio::test]
async fn the_city_requires_it_of_staff_only_while_its_setting_is_on() {
    let t = TestDb::new();
    let (ctx, clock) = ctx_with_clock(&t);
    let mut settings = (*ctx.settings).clone();
    settings.staff_second_factor = true;
    let ctx = ctx.with_settings(settings);
    let admin = account(&ctx, "clerk", true).await;
    let owner = account(&ctx, "olga", false).await;
    let verifier = account(&ctx, "vera", false).await;
    let resident = account(&ctx, "rosa", false).await;
    citysync_test_support::approved_organization(&ctx, &admin, &owner, "creek", true, false).await;
    citysync_test_support::add_member(&ctx, &owner, "creek", &verifier, "verifier").await;

    for staff in [&admin, &owner, &verifier] {
        assert!(second_factor::required_missing(&ctx, staff).await.unwrap());
        assert!(second_factor::status(&ctx, staff).await.unwrap().required);
    }
    assert!(!second_factor::required_missing(&ctx, &resident)
        .await
        .unwrap());

    // Enrolled: no longer missing.
    enroll(&ctx, &clock, &verifier).await;
    assert!(!second_factor::required_missing(&ctx, &verifier)
        .await
        .unwrap());

    // Credit-moving scopes ask for a code on the consent page, or for enrolling.
    use citysync_domain::Scope;
    use second_factor::ConsentStep;
    let step = |u: &User, scopes: Vec<Scope>| {
        let (ctx, u) = (ctx.clone(), u.clone());
        async move { second_factor::consent_step(&ctx, &u, scopes).await.unwrap() }
    };
    assert_eq!(
        step(&verifier, vec![Scope::Read, Scope::Verify]).await,
        ConsentStep::Code
    );
    assert_eq!(step(&verifier, vec![Scope::Read]).await, ConsentStep::None);
    assert_eq!(step(&admin, vec![Scope::Admin]).await, ConsentStep::Enroll);
    assert_eq!(
        step(&resident, vec![Scope::Redeem]).await,
        ConsentStep::None
    );

    // Off: nobody is required to.
    let mut settings = (*ctx.settings).clone();
    settings.staff_second_factor = false;
    let off = ctx.clone().with_settings(settings);
    assert!(!second_factor::required_missing(&off, &admin).await.unwrap());
}
