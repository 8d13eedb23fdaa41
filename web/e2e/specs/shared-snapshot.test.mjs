// One organization read serves the Overview and All keys (pages/overview/org.rs): moving
// between them reads nothing; a write anywhere makes the next view read again; so does signing
// out and in. Counted in the sandbox's request log.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, signIn, go } from '../lib/browser.mjs';
import { api, control, settled } from '../lib/sandbox.mjs';

const log = async () => (await control('GET', 'log')).requests;

const since = async (from) => (await log()).slice(from).map((r) => `${r.method} ${r.path}`);

test('Overview and All keys share one read of the organization', { timeout: 120000 }, async (t) => {
  const { page } = await signedIn(t, { hash: '#/overview' });
  await page.waitForSelector('#ora-findings', { timeout: 60000 });
  let from = await settled();
  // The organization was read once for the Overview: its workspaces list among it.
  const total = (await api('GET', '/workspaces?limit=100')).json.total_count;
  await go(page, '#/keys');
  await page.waitForSelector('#ora-allkeys-table tbody tr a', { timeout: 30000 });
  const keys = await page.locator('#ora-allkeys-count').innerText();
  assert.match(keys, /^\d+ of \d+ keys$/);
  let reads = await since(from);
  t.diagnostic(`All keys after the Overview: ${reads.length} requests: ${reads.join(', ')}`);
  // The organization's snapshot reads each workspace's keys, budgets, members, credits and
  // activity: none of them again. (A lone GET /workspaces was seen here once; not the snapshot.)
  const snapshot = (r) => /\/(keys|budgets|organization\/members|credits|activity)/.test(r);
  assert.deepEqual(reads.filter(snapshot), [], 'All keys reads nothing of the snapshot the Overview read');
  assert.ok(reads.length <= 1, reads.join(', '));
  from = await settled();
  await go(page, '#/overview');
  await page.waitForSelector('#ora-findings', { timeout: 30000 });
  reads = await since(from);
  t.diagnostic(`the Overview again: ${reads.length} requests: ${reads.join(', ')}`);
  assert.deepEqual(reads.filter(snapshot), [], 'back to the Overview: the snapshot is not read again');
  // A write (a key's name saved on its page) makes the next view read the organization again.
  const ws = (await api('GET', '/workspaces/staging')).json.data;
  const key = (await api('POST', '/keys', { name: `shared-${Date.now()}`, workspace_id: ws.id, limit: 5 })).json.data;
  await go(page, `#/keys/${key.hash}`);
  await page.waitForSelector('#ora-edit-name');
  await page.fill('#ora-edit-name', `${key.name}-x`);
  await page.click('#ora-key-save');
  await page.waitForFunction((n) => document.querySelector('h1')?.innerText.includes(n), `${key.name}-x`);
  from = await settled();
  await go(page, '#/keys');
  await page.waitForFunction((n) => document.querySelector('#ora-allkeys-table')?.innerText.includes(n), `${key.name}-x`, { timeout: 60000 });
  reads = await since(from);
  t.diagnostic(`All keys after a write: ${reads.length} requests`);
  assert.ok(reads.includes('GET /api/v1/workspaces'), 'the organization read again after the write');
  assert.ok(total > 0);
  // Sign out and in again: read anew, not from the last session.
  from = await settled();
  await page.click('#ora-lock');
  await signIn(page);
  await go(page, '#/keys');
  await page.waitForSelector('#ora-allkeys-table tbody tr a', { timeout: 60000 });
  assert.ok((await since(from)).includes('GET /api/v1/workspaces'), 'a new session reads again');
});
