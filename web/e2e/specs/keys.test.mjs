// API keys: create with the secret shown once, the key page, search/sort/bulk/export.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { signedIn, text, shot } from '../lib/browser.mjs';
import { api, fault, clearFaults } from '../lib/sandbox.mjs';

test('keys: create shows the secret once, cannot be dismissed by accident, forgets it', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/research/keys' });
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
});

test('key page: edit, disable/enable, rotate, delete with confirmation', async (t) => {
  const ws = (await api('GET', '/workspaces/research')).json.data;
  const made = await api('POST', '/keys', { name: 'e2e-rotate', workspace_id: ws.id, limit: 10 });
  const hash = made.json.data.hash;
  const { page } = await signedIn(t, { hash: `#/keys/${hash}` });
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
});

test('keys: search, sort, include-disabled switch, bulk disable with one failure, export', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/production/keys' });
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
});

test('keys: bulk set limit and bulk delete with typed confirmation', async (t) => {
  const ws = (await api('GET', '/workspaces/data-labeling')).json.data;
  for (const n of ['bulk-a', 'bulk-b']) await api('POST', '/keys', { name: n, workspace_id: ws.id });
  const { page } = await signedIn(t, { hash: '#/workspaces/data-labeling/keys?q=bulk-' });
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
});

test('key page: a key made for a partner\'s end user shows its external user', async (t) => {
  const made = await api('POST', '/keys', {
    name: 'Partner e2e', workspace_id: (await api('GET', '/workspaces/production')).json.data.id,
    external: { user: 'customer-4711', api_key: 'p'.repeat(40) },
  });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  assert.equal(made.json.data.external_user, 'customer-4711');
  assert.ok(!JSON.stringify(made.json).includes('p'.repeat(40)), 'the partner key is never answered');
  const { page } = await signedIn(t, { hash: `#/keys/${made.json.data.hash}` });
  await page.waitForSelector('#ora-external-user');
  assert.equal(await text(page, '#ora-external-user'), 'customer-4711');
});
