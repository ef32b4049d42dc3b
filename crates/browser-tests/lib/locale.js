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

/**
 * The texts of `texts` (what a page shows) that are an English message whose `lang` message
 * says something else — words a person reads in English on a page in another language —
 * each with its message id. A message's `{ $variable }` parts match anything; messages
 * shorter than four letters, and those the language writes as English does, are passed over.
 */
export function untranslated(lang, texts) {
  const patterns = englishPatterns(lang);
  const found = [];
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, ' ').trim();
    if (text.length < 4 || !/[A-Za-z]{2}/.test(text)) continue;
    for (const [pattern, id] of patterns) {
      if (pattern.test(text)) {
        found.push([text, id]);
        break;
      }
    }
  }
  return found;
}

const patternCache = new Map();

function englishPatterns(lang) {
  if (patternCache.has(lang)) return patternCache.get(lang);
  const english = messages('en');
  const theirs = messages(lang);
  const patterns = [];
  for (const [id, text] of english) {
    // The language facts of _locale.ftl (its own name, patterns) are not words to translate.
    if (id.startsWith('locale-') || id.startsWith('moment-')) continue;
    if (text.includes('->') || theirs.get(id) === text) continue;
    // A message in the language's file that only keeps the English (e.g. "CITY") is its
    // own word; one missing from it shows English and is found.
    const words = text.replace(/\{[^}]*\}/g, ' ').replace(/\s+/g, ' ').trim();
    if (words.replace(/[^A-Za-z]/g, '').length < 4) continue;
    // A placeable matches any text; the words and spaces around it stay as they are, so
    // "Edit { $title }" finds "Edit Coffee" but not the Spanish role name "Editor".
    const body = text
      .replace(/\s+/g, ' ')
      .trim()
      .split(/(\{[^}]*\})/)
      .map((part) =>
        /^\{[^}]*\}$/.test(part)
          ? '.+?'
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'),
      )
      .join('');
    patterns.push([new RegExp(`^${body}$`), id]);
  }
  patternCache.set(lang, patterns);
  return patterns;
}
