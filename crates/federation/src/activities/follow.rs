//! Follow, and the answers to it: Accept, Reject, Undo.
//! A peer city follows our city; we accept and queue the Accept in the same transaction.

use crate::actor::{urls, ApubActor};
use crate::objects::context;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::{AcceptType, FollowType, RejectType, UndoType};
use activitypub_federation::protocol::context::WithContext;
use activitypub_federation::protocol::verification::verify_urls_match;
use activitypub_federation::traits::{Activity, Actor};
use citysync_app::federation as fed;
use citysync_domain::lifecycle::FollowState;
use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    pub actor: ObjectId<ApubActor>,
    pub object: ObjectId<ApubActor>,
    #[serde(rename = "type")]
    pub kind: FollowType,
    pub id: Url,
}

/// A followed actor's answer to a `Follow`: `Accept` or `Reject`, told apart by `type`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowAnswer<Kind> {
    pub actor: ObjectId<ApubActor>,
    pub object: Follow,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub id: Url,
}

pub type Accept = FollowAnswer<AcceptType>;
pub type Reject = FollowAnswer<RejectType>;

/// The follow state an answer leaves behind.
pub trait AnswerKind {
    const STATE: FollowState;
}
impl AnswerKind for AcceptType {
    const STATE: FollowState = FollowState::Accepted;
}
impl AnswerKind for RejectType {
    const STATE: FollowState = FollowState::Rejected;
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Undo {
    pub actor: ObjectId<ApubActor>,
    pub object: Follow,
    #[serde(rename = "type")]
    pub kind: UndoType,
    pub id: Url,
}

impl Follow {
    pub fn new(follower: &ApubActor, target: &ApubActor, data: &Data<FederationData>) -> Follow {
        Follow {
            actor: follower.ap_id.clone().into(),
            object: target.ap_id.clone().into(),
            kind: FollowType::Follow,
            id: urls::activity(&data.app_data().settings, "follow"),
        }
    }
}

/// The JSON document of an outgoing activity, with our `@context`.
pub fn to_document<T: Serialize>(activity: T) -> Result<String, FedError> {
    Ok(serde_json::to_string(&WithContext::new(
        activity,
        context(),
    ))?)
}

#[async_trait::async_trait]
impl Activity for Follow {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        if !self.object.is_local(data) {
            return Err(FedError::Forbidden(
                "the followed actor is not on this instance".into(),
            ));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let ctx = data.app_data().clone();
        let follower = self.actor.dereference(data).await?;
        let target = self.object.dereference_local(data).await?;
        let accept = Accept {
            actor: target.ap_id.clone().into(),
            id: urls::activity(&ctx.settings, "accept"),
            kind: AcceptType::Accept,
            object: self.clone(),
        };
        let body = to_document(&accept)?;
        let inbox = follower.shared_inbox_or_inbox();
        let outgoing = fed::Outgoing {
            id: accept.id.to_string(),
            actor: target.ap_id.to_string(),
            inbox,
            body,
        };
        let receipt = fed::Receipt::new(&ctx, &self.id, self.actor.inner());
        let follow_id = self.id.to_string();
        if !fed::accept_follow(&ctx, receipt, follower.ap_id.as_str(), &follow_id, outgoing).await?
        {
            return Ok(());
        }
        tracing::info!(follower = %follower.ap_id, target = %target.ap_id, "new follower accepted");
        Ok(())
    }
}

/// The answer must come from the actor that was followed, about a follow by one of ours.
fn verify_answer(
    answerer: &ObjectId<ApubActor>,
    follow: &Follow,
    data: &Data<FederationData>,
) -> Result<(), FedError> {
    verify_urls_match(answerer.inner(), follow.object.inner())?;
    if !follow.actor.is_local(data) {
        return Err(FedError::Forbidden(
            "the follow is not by an actor of this instance".into(),
        ));
    }
    Ok(())
}

#[async_trait::async_trait]
impl<Kind> Activity for FollowAnswer<Kind>
where
    Kind: AnswerKind + Send + Sync + std::fmt::Debug,
{
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        verify_answer(&self.actor, &self.object, data)
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let receipt = fed::Receipt::new(data.app_data(), &self.id, self.actor.inner());
        let changed = fed::set_follow_state(
            data.app_data(),
            &receipt,
            self.object.actor.inner().as_str(),
            self.actor.inner().as_str(),
            Kind::STATE,
        )
        .await?;
        tracing::info!(peer = %self.actor.inner(), state = Kind::STATE.as_str(), changed, "peer answered our follow");
        Ok(())
    }
}

#[async_trait::async_trait]
impl Activity for Undo {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        self.actor.inner()
    }

    async fn verify(&self, _data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        // Only the follower can undo its own follow.
        verify_urls_match(self.actor.inner(), self.object.actor.inner())?;
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let ctx = data.app_data();
        let receipt = fed::Receipt::new(ctx, &self.id, self.actor.inner());
        fed::remove_follow(
            ctx,
            &receipt,
            self.object.actor.inner().as_str(),
            self.object.object.inner().as_str(),
        )
        .await?;
        Ok(())
    }
}
