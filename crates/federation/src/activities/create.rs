//! `Create`: a peer publishes a template, an opportunity, a proposal, an attestation or a
//! checkpoint. Kept as theirs; it changes nothing of ours. Only from a server this city
//! follows, and only City/Sync's own objects; the rest is acknowledged and ignored.

use super::incoming;
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::CreateType;
use activitypub_federation::traits::Activity;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Create {
    pub id: Url,
    pub actor: ObjectId<ApubActor>,
    #[serde(rename = "type")]
    pub kind: CreateType,
    pub object: Value,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

#[async_trait::async_trait]
impl Activity for Create {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, _data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        Ok(())
    }

    /// Taken only from a server this city follows, and only a City/Sync object; anything
    /// else is acknowledged and ignored (see [`incoming`]).
    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let activity = serde_json::to_value(&self)?;
        incoming::receive_direct(data, &self.id, self.actor.inner(), &activity, &self.object).await
    }
}
