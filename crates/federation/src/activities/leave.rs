//! `Leave` of one of our opportunities (Mobilizon's way), or `Undo` of the `Join` (the
//! ActivityStreams way): the remote participant's place is freed. Nothing is answered.

use crate::activities::join::{local_opportunity, Join};
use crate::actor::ApubActor;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::{LeaveType, UndoType};
use activitypub_federation::protocol::verification::verify_urls_match;
use activitypub_federation::traits::Activity;
use citysync_app::claims::remote as participation;
use citysync_app::federation as fed;
use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Leave {
    pub actor: ObjectId<ApubActor>,
    /// The opportunity's id.
    pub object: Url,
    #[serde(rename = "type")]
    pub kind: LeaveType,
    pub id: Url,
}

/// `Undo` of a `Join`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoJoin {
    pub actor: ObjectId<ApubActor>,
    pub object: Join,
    #[serde(rename = "type")]
    pub kind: UndoType,
    pub id: Url,
}

/// Frees `actor`'s place on the opportunity `object` names, recording the activity with it.
async fn free_place(
    data: &Data<FederationData>,
    id: &Url,
    actor: &Url,
    object: &Url,
) -> Result<(), FedError> {
    let ctx = data.app_data();
    let Some(opportunity) = local_opportunity(ctx, object)? else {
        return Ok(());
    };
    let receipt = fed::Receipt::new(ctx, id, actor);
    let freed = participation::answer_leave(ctx, receipt, opportunity, actor.as_str()).await?;
    tracing::info!(%actor, %object, freed, "remote participant left");
    Ok(())
}

#[async_trait::async_trait]
impl Activity for Leave {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        local_opportunity(data.app_data(), &self.object)?;
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        free_place(data, &self.id, self.actor.inner(), &self.object).await
    }
}

#[async_trait::async_trait]
impl Activity for UndoJoin {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        // Only the joiner can undo its own join.
        verify_urls_match(self.actor.inner(), self.object.actor.inner())?;
        local_opportunity(data.app_data(), &self.object.object)?;
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        free_place(data, &self.id, self.actor.inner(), &self.object.object).await
    }
}
