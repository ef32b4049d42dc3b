//! The direct message that confirms a fediverse account a resident links (issue 24): the
//! handle typed in the settings is resolved by WebFinger (the same fetch path as a follow by
//! handle: its SSRF guard and domain policy), and the city sends that actor — and only that
//! actor — a `Create` of a `Note` that mentions it, with the one-time link to open while signed
//! in here. It is queued in the transaction that records the link as sent (see
//! `citysync_app::accounts::fediverse`); a handle that does not resolve marks the request so.

use crate::activities::join::handle_of;
use crate::actor::{urls, ApubActor};
use crate::objects::{context, paragraphs, wire_time};
use crate::{peers, FedError, FederationData};
use activitypub_federation::config::Data;
use citysync_app::accounts::fediverse::{
    self as links, DirectMessage, LinkRequest, MessageText, ResolvedActor,
};
use citysync_app::federation::{self as fed, peers as peer_lists};
use serde_json::json;
use url::Url;

/// How many requests one round of the worker sends.
const BATCH: i64 = 20;

/// Resolves and answers the link requests waiting; returns how many were handled.
pub async fn send_requested(data: &Data<FederationData>) -> Result<usize, FedError> {
    let ctx = data.app_data();
    let requests = links::requested(ctx, BATCH).await?;
    for request in &requests {
        let outcome = match resolve(data, request).await {
            Ok(actor) => {
                let text = links::message(ctx, request).await?;
                let dm = direct_message(data, &actor, &text).await?;
                let resolved = ResolvedActor {
                    actor: actor.ap_id.to_string(),
                    handle: handle_of(&actor),
                    inbox: actor.inbox.clone(),
                };
                links::sent(ctx, request, Ok((resolved, &text, dm))).await?;
                continue;
            }
            Err(why) => why,
        };
        tracing::info!(handle = %request.handle, why = %outcome, "fediverse link not sent");
        links::sent(ctx, request, Err(outcome)).await?;
    }
    Ok(requests.len())
}

/// The remote actor behind the request's handle; why not, when there is none we may write to.
async fn resolve(data: &Data<FederationData>, request: &LinkRequest) -> Result<ApubActor, String> {
    let ctx = data.app_data();
    let actor = peers::resolve(data, &request.handle)
        .await
        .map_err(|e| e.to_string())?;
    if actor.local {
        return Err("a local actor".into());
    }
    let lists = peer_lists::lists(ctx).await.map_err(|e| e.to_string())?;
    if lists.refuses(
        ctx.settings.federation.allowlist_only,
        &fed::peer_of(&actor.inbox),
    ) {
        return Err("the actor's server is refused".into());
    }
    Ok(actor)
}

/// The city's `Create` of a `Note` to `to` alone, mentioning it, with the link.
async fn direct_message(
    data: &Data<FederationData>,
    to: &ApubActor,
    text: &MessageText,
) -> Result<DirectMessage, FedError> {
    let ctx = data.app_data();
    let s = &ctx.settings;
    let city = urls::city(s);
    let id = urls::activity(s, "link");
    let note_id = Url::parse(&format!("{id}/note"))?;
    let handle = handle_of(to);
    // The link is a URL we made (its query only the URL-safe token): nothing to escape.
    let content = format!(
        "<p><span class=\"h-card\"><a href=\"{actor}\" class=\"u-url mention\">{mention}</a></span> {before}</p><p><a href=\"{link}\">{link}</a></p>{after}",
        actor = ammonia::clean_text(to.ap_id.as_str()),
        mention = ammonia::clean_text(&handle),
        before = ammonia::clean_text(&text.before_link),
        link = Url::parse(&text.link)?,
        after = paragraphs(&text.after_link),
    );
    let published = wire_time(ctx.now());
    let activity = json!({
        "@context": context(),
        "id": id,
        "type": "Create",
        "actor": city,
        "published": published,
        "to": [to.ap_id],
        "cc": [],
        "object": {
            "id": note_id,
            "type": "Note",
            "attributedTo": city,
            "published": published,
            "to": [to.ap_id],
            "cc": [],
            "content": content,
            "tag": [{ "type": "Mention", "href": to.ap_id, "name": handle }],
        },
    });
    Ok(DirectMessage {
        activity_id: id.to_string(),
        sender: city.to_string(),
        body: serde_json::to_string(&activity)?,
    })
}
