//! The privileged-action log: one append-only, gapless, hash-chained list of every act done
//! in a privileged capacity — an administrator's, a verifier's, a cashier's, a registrar's,
//! an organization owner's, the operator's at the command line — and of the acts on a
//! person's rights (export, deletion, second factor).
//!
//! Every use case that performs such an act calls [`record`] inside its own transaction,
//! after the act's own writes:
//!
//! ```text
//! privileged_log::record(conn, &Entry::new(actor, Capacity::Administrator,
//!     PrivilegedAction::OrganizationApproved, Subject::Organization, &org_id, now)
//!     .detail(json!({ "handle": handle })))?;
//! ```
//!
//! Appending locks the log's head row (PostgreSQL `FOR UPDATE`; on SQLite the write
//! transaction already holds the only write lock), so the sequence is gapless and the chain
//! linear even under concurrent acts; if the act fails, its entry is rolled back with it.
//! Each entry's hash is SHA-256 over the canonical JSON (RFC 8785) of its fields and the
//! previous entry's hash; [`verify`] walks the chain and names the first entry that does not
//! hold. There is no update or delete path, and the database's triggers refuse both.

mod listing;

pub use listing::{csv, export, list, LogFilter, LogLine, LogPage, CSV_MAX};

use crate::{AppError, Ctx};
use chrono::NaiveDateTime;
use citysync_storage::privileged_log as store;
use citysync_storage::DbConnection;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Entries on one page of the log.
pub const PAGE_SIZE: i64 = 50;

/// In which capacity the actor acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    Administrator,
    Verifier,
    Cashier,
    Registrar,
    /// An organization's owner acting on its roles, or a person acting on their own account
    /// (data export, deletion, second factor).
    Owner,
    /// The operator at the command line, or the system itself (no user).
    Operator,
}

impl Capacity {
    pub const ALL: [Capacity; 6] = [
        Capacity::Administrator,
        Capacity::Verifier,
        Capacity::Cashier,
        Capacity::Registrar,
        Capacity::Owner,
        Capacity::Operator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Capacity::Administrator => "administrator",
            Capacity::Verifier => "verifier",
            Capacity::Cashier => "cashier",
            Capacity::Registrar => "registrar",
            Capacity::Owner => "owner",
            Capacity::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<Capacity> {
        Capacity::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// What was done. The names are stable: they are stored, hashed, exported in CSV and
        /// are the Fluent ids' tails (`privileged-action-<name with dashes>`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum PrivilegedAction {
            $($(#[$doc])* $variant,)*
        }

        impl PrivilegedAction {
            pub const ALL: &'static [PrivilegedAction] = &[$(PrivilegedAction::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(PrivilegedAction::$variant => $name,)*
                }
            }
        }
    };
}

actions! {
    // Administrators.
    OrganizationApproved => "organization_approved",
    OrganizationDeclined => "organization_declined",
    AccountSuspended => "account_suspended",
    AccountRestored => "account_restored",
    AdministratorGranted => "administrator_granted",
    AdministratorRevoked => "administrator_revoked",
    CitySettingChanged => "city_setting_changed",
    TaxonomyChanged => "taxonomy_changed",
    BudgetChanged => "budget_changed",
    SettlementTermsChanged => "settlement_terms_changed",
    SettlementMarkedPaid => "settlement_marked_paid",
    IdentityMethodChanged => "identity_method_changed",
    ModerationDecided => "moderation_decided",
    ProtocolImported => "protocol_imported",
    CycleCreated => "cycle_created",
    CycleEdited => "cycle_edited",
    CyclePhaseAdvanced => "cycle_phase_advanced",
    // Verifiers.
    ProofApproved => "proof_approved",
    ProofRejected => "proof_rejected",
    /// One check-in confirmed in a verifier's bulk confirmation (an on-site claim's
    /// approval is its own `proof_approved` entry besides).
    AttendanceConfirmed => "attendance_confirmed",
    // Cashiers.
    RedemptionHonored => "redemption_honored",
    // Registrars.
    ResidentVerified => "resident_verified",
    ResidentVerificationRevoked => "resident_verification_revoked",
    // Organization roles.
    MemberInvited => "member_invited",
    InvitationAccepted => "invitation_accepted",
    MemberRoleChanged => "member_role_changed",
    MemberRemoved => "member_removed",
    // Federation policy.
    PeerBlocked => "peer_blocked",
    PeerAllowed => "peer_allowed",
    /// A domain taken off the block list or the allowlist.
    PeerUnblocked => "peer_unblocked",
    PeerFollowed => "peer_followed",
    // Governance.
    ParameterEnacted => "parameter_enacted",
    // Rights.
    DataExported => "data_exported",
    AccountDeleted => "account_deleted",
    LegalHoldSet => "legal_hold_set",
    LegalHoldLifted => "legal_hold_lifted",
    PrivacyNoticePublished => "privacy_notice_published",
    SecondFactorEnrolled => "second_factor_enrolled",
    SecondFactorDisabled => "second_factor_disabled",
    SecondFactorRecoveryUsed => "second_factor_recovery_used",
}

impl PrivilegedAction {
    pub fn parse(s: &str) -> Option<PrivilegedAction> {
        PrivilegedAction::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == s)
    }

    /// The Fluent id of its name in words.
    pub fn message_id(self) -> String {
        format!("privileged-action-{}", self.as_str().replace('_', "-"))
    }
}

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Organization,
    Account,
    /// The city's settings (id `city`) or the whole instance.
    City,
    Category,
    Budget,
    Settlement,
    IdentityMethod,
    Comment,
    Protocol,
    Cycle,
    Claim,
    Redemption,
    Peer,
    Proposal,
    Parameter,
    PrivacyNotice,
    LegalHold,
}

impl Subject {
    pub const ALL: [Subject; 17] = [
        Subject::Organization,
        Subject::Account,
        Subject::City,
        Subject::Category,
        Subject::Budget,
        Subject::Settlement,
        Subject::IdentityMethod,
        Subject::Comment,
        Subject::Protocol,
        Subject::Cycle,
        Subject::Claim,
        Subject::Redemption,
        Subject::Peer,
        Subject::Proposal,
        Subject::Parameter,
        Subject::PrivacyNotice,
        Subject::LegalHold,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Organization => "organization",
            Subject::Account => "account",
            Subject::City => "city",
            Subject::Category => "category",
            Subject::Budget => "budget",
            Subject::Settlement => "settlement",
            Subject::IdentityMethod => "identity_method",
            Subject::Comment => "comment",
            Subject::Protocol => "protocol",
            Subject::Cycle => "cycle",
            Subject::Claim => "claim",
            Subject::Redemption => "redemption",
            Subject::Peer => "peer",
            Subject::Proposal => "proposal",
            Subject::Parameter => "parameter",
            Subject::PrivacyNotice => "privacy_notice",
            Subject::LegalHold => "legal_hold",
        }
    }

    pub fn parse(s: &str) -> Option<Subject> {
        Subject::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// One act to record.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The acting user's id; `None` for the operator (CLI) and the system.
    pub actor: Option<String>,
    pub capacity: Capacity,
    pub action: PrivilegedAction,
    pub subject: Subject,
    pub subject_id: String,
    /// A short JSON object: what a reader needs beside the subject (a handle, a reason, a
    /// setting's name). Nothing secret, no more personal data than the act itself names.
    pub detail: serde_json::Value,
    pub at: NaiveDateTime,
}

impl Entry {
    /// An entry with an empty detail; `actor` is a user id, or `None` for the operator.
    pub fn new(
        actor: Option<&str>,
        capacity: Capacity,
        action: PrivilegedAction,
        subject: Subject,
        subject_id: &str,
        at: NaiveDateTime,
    ) -> Entry {
        Entry {
            actor: actor.map(str::to_owned),
            capacity,
            action,
            subject,
            subject_id: subject_id.to_owned(),
            detail: serde_json::Value::Object(serde_json::Map::new()),
            at,
        }
    }

    /// An administrator's act.
    pub fn admin(
        actor: &str,
        action: PrivilegedAction,
        subject: Subject,
        subject_id: &str,
        at: NaiveDateTime,
    ) -> Entry {
        Entry::new(
            Some(actor),
            Capacity::Administrator,
            action,
            subject,
            subject_id,
            at,
        )
    }

    /// An act of the operator at the command line (no user).
    pub fn operator(
        action: PrivilegedAction,
        subject: Subject,
        subject_id: &str,
        at: NaiveDateTime,
    ) -> Entry {
        Entry::new(None, Capacity::Operator, action, subject, subject_id, at)
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Entry {
        self.detail = detail;
        self
    }
}

/// Appends `entry` in a transaction of its own: the tests' way to fill the log.
#[cfg(feature = "test-kit")]
pub async fn record_now(ctx: &Ctx, entry: Entry) -> Result<i64, AppError> {
    ctx.db.write(move |conn| record(conn, &entry)).await
}

/// Appends `entry` to the log, in the caller's transaction (which must be a write
/// transaction: `ctx.db.write` or `storage::db::write_transaction`). Returns its sequence
/// number.
pub(crate) fn record(conn: &mut DbConnection, entry: &Entry) -> Result<i64, AppError> {
    // The ledger's head first: an act may post to the ledger after it records (a cycle's
    // close enacts a parameter, then funds a budget) or before (a budget set), and one lock
    // order for the two heads keeps PostgreSQL from deadlocking them. It is held to the
    // act's commit, which privileged acts (rare) can afford.
    citysync_storage::ledger::lock_head(conn)?;
    append(conn, entry)
}

/// [`record`] by an act that holds the ledger's head already (its `journal`, as a cashier's
/// confirmation in the ledger writer's group): the lock order is kept without locking the
/// head a second time.
pub(crate) fn record_in_journal(
    conn: &mut DbConnection,
    _journal: &crate::ledger::Journal,
    entry: &Entry,
) -> Result<i64, AppError> {
    append(conn, entry)
}

/// Appends `entry` under the log's own head; the ledger's head is the caller's.
fn append(conn: &mut DbConnection, entry: &Entry) -> Result<i64, AppError> {
    let (head_seq, head_hash) = store::lock_head(conn)?;
    let detail = serde_json_canonicalizer::to_string(&entry.detail)
        .map_err(|e| AppError::internal(format!("privileged log detail: {e}")))?;
    let mut row = store::PrivilegedActionRow {
        seq: head_seq + 1,
        occurred_at: truncate_micros(entry.at),
        actor_id: entry.actor.clone(),
        capacity: entry.capacity.as_str().to_owned(),
        kind: entry.action.as_str().to_owned(),
        subject_kind: entry.subject.as_str().to_owned(),
        subject_id: entry.subject_id.clone(),
        detail,
        prev_hash: head_hash,
        hash: String::new(),
    };
    row.hash = hash_of(&row)?;
    store::append(conn, &row)?;
    Ok(row.seq)
}

fn truncate_micros(at: NaiveDateTime) -> NaiveDateTime {
    citysync_storage::stored_time(at.and_utc())
}

/// SHA-256 (hex) over the canonical JSON of every field but the hash itself.
pub fn hash_of(row: &store::PrivilegedActionRow) -> Result<String, AppError> {
    let fields = serde_json::json!({
        "seq": row.seq,
        "occurred_at": row.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "actor_id": row.actor_id,
        "capacity": row.capacity,
        "kind": row.kind,
        "subject_kind": row.subject_kind,
        "subject_id": row.subject_id,
        "detail": row.detail,
        "prev_hash": row.prev_hash,
    });
    let canonical = serde_json_canonicalizer::to_vec(&fields)
        .map_err(|e| AppError::internal(format!("privileged log hash: {e}")))?;
    Ok(hex::encode(Sha256::digest(&canonical)))
}

/// Why an entry breaks the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Break {
    /// Its sequence number is not the one after the previous entry's (one is missing).
    Gap,
    /// Its `prev_hash` is not the previous entry's hash.
    Link,
    /// Its hash does not match its fields (it was changed).
    Hash,
    /// The head's hash is not the last entry's.
    Head,
}

impl Break {
    /// In words, for the operator's terminal.
    pub fn describe(self) -> &'static str {
        match self {
            Break::Gap => "missing",
            Break::Link => "its previous hash is not the entry before it",
            Break::Hash => "changed after it was written: its hash does not match",
            Break::Head => "the log's head does not match its last entry",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Break::Gap => "gap",
            Break::Link => "link",
            Break::Hash => "hash",
            Break::Head => "head",
        }
    }
}

/// The first entry that does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Broken {
    pub seq: i64,
    pub reason: Break,
}

/// What walking the chain found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    /// Entries walked.
    pub entries: i64,
    /// `None` when the chain holds.
    pub broken: Option<Broken>,
}

impl ChainCheck {
    pub fn holds(&self) -> bool {
        self.broken.is_none()
    }
}

/// Walks the whole chain from the first entry to the head and names the first broken one.
/// The head is read first and unlocked: entries appended meanwhile lie beyond it and are
/// left for the next walk, so verifying never blocks an act.
pub(crate) fn check(conn: &mut DbConnection) -> Result<ChainCheck, AppError> {
    const BATCH: i64 = 500;
    let (head_seq, head_hash) = store::head(conn)?;
    let mut expected_seq = 1;
    let mut prev_hash = GENESIS.to_owned();
    let mut entries = 0;
    let broken = |seq, reason, entries| ChainCheck {
        entries,
        broken: Some(Broken { seq, reason }),
    };
    loop {
        let rows = store::page_after(conn, expected_seq - 1, head_seq, BATCH)?;
        let done = (rows.len() as i64) < BATCH;
        for row in rows {
            // A gap is named by the missing number.
            if row.seq != expected_seq {
                return Ok(broken(expected_seq, Break::Gap, entries));
            }
            if row.prev_hash != prev_hash {
                return Ok(broken(row.seq, Break::Link, entries));
            }
            if hash_of(&row)? != row.hash {
                return Ok(broken(row.seq, Break::Hash, entries));
            }
            entries += 1;
            expected_seq += 1;
            prev_hash = row.hash;
        }
        if done {
            break;
        }
    }
    if expected_seq - 1 != head_seq {
        // The head names entries that are not there: removed at the end.
        return Ok(broken(expected_seq, Break::Gap, entries));
    }
    if prev_hash != head_hash {
        return Ok(broken(head_seq, Break::Head, entries));
    }
    Ok(ChainCheck {
        entries,
        broken: None,
    })
}

/// [`verify`] through the pool (the admin page, the CLI).
pub async fn check_chain(ctx: &Ctx) -> Result<ChainCheck, AppError> {
    ctx.run(check).await
}
