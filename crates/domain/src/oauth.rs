//! OAuth 2 rules that need no IO (RFC 6749, PKCE per RFC 7636, the Security BCP RFC 9700):
//! the redirect URIs an app registers and their exact match, PKCE with S256 only, and how
//! long codes and tokens live.

use crate::DomainError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// An authorization code is good for ten minutes, once.
pub const CODE_SECONDS: i64 = 600;
/// An access token lives an hour; the app refreshes it.
pub const ACCESS_SECONDS: i64 = 3600;
/// A refresh token lives 90 days unless used (each use rotates it).
pub const REFRESH_DAYS: i64 = 90;
/// At most this many redirect URIs per app.
pub const MAX_REDIRECT_URIS: usize = 10;

/// The redirect URIs an app registered. A request's `redirect_uri` must equal one of them
/// character for character: no prefix, path, case or query variations (RFC 9700 §4.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedirectUris(Vec<String>);

impl RedirectUris {
    /// Parses whitespace-separated URIs. Each is `https:` with a host, `http:` on a loopback
    /// host (native apps, RFC 8252 §7.3), or a private-use scheme with a dot in it
    /// (`org.example.app:/callback`, RFC 8252 §7.1); none has a fragment, and each is
    /// written in its normalized form (`https://app.example/`, not `https://APP.example`).
    pub fn parse(text: &str) -> Result<RedirectUris, DomainError> {
        RedirectUris::from_list(text.split_whitespace().map(str::to_owned).collect())
    }

    /// The same rules for URIs given one by one (RFC 7591's JSON list): an item with
    /// whitespace in it is refused, not split.
    pub fn from_list(uris: Vec<String>) -> Result<RedirectUris, DomainError> {
        if uris.is_empty() {
            return Err(DomainError::Required("redirect_uris"));
        }
        if uris.len() > MAX_REDIRECT_URIS {
            return Err(DomainError::RedirectUriInvalid);
        }
        for uri in &uris {
            check_redirect_uri(uri)?;
        }
        Ok(RedirectUris(uris))
    }

    /// Whether `uri` is exactly one of the registered URIs.
    pub fn allows(&self, uri: &str) -> bool {
        self.0.iter().any(|registered| registered == uri)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// As stored: one per line.
    pub fn to_stored(&self) -> String {
        self.0.join("\n")
    }
}

fn check_redirect_uri(uri: &str) -> Result<(), DomainError> {
    let url = url::Url::parse(uri).map_err(|_| DomainError::RedirectUriInvalid)?;
    let bad = uri.len() > 500
        || url.fragment().is_some()
        || uri.contains('#')
        || uri.chars().any(|c| c.is_whitespace() || c.is_control())
        || url.username() != ""
        || url.password().is_some()
        // Written in the form it will be compared in: no `..`, upper-case host or the like.
        || url.as_str() != uri;
    if bad {
        return Err(DomainError::RedirectUriInvalid);
    }
    let ok = match url.scheme() {
        "https" => url.host_str().is_some_and(|h| !h.is_empty()),
        "http" => matches!(
            url.host_str(),
            Some("127.0.0.1") | Some("[::1]") | Some("localhost")
        ),
        // Private-use schemes name their app in reverse-domain form.
        scheme => scheme.contains('.') && !matches!(scheme, "javascript" | "data" | "file"),
    };
    if ok {
        Ok(())
    } else {
        Err(DomainError::RedirectUriInvalid)
    }
}

/// A PKCE code challenge, S256 only (`plain` is refused: RFC 9700 §2.1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeChallenge(String);

impl CodeChallenge {
    /// `method` must be `S256`; the challenge is 43 base64url characters (a SHA-256).
    pub fn parse(challenge: &str, method: &str) -> Result<CodeChallenge, DomainError> {
        if method != "S256" {
            return Err(DomainError::PkceInvalid);
        }
        let decoded = URL_SAFE_NO_PAD
            .decode(challenge)
            .map_err(|_| DomainError::PkceInvalid)?;
        if challenge.len() != 43 || decoded.len() != 32 {
            return Err(DomainError::PkceInvalid);
        }
        Ok(CodeChallenge(challenge.to_owned()))
    }

    /// As stored.
    pub fn from_stored(challenge: &str) -> CodeChallenge {
        CodeChallenge(challenge.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `verifier` (43–128 unreserved characters) hashes to this challenge.
    pub fn verifies(&self, verifier: &str) -> bool {
        let well_formed = (43..=128).contains(&verifier.len())
            && verifier
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
        well_formed && s256(verifier) == self.0
    }
}

/// The S256 transform: base64url, unpadded, of the verifier's SHA-256.
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn redirect_uris_match_exactly() {
        let uris = RedirectUris::parse(
            "https://app.example/cb\nhttp://127.0.0.1:7000/cb org.example.app:/cb",
        )
        .unwrap();
        assert!(uris.allows("https://app.example/cb"));
        assert!(uris.allows("http://127.0.0.1:7000/cb"));
        assert!(uris.allows("org.example.app:/cb"));
        for variant in [
            "https://app.example/cb/",
            "https://app.example/cb?x=1",
            "https://APP.example/cb",
            "https://app.example/CB",
            "https://app.example/cb/../x",
            "http://app.example/cb",
            "https://app.example/c",
            "https://app.example/cb#f",
            "https://app.example.evil/cb",
        ] {
            assert!(!uris.allows(variant), "{variant}");
        }
    }

    #[test]
    fn unsafe_redirect_uris_cannot_be_registered() {
        for bad in [
            "",
            "http://app.example/cb",
            "https://app.example/cb#frag",
            "javascript:alert(1)",
            "https://user:pw@app.example/cb",
            "https://app.example/a/../cb",
            "not a uri",
            "file:///etc/passwd",
        ] {
            assert!(RedirectUris::parse(bad).is_err(), "{bad}");
        }
        let many: Vec<String> = (0..11).map(|i| format!("https://a.example/{i}")).collect();
        assert!(RedirectUris::parse(&many.join(" ")).is_err());
        assert!(RedirectUris::from_list(many).is_err());
        assert!(RedirectUris::from_list(Vec::new()).is_err());
        assert!(
            RedirectUris::from_list(vec!["https://a.example/cb https://b.example/cb".into()])
                .is_err()
        );
        assert!(RedirectUris::from_list(vec!["https://a.example/cb".into()]).is_ok());
    }

    #[test]
    fn pkce_is_s256_only_and_checks_the_verifier() {
        // RFC 7636 appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert_eq!(s256(verifier), challenge);
        let c = CodeChallenge::parse(challenge, "S256").unwrap();
        assert!(c.verifies(verifier));
        assert!(!c.verifies("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj"));
        assert!(!c.verifies(challenge), "the challenge is not a verifier");
        assert!(!c.verifies("short"));
        assert!(CodeChallenge::parse(challenge, "plain").is_err());
        assert!(CodeChallenge::parse(verifier, "").is_err());
        assert!(CodeChallenge::parse("abc", "S256").is_err());
    }
}
