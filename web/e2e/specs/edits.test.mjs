// Edits that know about each other (components/conflict.rs): before a save the page reads the
// object again; a field someone else changed that the user also changed is said in plain words
// and the user chooses; fields nobody else changed save silently. And an open view reads again
// when its tab is shown after being hidden for a minute or more (services.rs, AWAY_MS), unless a
// form holds unsaved changes. Checked through the API and the sandbox's request log.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot } from '../lib/browser.mjs';
import { api, control } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';

const log = async () => (await control('GET', 'log')).requests;

async function newKey(name, limit) {
  const ws = (await api('GET', '/workspaces/staging')).json.data;
  return (await api('POST', '/keys', { name, workspace_id: ws.id, limit })).json.data;
}
const keyNow = async (hash) => (await api('GET', `/keys/${hash}`)).json.data;

async function openKey(t, hash, colorScheme = 'light') {
  const { page } = await signedIn(t, { hash: `#/keys/${hash}`, colorScheme });
  await page.waitForSelector('#ora-edit-limit');
  return page;
}

async function saveLimit(page, limit) {
  await page.fill('#ora-edit-limit', String(limit));
  await page.click('#ora-key-save');
}

for (const scheme of ['light', 'dark']) {
  test(`two tabs on one key's limit: the second save is told about the first (${scheme})`, async (t) => {
    const key = await newKey(`edits-${scheme}-${Date.now()}`, 20);
    const first = await openKey(t, key.hash, scheme);
    const second = await openKey(t, key.hash, scheme);
    // The first tab saves $50: nothing else changed since it opened, so no question.
    await saveLimit(first, 50);
    await first.waitForFunction(() => /Key saved/.test(document.querySelector('.ora-toasts')?.innerText ?? ''));
    assert.equal(await first.locator('#ora-conflict').count(), 0);
    assert.equal((await keyNow(key.hash)).limit, 50);
    // The second tab, opened at $20, saves $30 and a new name: the limit is the first tab's now.
    const renamed = `${key.name}-renamed`;
    await second.fill('#ora-edit-name', renamed);
    await saveLimit(second, 30);
    await second.waitForSelector('#ora-conflict');
    const said = await text(second, '#ora-conflict');
    assert.match(said, /The limit is now \$50\.00, changed elsewhere since you opened it/);
    assert.match(said, /it was \$20\.00; you are saving \$30\.00/);
    assert.doesNotMatch(said, /name/i, 'the name nobody else changed is not asked about');
    assert.equal((await keyNow(key.hash)).limit, 50, 'nothing saved while asking');
    await assertAxe(second, `edit-conflict-${scheme}`);
    await shot(second, `edit-conflict-${scheme}`);
    // Keep theirs: the limit stays $50, the name (nobody else's change) is saved.
    await second.click('#ora-conflict-keep');
    await second.waitForFunction(() => !document.querySelector('#ora-conflict'));
    await second.waitForFunction((n) => document.querySelector('h1')?.innerText.includes(n), renamed);
    let now = await keyNow(key.hash);
    assert.equal(now.limit, 50);
    assert.equal(now.name, renamed);
    assert.equal(await second.inputValue('#ora-edit-limit'), '50');
    // Again, the other way: the first tab (still at $50 and the old name) sets $70; the second
    // tab sets $80 and overwrites; the first tab's name is not reverted to what it saw.
    await saveLimit(first, 70);
    for (let i = 0; i < 100 && (await keyNow(key.hash)).limit !== 70; i++) await first.waitForTimeout(100);
    assert.equal(await first.locator('#ora-conflict').count(), 0);
    now = await keyNow(key.hash);
    assert.equal(now.limit, 70);
    assert.equal(now.name, renamed, 'the name the first tab did not touch was taken from the API, not reverted');
    await saveLimit(second, 80);
    await second.waitForSelector('#ora-conflict');
    assert.match(await text(second, '#ora-conflict'), /The limit is now \$70\.00/);
    await second.click('#ora-conflict-overwrite');
    await second.waitForFunction(() => !document.querySelector('#ora-conflict'));
    for (let i = 0; i < 100 && (await keyNow(key.hash)).limit !== 80; i++) await second.waitForTimeout(100);
    assert.equal((await keyNow(key.hash)).limit, 80);
  });
}

// Every other edit form, through the same check: a guardrail, a BYOK provider key, a
// destination. Each is edited in two tabs whose dialogs opened over the same object; a field
// the first tab saved is asked about in the second (keep theirs, then overwrite), and a field
// only one tab touched is never reverted by the other.
const EDIT_FORMS = [
  {
    what: 'guardrail',
    tab: 'guardrails',
    make: async (ws, name) => (await api('POST', '/guardrails', { name, workspace_id: ws.id, description: 'as made' })).json.data,
    read: async (o) => (await api('GET', `/guardrails/${o.id}`)).json.data,
    edit: (o) => `#ora-guardrail-table tr:has-text("${o.name}") .ora-gr-edit`,
    field: ['#ora-gr-description', 'description', 'The description'],
    other: ['#ora-gr-byok', 'include_byok_in_budgets'],
    save: '#ora-gr-save',
  },
  {
    what: 'BYOK key',
    tab: 'byok',
    make: async (ws, name) => (await api('POST', '/byok', { workspace_id: ws.id, provider: 'mistral', key: 'sk-edits-0123456789abcd', name })).json.data,
    read: async (o) => (await api('GET', `/byok/${o.id}`)).json.data,
    edit: (o) => `#ora-byok-edit-${o.id}`,
    field: ['#ora-byok-name', 'name', 'The name'],
    other: ['#ora-byok-disabled', 'disabled'],
    save: '#ora-byok-save',
  },
  {
    what: 'destination',
    tab: 'observability',
    make: async (ws, name) => (await api('POST', '/observability/destinations', { workspace_id: ws.id, type: 'webhook', name, config: { url: 'https://example.com/hook' } })).json.data,
    read: async (o) => (await api('GET', `/observability/destinations/${o.id}`)).json.data,
    edit: (o) => `#ora-dest-edit-${o.id}`,
    field: ['#ora-dest-name', 'name', 'The name'],
    other: ['#ora-dest-privacy', 'privacy_mode'],
    save: '#ora-dest-save',
  },
];

test('every edit form: the second save is told about the first, keeps theirs or overwrites, never reverts the rest', async (t) => {
  const ws = (await api('GET', '/workspaces/research')).json.data;
  const [first, second] = [(await signedIn(t)).page, (await signedIn(t)).page];
  const until = async (page, o, form, check) => {
    for (let i = 0; i < 100 && !check(await form.read(o)); i++) await page.waitForTimeout(100);
    assert.ok(check(await form.read(o)), `${form.what}: ${JSON.stringify(await form.read(o))}`);
  };
  const openIn = async (page, form, o) => {
    await page.waitForSelector(form.edit(o));
    await page.click(form.edit(o));
    await page.waitForSelector(form.field[0]);
  };
  const closed = (page) => page.waitForFunction(() => !document.querySelector('dialog[open]'));
  for (const form of EDIT_FORMS) {
    const [sel, field, label] = form.field;
    const o = await form.make(ws, `edits-${form.tab}-${Date.now()}`);
    for (const page of [first, second]) {
      await page.evaluate((h) => { location.hash = h; }, `#/workspaces/research/settings`);
      await page.evaluate((h) => { location.hash = h; }, `#/workspaces/research/${form.tab}`);
    }
    // Both dialogs open over the object as made; the first saves its field.
    await openIn(first, form, o);
    await openIn(second, form, o);
    await first.fill(sel, 'first');
    await first.click(form.save);
    await closed(first);
    await until(first, o, form, (now) => now[field] === 'first');
    // The second changes the same field and another: asked about the field, nothing saved yet.
    await second.fill(sel, 'second');
    await second.check(form.other[0]);
    await second.click(form.save);
    await second.waitForSelector('#ora-conflict');
    const said = await text(second, '#ora-conflict');
    assert.match(said, new RegExp(`${label} is now “first”, changed elsewhere since you opened it`), form.what);
    assert.match(said, /you are saving “second”/, form.what);
    assert.equal((await form.read(o))[form.other[1]], false, `${form.what}: nothing saved while asking`);
    await assertAxe(second, `edit-conflict-${form.tab}`);
    await shot(second, `edit-conflict-${form.tab}`);
    // Keep theirs: the field stays the first tab's, the other change is saved.
    await second.click('#ora-conflict-keep');
    await closed(second);
    await until(second, o, form, (now) => now[field] === 'first' && now[form.other[1]] === true);
    // The first tab, still over what it saved, changes the field again: the other field it
    // never touched is taken from the API, not reverted, and nothing is asked.
    await openIn(first, form, o);
    await first.fill(sel, 'third');
    await first.click(form.save);
    await closed(first);
    await until(first, o, form, (now) => now[field] === 'third');
    assert.equal((await form.read(o))[form.other[1]], true, `${form.what}: the other tab's change stands`);
    // The second tab overwrites.
    await openIn(second, form, o);
    await second.fill(sel, 'fourth');
    await second.click(form.save);
    await second.waitForSelector('#ora-conflict');
    assert.match(await text(second, '#ora-conflict'), new RegExp(`${label} is now “third”`), form.what);
    await second.click('#ora-conflict-overwrite');
    await closed(second);
    await until(second, o, form, (now) => now[field] === 'fourth' && now[form.other[1]] === true);
  }
});

test('a key page read again when its tab comes back after a minute, not after a moment, not over unsaved input', async (t) => {
  const key = await newKey(`visible-${Date.now()}`, 20);
  const page = await openKey(t, key.hash);
  const reads = async (from) => (await log()).slice(from).filter((r) => r.method === 'GET' && r.path === `/api/v1/keys/${key.hash}`).length;
  // Hides the tab, lets `ms` pass on the page's clock, and shows it again.
  const away = (ms) => page.evaluate((ms) => {
    const set = (hidden) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    };
    set(true);
    const now = Date.now.bind(Date);
    Date.now = () => now() + ms;
    set(false);
    Date.now = now;
  }, ms);
  await api('PATCH', `/keys/${key.hash}`, { limit: 45 });
  // Away for 10 s: nothing read.
  let from = (await log()).length;
  await away(10_000);
  await page.waitForTimeout(800);
  assert.equal(await reads(from), 0, 'a short absence reads nothing');
  assert.equal(await page.inputValue('#ora-edit-limit'), '20');
  // Away for 61 s: the key is read again and the form shows the new limit.
  from = (await log()).length;
  await away(61_000);
  await page.waitForFunction(() => document.querySelector('#ora-edit-limit')?.value === '45');
  assert.equal(await reads(from), 1, 'the key read once');
  // Unsaved input holds the view: nothing is read, the input stays.
  await api('PATCH', `/keys/${key.hash}`, { limit: 46 });
  await page.fill('#ora-edit-name', 'typed but not saved');
  from = (await log()).length;
  await away(61_000);
  await page.waitForTimeout(800);
  assert.equal(await reads(from), 0);
  assert.equal(await page.inputValue('#ora-edit-name'), 'typed but not saved');
  await assertAxe(page, 'visible-again');
});

for (const scheme of ['light', 'dark']) {
  test(`a key's expiry reads as a date, with a warning when it is tomorrow (${scheme})`, async (t) => {
    const ws = (await api('GET', '/workspaces/staging')).json.data;
    // Tomorrow at noon UTC, whatever the time now.
    const at = new Date(Date.now() + 86_400_000);
    at.setUTCHours(12, 0, 0, 0);
    const key = (await api('POST', '/keys', { name: `expiry-${scheme}-${Date.now()}`, workspace_id: ws.id, limit: 3012.98, expires_at: at.toISOString().replace(/\.\d{3}Z$/, 'Z') })).json.data;
    const { page } = await signedIn(t, { hash: `#/keys/${key.hash}`, colorScheme: scheme });
    await page.waitForSelector('#ora-key-expiry');
    const said = await text(page, '#ora-key-expiry');
    assert.equal(said.replace(/\s+/g, ' ').trim(), `Warning: ${at.toISOString().slice(0, 10)} (expires tomorrow)`);
    assert.ok(await page.locator('#ora-key-expiry.ora-expiry-warn').count());
    assert.doesNotMatch(await text(page, 'section[aria-labelledby=ora-usage-h] dl'), /T\d\d:\d\d/, 'no raw timestamp');
    // Money reads with the locale's separators (Chromium here: English).
    assert.match(await text(page, 'section[aria-labelledby=ora-usage-h]'), /\$3,012\.98/);
    await assertAxe(page, `key-expiry-${scheme}`);
    await shot(page, `key-expiry-${scheme}`);
  });
}
