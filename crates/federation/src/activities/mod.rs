//! Activities: a file each (`Create` and `Update` share one), one enum for the inbox. Every
//! received activity is recorded by id first, so a duplicate or a replay has no second
//! effect.

pub mod announce;
pub mod countersign;
pub mod delete;
pub mod follow;
mod incoming;
pub mod join;
pub mod leave;
pub mod link;
pub mod publication;
pub mod stored;

pub use announce::Announce;
pub use countersign::Countersign;
pub use delete::Delete;
pub use follow::{Accept, Follow, Reject, Undo};
pub use join::Join;
pub use leave::{Leave, UndoJoin};
pub use publication::{Create, Update};
pub use stored::StoredActivity;

use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::traits::Activity;
use citysync_app::federation as fed;
use serde::{Deserialize, Serialize};
use url::Url;

/// Everything a City/Sync inbox accepts.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum InboxActivity {
    Follow(Follow),
    Accept(Accept),
    Reject(Reject),
    Undo(Undo),
    Join(Join),
    Leave(Leave),
    UndoJoin(UndoJoin),
    Create(Create),
    Update(Update),
    Delete(Delete),
    Announce(Announce),
    Countersign(Countersign),
}

macro_rules! each {
    ($self:expr, $a:ident => $body:expr) => {
        match $self {
            InboxActivity::Follow($a) => $body,
            InboxActivity::Accept($a) => $body,
            InboxActivity::Reject($a) => $body,
            InboxActivity::Undo($a) => $body,
            InboxActivity::Join($a) => $body,
            InboxActivity::Leave($a) => $body,
            InboxActivity::UndoJoin($a) => $body,
            InboxActivity::Create($a) => $body,
            InboxActivity::Update($a) => $body,
            InboxActivity::Delete($a) => $body,
            InboxActivity::Announce($a) => $body,
            InboxActivity::Countersign($a) => $body,
        }
    };
}

#[async_trait::async_trait]
impl Activity for InboxActivity {
    type DataType = FederationData;
    type Error = FedError;

    fn id(&self) -> &Url {
        each!(self, a => a.id())
    }

    fn actor(&self) -> &Url {
        each!(self, a => a.actor())
    }

    async fn verify(&self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        each!(self, a => a.verify(data).await)
    }

    async fn receive(self, data: &Data<Self::DataType>) -> Result<(), Self::Error> {
        // Each activity records its receipt in the transaction of its effect; this read
        // only spares a duplicate the network work before it (and counts it).
        let ctx = data.app_data();
        let receipt = fed::Receipt::new(ctx, self.id(), self.actor());
        if fed::received_before(ctx, &receipt).await? {
            fed::receipt(ctx, &receipt).await?;
            tracing::info!(activity = %self.id(), "duplicate activity dropped");
            return Ok(());
        }
        each!(self, a => a.receive(data).await)
    }
}
