//! `Join` of one of our opportunities, as Mobilizon sends it (issue 24): anyone on the
//! fediverse may take a place on a published opportunity. Not content, so not subject to the
//! followed-servers filter of `incoming`. The place is taken, and the answer — `Accept` or
//! `Reject` with the `Join` as its object, from the opportunity's organization — queued for the
//! joiner's inbox, in the transaction that records the activity.

use crate::activities::follow::to_document;
use crate::actor::{urls, ApubActor};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::{AcceptType, JoinType, RejectType};
use activitypub_federation::traits::{Activity, Actor};
use citysync_app::claims::remote::{self as participation, RemoteJoin};
use citysync_app::federation::{self as fed, remote};
use citysync_app::{catalog, Ctx};
use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Join {
    pub actor: ObjectId<ApubActor>,
    /// The opportunity's id.
    pub object: Url,
    #[serde(rename = "type")]
    pub kind: JoinType,
    pub id: Url,
}

/// Our answer to a `Join`: `Accept` or `Reject`, told apart by `type`, addressed to the joiner.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinReply<Kind> {
    pub actor: Url,
    pub object: Join,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub id: Url,
    pub to: Vec<Url>,
}

/// The local opportunity id an activity's object names; `None` if it is ours but not an
/// opportunity. An object on another host is refused.
pub fn local_opportunity(ctx: &Ctx, object: &Url) -> Result<Option<String>, FedError> {
    if !remote::is_ours(ctx, object) {
        return Err(FedError::Forbidden(
            "the object is not an opportunity of this instance".into(),
        ));
    }
    Ok(object
        .path()
        .strip_prefix("/opportunities/")
        .filter(|id| !id.is_empty() && !id.contains('/'))
        .map(str::to_owned))
}

/// `@user@host` of a remote actor, as people on the fediverse write it.
pub fn handle_of(actor: &ApubActor) -> String {
    let host = actor.ap_id.host_str().unwrap_or_default();
    match actor.ap_id.port() {
        Some(port) => format!("@{}@{host}:{port}", actor.preferred_username),
        None => format!("@{}@{host}", actor.preferred_username),
    }
}

#[async_trait::async_trait]
impl Activity for Join {
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
        if self.actor.is_local(data) {
            return Err(FedError::Forbidden(
                "residents of this city claim, they do not join".into(),
            ));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let ctx = data.app_data().clone();
        let s = &ctx.settings;
        let joiner = self.actor.dereference(data).await?;
        let opportunity = local_opportunity(&ctx, &self.object)?.unwrap_or_default();
        // The opportunity's organization answers; the city when there is no such opportunity.
        let answerer = match catalog::opportunity(&ctx, &opportunity, None).await {
            Ok(opp) => urls::organization(s, &opp.organization_handle),
            Err(_) => urls::city(s),
        };
        let to = vec![joiner.ap_id.clone()];
        let accept = JoinReply {
            actor: answerer.clone(),
            object: self.clone(),
            kind: AcceptType::Accept,
            id: urls::activity(s, "accept"),
            to: to.clone(),
        };
        let reject = JoinReply {
            actor: answerer.clone(),
            object: self.clone(),
            kind: RejectType::Reject,
            id: urls::activity(s, "reject"),
            to,
        };
        let inbox = joiner.shared_inbox_or_inbox();
        let answer_with = |id: &Url, body: String| fed::Outgoing {
            id: id.to_string(),
            actor: answerer.to_string(),
            inbox: inbox.clone(),
            body,
        };
        let answers = (
            answer_with(&accept.id, to_document(&accept)?),
            answer_with(&reject.id, to_document(&reject)?),
        );
        let joining = RemoteJoin {
            opportunity,
            actor: joiner.ap_id.to_string(),
            handle: handle_of(&joiner),
            join_activity: self.id.to_string(),
        };
        let receipt = fed::Receipt::new(&ctx, &self.id, self.actor.inner());
        let answer = participation::answer_join(&ctx, receipt, joining, answers).await?;
        tracing::info!(joiner = %self.actor.inner(), opportunity = %self.object, ?answer, "join answered");
        Ok(())
    }
}
