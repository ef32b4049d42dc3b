// Issue 24, D8: every document a real City/Sync serves or delivers, expanded offline with
// jsonld.js (a JSON-LD processor nobody here wrote). Nothing may be dropped and none of
// City/Sync's data may be read as ActivityStreams vocabulary.
//
// The documents come from `cargo test --workspace --test it jsonld_fixtures`
// (federation-tests/tests/it/jsonld.rs): a real `citysync serve`, its actors, collections,
// objects and the activities a follower received, written to JSONLD_FIXTURES (default:
// target/jsonld-fixtures). The ActivityStreams, security, DID, Multikey and VC 2.0 contexts
// are served from ./contexts (committed; no network); City/Sync's own is embedded in each
// document, and the city's /ns is among the fixtures.
//
// "Dropped" means any of:
// - jsonld.js reports an event while expanding (a term that expands to no absolute IRI is
//   removed: "invalid property"; a type or id that is not an IRI: "relative … reference");
// - a property or type expands to a blank node (`_:term`): only AS2's `"@vocab": "_:"`
//   caught it, and every RDF consumer throws it away;
// - a property or type expands into the VC 2.0 "issuer-dependent" vocabulary (the VC
//   context's catch-all for undefined terms);
// - a compact value is `null` (it expands to nothing).
// And "read as AS2" means an ActivityStreams property inside a City/Sync property's value
// (e.g. a proposal's `options.changes[].name` becoming `as:name`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = process.env.JSONLD_FIXTURES
  ? resolve(process.env.JSONLD_FIXTURES)
  : resolve(here, '../../target/jsonld-fixtures');
const AS = 'https://www.w3.org/ns/activitystreams#';
const CS = 'https://citysync.example/ns#';
const ISSUER_DEPENDENT = 'https://www.w3.org/ns/credentials/issuer-dependent#';

const CONTEXT_FILES = {
  'https://www.w3.org/ns/activitystreams': 'activitystreams.jsonld',
  'https://w3id.org/security/v1': 'security-v1.jsonld',
  'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
  'https://w3id.org/security/multikey/v1': 'multikey-v1.jsonld',
  'https://www.w3.org/ns/credentials/v2': 'credentials-v2.jsonld',
};

function fixture(name) {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

/** Serves the committed contexts and the city's /ns; anything else would need the network. */
async function documentLoader(url) {
  const file = CONTEXT_FILES[url.replace(/\/$/, '')];
  if (file) {
    return {
      contextUrl: null,
      documentUrl: url,
      document: JSON.parse(readFileSync(join(here, 'contexts', file), 'utf8')),
    };
  }
  if (/^https?:\/\/[^/]+\/ns$/.test(url)) {
    return { contextUrl: null, documentUrl: url, document: fixture('context-ns.json') };
  }
  throw new Error(`offline: no local copy of the context ${url}`);
}

const local = (iri) => iri.replace(AS, 'as:').replace(CS, 'cs:');

/** Expands `doc`; returns the problems found, the expansion and the number of keys checked. */
async function check(doc) {
  const problems = [];
  const expanded = await jsonld.expand(doc, {
    documentLoader,
    eventHandler: ({ event }) => {
      problems.push(`jsonld.js: ${event.code} ${JSON.stringify(event.details ?? {})}`);
    },
  });

  // JSON literals (`@json`) are kept whole: their keys are data, not terms.
  const literals = new Set();
  (function collect(node) {
    if (Array.isArray(node)) return node.forEach(collect);
    if (node && typeof node === 'object') {
      if (node['@type'] === '@json') return literals.add(JSON.stringify(node['@value']));
      Object.values(node).forEach(collect);
    }
  })(expanded);

  let keys = 0;
  (function compact(node, path) {
    if (Array.isArray(node)) return node.forEach((v, i) => compact(v, `${path}[${i}]`));
    if (node === null) return problems.push(`${path} is null: it expands to nothing`);
    if (typeof node !== 'object' || literals.has(JSON.stringify(node))) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '@context') continue;
      keys += 1;
      compact(v, `${path}.${k}`);
    }
  })(doc, '$');

  const undefinedIri = (iri) => iri.startsWith('_:') || iri.startsWith(ISSUER_DEPENDENT);
  (function walk(node, path, inCs) {
    if (Array.isArray(node)) return node.forEach((v) => walk(v, path, inCs));
    if (!node || typeof node !== 'object') return;
    if ('@value' in node) {
      const t = node['@type'];
      if (typeof t === 'string' && undefinedIri(t)) problems.push(`${path}: value type ${t} is undefined`);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === '@type') {
        for (const t of [v].flat()) {
          if (undefinedIri(t)) problems.push(`${path}: type \`${t}\` is not defined by the context`);
        }
        continue;
      }
      if (k.startsWith('@')) {
        walk(v, path, inCs);
        continue;
      }
      const at = `${path}/${local(k)}`;
      if (undefinedIri(k)) {
        problems.push(`${at}: the term is not defined by the context (expands to ${k})`);
      } else if (inCs && k.startsWith(AS)) {
        problems.push(`${at}: City/Sync data read as the ActivityStreams term ${k}`);
      }
      walk(v, at, inCs || k.startsWith(CS));
    }
  })(expanded, '', false);

  return { problems, expanded, keys };
}

const names = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()
  : [];

test('the fixtures are there: every kind of document a city serves or delivers', () => {
  assert.ok(
    names.length > 0,
    `no documents in ${FIXTURES}: run \`cargo test --workspace --test it jsonld_fixtures\` first`,
  );
  const types = new Set();
  for (const name of names) {
    const doc = fixture(name);
    const add = (o) => {
      if (o && typeof o === 'object') for (const t of [o.type].flat()) if (t) types.add(t);
    };
    add(doc);
    add(doc.object);
    add(doc.object?.object);
    (doc.orderedItems ?? []).forEach((i) => { add(i); add(i.object); });
  }
  for (const t of [
    'Service', 'Organization', 'Person', 'OrderedCollection', 'Document', 'Event', 'Article',
    'ContributionAttestation', 'LedgerCheckpoint', 'Tombstone', 'Create', 'Update', 'Delete',
    'Announce', 'Accept',
  ]) {
    assert.ok(types.has(t), `no ${t} among the documents in ${FIXTURES} (types: ${[...types]})`);
  }
});

test('the served /ns context maps every City/Sync term into the City/Sync namespace', async () => {
  const ns = fixture('context-ns.json');
  const prefixes = new Set(['cs', 'sc', 'mz']);
  const terms = Object.keys(ns['@context']).filter((t) => !t.startsWith('@') && !prefixes.has(t));
  // Mobilizon's Event fields keep Mobilizon's own IRIs (schema.org and joinmobilizon.org),
  // so Mobilizon and schema.org readers understand them; every other term is City/Sync's.
  const iriOf = (term) => {
    const def = ns['@context'][term];
    const curie = typeof def === 'string' ? def : def['@id'];
    const [prefix, local] = curie.split(':');
    assert.ok(prefixes.has(prefix), `${term} is defined outside City/Sync's and Mobilizon's namespaces: ${curie}`);
    return prefix === 'cs' ? `${CS}${local}` : `${ns['@context'][prefix]}${local}`;
  };
  for (const term of terms) {
    if (/^[A-Z]/.test(term)) {
      // A type: `type` values go through the same definitions.
      const [node] = await jsonld.expand(
        { '@context': ['https://www.w3.org/ns/activitystreams', ns['@context']], type: term },
        { documentLoader },
      );
      assert.deepEqual(node?.['@type'], [iriOf(term)], `type ${term} expands to ${node?.['@type']}`);
      continue;
    }
    const [node] = await jsonld.expand(
      { '@context': ns['@context'], '@id': 'https://x.example/1', [term]: 'x' },
      { documentLoader },
    );
    const iris = Object.keys(node ?? {}).filter((k) => !k.startsWith('@'));
    assert.deepEqual(iris, [iriOf(term)], `${term} expands to ${iris}`);
  }
  // Each document embeds exactly the served definitions.
  for (const name of names.filter((n) => n !== 'context-ns.json')) {
    const ctx = [fixture(name)['@context']].flat();
    const embedded = ctx.filter((c) => c && typeof c === 'object');
    for (const c of embedded) {
      assert.deepEqual(c, ns['@context'], `${name}: embedded terms differ from /ns`);
    }
  }
  console.log(`# /ns defines ${terms.length} terms, each into ${CS} or (Mobilizon's Event fields) schema.org and joinmobilizon.org`);
});

let total = 0;
for (const name of names.filter((n) => n !== 'context-ns.json')) {
  test(`${name} expands with no term dropped`, async () => {
    const { problems, expanded, keys } = await check(fixture(name));
    total += keys;
    assert.ok(expanded.length > 0, `${name} expanded to nothing`);
    assert.deepEqual(problems, [], `${name}:\n  ${problems.join('\n  ')}`);
  });
}

test('summary', () => {
  console.log(`# ${names.length - 1} documents expanded offline, ${total} keys checked, none dropped`);
});
