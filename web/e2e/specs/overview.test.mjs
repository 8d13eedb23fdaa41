// The Overview (the start page: credits, spend, findings by severity and their fixes, the
// expiries as .ics) and All keys (every workspace's keys in one table).
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, signIn, signedIn, go, text, shot } from '../lib/browser.mjs';
import { assertAxe } from '../lib/axe.mjs';
import { api, control, fault, clearFaults } from '../lib/sandbox.mjs';

const log = async () => (await control('GET', 'log')).requests;
async function waitFor(check, ms = 30000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    if (await check()) return;
  }
  throw new Error('timed out');
}

// `ms` from now as `expires_at` wants it: UTC, whole seconds.
const from_now = (ms) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

async function createKey(slug, body) {
  const ws = (await api('GET', `/workspaces/${slug}`)).json.data;
  const made = await api('POST', '/keys', { workspace_id: ws.id, ...body });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  return { ws, key: made.json.data, secret: made.json.key };
}

// Two keys that expire in a few seconds, then have: each becomes an "expired but not disabled"
// finding, whose fix is "disable".
async function expiredKeys(slug, names) {
  const made = [];
  for (const name of names) made.push(await createKey(slug, { name, limit: 5, expires_at: from_now(3000) }));
  await new Promise((r) => setTimeout(r, 4500));
  return made;
}

const finding = (id) => `li[data-finding="${id}"]`;

// The Overview with every finding listed (a group shows 50 until asked for all).
async function overview(page) {
  await page.waitForSelector('#ora-findings', { timeout: 30000 });
  for (const more of await page.locator('.ora-show-all').all()) await more.click();
}

test('overview: the start page after sign-in; a key expiring in 3 days is a warning, linked, in the .ics', async (t) => {
  const { key, secret } = await createKey('research', { name: 'e2e-three-days', limit: 20, expires_at: from_now(3 * DAY) });
  const { page } = await open(t);
  await signIn(page);
  await overview(page);
  assert.equal(await page.getAttribute('nav a[aria-current=page]', 'href'), '#/overview');
  assert.equal(await text(page, 'h1'), 'Overview');
  const item = page.locator(`#ora-findings-warning ${finding(`expiring:${key.hash}`)}`);
  assert.equal(await item.count(), 1, 'in the warning group');
  assert.equal(await page.locator(`#ora-findings-critical ${finding(`expiring:${key.hash}`)}, #ora-findings-info ${finding(`expiring:${key.hash}`)}`).count(), 0);
  assert.match(await item.innerText(), /e2e-three-days” \(sk-or-v1-[^)]*\) expires in [23] days/);
  assert.equal(await item.locator(`a[href="#/keys/${key.hash}"]`).count(), 1, 'links to its key');
  assert.equal(await item.locator(`a[href^="#/workspaces/${key.workspace_id}"]`).count(), 1, 'links to its workspace');
  assert.equal(await item.locator('button.ora-fix').innerText(), 'Rotate with an expiry…');
  // Each group's count is the number of its findings.
  for (const sev of ['critical', 'warning', 'info']) {
    const n = await page.locator(`#ora-findings-${sev} li.ora-finding`).count();
    assert.equal(await text(page, `#ora-findings-${sev} .ora-count`), String(n), sev);
  }
  // The demo's hygiene cases are there, in their groups.
  assert.ok(await page.locator('#ora-findings-critical li[data-kind="expiring"]').count() >= 1, 'production-api-gateway, 20 hours');
  assert.ok(await page.locator('#ora-findings-warning li[data-kind="expired_not_disabled"]').count() >= 1, 'support-bot-ci');
  assert.match(await text(page, '#ora-overview-credits'), /Credit balance[\s\S]*Runway/);
  await page.waitForSelector('#ora-activity-chart');
  await shot(page, 'overview');
  // The calendar: one event per upcoming expiry, this key's at its expiry in UTC.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#ora-ics')]);
  assert.equal(dl.suggestedFilename(), 'key-expiries.ics');
  const ics = await readFile(await dl.path(), 'utf8');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.endsWith('END:VCALENDAR\r\n'));
  assert.ok(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75), 'lines folded at 75 octets');
  const events = ics.replace(/\r\n /g, '').split('BEGIN:VEVENT').slice(1);
  const expiring = await page.locator('#ora-expiries-count').innerText();
  assert.equal(String(events.length), expiring.match(/^\d+/)[0]);
  const mine = events.find((e) => e.includes(`UID:${key.hash}@openrouter-admin`));
  assert.ok(mine, 'an event for the key');
  const stamp = key.expires_at.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  assert.ok(mine.includes(`DTSTART:${stamp}\r\n`), `${stamp} in ${mine}`);
  assert.ok(mine.includes('SUMMARY:API key e2e-three-days expires'));
  // Every "never expires" finding at once: a rotation goes one key at a time, so no fix button.
  const never = page.locator('#ora-findings-info .ora-select-kind[data-kind="no_expiry"]');
  const n = Number((await never.innerText()).match(/\((\d+)\)$/)[1]);
  assert.equal(n, await page.locator('#ora-findings-info li[data-kind="no_expiry"]').count());
  await never.click();
  assert.match(await text(page, '#ora-fix-bar'), new RegExp(`${n} selected[\\s\\S]*Rotate one key at a time`));
  assert.equal(await page.locator('#ora-fix-selected').count(), 0);
  await page.click('#ora-fix-bar button:text("Clear selection")');
  await page.waitForSelector('#ora-fix-bar', { state: 'detached' });
  assert.ok(!(await page.content()).includes(secret), 'no secret in the DOM');
});

test('overview: "disable" on two selected findings gives one result each, and the API shows both disabled', async (t) => {
  const [a, b] = await expiredKeys('staging', ['e2e-exp-a', 'e2e-exp-b']);
  const { page } = await signedIn(t);
  await overview(page);
  for (const { key } of [a, b]) await page.check(`${finding(`expired_not_disabled:${key.hash}`)} input[type=checkbox]`);
  assert.match(await text(page, '#ora-fix-bar'), /2 selected/);
  assert.equal(await text(page, '#ora-fix-selected'), 'Disable (2 keys)');
  await page.click('#ora-fix-selected');
  await page.waitForSelector('#ora-fix-results', { timeout: 30000 });
  const results = await text(page, '#ora-fix-results');
  assert.match(results, /e2e-exp-a: disabled/);
  assert.match(results, /e2e-exp-b: disabled/);
  assert.equal(await text(page, '#ora-fix-heading'), 'All 2 done');
  for (const { key } of [a, b]) assert.equal((await api('GET', `/keys/${key.hash}`)).json.data.disabled, true);
  // The Overview reads the organization again: the two findings are resolved, the results stay.
  await page.waitForFunction((ids) => ids.every((id) => !document.querySelector(`li[data-finding="${id}"]`)),
    [a, b].map(({ key }) => `expired_not_disabled:${key.hash}`), { timeout: 30000 });
  assert.equal(await page.locator('#ora-fix-results').count(), 1);
  await shot(page, 'overview-fixed');
});

test('overview: a fix failing on one key of two: one failed, one done, and the API agrees', async (t) => {
  const [a, b] = await expiredKeys('staging', ['e2e-fail-a', 'e2e-fail-b']);
  const { page } = await signedIn(t);
  await overview(page);
  await fault('PATCH', `/api/v1/keys/${b.key.hash}`, Array(6).fill({ status: 500 }));
  for (const { key } of [a, b]) await page.check(`${finding(`expired_not_disabled:${key.hash}`)} input[type=checkbox]`);
  await page.click('#ora-fix-selected');
  await page.waitForSelector('#ora-fix-results', { timeout: 30000 });
  const results = await text(page, '#ora-fix-results');
  assert.match(results, /e2e-fail-a: disabled/);
  assert.match(results, /e2e-fail-b: failed/);
  assert.equal(await text(page, '#ora-fix-heading'), '1 of 2 failed');
  assert.ok(await page.locator('#ora-fix-results.ora-alert-warn').count(), 'a failure turns the panel amber');
  await clearFaults();
  assert.equal((await api('GET', `/keys/${a.key.hash}`)).json.data.disabled, true);
  assert.equal((await api('GET', `/keys/${b.key.hash}`)).json.data.disabled, false);
  // The one that failed is still a finding, offered again.
  await page.waitForFunction((id) => !document.querySelector(`li[data-finding="${id}"]`), `expired_not_disabled:${a.key.hash}`, { timeout: 30000 });
  await overview(page);
  assert.equal(await page.locator(finding(`expired_not_disabled:${b.key.hash}`)).count(), 1);
});

test('overview: "set a limit" offers the suggestion in a dialog and sets it', async (t) => {
  const { key } = await createKey('research', { name: 'e2e-no-limit' });
  const { page } = await signedIn(t);
  await overview(page);
  await page.click(`${finding(`no_limit:${key.hash}`)} button.ora-fix`);
  await page.waitForSelector('#ora-fix-limit');
  assert.equal(await page.inputValue('#ora-fix-limit'), '10', 'the suggestion: $10 for a key that has spent nothing');
  await page.fill('#ora-fix-limit', 'lots');
  await page.click('#ora-fix-limit-confirm');
  assert.match(await text(page, '#ora-fix-limit-error'), /number of dollars/);
  assert.equal((await api('GET', `/keys/${key.hash}`)).json.data.limit, null, 'nothing sent');
  await page.fill('#ora-fix-limit', '12.5');
  await page.click('#ora-fix-limit-confirm');
  await page.waitForSelector('#ora-fix-results', { timeout: 30000 });
  assert.match(await text(page, '#ora-fix-results'), /e2e-no-limit: limit set to \$12\.50/);
  assert.equal((await api('GET', `/keys/${key.hash}`)).json.data.limit, 12.5);
});

test('overview: "set an expiry by rotating" makes a successor that expires, shows its secret once, disables the old key', async (t) => {
  const { key } = await createKey('research', { name: 'e2e-forever', limit: 5 });
  const { page } = await signedIn(t);
  await overview(page);
  await page.click(`${finding(`no_expiry:${key.hash}`)} button.ora-fix`);
  await page.waitForSelector('#ora-fix-expires');
  const suggested = await page.inputValue('#ora-fix-expires');
  const days = (Date.parse(`${suggested}:00Z`) - Date.now()) / DAY;
  assert.ok(days > 89 && days < 91, `suggested ${suggested}`);
  await page.fill('#ora-fix-expires', '2031-05-06T07:08');
  await page.click('#ora-fix-rotate-confirm');
  await page.waitForSelector('#ora-secret', { timeout: 30000 });
  const secret = await text(page, '#ora-secret');
  assert.match(secret, /^sk-or-v1-[0-9a-f]{64}$/);
  await page.check('#ora-secret-ack');
  await page.click('#ora-secret-done');
  await page.waitForFunction((h) => location.hash.startsWith('#/keys/') && !location.hash.includes(h), key.hash);
  assert.ok(!(await page.content()).includes(secret), 'the secret left the DOM with its dialog');
  const next = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
  const successor = (await api('GET', `/keys/${next}`)).json.data;
  assert.equal(successor.name, 'e2e-forever');
  assert.equal(successor.limit, 5);
  assert.ok(successor.expires_at.startsWith('2031-05-06T07:08:00'), successor.expires_at);
  assert.equal((await api('GET', `/keys/${key.hash}`)).json.data.disabled, true);
});

test('overview: a rotation whose create gets no answer closes its dialog, says so, and reads the organization again', async (t) => {
  const { ws, key } = await createKey('research', { name: 'e2e-lost-rotation', limit: 5 });
  const { page } = await signedIn(t);
  await overview(page);
  await fault('POST', '/api/v1/keys', [{ commit_then_drop: true }]);
  assert.equal(await page.locator(finding(`no_expiry:${key.hash}`)).count(), 1);
  await page.click(`${finding(`no_expiry:${key.hash}`)} button.ora-fix`);
  await page.waitForSelector('#ora-fix-expires');
  await page.click('#ora-fix-rotate-confirm');
  await page.waitForFunction(() => document.querySelector('.ora-toasts')?.textContent.includes('got no answer'), null, { timeout: 30000 });
  assert.equal(await page.locator('#ora-fix-expires').count(), 0, 'the dialog closed: no second create by accident');
  assert.equal(await page.locator('#ora-secret').count(), 0);
  await clearFaults();
  // The create went through; the old key was never disabled, so its finding stays, and the
  // read again shows the successor (which expires) beside it.
  const same = (await api('GET', `/keys?workspace_id=${ws.id}&include_disabled=true`)).json.data.filter((k) => k.name === 'e2e-lost-rotation');
  assert.equal(same.length, 2);
  assert.equal((await api('GET', `/keys/${key.hash}`)).json.data.disabled, false);
  const successor = same.find((k) => k.hash !== key.hash);
  // Read again: the organization's credits (read once per snapshot) after the lost create.
  await waitFor(async () => {
    const reqs = await log();
    const lost = reqs.findIndex((r) => r.method === 'POST' && r.path === '/api/v1/keys' && r.status === null);
    return lost >= 0 && reqs.slice(lost).some((r) => r.method === 'GET' && r.path === '/api/v1/credits');
  });
  await page.waitForFunction(() => !document.querySelector('#ora-org-progress'), null, { timeout: 30000 });
  await overview(page);
  assert.equal(await page.locator(finding(`no_expiry:${key.hash}`)).count(), 1);
  assert.equal(await page.locator(finding(`no_expiry:${successor.hash}`)).count(), 0, 'the successor expires');
});

test('overview: the read shows its progress; a hung read can be cancelled, and "Try again" loads it', async (t) => {
  const { page } = await open(t);
  await fault('GET', '/api/v1/activity', [{ hang: true }]);
  await signIn(page);
  // The keys first (every workspace's), then the findings' own reads, the activity among them.
  await page.waitForFunction(() => document.querySelector('#ora-org-progress')?.textContent.startsWith('Reading findings'), null, { timeout: 30000 });
  assert.match(await text(page, '#ora-org-progress'), /^Reading findings: members, credits, activity: [0-2] of 3/);
  // Every read of that step but the hung one ends, and the count follows.
  await page.waitForFunction(() => document.querySelector('#ora-org-progress')?.textContent.includes('2 of 3'), null, { timeout: 10000 });
  assert.equal(await page.getAttribute('#ora-org-progress progress', 'value'), '2');
  await page.waitForSelector('.ora-load-cancel', { timeout: 10000 });
  await page.click('.ora-load-cancel');
  await page.waitForSelector('.ora-load-again', { timeout: 5000 });
  assert.match(await text(page, '[role=alert]:has(.ora-load-again)'), /Stopped/);
  assert.equal(await page.locator('#ora-org-progress').count(), 0, 'no progress once stopped');
  await clearFaults();
  await page.click('.ora-load-again');
  await overview(page);
});

test('all keys: finds a key by label across workspaces, filters by workspace, status and finding', async (t) => {
  const { key, secret } = await createKey('support-bot', { name: 'e2e-findme', limit: 3 });
  // Every key of every workspace, disabled ones included.
  let total = 0;
  for (const ws of (await api('GET', '/workspaces?limit=100')).json.data) {
    total += (await api('GET', `/keys?workspace_id=${ws.id}&include_disabled=true`)).json.data.length;
  }
  const { page } = await signedIn(t, { hash: '#/keys' });
  await page.waitForSelector('#ora-allkeys-table tbody tr a', { timeout: 30000 });
  assert.equal(await page.getAttribute('nav a[aria-current=page]', 'href'), '#/keys');
  assert.equal(await text(page, '#ora-allkeys-count'), `${total} of ${total} keys`);
  await page.fill('#ora-allkeys-search', key.label);
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('1 of'));
  const row = page.locator('#ora-allkeys-table tbody tr:has(a)');
  assert.equal(await row.count(), 1);
  assert.equal(await row.locator('td').nth(0).innerText(), 'e2e-findme');
  assert.equal(await row.locator('td').nth(2).innerText(), 'Support Bot');
  await shot(page, 'all-keys-search');
  // Another workspace: no match; the key's own: the match again.
  await page.selectOption('#ora-allkeys-ws', { label: 'Research' });
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('0 of'));
  await page.selectOption('#ora-allkeys-ws', { label: 'Support Bot' });
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('1 of'));
  await page.selectOption('#ora-allkeys-status', 'disabled');
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('0 of'));
  await page.selectOption('#ora-allkeys-status', 'active');
  await page.selectOption('#ora-allkeys-finding', 'no_expiry');
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('1 of'));
  await page.selectOption('#ora-allkeys-finding', 'no_limit');
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('0 of'));
  // The filters live in the URL: a reload keeps them.
  assert.match(await page.evaluate(() => location.hash), /finding=no_limit/);
  // Sorting by spend, descending, across every workspace.
  await page.fill('#ora-allkeys-search', '');
  await page.selectOption('#ora-allkeys-ws', '');
  await page.selectOption('#ora-allkeys-status', '');
  await page.selectOption('#ora-allkeys-finding', '');
  await page.click('#ora-allkeys-table th:nth-child(6) button');
  await page.click('#ora-allkeys-table th:nth-child(6) button');
  await page.waitForFunction(() => location.hash.includes('sort=-spend'));
  const spend = (await page.locator('#ora-allkeys-table tbody tr td:nth-child(6)').allInnerTexts()).map((s) => Number(s.replace(/[$,]/g, '')));
  assert.deepEqual(spend, [...spend].sort((x, y) => y - x));
  assert.ok(!(await page.content()).includes(secret), 'no secret in the DOM');
});

for (const scheme of ['light', 'dark']) {
  test(`overview and all keys: axe 0 violations (${scheme})`, async (t) => {
    const { page } = await signedIn(t, { colorScheme: scheme });
    await overview(page);
    await page.waitForTimeout(200);
    await assertAxe(page, `overview-${scheme}`);
    await shot(page, `overview-${scheme}`);
    // With a selection (the fix bar) and a fix's dialog open.
    await page.locator('li.ora-finding input[type=checkbox]').first().check();
    await page.waitForSelector('#ora-fix-bar');
    await assertAxe(page, `overview-selected-${scheme}`);
    await page.locator('li.ora-finding[data-kind="no_limit"] button.ora-fix').first().click();
    await page.waitForSelector('#ora-fix-limit');
    await assertAxe(page, `overview-limit-dialog-${scheme}`);
    await shot(page, `overview-limit-dialog-${scheme}`);
    await page.keyboard.press('Escape');
    await go(page, '#/keys');
    await page.waitForSelector('#ora-allkeys-table tbody tr a', { timeout: 30000 });
    await page.waitForTimeout(200);
    await assertAxe(page, `all-keys-${scheme}`);
    await shot(page, `all-keys-${scheme}`);
  });
}
