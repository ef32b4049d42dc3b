//! What other fediverse software really sends, as its own objects: Lemmy, Mobilizon,
//! WordPress (the ActivityPub plugin) and Friendica, each from its own peer.

use super::*;

/// A Lemmy instance: a person's post (a `Page`) to a community, its edit, the community's
/// `Announce` of it, and a comment (a `Note`).
pub(super) fn lemmy(fedi: &Fediverse, p: &Peer) -> Vec<Value> {
    let alice = fedi.actor(p, "/u/alice", "Person", "alice");
    let community = fedi.actor(p, "/c/gardening", "Group", "gardening");
    let context = json!(["https://join-lemmy.org/context.json", AS]);
    let post = json!({
        "type": "Page",
        "id": p.url("/post/42"),
        "attributedTo": alice,
        "to": [community, PUBLIC],
        "cc": [],
        "name": "Lemmy: community garden workday",
        "content": "<p>Bring gloves, we start at nine.</p>",
        "mediaType": "text/html",
        "source": { "content": "Bring gloves, we start at nine.", "mediaType": "text/markdown" },
        "attachment": [{ "type": "Link", "href": "https://example.org/flyer.png" }],
        "sensitive": false,
        "published": PUBLISHED,
        "language": { "identifier": "en", "name": "English" },
        "audience": community,
    });
    let create = json!({
        "@context": context,
        "actor": alice,
        "to": [PUBLIC],
        "object": post,
        "cc": [community],
        "type": "Create",
        "id": p.url("/activities/create/5f1c2a"),
        "audience": community,
    });
    let mut edited = post.clone();
    edited["name"] = json!("Lemmy: community garden workday (moved)");
    edited["updated"] = json!("2026-12-02T09:00:00Z");
    let mut inner = create.clone();
    inner.as_object_mut().unwrap().remove("@context");
    vec![
        create,
        json!({
            "@context": context,
            "actor": alice,
            "to": [PUBLIC],
            "object": edited,
            "cc": [community],
            "type": "Update",
            "id": p.url("/activities/update/9e0b41"),
            "audience": community,
        }),
        json!({
            "@context": context,
            "actor": community,
            "to": [PUBLIC],
            "object": inner,
            "cc": [format!("{community}/followers")],
            "type": "Announce",
            "id": p.url("/activities/announce/page/77aa10"),
            "audience": community,
        }),
        json!({
            "@context": context,
            "actor": alice,
            "to": [PUBLIC],
            "type": "Create",
            "id": p.url("/activities/create/c3d9e8"),
            "object": {
                "type": "Note",
                "id": p.url("/comment/7"),
                "attributedTo": alice,
                "to": [PUBLIC],
                "cc": [community],
                "content": "<p>Lemmy: count me in</p>",
                "inReplyTo": p.url("/post/42"),
                "mediaType": "text/html",
                "published": PUBLISHED,
                "audience": community,
            },
        }),
    ]
}

/// A Mobilizon instance: an event (`Event`, with Mobilizon's own `category`) and a group's
/// post (an `Article`).
pub(super) fn mobilizon(fedi: &Fediverse, p: &Peer) -> Vec<Value> {
    let organizer = fedi.actor(p, "/@organizer", "Person", "organizer");
    let group = fedi.actor(p, "/@repair_cafe", "Group", "repair_cafe");
    let context = json!([
        AS,
        "https://litepub.social/litepub/context.jsonld",
        {
            "mz": "https://joinmobilizon.org/ns#",
            "sc": "http://schema.org#",
            "category": "sc:category",
            "joinMode": { "@id": "mz:joinMode", "@type": "mz:joinModeType" },
            "maximumAttendeeCapacity": "sc:maximumAttendeeCapacity",
            "remainingAttendeeCapacity": "sc:remainingAttendeeCapacity",
            "isOnline": { "@id": "mz:isOnline", "@type": "sc:Boolean" },
            "timezone": { "@id": "mz:timezone", "@type": "sc:Text" },
        }
    ]);
    vec![
        json!({
            "@context": context,
            "type": "Create",
            "id": p.url("/create/2b6c9d4e"),
            "actor": organizer,
            "to": [PUBLIC],
            "cc": [format!("{organizer}/followers")],
            "object": {
                "type": "Event",
                "id": p.url("/events/8d0f3c1a"),
                "url": p.url("/events/8d0f3c1a"),
                "uuid": "8d0f3c1a-0a6e-4c8b-9a39-4f5a0f1d2e3b",
                "attributedTo": group,
                "actor": organizer,
                "name": "Mobilizon: repair café",
                "content": "<p>Bring a broken toaster.</p>",
                "mediaType": "text/html",
                "startTime": "2026-12-12T17:00:00Z",
                "endTime": "2026-12-12T20:00:00Z",
                "location": {
                    "type": "Place",
                    "name": "Central library",
                    "address": { "type": "PostalAddress", "addressLocality": "Berkeley" },
                },
                "category": "MEETING",
                "joinMode": "free",
                "maximumAttendeeCapacity": 20,
                "remainingAttendeeCapacity": 20,
                "anonymousParticipationEnabled": false,
                "isOnline": false,
                "timezone": "America/Los_Angeles",
                "commentsEnabled": true,
                "draft": false,
                "ical:status": "CONFIRMED",
                "to": [PUBLIC],
                "published": PUBLISHED,
            },
        }),
        json!({
            "@context": context,
            "type": "Create",
            "id": p.url("/create/5a7e1f90"),
            "actor": group,
            "to": [PUBLIC],
            "object": {
                "type": "Article",
                "id": p.url("/p/a4b1c2d3"),
                "attributedTo": group,
                "name": "Mobilizon: what we fixed in November",
                "content": "<p>Forty lamps and a bicycle.</p>",
                "mediaType": "text/html",
                "draft": false,
                "to": [PUBLIC],
                "published": PUBLISHED,
            },
        }),
    ]
}

/// A WordPress blog with the ActivityPub plugin: a post (`Article`), its edit, and a page.
pub(super) fn wordpress(fedi: &Fediverse, p: &Peer) -> Vec<Value> {
    let author = fedi.actor(p, "/author/editor", "Person", "editor");
    let context = json!([
        AS,
        "https://w3id.org/security/v1",
        { "Hashtag": "as:Hashtag", "sensitive": "as:sensitive" }
    ]);
    let article = json!({
        "type": "Article",
        "id": p.url("/2026/12/01/street-trees/"),
        "url": p.url("/2026/12/01/street-trees/"),
        "attributedTo": author,
        "name": "WordPress: our street trees need water",
        "summary": "A call for help",
        "content": "<p>Twelve new trees on Oak Street.</p>",
        "contentMap": { "en": "<p>Twelve new trees on Oak Street.</p>" },
        "tag": [{ "type": "Hashtag", "href": p.url("/tag/trees/"), "name": "#trees" }],
        "sensitive": false,
        "to": [PUBLIC, format!("{author}/followers")],
        "published": PUBLISHED,
    });
    let mut edited = article.clone();
    edited["name"] = json!("WordPress: our street trees need water (update)");
    edited["updated"] = json!("2026-12-02T09:00:00Z");
    vec![
        json!({
            "@context": context, "id": p.url("/2026/12/01/street-trees/#activity-create"),
            "type": "Create", "actor": author, "to": [PUBLIC], "object": article,
        }),
        json!({
            "@context": context, "id": p.url("/2026/12/01/street-trees/#activity-update"),
            "type": "Update", "actor": author, "to": [PUBLIC], "object": edited,
        }),
        json!({
            "@context": context, "id": p.url("/volunteer/#activity-create"),
            "type": "Create", "actor": author, "to": [PUBLIC],
            "object": {
                "type": "Page",
                "id": p.url("/volunteer/"),
                "url": p.url("/volunteer/"),
                "attributedTo": author,
                "name": "WordPress: volunteer with us",
                "content": "<p>Sign up at the front desk.</p>",
                "to": [PUBLIC],
                "published": PUBLISHED,
            },
        }),
    ]
}

/// A Friendica node: a note, a titled post (`Article`), an event, and a reshare (`Announce`
/// of a bare id).
pub(super) fn friendica(fedi: &Fediverse, p: &Peer) -> Vec<Value> {
    let bob = fedi.actor(p, "/profile/bob", "Person", "bob");
    let context = json!([
        AS,
        "https://w3id.org/security/v1",
        {
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "dfrn": "http://purl.org/macgirvin/dfrn/1.0/",
            "diaspora": "https://diasporafoundation.org/ns/",
            "litepub": "http://litepub.social/ns#",
            "sensitive": "as:sensitive",
        }
    ]);
    let object = |kind: &str, n: u32, name: Option<&str>, extra: Value| {
        let mut o = json!({
            "type": kind,
            "id": p.url(&format!("/objects/0f9e{n}")),
            "attributedTo": bob,
            "content": format!("Friendica {kind} body"),
            "to": [PUBLIC],
            "published": PUBLISHED,
            "diaspora:guid": format!("0f9e{n}"),
        });
        if let Some(name) = name {
            o["name"] = json!(name);
        }
        for (k, v) in extra.as_object().unwrap() {
            o[k] = v.clone();
        }
        o
    };
    let create = |n: u32, object: Value| {
        json!({
            "@context": context, "id": p.url(&format!("/objects/0f9e{n}/Create")),
            "type": "Create", "actor": bob, "to": [PUBLIC], "object": object,
        })
    };
    vec![
        create(1, object("Note", 1, None, json!({}))),
        create(
            2,
            object(
                "Article",
                2,
                Some("Friendica: bike lanes report"),
                json!({}),
            ),
        ),
        create(
            3,
            object(
                "Event",
                3,
                Some("Friendica: neighbourhood clean-up"),
                json!({
                    "startTime": "2026-12-13T16:00:00Z",
                    "endTime": "2026-12-13T19:00:00Z",
                    "location": { "type": "Place", "name": "Park gate" },
                }),
            ),
        ),
        json!({
            "@context": context, "id": p.url("/objects/0f9e4/Announce"),
            "type": "Announce", "actor": bob, "to": [PUBLIC],
            "object": "https://elsewhere.example/objects/1",
        }),
    ]
}
