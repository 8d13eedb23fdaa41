// Guardrails on the page: the workspace's Guardrails tab (create, edit, delete, the default
// marked, what each governs with assign and unassign), a key's guardrail and its effective
// restrictions on the key's page, and the keys table's guardrail column and bulk assign.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot, go } from '../lib/browser.mjs';
import { assertAxe } from '../lib/axe.mjs';
import { api, control, fault } from '../lib/sandbox.mjs';

const workspace = async (slug) => (await api('GET', `/workspaces/${slug}`)).json.data;
const guardrailsIn = async (ws) => (await api('GET', `/guardrails?workspace_id=${ws.id}&limit=100`)).json.data;
const keysIn = async (ws) => (await api('GET', `/keys?workspace_id=${ws.id}`)).json.data;
const assignedKeys = async (id) => (await api('GET', `/guardrails/${id}/assignments/keys?limit=100`)).json.data;
const log = async () => (await control('GET', 'log')).requests;

test('guardrails: create one limiting a key to one model, then see it and what the key can do on its page', async (t) => {
  const ws = await workspace('research');
  const key = (await keysIn(ws))[0];
  const { page } = await signedIn(t, { hash: '#/workspaces/research/guardrails' });
  await page.waitForSelector('#ora-guardrail-table');
  // The default guardrail is listed first and marked, even before it is written.
  assert.match(await text(page, '#ora-gr-default-row'), /Default/);
  await page.click('#ora-new-guardrail');
  await page.fill('#ora-gr-name', 'One model only');
  await page.fill('#ora-gr-models', 'openai/gpt-4o-mini');
  await page.check('#ora-gr-region-europe');
  await page.click('#ora-gr-save');
  await page.waitForFunction(() => document.querySelector('#ora-guardrail-table')?.innerText.includes('One model only'));
  const made = (await guardrailsIn(ws)).find((g) => g.name === 'One model only');
  assert.deepEqual(made.allowed_models, ['openai/gpt-4o-mini']);
  assert.deepEqual(made.allowed_data_regions, ['europe']);
  assert.equal(made.limit_usd, null);
  // Assign the key from the guardrail's own panel.
  await page.click('#ora-guardrail-table a:has-text("One model only")');
  await page.waitForSelector('#ora-governs');
  await page.click('#ora-gr-assign-keys');
  await page.fill('#ora-picker-search', key.name);
  await page.check(`.ora-picker label:has-text("${key.name}") input`);
  await page.click('#ora-picker-add');
  await page.waitForSelector('#ora-gr-results');
  assert.match(await text(page, '#ora-gr-results'), new RegExp(`${key.name}: assigned`));
  await page.waitForFunction((n) => document.querySelector('#ora-gr-key-table')?.innerText.includes(n), key.name);
  assert.deepEqual((await assignedKeys(made.id)).map((a) => a.key_hash), [key.hash]);
  await shot(page, 'guardrails-governs');
  // The key's page names its guardrail and what the key can do.
  await go(page, `#/keys/${key.hash}`);
  await page.waitForSelector('#ora-effective-models');
  assert.equal(await page.inputValue('#ora-key-guardrail-select'), made.id);
  assert.equal(await text(page, '#ora-effective-models'), 'openai/gpt-4o-mini');
  assert.equal(await text(page, '#ora-effective-data-regions'), 'europe');
  await shot(page, 'guardrails-key');
});

test('guardrails: the key page changes a key\'s guardrail, and the effective restrictions intersect it with the workspace default', async (t) => {
  const ws = await workspace('staging');
  const key = (await keysIn(ws))[0];
  // The workspace default allows two models and a $50 monthly limit; the key's guardrail one of them and $20.
  const def = await api('PATCH', `/guardrails/${ws.default_guardrail_id}`, {
    allowed_models: ['openai/gpt-4o', 'openai/gpt-4o-mini'], limit_usd: 50, reset_interval: 'monthly',
  });
  assert.equal(def.status, 200, JSON.stringify(def.json));
  const own = await api('POST', '/guardrails', {
    name: 'Mini at $20', workspace_id: ws.id, allowed_models: ['openai/gpt-4o-mini', 'anthropic/claude-3.5-sonnet'],
    limit_usd: 20, reset_interval: 'daily', enforce_zdr_openai: true,
  });
  assert.equal(own.status, 201, JSON.stringify(own.json));
  const { page } = await signedIn(t, { hash: `#/keys/${key.hash}` });
  await page.waitForSelector('#ora-key-guardrail-select');
  assert.equal(await text(page, '#ora-effective-models'), 'openai/gpt-4o, openai/gpt-4o-mini');
  await page.selectOption('#ora-key-guardrail-select', own.json.data.id);
  await page.click('#ora-key-guardrail-save');
  await page.waitForFunction(() => document.querySelector('#ora-effective-models')?.textContent === 'openai/gpt-4o-mini');
  assert.deepEqual((await assignedKeys(own.json.data.id)).map((a) => a.key_hash), [key.hash]);
  assert.match(await text(page, '#ora-effective-spend-limit'), /\$20\.00 per day/);
  assert.match(await text(page, '#ora-effective-zero-data-retention'), /OpenAI/);
  await assertAxe(page, 'key page with a guardrail');
  // Back to none: the workspace default alone applies.
  await page.selectOption('#ora-key-guardrail-select', '');
  await page.click('#ora-key-guardrail-save');
  await page.waitForFunction(() => document.querySelector('#ora-effective-models')?.textContent === 'openai/gpt-4o, openai/gpt-4o-mini');
  assert.deepEqual(await assignedKeys(own.json.data.id), []);
});

test('guardrails: bulk assign to three keys with one failing: 2 done, 1 failed, nothing lost', async (t) => {
  const ws = await workspace('production');
  const g = (await api('POST', '/guardrails', { name: 'Bulk target', workspace_id: ws.id, allowed_providers: ['openai'] })).json.data;
  const { page } = await signedIn(t, { hash: '#/workspaces/production/keys' });
  await page.waitForSelector('#ora-key-table tbody tr a');
  const rows = page.locator('#ora-key-table tbody tr:has(a)');
  const names = [];
  const hashes = [];
  for (let i = 0; i < 3; i += 1) {
    names.push(await rows.nth(i).locator('a').innerText());
    hashes.push(decodeURIComponent((await rows.nth(i).locator('a').getAttribute('href')).split('/')[2]));
    await rows.nth(i).locator('input[type=checkbox]').check();
  }
  // The page sends the three keys in one request, in the workspace's list order. The API
  // refuses a request whole (400) for one key it will not take; the client then sends each
  // key alone. So: the whole request refused, the first key through, the second refused.
  const order = (await keysIn(ws)).map((k) => k.hash).filter((h) => hashes.includes(h));
  const failing = order[1];
  await fault('POST', `/api/v1/guardrails/${g.id}/assignments/keys`, [
    { status: 400, body: JSON.stringify({ error: { code: 400, message: 'key_hashes: a key is not in this workspace' } }) },
    { delay_ms: 0 },
    { status: 400, body: JSON.stringify({ error: { code: 400, message: 'key_hashes: this key cannot hold a guardrail' } }) },
  ]);
  await page.selectOption('#ora-bulk-guardrail', g.id);
  await page.click('#ora-bulk-guardrail-set');
  await page.waitForSelector('#ora-bulk-results', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('#ora-bulk-heading')?.textContent.length > 0);
  const results = await text(page, '#ora-bulk-results');
  assert.equal(await text(page, '#ora-bulk-heading'), '1 of 3 failed');
  for (let i = 0; i < 3; i += 1) {
    const want = hashes[i] === failing ? 'failed: key_hashes: this key cannot hold a guardrail' : 'assigned to “Bulk target”';
    assert.ok(results.includes(`${names[i]}: ${want}`), `${names[i]}: ${want}\n${results}`);
  }
  // Nothing lost: the two are assigned, the third is not, and the table says so.
  const assigned = (await assignedKeys(g.id)).map((a) => a.key_hash).sort();
  assert.deepEqual(assigned, hashes.filter((h) => h !== failing).sort());
  await page.waitForFunction((n) => [...document.querySelectorAll('#ora-key-table tbody tr')]
    .filter((tr) => tr.innerText.includes('Bulk target')).length === n, 2);
  await shot(page, 'guardrails-bulk-results');
  await assertAxe(page, 'keys table with the bulk bar');
});

test('guardrails: bad input names the field and keeps the form; a second click on save creates one', async (t) => {
  const ws = await workspace('data-labeling');
  const { page } = await signedIn(t, { hash: '#/workspaces/data-labeling/guardrails' });
  await page.waitForSelector('#ora-guardrail-table');
  await page.click('#ora-new-guardrail');
  await page.fill('#ora-gr-name', 'Capped');
  await page.fill('#ora-gr-models', 'openai/gpt-4o');
  await page.fill('#ora-gr-limit', 'ten dollars');
  const before = (await log()).length;
  await page.click('#ora-gr-save');
  await page.waitForFunction(() => document.querySelector('#ora-gr-limit-error')?.textContent.length > 0);
  assert.match(await text(page, '#ora-gr-limit-error'), /limit/i);
  assert.equal(await page.getAttribute('#ora-gr-limit', 'aria-invalid'), 'true');
  // A limit without its reset interval: named too.
  await page.fill('#ora-gr-limit', '10');
  await page.waitForFunction(() => document.querySelector('#ora-gr-reset-error')?.textContent.length > 0);
  assert.match(await text(page, '#ora-gr-reset-error'), /reset/i);
  assert.ok(!(await log()).slice(before).some((r) => r.method === 'POST'), 'nothing sent while the form is wrong');
  // The form kept what was typed.
  assert.equal(await page.inputValue('#ora-gr-name'), 'Capped');
  assert.equal(await page.inputValue('#ora-gr-models'), 'openai/gpt-4o');
  await shot(page, 'guardrails-form-error');
  await assertAxe(page, 'guardrail form with errors');
  // Slow answer: a second click while the first save runs does not create a second guardrail.
  await page.selectOption('#ora-gr-reset', 'weekly');
  await fault('POST', '/api/v1/guardrails', [{ delay_ms: 1500 }]);
  await page.click('#ora-gr-save');
  await page.click('#ora-gr-save', { force: true }).catch(() => {});
  await page.evaluate(() => document.querySelector('#ora-gr-save')?.closest('form')?.requestSubmit());
  await page.waitForFunction(() => !document.querySelector('#ora-gr-save'));
  await page.waitForFunction(() => document.querySelector('#ora-guardrail-table')?.innerText.includes('Capped'));
  const capped = (await guardrailsIn(ws)).filter((g) => g.name === 'Capped');
  assert.equal(capped.length, 1);
  assert.equal(capped[0].limit_usd, 10);
  assert.equal(capped[0].reset_interval, 'weekly');
});

test('guardrails: edit, unassign, the default set up from the tab, delete with its name typed', async (t) => {
  const ws = await workspace('research');
  const key = (await keysIn(ws))[1];
  const g = (await api('POST', '/guardrails', { name: 'Edit me', workspace_id: ws.id, allowed_providers: ['openai'] })).json.data;
  await api('POST', `/guardrails/${g.id}/assignments/keys`, { key_hashes: [key.hash] });
  const { page } = await signedIn(t, { hash: `#/workspaces/research/guardrails?guardrail=${g.id}` });
  await page.waitForSelector('#ora-gr-key-table');
  await page.check(`#ora-gr-key-table tr:has-text("${key.name}") input`);
  await page.click('#ora-gr-unassign-keys');
  await page.waitForFunction(() => document.querySelector('#ora-gr-results')?.innerText.includes('unassigned'));
  assert.deepEqual(await assignedKeys(g.id), []);
  // A member, through the picker of the workspace's members.
  await page.click('#ora-gr-assign-members');
  await page.fill('#ora-picker-search', 'Hopper');
  await page.check('.ora-picker label:has-text("Grace Hopper") input');
  await page.click('#ora-picker-add');
  await page.waitForFunction(() => document.querySelector('#ora-gr-member-table')?.innerText.includes('Grace Hopper'));
  assert.equal(await text(page, '#ora-gr-results-head'), 'Assigned');
  const members = (await api('GET', `/guardrails/${g.id}/assignments/members`)).json.data;
  assert.equal(members.length, 1);
  // The count in the table follows.
  await page.waitForFunction(() => document.querySelector('#ora-guardrail-table')?.innerText.includes('0 keys, 1 member'));
  await page.click('#ora-guardrail-table tr:has-text("Edit me") .ora-gr-edit');
  await page.fill('#ora-gr-providers', 'openai\nanthropic');
  await page.check('#ora-gr-zdr-anthropic');
  const before = (await log()).length;
  await page.click('#ora-gr-save');
  await page.waitForFunction(() => document.querySelector('#ora-guardrail-table')?.innerText.includes('anthropic'));
  const edited = (await api('GET', `/guardrails/${g.id}`)).json.data;
  assert.deepEqual(edited.allowed_providers, ['openai', 'anthropic']);
  assert.equal(edited.enforce_zdr_anthropic, true);
  assert.equal(edited.name, 'Edit me');
  assert.equal((await log()).slice(before).filter((r) => r.method === 'PATCH').length, 1);
  // The default guardrail: set up from its row.
  await page.click('#ora-gr-default-edit');
  assert.equal(await page.locator('#ora-gr-name').count(), 0, 'a default guardrail\'s name is the API\'s');
  await page.fill('#ora-gr-models', 'openai/gpt-4o');
  await assertAxe(page, 'default guardrail dialog');
  await page.click('#ora-gr-save');
  await page.waitForFunction(() => document.querySelector('#ora-gr-default-row')?.innerText.includes('openai/gpt-4o'));
  assert.deepEqual((await api('GET', `/guardrails/${ws.default_guardrail_id}`)).json.data.allowed_models, ['openai/gpt-4o']);
  // Delete asks for the name.
  await page.click('#ora-guardrail-table tr:has-text("Edit me") .ora-gr-delete');
  assert.ok(await page.isDisabled('#ora-confirm'));
  await page.fill('#ora-confirm-name', 'Edit me');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => !document.querySelector('#ora-guardrail-table')?.innerText.includes('Edit me'));
  assert.equal((await api('GET', `/guardrails/${g.id}`)).status, 404);
});

for (const scheme of ['light', 'dark']) {
  test(`guardrails: axe 0 violations on every new view (${scheme})`, async (t) => {
    const ws = await workspace('production');
    const g = (await api('POST', '/guardrails', { name: `Axe ${scheme}`, workspace_id: ws.id, allowed_models: ['openai/gpt-4o'] })).json.data;
    const key = (await keysIn(ws))[0];
    await api('POST', `/guardrails/${g.id}/assignments/keys`, { key_hashes: [key.hash] });
    const { page } = await signedIn(t, { hash: '#/workspaces/production/guardrails', colorScheme: scheme });
    await page.waitForSelector('#ora-guardrail-table');
    await assertAxe(page, `guardrails tab (${scheme})`);
    await shot(page, `guardrails-tab-${scheme}`);
    await page.click('#ora-new-guardrail');
    await page.waitForSelector('#ora-gr-name');
    await assertAxe(page, `new guardrail dialog (${scheme})`);
    await shot(page, `guardrails-dialog-${scheme}`);
    await page.keyboard.press('Escape');
    await page.click(`#ora-guardrail-table a:has-text("Axe ${scheme}")`);
    await page.waitForSelector('#ora-gr-key-table');
    await assertAxe(page, `what a guardrail governs (${scheme})`);
    await page.click('#ora-gr-assign-members');
    await page.waitForSelector('#ora-picker-search');
    await assertAxe(page, `assign members picker (${scheme})`);
    await page.keyboard.press('Escape');
    await go(page, `#/keys/${key.hash}`);
    await page.waitForSelector('#ora-effective-models');
    await assertAxe(page, `key page with its guardrail (${scheme})`);
    await shot(page, `guardrails-key-${scheme}`);
    await go(page, '#/workspaces/production/keys');
    await page.waitForSelector('#ora-key-table tbody tr a');
    await page.locator('#ora-key-table tbody tr:has(a) input[type=checkbox]').first().check();
    await page.waitForSelector('#ora-bulk-guardrail');
    await assertAxe(page, `keys table with the guardrail column and bulk assign (${scheme})`);
    await shot(page, `guardrails-keys-${scheme}`);
  });
}

// The editor edits every field the API has: each set through the dialog and read back through
// the API, then each cleared again (a list or a flag emptied is `null`, no restriction).
test('guardrails: the editor sets and clears every field, read back through the API', async (t) => {
  const ws = await workspace('research');
  const g = (await api('POST', '/guardrails', { name: `Every field ${Date.now()}`, workspace_id: ws.id })).json.data;
  const read = async () => (await api('GET', `/guardrails/${g.id}`)).json.data;
  const { page } = await signedIn(t, { hash: '#/workspaces/research/guardrails' });
  const edit = async () => {
    await page.waitForSelector(`#ora-guardrail-table tr:has-text("${g.name}") .ora-gr-edit`);
    await page.click(`#ora-guardrail-table tr:has-text("${g.name}") .ora-gr-edit`);
    await page.waitForSelector('#ora-gr-description');
  };
  const saved = async (check) => {
    const before = (await log()).length;
    await page.click('#ora-gr-save');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    for (let i = 0; i < 50 && !check(await read()); i++) await page.waitForTimeout(100);
    assert.equal((await log()).slice(before).filter((r) => r.method === 'PATCH').length, 1, 'one update');
    return read();
  };

  await edit();
  await page.fill('#ora-gr-name', `${g.name} renamed`);
  await page.fill('#ora-gr-description', 'Every field, set from the page');
  await page.fill('#ora-gr-limit', '25.5');
  await page.selectOption('#ora-gr-reset', 'monthly');
  await page.check('#ora-gr-byok');
  await page.fill('#ora-gr-models', 'openai/gpt-4o\nanthropic/claude-3.5-sonnet');
  await page.fill('#ora-gr-providers', 'openai, anthropic');
  await page.fill('#ora-gr-ignored-models', 'openai/gpt-4o-mini');
  await page.fill('#ora-gr-ignored-providers', 'deepinfra');
  await page.check('#ora-gr-region-us');
  await page.check('#ora-gr-zdr-openai');
  await page.check('#ora-gr-zdr-other');
  await page.selectOption('#ora-gr-filter-email', 'redact');
  await page.selectOption('#ora-gr-filter-secrets', 'block');
  await page.selectOption('#ora-gr-filter-regex-prompt-injection', 'flag');
  await page.selectOption('#ora-gr-scan-scope', 'user_only');
  await page.fill('#ora-gr-custom-filters', 'block (?i)project-zeus\nredact \\d{4}-\\d{4}');
  await page.selectOption('#ora-gr-free-publication', 'no');
  await page.selectOption('#ora-gr-free-training', 'no');
  await page.selectOption('#ora-gr-paid-training', 'yes');
  await assertAxe(page, 'guardrail-every-field');
  await shot(page, 'guardrail-every-field');
  let now = await saved((x) => x.description !== null && x.description !== undefined);
  assert.equal(now.name, `${g.name} renamed`);
  assert.equal(now.description, 'Every field, set from the page');
  assert.equal(now.limit_usd, 25.5);
  assert.equal(now.reset_interval, 'monthly');
  assert.equal(now.include_byok_in_budgets, true);
  assert.deepEqual(now.allowed_models, ['openai/gpt-4o', 'anthropic/claude-3.5-sonnet']);
  assert.deepEqual(now.allowed_providers, ['openai', 'anthropic']);
  assert.deepEqual(now.ignored_models, ['openai/gpt-4o-mini']);
  assert.deepEqual(now.ignored_providers, ['deepinfra']);
  assert.deepEqual(now.allowed_data_regions, ['us']);
  assert.equal(now.enforce_zdr_openai, true);
  assert.equal(now.enforce_zdr_other, true);
  assert.notEqual(now.enforce_zdr_anthropic, true);
  const builtins = Object.fromEntries(now.content_filter_builtins.map((f) => [f.slug, f]));
  assert.deepEqual(Object.keys(builtins).sort(), ['email', 'regex-prompt-injection', 'secrets']);
  assert.equal(builtins.email.action, 'redact');
  assert.equal(builtins.secrets.action, 'block');
  assert.equal(builtins['regex-prompt-injection'].action, 'flag');
  assert.equal(builtins['regex-prompt-injection'].scan_scope, 'user_only');
  assert.deepEqual(now.content_filters.map((f) => [f.action, f.pattern]), [['block', '(?i)project-zeus'], ['redact', '\\d{4}-\\d{4}']]);
  assert.equal(now.enable_free_model_publication, false);
  assert.equal(now.enable_free_model_training, false);
  assert.equal(now.enable_paid_model_training, true);

  // The form opened again shows what the API has; clearing each field clears it there.
  await edit();
  assert.equal(await page.inputValue('#ora-gr-limit'), '25.5');
  assert.equal(await page.inputValue('#ora-gr-filter-secrets'), 'block');
  assert.equal(await page.inputValue('#ora-gr-paid-training'), 'yes');
  await page.fill('#ora-gr-description', '');
  await page.fill('#ora-gr-limit', '');
  await page.selectOption('#ora-gr-reset', '');
  await page.uncheck('#ora-gr-byok');
  for (const id of ['models', 'providers', 'ignored-models', 'ignored-providers', 'custom-filters']) await page.fill(`#ora-gr-${id}`, '');
  await page.uncheck('#ora-gr-region-us');
  await page.uncheck('#ora-gr-zdr-openai');
  for (const slug of ['email', 'secrets', 'regex-prompt-injection']) await page.selectOption(`#ora-gr-filter-${slug}`, '');
  for (const id of ['free-publication', 'free-training', 'paid-training']) await page.selectOption(`#ora-gr-${id}`, '');
  now = await saved((x) => x.limit_usd == null);
  for (const field of ['description', 'limit_usd', 'reset_interval', 'allowed_models', 'allowed_providers', 'ignored_models', 'ignored_providers',
    'allowed_data_regions', 'content_filter_builtins', 'content_filters', 'enable_free_model_publication', 'enable_free_model_training', 'enable_paid_model_training']) {
    assert.ok(now[field] == null, `${field} cleared: ${JSON.stringify(now[field])}`);
  }
  assert.equal(now.include_byok_in_budgets, false);
  assert.equal(now.enforce_zdr_openai, false);
  assert.equal(now.enforce_zdr_other, true, 'a switch left alone stays');
});
