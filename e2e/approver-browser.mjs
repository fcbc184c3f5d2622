// Drives the approver app in headless Chromium with a virtual WebAuthn authenticator (DevTools
// protocol), for Countersign's browser tests. One browser, one phone-sized page; commands arrive as
// JSON lines on stdin and each answer is one JSON line on stdout: {"ok": true, ...} or
// {"ok": false, "error": "..."}.
//
//   node approver-browser.mjs --base http://localhost:9080 --tenant demo [--chromium /usr/bin/chromium]
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const base = args.base || 'http://localhost:9080';
const tenant = args.tenant || 'demo';
const app = `${base}/t/${tenant}/approve/`;
const executablePath = args.chromium || process.env.CHROMIUM || '/usr/bin/chromium';

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cs-approver-')), {
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
});
const page = context.pages()[0] || await context.newPage();
const dialogs = [];
page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
const alerts = [];
page.on('console', (m) => { if (m.type() === 'error') alerts.push(m.text()); });

// The virtual authenticator: a platform passkey with user verification, as on a phone.
const cdp = await context.newCDPSession(page);
await cdp.send('WebAuthn.enable');
const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
  options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
    isUserVerified: true, automaticPresenceSimulation: true },
});

async function toast() {
  const t = page.locator('#toast');
  await t.waitFor({ state: 'visible', timeout: 15000 });
  const text = await t.textContent();
  await page.evaluate(() => { document.getElementById('toast').hidden = true; });
  return text;
}

async function openRequest(id) {
  await page.goto(`${app}#/requests/${id}`);
  await page.locator('#request').waitFor({ timeout: 15000 });
}

const commands = {
  async open() {
    await page.goto(app);
    await page.locator('#passkey-sign-in, #inbox, h1').first().waitFor({ timeout: 15000 });
    return { title: await page.title() };
  },
  async signInPassword({ email, password }) {
    await page.goto(app);
    await page.click('#use-password');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await page.click('#password-sign-in');
    await page.locator('#nav:not([hidden])').waitFor({ timeout: 15000 });
    return {};
  },
  async enrol({ label }) {
    await page.goto(`${app}#/enrol`);
    await page.fill('input[name=label]', label);
    await page.click('#enrol');
    return { toast: await toast() };
  },
  async signOut() {
    await page.goto(`${app}#/devices`);
    await page.click('#sign-out');
    await page.locator('#passkey-sign-in').waitFor({ timeout: 15000 });
    return {};
  },
  async signInPasskey() {
    await page.goto(app);
    await page.click('#passkey-sign-in');
    await page.locator('#inbox, .heading').first().waitFor({ timeout: 15000 });
    return { heading: await page.locator('h1').first().textContent() };
  },
  // The sign-in page as a signed-out approver sees it: is the password way offered?
  async signInMethods() {
    await page.goto(app);
    await page.locator('#passkey-sign-in').waitFor({ timeout: 15000 });
    await page.locator('#use-password:not([hidden]), #passkeys-only:not([hidden])').first().waitFor({ timeout: 15000 });
    return {
      passwordOffered: await page.locator('#use-password').isVisible(),
      passkeysOnlyNote: await page.locator('#passkeys-only').isVisible(),
    };
  },
  // Opens an invitation link; enrols this device's passkey with it unless the page says the link does not work.
  async invitation({ url, label }) {
    await page.goto('about:blank');
    await page.goto(url);
    const first = page.locator('#invitation-enrol, #invitation-problem').first();
    await first.waitFor({ timeout: 15000 });
    if (await page.locator('#invitation-problem').isVisible()) {
      return { problem: await page.locator('#invitation-problem').textContent() };
    }
    const invited = await page.locator('#invited-email').textContent();
    await page.fill('input[name=label]', label);
    await page.click('#invitation-enrol');
    const text = await toast();
    await page.locator('#nav:not([hidden])').waitFor({ timeout: 15000 });
    return { invited, toast: text, url: page.url() };
  },
  async credentials() {
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    return { count: credentials.length };
  },
  // Waits until the inbox (updated live, without reloading) lists a request whose summary contains `text`.
  async waitInbox({ text, timeoutMs }) {
    await page.goto(app);
    const item = page.locator('#inbox a.item', { hasText: text }).first();
    await item.waitFor({ timeout: timeoutMs || 30000 });
    return { id: await item.getAttribute('data-id'), items: await page.locator('#inbox a.item').count() };
  },
  async inboxOrder() {
    await page.goto(app);
    await page.locator('#inbox').waitFor({ timeout: 15000 });
    return { summaries: await page.locator('#inbox .summary').allTextContents(),
      risks: await page.locator('#inbox .risk').allTextContents() };
  },
  async read({ id }) {
    await openRequest(id);
    const argumentsText = await page.locator('#arguments').innerText();
    return {
      summary: await page.locator('#summary').textContent(),
      risk: await page.locator('#request .risk').textContent(),
      progress: await page.locator('#progress').textContent(),
      triggers: await page.locator('.triggers li').allTextContents(),
      argumentLabels: await page.locator('#arguments dt').allTextContents(),
      argumentsText,
      rawJsonShown: /[{}"]/.test(argumentsText.replace(/\s/g, '')),
      compareColumns: await page.locator('#compare thead th').count(),
      schemaKnown: await page.evaluate(async (id) => !!(await api('GET', `/requests/${id}`)).input_schema, id),
      scriptsRun: await page.evaluate(() => window.__xss === true),
      injectedElements: await page.evaluate(() => document.querySelectorAll('#view script, #view img[onerror], #view img:not([src$="icon.svg"])').length),
      consoleErrors: alerts.splice(0),
      dialogs: dialogs.splice(0),
    };
  },
  async screenshot({ path, id }) {
    if (id) await openRequest(id); else { await page.goto(app); await page.locator('#inbox, .heading').first().waitFor(); }
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: !!id });
    return { path };
  },
  async approve({ id }) {
    await openRequest(id);
    await page.click('#approve');
    return { toast: await toast() };
  },
  async reject({ id, reason }) {
    await openRequest(id);
    await page.click('#reject');
    await page.fill('#reason', reason);
    await page.click('#confirm-reject');
    return { toast: await toast() };
  },
  // Edits fields of the form generated from the input schema: {name: value}; an invalid value
  // first, when given, must be refused in the page before anything is sent.
  async editApprove({ id, values, invalid }) {
    await openRequest(id);
    await page.click('#edit');
    const form = page.locator('#edit-form');
    await form.waitFor();
    const fields = await form.locator('[name]').evaluateAll((nodes) => nodes.map((n) => `${n.name}:${n.tagName.toLowerCase()}:${n.type || ''}`));
    let refusedInPage = null;
    if (invalid) {
      for (const [name, value] of Object.entries(invalid)) await form.locator(`[name="${name}"]`).fill(String(value));
      let sent = false;
      const watch = (request) => { if (request.url().includes('/challenge')) sent = true; };
      page.on('request', watch);
      await page.click('#approve-edited');
      refusedInPage = { toast: await toast(), errors: (await form.locator('.error').allTextContents()).filter((e) => e), sent };
      page.off('request', watch);
    }
    for (const [name, value] of Object.entries(values)) {
      const field = form.locator(`[name="${name}"]`);
      if ((await field.evaluate((n) => n.tagName)) === 'SELECT') await field.selectOption({ label: String(value) });
      else await field.fill(Array.isArray(value) ? value.join('\n') : String(value));
    }
    await page.click('#approve-edited');
    return { fields, refusedInPage, toast: await toast() };
  },
  // Signs real decisions for request `a` with this device, each on a fresh challenge, and sends
  // them where they must fail: to request `b`, with the signature altered, as another decision,
  // unsigned, and again after use. Then one genuine decision, once, and its replay.
  async proofAttacks({ a, b }) {
    await openRequest(a);
    return page.evaluate(async ({ a, b }) => {
      const r = await api('GET', `/requests/${a}`);
      const ballot = { decision: 'approve', arguments_sha256: r.arguments_sha256 };
      const sign = async () => {
        const challenge = await api('POST', `/requests/${a}/challenge`, ballot);
        const credential = await navigator.credentials.get({ publicKey: {
          challenge: fromB64u(challenge.challenge), rpId: challenge.rpId, userVerification: 'required',
          allowCredentials: challenge.allowCredentials.map((c) => ({ type: c.type, id: fromB64u(c.id) })) } });
        return { signed: credentialJson(credential), statement: challenge.statement };
      };
      const attempt = async (id, body, headers) => {
        const response = await fetch(`${API}/requests/${id}/decision`, { method: 'POST', credentials: 'same-origin',
          headers: headers || { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() }, body: JSON.stringify(body) });
        return { status: response.status, body: await response.json() };
      };
      const results = {};
      const first = await sign();
      results.noCsrf = (await attempt(a, { ...ballot, credential: first.signed }, { 'Content-Type': 'application/json' })).status;
      results.otherRequest = await attempt(b, { ...ballot, credential: first.signed });
      results.afterUse = await attempt(a, { ...ballot, credential: first.signed });
      const second = await sign();
      const tampered = JSON.parse(JSON.stringify(second.signed));
      const sig = fromB64u(tampered.response.signature);
      sig[sig.length - 3] ^= 0x01;
      tampered.response.signature = b64u(sig);
      results.tampered = await attempt(a, { ...ballot, credential: tampered });
      const third = await sign();
      results.otherDecision = await attempt(a, { decision: 'reject', reason: 'not what was signed', credential: third.signed });
      results.unsigned = await attempt(a, ballot);
      const genuine = await sign();
      results.genuine = await attempt(a, { ...ballot, credential: genuine.signed });
      results.replayed = await attempt(a, { ...ballot, credential: genuine.signed });
      results.statement = genuine.statement;
      return results;
    }, { a, b });
  },
  // Signs an approval of `id` now and keeps it in the page, unsent (see sendSigned).
  async signAndHold({ id }) {
    await openRequest(id);
    return page.evaluate(async (id) => {
      const r = await api('GET', `/requests/${id}`);
      const ballot = { decision: 'approve', arguments_sha256: r.arguments_sha256 };
      const challenge = await api('POST', `/requests/${id}/challenge`, ballot);
      const credential = await navigator.credentials.get({ publicKey: {
        challenge: fromB64u(challenge.challenge), rpId: challenge.rpId, userVerification: 'required',
        allowCredentials: challenge.allowCredentials.map((c) => ({ type: c.type, id: fromB64u(c.id) })) } });
      window.__held = { ...ballot, credential: credentialJson(credential) };
      return {};
    }, id);
  },
  async sendSigned({ id }) {
    return page.evaluate(async (id) => {
      const response = await fetch(`${API}/requests/${id}/decision`, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() }, body: JSON.stringify(window.__held) });
      return { status: response.status, body: await response.json() };
    }, id);
  },
  async session() {
    return page.evaluate(async () => {
      const response = await fetch(`${API}/session`, { credentials: 'same-origin' });
      return { status: response.status, headers: Object.fromEntries(response.headers.entries()) };
    });
  },
  async headers() {
    const response = await page.goto(app);
    return { headers: await response.allHeaders() };
  },
  async close() {
    await context.close();
    setTimeout(() => process.exit(0), 100);
    return {};
  },
};

const lines = createInterface({ input: process.stdin });
process.stdout.write(JSON.stringify({ ok: true, ready: true }) + '\n');
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    const command = JSON.parse(line);
    const run = commands[command.cmd];
    if (!run) throw new Error(`unknown command ${command.cmd}`);
    answer = { ok: true, ...(await run(command)) };
  } catch (err) {
    const seen = await page.locator('body').innerText().catch(() => '');
    answer = { ok: false, error: String(err && err.message || err).split('\n')[0], page: seen.slice(0, 600) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
await context.close();
