//! `Create` and `Update`: a peer publishes one of its templates, opportunities, proposals,
//! attestations or checkpoints, or changes one. Kept as theirs; it changes nothing of ours.
//! Only from a server this city follows, and only City/Sync's own objects; the rest is
//! acknowledged and ignored (see [`incoming`]). An `Update` replaces the kept copy with the
//! newer version (an older one, or one already deleted, changes nothing). The two differ
//! only in their `type`, so one macro writes both.

use super::incoming;
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::{CreateType, UpdateType};
use activitypub_federation::traits::Activity;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

macro_rules! publication {
    ($(#[$doc:meta])* $name:ident, $kind:ty) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            pub id: Url,
            pub actor: ObjectId<ApubActor>,
            #[serde(rename = "type")]
            pub kind: $kind,
            pub object: Value,
            #[serde(flatten)]
            pub rest: serde_json::Map<String, Value>,
        }

        #[async_trait::async_trait]
        impl Activity for $name {
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

            /// Taken only from a server this city follows, and only a City/Sync object;
            /// anything else is acknowledged and ignored (see [`incoming`]).
            async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
                let activity = serde_json::to_value(&self)?;
                incoming::receive_direct(data, &self.id, self.actor.inner(), &activity, &self.object)
                    .await
            }
        }
    };
}

publication!(
    /// A peer publishes one of its objects.
    Create,
    CreateType
);
publication!(
    /// A peer changed one of its objects.
    Update,
    UpdateType
);
