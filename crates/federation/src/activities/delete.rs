//! `Delete`: a peer withdrew one of its objects; the kept copy becomes its `Tombstone`. Only
//! objects on the deleting actor's own host, and never ours.

use crate::actor::ApubActor;
use crate::objects::url_field;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::DeleteType;
use activitypub_federation::protocol::verification::verify_domains_match;
use activitypub_federation::traits::Activity;
use citysync_app::federation as fed;
use citysync_app::federation::remote;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delete {
    pub id: Url,
    pub actor: ObjectId<ApubActor>,
    #[serde(rename = "type")]
    pub kind: DeleteType,
    /// A `Tombstone` or the bare id.
    pub object: Value,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

impl Delete {
    fn object_id(&self) -> Result<Url, FedError> {
        match &self.object {
            Value::String(s) => Ok(Url::parse(s)?),
            object => url_field(object, "id"),
        }
    }
}

#[async_trait::async_trait]
impl Activity for Delete {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let object = self.object_id()?;
        if remote::is_ours(data.app_data(), &object) {
            return Err(FedError::Forbidden(
                "an object of this city cannot be deleted from outside".into(),
            ));
        }
        verify_domains_match(&object, self.actor.inner())?;
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let receipt = fed::Receipt::new(data.app_data(), &self.id, self.actor.inner());
        self.apply(data, &receipt).await
    }
}

impl Delete {
    /// Tombstones the object, in one transaction with the activity's receipt.
    pub async fn apply(
        &self,
        data: &Data<FederationData>,
        receipt: &fed::Receipt,
    ) -> Result<(), FedError> {
        let object = self.object_id()?;
        let tombstone = match &self.object {
            Value::Object(_) => self.object.clone(),
            _ => json!({ "type": "Tombstone", "id": object }),
        };
        remote::delete(
            data.app_data(),
            receipt,
            &object,
            self.actor.inner(),
            &serde_json::to_string(&tombstone)?,
        )
        .await?;
        Ok(())
    }
}
