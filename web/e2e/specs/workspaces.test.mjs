// Workspaces: the table with search and sort in the URL, create, settings, delete.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import { assertAxe } from '../lib/axe.mjs';
import assert from 'node:assert/strict';
import { open, signIn, signedIn, go, text, shot } from '../lib/browser.mjs';
import { api, fault, clearFaults } from '../lib/sandbox.mjs';

test('workspaces: table, search and sort in the URL, deep link, back/forward', async (t) => {
  const { page } = await open(t, { hash: '#/workspaces?q=prod' });
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
    const { page } = await signedIn(t, { hash: '#/workspaces' });
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
  } finally {
    for (const id of made) await api('DELETE', `/workspaces/${id}`);
  }
});

test('create workspace: validated as you type, errors beside fields, then created', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/new' });
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
});

test('settings: a failed save keeps the form; only changed fields are sent', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/staging' });
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
  // Someone else changes another field underneath: no question, theirs is kept, ours is saved.
  await api('PATCH', `/workspaces/${ws.id}`, { default_text_model: 'openai/gpt-4.1' });
  // A save re-reads the workspace and builds the form again from it: typing into the old form
  // while that happens was this test's flake ("Changed by e2eMine"), so mark it and wait.
  await page.$eval('#ora-ws-description', (el) => { el.dataset.before = 'save'; });
  await page.click('#ora-save');
  await page.waitForFunction(() => /Saved/.test(document.querySelector('.ora-toasts')?.innerText ?? ''));
  await page.waitForFunction(() => {
    const el = document.querySelector('#ora-ws-description');
    return el && !el.dataset.before;
  });
  assert.equal(await page.locator('#ora-conflict').count(), 0, 'nobody else changed the description');
  let after = (await api('GET', '/workspaces/staging')).json.data;
  assert.equal(after.description, 'Changed by e2e');
  // Only the description was sent: the other writer's change survived.
  assert.equal(after.default_text_model, 'openai/gpt-4.1');
  assert.equal(after.name, 'Staging');
  // Both change the description: the page says whose is what and the user chooses.
  await page.waitForFunction(() => document.querySelector('#ora-ws-description')?.value === 'Changed by e2e');
  await api('PATCH', `/workspaces/${ws.id}`, { description: 'Theirs' });
  await page.fill('#ora-ws-description', 'Mine');
  await page.click('#ora-save');
  await page.waitForSelector('#ora-conflict');
  assert.match(await page.locator('#ora-conflict').innerText(), /The description is now “Theirs”, changed elsewhere since you opened it \(it was “Changed by e2e”; you are saving “Mine”\)/);
  await assertAxe(page, 'workspace-conflict');
  await shot(page, 'workspace-conflict');
  await page.click('#ora-conflict-overwrite');
  await page.waitForFunction(() => !document.querySelector('#ora-conflict'));
  for (let i = 0; i < 100 && after.description !== 'Mine'; i++) {
    await page.waitForTimeout(100);
    after = (await api('GET', '/workspaces/staging')).json.data;
  }
  assert.equal(after.description, 'Mine');
  assert.equal(after.default_text_model, 'openai/gpt-4.1');
});

test('delete: blocked by active keys says so and links to them; the Default workspace warns first', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/production' });
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
  // Today's API lets the Default workspace go, with a confirmation: the page says what it
  // destroys before the button, not only inside the dialog.
  const warning = await text(page, '#ora-default-warning');
  assert.match(warning, /permanently disables every API key in it/);
  assert.match(warning, /Management keys are kept/);
  assert.equal(await text(page, '#ora-delete-ws'), 'Delete the Default workspace');
});

test('delete: a workspace without active keys goes after typing its name', async (t) => {
  const made = await api('POST', '/workspaces', { name: 'Doomed', slug: 'doomed' });
  assert.equal(made.status, 201);
  const { page } = await signedIn(t, { hash: '#/workspaces/doomed' });
  await page.click('#ora-delete-ws');
  await page.fill('#ora-confirm-name', 'Doomed');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => location.hash === '#/workspaces');
  assert.equal((await api('GET', '/workspaces/doomed')).status, 404);
});

test('settings: server tools turned off are saved, kept when unknown, and cleared', async (t) => {
  // A tool newer than this page, set through the API, must survive a save of other fields.
  const set = await api('PATCH', '/workspaces/staging', { disabled_server_tools: ['openrouter:bash'] });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  const { page } = await signedIn(t, { hash: '#/workspaces/staging' });
  await page.waitForSelector('#ora-ws-tools');
  const boxes = page.locator('#ora-ws-tools input[type=checkbox]');
  assert.equal(await boxes.count(), 12);
  const bash = page.locator('#ora-ws-tools label', { hasText: 'bash' }).locator('input');
  assert.ok(await bash.isChecked());
  await page.locator('#ora-ws-tools label', { hasText: 'web_search' }).locator('input').check();
  await page.locator('#ora-ws-tools label', { hasText: 'shell' }).locator('input').check();
  await page.click('#ora-save');
  let after;
  for (let i = 0; i < 50; i++) {
    after = (await api('GET', '/workspaces/staging')).json.data.disabled_server_tools;
    if (after && after.length === 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual([...after].sort(), ['openrouter:bash', 'openrouter:shell', 'openrouter:web_search']);
  await shot(page, 'workspace-server-tools');
  // Unchecking every tool clears the list (null), as the API documents.
  for (const name of ['bash', 'web_search', 'shell']) {
    await page.locator('#ora-ws-tools label', { hasText: name }).locator('input').uncheck();
  }
  await page.click('#ora-save');
  for (let i = 0; i < 50; i++) {
    after = (await api('GET', '/workspaces/staging')).json.data.disabled_server_tools;
    if (!after || after.length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(!after || after.length === 0, JSON.stringify(after));
});

test('delete the Default workspace: refused without the confirmation, done with it', async (t) => {
  const before = (await api('GET', '/workspaces/default')).json.data;
  const keys = (await api('GET', `/keys?workspace_id=${before.id}`)).json.data;
  const live = keys.find((k) => !k.disabled);
  assert.ok(live, 'the seed has a live key in the Default workspace');
  // The API itself refuses without the flag, and nothing changes.
  const refused = await api('DELETE', '/workspaces/default');
  assert.equal(refused.status, 403);
  assert.equal((await api('GET', '/workspaces/default')).status, 200);

  const { page } = await signedIn(t, { hash: '#/workspaces/default' });
  await page.click('#ora-delete-ws');
  const dialog = await text(page, 'dialog.ora-dialog');
  assert.match(dialog, /Delete the Default workspace/);
  assert.match(dialog, /permanently disables every API key in it/);
  await page.fill('#ora-confirm-name', 'Defaul');
  assert.ok(await page.isDisabled('#ora-confirm'));
  await shot(page, 'workspace-delete-default');
  await page.fill('#ora-confirm-name', before.name);
  await page.click('#ora-confirm');
  await page.waitForFunction(() => location.hash === '#/workspaces');
  await page.waitForSelector('#ora-ws-table');
  // Afterwards: gone from the API and the list, its keys disabled for good, the management
  // key (this test's own calls) still works.
  assert.equal((await api('GET', '/workspaces/default')).status, 404);
  await page.waitForFunction(() => ![...document.querySelectorAll('#ora-ws-table tbody td:nth-child(2)')].some((td) => td.textContent.trim() === 'default'));
  const key = await api('GET', `/keys/${live.hash}`);
  assert.equal(key.status, 200);
  assert.equal(key.json.data.disabled, true);
  await shot(page, 'workspaces-after-default-deleted');
});
