//! Walks the OpenAPI document: every operation it lists is called at least once against a
//! running city, in an order that makes each one succeed, and every answer is checked
//! against its documented status codes and schema. An operation added to the code without
//! a step here fails the walk, and so does a step for an operation the document lacks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use citysync_test_support::server as common;

use common::openapi::{check, fill, operation, operations, response_schema};
use common::{resident, set_up_city, TestServer};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const PASSWORD: &str = "correct horse battery";
const ALL: &str =
    "read read:wallet write:claims write:proofs write:catalog verify redeem vote write:proposals admin";

enum Body {
    None,
    Json(Value),
    Form(reqwest::multipart::Form),
}

enum Auth<'a> {
    Anonymous,
    Bearer(&'a str),
    Basic(&'a str, &'a str),
}

struct Walk<'a> {
    server: &'a TestServer,
    doc: Value,
    walked: BTreeSet<(String, String)>,
}

impl Walk<'_> {
    /// Calls `operation_id` and expects `status`, which the document must list; a JSON
    /// answer must have its documented shape.
    async fn call(
        &mut self,
        operation_id: &str,
        auth: Auth<'_>,
        params: &[&str],
        body: Body,
        status: u16,
    ) -> Value {
        let (method, template) = operation(&self.doc, operation_id);
        let url = self.server.url(&fill(&template, params));
        let http = self.server.client();
        let mut request = match method.as_str() {
            "GET" => http.get(&url),
            "POST" => http.post(&url),
            "PUT" => http.put(&url),
            "DELETE" => http.delete(&url),
            other => panic!("{other}"),
        };
        request = match auth {
            Auth::Anonymous => request,
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Basic(id, secret) => request.basic_auth(id, Some(secret)),
        };
        request = match body {
            Body::None => request,
            Body::Json(value) => request.json(&value),
            Body::Form(form) => request.multipart(form),
        };
        let resp = request.send().await.unwrap();
        let got = resp.status().as_u16();
        let content_type = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = resp.bytes().await.unwrap();
        let value: Value = if content_type.contains("json") {
            serde_json::from_slice(&bytes).unwrap()
        } else {
            Value::Null
        };
        assert_eq!(got, status, "{method} {url}: {value}");
        match response_schema(&self.doc, &method, &template, got) {
            Some(schema) => check(&self.doc, &schema, &value, operation_id)
                .unwrap_or_else(|e| panic!("{operation_id} answered off its schema: {e}")),
            None if got != 204 => assert!(!bytes.is_empty(), "{operation_id}: an empty {got}"),
            None => {}
        }
        self.walked.insert((method, template));
        value
    }
}

fn png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(8, 8, |x, y| image::Rgb([x as u8 * 30, y as u8 * 30, 90]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

fn photo_part() -> reqwest::multipart::Part {
    reqwest::multipart::Part::bytes(png())
        .file_name("proof.png")
        .mime_str("image/png")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_operation_answers_as_documented() {
    let server = TestServer::start().await;
    let _admin = set_up_city(&server, "Berkeley").await;
    for name in ["olga", "vera", "ana", "ben", "carmen", "carl"] {
        resident(&server, name, PASSWORD).await;
    }
    let ctx = server.running().ctx.clone();
    let mut tokens = std::collections::HashMap::new();
    for name in ["clerk", "olga", "vera", "ana", "ben", "carmen", "carl"] {
        let token = citysync_app::tokens::create(&ctx, name, ALL, "walk")
            .await
            .unwrap();
        tokens.insert(name, token);
    }
    let t = |name: &str| Auth::Bearer(tokens[name].as_str());
    let doc: Value = server
        .client()
        .get(server.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut walk = Walk {
        server: &server,
        doc,
        walked: BTreeSet::new(),
    };
    let now = ctx.now();
    let at = |hours: i64| {
        (now + chrono::Duration::hours(hours))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    };

    // The city, apps, accounts.
    walk.call("instance_show", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call("taxonomy_show", Auth::Anonymous, &[], Body::None, 200)
        .await;
    let app = walk
        .call(
            "register_app",
            Auth::Anonymous,
            &[],
            Body::Json(json!({"client_name": "Walker", "redirect_uris": "https://walker.example/cb", "scopes": "read"})),
            200,
        )
        .await;
    let (id, secret) = (
        app["client_id"].as_str().unwrap(),
        app["client_secret"].as_str().unwrap(),
    );
    walk.call("delete_app", Auth::Basic(id, secret), &[], Body::None, 204)
        .await;
    walk.call("me_show", t("ana"), &[], Body::None, 200).await;

    // Organizations: an issuer and a café apply, are approved, take members.
    for (owner, handle, issuer, member, role) in [
        ("olga", "park-friends", true, "vera", "verifier"),
        ("carmen", "corner-cafe", false, "carl", "cashier"),
    ] {
        walk.call(
            "organization_create",
            t(owner),
            &[],
            Body::Json(json!({"handle": handle, "name": handle.replace('-', " "), "is_issuer": issuer, "is_redeemer": !issuer, "contact_email": format!("hi@{handle}.org")})),
            201,
        )
        .await;
        walk.call("pending_index", t("clerk"), &[], Body::None, 200)
            .await;
        walk.call(
            "organization_decide",
            t("clerk"),
            &[handle],
            Body::Json(json!({"approve": true})),
            200,
        )
        .await;
        walk.call(
            "invitation_create",
            t(owner),
            &[handle],
            Body::Json(json!({"who": member, "role": role})),
            204,
        )
        .await;
        let invitations = walk
            .call("invitations_index", t(member), &[], Body::None, 200)
            .await;
        let invitation = invitations[0]["id"].as_str().unwrap().to_owned();
        walk.call(
            "invitation_answer",
            t(member),
            &[&invitation],
            Body::Json(json!({"accept": true})),
            204,
        )
        .await;
        walk.call("members_index", t(owner), &[handle], Body::None, 200)
            .await;
    }
    walk.call("organizations_index", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call(
        "organization_show",
        Auth::Anonymous,
        &["park-friends"],
        Body::None,
        200,
    )
    .await;
    walk.call("my_organizations", t("olga"), &[], Body::None, 200)
        .await;
    walk.call(
        "budget_set",
        t("clerk"),
        &["park-friends"],
        Body::Json(json!({"amount": 10000})),
        200,
    )
    .await;
    walk.call("budgets_index", t("clerk"), &[], Body::None, 200)
        .await;

    // Issuing: a photo-proof template and an on-site one, and opportunities from them.
    let mut published = Vec::new();
    for (method, proof) in [
        ("issuer_review", json!(["text", "photo"])),
        ("on_site", json!([])),
    ] {
        let template = walk
            .call(
                "template_create",
                t("olga"),
                &["park-friends"],
                Body::Json(json!({
                    "title": "Park cleanup", "summary": "Litter out of the park",
                    "category": "environment", "outcome_unit": "kg_waste_diverted",
                    "expected_outcome": 5.0, "verification_method": method, "proof_kinds": proof,
                    "reward_city": 500, "reward_vote": 2, "estimated_minutes": 60
                })),
                201,
            )
            .await;
        let template = template["id"].as_str().unwrap().to_owned();
        walk.call("template_show", t("olga"), &[&template], Body::None, 200)
            .await;
        walk.call(
            "template_change",
            t("olga"),
            &[&template],
            Body::Json(json!({"event": "activate"})),
            200,
        )
        .await;
        for _ in 0..2 {
            let opportunity = walk
                .call(
                    "opportunity_create",
                    t("olga"),
                    &["park-friends"],
                    Body::Json(json!({
                        "template_id": template, "place": "Aquatic Park",
                        "starts_at": at(-1), "ends_at": at(3), "claim_deadline": at(2), "capacity": 5
                    })),
                    201,
                )
                .await;
            let opportunity = opportunity["id"].as_str().unwrap().to_owned();
            walk.call(
                "opportunity_change",
                t("olga"),
                &[&opportunity],
                Body::Json(json!({"event": "publish"})),
                200,
            )
            .await;
            published.push(opportunity);
        }
    }
    walk.call("opportunities_index", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call(
        "opportunity_show",
        Auth::Anonymous,
        &[&published[0]],
        Body::None,
        200,
    )
    .await;

    // What the resident still needs before claiming (nothing: the template asks nothing).
    let needs = walk
        .call(
            "eligibility_show",
            t("ana"),
            &[&published[0]],
            Body::None,
            200,
        )
        .await;
    assert!(needs.is_object(), "{needs}");
    // Work: a claim withdrawn; a claim with a photo proof, verified; an on-site check-in.
    let claimed = walk
        .call("claim_create", t("ana"), &[&published[1]], Body::None, 201)
        .await;
    let withdrawn = claimed["claim"]["id"].as_str().unwrap().to_owned();
    walk.call("claim_withdraw", t("ana"), &[&withdrawn], Body::None, 200)
        .await;
    let claimed = walk
        .call("claim_create", t("ana"), &[&published[0]], Body::None, 201)
        .await;
    let claim = claimed["claim"]["id"].as_str().unwrap().to_owned();
    let proof = reqwest::multipart::Form::new()
        .text("text", "Two bags")
        .text("outcome_quantity", "4")
        .part("photos", photo_part());
    let submitted = walk
        .call("proof_create", t("ana"), &[&claim], Body::Form(proof), 201)
        .await;
    let photo = submitted["submissions"][0]["photos"][0]
        .as_str()
        .unwrap()
        .to_owned();
    walk.call("photo_show", t("vera"), &[&photo], Body::None, 200)
        .await;
    walk.call("claims_index", t("ana"), &[], Body::None, 200)
        .await;
    walk.call("claim_show", t("ana"), &[&claim], Body::None, 200)
        .await;
    let queue = walk
        .call("queue_index", t("vera"), &["park-friends"], Body::None, 200)
        .await;
    let submission = queue[0]["submission"]["id"].as_str().unwrap().to_owned();
    walk.call(
        "decision_create",
        t("vera"),
        &[&submission],
        Body::Json(json!({"decision": "approve", "confirmed_outcome": 4.0, "quality_rating": 4})),
        200,
    )
    .await;
    let on_site = walk
        .call("claim_create", t("ben"), &[&published[2]], Body::None, 201)
        .await;
    let on_site = on_site["claim"]["id"].as_str().unwrap().to_owned();
    walk.call("check_in", t("vera"), &[&on_site], Body::None, 200)
        .await;
    walk.call("check_out", t("vera"), &[&on_site], Body::None, 200)
        .await;
    walk.call("wallet_show", t("ana"), &[], Body::None, 200)
        .await;

    // The café's offering, reserved and cancelled, reserved and redeemed.
    let offering = walk
        .call(
            "offering_create",
            t("carmen"),
            &["corner-cafe"],
            Body::Json(
                json!({"title": "Tea", "price": 150, "category": "food_drink", "active": true}),
            ),
            201,
        )
        .await;
    let offering = offering["id"].as_str().unwrap().to_owned();
    walk.call(
        "offering_update",
        t("carmen"),
        &[&offering],
        Body::Json(
            json!({"title": "Green tea", "price": 150, "category": "food_drink", "active": true}),
        ),
        200,
    )
    .await;
    let image = reqwest::multipart::Form::new().part("image", photo_part());
    walk.call(
        "offering_image_put",
        t("carmen"),
        &[&offering],
        Body::Form(image),
        200,
    )
    .await;
    walk.call(
        "offering_commit",
        t("carmen"),
        &[&offering],
        Body::Json(json!({"quantity": 5})),
        200,
    )
    .await;
    walk.call("offerings_index", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call(
        "offering_show",
        Auth::Anonymous,
        &[&offering],
        Body::None,
        200,
    )
    .await;
    walk.call(
        "offering_image",
        Auth::Anonymous,
        &[&offering],
        Body::None,
        200,
    )
    .await;
    let reserved = walk
        .call(
            "reservation_create",
            t("ana"),
            &[&offering],
            Body::None,
            201,
        )
        .await;
    let cancelled = reserved["id"].as_str().unwrap().to_owned();
    walk.call("reservations_index", t("ana"), &[], Body::None, 200)
        .await;
    walk.call("reservation_show", t("ana"), &[&cancelled], Body::None, 200)
        .await;
    walk.call(
        "reservation_cancel",
        t("ana"),
        &[&cancelled],
        Body::None,
        200,
    )
    .await;
    let reserved = walk
        .call(
            "reservation_create",
            t("ana"),
            &[&offering],
            Body::None,
            201,
        )
        .await;
    let code = reserved["code"].as_str().unwrap().to_owned();
    let found = walk
        .call(
            "redemption_lookup",
            t("carl"),
            &["corner-cafe"],
            Body::Json(json!({"code": code})),
            200,
        )
        .await;
    let redemption = found["id"].as_str().unwrap().to_owned();
    walk.call(
        "redemption_confirm",
        t("carl"),
        &["corner-cafe", &redemption],
        Body::None,
        200,
    )
    .await;
    walk.call(
        "redemptions_index",
        t("carl"),
        &["corner-cafe"],
        Body::None,
        200,
    )
    .await;

    // The public ledger.
    let checkpoint = citysync_app::ledger::checkpoints::sign_now(&ctx)
        .await
        .unwrap();
    walk.call("ledger_show", Auth::Anonymous, &[], Body::None, 200)
        .await;
    let epochs = walk
        .call("epochs_index", Auth::Anonymous, &[], Body::None, 200)
        .await;
    let epoch = epochs[0]["number"].to_string();
    walk.call("epoch_show", Auth::Anonymous, &[&epoch], Body::None, 200)
        .await;
    walk.call("checkpoints_index", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call(
        "checkpoint_show",
        Auth::Anonymous,
        &[&checkpoint.seq.to_string()],
        Body::None,
        200,
    )
    .await;

    // Governance: a cycle, two proposals (one withdrawn), a thread moderated, a ballot.
    let cycle = walk
        .call(
            "cycle_create",
            t("clerk"),
            &[],
            Body::Json(json!({
                "title": "Autumn", "schedule": {"proposals_at": at(-1), "deliberation_at": at(24), "voting_at": at(48), "results_at": at(72)},
                "method": "weighted_majority", "quorum_percent": 0, "min_vote": 1
            })),
            201,
        )
        .await;
    let cycle = cycle["id"].as_str().unwrap().to_owned();
    walk.call("cycles_index", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call("cycle_show", Auth::Anonymous, &[&cycle], Body::None, 200)
        .await;
    let mut proposals = Vec::new();
    for title in ["More benches", "Fewer benches"] {
        let proposal = walk
            .call(
                "proposal_create",
                t("ana"),
                &[&cycle],
                Body::Json(json!({"title": title, "body": "In Aquatic Park.", "content": {"kind": "policy"}})),
                201,
            )
            .await;
        proposals.push(proposal["proposal"]["id"].as_str().unwrap().to_owned());
    }
    walk.call(
        "proposal_withdraw",
        t("ana"),
        &[&proposals[1]],
        Body::None,
        200,
    )
    .await;
    walk.call(
        "proposals_index",
        Auth::Anonymous,
        &[&cycle],
        Body::None,
        200,
    )
    .await;
    walk.call(
        "proposal_show",
        Auth::Anonymous,
        &[&proposals[0]],
        Body::None,
        200,
    )
    .await;
    walk.call("cycle_next_phase", t("clerk"), &[&cycle], Body::None, 200)
        .await;
    let comment = walk
        .call(
            "comment_create",
            t("ana"),
            &[&proposals[0]],
            Body::Json(json!({"body": "Near the water"})),
            201,
        )
        .await;
    let comment = comment["id"].as_str().unwrap().to_owned();
    walk.call(
        "comment_report",
        t("ben"),
        &[&comment],
        Body::Json(json!({"reason": "Off topic"})),
        204,
    )
    .await;
    walk.call(
        "comment_moderate",
        t("clerk"),
        &[&comment],
        Body::Json(json!({"hide": true, "reason": "Off topic"})),
        204,
    )
    .await;
    walk.call(
        "comments_index",
        Auth::Anonymous,
        &[&proposals[0]],
        Body::None,
        200,
    )
    .await;
    walk.call("cycle_next_phase", t("clerk"), &[&cycle], Body::None, 200)
        .await;
    walk.call(
        "ballot_cast",
        t("ana"),
        &[&proposals[0]],
        Body::Json(json!({"kind": "weighted_majority", "option": 0})),
        200,
    )
    .await;
    walk.call("ballot_show", t("ana"), &[&proposals[0]], Body::None, 200)
        .await;
    walk.call("parameters_show", Auth::Anonymous, &[], Body::None, 200)
        .await;
    walk.call("stats_show", Auth::Anonymous, &[], Body::None, 200)
        .await;

    // Every operation of the document, and nothing else, was walked.
    let documented: BTreeSet<(String, String)> = operations(&walk.doc).into_iter().collect();
    let missing: Vec<_> = documented.difference(&walk.walked).collect();
    assert!(missing.is_empty(), "operations not walked: {missing:?}");
    assert_eq!(walk.walked.len(), documented.len());
    server.stop().await;
}

#[test]
fn the_shape_check_notices_what_is_off() {
    let doc = json!({"components": {"schemas": {"Claim": {
        "type": "object", "required": ["id", "state"],
        "properties": {"id": {"type": "string"}, "state": {"type": "string"}, "note": {"type": ["string", "null"]}}
    }}}});
    let schema = json!({"type": "array", "items": {"$ref": "#/components/schemas/Claim"}});
    assert!(check(
        &doc,
        &schema,
        &json!([{"id": "a", "state": "claimed", "note": null}]),
        "ok"
    )
    .is_ok());
    for (bad, why) in [
        (json!([{"id": "a"}]), "required `state`"),
        (json!([{"id": 1, "state": "x"}]), "integer where"),
        (
            json!([{"id": "a", "state": "x", "extra": 1}]),
            "`extra` is not documented",
        ),
        (json!({"id": "a"}), "object where"),
    ] {
        let err = check(&doc, &schema, &bad, "claims").unwrap_err();
        assert!(err.contains(why), "{err}");
    }
}
