//! The city itself: its keys (made once, at first start), its first-run setup and its details.

use crate::accounts::{self, NewAccount, SignupInput, User};
use crate::{passwords, secrets, AppError, Ctx};
use citysync_i18n::Locale;
use citysync_storage::{instance, users};
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

/// What start-up learned: the one-time setup token while no administrator exists.
#[derive(Debug, Clone)]
pub struct Startup {
    pub setup_token: Option<String>,
}

/// An RSA-2048 key pair in PEM (PKCS#8 private, SPKI public), as ActivityPub HTTP signatures use.
pub fn generate_rsa_keypair() -> Result<(String, String), AppError> {
    let private = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let private_pem = private
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|e| AppError::Internal(e.to_string()))?
        .to_string();
    let public_pem = private
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|e| AppError::Internal(e.to_string()))?;
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
    let existing = ctx.db.run(instance::get).await?;
    if existing.is_none() {
        let (public_pem, private_pem) = tokio::task::spawn_blocking(generate_rsa_keypair)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
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
                            default_locale: Locale::En.code().to_owned(),
                            timezone: "UTC".to_owned(),
                            public_key_pem: public_pem,
                            private_key_pem: private_pem,
                            setup_token_hash: None,
                            created_at: now,
                            configured_at: None,
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
    let row = ctx.db.run(instance::get).await?.ok_or(AppError::NotFound)?;
    Ok(City {
        name: row.name,
        region: row.region,
        default_locale: Locale::from_code(&row.default_locale).unwrap_or(Locale::En),
        timezone: row.timezone,
        configured: row.configured_at.is_some(),
        public_key_pem: row.public_key_pem,
    })
}

/// The city's private key (for signing activities and checkpoints).
pub async fn private_key_pem(ctx: &Ctx) -> Result<String, AppError> {
    Ok(ctx
        .db
        .run(instance::get)
        .await?
        .ok_or(AppError::NotFound)?
        .private_key_pem)
}

/// Whether `token` is the current setup token (and setup is still open).
pub async fn check_setup_token(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let row = ctx.db.run(instance::get).await?.ok_or(AppError::NotFound)?;
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
    let locale = Locale::from_code(&input.default_locale).ok_or(AppError::LocaleUnsupported)?;
    let timezone: chrono_tz::Tz = input
        .timezone
        .trim()
        .parse()
        .map_err(|_| AppError::TimezoneInvalid)?;
    let account = NewAccount::validate(&input.admin)?;
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
            accounts::insert_account(conn, &ctx2, &account, hash, true, true, Some(locale))
        })
        .await
}
