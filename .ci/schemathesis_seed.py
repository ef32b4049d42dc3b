"""Seeds a fresh City/Sync for the Schemathesis run (.ci/schemathesis.sh).

First-run setup over HTTP with the one-time link from the server's log, then, through the
API with the administrator's broad token: an approved organization that issues and
redeems, an active template, a published opportunity, an offering and a decision cycle —
so the fuzzer's GETs and its stateful sequences find real resources behind the ids.

Usage: schemathesis_seed.py setup BASE_URL SETUP_URL   (then `citysync admin create-token`)
       schemathesis_seed.py api BASE_URL TOKEN
"""

import datetime
import re
import sys

import requests


def setup(base: str, setup_url: str) -> None:
    http = requests.Session()

    page = http.get(setup_url, timeout=30)
    page.raise_for_status()
    csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    setup_token = re.search(r"token=([A-Za-z0-9_\-]+)", setup_url)
    if not csrf or not setup_token:
        sys.exit("seed: the setup page has no CSRF token")
    done = http.post(
        f"{base}/setup",
        data={
            "csrf_token": csrf.group(1),
            "token": setup_token.group(1),
            "city_name": "Contract City",
            "region": "Testing",
            "default_locale": "en",
            "timezone": "America/Los_Angeles",
            "username": "clerk",
            "email": "clerk@example.org",
            "password": "correct horse battery staple 42",
            "password_confirm": "correct horse battery staple 42",
        },
        allow_redirects=False,
        timeout=30,
    )
    if done.status_code != 303:
        sys.exit(f"seed: setup answered {done.status_code}: {done.text[:500]}")
    print("seed: city set up", flush=True)


def seed_api(base: str, token: str) -> None:
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {token}"

    def call(method: str, path: str, expect: int, **kw) -> dict:
        resp = api.request(method, f"{base}/api/v1{path}", timeout=30, **kw)
        if resp.status_code != expect:
            sys.exit(f"seed: {method} {path} answered {resp.status_code}: {resp.text[:500]}")
        return resp.json() if resp.content else {}

    call(
        "POST",
        "/organizations",
        201,
        json={
            "handle": "tool-library",
            "name": "Tool Library",
            "description": "Lends tools.",
            "is_issuer": True,
            "is_redeemer": True,
            "contact_email": "tools@example.org",
        },
    )
    call("POST", "/organizations/tool-library/decision", 200, json={"approve": True})
    template = call(
        "POST",
        "/organizations/tool-library/templates",
        201,
        json={
            "title": "Creek clean-up",
            "summary": "Pick up litter along the creek.",
            "category": "environment",
            "outcome_unit": "kg_waste_diverted",
            "expected_outcome": 5.0,
            "verification_method": "issuer_review",
            "proof_kinds": ["text", "photo"],
            "reward_city": 500,
            "reward_vote": 100,
            "estimated_minutes": 120,
        },
    )
    call("POST", f"/templates/{template['id']}/transitions", 200, json={"event": "activate"})
    now = datetime.datetime.now(datetime.timezone.utc)
    at = lambda days: (now + datetime.timedelta(days=days)).isoformat(timespec="seconds")
    opportunity = call(
        "POST",
        "/organizations/tool-library/opportunities",
        201,
        json={
            "template_id": template["id"],
            "place": "Codornices Creek",
            "starts_at": at(3),
            "ends_at": at(3.1),
            "claim_deadline": at(2),
            "capacity": 50,
        },
    )
    call("POST", f"/opportunities/{opportunity['id']}/transitions", 200, json={"event": "publish"})
    call(
        "POST",
        "/organizations/tool-library/offerings",
        201,
        json={"title": "A coffee", "price": 350, "category": "food_drink", "active": True},
    )
    call(
        "POST",
        "/cycles",
        201,
        json={
            "title": "Spring budget",
            "schedule": {
                "proposals_at": at(-1),
                "deliberation_at": at(5),
                "voting_at": at(10),
                "results_at": at(15),
            },
            "method": "weighted_majority",
            "quorum_percent": 10,
            "min_vote": 1,
        },
    )
    print("seed: organization, template, opportunity, offering and cycle created", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("setup", "api"):
        sys.exit(__doc__)
    (setup if sys.argv[1] == "setup" else seed_api)(sys.argv[2], sys.argv[3])
