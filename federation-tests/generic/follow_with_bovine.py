"""A generic ActivityPub client follows a City/Sync organization.

bovine (https://bovine.readthedocs.io) is an independent Python ActivityPub
implementation. This script uses only its own parts to do what any fediverse
software does with a City/Sync organization:

1. look the organization up by WebFinger (acct:HANDLE@HOST);
2. fetch its actor document with a signed GET, and its outbox of opportunities;
3. serve its own Person actor and inbox, and send a signed Follow;
4. wait for the organization's Accept, checking its HTTP signature with bovine.

It prints one JSON line with what it saw; the Rust test checks it.
Usage: follow_with_bovine.py CITY_BASE ORG_HANDLE
"""

import asyncio
import json
import socket
import sys
import uuid

import aiohttp
from aiohttp import web
from bovine import BovineActor
from bovine.clients import lookup_uri_with_webfinger
from bovine.crypto import build_validate_http_signature_raw, generate_rsa_public_private_key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def main(city_base: str, org_handle: str) -> dict:
    public_pem, private_pem = generate_rsa_public_private_key()
    port = free_port()
    base = f"http://localhost:{port}"
    actor_id = f"{base}/actor"
    key_id = f"{actor_id}#main-key"
    me = {
        "@context": [
            "https://www.w3.org/ns/activitystreams",
            "https://w3id.org/security/v1",
        ],
        "id": actor_id,
        "type": "Person",
        "preferredUsername": "bovine",
        "name": "A bovine test actor",
        "inbox": f"{base}/inbox",
        "outbox": f"{base}/outbox",
        "publicKey": {"id": key_id, "owner": actor_id, "publicKeyPem": public_pem},
    }

    async def retrieve_key(key: str):
        async with aiohttp.ClientSession() as session:
            async with session.get(
                key, headers={"Accept": "application/activity+json"}
            ) as response:
                data = json.loads(await response.text())
        key_doc = data.get("publicKey", data)
        return key_doc["publicKeyPem"], key_doc["owner"]

    validate = build_validate_http_signature_raw(retrieve_key)
    received: asyncio.Queue = asyncio.Queue()

    async def actor_route(_request):
        return web.json_response(me, content_type="application/activity+json")

    async def inbox_route(request):
        body = await request.read()

        async def read_body():
            return body

        signer = await validate("post", str(request.url), request.headers, read_body)
        if signer is None:
            return web.Response(status=401, text="bad signature")
        await received.put((signer, json.loads(body)))
        return web.Response(status=202)

    app = web.Application()
    app.router.add_get("/actor", actor_route)
    app.router.add_post("/inbox", inbox_route)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()

    seen: dict = {}
    try:
        async with aiohttp.ClientSession() as session:
            org_id, _ = await lookup_uri_with_webfinger(
                session, f"acct:{org_handle}", domain=city_base
            )
        seen["webfinger"] = org_id

        actor = BovineActor(actor_id=actor_id, public_key_url=key_id, secret=private_pem)
        await actor.init()
        try:
            org = await actor.get(org_id)
            seen["organization"] = {k: org.get(k) for k in ("id", "type", "name", "inbox", "outbox")}
            outbox = await actor.get_ordered_collection(org["outbox"])
            events = []
            for activity in outbox["items"]:
                obj = activity.get("object")
                if isinstance(obj, str):
                    obj = await actor.get(obj)
                if obj.get("type") == "Event":
                    # Fetch each Event from its own id, as a remote server would.
                    fetched = await actor.get(obj["id"])
                    events.append(
                        {
                            k: fetched.get(k)
                            for k in ("id", "name", "startTime", "endTime", "attributedTo")
                        }
                        | {"location": (fetched.get("location") or {}).get("name")}
                    )
            seen["events"] = events

            follow = {
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": f"{base}/follows/{uuid.uuid4()}",
                "type": "Follow",
                "actor": actor_id,
                "object": org["id"],
            }
            response = await actor.post(org["inbox"], follow)
            seen["follow_status"] = response.status
        finally:
            await actor.session.close()

        signer, answer = await asyncio.wait_for(received.get(), timeout=60)
        answer_object = answer.get("object")
        seen["answer"] = {
            "type": answer.get("type"),
            "actor": answer.get("actor"),
            "signed_by": signer,
            "object_id": answer_object.get("id")
            if isinstance(answer_object, dict)
            else answer_object,
            "follow_id": follow["id"],
        }
    finally:
        await runner.cleanup()
    return seen


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2]))))
