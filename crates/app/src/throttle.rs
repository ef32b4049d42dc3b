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
pub(crate) fn check(
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

pub(crate) fn record(conn: &mut DbConnection, ctx: &Ctx, bucket: &str) -> Result<(), AppError> {
    rate::record(conn, bucket, ctx.now())?;
    Ok(())
}

/// Checks then records, for actions that count whether or not they succeed.
pub(crate) fn hit(
    conn: &mut DbConnection,
    ctx: &Ctx,
    bucket: &str,
    limit: Limit,
) -> Result<(), AppError> {
    check(conn, ctx, bucket, limit)?;
    record(conn, ctx, bucket)
}

/// Throttles a mail-sending request (`kind` is `resend` or `reset`) per address and per IP,
/// each on its own bucket, counting unknown addresses like known ones.
pub(crate) fn mail_request(
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

/// The address a throttle counts a request against: the peer's, unless the peer is one of
/// the city's `trusted_proxies`; then the right-most `X-Forwarded-For` hop that is not a
/// trusted proxy (each proxy appends the address it saw, so every hop left of the last
/// untrusted one was written by someone who could choose it). A relayed request whose hops
/// are all trusted, or whose header is missing or malformed, counts as the peer's.
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    forwarded_for: &[&str],
    trusted: &[ipnet::IpNet],
) -> String {
    let Some(peer) = peer else {
        return "unknown".to_owned();
    };
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer.to_string();
    }
    let mut hops = Vec::new();
    for value in forwarded_for {
        for hop in value.split(',') {
            match parse_hop(hop) {
                Some(ip) => hops.push(ip),
                // Garbage in the chain: nothing in it can be believed.
                None => return peer.to_string(),
            }
        }
    }
    hops.into_iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer)
        .to_string()
}

/// One `X-Forwarded-For` hop: an address, maybe with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_hop(hop: &str) -> Option<std::net::IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse::<std::net::IpAddr>() {
        return Some(ip);
    }
    hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip())
}

/// Parses the `trusted_proxies` setting: CIDRs (`10.0.0.0/8`) or single addresses.
pub fn parse_networks(items: &[String]) -> Result<Vec<ipnet::IpNet>, String> {
    items
        .iter()
        .map(|item| {
            let item = item.trim();
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("not a CIDR or an address: {item:?}"))
        })
        .collect()
}
