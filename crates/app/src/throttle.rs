//! Throttles on the paths attackers hammer: login (per IP and per account), verification
//! resend and password reset (per address and per IP, each on its own bucket).

use crate::{AppError, Ctx};
use chrono::Duration;
use citysync_storage::{rate, DbConnection};

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
}

/// 25 failed logins per IP in 5 minutes (the 26th is refused).
pub const LOGIN_PER_IP: Limit = Limit {
    max: 25,
    window_secs: 300,
};
/// 100 failed logins per account per hour, whatever the IPs.
pub const LOGIN_PER_ACCOUNT: Limit = Limit {
    max: 100,
    window_secs: 3600,
};
/// Verification or reset mails per address per hour.
pub const MAIL_PER_ADDRESS: Limit = Limit {
    max: 3,
    window_secs: 3600,
};
/// Verification or reset mails per IP per hour.
pub const MAIL_PER_IP: Limit = Limit {
    max: 10,
    window_secs: 3600,
};
/// Sign-ups per IP per hour.
pub const SIGNUP_PER_IP: Limit = Limit {
    max: 10,
    window_secs: 3600,
};

/// Refuses when `bucket` already holds `limit.max` events in the window.
pub fn check(
    conn: &mut DbConnection,
    ctx: &Ctx,
    bucket: &str,
    limit: Limit,
) -> Result<(), AppError> {
    let since = ctx.now() - Duration::seconds(limit.window_secs);
    if rate::count_since(conn, bucket, since)? >= limit.max {
        return Err(AppError::Throttled {
            retry_after_secs: limit.window_secs as u64,
        });
    }
    Ok(())
}

pub fn record(conn: &mut DbConnection, ctx: &Ctx, bucket: &str) -> Result<(), AppError> {
    rate::record(conn, bucket, ctx.now())?;
    Ok(())
}

/// Checks then records, for actions that count whether or not they succeed.
pub fn hit(conn: &mut DbConnection, ctx: &Ctx, bucket: &str, limit: Limit) -> Result<(), AppError> {
    check(conn, ctx, bucket, limit)?;
    record(conn, ctx, bucket)
}

/// Throttles a mail-sending request (`kind` is `resend` or `reset`) per address and per IP,
/// each on its own bucket, counting unknown addresses like known ones.
pub fn mail_request(
    conn: &mut DbConnection,
    ctx: &Ctx,
    kind: &str,
    email: &str,
    ip: &str,
) -> Result<(), AppError> {
    hit(conn, ctx, &format!("{kind}-ip:{ip}"), MAIL_PER_IP)?;
    hit(
        conn,
        ctx,
        &format!("{kind}-email:{email}"),
        MAIL_PER_ADDRESS,
    )
}
