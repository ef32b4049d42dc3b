// The accessibility audit: axe-core on every page a journey shows.
//
// The journeys run with JavaScript off, and axe cannot run there: Playwright's evaluate still
// works, but axe.run waits on timers that never fire when the page may not run scripts (and
// switching scripts back on through CDP closes the page). So each page is audited in a twin:
// a JavaScript-enabled page of an "auditor" context with the same viewport and language, which
// opens the same URL but is served the exact HTML the person received (a POST's result
// included) while the app's own scripts are blocked — the DOM axe sees is the one a visitor
// without JavaScript gets, and the stylesheet and images come from the real server.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** Everything the audits of one run found: blocking findings fail the test, the rest is listed. */
export class AuditLog {
  constructor() {
    this.pages = 0;
    this.blocking = [];
    this.minor = new Map(); // rule id → { impact, help, urls: Set }
  }

  record(url, label, violations) {
    this.pages += 1;
    for (const v of violations) {
      if (BLOCKING.has(v.impact)) {
        this.blocking.push({ url, label, id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) });
      } else {
        const seen = this.minor.get(v.id) ?? { impact: v.impact, help: v.help, urls: new Set() };
        seen.urls.add(new URL(url).pathname);
        this.minor.set(v.id, seen);
      }
    }
  }

  /** A readable list of the serious and critical findings, one per line. */
  blockingReport() {
    return this.blocking
      .map((b) => `${b.impact} ${b.id} (${b.help}) on ${b.label} ${b.url}: ${b.targets.join(', ')}`)
      .join('\n');
  }

  minorReport() {
    return [...this.minor.entries()]
      .map(([id, m]) => `${m.impact} ${id} (${m.help}): ${[...m.urls].join(' ')}`)
      .join('\n');
  }
}

/** Runs axe in `page`, which must be allowed to run scripts; returns its violations. */
export async function runAxe(page) {
  return page.evaluate(`(() => {
    if (!window.axe) { ${AXE_SOURCE}\n }
    return window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })));
  })()`);
}

/** The twin page: same URL, the captured HTML, no app scripts; audited, then closed. */
export async function auditTwin(auditor, url, html) {
  const page = await auditor.newPage();
  try {
    await page.route('**/*', (route) => {
      const req = route.request();
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      if (req.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await page.goto(url, { waitUntil: 'load' });
    return await runAxe(page);
  } finally {
    await page.close();
  }
}
