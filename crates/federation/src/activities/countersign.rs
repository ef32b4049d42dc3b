//! `Countersign`: a peer city that follows us witnessed one of our ledger checkpoints and
//! sends its countersignature (its ledger key's Ed25519 signature over the witness
//! statement: our domain, the sequence number, the head hash and our own signature).

use crate::actor::{urls, ApubActor};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::traits::Activity;
use citysync_app::federation as fed;
use citysync_app::federation::publications::Kind;
use citysync_app::federation::witness::{self, IncomingCountersignature};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

/// A `Countersign`'s `type` as this city writes it: the AS2 `Activity`, then City/Sync's own
/// (so any ActivityStreams parser reads it as an activity). Received, the bare
/// `Countersign` of earlier versions and either order are read.
pub const TYPE: [&str; 2] = ["Activity", "Countersign"];

/// The `type` of a received `Countersign`: `Countersign`, or a list that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountersignType;

impl<'de> Deserialize<'de> for CountersignType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Types {
            One(String),
            Many(Vec<String>),
        }
        let ours = match Types::deserialize(d)? {
            Types::One(t) => t == "Countersign",
            Types::Many(ts) => ts.iter().any(|t| t == "Countersign"),
        };
        if ours {
            Ok(CountersignType)
        } else {
            Err(serde::de::Error::custom("not a Countersign"))
        }
    }
}

impl Serialize for CountersignType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TYPE.serialize(s)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Countersign {
    pub id: Url,
    pub actor: ObjectId<ApubActor>,
    #[serde(rename = "type")]
    pub kind: CountersignType,
    /// Our checkpoint's id.
    pub object: Url,
    pub sequence: i64,
    pub head_hash: String,
    pub ledger_signature: String,
    pub witness_signature: String,
    pub witness_key: String,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

const MAX_HEX: usize = 256;

#[async_trait::async_trait]
impl Activity for Countersign {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let ours = urls::object(
            &data.app_data().settings,
            Kind::Checkpoint,
            &self.sequence.to_string(),
        );
        if self.object != ours {
            return Err(FedError::Invalid(
                "the object is not our checkpoint at that sequence number".into(),
            ));
        }
        for (field, value) in [
            ("headHash", &self.head_hash),
            ("ledgerSignature", &self.ledger_signature),
            ("witnessSignature", &self.witness_signature),
            ("witnessKey", &self.witness_key),
        ] {
            if value.len() > MAX_HEX {
                return Err(FedError::Invalid(format!("{field} is too long")));
            }
        }
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let ctx = data.app_data();
        let receipt = fed::Receipt::new(ctx, &self.id, self.actor.inner());
        let new = witness::receive_countersignature(
            ctx,
            &receipt,
            IncomingCountersignature {
                witness_actor: self.actor.inner().clone(),
                seq: self.sequence,
                head_hash: self.head_hash,
                ledger_signature: self.ledger_signature,
                signature: self.witness_signature,
                witness_key: self.witness_key,
            },
        )
        .await?;
        tracing::info!(witness = %self.actor.inner(), seq = self.sequence, new, "checkpoint countersigned");
        Ok(())
    }
}
