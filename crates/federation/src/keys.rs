//! Remote actors' public keys, parsed once (issue 29): the inbox verifies every signature
//! with a key it parsed from the actor's PEM the first time it saw that PEM.
//!
//! The memo is keyed by the PEM's own SHA-256, so it can never give a key other than the
//! one the PEM holds: a rotated key is a new PEM, parsed anew. It is kept per process (like
//! the inbox's rate tables), shared by the cities of a test process without harm for the
//! same reason. Which PEM an actor has is the actor cache's business
//! (`citysync_app::federation::cache`).

use crate::FedError;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Keys kept before the memo is emptied and filled anew.
const MAX_KEYS: usize = 10_000;

type Memo = Mutex<HashMap<[u8; 32], Arc<RsaPublicKey>>>;

fn memo() -> &'static Memo {
    static M: OnceLock<Memo> = OnceLock::new();
    M.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The RSA public key a PEM holds (SPKI, `PUBLIC KEY`, as actors publish them; PKCS#1,
/// `RSA PUBLIC KEY`, too), parsed at most once per process.
pub fn public_key(pem: &str) -> Result<Arc<RsaPublicKey>, FedError> {
    let id: [u8; 32] = Sha256::digest(pem.as_bytes()).into();
    if let Some(key) = memo()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&id)
    {
        return Ok(key.clone());
    }
    let key = Arc::new(
        RsaPublicKey::from_public_key_pem(pem)
            .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
            .map_err(|_| FedError::Signature("the actor's key is not an RSA public key".into()))?,
    );
    let mut keys = memo().lock().unwrap_or_else(PoisonError::into_inner);
    if keys.len() >= MAX_KEYS {
        keys.clear();
    }
    keys.insert(id, key.clone());
    Ok(key)
}
