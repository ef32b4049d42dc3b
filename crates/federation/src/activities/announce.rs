//! `Announce`: a city relays activities. Only a city this city follows is heard (anyone
//! else's `Announce`, a Lemmy community's or a Mastodon boost, is acknowledged and ignored).
//! Its own organizations' `Create` / `Update` / `Delete` are taken as if sent directly (same
//! host as the announcing city) when they carry City/Sync objects; from a third host only an
//! attestation is taken, on the strength of its proof. Each inner activity is applied once,
//! whoever relays it, and nothing from a blocked domain gets in this way.

use super::incoming::{self, Ignored};
use super::Delete;
use crate::actor::ApubActor;
use crate::objects::url_field;
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::AnnounceType;
use activitypub_federation::traits::Activity;
use citysync_app::federation::publications::Kind;
use citysync_app::federation::{self as fed, peers};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Announce {
    pub id: Url,
    pub actor: ObjectId<ApubActor>,
    #[serde(rename = "type")]
    pub kind: AnnounceType,
    /// The relayed activity, embedded.
    pub object: Value,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

#[async_trait::async_trait]
impl Activity for Announce {
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

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        let ctx = data.app_data();
        let announcer = self.actor.inner().clone();
        if !incoming::followed(ctx, &announcer).await? {
            return incoming::ignore(ctx, &self.id, &announcer, Ignored::Unsolicited).await;
        }
        // A City/Sync city embeds what it relays; a bare id (a boost) is not ours to fetch.
        if !self.object.is_object() {
            return incoming::ignore(ctx, &self.id, &announcer, Ignored::ForeignShape).await;
        }
        let inner = &self.object;
        let inner_id = url_field(inner, "id")?;
        let inner_actor = url_field(inner, "actor")?;
        let lists = peers::lists(ctx).await?;
        if lists.refuses(
            ctx.settings.federation.allowlist_only,
            &fed::peer_of(&inner_actor),
        ) {
            tracing::info!(activity = %inner_id, "relayed activity from a refused domain dropped");
            return Ok(());
        }
        // The relayed activity is applied once, however many cities announce it.
        let receipt = fed::Receipt::new(ctx, &inner_id, &inner_actor);
        if fed::received_before(ctx, &receipt).await? {
            return Ok(());
        }
        let same_host = fed::peer_of(&inner_actor) == fed::peer_of(&announcer)
            && fed::peer_of(&inner_id) == fed::peer_of(&announcer);
        let object = inner.get("object").cloned().unwrap_or(Value::Null);
        match inner.get("type").and_then(Value::as_str) {
            Some("Create") | Some("Update") => match crate::objects::citysync_kind(&object) {
                None => {
                    incoming::ignore(ctx, &inner_id, &announcer, Ignored::ForeignShape).await?;
                }
                // From a third host, only what proves itself: an attestation with its proof.
                Some(kind) if same_host || kind == Kind::Attestation => {
                    incoming::take(
                        data,
                        &receipt,
                        &inner_actor,
                        inner,
                        &object,
                        (!same_host).then_some(announcer),
                    )
                    .await?;
                }
                Some(_) => {
                    incoming::ignore(ctx, &inner_id, &announcer, Ignored::Unsolicited).await?;
                }
            },
            Some("Delete") if same_host => {
                let delete: Delete = serde_json::from_value(inner.clone())?;
                delete.verify(data).await?;
                delete.apply(data, &receipt).await?;
            }
            _ => tracing::info!(activity = %inner_id, "relayed activity not taken"),
        }
        Ok(())
    }
}
