//! Issue 23 point 10: what counts as one of City/Sync's own objects. Every object example of
//! docs/federation.md (which federation-tests/ holds to what a real city serves) is
//! recognised as its kind; the same AS2 types as other software writes them are not.
//! Issue 24, D3: attestations and checkpoints carry an AS2 type beside their own, and the
//! shapes of earlier versions, without it, are still read.

use citysync_app::federation::publications::Kind;
use citysync_federation::objects::citysync_kind;
use serde_json::json;

#[test]
fn the_documented_objects_are_citysync_shaped_and_look_alikes_are_not() {
    let examples = citysync_test_support::instance::documented_examples();
    for (name, kind) in [
        ("Document", Kind::Template),
        ("Event", Kind::Opportunity),
        ("Article", Kind::Proposal),
        ("ContributionAttestation", Kind::Attestation),
        ("LedgerCheckpoint", Kind::Checkpoint),
    ] {
        let example = &examples[name];
        assert_eq!(citysync_kind(example), Some(kind), "{name}");
        // With our context on the object itself, still ours; with another's, not.
        let mut with_context = example.clone();
        with_context["@context"] = json!([
            "https://www.w3.org/ns/activitystreams",
            { "cs": citysync_federation::CONTEXT_NAMESPACE }
        ]);
        assert_eq!(citysync_kind(&with_context), Some(kind), "{name}");
        with_context["@context"] = json!(["https://www.w3.org/ns/activitystreams"]);
        assert_eq!(
            citysync_kind(&with_context),
            None,
            "{name} in a foreign context"
        );
    }
    // Received, earlier City/Sync versions' shapes (no AS2 type) and either order are read.
    for (types, kind) in [
        (json!("LedgerCheckpoint"), Kind::Checkpoint),
        (json!(["LedgerCheckpoint", "Document"]), Kind::Checkpoint),
        (json!(["Document", "LedgerCheckpoint"]), Kind::Checkpoint),
        (
            json!(["VerifiableCredential", "ContributionAttestation"]),
            Kind::Attestation,
        ),
        (
            json!([
                "VerifiableCredential",
                "https://www.w3.org/ns/activitystreams#Document",
                "ContributionAttestation"
            ]),
            Kind::Attestation,
        ),
    ] {
        let name = match kind {
            Kind::Checkpoint => "LedgerCheckpoint",
            _ => "ContributionAttestation",
        };
        let mut example = examples[name].clone();
        example["type"] = types.clone();
        assert_eq!(citysync_kind(&example), Some(kind), "{types}");
    }
    // What this city writes has an AS2 type beside its own.
    assert_eq!(
        examples["LedgerCheckpoint"]["type"],
        json!(citysync_federation::objects::checkpoint::TYPE)
    );
    assert_eq!(
        examples["ContributionAttestation"]["type"],
        json!(citysync_federation::objects::attestation::TYPE)
    );
    let look_alikes = [
        // A Lemmy post, a WordPress page.
        json!({ "type": "Page", "id": "https://lemmy.example/post/1", "name": "Garden day",
                "attributedTo": "https://lemmy.example/u/alice", "content": "<p>Hi</p>" }),
        // A blog post; a Mobilizon group post.
        json!({ "type": "Article", "id": "https://blog.example/2026/12/trees/",
                "name": "Trees", "attributedTo": "https://blog.example/author/editor" }),
        // A Mobilizon event, with Mobilizon's own `category`.
        json!({ "type": "Event", "id": "https://mobilizon.example/events/1", "name": "Repair café",
                "category": "MEETING", "maximumAttendeeCapacity": 20,
                "startTime": "2026-12-12T17:00:00Z",
                "attributedTo": "https://mobilizon.example/@group" }),
        json!({ "type": "Note", "id": "https://friendica.example/objects/1", "content": "Hi" }),
        json!("https://elsewhere.example/objects/1"),
    ];
    for object in look_alikes {
        assert_eq!(citysync_kind(&object), None, "{object}");
    }
    // A template missing one of the terms City/Sync always writes is not ours either.
    let mut partial = examples["Document"].clone();
    partial
        .as_object_mut()
        .unwrap()
        .remove("verificationProcedure");
    assert_eq!(citysync_kind(&partial), None);
}

/// Issue 24, D3: a `Countersign` is an AS2 `Activity` too; received, the bare type of earlier
/// versions and either order are read, and another type is not a `Countersign`.
#[test]
fn a_countersign_is_an_activity_and_earlier_shapes_are_read() {
    use citysync_federation::activities::countersign::{CountersignType, TYPE};
    let examples = citysync_test_support::instance::documented_examples();
    assert_eq!(examples["Countersign"]["type"], json!(TYPE));
    assert_eq!(serde_json::to_value(CountersignType).unwrap(), json!(TYPE));
    for types in [
        json!("Countersign"),
        json!(["Activity", "Countersign"]),
        json!(["Countersign", "Activity"]),
    ] {
        assert!(
            serde_json::from_value::<CountersignType>(types.clone()).is_ok(),
            "{types}"
        );
    }
    for types in [json!("Activity"), json!(["Activity", "Announce"]), json!(7)] {
        assert!(
            serde_json::from_value::<CountersignType>(types.clone()).is_err(),
            "{types}"
        );
    }
}
