// A large organization: 10,000 keys in one workspace, on the second sandbox (ORA_LARGE_URL).
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, signIn, shot } from '../lib/browser.mjs';
import { LARGE } from '../lib/sandbox.mjs';

test('large org: 10,000 keys, at most ~200 rows in the DOM, responsive filter/sort/scroll', async (t) => {
  if (!LARGE) throw new Error('ORA_LARGE_URL not set');
  const { page } = await open(t, { base: LARGE, hash: '#/workspaces/bulk/keys?disabled=1' });
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
  t.diagnostic(`filter ${filterMs} ms, sort ${sortMs} ms, scroll ${scrollMs} ms, rows in DOM ${await rows()}`);
  assert.ok(filterMs < 2000 && sortMs < 3000 && scrollMs < 2000, 'responsive');
  await shot(page, 'large-org-keys');
});
