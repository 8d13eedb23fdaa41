// The Plan view (issue 22): the organization as a reviewed file, planned and applied through the
// page against the demo sandbox. Every check of what an apply did goes through the API or the
// sandbox's request log, read by the test directly.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot } from '../lib/browser.mjs';
import { api, control, fault, settled, workspacesWithSlug } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';
import { consoleLines, traces } from '../lib/safety.mjs';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The API writes the sandbox logged from entry `since` on.
async function writesSince(since) {
  const log = (await control('GET', 'log')).requests.slice(since);
  return log.filter((r) => WRITES.has(r.method) && r.path.startsWith('/api/v1'));
}

async function openPlan(t, opts = {}) {
  const { page, context } = await signedIn(t, { hash: '#/plan', ...opts });
  await page.waitForSelector('#ora-plan-text');
  return { page, context };
}

// "Start from an export": the textarea filled with the live organization; gives it back parsed.
async function exported(page) {
  await page.click('#ora-plan-export');
  await page.waitForFunction(() => document.querySelector('#ora-plan-text').value.includes('"workspaces"'));
  return JSON.parse(await page.inputValue('#ora-plan-text'));
}

const setFile = (page, file) => page.fill('#ora-plan-text', typeof file === 'string' ? file : JSON.stringify(file, null, 2));

// Clicks Plan and waits for the plan (or the errors).
async function plan(page) {
  await page.click('#ora-plan-run');
  await page.waitForSelector('#ora-plan, #ora-plan-errors');
}

// Apply, confirmed; waits until it ended (the log's "Applying…" gone).
async function apply(page, { double = false } = {}) {
  await page.click('#ora-plan-apply');
  await page.waitForSelector('#ora-apply-confirm');
  if (double) await page.dblclick('#ora-apply-confirm');
  else await page.click('#ora-apply-confirm');
  await page.waitForFunction(() => !document.querySelector('#ora-apply-confirm') && !document.querySelector('#ora-apply-log [role=status]'));
  await page.waitForFunction(() => !document.querySelector('#ora-plan-busy'));
}

const logRow = (page, address) => text(page, `#ora-apply-log tr[data-address="${address}"]`);
const workspace = async (slug) => (await api('GET', `/workspaces/${slug}`)).json.data;

test('plan: an export planned is "no changes", and its apply writes nothing', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  await exported(page);
  await plan(page);
  assert.match(await text(page, '#ora-plan-empty'), /No changes/);
  const since = await settled();
  await apply(page);
  await page.waitForSelector('#ora-plan-empty');
  assert.deepEqual(await writesSince(since), [], 'the apply of an empty plan sends no write');
});

test('plan: a lowered budget and a raised key limit: USD differences, "expands access", applied, then empty', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = await exported(page);
  assert.equal(file.workspaces.staging.budgets.daily, 77);
  file.workspaces.staging.budgets.daily = 50;
  assert.equal(file.keys['staging-nightly-evals'].limit, 500);
  file.keys['staging-nightly-evals'].limit = 750;
  await setFile(page, file);
  await plan(page);
  const budget = await text(page, '#ora-plan [data-address="workspaces.staging"]');
  assert.match(budget, /budgets\.daily/);
  assert.match(budget, /\$77\.00 → \$50\.00 \(-\$27\.00\)/, budget);
  assert.equal(await page.locator('#ora-plan [data-address="workspaces.staging"] [data-widens]').count(), 0, 'a lowered budget does not expand access');
  const key = await text(page, '#ora-plan [data-address="keys.staging-nightly-evals"]');
  assert.match(key, /\$500\.00 → \$750\.00 \(\+\$250\.00\)/, key);
  assert.match(key, /expands access/);
  assert.match(await text(page, '#ora-plan-update-h'), /~\s*update/);
  await apply(page);
  assert.match(await logRow(page, 'workspaces.staging'), /update\s+ok/);
  assert.match(await logRow(page, 'keys.staging-nightly-evals'), /update\s+ok/);
  await page.waitForSelector('#ora-plan-empty');
  const budgets = (await api('GET', `/workspaces/${(await workspace('staging')).id}/budgets`)).json.data;
  assert.equal(JSON.stringify(budgets).includes('"limit_usd":50'), true, JSON.stringify(budgets));
});

test('plan: a workspace create whose answer is lost is found, made once, and the log says so', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = await exported(page);
  file.workspaces['plan-lost'] = { name: 'Plan lost', slug: 'plan-lost' };
  await setFile(page, file);
  await plan(page);
  assert.match(await text(page, '#ora-plan-create'), /workspaces\.plan-lost/);
  await fault('POST', '/api/v1/workspaces', [{ commit_then_drop: true }]);
  await apply(page);
  assert.match(await logRow(page, 'workspaces.plan-lost'), /ok[\s\S]*found, made once/);
  const made = await workspacesWithSlug('plan-lost');
  assert.equal(made.length, 1, 'exactly one workspace');
  assert.equal(JSON.parse(await page.inputValue('#ora-plan-text')).workspaces['plan-lost'].id, made[0].id, 'the file is bound to it');
  await page.waitForSelector('#ora-plan-empty');
});

test('plan: the apply stops at the first failure and plans what is left', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = await exported(page);
  file.workspaces.staging.budgets.daily = 70;
  file.keys['staging-nightly-evals'].limit = 450;
  file.keys['staging-summarizer'].limit = 900;
  await setFile(page, file);
  await plan(page);
  await fault('PATCH', `/api/v1/keys/${file.keys['staging-nightly-evals'].hash}`, [{ status: 403 }]);
  await apply(page);
  assert.match(await logRow(page, 'workspaces.staging'), /update\s+ok/);
  assert.match(await logRow(page, 'keys.staging-nightly-evals'), /update\s+failed/);
  assert.equal(await page.locator('#ora-apply-log tr[data-address="keys.staging-summarizer"]').count(), 0, 'nothing after the failure');
  assert.match(await text(page, '#ora-apply-stopped'), /Stopped at keys\.staging-nightly-evals/);
  const left = await text(page, '#ora-plan-update');
  assert.match(left, /keys\.staging-nightly-evals[\s\S]*keys\.staging-summarizer/, 'what is left is planned');
  assert.doesNotMatch(left, /workspaces\.staging/, 'what was done is not');
});

test('plan: a plan whose object changed since is refused, naming it, and nothing is written', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = await exported(page);
  file.workspaces.staging.budgets.daily = 60;
  await setFile(page, file);
  await plan(page);
  const ws = await workspace('staging');
  assert.equal((await api('PATCH', `/workspaces/${ws.id}`, { description: 'changed by hand' })).status, 200);
  const since = await settled();
  await apply(page);
  const errors = await text(page, '#ora-plan-errors');
  assert.match(errors, /Nothing was written/);
  assert.match(errors, /workspaces\.staging[\s\S]*stale/);
  assert.deepEqual(await writesSince(since), []);
});

test('plan: a file that does not read lists each error with its path and rule, and sends nothing', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const since = await settled();
  const cases = [
    [{ version: 1, workspaces: { x: { name: 'X', slug: 'x', colour: 'red' } } }, 'workspaces.x.colour'],
    [{ version: 1, workspaces: { x: { name: 5, slug: 'x' } } }, 'workspaces.x.name'],
    [{ version: 1, guardrails: { g: { name: 'G', workspace: 'default', allowed_data_regions: [] } } }, 'guardrails.g.allowed_data_regions'],
    ['{ "version": 1, "workspaces": { "x": { "name": "X", "slug": "x" }, "x": { "name": "Y", "slug": "y" } } }', 'workspaces.x'],
  ];
  for (const [file, path] of cases) {
    await setFile(page, file);
    await plan(page);
    const item = page.locator(`#ora-plan-errors li[data-field^="${path}"]`);
    assert.ok(await item.count(), `${path} named in: ${await text(page, '#ora-plan-errors')}`);
    assert.ok(await item.first().getAttribute('data-rule'), 'with its rule');
    assert.match(await item.first().innerText(), /\(.+\)/);
  }
  assert.match(await text(page, '#ora-plan-errors'), /line/, 'the last (duplicate key) says where');
  assert.equal(await page.locator('#ora-plan').count(), 0, 'no plan shown');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await control('GET', 'log')).requests.length, since, 'not one request');
});

test('plan: drift after an apply is shown first; "take into the file" and "stop managing" edit the file', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  await exported(page);
  await plan(page);
  await apply(page); // keeps the state the drift is measured against
  const ws = await workspace('staging');
  const patched = await api('PATCH', `/workspaces/${ws.id}`, { description: 'edited by hand', default_text_model: 'openai/gpt-4o' });
  assert.equal(patched.status, 200);
  await plan(page);
  const drift = (field) => page.locator(`#ora-drift [data-drift="workspaces.staging.${field}"]`);
  await drift('description').waitFor();
  assert.match(await drift('description').innerText(), /Pre-release checks[\s\S]*edited by hand/);
  assert.ok(await drift('default_text_model').count(), 'both fields drift');
  // Drift comes first, above the actions.
  assert.ok(await page.evaluate(() => {
    const d = document.querySelector('#ora-drift'), a = document.querySelector('#ora-plan .ora-plan-group');
    return !a || (d.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }));
  // The file still says the old value: applying as it is would write it back over the live one.
  assert.match(await text(page, '#ora-plan-update'), /workspaces\.staging[\s\S]*description/);
  await drift('description').locator('button', { hasText: 'Overwrite live' }).click();
  assert.match(await drift('description').innerText(), /apply will write the file's value/);
  await assertAxe(page, 'plan-drift');
  await shot(page, 'plan-drift');
  await drift('description').locator('button', { hasText: 'Take into the file' }).click();
  await page.waitForFunction(() => document.querySelector('#ora-plan-text').value.includes('edited by hand'));
  assert.equal(JSON.parse(await page.inputValue('#ora-plan-text')).workspaces.staging.description, 'edited by hand');
  await page.waitForSelector('#ora-plan');
  await drift('default_text_model').waitFor();
  assert.equal(await drift('description').count(), 0, 'a drift taken into the file is settled');
  await drift('default_text_model').locator('button', { hasText: 'Stop managing' }).click();
  await page.waitForFunction(() => !document.querySelector('#ora-plan-text').value.includes('"default_text_model": "openai/gpt-4o-mini"'));
  const staging = JSON.parse(await page.inputValue('#ora-plan-text')).workspaces.staging;
  assert.equal('default_text_model' in staging, false, 'the field is no longer managed');
  assert.equal(staging.description, 'edited by hand', 'the earlier choice is kept');
  await page.waitForSelector('#ora-plan-empty');
});

test('plan: a new key\'s secret is shown once with copy, then is in no DOM, IndexedDB or console', async (t) => {
  await control('POST', 'reset');
  const { page, context } = await openPlan(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const file = await exported(page);
  file.keys['plan-secret'] = { name: 'plan-secret', workspace: 'staging', limit: 5 };
  await setFile(page, file);
  await plan(page);
  await apply(page, { double: true });
  await page.waitForSelector('#ora-secrets');
  const secret = (await text(page, '#ora-secrets code')).trim();
  assert.match(secret, /^sk-or-/);
  const keys = (await api('GET', `/keys?workspace_id=${(await workspace('staging')).id}`)).json.data.filter((k) => k.name === 'plan-secret');
  assert.equal(keys.length, 1, 'one key (double click)');
  await page.click('#ora-copy');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  await assertAxe(page, 'plan-secrets');
  await page.check('#ora-secret-ack');
  await page.click('#ora-secret-done');
  await page.waitForFunction(() => !document.querySelector('#ora-secrets'));
  // The file now names the new key by its hash.
  const bound = JSON.parse(await page.inputValue('#ora-plan-text')).keys['plan-secret'];
  assert.equal(bound.hash, keys[0].hash, 'the apply bound the entry to the key it made');
  assert.ok(!(await traces(page)).includes(secret), 'not in the page');
  assert.ok(!consoleLines.some((l) => l.includes(secret)), 'not in the console');
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('openrouter-admin');
    open.onsuccess = () => {
      const all = open.result.transaction('applied-state').objectStore('applied-state').getAll();
      all.onsuccess = () => resolve(JSON.stringify(all.result));
    };
  }));
  assert.match(stored, /plan-secret/, 'the state was kept');
  assert.ok(!stored.includes(secret), 'not in IndexedDB');
  // Nor in the journal.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ora-plan-journal')]);
  const journal = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  assert.match(journal, /"address":"keys.plan-secret"/);
  assert.ok(!journal.includes(secret));
  for (const line of journal.trim().split('\n')) JSON.parse(line);
});

test('plan: a double click on Apply sends each write once', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = await exported(page);
  file.workspaces.staging.budgets.daily = 40;
  await setFile(page, file);
  await plan(page);
  const since = await settled();
  await page.dblclick('#ora-plan-apply');
  await page.waitForSelector('#ora-apply-confirm');
  await page.dblclick('#ora-apply-confirm');
  await page.waitForFunction(() => !document.querySelector('#ora-apply-log [role=status]'));
  await page.waitForSelector('#ora-plan-empty');
  const writes = await writesSince(since);
  assert.equal(writes.length, 1, JSON.stringify(writes));
});

test('plan: a second admin loads the saved plan and applies exactly it', async (t) => {
  await control('POST', 'reset');
  const first = await openPlan(t);
  const file = await exported(first.page);
  file.workspaces.research.description = 'reviewed change';
  await setFile(first.page, file);
  await plan(first.page);
  const [saved] = await Promise.all([first.page.waitForEvent('download'), first.page.click('#ora-plan-download')]);
  const planPath = await saved.path();
  const planJson = JSON.parse(await (await import('node:fs/promises')).readFile(planPath, 'utf8'));
  assert.equal(planJson.applyable, true);
  assert.ok(planJson.file_digest && planJson.read && planJson.resource_changes, 'the CLI\'s plan format');
  const text2 = await first.page.inputValue('#ora-plan-text');

  const second = await openPlan(t, { colorScheme: 'dark' });
  await setFile(second.page, text2);
  await second.page.setInputFiles('#ora-plan-load-plan', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(planJson)) });
  await second.page.waitForSelector('#ora-plan-approved');
  assert.match(await text(second.page, '#ora-plan'), /workspaces\.research/);
  // A plan of another file is refused.
  await setFile(second.page, text2.replace('reviewed change', 'something else'));
  await second.page.setInputFiles('#ora-plan-load-plan', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(planJson)) });
  await second.page.waitForSelector('#ora-plan-errors');
  assert.match(await text(second.page, '#ora-plan-errors'), /file_digest[\s\S]*another version of the file/);
  await setFile(second.page, text2);
  await second.page.setInputFiles('#ora-plan-load-plan', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(planJson)) });
  await second.page.waitForSelector('#ora-plan-approved');
  await apply(second.page);
  assert.match(await logRow(second.page, 'workspaces.research'), /update\s+ok/);
  assert.equal((await workspace('research')).description, 'reviewed change');
  // The same plan loaded again is stale: the object it changed is not as it read it, and is named.
  await setFile(second.page, text2);
  await second.page.setInputFiles('#ora-plan-load-plan', { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(planJson)) });
  await second.page.waitForSelector('#ora-plan-errors');
  const refused = await text(second.page, '#ora-plan-errors');
  assert.match(refused, /workspaces\.research \(stale\)[^\n]*changed since the plan was made/, refused);
  assert.equal(await second.page.locator('#ora-plan-apply').count(), 0, 'nothing to apply');
});

// A file with most kinds of action, for the screenshots and axe.
function manyKinds(file) {
  file.workspaces.staging.budgets.daily = 30; // update
  file.workspaces['plan-new'] = { name: 'Plan new', slug: 'plan-new' }; // create
  file.keys['staging-web-chat'].workspace = 'research'; // replace
  file.keys['staging-translation'].delete = true; // delete
  delete file.keys['staging-summarizer'].hash; // adopt
  file.keys['staging-notebook'].hash = 'f'.repeat(64); // missing
  delete file.keys['staging-api-gateway']; // unmanaged
  return file;
}

for (const scheme of ['light', 'dark']) {
  test(`plan: several kinds of action, the confirmation and the apply log: axe 0 (${scheme})`, async (t) => {
    await control('POST', 'reset');
    const { page } = await openPlan(t, { colorScheme: scheme });
    await assertAxe(page, `plan-empty-${scheme}`);
    await setFile(page, manyKinds(await exported(page)));
    await plan(page);
    for (const kind of ['create', 'update', 'replace', 'delete', 'adopt', 'missing']) {
      assert.ok(await page.locator(`#ora-plan-${kind}`).count(), `${kind} shown`);
    }
    assert.match(await text(page, '#ora-plan-replace'), /-\/\+\s*replace[\s\S]*new key will be issued/);
    assert.match(await text(page, '#ora-plan-unmanaged summary'), /Unmanaged.*\(\d+\)/);
    await assertAxe(page, `plan-actions-${scheme}`);
    await shot(page, `plan-actions-${scheme}`);
    await page.click('#ora-plan-apply');
    await page.waitForSelector('#ora-apply-counts');
    assert.match(await text(page, '#ora-apply-counts'), /create: 1[\s\S]*update: 1/);
    await assertAxe(page, `plan-confirm-${scheme}`);
    await page.click('#ora-apply-confirm');
    await page.waitForSelector('#ora-secrets', { timeout: 20000 });
    await page.check('#ora-secret-ack');
    await page.click('#ora-secret-done');
    await page.waitForFunction(() => !document.querySelector('#ora-apply-log [role=status]') && !document.querySelector('#ora-plan-busy'));
    assert.match(await logRow(page, 'workspaces.plan-new'), /ok/);
    // What the apply made and what the plan adopted are bound in the file: planned again, neither
    // is a create or an adoption any more.
    const after = JSON.parse(await page.inputValue('#ora-plan-text'));
    assert.equal(after.workspaces['plan-new'].id, (await workspace('plan-new')).id);
    const summarizer = (await api('GET', `/keys?workspace_id=${(await workspace('staging')).id}`)).json.data.find((k) => k.name === 'staging-summarizer');
    assert.equal(after.keys['staging-summarizer'].hash, summarizer.hash);
    assert.match(await text(page, '#ora-plan-h'), /what is left/);
    assert.equal(await page.locator('#ora-plan-adopt, #ora-plan-create, #ora-plan-replace').count(), 0);
    await assertAxe(page, `plan-log-${scheme}`);
    await shot(page, `plan-log-${scheme}`);
  });
}

// A new BYOK credential (no id, no live credential of that name to adopt) and a new Datadog
// destination: the file holds neither's credentials, so the apply is given them typed in.
const PROVIDER_KEY = 'sk-plan-typed-provider-key-7f3a0001';
const DD_API_KEY = 'dd-plan-typed-api-key-5c9e0002';
function needsTyping(file) {
  file.byok = { ...(file.byok || {}), 'plan-openai': { name: 'Plan OpenAI', provider: 'openai', workspace: 'staging' } };
  file.destinations = {
    ...(file.destinations || {}),
    'plan-dd': { name: 'Plan Datadog', type: 'datadog', workspace: 'staging', config: { mlApp: 'plan-app' } },
  };
  return file;
}
const typedInput = (page, address, property) => page.locator(`#ora-plan-typed input[data-address="${address}"][data-property="${property}"]`);
const byokNamed = async (name) => (await api('GET', `/byok?workspace_id=${(await workspace('staging')).id}`)).json.data.filter((k) => k.name === name);
const destinationsNamed = async (name) => (await api('GET', `/observability/destinations?workspace_id=${(await workspace('staging')).id}`)).json.data.filter((d) => d.name === name);

for (const scheme of ['light', 'dark']) {
  test(`plan: the values an apply needs typed in are asked for, labelled, as password inputs: axe 0 (${scheme})`, async (t) => {
    await control('POST', 'reset');
    const { page } = await openPlan(t, { colorScheme: scheme });
    await setFile(page, needsTyping(await exported(page)));
    await plan(page);
    await page.waitForSelector('#ora-plan-typed');
    const key = typedInput(page, 'byok.plan-openai', 'key');
    const dd = typedInput(page, 'destinations.plan-dd', 'apiKey');
    assert.equal(await page.locator('#ora-plan-typed input').count(), 2, 'one input per value needed');
    for (const [input, label] of [[key, 'byok.plan-openai: provider key'], [dd, 'destinations.plan-dd: apiKey']]) {
      assert.equal(await input.getAttribute('type'), 'password');
      assert.equal(await input.getAttribute('autocomplete'), 'off');
      assert.equal(await page.locator(`label[for="${await input.getAttribute('id')}"]`).innerText(), label);
    }
    assert.match(await text(page, '#ora-plan-apply'), /2 values to type in/);
    await key.fill(PROVIDER_KEY);
    assert.match(await text(page, '#ora-plan-apply'), /1 value to type in/);
    assert.match(await text(page, '#ora-plan-missing'), /destinations\.plan-dd: apiKey/);
    assert.doesNotMatch(await text(page, '#ora-plan-missing'), /byok/);
    await assertAxe(page, `plan-typed-${scheme}`);
    await shot(page, `plan-typed-${scheme}`);
    // Leaving the view forgets what was typed.
    await page.evaluate(() => { location.hash = '#/overview'; });
    await page.waitForFunction(() => !document.querySelector('#ora-plan-text'));
    await page.evaluate(() => { location.hash = '#/plan'; });
    await page.waitForSelector('#ora-plan-text');
    assert.ok(!(await traces(page)).includes(PROVIDER_KEY), 'gone with the view');
  });
}

test('plan: with a value missing Apply sends nothing and names it; with both, each object is made once, even after a lost answer, and the values are nowhere after', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = needsTyping(await exported(page));
  await setFile(page, file);
  await plan(page);
  assert.match(await text(page, '#ora-plan-create'), /byok\.plan-openai[\s\S]*needs `key` typed in/);
  await typedInput(page, 'byok.plan-openai', 'key').fill(PROVIDER_KEY);
  // One missing: no confirmation, not one request, and the refusal names it.
  const since = await settled();
  await page.click('#ora-plan-apply');
  await page.waitForSelector('#ora-plan-errors');
  const missing = page.locator('#ora-plan-errors li[data-field="destinations.plan-dd.apiKey"]');
  assert.equal(await missing.count(), 1, await text(page, '#ora-plan-errors'));
  assert.equal(await missing.getAttribute('data-rule'), 'credentials');
  assert.match(await text(page, '#ora-plan-errors'), /Nothing was sent/);
  assert.equal(await page.locator('#ora-apply-confirm').count(), 0, 'no confirmation');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await control('GET', 'log')).requests.length, since, 'not one request');
  // Both typed in; the BYOK create's answer is lost after the sandbox made it.
  await typedInput(page, 'destinations.plan-dd', 'apiKey').fill(DD_API_KEY);
  assert.equal(await text(page, '#ora-plan-apply'), 'Apply…');
  await fault('POST', '/api/v1/byok', [{ commit_then_drop: true }]);
  const before = await settled();
  await apply(page, { double: true });
  const posts = (await writesSince(before)).filter((w) => w.method === 'POST');
  assert.equal(posts.filter((w) => w.path === '/api/v1/byok').length, 1, 'the lost create is not sent again');
  assert.equal(posts.filter((w) => w.path === '/api/v1/observability/destinations').length, 1, JSON.stringify(posts));
  assert.match(await logRow(page, 'byok.plan-openai'), /create\s+ok[\s\S]*answer was lost[\s\S]*found, made once/);
  assert.match(await logRow(page, 'destinations.plan-dd'), /create\s+ok/);
  const byok = await byokNamed('Plan OpenAI');
  assert.equal(byok.length, 1, 'exactly one BYOK credential');
  assert.equal(byok[0].label, 'sk-...0001', 'made with the key typed in');
  const dests = await destinationsNamed('Plan Datadog');
  assert.equal(dests.length, 1, 'exactly one destination');
  assert.equal(dests[0].config.apiKey, 'dd-...0002', 'made with the apiKey typed in');
  assert.equal(dests[0].config.mlApp, 'plan-app');
  // The ids go back into the file, and what is left plans empty.
  const bound = JSON.parse(await page.inputValue('#ora-plan-text'));
  assert.equal(bound.byok['plan-openai'].id, byok[0].id);
  assert.equal(bound.destinations['plan-dd'].id, dests[0].id);
  await page.waitForSelector('#ora-plan-empty');
  assert.equal(await page.locator('#ora-plan-typed').count(), 0, 'nothing left to type in');
  // The values typed in are nowhere: DOM and inputs, URL, storages, console, IndexedDB, journal, the plan's download.
  const values = [PROVIDER_KEY, DD_API_KEY];
  const page_ = await traces(page);
  for (const v of values) assert.ok(!page_.includes(v), 'not in the page');
  assert.ok(!consoleLines.some((l) => values.some((v) => l.includes(v))), 'not in the console');
  const stored = await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('openrouter-admin');
    open.onsuccess = () => {
      const all = open.result.transaction('applied-state').objectStore('applied-state').getAll();
      all.onsuccess = () => resolve(JSON.stringify(all.result));
    };
  }));
  assert.match(stored, /plan-openai/, 'the state was kept');
  for (const v of values) assert.ok(!stored.includes(v), 'not in IndexedDB');
  const fs = await import('node:fs/promises');
  const [journal] = await Promise.all([page.waitForEvent('download'), page.click('#ora-plan-journal')]);
  const lines = await fs.readFile(await journal.path(), 'utf8');
  assert.match(lines, /"address":"byok.plan-openai"/);
  for (const v of values) assert.ok(!lines.includes(v), 'not in the journal');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#ora-plan-download')]);
  const planText = await fs.readFile(await saved.path(), 'utf8');
  for (const v of values) assert.ok(!planText.includes(v), 'not in the plan');
  for (const v of values) assert.ok(!(await page.inputValue('#ora-plan-text')).includes(v), 'not in the file');
});

test('plan: a key the plan disables whose activity cannot be read says its count is unknown, and the plan stands', async (t) => {
  await control('POST', 'reset');
  const { page } = await openPlan(t);
  const file = await exported(page);
  file.keys['staging-nightly-evals'].disabled = true;
  await setFile(page, file);
  await fault('GET', '/api/v1/activity', [{ status: 403 }]);
  await plan(page);
  const key = await text(page, '#ora-plan [data-address="keys.staging-nightly-evals"]');
  assert.match(key, /requests in the last 7 days are unknown: the activity could not be read/, key);
  assert.equal(await page.locator('#ora-plan-errors').count(), 0, 'the plan is not refused');
});
