//! `Update`: a peer changed one of its templates, opportunities or proposals; the newer
//! version replaces the kept copy (an older one, or one already deleted, changes nothing).
//! Like `Create`, only from a server this city follows and only of City/Sync's objects.

use super::incoming;
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::UpdateType;
use activitypub_federation::traits::Activity;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Update {
    pub id: Url,
    pub actor: ObjectId<ApubActor>,
    #[serde(rename = "type")]
    pub kind: UpdateType,
    pub object: Value,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

#[async_trait::async_trait]
impl Activity for Update {
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
