//! Turns the app's publications into activities: the author's `Create` / `Update` /
//! `Delete` to its followers, the city's `Announce` of its organizations' activities to the
//! city's followers, and an adopted template's `Create` to the city it came from. Activity
//! ids come from the publication, so rendering one again gives the same ids.
//!
//! Fediverse accounts taking part are told personally (issue 24): an opportunity's changes
//! (its `Update`s, and the `Delete` of its cancellation) go to each of its remote participants
//! and linked claimants, and an attestation's `Create` to the linked account of the resident
//! it is about — each a copy of the activity addressed to that actor alone, with its own id,
//! so that followers never learn who takes part.

use crate::actor::{urls, ApubActor};
use crate::objects::{self, wire_time, PUBLIC};
use crate::{FedError, FederationData};
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use citysync_app::accounts::fediverse::{self as links, Recipient};
use citysync_app::federation::peers::{self, DomainLists};
use citysync_app::federation::publications::{self, Kind, Outgoing, Publication, Verb};
use citysync_app::federation::{self as fed, remote};
use citysync_app::{catalog, AppError, Ctx};
use serde_json::json;
use std::collections::BTreeSet;
use url::Url;

/// The inboxes of an actor's accepted followers (shared inboxes once), minus refused domains.
pub async fn follower_inboxes(
    ctx: &Ctx,
    actor: &Url,
    lists: &DomainLists,
) -> Result<Vec<Url>, FedError> {
    let mut inboxes = BTreeSet::new();
    for follow in fed::followers(ctx, actor.as_str()).await? {
        let Some(row) = fed::actor_by_ap_id(ctx, &follow.follower_ap_id).await? else {
            continue;
        };
        let inbox = Url::parse(row.shared_inbox.as_deref().unwrap_or(&row.inbox))?;
        if !lists.refuses(
            ctx.settings.federation.allowlist_only,
            &fed::peer_of(&inbox),
        ) {
            inboxes.insert(inbox);
        }
    }
    Ok(inboxes.into_iter().collect())
}

/// Announces what is pending; returns how many publications were handled.
pub async fn announce_pending(data: &Data<FederationData>) -> Result<usize, FedError> {
    let ctx = data.app_data();
    let pending = publications::pending(ctx, 100).await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let lists = peers::lists(ctx).await?;
    let mut handled = 0;
    for publication in pending {
        let outgoing = match outgoing(data, &publication, &lists).await {
            Ok(outgoing) => outgoing,
            // A draft, or something gone since: there is nothing to tell.
            Err(FedError::App(AppError::NotFound)) | Err(FedError::NotFound) => Vec::new(),
            Err(e) => {
                tracing::warn!(publication = %publication.id, error = %e, "cannot announce yet");
                continue;
            }
        };
        publications::announced(ctx, &publication.id, outgoing).await?;
        handled += 1;
    }
    Ok(handled)
}

async fn outgoing(
    data: &Data<FederationData>,
    p: &Publication,
    lists: &DomainLists,
) -> Result<Vec<Outgoing>, FedError> {
    let ctx = data.app_data();
    let s = &ctx.settings;
    let (author, object) = match p.verb {
        Verb::Delete => {
            let author = author_of_deleted(ctx, p).await?;
            let id = urls::object(s, p.kind, &p.object_id);
            (author, objects::tombstone(&id, p.kind, p.occurred_at))
        }
        Verb::Create | Verb::Update => {
            let rendered = objects::render(ctx, p.kind, &p.object_id).await?;
            (rendered.author, rendered.object)
        }
    };
    let activity_id = urls::activity_of(s, &p.id, "");
    let followers = match author.kind {
        crate::actor::ActorKind::Organization => {
            urls::organization_part(s, &author.preferred_username, "followers")
        }
        _ => urls::city_followers(s),
    };
    let activity = json!({
        "@context": objects::context(),
        "id": activity_id,
        "type": match p.verb { Verb::Create => "Create", Verb::Update => "Update", Verb::Delete => "Delete" },
        "actor": author.ap_id,
        "object": object,
        "published": wire_time(p.occurred_at),
        "to": [PUBLIC],
        "cc": [followers],
    });
    let body = serde_json::to_string(&activity)?;
    let mut out = Vec::new();
    let push = |out: &mut Vec<Outgoing>, actor: &Url, id: &Url, inbox: Url, body: &String| {
        out.push(Outgoing {
            activity_id: id.to_string(),
            actor: actor.to_string(),
            inbox,
            body: body.clone(),
        })
    };
    for inbox in follower_inboxes(ctx, &author.ap_id, lists).await? {
        push(&mut out, &author.ap_id, &activity_id, inbox, &body);
    }
    let city = urls::city(s);
    if author.ap_id != city {
        let announce_id = urls::activity_of(s, &p.id, "/announce");
        let mut inner = activity.clone();
        if let Some(map) = inner.as_object_mut() {
            map.remove("@context");
        }
        let announce = json!({
            "@context": objects::context(),
            "id": announce_id,
            "type": "Announce",
            "actor": city,
            "object": inner,
            "published": wire_time(p.occurred_at),
            "to": [PUBLIC],
            "cc": [urls::city_followers(s)],
        });
        let announce_body = serde_json::to_string(&announce)?;
        for inbox in follower_inboxes(ctx, &city, lists).await? {
            push(&mut out, &city, &announce_id, inbox, &announce_body);
        }
    }
    for recipient in participants(ctx, p).await? {
        let inbox = Url::parse(&recipient.inbox)?;
        if lists.refuses(
            ctx.settings.federation.allowlist_only,
            &fed::peer_of(&inbox),
        ) {
            continue;
        }
        let suffix = format!("/to/{}", short_hash(&recipient.actor));
        let id = urls::activity_of(s, &p.id, &suffix);
        let mut personal = activity.clone();
        if let Some(map) = personal.as_object_mut() {
            map.insert("id".into(), json!(id));
            map.insert("to".into(), json!([recipient.actor]));
            map.insert("cc".into(), json!([]));
        }
        let personal_body = serde_json::to_string(&personal)?;
        push(&mut out, &author.ap_id, &id, inbox, &personal_body);
    }
    if p.kind == Kind::Template && p.verb == Verb::Create {
        if let Some(inbox) = origin_inbox(data, &p.object_id, lists).await? {
            if !out
                .iter()
                .any(|o| o.inbox == inbox && o.activity_id == activity_id.as_str())
            {
                push(&mut out, &author.ap_id, &activity_id, inbox, &body);
            }
        }
    }
    Ok(out)
}

/// The fediverse accounts a publication is told to personally (see the module's comment).
async fn participants(ctx: &Ctx, p: &Publication) -> Result<Vec<Recipient>, FedError> {
    Ok(match (p.kind, p.verb) {
        (Kind::Opportunity, Verb::Update) => links::participants(ctx, &p.object_id, false).await?,
        (Kind::Opportunity, Verb::Delete) => links::participants(ctx, &p.object_id, true).await?,
        (Kind::Attestation, Verb::Create) => links::contributor_account(ctx, &p.object_id)
            .await?
            .into_iter()
            .collect(),
        _ => Vec::new(),
    })
}

/// A short stable name for an actor in an activity id.
fn short_hash(actor: &str) -> String {
    citysync_app::secrets::hash_token(actor)
        .chars()
        .take(16)
        .collect()
}

/// Who a deleted object was by (it may no longer render).
async fn author_of_deleted(ctx: &Ctx, p: &Publication) -> Result<ApubActor, FedError> {
    let handle = match p.kind {
        Kind::Template => {
            let page = catalog::template_page(ctx, &p.object_id, None, None).await?;
            page.organization.handle
        }
        Kind::Opportunity => {
            catalog::opportunity(ctx, &p.object_id, None)
                .await?
                .organization_handle
        }
        Kind::Proposal | Kind::Attestation | Kind::Checkpoint => {
            return ApubActor::local_city(ctx).await;
        }
    };
    ApubActor::local_organization(ctx, &handle)
        .await?
        .ok_or(FedError::NotFound)
}

/// The inbox of the organization whose template a local one was adapted from.
async fn origin_inbox(
    data: &Data<FederationData>,
    template_id: &str,
    lists: &DomainLists,
) -> Result<Option<Url>, FedError> {
    let ctx = data.app_data();
    let Some(origin) = catalog::adapted_from(ctx, template_id).await? else {
        return Ok(None);
    };
    let Some(remote) = remote::by_ap_id(ctx, &origin).await? else {
        return Ok(None);
    };
    let actor: ObjectId<ApubActor> = Url::parse(&remote.attributed_to)?.into();
    let actor = actor.dereference(data).await?;
    let inbox = actor.shared_inbox.clone().unwrap_or(actor.inbox.clone());
    if lists.refuses(
        ctx.settings.federation.allowlist_only,
        &fed::peer_of(&inbox),
    ) {
        return Ok(None);
    }
    Ok(Some(inbox))
}
