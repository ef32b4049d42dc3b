// City/Sync's end-to-end journeys in headless Chromium (issue 11).
//
// For each language (English, Spanish) and each device (phone, desktop) a fresh city is
// started and the whole story is told through its pages, one browser context per person:
// first-run setup; residents signing up with the emailed link; an issuer and a café
// registered and approved, with a budget, a verifier, a cashier and an offering; a template
// and an opportunity published; a claim and its photo proof (keyboard only), rejected with
// feedback, resubmitted, approved; the wallet's CITY and VOTE; a reservation confirmed at the
// counter by its typed short code (and, in one journey, by the camera scanner reading the
// QR code); a quadratic vote (keyboard only); the transparency dashboard's figures.
//
// Everyone browses with JavaScript off — the app's only script is the counter's scanner,
// which is tried with JavaScript on in the QR step. Every page reached is audited with axe
// (see lib/axe.js); serious or critical findings fail the suite. Screenshots of the main
// pages go to docs/screenshots/.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AuditLog } from './lib/axe.js';
import { Journey, launchBrowser, missingBrowser } from './lib/browser.js';
import { startCity } from './lib/city.js';
import { skipToContent, tabTo, typeInto } from './lib/keyboard.js';
import { t } from './lib/locale.js';
import { readQr, scanQrAtCounter } from './lib/qr.js';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PASSWORD = 'correct horse battery staple';

// What people type, in the journey's language (the pages' own words come from the locales).
const WORDS = {
  en: {
    city: 'Berkeley',
    region: 'California, United States',
    timezone: 'America/Los_Angeles',
    // Berkeley's desk enters a generic document number (a driver's license, a passport).
    documentKind: 'document_number',
    document: 'D1234 5678',
    residentVerified: 'Resident verified',
    // The city reimburses its cafés 0.50 USD for every CITY they honored.
    settlement: { currency: 'USD', rate: '0.50', source: 'General fund, resolution 2026-14', reference: 'ACH 4471' },
    issuer: 'Friends of the Creek',
    cafe: 'Corner Café',
    template: 'Creek cleanup',
    summary: 'Pick up litter along the creek',
    opportunity: 'Saturday creek cleanup',
    place: 'Strawberry Creek at Oxford Street',
    offering: 'Coffee',
    proof: 'Filled three bags by the bridge.',
    feedback: 'Show the full bags, please.',
    praise: 'Great work on the bank!',
    nine: '9:00 AM',
    shift: 'Tool library shift',
    small: 'Seed library sorting',
    cycle: 'Spring decisions',
    proposal: 'Quiet hours in the park',
  },
  es: {
    city: 'Ciudad de México',
    region: 'Ciudad de México, México',
    timezone: 'America/Mexico_City',
    // Mexico City's desk enters the resident's CURP.
    documentKind: 'curp',
    document: 'GODE561231HDFRRN04',
    residentVerified: 'Residente verificado',
    settlement: { currency: 'MXN', rate: '10.00', source: 'Presupuesto participativo 2026', reference: 'SPEI 0093' },
    issuer: 'Amigos del Arroyo',
    cafe: 'Café de la Esquina',
    template: 'Limpieza del arroyo',
    summary: 'Recoger basura a lo largo del arroyo',
    opportunity: 'Limpieza del arroyo del sábado',
    place: 'Río Magdalena, junto al puente de Contreras',
    offering: 'Café de olla',
    proof: 'Llené tres bolsas junto al puente.',
    feedback: 'Muestra las bolsas llenas, por favor.',
    praise: '¡Gran trabajo en la orilla!',
    nine: '09:00',
    shift: 'Turno en la biblioteca de herramientas',
    small: 'Clasificar la biblioteca de semillas',
    cycle: 'Decisiones de primavera',
    proposal: 'Horas de silencio en el parque',
  },
  // Oakland's Chinese-reading residents (issue 27): the whole city set up and used in
  // Traditional Chinese; the organizations write their content in Chinese too.
  'zh-Hant': {
    city: '奧克蘭',
    region: '美國加州',
    timezone: 'America/Los_Angeles',
    documentKind: 'document_number',
    document: 'D8765 4321',
    residentVerified: '已驗證居民身分',
    settlement: { currency: 'USD', rate: '0.50', source: '一般基金，第 2026-21 號決議', reference: 'ACH 5120' },
    issuer: '湖畔之友',
    cafe: '街角咖啡',
    template: '湖岸清潔',
    summary: '沿著湖岸撿拾垃圾',
    opportunity: '週六湖岸清潔',
    place: '梅里特湖，格蘭德大道入口',
    offering: '咖啡',
    proof: '在橋邊裝滿了三袋垃圾。',
    feedback: '請拍下裝滿的垃圾袋。',
    praise: '湖岸清得很乾淨，謝謝！',
    nine: '09:00',
    shift: '工具圖書館值班',
    small: '種子圖書館分類',
    cycle: '春季決策',
    proposal: '公園安靜時段',
  },
};

const COMBINATIONS = [
  { lang: 'en', device: 'phone' },
  { lang: 'en', device: 'desktop', qr: true },
  { lang: 'es', device: 'phone' },
  { lang: 'es', device: 'desktop' },
  { lang: 'zh-Hant', device: 'phone' },
];

/** A date-time field's value (the forms take UTC), `hours` from now. */
/** What a `datetime-local` field holds `hours` from now on the clocks of `timeZone`. */
function cityInput(hours, timeZone) {
  const at = new Date(Date.now() + hours * 3_600_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(at).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The submit button of the form whose action ends with `actionSuffix`. */
const button = (actionSuffix) => `form[action$="${actionSuffix}"] button[type=submit]`;

// Outside CI a machine without Chromium skips the suite with the reason; in CI it fails.
const skip = missingBrowser();
const audits = new AuditLog();
let browser;

describe('City/Sync in a browser', { skip: skip ?? false }, () => {
  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    // The findings below the threshold are listed, not failed on.
    if (audits.pages) {
      console.log(`axe: ${audits.pages} pages audited, ${audits.blocking.length} serious or critical findings`);
      console.log(`axe, minor and moderate findings (not failed on):\n${audits.minorReport() || 'none'}`);
    }
  });

  // JOURNEYS=es-phone,en-desktop,zh-Hant-phone runs only those (while working on one page); all by default.
  const only = process.env.JOURNEYS?.split(',').map((j) => j.trim());
  for (const combo of COMBINATIONS.filter((c) => !only || only.includes(`${c.lang}-${c.device}`))) {
    test(`the whole story in ${combo.lang} on a ${combo.device}`, async () => {
      const city = await startCity();
      const journey = new Journey(browser, city, combo, audits);
      const before = audits.blocking.length;
      try {
        await story(journey, combo);
      } finally {
        await journey.close();
        await city.stop();
      }
      const found = audits.blocking.slice(before);
      assert.equal(found.length, 0, `serious or critical accessibility findings:\n${found.map((b) => `${b.impact} ${b.id} (${b.help}) on ${b.url}: ${b.targets.join(', ')}`).join('\n')}`);
    });
  }
});

async function story(journey, { lang, qr }) {
  const w = WORDS[lang];
  const city = journey.city;

  // ── First-run setup: the administrator follows the one-time link from the server's log.
  const clerk = await journey.person('clerk');
  await clerk.page.goto(city.setupUrl);
  await clerk.settle();
  const setup = clerk.page;
  await setup.fill('#f-city_name', w.city);
  await setup.fill('#f-region', w.region);
  await setup.selectOption('#f-default_locale', lang);
  await setup.fill('#f-timezone', w.timezone);
  await setup.fill('#f-username', 'clerk');
  await setup.fill('#f-email', 'clerk@example.org');
  await setup.fill('#f-password', PASSWORD);
  await setup.fill('#f-password_confirm', PASSWORD);
  await clerk.submit(button('/setup'));
  assert.equal(clerk.path(), '/');
  assert.match(await clerk.text('.brand'), new RegExp(w.city));
  // From here every clock on every page is checked against the city's zone (lib/browser.js).
  journey.timeZone = w.timezone;

  // ── Residents sign up and confirm their address with the emailed link.
  const signUp = async (name, { screenshot = false } = {}) => {
    const person = await journey.person(name);
    const p = person.page;
    await person.go('/signup');
    await p.fill('#f-username', name);
    await p.fill('#f-email', `${name}@example.org`);
    await p.fill('#f-password', PASSWORD);
    await p.fill('#f-password_confirm', PASSWORD);
    await p.check('#f-privacy_version');
    if (screenshot) await person.screenshot('signup');
    await person.submit(button('/signup'));
    const link = await city.mailLink(`${name}@example.org`, `${city.base}/verify-email?token=`);
    await person.go(link.slice(city.base.length));
    await person.submit(button('/verify-email'));
    // Confirming the address signs the person in: she lands on her own home page.
    assert.equal(person.path(), '/', `${name} lands on the home page`);
    assert.equal(await p.locator('main p.success[role=status]').count(), 1, `${name} is told the address is confirmed`);
    assert.equal(await p.locator('#next-shift').count(), 1, `${name} is signed in`);
    if (screenshot) await person.screenshot('home-signed-in');
    return person;
  };
  const olga = await signUp('olga', { screenshot: true }); // owns the issuer
  const vera = await signUp('vera'); // verifies its work
  const carl = await signUp('carl'); // owns the café
  const cash = await signUp('cash'); // the café's cashier
  const ana = await signUp('ana'); // the resident of the story

  // ── An issuer and a café registered, approved by the administrator; the issuer's budget.
  const register = async (owner, handle, name, kind) => {
    await owner.go('/organizations/new');
    const p = owner.page;
    await p.fill('#f-handle', handle);
    await p.fill('#f-name', name);
    await p.fill('#f-description', `${name} · ${w.city}`);
    await p.check(kind === 'issuer' ? '#f-kind-issuer' : '#f-kind-redeemer');
    await p.fill('#f-contact_email', `hello@${handle}.example`);
    await owner.submit(button('/organizations/new'));
    assert.equal(owner.path(), `/organizations/${handle}`);
    await clerk.go('/admin/organizations');
    await clerk.submit(button(`/admin/organizations/${handle}/approve`));
    assert.equal(clerk.path(), '/admin/organizations');
  };
  const invite = async (owner, handle, member, role) => {
    await owner.go(`/organizations/${handle}/console`);
    await owner.page.fill('#f-who', member.name);
    await owner.page.selectOption('#f-role', role);
    await owner.submit(button(`/organizations/${handle}/invitations`));
    await member.go('/notifications');
    await member.submit('form[action$="/accept"] button[type=submit]');
    await member.go(`/organizations/${handle}/console`);
  };
  await register(olga, 'creek-friends', w.issuer, 'issuer');
  await register(carl, 'corner-cafe', w.cafe, 'redeemer');
  await clerk.go('/admin/budgets');
  await clerk.page.fill('#amount-creek-friends', '100');
  await clerk.submit('#budget-creek-friends button[type=submit]');
  assert.match(await clerk.text('#budget-creek-friends'), /100\.00 CITY/);
  await invite(olga, 'creek-friends', vera, 'verifier');
  await invite(carl, 'corner-cafe', cash, 'cashier');

  // ── The café lists an offering and commits units of it.
  await carl.go('/organizations/corner-cafe/offerings/new');
  await carl.page.fill('#f-title', w.offering);
  await carl.page.fill('#f-description', w.offering);
  await carl.page.fill('#f-price', '2.00');
  await carl.page.selectOption('#f-category', 'food_drink');
  await carl.page.check('#f-active');
  await carl.submit(button('/organizations/corner-cafe/offerings/new'));
  assert.equal(carl.path(), '/organizations/corner-cafe/offerings');
  await carl.page.fill('input[name=quantity]', '5');
  await carl.submit(button('/commit'));
  const offeringPath = await carl.page.locator('.cards h2 a').first().getAttribute('href');

  // ── The issuer publishes a template and an opportunity through the forms.
  await olga.go('/organizations/creek-friends/templates/new');
  const o = olga.page;
  await o.fill('#f-title', w.template);
  await o.fill('#f-summary', w.summary);
  await o.fill('#f-instructions', w.summary);
  await o.selectOption('#f-category', 'environment');
  await o.selectOption('#f-outcome_unit', 'kg_waste_diverted');
  await o.fill('#f-outcome', '5');
  await o.check('#f-method-issuer_review');
  await o.check('#f-proof-text');
  await o.check('#f-proof-photo');
  await o.fill('#f-reward_city', '5.00');
  await o.fill('#f-reward_vote', '10');
  await o.fill('#f-estimated_minutes', '90');
  await olga.submit(button('/templates/new'));
  assert.match(olga.path(), /^\/templates\//);
  const templatePath = olga.path();
  await olga.submit(button('/activate'));
  await olga.submit(o.locator('a[href$="/opportunities/new"]'));
  const newOpportunityPath = olga.path();
  await o.fill('#f-title', w.opportunity);
  await o.fill('#f-place', w.place);
  // Begun an hour ago, so that proof can be sent today (proof is refused before the start).
  await o.fill('#f-starts_at', cityInput(-1, w.timezone));
  await o.fill('#f-ends_at', cityInput(27, w.timezone));
  await o.fill('#f-claim_deadline', cityInput(23, w.timezone));
  await o.fill('#f-capacity', '10');
  await olga.submit(button('/opportunities/new'));
  const opportunityPath = olga.path();
  assert.match(opportunityPath, /^\/opportunities\//);
  await olga.submit(button('/publish'));

  // ── The resident finds it and claims it with the keyboard alone.
  await ana.go('/opportunities');
  const phone = journey.device === 'phone';
  // On a 390×844 phone the first opportunity, and on its page the claim button, show on the
  // first screen: the menu folds behind its button.
  if (phone) assert.ok(await ana.onFirstScreen(`main a[href="${opportunityPath}"]`), 'the first opportunity is on the first screen');
  await ana.screenshot('catalog', { from: '#main' });
  await ana.submit(ana.page.locator(`main a[href="${opportunityPath}"]`).first());
  if (phone) assert.ok(await ana.onFirstScreen(button('/claim')), 'the claim button is on the first screen');
  await ana.screenshot('opportunity', { from: '#main' });
  await skipToContent(ana.page);
  await tabTo(ana.page, button('/claim'));
  await ana.act(() => ana.page.keyboard.press('Enter'));
  const claimPath = ana.path();
  assert.match(claimPath, /^\/claims\//);

  // A real photo for the proof: a PNG of what the resident's screen shows.
  const photo = await ana.page.screenshot();
  const sendProof = async (text, outcome) => {
    await skipToContent(ana.page);
    await typeInto(ana.page, '#f-text', text);
    await tabTo(ana.page, '#f-photos');
    await (await openFileChooser(ana.page)).setFiles({ name: 'proof.png', mimeType: 'image/png', buffer: photo });
    await typeInto(ana.page, '#f-outcome', outcome);
    await tabTo(ana.page, button('/proof'));
    await ana.act(() => ana.page.keyboard.press('Enter'));
    assert.equal(ana.path(), claimPath);
  };
  await sendProof(w.proof, '3');
  assert.equal(await ana.page.locator('.submission img').count(), 1, 'the photo is shown with the proof');

  // ── The verifier rejects it with feedback; the resident reads it and sends again.
  const decide = async (decision, fill) => {
    await vera.go('/organizations/creek-friends/verify');
    const form = vera.page.locator(`form[action$="/decide"]:has(input[name=decision][value=${decision}])`).first();
    await fill(form);
    await vera.submit(form.locator('button[type=submit]'));
  };
  await decide('reject', async (form) => {
    await form.locator('select[name=reason]').selectOption('insufficient_proof');
    await form.locator('textarea[name=feedback]').fill(w.feedback);
  });
  await ana.go(claimPath);
  assert.match(await ana.text('.submission .alert'), new RegExp(escape(w.feedback)));
  assert.match(await ana.text('.submission .alert'), new RegExp(escape(t(lang, 'work-rejected-because'))));
  await sendProof(`${w.proof} ${w.proof}`, '4');
  await decide('approve', async (form) => {
    await form.locator('textarea[name=feedback]').fill(w.praise);
  });
  // Ana has only a verified email: like every new city, this one credits CITY and VOTE to
  // residents verified in person, so the verifier is told the reward is held.
  assert.equal(await vera.text('.alert h2'), t(lang, 'work-decided-held-title'));
  await ana.go(claimPath);
  assert.equal(await ana.text('#contribution-heading'), t(lang, 'work-contribution-verified'));
  assert.match(await ana.text('section.success'), new RegExp(escape(w.praise)));
  await ana.screenshot('claim', { from: '#contribution-heading' });

  // ── The wallet holds the reward until Ana is verified as a resident.
  await ana.go('/wallet');
  assert.equal(await ana.text('#balance-city'), '0.00 CITY');
  assert.match(await ana.text('#held'), new RegExp(escape(t(lang, 'wallet-held-line', { city: '5.00', vote: '10' }))));
  assert.match(await ana.text('#held'), new RegExp(escape(t(lang, 'wallet-held-open'))));
  await ana.screenshot('wallet-held', { from: '#main' });

  // ── At the issuer's registrar desk its owner checks Ana's document in person and enters
  // its identifier; the held reward is credited at once.
  await olga.go('/organizations/creek-friends/registrar');
  await olga.page.fill('#f-who', 'ana');
  await olga.page.selectOption('#f-kind', w.documentKind);
  await olga.page.fill('#f-identifier', w.document);
  await olga.screenshot('registrar', { from: '#main' });
  await olga.submit(button('/organizations/creek-friends/registrar'));
  assert.equal(await olga.text('.notice'), t(lang, 'registrar-verified', { username: 'ana' }));
  // The same document for another account is refused and queued for the administrator.
  await olga.page.fill('#f-who', 'cash');
  await olga.page.selectOption('#f-kind', w.documentKind);
  await olga.page.fill('#f-identifier', w.document);
  await olga.submit(button('/organizations/creek-friends/registrar'), { status: 409 });
  await clerk.go('/admin/identity');
  assert.match(await clerk.text('main'), /cash/);
  await clerk.screenshot('identity-conflicts', { from: '#main' });
  await ana.go('/settings');
  assert.match(await ana.text('main'), new RegExp(escape(w.residentVerified)));

  // ── The wallet: the reward in CITY and VOTE.
  await ana.go('/wallet');
  assert.equal(await ana.text('h1'), t(lang, 'wallet-title'));
  assert.match(await ana.text('#held'), new RegExp(escape(t(lang, 'wallet-held-credited'))));
  assert.equal(await ana.text('#balance-city'), '5.00 CITY');
  assert.equal(await ana.text('#balance-vote'), '10 VOTE');
  await ana.screenshot('wallet', { from: '#main' });

  // ── A reservation, confirmed at the counter by its typed short code.
  const reserve = async () => {
    await ana.go(offeringPath);
    await ana.submit(button('/reserve'));
    assert.match(ana.path(), /^\/wallet\/reservations\//);
    return ana.text('#short-code');
  };
  const code = await reserve();
  if (phone) assert.ok(await ana.onFirstScreen('.qr'), 'the QR code for the counter is on the first screen');
  await ana.screenshot('reservation', { from: 'main h1' });
  await cash.go('/organizations/corner-cafe/counter');
  // Without JavaScript the camera scanner stays hidden and the typed code does the job.
  assert.equal(await cash.page.locator('#scanner').isVisible(), false);
  assert.equal(await cash.page.locator('#code').isVisible(), true);
  await cash.screenshot('counter', { from: '#main' });
  await cash.page.fill('#code', code);
  await cash.submit('#counter-lookup button[type=submit]');
  assert.equal(await cash.text('h1'), t(lang, 'counter-confirm-title'));
  await cash.submit(button('/honor'));
  assert.equal(await cash.text('h1'), t(lang, 'counter-honored', { amount: '2.00' }));
  await ana.go('/wallet');
  assert.equal(await ana.text('#balance-city'), '3.00 CITY');
  assert.equal(await ana.text('#balance-reserved'), '0.00 CITY');
  let burned = 2;

  // ── The same with the QR code and the counter's camera scanner (JavaScript on).
  if (qr) {
    await reserve();
    const image = await ana.page.locator('.qr').screenshot();
    // The cashier again, on a tablet whose browser runs scripts: the same account (its cookies).
    const cashier = await journey.person('cash-scanner', { javaScript: true });
    await cashier.context.addCookies(await cash.context.cookies());
    await scanQrAtCounter(cashier, '/organizations/corner-cafe/counter', image);
    assert.equal(await cashier.text('h1'), t(lang, 'counter-confirm-title'));
    await cashier.submit(button('/honor'));
    assert.equal(await cashier.text('h1'), t(lang, 'counter-honored', { amount: '2.00' }));
    await ana.go('/wallet');
    assert.equal(await ana.text('#balance-city'), '1.00 CITY');
    burned += 2;
  }

  // ── Governance: the administrator opens a quadratic cycle, the resident proposes, the
  // phases move on, and the resident votes with the keyboard alone.
  await clerk.go('/governance/new');
  const g = clerk.page;
  await g.fill('#f-title', w.cycle);
  await g.fill('#f-proposals_at', cityInput(-1, w.timezone));
  await g.fill('#f-deliberation_at', cityInput(24, w.timezone));
  await g.fill('#f-voting_at', cityInput(48, w.timezone));
  await g.fill('#f-results_at', cityInput(72, w.timezone));
  await g.check('#f-method-quadratic');
  await g.fill('#f-quorum_percent', '10');
  await g.fill('#f-min_vote', '1');
  await clerk.submit(button('/governance/new'));
  const cyclePath = clerk.path();
  assert.match(cyclePath, /^\/governance\//);
  await ana.go(cyclePath);
  await ana.submit(ana.page.locator('a[href*="/proposals/new?kind=policy"]'));
  await ana.page.fill('#f-title', w.proposal);
  await ana.page.fill('#f-body', w.proposal);
  await ana.submit('main form button[type=submit]');
  const proposalPath = ana.path();
  assert.match(proposalPath, /^\/proposals\//);
  for (let phase = 0; phase < 2; phase++) {
    await clerk.go(cyclePath);
    await clerk.submit(button('/next-phase'));
  }
  await ana.go(proposalPath);
  await skipToContent(ana.page);
  await typeInto(ana.page, '#votes-0', '3');
  await tabTo(ana.page, button('/ballot'));
  await ana.act(() => ana.page.keyboard.press('Enter'));
  assert.equal(ana.path(), proposalPath);
  assert.equal(await ana.page.locator('#my-ballot').isVisible(), true, 'the ballot is recorded');
  assert.match(await ana.text('#my-ballot li'), /3/);
  await ana.screenshot('ballot', { from: '#ballot' });
  await clerk.go(cyclePath);
  await clerk.submit(button('/next-phase'));
  const visitor = await journey.person('visitor');
  await visitor.go(proposalPath);
  assert.equal(await visitor.page.locator('#outcome.success').count(), 1, 'the proposal passed');

  // ── The transparency dashboard: what was minted and spent, for anyone.
  await visitor.go('/transparency');
  assert.equal(await visitor.text('h1'), t(lang, 'transparency-title'));
  assert.equal(await visitor.text('#figure-verified'), '1');
  assert.equal(await visitor.text('#figure-city-minted'), '5.00 CITY');
  assert.equal(await visitor.text('#figure-city-burned'), `${burned}.00 CITY`);
  assert.equal(await visitor.text('#figure-vote-minted'), '10 VOTE');
  assert.equal(await visitor.text('#figure-decisions'), '1');
  await visitor.screenshot('transparency', { from: '#summary-heading' });

  // ── Settlement: the finance office sets what the city pays its cafés per CITY; the period
  // closes (the operator's `citysync ledger close-epoch`, as on a program's last day, rather
  // than waiting for its end); the café reads its signed statement; the finance office marks
  // it paid with the transfer's reference; the dashboard shows owed and paid.
  const money = w.settlement;
  const owed = (burned * Number(money.rate)).toFixed(2);
  await clerk.go('/admin/settlement');
  await clerk.page.fill('#currency', money.currency);
  await clerk.page.fill('#rate', money.rate);
  await clerk.page.fill('#funding_source', money.source);
  await clerk.submit(button('/admin/settlement/terms'));
  assert.match(city.cli('ledger', 'close-epoch'), /closed/);
  await carl.go('/organizations/corner-cafe/statements');
  const statementLink = carl.page.locator('main a[href^="/organizations/corner-cafe/statements/"]').first();
  const statementPath = await statementLink.getAttribute('href');
  const number = statementPath.split('/').pop();
  await carl.go(statementPath);
  assert.equal(await carl.text('#owed'), `${owed} ${money.currency}`);
  await carl.screenshot('statement', { from: '#main' });
  const csv = await carl.page.request.get(city.url(`${statementPath}/csv`));
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), new RegExp(escape(number)));
  await clerk.go('/admin/settlement');
  await clerk.page.fill(`#reference-${number}`, money.reference);
  await clerk.submit(button(`/admin/settlement/statements/${number}/paid`));
  assert.match(await clerk.text(`#statement-${number}`), new RegExp(escape(money.reference)));
  await clerk.screenshot('finance-office', { from: '#main' });
  await carl.go(statementPath);
  assert.match(await carl.text('#payment'), new RegExp(escape(money.reference)));
  await visitor.go('/transparency');
  const row = await visitor.text('#settlement-corner-cafe');
  assert.match(row, new RegExp(`${escape(owed)} ${money.currency}.*${escape(owed)} ${money.currency}.*0\\.00 ${money.currency}`, 's'));
  await visitor.screenshot('transparency-settlement', { from: '#settlement' });
  // ── The city's clock: the coordinator types Saturday 09:00–12:00, on the next Saturday and
  // on the first Saturday after the zone's next daylight-saving change (Mexico City keeps
  // one offset all year: a Saturday three months on). Every page says 9:00 and the
  // ActivityPub object carries the instant that is 9:00 there (JavaScript's own zone data
  // is the oracle: Berkeley 17:00Z in winter, 16:00Z in summer; Mexico City 15:00Z).
  for (const day of saturdays(w.timezone)) {
    const expected = instantOf(`${day}T09:00`, w.timezone);
    await olga.go(newOpportunityPath);
    assert.match(await olga.text('#main'), new RegExp(escape(w.city)), 'the zone is named near the fields');
    await o.fill('#f-title', `${w.opportunity} ${day}`);
    await o.fill('#f-place', w.place);
    await o.fill('#f-starts_at', `${day}T09:00`);
    await o.fill('#f-ends_at', `${day}T12:00`);
    await o.fill('#f-claim_deadline', `${day}T08:00`);
    await o.fill('#f-capacity', '5');
    await olga.submit(button('/opportunities/new'));
    const path = olga.path();
    await olga.submit(button('/publish'));
    await ana.go(path);
    assert.match(await ana.text('#main'), new RegExp(escape(w.nine)), `the opportunity page says ${w.nine}`);
    await ana.go(`/opportunities?from=${day}&until=${day}`);
    assert.match(await ana.text(`main li:has(a[href="${path}"])`), new RegExp(escape(w.nine)), 'the catalog says 9:00');
    await ana.go(`/calendar?from=${day}&until=${day}`);
    assert.match(await ana.text('#main'), new RegExp(escape(w.nine)), 'the calendar says 9:00');
    const as2 = await ana.page.request.get(city.url(path), { headers: { Accept: 'application/activity+json' } });
    assert.equal(as2.status(), 200);
    const object = await as2.json();
    assert.equal(new Date(object.startTime).toISOString(), expected.toISOString(), `startTime ${object.startTime}`);
    await ana.go(path);
    await ana.submit(button('/claim'));
    assert.match(await ana.text('#claim-when'), new RegExp(escape(w.nine)), 'the claim page says 9:00');
    const mail = await city.mailText('ana@example.org', `${w.opportunity} ${day}`);
    assert.match(mail, new RegExp(escape(w.nine)), 'the confirmation email says 9:00');
  }

  // ── A shift that starts in a quarter of an hour: Ana signs in again from its page and
  // lands back on it, claims it, and the two-hour reminder comes by email with the shift
  // as a calendar file. On site she scans the poster's QR code, checks in and out; the
  // verifier confirms the check-ins in bulk; her record of service hours verifies offline.
  await olga.go(newOpportunityPath);
  await o.fill('#f-title', w.shift);
  await o.fill('#f-place', w.place);
  await o.fill('#f-starts_at', cityInput(0.25, w.timezone));
  await o.fill('#f-ends_at', cityInput(2.25, w.timezone));
  await o.fill('#f-claim_deadline', cityInput(0.2, w.timezone));
  await o.fill('#f-capacity', '5');
  await olga.submit(button('/opportunities/new'));
  const shiftPath = olga.path();
  await olga.submit(button('/publish'));
  const anaAgain = await journey.person('ana-again');
  await anaAgain.go(shiftPath);
  await anaAgain.submit(anaAgain.page.locator('main a[href^="/login?next="]').first());
  await anaAgain.page.fill('#f-email', 'ana@example.org');
  await anaAgain.page.fill('#f-password', PASSWORD);
  await anaAgain.submit(button('/login'));
  assert.equal(anaAgain.path(), shiftPath, 'signing in returns to the page it was asked from');
  if (phone) assert.ok(await anaAgain.onFirstScreen(button('/claim')), 'the claim button is on the first screen');
  // She comes with a friend: a place for two, and Carl joins with the link she shares.
  await anaAgain.page.fill('#f-party-size', '2');
  await anaAgain.submit(button('/claim'));
  const shiftClaimPath = anaAgain.path();
  assert.match(shiftClaimPath, /^\/claims\//);
  const partyLink = await anaAgain.page.inputValue('#party-link');
  assert.ok(partyLink.startsWith(city.url('/parties/')), partyLink);
  await carl.go(partyLink.slice(city.base.length));
  await carl.screenshot('party', { from: '#main' });
  await carl.submit(button('/join'));
  assert.match(carl.path(), /^\/claims\//);
  await anaAgain.go(shiftClaimPath);
  assert.match(await anaAgain.text('#party-heading + p + p'), /carl/);
  const reminderIntro = t(lang, 'mail-note-shift-reminder-intro', { about: w.shift, when: '§' }).split('§')[0];
  const ics = await city.mailAttachment('ana@example.org', [reminderIntro], 'invite.ics');
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /BEGIN:VEVENT/);
  const dtstart = /DTSTART:(\d{8}T\d{6}Z)/.exec(ics);
  assert.ok(dtstart, `the calendar file has a start in UTC:\n${ics}`);

  await olga.go(`${shiftPath}/poster`);
  await olga.screenshot('poster', { from: '#main' });
  const checkInUrl = await readQr(journey.browser, await olga.page.locator('.qr-poster').screenshot());
  assert.ok(checkInUrl.startsWith(city.url('/check-in/')), `the poster's code holds ${checkInUrl}`);
  await anaAgain.go(checkInUrl.slice(city.base.length));
  await anaAgain.screenshot('check-in', { from: '#main' });
  await anaAgain.submit('form.check-in-form button[type=submit]');
  assert.equal(await anaAgain.page.locator('p.success[role=status]').count(), 1, 'checked in');
  await anaAgain.submit('form.check-in-form button[type=submit]');
  assert.equal(await anaAgain.page.locator('form.check-in-form').count(), 0, 'checked out');
  await vera.go(`${shiftPath}/check-ins`);
  assert.equal(await vera.page.locator('input[name=claim]:checked').count(), 1);
  await vera.screenshot('check-ins', { from: '#main' });
  await vera.submit(button('/check-ins'));
  assert.equal(await vera.page.locator('p.success[role=status]').count(), 1, 'the check-ins are confirmed');

  await ana.go('/me/hours');
  await ana.screenshot('hours', { from: '#main' });
  const bundle = await ana.page.request.get(city.url('/me/hours.json'));
  assert.equal(bundle.status(), 200);
  const record = join(tmpdir(), `hours-${lang}-${journey.device}-${Date.now()}.json`);
  writeFileSync(record, await bundle.body());
  // `citysync attestation verify` exits non-zero (and execFileSync throws) unless every
  // signature holds.
  const verified = city.cli('attestation', 'verify', record);
  assert.match(verified, /ana/);
  assert.match(verified, new RegExp(escape(w.city)));

  // ── Her private calendar feed: made on settings, shown once, it lists the shift.
  await ana.go('/settings');
  await ana.submit(button('/settings/calendar-feed'));
  const feedUrl = await ana.page.inputValue('#calendar-feed-url');
  const feed = await (await fetch(feedUrl)).text();
  assert.match(feed, /BEGIN:VCALENDAR/);
  assert.match(feed, new RegExp(escape(`SUMMARY:${w.shift}`)));

  // ── A full opportunity: one place. Carl takes it; the cashier joins its waiting list, is
  // offered the place when Carl withdraws, and takes it.
  await olga.go(newOpportunityPath);
  await o.fill('#f-title', w.small);
  await o.fill('#f-place', w.place);
  await o.fill('#f-starts_at', cityInput(30, w.timezone));
  await o.fill('#f-ends_at', cityInput(32, w.timezone));
  await o.fill('#f-claim_deadline', cityInput(29, w.timezone));
  await o.fill('#f-capacity', '1');
  await olga.submit(button('/opportunities/new'));
  const smallPath = olga.path();
  await olga.submit(button('/publish'));
  await carl.go(smallPath);
  await carl.submit(button('/claim'));
  const carlClaimPath = carl.path();
  await cash.go(smallPath);
  assert.equal(await cash.page.locator(button('/claim')).count(), 0, 'no claim button when full');
  await cash.submit(button('/waitlist'));
  assert.equal(await cash.page.locator('.waitlist-position').count(), 1, 'the cashier is in line');
  await carl.go(carlClaimPath);
  await carl.submit(button('/withdraw'));
  await cash.go(smallPath);
  assert.equal(await cash.page.locator('.waitlist-offer').count(), 1, 'the freed place is offered to her');
  await cash.screenshot('waitlist-offer', { from: '#main' });
  await cash.submit(button('/waitlist/take'));
  assert.match(cash.path(), /^\/claims\//);

  // The other pages of the menus are audited like the rest: the public ones anyone may
  // open, the resident's own, and the administrator's.
  const publicPages = ['/city', '/calendar', '/map', '/organizations', '/organizations/creek-friends',
    '/offerings', '/governance', cyclePath, '/ledger', '/ledger/checkpoints', '/ledger/witnessing',
    '/parameters', '/federation', '/open-data'];
  for (const path of publicPages) await visitor.go(path);
  for (const path of ['/claims', '/notifications', '/settings', '/settings/eligibility', '/attestations/verify']) await ana.go(path);
  for (const path of ['/admin', '/admin/city', '/admin/users', '/admin/organizations', '/admin/budgets', '/admin/federation', '/admin/taxonomy',
    '/admin/protocol', '/admin/overlap', '/admin/identity', '/admin/settlement', '/admin/integrity']) await clerk.go(path);
  await olga.go('/organizations/creek-friends/console');
  await olga.go('/organizations/creek-friends/registrar');
  await olga.go(`${templatePath}/requirements`);
  await olga.go('/organizations/creek-friends/qualifications');
  await clerk.go('/admin/users/ana/eligibility');
  await visitor.go('/');
  await visitor.screenshot('home');
}

/** `local` ("2026-12-12T09:00") on the clocks of `timeZone`, as an instant. */
function instantOf(local, timeZone) {
  const wall = Date.parse(`${local}:00Z`);
  const offset = (at) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(at)).map((x) => [x.type, x.value]));
    return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`) - at;
  };
  let at = wall - offset(wall);
  at = wall - offset(at);
  return new Date(at);
}

/** The next Saturday (at least two days on) and the first Saturday after the zone's next
 * offset change within a year, else one thirteen weeks later; as "YYYY-MM-DD". */
function saturdays(timeZone) {
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  const DAY = 86_400_000;
  let next = Date.now() + 2 * DAY;
  while (new Date(next).getUTCDay() !== 6) next += DAY;
  const noonOffset = (ms) => instantOf(`${day(ms)}T12:00`, timeZone).getTime() - Date.parse(`${day(ms)}T12:00:00Z`);
  let later = next + 13 * 7 * DAY;
  for (let d = next; d < next + 365 * DAY; d += DAY) {
    if (noonOffset(d) !== noonOffset(next)) {
      later = d;
      while (new Date(later).getUTCDay() !== 6) later += DAY;
      break;
    }
  }
  return [day(next), day(later)];
}

/**
 * Presses Space on the focused file field until the browser opens its file chooser. A
 * busy headless Chromium sometimes lets the first press pass without a chooser (seen once
 * in CI, on a machine running other tests); a person would press again, and so do we.
 */
async function openFileChooser(page, presses = 3) {
  for (let i = 1; ; i++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.keyboard.press('Space');
    try {
      return await chooser;
    } catch (error) {
      if (i >= presses) throw error;
    }
  }
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
