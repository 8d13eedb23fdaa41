// End-to-end, accessibility and key-safety tests of the admin page, through the UI only, in
// headless Chromium against sandboxes started by `cargo xtask test` (xtask/src/web.rs).
//
// Environment: ORA_URL (demo sandbox with --control), ORA_LARGE_URL (10,000 keys in workspace
// `bulk`), ORA_KEY (their management key), ORA_SCREENSHOTS (folder), CHROMIUM (browser binary).
// Prints one line per test and ends with "N passed, N failed"; exits non-zero on any failure.

import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { readFile, mkdir } from 'node:fs/promises';
import assert from 'node:assert/strict';

const URL_ = process.env.ORA_URL;
const LARGE = process.env.ORA_LARGE_URL;
const KEY = process.env.ORA_KEY;
const SHOTS = process.env.ORA_SCREENSHOTS ?? 'screenshots';
const ONLY = process.env.ORA_ONLY; // run the tests whose name contains this (while developing)
if (!URL_ || !KEY) throw new Error('ORA_URL and ORA_KEY are required');
await mkdir(SHOTS, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// ---------- key-safety recorder: every page of every test reports here ----------
const leaks = [];
const consoleLines = [];
const pageErrors = []; // panics and uncaught errors, shown with a failing test
function watch(page, test) {
  page.on('console', (m) => {
    consoleLines.push(m.text());
    if (m.text().includes(KEY)) leaks.push(`${test}: console: ${m.text().slice(0, 80)}`);
  });
  page.on('pageerror', (e) => {
    consoleLines.push(String(e));
    pageErrors.push(`${test}: ${String(e).slice(0, 200)}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${test}: console error: ${m.text().slice(0, 300)}`);
  });
  page.on('framenavigated', (f) => {
    if (f.url().includes(KEY)) leaks.push(`${test}: URL ${f.url()}`);
  });
}
async function checkStorage(context, page, test) {
  for (const c of await context.cookies()) {
    if (c.value.includes(KEY)) leaks.push(`${test}: cookie ${c.name}`);
  }
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage })).catch(() => '{}');
  if (local.includes(KEY)) leaks.push(`${test}: localStorage`);
  if (page.url().includes(KEY)) leaks.push(`${test}: URL ${page.url()}`);
}

// ---------- sandbox helpers (test set-up only; the flows go through the UI) ----------
async function api(method, path, body, base = URL_, key = KEY) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
async function control(method, path, body) {
  const res = await fetch(`${URL_}/__sandbox/${path}`, {
    method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  return res.json().catch(() => null);
}
const fault = (method, path, faults) => control('POST', 'faults', { method, path, faults });
const clearFaults = () => control('DELETE', 'faults');

// ---------- harness ----------
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// `prepare(page)` runs before the page loads (to route its requests).
async function open(t, { base = URL_, hash = '', colorScheme = 'light', viewport = { width: 1360, height: 900 }, prepare } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  watch(page, t);
  if (prepare) await prepare(page);
  await page.goto(`${base}/${hash}`);
  return { context, page };
}
async function signIn(page, { key = KEY, remember = false } = {}) {
  await page.waitForSelector('#ora-key');
  await page.fill('#ora-key', key);
  if (remember) await page.check('#ora-remember');
  await page.click('form button[type=submit]');
}
async function signedIn(t, opts = {}) {
  const { context, page } = await open(t, opts);
  await signIn(page);
  await page.waitForSelector('#ora-main');
  return { context, page };
}
const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);
const text = (page, sel) => page.locator(sel).innerText();
async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// ---------- keyboard helpers ----------
// What is focused, for messages and predicates: `#id`, else tag and accessible label.
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? (a.id ? `#${a.id}` : `${a.tagName}[${a.getAttribute('aria-label') ?? a.textContent.trim().slice(0, 30)}]`) : 'none';
});
// Keyboard focus must be visible: a non-none outline or box-shadow on the focused element (every
// stop, including those Chromium does not count as :focus-visible, e.g. a date field's segments).
async function assertFocusVisible(page) {
  const r = await page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'ok';
    const s = getComputedStyle(a);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return ring ? 'ok' : `${a.tagName}#${a.id} focus-visible=${a.matches(':focus-visible')} outline=${s.outlineStyle} shadow=${s.boxShadow}`;
  });
  assert.equal(r, 'ok', `focus not visible: ${r}`);
}
// Presses Tab (or Shift+Tab) until `pred` (run in the page on the focused element) holds,
// checking visible focus on every stop.
async function tabTo(page, pred, { back = false, max = 60 } = {}) {
  if (await page.evaluate(pred)) return;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await assertFocusVisible(page);
    if (await page.evaluate(pred)) return;
  }
  throw new Error(`tabTo: not reached after ${max} presses; focused ${await focused(page)}`);
}
const inDialog = (page) => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
// Tab and Shift+Tab through the open dialog, twice around: focus never leaves it.
async function assertTrapped(page) {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press(key);
      assert.ok(await inDialog(page), `${key} left the dialog after ${i + 1} presses: ${await focused(page)}`);
    }
  }
}
// Opens a dialog from `opener` by keyboard, checks focus starts inside and is trapped, closes it
// with `close` ('Escape' or a button selector), and checks focus went back to the opener.
async function dialogRoundTrip(page, opener, close = 'Escape') {
  await page.focus(opener);
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  assert.ok(await inDialog(page), `focus did not start in the dialog opened by ${opener}: ${await focused(page)}`);
  await assertTrapped(page);
  if (close === 'Escape') await page.keyboard.press('Escape');
  else await page.click(close);
  await page.waitForFunction(() => !document.querySelector('dialog'));
  await page.waitForFunction((o) => document.activeElement === document.querySelector(o), opener, { timeout: 2000 })
    .catch(async () => assert.fail(`focus did not return to ${opener}: ${await focused(page)}`));
}

// ---------- sign-in ----------
test('sign-in refuses an ordinary key with a clear message', async (t) => {
  const created = await api('POST', '/keys', { name: 'e2e-ordinary' });
  assert.equal(created.status, 201);
  const { context, page } = await open(t);
  await signIn(page, { key: created.json.key });
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('ordinary API key'));
  assert.equal(await page.locator('#ora-main').count(), 0);
  await shot(page, 'signin-refused');
  await api('DELETE', `/keys/${created.json.data.hash}`);
  await context.close();
});

test('sign-in refuses a wrong key (401)', async (t) => {
  const { context, page } = await open(t);
  await signIn(page, { key: 'sk-or-v1-' + '0'.repeat(64) });
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('not accepted'));
  assert.equal(await page.getAttribute('#ora-key', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#ora-base', 'aria-invalid'), null);
  await context.close();
});

// The first visit loads the sign-in screen's own small module; the whole page's module comes after
// (web/assets/boot.js). Its wasm is held or failed here to prove both halves of that.
const WHOLE_PAGE_WASM = /openrouter-admin-web-[0-9a-f]+_bg\.wasm/;

test('first load: the sign-in form works before the whole page has downloaded', async (t) => {
  let release;
  const held = new Promise((r) => { release = r; });
  let fetched = 0;
  const { context, page } = await open(t, {
    prepare: (page) => page.route(WHOLE_PAGE_WASM, async (route) => {
      await held;
      fetched += 1;
      await route.continue();
    }),
  });
  await page.waitForSelector('#ora-key');
  await page.waitForFunction(() => !document.querySelector('form button[type=submit]').disabled);
  await signIn(page);
  // The key is checked while the whole page is still held back: it waits, then opens.
  await page.waitForFunction(() => document.querySelector('form button[type=submit]')?.textContent.includes('Checking'));
  assert.equal(fetched, 0);
  assert.equal(await page.locator('#ora-main').count(), 0);
  release();
  await page.waitForSelector('#ora-ws-table');
  assert.equal(fetched, 1);
  assert.equal(await page.locator('#ora-key').count(), 0, 'the sign-in screen is gone');
  await checkStorage(context, page, t);
  await context.close();
});

test('first load: when the whole page fails to load, sign-in says so, keeps the key, and a retry opens it', async (t) => {
  let fail = true;
  const { context, page } = await open(t, {
    prepare: (page) => page.route(WHOLE_PAGE_WASM, (route) => (fail ? route.abort() : route.continue())),
  });
  await signIn(page);
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('did not open'));
  assert.equal(await page.inputValue('#ora-key'), KEY);
  assert.equal(await page.getAttribute('#ora-key', 'aria-invalid'), null, 'a good key is not marked invalid');
  assert.equal(await page.locator('#ora-main').count(), 0);
  await shot(page, 'signin-page-failed');
  fail = false;
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-ws-table');
  // The aborted downloads are this test's doing, not the page's errors.
  for (let i = pageErrors.length - 1; i >= 0; i--) {
    if (pageErrors[i].startsWith(`${t}: console error: Failed to load resource`)) pageErrors.splice(i, 1);
  }
  await context.close();
});

test('the key field is a password field that allows paste; base URL comes from config.json', async (t) => {
  const { context, page } = await open(t);
  await page.waitForSelector('#ora-key');
  assert.equal(await page.getAttribute('#ora-key', 'type'), 'password');
  assert.equal(await page.getAttribute('#ora-key', 'autocomplete'), 'current-password');
  await page.waitForFunction((u) => document.querySelector('#ora-base').value === `${u}/api/v1`, URL_);
  await shot(page, 'signin');
  await context.close();
});

test('remember in this tab uses sessionStorage only when chosen, with a warning; Lock forgets', async (t) => {
  const { context, page } = await open(t);
  await page.waitForSelector('#ora-key');
  await page.check('#ora-remember');
  await page.waitForSelector('#ora-remember-warning');
  await page.fill('#ora-key', KEY);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-ws-table');
  assert.ok((await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(KEY));
  await page.reload();
  await page.waitForSelector('#ora-ws-table'); // still signed in after reload, in this tab
  await page.click('#ora-lock');
  await page.waitForSelector('#ora-key');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(KEY));
  // Signing in again after Lock works in the whole page's own sign-in form.
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  await checkStorage(context, page, t);
  await context.close();
});

test('without remember, nothing is stored and a reload asks again', async (t) => {
  const { context, page } = await signedIn(t);
  await page.waitForSelector('#ora-ws-table');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(KEY));
  await page.reload();
  await page.waitForSelector('#ora-key');
  await context.close();
});

// ---------- workspaces ----------
test('workspaces: table, search and sort in the URL, deep link, back/forward', async (t) => {
  const { context, page } = await open(t, { hash: '#/workspaces?q=prod' });
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  assert.equal(await page.locator('#ora-ws-table tbody tr').count(), 1);
  assert.equal(await page.inputValue('#ora-ws-search'), 'prod');
  await page.fill('#ora-ws-search', '');
  await page.waitForFunction(() => document.querySelectorAll('#ora-ws-table tbody tr').length >= 6);
  await page.click('#ora-ws-table th:nth-child(2) button'); // sort by slug
  await page.waitForFunction(() => location.hash.includes('sort=slug'));
  const first = await text(page, '#ora-ws-table tbody tr:first-child td:nth-child(2)');
  assert.equal(first, 'data-labeling');
  await shot(page, 'workspaces');
  await page.click('text=Production');
  await page.waitForFunction(() => location.hash.startsWith('#/workspaces/production'));
  await page.click('.ora-tabs >> text=API keys');
  await page.waitForSelector('#ora-key-table');
  await page.goBack();
  await page.waitForSelector('#ora-ws-name');
  await page.goBack();
  await page.waitForSelector('#ora-ws-table');
  await page.goForward();
  await page.waitForSelector('#ora-ws-name');
  await checkStorage(context, page, t);
  await context.close();
});

test('workspaces: a search covers every workspace, not only the page shown', async (t) => {
  const made = [];
  for (let i = 0; i < 55; i++) {
    const slug = `e2e-many-${String(i).padStart(2, '0')}`;
    const r = await api('POST', '/workspaces', { name: `Many ${i}`, slug });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    made.push(r.json.data.id);
  }
  try {
    const { context, page } = await signedIn(t, { hash: '#/workspaces' });
    await page.waitForSelector('#ora-ws-table');
    assert.equal(await page.locator('#ora-ws-table tbody tr').count(), 50, 'one server page of 50');
    await page.fill('#ora-ws-search', 'e2e-many-54');
    await page.waitForSelector('#ora-ws-matches');
    await page.waitForFunction(() => document.querySelectorAll('#ora-ws-table tbody tr').length === 1);
    assert.equal(await text(page, '#ora-ws-table tbody td:nth-child(2)'), 'e2e-many-54');
    assert.match(await text(page, '#ora-ws-matches'), /^1 of \d+ workspaces match$/);
    await page.fill('#ora-ws-search', 'many');
    await page.waitForFunction(() => document.querySelectorAll('#ora-ws-table tbody tr').length === 55);
    // Names sort as people read them: "Many 2" before "Many 10".
    const firstNames = await page.$$eval('#ora-ws-table tbody tr td:first-child a', (as) => as.slice(0, 4).map((a) => a.textContent));
    assert.deepEqual(firstNames, ['Many 0', 'Many 1', 'Many 2', 'Many 3']);
    await shot(page, 'workspaces-search-all');
    await page.fill('#ora-ws-search', '');
    await page.waitForSelector('nav.ora-pager');
    await context.close();
  } finally {
    for (const id of made) await api('DELETE', `/workspaces/${id}`);
  }
});

test('create workspace: validated as you type, errors beside fields, then created', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/new' });
  await page.waitForSelector('#ora-ws-name');
  await page.fill('#ora-ws-name', 'E2E Team');
  assert.equal(await page.inputValue('#ora-ws-slug'), 'e2e-team');
  await page.fill('#ora-ws-slug', 'Bad Slug');
  await page.waitForFunction(() => document.querySelector('#ora-ws-slug-error').textContent.length > 0);
  assert.equal(await page.getAttribute('#ora-ws-slug', 'aria-invalid'), 'true');
  await page.fill('#ora-ws-sampling', '2');
  await page.waitForFunction(() => document.querySelector('#ora-ws-sampling-error').textContent.length > 0);
  await shot(page, 'workspace-new-errors');
  await page.fill('#ora-ws-slug', 'e2e-team');
  await page.fill('#ora-ws-sampling', '0.5');
  await page.fill('#ora-ws-description', 'Made by the end-to-end tests');
  await page.fill('#ora-ws-text-model', 'openai/gpt-4o-mini');
  await page.selectOption('#ora-ws-sort', 'latency');
  await page.check('#ora-ws-broadcast');
  await page.waitForFunction(() => document.querySelector('#ora-ws-slug-error').textContent === '');
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => location.hash === '#/workspaces/e2e-team');
  const ws = await api('GET', '/workspaces/e2e-team');
  assert.equal(ws.json.data.description, 'Made by the end-to-end tests');
  assert.equal(ws.json.data.default_provider_sort, 'latency');
  assert.equal(ws.json.data.io_logging_sampling_rate, 0.5);
  assert.equal(ws.json.data.is_observability_broadcast_enabled, true);
  await context.close();
});

test('settings: a failed save keeps the form; only changed fields are sent', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/staging' });
  await page.waitForSelector('#ora-ws-description');
  const ws = (await api('GET', '/workspaces/staging')).json.data;
  await fault('PATCH', `/api/v1/workspaces/${ws.id}`, Array(6).fill({ status: 500 }));
  await fault('PATCH', '/api/v1/workspaces/staging', Array(6).fill({ status: 500 }));
  await page.fill('#ora-ws-description', 'Changed by e2e');
  await page.click('#ora-save');
  await page.waitForSelector('#ora-save-error', { timeout: 30000 });
  assert.equal(await page.inputValue('#ora-ws-description'), 'Changed by e2e');
  await shot(page, 'workspace-save-failed');
  await clearFaults();
  // Someone else changes the name underneath: the page warns before overwriting.
  await api('PATCH', `/workspaces/${ws.id}`, { default_text_model: 'openai/gpt-4.1' });
  await page.click('#ora-save');
  await page.waitForSelector('#ora-conflict');
  await shot(page, 'workspace-conflict');
  await page.click('#ora-save-anyway');
  await page.waitForFunction(() => !document.querySelector('#ora-conflict'));
  const after = (await api('GET', '/workspaces/staging')).json.data;
  assert.equal(after.description, 'Changed by e2e');
  // Only the description was sent: the other writer's change survived.
  assert.equal(after.default_text_model, 'openai/gpt-4.1');
  assert.equal(after.name, 'Staging');
  await context.close();
});

test('delete: blocked by active keys says so and links to them; Default is protected', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/production' });
  await page.click('#ora-delete-ws');
  await page.fill('#ora-confirm-name', 'Productio');
  assert.ok(await page.isDisabled('#ora-confirm'));
  await page.fill('#ora-confirm-name', 'Production');
  await page.click('#ora-confirm');
  await page.waitForSelector('#ora-confirm-error');
  await shot(page, 'workspace-delete-blocked');
  await page.click('#ora-confirm-error a');
  await page.waitForFunction(() => location.hash.includes('/production/keys'));
  await page.waitForSelector('#ora-key-table');
  await go(page, '#/workspaces/default');
  await page.waitForSelector('#ora-default-protected');
  assert.equal(await page.locator('#ora-delete-ws').count(), 0);
  await context.close();
});

test('delete: a workspace without active keys goes after typing its name', async (t) => {
  const made = await api('POST', '/workspaces', { name: 'Doomed', slug: 'doomed' });
  assert.equal(made.status, 201);
  const { context, page } = await signedIn(t, { hash: '#/workspaces/doomed' });
  await page.click('#ora-delete-ws');
  await page.fill('#ora-confirm-name', 'Doomed');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => location.hash === '#/workspaces');
  assert.equal((await api('GET', '/workspaces/doomed')).status, 404);
  await context.close();
});

// ---------- members ----------
test('members: names and emails, add through the picker, remove with outcomes (SCIM, keys)', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/staging/members' });
  await page.waitForSelector('#ora-member-table');
  assert.ok((await text(page, '#ora-member-table')).includes('Alan Turing'));
  assert.ok((await text(page, '#ora-member-table')).includes('@'));
  await page.click('#ora-add-members');
  await page.fill('#ora-picker-search', 'Hamilton');
  await page.check('.ora-picker label:has-text("Margaret Hamilton") input');
  await page.fill('#ora-picker-search', 'Radia');
  await page.check('.ora-picker label:has-text("Radia Perlman") input');
  await page.fill('#ora-picker-search', '');
  await shot(page, 'members-picker');
  await page.click('#ora-picker-add');
  await page.waitForSelector('#ora-member-results');
  const added = await text(page, '#ora-member-results');
  assert.match(added, /All 2 added/);
  assert.equal(await page.getAttribute('#ora-member-results', 'class'), 'ora-alert ora-alert-ok');
  assert.match(added, /Margaret Hamilton: added/);
  assert.match(added, /Radia Perlman: added/);
  await page.waitForFunction(() => document.querySelector('#ora-member-table').innerText.includes('Radia Perlman'));
  for (const who of ['Margaret Hamilton', 'Radia Perlman', 'Alan Turing']) {
    await page.check(`#ora-member-table tr:has-text("${who}") input`);
  }
  await page.click('#ora-remove-members');
  await page.fill('#ora-confirm-name', 'Staging');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => document.querySelector('#ora-member-results')?.innerText.includes('removed'));
  const out = await text(page, '#ora-member-results');
  assert.match(out, /Radia Perlman: removed/);
  assert.match(out, /Margaret Hamilton: kept: managed by SCIM/);
  assert.match(out, /Alan Turing: kept: holds active API keys/);
  // Any kept user turns the panel amber, and the heading says how many, not the colour alone.
  assert.equal(await text(page, '#ora-member-results-head'), '2 of 3 kept');
  assert.equal(await page.getAttribute('#ora-member-results', 'class'), 'ora-alert ora-alert-warn');
  for (const [scheme, bg] of [['light', 'rgb(254, 243, 199)'], ['dark', 'rgb(51, 38, 10)']]) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#ora-member-results')).backgroundColor), bg);
    const axe = await new AxeBuilder({ page }).include('#ora-member-results').withTags(['wcag2a', 'wcag2aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], `outcome panel (${scheme})`);
    await shot(page, `members-outcome-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await context.close();
});

test('organization members: list and search', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/members' });
  await page.waitForSelector('#ora-org-table');
  assert.equal(await page.locator('#ora-org-table tbody tr').count(), 12);
  await page.fill('#ora-org-search', 'hopper');
  await page.waitForFunction(() => document.querySelectorAll('#ora-org-table tbody tr').length === 1);
  await context.close();
});

// ---------- keys ----------
test('keys: create shows the secret once, cannot be dismissed by accident, forgets it', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/research/keys' });
  await page.waitForSelector('#ora-key-table');
  await page.click('#ora-new-key');
  await page.click('#ora-key-create'); // empty name: error beside the field
  await page.waitForFunction(() => document.querySelector('#ora-key-name-error').textContent.length > 0);
  await page.fill('#ora-key-name', 'e2e-created');
  await page.fill('#ora-key-limit', '25');
  await page.selectOption('#ora-key-reset', 'weekly');
  await page.check('#ora-key-byok');
  await page.fill('#ora-key-expires', '2030-01-31T12:00');
  await shot(page, 'key-create');
  await page.click('#ora-key-create');
  await page.waitForSelector('#ora-secret');
  const secret = await text(page, '#ora-secret');
  assert.match(secret, /^sk-or-v1-[0-9a-f]{64}$/);
  await shot(page, 'key-secret');
  // Twice: Chromium makes a second close request without a click in between uncancelable.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#ora-secret').count(), 1, 'Escape must not close the secret dialog');
  assert.ok(await page.isDisabled('#ora-secret-done'));
  await page.click('#ora-copy');
  await page.check('#ora-secret-ack');
  await page.click('#ora-secret-done');
  await page.waitForFunction(() => !document.querySelector('#ora-secret'));
  // Focus returns to the page's "Create key", not to the create dialog's vanished button.
  await page.waitForFunction(() => document.activeElement?.id === 'ora-new-key');
  const html = await page.content();
  assert.ok(!html.includes(secret), 'secret still in the DOM');
  const stores = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stores.includes(secret), 'secret in storage');
  await page.waitForFunction(() => document.querySelector('#ora-key-table').innerText.includes('e2e-created'));
  const keys = (await api('GET', `/keys?workspace_id=${(await api('GET', '/workspaces/research')).json.data.id}`)).json.data;
  const k = keys.find((k) => k.name === 'e2e-created');
  assert.equal(k.limit, 25);
  assert.equal(k.limit_reset, 'weekly');
  assert.equal(k.include_byok_in_limit, true);
  assert.ok(k.expires_at.startsWith('2030-01-31T12:00:00'));
  await checkStorage(context, page, t);
  await context.close();
});

test('key page: edit, disable/enable, rotate, delete with confirmation', async (t) => {
  const ws = (await api('GET', '/workspaces/research')).json.data;
  const made = await api('POST', '/keys', { name: 'e2e-rotate', workspace_id: ws.id, limit: 10 });
  const hash = made.json.data.hash;
  const { context, page } = await signedIn(t, { hash: `#/keys/${hash}` });
  await page.waitForSelector('#ora-edit-name');
  await page.fill('#ora-edit-limit', '40');
  await page.selectOption('#ora-edit-reset', 'monthly');
  await page.click('#ora-key-save');
  await page.waitForFunction(() => document.querySelector('.ora-bar-text')?.textContent.includes('$40.00'));
  let k = (await api('GET', `/keys/${hash}`)).json.data;
  assert.equal(k.limit, 40);
  assert.equal(k.limit_reset, 'monthly');
  assert.equal(k.name, 'e2e-rotate');
  await page.click('#ora-toggle');
  await page.waitForFunction(() => document.querySelector('#ora-toggle').textContent.includes('Enable'));
  assert.equal((await api('GET', `/keys/${hash}`)).json.data.disabled, true);
  await page.click('#ora-toggle');
  await page.waitForFunction(() => document.querySelector('#ora-toggle').textContent.includes('Disable'));
  await shot(page, 'key');
  await page.click('#ora-rotate');
  await page.click('#ora-rotate-confirm');
  await page.waitForSelector('#ora-secret');
  const secret = await text(page, '#ora-secret');
  await page.check('#ora-secret-ack');
  await page.click('#ora-secret-done');
  await page.waitForFunction((h) => location.hash.startsWith('#/keys/') && !location.hash.includes(h), hash);
  assert.ok(!(await page.content()).includes(secret));
  assert.equal((await api('GET', `/keys/${hash}`)).json.data.disabled, true, 'old key disabled after rotation');
  const newHash = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
  k = (await api('GET', `/keys/${newHash}`)).json.data;
  assert.equal(k.name, 'e2e-rotate');
  assert.equal(k.limit, 40);
  await page.waitForSelector('#ora-delete-key');
  await page.click('#ora-delete-key');
  await page.fill('#ora-confirm-name', 'e2e-rotate');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => location.hash.endsWith('/keys'));
  assert.equal((await api('GET', `/keys/${newHash}`)).status, 404);
  await context.close();
});

test('keys: search, sort, include-disabled switch, bulk disable with one failure, export', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/production/keys' });
  await page.waitForSelector('#ora-key-table tbody tr a');
  const all = await page.locator('#ora-key-table tbody tr a').count();
  await page.click('#ora-key-table th:nth-child(8) button'); // monthly ascending
  await page.click('#ora-key-table th:nth-child(8) button'); // descending
  await page.waitForFunction(() => location.hash.includes('sort=-monthly'));
  const monthly = await page.locator('#ora-key-table tbody tr td:nth-child(8)').allInnerTexts();
  const nums = monthly.map((s) => Number(s.replace(/[$,]/g, '')));
  assert.deepEqual(nums, [...nums].sort((a, b) => b - a));
  // Bulk: select the first two rows, make the second one fail.
  const rows = page.locator('#ora-key-table tbody tr:has(a)');
  const names = [await rows.nth(0).locator('a').innerText(), await rows.nth(1).locator('a').innerText()];
  const hrefs = [await rows.nth(0).locator('a').getAttribute('href'), await rows.nth(1).locator('a').getAttribute('href')];
  const failing = decodeURIComponent(hrefs[1].split('/')[2]);
  await fault('PATCH', `/api/v1/keys/${failing}`, Array(6).fill({ status: 500 }));
  await rows.nth(0).locator('input[type=checkbox]').check();
  await rows.nth(1).locator('input[type=checkbox]').check();
  await page.click('#ora-bulk-disable');
  await page.waitForSelector('#ora-bulk-results', { timeout: 30000 });
  const results = await text(page, '#ora-bulk-results');
  assert.match(results, new RegExp(`${names[0]}: disabled`));
  assert.match(results, new RegExp(`${names[1]}: failed`));
  assert.equal(await text(page, '#ora-bulk-heading'), '1 of 2 failed');
  assert.ok(await page.locator('#ora-bulk-results.ora-alert-warn').count(), 'a failure turns the panel amber');
  await shot(page, 'keys-bulk-results');
  await clearFaults();
  // The disabled key left the default view; the switch brings it back.
  await page.waitForFunction((n) => document.querySelectorAll('#ora-key-table tbody tr a').length === n - 1, all);
  await page.check('#ora-include-disabled');
  await page.waitForFunction(() => location.hash.includes('disabled=1'));
  await page.waitForFunction((n) => document.querySelectorAll('#ora-key-table tbody tr a').length >= n, all);
  assert.ok((await text(page, '#ora-key-table')).includes('disabled'));
  // Search, then export exactly the current view.
  await page.fill('#ora-key-search', names[0]);
  await page.waitForFunction(() => location.hash.includes('q='));
  const visible = await page.locator('#ora-key-table tbody tr a').allInnerTexts();
  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#ora-export-csv')]);
  const csv = await readFile(await csvDl.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines[0].split(',')[0], 'name');
  assert.equal(lines.length, visible.length + 1);
  assert.ok(lines[1].startsWith(visible[0]));
  assert.ok(lines.slice(1).every((l) => l.includes(names[0])));
  const [jsonDl] = await Promise.all([page.waitForEvent('download'), page.click('#ora-export-json')]);
  const json = JSON.parse(await readFile(await jsonDl.path(), 'utf8'));
  assert.equal(json.length, visible.length);
  assert.equal(json[0].name, visible[0]);
  assert.ok(json.every((k) => typeof k.hash === 'string' && !('key' in k)));
  await shot(page, 'keys');
  // Put the key back for later tests.
  await api('PATCH', `/keys/${decodeURIComponent(hrefs[0].split('/')[2])}`, { disabled: false });
  await context.close();
});

test('keys: bulk set limit and bulk delete with typed confirmation', async (t) => {
  const ws = (await api('GET', '/workspaces/data-labeling')).json.data;
  for (const n of ['bulk-a', 'bulk-b']) await api('POST', '/keys', { name: n, workspace_id: ws.id });
  const { context, page } = await signedIn(t, { hash: '#/workspaces/data-labeling/keys?q=bulk-' });
  await page.waitForFunction(() => document.querySelectorAll('#ora-key-table tbody tr a').length === 2);
  await page.check('#ora-select-all');
  await page.fill('#ora-bulk-limit', '12.5');
  await page.click('#ora-bulk-limit-set');
  await page.waitForFunction(() => (document.querySelector('#ora-bulk-results')?.innerText.match(/limit set/g) || []).length === 2);
  assert.equal(await text(page, '#ora-bulk-heading'), 'All 2 done');
  assert.ok(await page.locator('#ora-bulk-results.ora-alert-ok').count(), 'all done keeps the panel green');
  await page.waitForFunction(() => document.querySelector('#ora-key-table').innerText.includes('$12.50'));
  await page.check('#ora-select-all');
  await page.click('#ora-bulk-delete');
  await page.fill('#ora-confirm-name', 'delete 2 keys');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => (document.querySelector('#ora-bulk-results')?.innerText.match(/deleted/g) || []).length === 2);
  await page.waitForFunction(() => document.querySelectorAll('#ora-key-table tbody tr a').length === 0);
  await context.close();
});

// ---------- budgets and usage ----------
test('budgets: set, the shrinking rule explained where it bites, remove', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/support-bot/budgets' });
  await page.waitForSelector('#ora-budget-monthly');
  await page.fill('#ora-budget-monthly', '100');
  await page.click('#ora-budget-monthly-save');
  await page.waitForFunction(() => document.querySelector('#ora-budget-monthly-remove'));
  await page.fill('#ora-budget-weekly', '150');
  await page.waitForFunction(() => document.querySelector('#ora-budget-weekly-error').textContent.includes('shrink'));
  assert.ok(await page.isDisabled('#ora-budget-weekly-save'));
  await shot(page, 'budgets-rule');
  await page.fill('#ora-budget-weekly', '30');
  await page.click('#ora-budget-weekly-save');
  await page.waitForFunction(() => document.querySelector('#ora-budget-weekly-remove'));
  const ws = (await api('GET', '/workspaces/support-bot')).json.data;
  let list = (await api('GET', `/workspaces/${ws.id}/budgets`)).json.data;
  assert.equal(list.length, 2);
  await page.click('#ora-budget-weekly-remove');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => !document.querySelector('#ora-budget-weekly-remove'));
  list = (await api('GET', `/workspaces/${ws.id}/budgets`)).json.data;
  assert.equal(list.length, 1);
  await shot(page, 'budgets');
  await context.close();
});

test('usage: per-key bars and SVG charts of spend by window and top keys', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/production/usage' });
  await page.waitForSelector('svg.ora-chart');
  assert.equal(await page.locator('svg.ora-chart').count(), 3);
  assert.ok((await page.locator('svg.ora-chart').nth(1).locator('rect').count()) >= 5);
  assert.match(await page.locator('svg.ora-chart').first().getAttribute('aria-label'), /This month: \$/);
  await shot(page, 'usage');
  await go(page, '#/workspaces/production/keys');
  await page.waitForSelector('#ora-key-table .ora-bar-track[role=meter]');
  await context.close();
});

// ---------- large organization ----------
test('large org: 10,000 keys, at most ~200 rows in the DOM, responsive filter/sort/scroll', async (t) => {
  if (!LARGE) throw new Error('ORA_LARGE_URL not set');
  const { context, page } = await open(t, { base: LARGE, hash: '#/workspaces/bulk/keys?disabled=1' });
  await signIn(page);
  await page.waitForFunction(() => document.querySelector('#ora-key-count')?.textContent.startsWith('10000 keys'), null, { timeout: 120000 });
  const rows = () => page.evaluate(() => document.querySelectorAll('#ora-key-table tr').length);
  assert.ok((await rows()) <= 200, `rows in DOM: ${await rows()}`);
  let t0 = Date.now();
  await page.fill('#ora-key-search', 'bulk-00999');
  await page.waitForFunction(() => document.querySelector('#ora-key-count').textContent.startsWith('10 keys'));
  const filterMs = Date.now() - t0;
  await page.fill('#ora-key-search', '');
  await page.waitForFunction(() => document.querySelector('#ora-key-count').textContent.startsWith('10000 keys'));
  t0 = Date.now();
  await page.click('#ora-key-table th:nth-child(2) button');
  await page.click('#ora-key-table th:nth-child(2) button');
  await page.waitForFunction(() => location.hash.includes('sort=-name'));
  await page.waitForFunction(() => document.querySelector('#ora-key-table tbody tr:nth-child(2) a')?.textContent === 'bulk-010000');
  const sortMs = Date.now() - t0;
  t0 = Date.now();
  await page.evaluate(() => { const w = document.querySelector('.ora-windowed'); w.scrollTop = w.scrollHeight; });
  await page.waitForFunction(() => [...document.querySelectorAll('#ora-key-table tbody tr a')].some((a) => a.textContent === 'bulk-000001'));
  const scrollMs = Date.now() - t0;
  assert.ok((await rows()) <= 200, `rows in DOM after scroll: ${await rows()}`);
  console.log(`    filter ${filterMs} ms, sort ${sortMs} ms, scroll ${scrollMs} ms, rows in DOM ${await rows()}`);
  assert.ok(filterMs < 2000 && sortMs < 3000 && scrollMs < 2000, 'responsive');
  await shot(page, 'large-org-keys');
  await context.close();
});

// ---------- embedding, sub-path, theme, keyboard ----------
test('sub-path hosting: the page works under /admin/ with its own config.json', async (t) => {
  const { context, page } = await open(t, { hash: 'admin/#/workspaces/research' });
  await signIn(page);
  await page.waitForSelector('#ora-ws-name');
  assert.ok(page.url().includes('/admin/#/workspaces/research'));
  await context.close();
});

test('embedding: a portal mounts the page with mount(element, options)', async (t) => {
  const { context, page } = await open(t, { hash: 'embed.html' });
  await page.waitForSelector('#portal-slot #ora-key');
  assert.equal(
    await page.evaluate(() => document.body.dataset.mountError),
    'mount(element, options): options.baseUrl must be a string',
  );
  assert.equal(await page.locator('#portal-slot #ora-key').count(), 1, 'the bad mount added nothing');
  assert.equal(await page.inputValue('#ora-base'), `${URL_}/api/v1`);
  await signIn(page);
  await page.waitForSelector('#portal-slot #ora-ws-table');
  assert.equal(await page.locator('h1').first().innerText(), 'Internal portal');
  await shot(page, 'embedded');
  await context.close();
});

test('embedding through loader.js: a portal gets the small first load too', async (t) => {
  let release;
  const held = new Promise((r) => { release = r; });
  let fetched = 0;
  const { context, page } = await open(t, {
    hash: 'split.html',
    prepare: (page) => page.route(WHOLE_PAGE_WASM, async (route) => {
      await held;
      fetched += 1;
      await route.continue();
    }),
  });
  await page.waitForSelector('#portal-slot #ora-key');
  await page.waitForFunction(() => !document.querySelector('#portal-slot button[type=submit]').disabled);
  assert.equal(
    await page.evaluate(() => document.body.dataset.mountError),
    'mount(element, options): options.baseUrl must be a string',
  );
  assert.equal(await page.locator('#portal-slot #ora-key').count(), 1, 'the bad mount added nothing');
  // The portal's base URL (split.js ends it with a slash), not config.json's.
  assert.equal(await page.inputValue('#ora-base'), `${URL_}/api/v1/`);
  assert.equal(fetched, 0, 'the form works before the whole page has downloaded');
  await signIn(page);
  release();
  await page.waitForSelector('#portal-slot #ora-ws-table');
  assert.equal(fetched, 1);
  assert.equal(await page.locator('h1').first().innerText(), 'Internal portal');
  await context.close();
});

test('dark mode follows the system and the toggle', async (t) => {
  const { context, page } = await signedIn(t, { colorScheme: 'dark' });
  await page.waitForSelector('#ora-ws-table');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(11, 13, 18)');
  await page.click('#ora-theme'); // system -> light
  assert.equal(await bg(), 'rgb(247, 248, 250)');
  // The choice outlives a reload, and the sign-in screen (the first-load module) follows it too.
  await page.reload();
  await page.waitForSelector('#ora-key');
  assert.equal(await page.getAttribute('html', 'data-ora-theme'), 'light');
  assert.equal(await bg(), 'rgb(247, 248, 250)');
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  await page.click('#ora-theme'); // light -> dark
  assert.equal(await page.getAttribute('html', 'data-ora-theme'), 'dark');
  assert.equal(await bg(), 'rgb(11, 13, 18)');
  await page.click('#ora-theme'); // back to system
  await context.close();
});

test('keyboard only: sign in, skip link, visible focus, open a workspace', async (t) => {
  const { context, page } = await open(t);
  await page.waitForSelector('#ora-key');
  await page.focus('#ora-key');
  await page.keyboard.type(KEY);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-ws-table');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'ora-skip');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ora-main');
  // Tab to the first workspace link and follow it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.closest('#ora-ws-table') && document.activeElement.tagName === 'A')) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/workspaces/'));
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle === 'solid' || document.activeElement === document.body), true);
  await context.close();
});

test('dialogs: focus starts inside, Tab is trapped, Escape closes, focus returns to the opener', async (t) => {
  const { context, page } = await signedIn(t, { hash: '#/workspaces/production/keys' });
  await page.waitForSelector('#ora-key-table tbody a');
  await dialogRoundTrip(page, '#ora-new-key'); // create key, Escape
  await dialogRoundTrip(page, '#ora-new-key', 'dialog .ora-dialog-foot button:has-text("Cancel")');
  // Bulk delete confirmation.
  await page.locator('#ora-key-table tbody tr:has(a)').nth(0).locator('input[type=checkbox]').check();
  await dialogRoundTrip(page, '#ora-bulk-delete');
  await dialogRoundTrip(page, '#ora-bulk-delete', 'dialog button:has-text("Cancel")');
  // Rotate confirmation on a key's page.
  await page.click('#ora-key-table tbody a');
  await page.waitForSelector('#ora-rotate');
  await dialogRoundTrip(page, '#ora-rotate');
  await dialogRoundTrip(page, '#ora-delete-key');
  // Workspace delete confirmation and the add-members picker.
  await go(page, '#/workspaces/production');
  await page.waitForSelector('#ora-delete-ws');
  await dialogRoundTrip(page, '#ora-delete-ws');
  await go(page, '#/workspaces/staging/members');
  await page.waitForSelector('#ora-member-table');
  await dialogRoundTrip(page, '#ora-add-members');
  // Remove-members confirmation.
  await page.locator('#ora-member-table tbody input[type=checkbox]').first().check();
  await dialogRoundTrip(page, '#ora-remove-members');
  await context.close();
});

test('keyboard only: open a workspace\'s keys, create a key, close the secret, bulk-disable it', async (t) => {
  const { context, page } = await open(t);
  await page.waitForSelector('#ora-key');
  await tabTo(page, () => document.activeElement.id === 'ora-key');
  await page.keyboard.type(KEY);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-ws-table');
  await tabTo(page, () => document.activeElement.tagName === 'A' && document.activeElement.textContent === 'Research');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/workspaces/research'));
  await page.waitForSelector('.ora-tabs');
  await tabTo(page, () => document.activeElement.closest('.ora-tabs') && document.activeElement.textContent === 'API keys');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-key-table');
  await tabTo(page, () => document.activeElement.id === 'ora-new-key');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-key-name');
  assert.ok(await inDialog(page));
  await tabTo(page, () => document.activeElement.id === 'ora-key-name');
  await page.keyboard.type('e2e-keyboard');
  await page.keyboard.press('Enter'); // submits the form
  await page.waitForSelector('#ora-secret');
  assert.ok(await inDialog(page), `focus not in the secret dialog: ${await focused(page)}`);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('#ora-secret').count(), 1, 'Escape closed the secret dialog');
  await tabTo(page, () => document.activeElement.id === 'ora-secret-ack', { max: 10 });
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked('#ora-secret-ack'));
  await tabTo(page, () => document.activeElement.id === 'ora-secret-done', { max: 10 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#ora-secret'));
  await page.waitForFunction(() => document.activeElement?.id === 'ora-new-key');
  // Find the new key by searching, select it with Space, disable it from the bulk bar.
  await tabTo(page, () => document.activeElement.id === 'ora-key-search', { back: true });
  await page.keyboard.type('e2e-keyboard');
  await page.waitForFunction(() => document.querySelectorAll('#ora-key-table tbody tr a').length === 1);
  await tabTo(page, () => document.activeElement.getAttribute('aria-label') === 'Select e2e-keyboard');
  await page.keyboard.press('Space');
  await page.waitForSelector('#ora-bulk-disable');
  await tabTo(page, () => document.activeElement.id === 'ora-bulk-disable', { back: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#ora-bulk-results')?.innerText.includes('e2e-keyboard: disabled'));
  await shot(page, 'keyboard-bulk');
  await checkStorage(context, page, t);
  await context.close();
});

// ---------- axe on every route, light and dark ----------
const ROUTES = [
  ['signin', null],
  ['workspaces', '#/workspaces'],
  ['workspace-new', '#/workspaces/new'],
  ['workspace-settings', '#/workspaces/production'],
  ['workspace-members', '#/workspaces/production/members'],
  ['workspace-keys', '#/workspaces/production/keys'],
  ['workspace-budgets', '#/workspaces/production/budgets'],
  ['workspace-usage', '#/workspaces/production/usage'],
  ['key', 'KEY'],
  ['org-members', '#/members'],
  ['not-found', '#/nowhere'],
  ['dialog-create-key', '#/workspaces/production/keys'],
];
const READY = {
  workspaces: '#ora-ws-table', 'workspace-new': '#ora-ws-name', 'workspace-settings': '#ora-ws-name',
  'workspace-members': '#ora-member-table', 'workspace-keys': '#ora-key-table tbody a', 'workspace-budgets': '#ora-budget-daily',
  'workspace-usage': 'svg.ora-chart', key: '#ora-edit-name', 'org-members': '#ora-org-table', 'not-found': 'h1',
  'dialog-create-key': '#ora-key-table tbody a',
};
for (const scheme of ['light', 'dark']) {
  test(`axe: 0 violations on every route (${scheme})`, async (t) => {
    const keyHash = (await api('GET', `/keys?workspace_id=${(await api('GET', '/workspaces/production')).json.data.id}`)).json.data[0].hash;
    const failures = [];
    const { context, page } = await open(t, { colorScheme: scheme });
    await page.waitForSelector('#ora-key');
    for (const [name, hash] of ROUTES) {
      if (hash) {
        if (!(await page.locator('#ora-main').count())) {
          await signIn(page);
          await page.waitForSelector('#ora-main');
        }
        await go(page, hash === 'KEY' ? `#/keys/${keyHash}` : hash);
        await page.waitForSelector(READY[name]);
        if (name === 'dialog-create-key') {
          await page.click('#ora-new-key');
          await page.waitForSelector('#ora-key-name');
        }
      }
      await page.waitForTimeout(200);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .options({ rules: { 'target-size': { enabled: true } } })
        .analyze();
      for (const v of result.violations) {
        failures.push(`${name}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      await shot(page, `route-${name}-${scheme}`);
      if (name === 'dialog-create-key') await page.keyboard.press('Escape');
    }
    await checkStorage(context, page, t);
    await context.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}

// ---------- run ----------
let passed = 0;
let failed = 0;
await control('POST', 'reset');
for (const { name, fn } of tests) {
  if (ONLY && !name.includes(ONLY)) continue;
  const started = Date.now();
  try {
    await fn(name);
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n     ${String(e.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
    for (const err of pageErrors.filter((p) => p.startsWith(name))) console.log(`     page: ${err}`);
  } finally {
    await clearFaults();
  }
}
// The management key must never have reached the console, the URL, cookies or localStorage.
if (consoleLines.some((l) => l.includes(KEY))) leaks.push('console');
if (leaks.length) {
  failed++;
  console.log(`FAIL key safety: ${leaks.join('; ')}`);
} else {
  passed++;
  console.log(`ok   key safety: the management key never appeared in localStorage, cookies, URLs or the console (${consoleLines.length} console lines checked)`);
}
const csp = consoleLines.filter((l) => l.includes('Content Security Policy') || l.includes('Refused to'));
if (csp.length) {
  failed++;
  console.log(`FAIL no Content-Security-Policy violations: ${csp.slice(0, 3).join('\n     ')}`);
} else {
  passed++;
  console.log('ok   no Content-Security-Policy violations reported');
}
const panics = pageErrors.filter((p) => p.includes('panicked') || p.includes('RuntimeError'));
if (panics.length) {
  failed++;
  console.log(`FAIL no panics: ${panics.slice(0, 3).join('\n     ')}`);
} else {
  passed++;
  console.log('ok   no panics or uncaught errors in the page');
}
await browser.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
