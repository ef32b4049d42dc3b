//! The resident's side: her date of birth (shown only to her and administrators), and the
//! consent of a guardian, asked by email with a single-use link.

use super::{city_day, read};
use crate::accounts::{city_name, mail_locale};
use crate::{mail_outbox, secrets, trail, AppError, Ctx, User};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use citysync_domain::eligibility as rules;
use citysync_domain::EmailAddress;
use citysync_mail::MailKind;
use citysync_storage::eligibility::{self as store, GuardianConsentRow};
use citysync_storage::users;
use serde::Serialize;

/// How long a guardian's consent link works.
pub const CONSENT_LINK_DAYS: i64 = 7;

/// What the resident's eligibility settings show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MyEligibility {
    pub born_on: Option<NaiveDate>,
    /// Under the city's age of majority today (by the date of birth given).
    pub minor: bool,
    pub age_of_majority: u8,
    /// The guardian who consented, and when.
    pub consented_by: Option<String>,
    pub consented_at: Option<NaiveDateTime>,
    /// The newest request still waiting for its guardian, and until when its link works.
    pub pending_guardian: Option<String>,
    pub pending_until: Option<NaiveDateTime>,
    /// The qualifications she holds: name, organization, expiry.
    pub qualifications: Vec<HeldLine>,
}

/// A qualification a resident holds.
#[derive(Debug, Clone, Serialize)]
pub struct HeldLine {
    pub name: String,
    pub organization: String,
    pub expires_on: NaiveDate,
}

/// The eligibility facts of `user`, for her own settings page.
pub async fn my_eligibility(ctx: &Ctx, user: &User) -> Result<MyEligibility, AppError> {
    let uid = user.id.to_string();
    let now = ctx.now();
    let age_of_majority = ctx.settings.age_of_majority;
    read(ctx, move |conn| {
        eligibility_of(conn, &uid, now, age_of_majority)
    })
    .await
}

/// The eligibility facts of the resident `username`, for an administrator (the only other
/// person who may see a date of birth).
pub async fn eligibility_for_admin(
    ctx: &Ctx,
    admin: &User,
    username: &str,
) -> Result<MyEligibility, AppError> {
    admin.require_admin()?;
    let username = username.to_lowercase();
    let now = ctx.now();
    let age_of_majority = ctx.settings.age_of_majority;
    read(ctx, move |conn| {
        let row = users::by_username(conn, &username)?.ok_or(AppError::NotFound)?;
        eligibility_of(conn, &row.id, now, age_of_majority)
    })
    .await
}

/// What is known of the resident `uid` today.
fn eligibility_of(
    conn: &mut citysync_storage::DbConnection,
    uid: &str,
    now: NaiveDateTime,
    age_of_majority: u8,
) -> Result<MyEligibility, AppError> {
    let born_on = store::birth_date(conn, uid)?;
    let today = city_day(conn, now)?;
    let requests = store::guardian_requests_of(conn, uid)?;
    let consented = requests.iter().find(|r| r.consented_at.is_some());
    let pending = requests
        .iter()
        .find(|r| r.consented_at.is_none() && r.expires_at > now);
    let mut qualifications = Vec::new();
    for g in store::grants_of(conn, uid)? {
        let Some(q) = store::qualification(conn, &g.qualification_id)? else {
            continue;
        };
        let organization = citysync_storage::organizations::by_id(conn, &q.organization_id)?
            .map(|o| o.name)
            .unwrap_or_default();
        qualifications.push(HeldLine {
            name: q.name,
            organization,
            expires_on: g.expires_on,
        });
    }
    Ok(MyEligibility {
        born_on,
        minor: born_on.is_some_and(|b| rules::is_minor(b, today, age_of_majority)),
        age_of_majority,
        consented_by: consented.map(|r| r.guardian_email.clone()),
        consented_at: consented.and_then(|r| r.consented_at),
        pending_guardian: pending.map(|r| r.guardian_email.clone()),
        pending_until: pending.map(|r| r.expires_at),
        qualifications,
    })
}

/// Records (or corrects) the resident's date of birth, typed as `YYYY-MM-DD`.
pub async fn set_birth_date(ctx: &Ctx, user: &User, input: &str) -> Result<NaiveDate, AppError> {
    let uid = user.id.to_string();
    let input = input.to_owned();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let today = city_day(conn, now)?;
            let born_on =
                rules::parse_birth_date(&input, today).ok_or(AppError::BirthDateInvalid)?;
            store::put_birth_date(conn, &uid, born_on, now)?;
            // The date itself stays out of the trail: only that it changed.
            trail::record(
                conn,
                trail::Subject::Account,
                &uid,
                "birth_date_set",
                Some(&uid),
                "",
                now,
            )?;
            Ok(born_on)
        })
        .await
}

/// A resident under the age of majority asks `guardian_email` to consent: the guardian is
/// emailed, in the resident's language, a link that works once for [`CONSENT_LINK_DAYS`].
pub async fn request_guardian_consent(
    ctx: &Ctx,
    user: &User,
    guardian_email: &str,
) -> Result<(), AppError> {
    user.require_verified()?;
    let email = EmailAddress::parse(guardian_email)?;
    if email == user.email {
        return Err(AppError::Domain(citysync_domain::DomainError::EmailInvalid));
    }
    let uid = user.id.to_string();
    let username = user.username.to_string();
    let chosen = user.locale;
    let now = ctx.now();
    let age_of_majority = ctx.settings.age_of_majority;
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let today = city_day(conn, now)?;
            let minor = store::birth_date(conn, &uid)?
                .is_some_and(|b| rules::is_minor(b, today, age_of_majority));
            if !minor {
                return Err(AppError::GuardianNotNeeded);
            }
            let token = secrets::new_token();
            store::insert_guardian_request(
                conn,
                &GuardianConsentRow {
                    id: secrets::new_id(),
                    user_id: uid.clone(),
                    guardian_email: email.as_str().to_owned(),
                    token_hash: secrets::hash_token(&token),
                    requested_at: now,
                    expires_at: now + Duration::days(CONSENT_LINK_DAYS),
                    consented_at: None,
                },
            )?;
            let locale = mail_locale(conn, chosen)?;
            let city = city_name(conn)?;
            let kind = MailKind::GuardianConsent {
                guardian: email.as_str().to_owned(),
                resident: username,
                link: ctx2.settings.url(&format!("/guardian/{token}")),
                valid_days: CONSENT_LINK_DAYS,
            };
            mail_outbox::enqueue(conn, &ctx2, &kind, locale, email.as_str(), &city)?;
            trail::record(
                conn,
                trail::Subject::Account,
                &uid,
                "guardian_consent_requested",
                Some(&uid),
                email.as_str(),
                now,
            )?;
            Ok(())
        })
        .await
}

/// What the guardian's page shows before they consent.
#[derive(Debug, Clone, Serialize)]
pub struct GuardianRequest {
    pub resident: String,
    pub guardian_email: String,
    pub expires_at: NaiveDateTime,
}

fn live_request(
    conn: &mut citysync_storage::DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> Result<(GuardianConsentRow, String), AppError> {
    let row = store::guardian_request_by_hash(conn, &secrets::hash_token(token))?
        .ok_or(AppError::InvalidLink)?;
    if row.consented_at.is_some() || row.expires_at <= now {
        return Err(AppError::InvalidLink);
    }
    let resident = users::by_id(conn, &row.user_id)?
        .map(|u| u.username)
        .ok_or(AppError::InvalidLink)?;
    Ok((row, resident))
}

/// The request behind a consent link; `InvalidLink` if unknown, used or expired.
pub async fn consent_request(ctx: &Ctx, token: &str) -> Result<GuardianRequest, AppError> {
    let token = token.to_owned();
    let now = ctx.now();
    read(ctx, move |conn| {
        let (row, resident) = live_request(conn, &token, now)?;
        Ok(GuardianRequest {
            resident,
            guardian_email: row.guardian_email,
            expires_at: row.expires_at,
        })
    })
    .await
}

/// The guardian consents through the link: recorded with the time and their address, once.
pub async fn consent(ctx: &Ctx, token: &str) -> Result<GuardianRequest, AppError> {
    let token = token.to_owned();
    let now = ctx.now();
    ctx.db
        .write(move |conn| {
            let (row, resident) = live_request(conn, &token, now)?;
            if !store::record_consent(conn, &row.id, now)? {
                return Err(AppError::InvalidLink);
            }
            trail::record(
                conn,
                trail::Subject::Account,
                &row.user_id,
                "guardian_consented",
                None,
                &row.guardian_email,
                now,
            )?;
            Ok(GuardianRequest {
                resident,
                guardian_email: row.guardian_email,
                expires_at: row.expires_at,
            })
        })
        .await
}
