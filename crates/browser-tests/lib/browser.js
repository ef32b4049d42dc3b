// The browser side of a journey: Debian's Chromium driven by playwright-core (nothing is
// downloaded), one browser context per person, every page they reach checked for its HTTP
// status and audited with axe, and the screenshots of the main pages.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { auditTwin, runAxe } from './axe.js';
import { untranslated } from './locale.js';

const here = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = resolve(here, '../../../docs/screenshots');

export const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
};
export const LOCALES = { en: 'en-US', es: 'es-MX', 'zh-Hant': 'zh-TW' };

/** Why the suite cannot run here, or null. Outside CI a missing browser skips; in CI it fails. */
export function missingBrowser() {
  if (existsSync(CHROMIUM)) return null;
  const why = `no Chromium at ${CHROMIUM} (install Debian's chromium or set CHROMIUM)`;
  if (process.env.CI === 'true') throw new Error(why);
  return why;
}

export function launchBrowser() {
  // --no-sandbox: containers and CI runners usually have no user namespaces for it.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** One journey's people, in one language and on one kind of device. */
/** `instant`'s hour and minute on the clocks of `timeZone`, as `lang` writes them. */
export function cityClock(instant, timeZone, lang) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  return lang === 'en'
    ? `${hour % 12 || 12}:${parts.minute} ${hour < 12 ? 'AM' : 'PM'}`
    : `${parts.hour}:${parts.minute}`;
}

export class Journey {
  constructor(browser, city, { lang, device }, audits) {
    this.browser = browser;
    this.city = city;
    this.lang = lang;
    this.device = device;
    this.audits = audits;
    this.contexts = [];
    this.auditor = null;
    // The city's zone once setup has chosen it: every clock a page shows is checked on it.
    this.timeZone = null;
  }

  contextOptions(extra = {}) {
    return { ...DEVICES[this.device], locale: LOCALES[this.lang], ...extra };
  }

  /** A new person with their own cookies; JavaScript is off unless asked for. */
  async person(name, { javaScript = false } = {}) {
    const context = await this.browser.newContext(this.contextOptions({ javaScriptEnabled: javaScript }));
    this.contexts.push(context);
    return new Person(this, name, context, await context.newPage(), javaScript);
  }

  /** The context the twin pages of the audits open in (see axe.js). */
  async auditorContext() {
    if (!this.auditor) {
      this.auditor = await this.browser.newContext(this.contextOptions({ javaScriptEnabled: true, bypassCSP: true }));
      this.contexts.push(this.auditor);
    }
    return this.auditor;
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => {});
  }
}

export class Person {
  constructor(journey, name, context, page, javaScript) {
    this.journey = journey;
    this.javaScript = javaScript;
    this.name = name;
    this.context = context;
    this.page = page;
    this.lastStatus = null;
    // The status of the last document the main frame received (after any redirects).
    page.on('response', (resp) => {
      if (resp.request().isNavigationRequest() && resp.frame() === page.mainFrame()) {
        this.lastStatus = resp.status();
      }
    });
  }

  url(path) {
    return this.journey.city.url(path);
  }

  path() {
    return new URL(this.page.url()).pathname;
  }

  /** Opens `path` as if typed in the address bar or followed from a link. */
  async go(path, options = {}) {
    await this.page.goto(this.url(path), { waitUntil: 'load' });
    await this.settle(options);
  }

  /**
   * Does `action` (a click or a key press that submits or follows a link) and waits for the
   * next page to load.
   */
  async act(action, options = {}) {
    const loaded = this.page.waitForEvent('load', { timeout: 20_000 });
    await action();
    await loaded;
    await this.settle(options);
  }

  /** Clicks a submit button or link and waits for the next page. */
  async submit(locator, options = {}) {
    const target = typeof locator === 'string' ? this.page.locator(locator) : locator;
    await this.act(() => target.click(), options);
  }

  /** Checks the page's status and language, then audits it. */
  async settle({ status = 200 } = {}) {
    if (this.lastStatus !== status) {
      const text = (await this.page.locator('main').innerText().catch(() => '')).slice(0, 600);
      throw new Error(`${this.name}: ${this.page.url()} answered ${this.lastStatus}, expected ${status}\n${text}`);
    }
    const lang = await this.page.getAttribute('html', 'lang');
    if (lang !== this.journey.lang) {
      throw new Error(`${this.name}: ${this.page.url()} is in "${lang}", expected "${this.journey.lang}"`);
    }
    await this.checkClocks();
    await this.checkTranslated();
    await this.audit();
  }

  /**
   * In a journey in another language than English, no text a person reads on the page (its
   * text, its title, labels, placeholders and alternative texts) is an English message
   * whose translation differs: every string went through the journey's language's messages
   * (see lib/locale.js). The pages checked are counted on the journey.
   */
  async checkTranslated() {
    if (this.journey.lang === 'en') return;
    const texts = await this.page.evaluate(() => {
      const found = [document.title];
      // Text marked as another language (a language's own name in the picker, content
      // shown in the language it was written in) is meant to be read in that language.
      const page = document.documentElement.lang;
      const ours = (el) => (el.closest('[lang]')?.getAttribute('lang') ?? page) === page;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && ours(parent) && !parent.closest('script, style, [hidden]')) found.push(node.textContent);
      }
      for (const el of [...document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')].filter(ours)) {
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(attr);
          if (v) found.push(v);
        }
      }
      return found;
    });
    const english = untranslated(this.journey.lang, texts);
    this.journey.translationChecks = (this.journey.translationChecks ?? 0) + 1;
    if (english.length) {
      throw new Error(`${this.name}: ${this.page.url()} shows English where ${this.journey.lang} has its own words:\n${english.map(([text, id]) => `  "${text}" (${id})`).join('\n')}`);
    }
  }

  /**
   * Every `<time datetime>` that shows a clock shows its instant on the city's clock, as the
   * journey's language writes it ("9:00 AM", "09:00"). A datetime without an offset is UTC,
   * as City/Sync stores it; JavaScript's own zone data is the oracle.
   */
  async checkClocks() {
    const zone = this.journey.timeZone;
    if (!zone) return;
    const times = await this.page.locator('time[datetime]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
    for (const [attr, text] of times) {
      const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(attr.trim());
      if (!m || !/\d:\d\d/.test(text)) continue;
      const fraction = m[4] ? m[4].slice(0, 4) : '';
      const instant = new Date(`${m[1]}T${m[2]}${m[3] || ':00'}${fraction}${m[5] || 'Z'}`);
      const shown = cityClock(instant, zone, this.journey.lang);
      if (!text.replace(/\s+/g, ' ').includes(shown)) {
        throw new Error(`${this.name}: ${this.page.url()} shows "${text.trim()}" for ${attr}, expected ${shown} (${zone})`);
      }
    }
  }

  /** axe on the page itself where scripts run, else on its twin (see axe.js). */
  async audit() {
    const url = this.page.url();
    const violations = this.javaScript
      ? await runAxe(this.page)
      : await auditTwin(await this.journey.auditorContext(), url, await this.page.content());
    this.journey.audits.record(url, `${this.journey.lang}/${this.journey.device} ${this.name}`, violations);
  }

  /**
   * Whether `selector` is entirely on the first screen, as the page opens (scrolled to the
   * top): what a person sees on their phone without scrolling.
   */
  async onFirstScreen(selector) {
    await this.page.evaluate(() => window.scrollTo(0, 0));
    const box = await this.page.locator(selector).first().boundingBox();
    const { height, width } = this.page.viewportSize();
    return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= height && box.x + box.width <= width;
  }

  /** The text of `selector`, trimmed. */
  async text(selector) {
    return (await this.page.locator(selector).first().innerText()).trim();
  }

  /**
   * docs/screenshots/{name}-{lang}-{device}.png, the viewport only (small files); `from`
   * scrolls that element to the top first, for pages whose point is below the header.
   */
  async screenshot(name, { from } = {}) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    if (from) await this.page.locator(from).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}-${this.journey.lang}-${this.journey.device}.png`) });
  }
}
