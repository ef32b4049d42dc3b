//! The city itself: its keys (made once, at first start), its first-run setup, its details
//! and the administrator's settings (each change kept in the accountability trail).

use crate::accounts::{self, NewAccount, SignupInput, User};
use crate::trail::{self, Subject};
use crate::{passwords, secrets, AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_domain::{text, EmailAddress};
use citysync_i18n::Locale;
use citysync_storage::{events, instance, users};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};

/// The city as pages and actors show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub name: Option<String>,
    pub region: Option<String>,
    pub default_locale: Locale,
    pub timezone: String,
    pub configured: bool,
    pub public_key_pem: String,
}

impl City {
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or("City/Sync")
    }

    /// `at` (UTC) as the city's clocks show it (UTC when the zone is unknown).
    pub fn local_time(&self, at: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
        use chrono::TimeZone;
        citysync_domain::epoch::timezone(&self.timezone)
            .from_utc_datetime(&at)
            .naive_local()
    }

    /// The UTC instant at which the city's clocks show `local`. In a daylight-saving gap the
    /// first instant after it; when the clocks show it twice, the earlier.
    pub fn utc_of_local(&self, local: chrono::NaiveDateTime) -> chrono::NaiveDateTime {
        use chrono::{LocalResult, TimeZone};
        let tz = citysync_domain::epoch::timezone(&self.timezone);
        let mut at = local;
        for _ in 0..4 {
            match tz.from_local_datetime(&at) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.naive_utc(),
                LocalResult::None => at += chrono::Duration::minutes(30),
            }
        }
        at
    }
}

/// What the city says about itself and how to reach its administration (kept apart from
/// [`City`], which every request reads, since only a few pages show them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// A few sentences about the city (empty when it says nothing).
    pub description: String,
    /// An email address, a web address, or empty.
    pub contact: String,
}

/// What start-up learned: the one-time setup token while no administrator exists.
#[derive(Debug, Clone)]
pub struct Startup {
    pub setup_token: Option<String>,
}

/// An RSA-2048 key pair in PEM (PKCS#8 private, SPKI public), as ActivityPub HTTP signatures use.
pub fn generate_rsa_keypair() -> Result<(String, String), AppError> {
    let private =
        rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).map_err(AppError::internal)?;
    let private_pem = private
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(AppError::internal)?
        .to_string();
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(AppError::internal)?;
    Ok((public_pem, private_pem))
}

/// Run at every start of the server: makes the city's keys the first time, and while no
/// administrator exists issues a fresh one-time setup token (only its hash is kept).
pub async fn ensure(ctx: &Ctx) -> Result<Startup, AppError> {
    ensure_keys(ctx).await?;
    ctx.db
        .write(|conn| {
            if users::count_admins(conn)? > 0 {
                return Ok(Startup { setup_token: None });
            }
            let token = secrets::new_token();
            instance::set_setup_token_hash(conn, Some(&secrets::hash_token(&token)))?;
            Ok(Startup {
                setup_token: Some(token),
            })
        })
        .await
}

/// Makes the city's keys the first time (for command-line tools: unlike [`ensure`] it
/// leaves the setup token the running server printed untouched).
pub async fn ensure_keys(ctx: &Ctx) -> Result<(), AppError> {
    let existing = ctx.run(|conn| Ok(instance::get(conn)?)).await?;
    if existing.is_none() {
        let (public_pem, private_pem) = tokio::task::spawn_blocking(generate_rsa_keypair)
            .await
            .map_err(AppError::internal)??;
        let now = ctx.now();
        ctx.db
            .write(move |conn| {
                // Another process may have won the race: keep its keys.
                if instance::get(conn)?.is_none() {
                    instance::insert(
                        conn,
                        &instance::InstanceRow {
                            id: 1,
                            name: None,
                            region: None,
                            default_locale: Locale::SOURCE.code().to_owned(),
                            timezone: "UTC".to_owned(),
                            public_key_pem: public_pem,
                            private_key_pem: private_pem,
                            setup_token_hash: None,
                            created_at: now,
                            configured_at: None,
                            description: String::new(),
                            contact: String::new(),
                        },
                    )?;
                    tracing::info!("generated the city's signing keys");
                }
                Ok::<_, AppError>(())
            })
            .await?;
    }
    // The ledger's Ed25519 key (checkpoints, redemption tokens), also made once.
    crate::ledger::checkpoints::ensure_key(ctx).await?;
    Ok(())
}

pub async fn get(ctx: &Ctx) -> Result<City, AppError> {
    let row = ctx
        .run(|conn| Ok(instance::get(conn)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let default_locale = ctx
        .i18n
        .locale(&row.default_locale)
        .unwrap_or(Locale::SOURCE);
    // A message missing in a reader's language is taken from the city's own language.
    ctx.i18n.set_default(default_locale);
    Ok(City {
        name: row.name,
        region: row.region,
        default_locale,
        timezone: row.timezone,
        configured: row.configured_at.is_some(),
        public_key_pem: row.public_key_pem,
    })
}

pub async fn profile(ctx: &Ctx) -> Result<Profile, AppError> {
    let row = ctx
        .run(|conn| Ok(instance::get(conn)?))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Profile {
        description: row.description,
        contact: row.contact,
    })
}

/// The city's private key (for signing activities and checkpoints).
pub async fn private_key_pem(ctx: &Ctx) -> Result<String, AppError> {
    Ok(ctx
        .run(|conn| Ok(instance::get(conn)?))
        .await?
        .ok_or(AppError::NotFound)?
        .private_key_pem)
}

/// Whether `token` is the current setup token (and setup is still open).
pub async fn check_setup_token(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let row = ctx
        .run(|conn| Ok(instance::get(conn)?))
        .await?
        .ok_or(AppError::NotFound)?;
    if row.configured_at.is_some() {
        return Err(AppError::AlreadySetUp);
    }
    match row.setup_token_hash {
        Some(stored)
            if secrets::constant_time_eq(
                stored.as_bytes(),
                secrets::hash_token(token).as_bytes(),
            ) =>
        {
            Ok(())
        }
        _ => Err(AppError::SetupTokenInvalid),
    }
}

#[derive(Debug, Clone, Default)]
pub struct SetupInput {
    pub city_name: String,
    pub region: String,
    pub default_locale: String,
    pub timezone: String,
    pub admin: SignupInput,
}

fn required(value: &str, field: &'static str, max: usize) -> Result<String, AppError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(citysync_domain::DomainError::Required(field).into());
    }
    if v.chars().count() > max {
        return Err(citysync_domain::DomainError::TooLong(field).into());
    }
    Ok(v.to_owned())
}

/// Creates the city and its first administrator (verified), consuming the setup token.
pub async fn complete_setup(ctx: &Ctx, token: &str, input: SetupInput) -> Result<User, AppError> {
    check_setup_token(ctx, token).await?;
    let name = required(&input.city_name, "city_name", 120)?;
    let region = required(&input.region, "region", 120)?;
    let locale = ctx
        .i18n
        .locale(&input.default_locale)
        .ok_or(AppError::LocaleUnsupported)?;
    let timezone: chrono_tz::Tz = input
        .timezone
        .trim()
        .parse()
        .map_err(|_| AppError::TimezoneInvalid)?;
    let account = NewAccount::validate_in(&input.admin, &name)?;
    let hash = passwords::hash(&account.password)?;
    let token_hash = secrets::hash_token(token);
    let ctx2 = ctx.clone();
    ctx.db
        .write(move |conn| {
            let row = instance::get(conn)?.ok_or(AppError::NotFound)?;
            if row.setup_token_hash.as_deref() != Some(token_hash.as_str()) {
                return Err(AppError::SetupTokenInvalid);
            }
            let details = instance::CityDetails {
                name: &name,
                region: &region,
                default_locale: locale.code(),
                timezone: timezone.name(),
            };
            if !instance::configure(conn, &details, ctx2.now())? {
                return Err(AppError::AlreadySetUp);
            }
            // The first epoch opens now, on the city's clock (not at first start, in UTC).
            crate::ledger::epochs::open_first(conn, &ctx2)?;
            let admin =
                accounts::insert_account(conn, &ctx2, &account, hash, true, true, Some(locale))?;
            // The first administrator publishes the city's notice: they accept the one in
            // force (the default version) as they set the city up.
            let in_force = crate::privacy_notice::in_force_in(conn)?;
            crate::privacy_notice::record_in(conn, &ctx2, &admin.id.to_string(), Some(in_force))?;
            Ok(admin)
        })
        .await
}

/// What the administrator's city settings form sends.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub name: String,
    pub description: String,
    pub default_locale: String,
    pub timezone: String,
    pub contact: String,
}

/// The settings a change can touch, as the trail names them (`action`).
pub const SETTING_FIELDS: [&str; 5] = [
    "name",
    "description",
    "timezone",
    "default_locale",
    "contact",
];

/// The trail's subject id for the city (there is one).
const CITY_SUBJECT: &str = "city";

/// How to reach the city: empty, an email address, or a web address (`https://…`).
pub fn parse_contact(input: &str) -> Result<String, AppError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    if s.contains("://") {
        return text::web_address(s).map_err(|_| AppError::ContactInvalid);
    }
    EmailAddress::parse(s)
        .map(|e| e.as_str().to_owned())
        .map_err(|_| AppError::ContactInvalid)
}

/// Saves the city's settings (administrators only). Each setting that changed is kept in the
/// trail — who, when, old and new value — in the same transaction. Returns how many changed.
pub async fn update_settings(
    ctx: &Ctx,
    admin: &User,
    input: &SettingsInput,
) -> Result<usize, AppError> {
    admin.require_admin()?;
    let name = text::required("name", &input.name, 120)?;
    let description = text::optional("description", &input.description, 2000)?;
    let locale = ctx
        .i18n
        .locale(input.default_locale.trim())
        .ok_or(AppError::LocaleUnsupported)?;
    let timezone: chrono_tz::Tz = input
        .timezone
        .trim()
        .parse()
        .map_err(|_| AppError::TimezoneInvalid)?;
    let contact = parse_contact(&input.contact)?;
    let (admin_id, now) = (admin.id.to_string(), ctx.now());
    ctx.db
        .write(move |conn| {
            instance::lock(conn)?;
            let row = instance::get(conn)?.ok_or(AppError::NotFound)?;
            let new = instance::CitySettings {
                name: &name,
                description: &description,
                default_locale: locale.code(),
                timezone: timezone.name(),
                contact: &contact,
            };
            let changes = [
                ("name", row.name.unwrap_or_default(), new.name),
                ("description", row.description, new.description),
                ("timezone", row.timezone, new.timezone),
                ("default_locale", row.default_locale, new.default_locale),
                ("contact", row.contact, new.contact),
            ];
            let mut changed = 0;
            for (field, old, new) in &changes {
                if old.as_str() == *new {
                    continue;
                }
                let detail = serde_json::json!({ "from": old, "to": new }).to_string();
                trail::record(
                    conn,
                    Subject::City,
                    CITY_SUBJECT,
                    field,
                    Some(&admin_id),
                    &detail,
                    now,
                )?;
                crate::privileged_log::record(
                    conn,
                    &crate::privileged_log::Entry::admin(
                        &admin_id,
                        crate::privileged_log::PrivilegedAction::CitySettingChanged,
                        crate::privileged_log::Subject::City,
                        CITY_SUBJECT,
                        now,
                    )
                    .detail(serde_json::json!({ "setting": field, "from": old, "to": new })),
                )?;
                changed += 1;
            }
            if changed > 0 {
                instance::update_settings(conn, &new)?;
            }
            Ok(changed)
        })
        .await
}

/// One change of a city setting, as the settings page lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SettingChange {
    /// One of [`SETTING_FIELDS`].
    pub field: String,
    pub from: String,
    pub to: String,
    /// Who changed it (a username); `None` for the system.
    pub actor: Option<String>,
    pub at: NaiveDateTime,
}

/// The latest `limit` changes of the city's settings, newest first (administrators only).
pub async fn settings_history(
    ctx: &Ctx,
    admin: &User,
    limit: i64,
) -> Result<Vec<SettingChange>, AppError> {
    admin.require_admin()?;
    let rows = ctx
        .run(move |conn| {
            Ok(events::recent_audit_of_kind(
                conn,
                Subject::City.as_str(),
                limit,
            )?)
        })
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, actor)| {
            let detail: serde_json::Value =
                serde_json::from_str(&row.detail).unwrap_or(serde_json::Value::Null);
            let part = |key: &str| {
                detail
                    .get(key)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            SettingChange {
                from: part("from"),
                to: part("to"),
                field: row.action,
                actor,
                at: row.occurred_at,
            }
        })
        .collect())
}
