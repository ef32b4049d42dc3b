// Fedify (https://fedify.dev), an ActivityPub framework nobody at City/Sync wrote, as a peer
// of a real `citysync serve` behind https. federation-tests/tests/it/fedify.rs seeds the
// city, starts this script with a plan (argv[2], JSON) and talks to it by lines:
//
//   1. Lookups: the city, an organization and a resident by WebFinger over https; every
//      object type parsed strictly with Fedify's vocabulary classes; every collection
//      traversed; every Data Integrity proof verified with Fedify's `verifyObject`.
//   2. Two Fedify actors, set up as Fedify's manual shows (an RSA key for HTTP signatures,
//      an Ed25519 key, both also published as Multikeys in `assertionMethod`), each on its
//      own Fedify server: "cavage" knocks first with draft-cavage signatures, "rfc" with
//      RFC 9421. Both follow; "rfc" joins an opportunity and leaves it again.
//      Prints {"ready": …} and waits for a line on stdin: the test then makes the city
//      publish, verify work, correct, cancel and checkpoint.
//   3. Every activity the city delivers is checked by Fedify's own inbox (signature,
//      parsing) and handed to the listeners here; attestations' proofs are verified.
//
// Progress goes to stderr; the last stdout line is the summary. Exit 0 only if every
// check passed.

import {
  createFederation,
  generateCryptoKeyPair,
  MemoryKvStore,
  verifyObject,
} from "@fedify/fedify";
import {
  Accept,
  Activity,
  Announce,
  Article,
  Collection,
  Create,
  Delete,
  Document,
  Endpoints,
  Event,
  Follow,
  getActorHandle,
  Join,
  Leave,
  Object as APObject,
  Organization,
  Person,
  Reject,
  Service,
  Update,
} from "@fedify/vocab";
import http from "node:http";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const failures = [];
const summary = { checks: 0, failures, lookups: {}, collections: {}, proofs: [], inbound: {} };
const log = (...parts) => console.error("[fedify]", ...parts);

function check(ok, what) {
  summary.checks += 1;
  if (!ok) {
    failures.push(what);
    log("FAILED:", what);
  }
  return ok;
}

async function attempt(what, f) {
  try {
    return await f();
  } catch (e) {
    check(false, `${what}: ${e?.stack ?? e}`);
    return null;
  }
}

// Which HTTP signature scheme a request carries.
function schemeOf(headers) {
  if (headers.get("signature-input")) return "rfc9421";
  if (headers.get("signature")) return "draft-cavage";
  return "unsigned";
}

// Every request Fedify sends, with the scheme it signed with and the answer it got: the
// double knock is visible here.
//
// The machines the tests run on have no route to w3.org: the W3C contexts Fedify does not
// ship preloaded (VC 2.0) come from the copies committed beside the JSON-LD check, exactly
// as w3.org serves them. Nothing else is answered locally.
const CONTEXTS = { "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld" };
const outbound = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const mirrored = CONTEXTS[request.url.replace(/\/$/, "")];
  if (mirrored) {
    const file = new URL(`../jsonld/contexts/${mirrored}`, import.meta.url);
    return new Response(readFileSync(file), { headers: { "Content-Type": "application/ld+json" } });
  }
  const response = await realFetch(request.clone());
  if (request.method === "POST") {
    outbound.push({
      url: request.url,
      scheme: schemeOf(request.headers),
      keyId: /keyid="([^"]+)"/i.exec(
        request.headers.get("signature-input") ?? request.headers.get("signature") ?? "",
      )?.[1],
      status: response.status,
    });
  }
  return response;
};

// ---- two Fedify servers, one actor each -------------------------------------------------

const received = { cavage: [], rfc: [] };
const inboundSchemes = { cavage: [], rfc: [] };

async function peerServer(name, firstKnock) {
  const federation = createFederation({
    kv: new MemoryKvStore(),
    allowPrivateAddress: true,
    firstKnock,
  });
  const rsa = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const ed = await generateCryptoKeyPair("Ed25519");
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      if (identifier !== name) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: `Fedify ${identifier}`,
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        // As Fedify's manual sets an actor up: the RSA key for HTTP signatures, and every
        // key as a Multikey for proofs.
        publicKey: keys[0].cryptographicKey,
        assertionMethods: keys.map((k) => k.multikey),
      });
    })
    .setKeyPairsDispatcher((_ctx, identifier) =>
      identifier === name ? [rsa, ed] : [],
    );
  const keep = (kind) => async (ctx, activity) => {
    const object = await activity.getObject({ crossOrigin: "trust" }).catch((e) => {
      check(false, `${name}: the object of a delivered ${kind} does not parse: ${e}`);
      return null;
    });
    received[name].push({ kind, activity, object, json: await activity.toJsonLd() });
    log(`${name} received ${kind} of ${object?.constructor?.name} ${object?.id?.href ?? ""}`);
  };
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Accept, keep("Accept"))
    .on(Reject, keep("Reject"))
    .on(Create, keep("Create"))
    .on(Update, keep("Update"))
    .on(Delete, keep("Delete"))
    .on(Announce, keep("Announce"))
    .onError((_ctx, error) => {
      check(false, `${name}: Fedify's inbox failed on a delivery: ${error?.stack ?? error}`);
    });

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, `http://${req.headers.host}`);
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      }
      if (req.method === "POST") inboundSchemes[name].push(schemeOf(headers));
      const request = new Request(url, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await federation.fetch(request, {
        contextData: undefined,
        onNotFound: () => new Response("not found", { status: 404 }),
        onNotAcceptable: () => new Response("not acceptable", { status: 406 }),
      });
      if (req.method === "POST" && response.status >= 300) {
        log(`${name}'s inbox answered ${response.status}: ${await response.clone().text()}`);
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (e) {
      log(`${name}'s server failed: ${e?.stack ?? e}`);
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = new URL(`http://localhost:${server.address().port}`);
  const ctx = federation.createContext(base, undefined);
  return { name, federation, server, ctx, actor: ctx.getActorUri(name) };
}

async function until(what, seconds, f) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await f();
    if (value) return value;
    if (Date.now() > deadline) {
      check(false, `timed out after ${seconds} s waiting for: ${what}`);
      return null;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

// ---- 1. lookups, objects, collections, proofs --------------------------------------------

const cavage = await peerServer("cavage", "draft-cavage-http-signatures-12");
const rfc = await peerServer("rfc", "rfc9421");
const ctx = cavage.ctx;
const loaders = { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader };

async function raw(url, { fresh } = {}) {
  if (fresh) {
    // Past Fedify's document cache (it keeps what it fetched a while).
    const response = await realFetch(url, { headers: { Accept: "application/activity+json" } });
    return response.json();
  }
  const { document } = await ctx.documentLoader(url);
  return document;
}

// Parses a document with the given Fedify class (which throws on anything it cannot read)
// and serializes it back, so every property is read.
async function strict(url, cls, what) {
  return attempt(`${what} (${url}) parses as ${cls.name}`, async () => {
    const parsed = await cls.fromJsonLd(await raw(url), loaders);
    if (!check(parsed instanceof cls, `${what} is a ${cls.name}, got ${parsed?.constructor?.name}`)) {
      return null;
    }
    await parsed.toJsonLd({ format: "expand", contextLoader: ctx.contextLoader });
    check(parsed.id?.href === url, `${what}'s id is its URL: ${parsed.id?.href} vs ${url}`);
    return parsed;
  });
}

async function proofOf(url, what) {
  await attempt(`${what}'s proof`, async () => {
    const document = await raw(url);
    if (!check(document.proof, `${what} carries a Data Integrity proof`)) return;
    const verified = await verifyObject(APObject, document, loaders);
    check(verified !== null, `Fedify verifies ${what}'s proof (${document.proof?.verificationMethod})`);
    summary.proofs.push({ what, verified: verified !== null });
  });
}

async function traverse(url, what, { activities, fresh }) {
  return attempt(`traversing ${what}`, async () => {
    const collection = await Collection.fromJsonLd(await raw(url, { fresh }), loaders);
    let count = 0;
    const ids = [];
    for await (const item of ctx.traverseCollection(collection, loaders)) {
      count += 1;
      ids.push(item.id?.href ?? item.href?.href);
      if (activities) {
        check(item instanceof Activity, `${what}: item ${count} is an activity, got ${item?.constructor?.name}`);
        if (item instanceof Activity) {
          await item.getObject({ ...loaders, crossOrigin: "trust" });
        }
      }
    }
    summary.collections[what] = count;
    log(`${what}: ${count} items`);
    return ids;
  });
}

for (const [role, cls] of [
  ["city", Service],
  ["organization", Organization],
  ["resident", Person],
]) {
  const handle = plan.handles[role];
  await attempt(`looking up ${handle}`, async () => {
    const webfinger = await ctx.lookupWebFinger(`acct:${handle}`);
    const self = webfinger?.links?.find((l) => l.rel === "self")?.href;
    check(self === plan.actors[role], `WebFinger of ${handle} points at ${plan.actors[role]}, got ${self}`);
    const found = await ctx.lookupObject(`@${handle}`);
    check(found instanceof cls, `@${handle} is a ${cls.name}, got ${found?.constructor?.name}`);
    const actor = await strict(plan.actors[role], cls, role);
    if (!actor) return;
    // Fedify's getActorHandle() asks WebFinger about the actor's id and takes the acct:
    // subject (it cannot spell a host with a port, as loopback tests have, so the reverse
    // lookup it relies on is checked here; with a host without a port it must agree).
    const reverse = await ctx.lookupWebFinger(actor.id);
    check(reverse?.subject === `acct:${handle}`, `WebFinger of ${actor.id.href} names acct:${handle}, got ${reverse?.subject}`);
    if (!plan.city.match(/:\d+$/)) {
      check((await getActorHandle(actor, loaders)) === `@${handle}`, `Fedify's handle of the ${role} is @${handle}`);
    }
    check((await actor.getPublicKey(loaders)) !== null, `${role} has an HTTP-signature key`);
    const multikeys = [];
    for await (const key of actor.getAssertionMethods(loaders)) multikeys.push(key);
    summary.lookups[role] = { id: actor.id.href, assertionMethods: multikeys.length };
    if (role === "organization") {
      check(
        multikeys.some((k) => k.publicKey?.algorithm?.name === "Ed25519"),
        `${role} publishes an Ed25519 Multikey in assertionMethod (Fedify reads ${multikeys.length})`,
      );
    }
    await traverse(actor.outboxId.href, `${role} outbox`, { activities: true });
    await traverse(actor.followersId.href, `${role} followers`, { activities: false });
  });
}

const event = await strict(plan.objects.opportunity, Event, "opportunity");
if (event) {
  check(
    event.startTime?.toString() === plan.opportunity_starts,
    `the opportunity starts at ${plan.opportunity_starts} (the stored instant), Fedify reads ${event.startTime}`,
  );
  check(event.attributionId?.href === plan.actors.organization, "the opportunity is attributed to its organization");
}
const template = await strict(plan.objects.template, Document, "template");
if (template) await traverse(`${plan.objects.template}/adopted-by`, "template adopted-by", { activities: false });
await strict(plan.objects.proposal, Article, "proposal");
const attestation = await strict(plan.objects.attestation, APObject, "attestation");
await proofOf(plan.objects.attestation, "the attestation");
await strict(plan.objects.checkpoint, APObject, "checkpoint");
if ((await attempt("reading the checkpoint", () => raw(plan.objects.checkpoint)))?.proof) {
  await proofOf(plan.objects.checkpoint, "the checkpoint");
}
summary.attestationType = attestation?.constructor?.name;

// ---- 2. follow, join, leave ---------------------------------------------------------------

const organization = await ctx.lookupObject(plan.actors.organization);
const city = await ctx.lookupObject(plan.actors.city);

async function follow(peer, target) {
  const follow = new Follow({
    id: new URL(`${peer.actor.href}/follows/${encodeURIComponent(target.id.href)}`),
    actor: peer.actor,
    object: target.id,
  });
  await attempt(`${peer.name} follows ${target.id.href}`, () =>
    peer.ctx.sendActivity({ identifier: peer.name }, target, follow, { immediate: true }),
  );
  await until(`${target.id.href} accepts ${peer.name}'s follow`, 60, () =>
    received[peer.name].some((r) => r.kind === "Accept" && r.activity.objectId?.href === follow.id.href),
  );
}

async function remaining() {
  const doc = await realFetch(plan.objects.opportunity, {
    headers: { Accept: "application/activity+json" },
  }).then((r) => r.json());
  return doc.remainingAttendeeCapacity;
}

if (organization && city) {
  await follow(cavage, organization);
  await follow(rfc, city);
  await follow(rfc, organization);
  // The followers collections, traversed again, now list the Fedify actors.
  const orgFollowers = await traverse(organization.followersId.href, "organization followers, after the follows", { activities: false, fresh: true });
  check(
    [cavage.actor.href, rfc.actor.href].every((a) => orgFollowers?.includes(a)),
    `the organization's followers list both Fedify actors: ${orgFollowers}`,
  );
  const cityFollowers = await traverse(city.followersId.href, "city followers, after the follow", { activities: false, fresh: true });
  check(cityFollowers?.includes(rfc.actor.href), `the city's followers list the RFC 9421 actor: ${cityFollowers}`);

  const before = await remaining();
  const join = new Join({
    id: new URL(`${rfc.actor.href}/joins/1`),
    actor: rfc.actor,
    object: new URL(plan.objects.opportunity),
  });
  await attempt("rfc joins the opportunity", () =>
    rfc.ctx.sendActivity({ identifier: "rfc" }, organization, join, { immediate: true }),
  );
  await until("the organization accepts the Join", 60, () =>
    received.rfc.some((r) => r.kind === "Accept" && r.activity.objectId?.href === join.id.href),
  );
  check((await remaining()) === before - 1, `a Join takes a place (${before} before)`);
  const leave = new Leave({
    id: new URL(`${rfc.actor.href}/leaves/1`),
    actor: rfc.actor,
    object: new URL(plan.objects.opportunity),
  });
  await attempt("rfc leaves the opportunity", () =>
    rfc.ctx.sendActivity({ identifier: "rfc" }, organization, leave, { immediate: true }),
  );
  await until("Leave frees the place", 30, async () => (await remaining()) === before);
} else {
  check(false, "the organization and the city can be looked up by id");
}

// How each actor's POSTs to the city went, and whether the first knock was enough.
for (const peer of [cavage, rfc]) {
  const mine = outbound.filter((o) => o.keyId?.startsWith(peer.actor.href) && o.url.startsWith(plan.city));
  const schemes = [...new Set(mine.map((o) => o.scheme))];
  summary.inbound[`${peer.name} signed with`] = schemes;
  check(mine.length > 0 && mine.every((o) => o.status < 300), `${peer.name}'s POSTs to the city were all accepted: ${JSON.stringify(mine)}`);
}
check(
  outbound.some((o) => o.scheme === "rfc9421" && o.url.startsWith(plan.city) && o.status < 300),
  "the city accepted an RFC 9421 signature on the first knock",
);
check(
  outbound.some((o) => o.scheme === "draft-cavage" && o.url.startsWith(plan.city) && o.status < 300),
  "the city accepted a draft-cavage signature",
);

console.log(JSON.stringify({ ready: true, followers: { organization: cavage.actor.href, city: rfc.actor.href } }));

// ---- 3. what the city delivers --------------------------------------------------------------

const lines = createInterface({ input: process.stdin });
const go = JSON.parse((await lines[Symbol.asyncIterator]().next()).value ?? "{}");
const seen = (peer, kind, cls) =>
  received[peer].some((r) => r.kind === kind && (cls === undefined || r.object instanceof cls));
const typed = (r, type) => [r.json.object?.type].flat().includes(type);

await until("the organization's follower gets a Create of the new opportunity", 90, () =>
  received.cavage.some((r) => r.kind === "Create" && r.object?.id?.href === go.opportunity),
);
await until("the organization's follower gets the attestation", 90, () =>
  received.cavage.some((r) => r.kind === "Create" && typed(r, "ContributionAttestation")),
);
await until("the organization's follower gets the template's Update", 90, () => seen("cavage", "Update", Document));
await until("the organization's follower gets the cancelled opportunity's Delete", 90, () => seen("cavage", "Delete"));
await until("the city's follower gets an Announce", 90, () => seen("rfc", "Announce"));
await until("the city's follower gets the checkpoint", 90, () =>
  received.rfc.some((r) => r.kind === "Create" && typed(r, "LedgerCheckpoint")),
);

for (const r of received.cavage.filter((r) => r.kind === "Create" && typed(r, "ContributionAttestation"))) {
  const verified = await attempt("verifying a delivered attestation", () =>
    verifyObject(APObject, r.json.object, loaders),
  );
  check(verified !== null && verified !== undefined, "Fedify verifies the proof of the attestation it was sent");
  summary.proofs.push({ what: "delivered attestation", verified: Boolean(verified) });
}
summary.inbound["delivered to cavage, signed with"] = [...new Set(inboundSchemes.cavage)];
summary.inbound["delivered to rfc, signed with"] = [...new Set(inboundSchemes.rfc)];
check(
  inboundSchemes.rfc.includes("rfc9421"),
  `the city answers the RFC 9421 peer in kind (got ${[...new Set(inboundSchemes.rfc)]})`,
);
summary.received = Object.fromEntries(
  Object.entries(received).map(([k, v]) => [k, v.map((r) => `${r.kind} ${[r.json.object?.type].flat().join("/")}`)]),
);

console.log(JSON.stringify(summary));
lines.close();
cavage.server.close();
rfc.server.close();
process.exit(failures.length === 0 ? 0 : 1);
