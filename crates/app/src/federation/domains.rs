//! Domains in the administrator's block and allow lists: one normalization for the pages,
//! the command line and the inbox, so a domain blocked anywhere matches what peers send.

use crate::AppError;
use std::net::{Ipv4Addr, Ipv6Addr};
use url::{Host, Url};

/// The longest domain name DNS can carry, and its longest label.
const MAX_DOMAIN_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// Normalizes a domain as typed by an administrator or taken from a URL for block/allow lists:
/// trims, lowercases, strips one trailing dot, strips a port, converts Unicode to punycode
/// (IDNA through the `url` crate), refuses empty input, malformed IP literals, and anything
/// with a path or userinfo. "EVIL.test", "evil.test.", "evil.test:443" and
/// "https://evil.test/x" all give "evil.test". IP addresses come out in the `url` crate's
/// form: "1.2.3.4", "[::1]".
pub fn normalize_domain(input: &str) -> Result<String, AppError> {
    let input = input.trim();
    let invalid = || AppError::DomainInvalid;
    if input.is_empty() {
        return Err(invalid());
    }
    let host = if input.contains("://") {
        // A whole URL: only its host counts; credentials in it are refused.
        let url = Url::parse(input).map_err(|_| invalid())?;
        if !matches!(url.scheme(), "http" | "https")
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(invalid());
        }
        url.host().ok_or_else(invalid)?.to_owned()
    } else {
        if input
            .chars()
            .any(|c| matches!(c, '/' | '\\' | '@' | '?' | '#' | '%') || c.is_whitespace())
        {
            return Err(invalid());
        }
        Host::parse(&strip_port(input).ok_or_else(invalid)?).map_err(|_| invalid())?
    };
    match host {
        // IPs as the `url` crate writes them (`Url::host_str`), e.g. "[::ffff:7f00:1]".
        Host::Ipv4(_) | Host::Ipv6(_) => Ok(host.to_string()),
        Host::Domain(domain) => {
            // IDNA has mapped case and Unicode already; one trailing dot is the root label.
            let domain = domain
                .strip_suffix('.')
                .unwrap_or(&domain)
                .to_ascii_lowercase();
            let well_formed = !domain.is_empty()
                && domain.len() <= MAX_DOMAIN_LEN
                && domain.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= MAX_LABEL_LEN
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                });
            if well_formed {
                Ok(domain)
            } else {
                Err(invalid())
            }
        }
    }
}

/// "host:port" → "host", "[v6]:port" → "[v6]"; a bare IPv6 address gets its brackets. None
/// when the port is not a number.
fn strip_port(input: &str) -> Option<std::borrow::Cow<'_, str>> {
    if input.starts_with('[') {
        let end = input.find(']')?;
        let (host, rest) = input.split_at_checked(end + 1)?;
        return match rest.strip_prefix(':') {
            None if rest.is_empty() => Some(host.into()),
            Some(port) if port.parse::<u16>().is_ok() => Some(host.into()),
            _ => None,
        };
    }
    match input.matches(':').count() {
        0 => Some(input.into()),
        1 => {
            let (host, port) = input.split_once(':')?;
            port.parse::<u16>().ok().map(|_| host.into())
        }
        // Several colons and no brackets: only an IPv6 address is acceptable.
        _ => input
            .parse::<Ipv6Addr>()
            .ok()
            .map(|ip| format!("[{ip}]").into()),
    }
}

/// The one normalization of the domain lists: [`normalize_domain`], except that on
/// `localhost` (several cities sharing one machine, as the federation tests run) an explicit
/// port is kept and names one of them. Anywhere else a port is a variant of the same domain
/// and is dropped, so blocking `evil.test:443` blocks evil.test.
pub fn normalize_peer(input: &str) -> Result<String, AppError> {
    let domain = normalize_domain(input)?;
    if domain != "localhost" {
        return Ok(domain);
    }
    let trimmed = input.trim();
    let authority = trimmed
        .split_once("://")
        .map_or(trimmed, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("");
    Ok(
        match authority
            .rsplit_once(':')
            .and_then(|(_, p)| p.parse::<u16>().ok())
        {
            Some(port) => format!("{domain}:{port}"),
            None => domain,
        },
    )
}

/// The one form of a host wherever peers are compared (blocks, allowlists, origin checks,
/// delivery groups, the outbound guard): IDNA to ASCII (which lowercases), trailing dots
/// stripped (`runsc.` is the fully qualified `runsc`, the same host to DNS), IP addresses as
/// the `url` crate writes them. Never fails: a host `url` cannot parse is lowercased and
/// stripped the same way, so it still compares equal only to itself.
pub fn canonical_host(host: &str) -> String {
    let host = host.trim();
    match Host::parse(host) {
        Ok(Host::Domain(domain)) => domain.trim_end_matches('.').to_owned(),
        Ok(ip) => ip.to_string(),
        Err(_) => host.trim_end_matches('.').to_ascii_lowercase(),
    }
}

/// The peer a URL belongs to: its [`canonical_host`], with the port when it is not the
/// scheme's default (`url` drops default ports when it parses). Empty without a host.
pub fn peer_of_url(url: &Url) -> String {
    let host = match url.host() {
        Some(Host::Domain(domain)) => canonical_host(domain),
        Some(ip) => ip.to_string(),
        None => return String::new(),
    };
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

/// A peer named as `host` or `host:port` (a delivery row, a policy entry) in the form
/// [`peer_of_url`] gives.
pub fn canonical_peer(peer: &str) -> String {
    let peer = peer.trim();
    let (host, port) = match peer.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() && !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            // "[::1]:80" has a port; a bare "::1" does not.
            if h.starts_with('[') || !h.contains(':') {
                (h, Some(p))
            } else {
                (peer, None)
            }
        }
        _ => (peer, None),
    };
    let host = canonical_host(host);
    match port {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

/// Whether a peer (`host` or `host:port`, as deliveries and inboxes name it) is covered by a
/// policy entry (`domain` or `domain:port`): a bare domain covers its subdomains on every
/// port; an entry with a port covers that port, and the default port when none is given.
pub fn peer_matches(peer: &str, entry: &str) -> bool {
    let split = |s: &str| -> (String, Option<u16>) {
        match s.rsplit_once(':') {
            Some((h, p))
                if !h.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty() =>
            {
                (h.to_owned(), p.parse().ok())
            }
            _ => (s.to_owned(), None),
        }
    };
    let (peer_host, peer_port) = split(peer);
    let (entry_host, entry_port) = split(entry);
    match entry_port {
        None => domain_matches(&peer_host, &entry_host),
        Some(p) => {
            peer_host == entry_host
                && (peer_port == Some(p) || (peer_port.is_none() && (p == 443 || p == 80)))
        }
    }
}

/// Whether `host` (already normalized) is `domain` or a subdomain of it, on a label boundary:
/// "a.evil.test" matches "evil.test"; "a.test.evil" and "notevil.test" do not. IP addresses
/// only match themselves.
pub fn domain_matches(host: &str, domain: &str) -> bool {
    if host.is_empty() || domain.is_empty() {
        return false;
    }
    if host == domain {
        return true;
    }
    let is_ip = |s: &str| s.starts_with('[') || s.parse::<Ipv4Addr>().is_ok();
    if is_ip(host) || is_ip(domain) {
        return false;
    }
    host.strip_suffix(domain)
        .is_some_and(|prefix| prefix.ends_with('.') && prefix.len() > 1)
}
