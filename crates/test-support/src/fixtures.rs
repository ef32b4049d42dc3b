//! Fixtures on the use cases: a context on a test database, people, organizations,
//! members, minted credits and a clock the test moves by hand.

use crate::TestDb;
use citysync_app::{Ctx, Settings, SystemClock};
use citysync_domain::identity::IdentityLevel;
use citysync_i18n::I18n;
use citysync_mail::MailComposer;
use citysync_storage::Db;
use std::sync::Arc;

/// A use-case context on this database, with mail composed from the real templates.
pub fn ctx(db: &TestDb) -> Ctx {
    ctx_for(db.db.clone(), "http://127.0.0.1:8080")
}

pub fn ctx_for(db: Db, public_url: &str) -> Ctx {
    let i18n = Arc::new(I18n::load().expect("locales"));
    let composer = Arc::new(MailComposer::new(i18n.clone()).expect("mail templates"));
    let mut settings = Settings::for_url(url::Url::parse(public_url).expect("url"));
    kit_levels(
        &mut settings.governance.level_to_earn,
        &mut settings.governance.level_to_vote,
    );
    // Staff act without a second factor unless a test turns it on.
    settings.staff_second_factor = false;
    // Short reservations, so that the ledger's tests see them expire within minutes.
    settings.ledger.reservation_minutes = 15;
    Ctx::new(db, i18n, composer, Arc::new(SystemClock), settings)
}

/// The identity levels of the kit's cities: a verified email earns and votes, as in a city
/// that has not turned resident verification on, so that a test of work, ledger or
/// governance needs no registrar. The tests of identity levels and held rewards set the
/// levels a city gets by default (`resident`) themselves.
pub fn kit_levels(earn: &mut IdentityLevel, vote: &mut IdentityLevel) {
    *earn = IdentityLevel::EmailVerified;
    *vote = IdentityLevel::EmailVerified;
}

/// A person with a verified email address, written straight to the database (no password
/// can sign in as them: the stored hash is not an argon2 hash). For use-case tests.
pub async fn person(ctx: &Ctx, username: &str, is_admin: bool) -> citysync_app::User {
    let row = citysync_storage::users::UserRow {
        id: uuid::Uuid::new_v4().to_string(),
        username: username.to_owned(),
        email: format!("{username}@example.org"),
        password_hash: "!".to_owned(),
        is_admin,
        email_verified_at: Some(ctx.now()),
        locale: None,
        public_key_pem: None,
        private_key_pem: None,
        created_at: ctx.now(),
        password_changed_at: ctx.now(),
    };
    let saved = row.clone();
    ctx.db()
        .run(move |conn| citysync_storage::users::insert(conn, &row))
        .await
        .expect("insert person");
    citysync_app::User::try_from(saved).expect("valid person")
}

/// A clock the test moves by hand (expiry, epochs).
pub struct ManualClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl ManualClock {
    pub fn new(at: chrono::DateTime<chrono::Utc>) -> Arc<ManualClock> {
        Arc::new(ManualClock(std::sync::Mutex::new(at)))
    }

    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().expect("clock");
        *now += by;
    }

    pub fn set(&self, at: chrono::DateTime<chrono::Utc>) {
        *self.0.lock().expect("clock") = at;
    }
}

impl citysync_app::Clock for ManualClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        *self.0.lock().expect("clock")
    }
}

/// A context on `db` whose clock the test moves, with its own uploads folder.
pub fn ctx_with_clock(db: &TestDb) -> (Ctx, Arc<ManualClock>) {
    let clock = ManualClock::new(chrono::Utc::now());
    let mut ctx = ctx(db);
    ctx.clock = clock.clone();
    let mut settings = (*ctx.settings).clone();
    settings.uploads_dir =
        std::env::temp_dir().join(format!("citysync-test-{}", uuid::Uuid::new_v4()));
    ctx.settings = Arc::new(settings);
    (ctx, clock)
}

/// An approved organization owned by `owner`, created and approved through the use cases.
pub async fn approved_organization(
    ctx: &Ctx,
    admin: &citysync_app::User,
    owner: &citysync_app::User,
    handle: &str,
    is_issuer: bool,
    is_redeemer: bool,
) -> String {
    use citysync_app::organizations::{self, NewOrganization};
    organizations::create(
        ctx,
        owner,
        NewOrganization {
            handle: handle.into(),
            name: format!("{handle} org"),
            description: "For tests".into(),
            is_issuer,
            is_redeemer,
            contact_email: format!("{handle}@example.org"),
            website: String::new(),
        },
    )
    .await
    .expect("create organization");
    organizations::decide(ctx, admin, handle, true, "")
        .await
        .expect("approve organization");
    organizations::by_handle(ctx, handle, None)
        .await
        .expect("organization")
        .id
}

/// Adds `who` to an organization with `role`, by invitation and acceptance.
pub async fn add_member(
    ctx: &Ctx,
    owner: &citysync_app::User,
    handle: &str,
    who: &citysync_app::User,
    role: &str,
) {
    use citysync_app::organizations;
    organizations::invite(ctx, owner, handle, who.username.as_str(), role)
        .await
        .expect("invite");
    let invitation = organizations::invitations_for(ctx, who)
        .await
        .expect("invitations")
        .into_iter()
        .find(|i| i.organization_handle == handle)
        .expect("the invitation");
    organizations::answer_invitation(ctx, who, &invitation.id, true)
        .await
        .expect("accept");
}

/// A made-up verified contribution of `resident_id` for `issuer_id` in the environment
/// category, rewarding `city` (hundredths) and `vote`: what the minting tests post.
pub fn contribution_verified(
    issuer_id: &str,
    resident_id: &str,
    city: i64,
    vote: i64,
    at: chrono::NaiveDateTime,
) -> citysync_domain::work::ContributionVerified {
    citysync_domain::work::ContributionVerified {
        contribution_id: uuid::Uuid::new_v4().to_string(),
        claim_id: uuid::Uuid::new_v4().to_string(),
        organization_id: issuer_id.to_owned(),
        opportunity_id: uuid::Uuid::new_v4().to_string(),
        contributor_id: resident_id.to_owned(),
        verifier_id: uuid::Uuid::new_v4().to_string(),
        template_id: uuid::Uuid::new_v4().to_string(),
        template_version: 1,
        category: "environment".into(),
        outcome_unit: "kg_waste_diverted".into(),
        outcome_quantity: 1.0,
        reward_city: city,
        reward_vote: vote,
        verified_at: at,
    }
}

/// Mints CITY (hundredths) and VOTE to a resident from an issuer's budget, through the
/// same minting the verification of a contribution uses (as if a contribution in
/// `category` had been verified; the contribution id is made up).
pub async fn mint(
    ctx: &Ctx,
    issuer_id: &str,
    resident: &citysync_app::User,
    city: i64,
    vote: i64,
) -> Result<citysync_app::ledger::minting::Minted, citysync_app::AppError> {
    let event = contribution_verified(issuer_id, &resident.id.to_string(), city, vote, ctx.now());
    citysync_app::ledger::minting::mint_now(ctx, event).await
}
