//! The ledger's use cases (docs/architecture.md, "The ledger"): posting through the hash-chained journal, minting
//! verified work, epochs and budgets, checkpoints, verification, wallets and the public
//! explorer. Offerings and redemptions at the counter are in `offerings` and `redemptions`.

pub mod caps;
pub mod check;
pub mod checkpoints;
pub mod epochs;
pub mod explorer;
pub mod funded;
pub mod journal;
pub mod minting;
pub mod settlement;
pub mod wallet;
pub mod writer;

pub use journal::{Journal, Operation};

use citysync_domain::epoch::EpochLength;

/// The city's ledger parameters (`[ledger]` in the configuration).
#[derive(Debug, Clone)]
pub struct LedgerSettings {
    pub epoch_length: EpochLength,
    /// A checkpoint is signed whenever the journal passes a multiple of this many entries
    /// (and at every epoch close).
    pub checkpoint_every: i64,
    /// How long a reservation (and its QR code) stays valid.
    pub reservation_minutes: i64,
    /// CITY expires this many epochs after it was earned; 0 keeps it forever.
    pub city_expiry_epochs: i64,
    /// Each resident's VOTE decays by this percentage at every epoch close; 0 never.
    pub vote_decay_percent: i64,
}

impl Default for LedgerSettings {
    fn default() -> LedgerSettings {
        LedgerSettings {
            epoch_length: EpochLength::default(),
            checkpoint_every: 1000,
            reservation_minutes: 180,
            city_expiry_epochs: 0,
            vote_decay_percent: 0,
        }
    }
}
