// A list that loaded once and then fails to load again keeps what was on screen, with the
// failure and "Try again" above it; "Try again" reads again only what failed, never the reads
// that went through (counted in the sandbox's request log).
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, go, text, shot } from '../lib/browser.mjs';
import { control, fault, settled } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';

const log = async () => (await control('GET', 'log')).requests;
// The API reads logged after `from` entries, as "METHOD path".
const readsSince = async (from) => (await log()).slice(from).filter((r) => r.method === 'GET').map((r) => `${r.method} ${r.path}`);

for (const scheme of ['light', 'dark']) {
  test(`workspaces: a failed reload keeps the table, "Try again" reads the list once (${scheme})`, async (t) => {
    const { page } = await signedIn(t, { hash: '#/workspaces', colorScheme: scheme });
    await page.waitForSelector('#ora-ws-table tbody tr');
    const before = await page.locator('#ora-ws-table tbody tr').count();
    assert.ok(before > 1);
    await fault('GET', '/api/v1/workspaces', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    await page.fill('#ora-ws-search', 'stag');
    await page.waitForSelector('.ora-load-again', { timeout: 30000 });
    const alert = await text(page, '[role=alert]:has(.ora-load-again)');
    assert.match(alert, /Something went wrong/);
    assert.match(alert, /what was loaded before/);
    // The table stays (before, the failure replaced it), with the rows it had, the search
    // applied to them.
    assert.ok(await page.isVisible('#ora-ws-table'), 'the table stays');
    assert.equal(await page.locator('#ora-ws-table tbody tr').count(), 1);
    assert.match(await text(page, '#ora-ws-table tbody'), /Staging/);
    assert.equal(await page.inputValue('#ora-ws-search'), 'stag');
    await assertAxe(page, `reload-failed-kept-${scheme}`);
    await shot(page, `reload-failed-kept-${scheme}`);
    const from = (await log()).length;
    await page.click('.ora-load-again');
    await page.waitForFunction(() => !document.querySelector('.ora-load-again'));
    await settled();
    assert.equal(await page.locator('.ora-load-again').count(), 0);
    assert.equal(await page.locator('#ora-ws-table tbody tr').count(), 1);
    assert.deepEqual(await readsSince(from), ['GET /api/v1/workspaces']);
  });
}

test('members: the members fail to reload after an add; the table stays, "Try again" reads only the members', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/staging/members' });
  await page.waitForSelector('#ora-member-table');
  const rows = await page.locator('#ora-member-table tbody tr').count();
  // The add's own reads (before and after) go through; the page's reload after it fails.
  await fault('GET', '/api/v1/workspaces/*/members', [{ delay_ms: 0 }, { delay_ms: 0 }, { status: 503 }, { status: 503 }, { status: 503 }]);
  await page.click('#ora-add-members');
  await page.fill('#ora-picker-search', 'Radia');
  await page.check('.ora-picker label:has-text("Radia Perlman") input');
  await page.click('#ora-picker-add');
  await page.waitForSelector('#ora-member-results');
  assert.match(await text(page, '#ora-member-results'), /Radia Perlman: added/);
  await page.waitForSelector('.ora-load-again', { timeout: 30000 });
  assert.equal(await page.locator('#ora-member-table tbody tr').count(), rows, 'what was on screen stays');
  assert.match(await text(page, '[role=alert]:has(.ora-load-again)'), /what was loaded before/);
  await assertAxe(page, 'reload-members-kept');
  const from = (await log()).length;
  await page.click('.ora-load-again');
  await page.waitForFunction(() => document.querySelector('#ora-member-table')?.innerText.includes('Radia Perlman'));
  await settled();
  const reads = await readsSince(from);
  assert.equal(reads.length, 1, reads.join(', '));
  assert.match(reads[0], /^GET \/api\/v1\/workspaces\/[^/]+\/members$/);
});

test('members: the organization fails on the first load; "Try again" reads it alone, not the workspace or its members', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces' });
  await page.waitForSelector('#ora-ws-table tbody tr');
  await fault('GET', '/api/v1/organization/members', [{ status: 503 }, { status: 503 }, { status: 503 }]);
  await go(page, '#/workspaces/staging/members');
  await page.waitForSelector('.ora-load-again', { timeout: 30000 });
  assert.equal(await page.locator('#ora-member-table').count(), 0, 'nothing loaded yet: no table');
  const from = (await log()).length;
  await page.click('.ora-load-again');
  await page.waitForSelector('#ora-member-table');
  await settled();
  assert.deepEqual(await readsSince(from), ['GET /api/v1/organization/members']);
});
