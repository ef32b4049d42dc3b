//! An activity as queued in the delivery table: sent exactly as stored, signed at send time.

use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::traits::Activity;
use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredActivity {
    pub id: Url,
    pub actor: Url,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

#[async_trait::async_trait]
impl Activity for StoredActivity {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        Err(FedError::Invalid(
            "stored activities are only sent, never received".into(),
        ))
    }

    async fn receive(self, _data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        Err(FedError::Invalid(
            "stored activities are only sent, never received".into(),
        ))
    }
}
