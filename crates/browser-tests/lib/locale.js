// The app's own words, read from locales/{lang}/*.ftl, so the journeys assert what a person
// reads in each language without a second copy of the translations. Only plain messages and
// `{ $variable }` placeables are understood — enough for the assertions; selectors are not.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const LOCALES = resolve(here, '../../../locales');
const cache = new Map();

function messages(lang) {
  if (cache.has(lang)) return cache.get(lang);
  const found = new Map();
  const dir = join(LOCALES, lang);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    let current = null;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const start = line.match(/^([a-z][a-z0-9-]*)\s*=\s?(.*)$/);
      if (start) {
        current = start[1];
        found.set(current, start[2]);
      } else if (current && /^\s+\S/.test(line)) {
        found.set(current, `${found.get(current)} ${line.trim()}`.trim());
      } else {
        current = null;
      }
    }
  }
  cache.set(lang, found);
  return found;
}

/** The message `id` in `lang`, with its `{ $name }` placeables filled from `args`. */
export function t(lang, id, args = {}) {
  const text = messages(lang).get(id);
  if (text === undefined) throw new Error(`no message ${id} in locales/${lang}`);
  if (text.includes('->')) throw new Error(`${id} is a selector; assert on something else`);
  return text.replace(/\{\s*\$([a-z_]+)\s*\}/g, (_, name) => {
    if (!(name in args)) throw new Error(`${id} needs $${name}`);
    return String(args[name]);
  });
}
