// All keys draws its table from the organization snapshot's first stage (workspaces and their
// keys) and fills its findings column when the second stage (members, credits, activity, the
// budgets of workspaces that spend, some keys' activity) has found them. Here the second stage
// is held on GET /credits, a read only the findings need: the table is there and usable, the
// column and the finding filter say the findings are being read; after the release they appear.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, go, text, shot } from '../lib/browser.mjs';
import { assertAxe } from '../lib/axe.mjs';
import { api, control, fault, clearFaults, release, waitHeld, logLength } from '../lib/sandbox.mjs';

const count = (page) => text(page, '#ora-allkeys-count');

test('all keys: the table is shown and usable while its findings are read, then they appear', { timeout: 120000 }, async (t) => {
  // A key of the demo with no limit: its row says "no limit" once the findings are in.
  const ws = (await api('GET', '/workspaces/support-bot')).json.data;
  const name = `e2e-pending-${Date.now()}`;
  const made = await api('POST', '/keys', { workspace_id: ws.id, name });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  let total = 0;
  for (const w of (await api('GET', '/workspaces?limit=100')).json.data) {
    total += (await api('GET', `/keys?workspace_id=${w.id}&include_disabled=true`)).json.data.length;
  }
  const since = await logLength();
  await fault('GET', '/api/v1/credits', [{ hold: true }]);
  t.after(clearFaults);
  const { page } = await signedIn(t, { hash: '#/keys' });
  await waitHeld('GET', '/api/v1/credits', since);

  // Every key is listed, with the findings still being read.
  await page.waitForSelector('#ora-allkeys-table tbody tr a', { timeout: 30000 });
  assert.equal(await count(page), `${total} of ${total} keys`);
  const cells = page.locator('#ora-allkeys-table tbody td.ora-findings-cell');
  assert.ok((await cells.count()) > 0);
  assert.deepEqual([...new Set(await cells.allInnerTexts())], ['Reading…']);
  assert.ok(await page.locator('#ora-allkeys-finding').isDisabled(), 'no finding filter without findings');
  assert.match(await text(page, '#ora-org-progress'), /^Reading findings: members, credits, activity: [0-2] of 3/);
  await assertAxe(page, 'all-keys-findings-pending');
  await shot(page, 'all-keys-findings-pending');

  // Usable meanwhile: the search, a sort, a key's link.
  await page.fill('#ora-allkeys-search', name);
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-count').textContent.startsWith('1 of'));
  const row = page.locator('#ora-allkeys-table tbody tr:has(a)');
  assert.equal(await row.locator('td').nth(0).innerText(), name);
  assert.equal(await row.locator('td.ora-findings-cell').innerText(), 'Reading…');
  await page.click('#ora-allkeys-table th:nth-child(6) button');
  await page.waitForFunction(() => location.hash.includes('sort=spend'));
  assert.equal(await row.locator('td').nth(0).innerText(), name);
  // Nothing of the second stage was answered all this while: it is still held.
  const held = (await control('GET', 'log')).requests.slice(since);
  assert.ok(held.some((r) => r.path === '/api/v1/credits' && r.status === null), 'credits still held');
  assert.ok(!held.some((r) => r.path.endsWith('/budgets')), 'no budgets before credits and activity');

  // Released: the findings fill the column and the filter, with no read of the keys again.
  const keysRead = held.filter((r) => r.path === '/api/v1/keys').length;
  await release();
  await page.waitForFunction(() => document.querySelector('#ora-allkeys-table tbody td.ora-findings-cell')?.textContent.includes('no limit'), null, { timeout: 30000 });
  assert.match(await row.locator('td.ora-findings-cell').innerText(), /no limit/);
  assert.ok(!(await page.locator('#ora-allkeys-finding').isDisabled()));
  await page.waitForFunction(() => !document.querySelector('#ora-org-progress'), null, { timeout: 30000 });
  assert.match(await text(page, '#ora-allkeys-findings'), /^\d+ findings$/);
  await page.fill('#ora-allkeys-search', '');
  await page.selectOption('#ora-allkeys-finding', 'no_limit');
  await page.waitForFunction((n) => {
    const c = document.querySelector('#ora-allkeys-count').textContent;
    return !c.startsWith(`${n} of`) && !c.startsWith('0 of');
  }, total);
  const after = (await control('GET', 'log')).requests.slice(since);
  assert.equal(after.filter((r) => r.path === '/api/v1/keys').length, keysRead, 'the keys were not read again');
  await api('DELETE', `/keys/${made.json.data.hash}`);

  // The Overview takes the same read: its findings come with nothing read again.
  const before = await logLength();
  await go(page, '#/overview');
  await page.waitForSelector('#ora-findings', { timeout: 30000 });
  assert.deepEqual((await control('GET', 'log')).requests.slice(before).filter((r) => /credits|budgets|activity|members/.test(r.path)), []);
});
