// Failures the user can act on: a failed load offers "Try again", a slow one says it is still
// working and can be cancelled, and neither loses what the user typed.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, signIn, text, shot } from '../lib/browser.mjs';
import { fault, clearFaults } from '../lib/sandbox.mjs';
import { assertAxe as axe } from '../lib/axe.mjs';


for (const scheme of ['light', 'dark']) {
  test(`load: three 503s, then "Try again" loads it, the search text kept (${scheme})`, async (t) => {
    const { page } = await open(t, { hash: '#/workspaces', colorScheme: scheme });
    await signIn(page);
    await page.waitForSelector('#ora-ws-table');
    await fault('GET', '/api/v1/workspaces', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    // A search reads every workspace: that read fails three times.
    await page.fill('#ora-ws-search', 'stag');
    await page.waitForSelector('.ora-load-again', { timeout: 30000 });
    assert.match(await text(page, '[role=alert]:has(.ora-load-again)'), /Something went wrong/);
    assert.equal(await page.inputValue('#ora-ws-search'), 'stag', 'the search box keeps its text');
    await axe(page, `load-failed-${scheme}`);
    await shot(page, `load-failed-${scheme}`);
    await page.click('.ora-load-again');
    await page.waitForFunction(() => document.querySelectorAll('#ora-ws-table tbody tr').length === 1);
    assert.match(await text(page, '#ora-ws-table tbody'), /Staging/);
    assert.equal(await page.locator('.ora-load-again').count(), 0);
    assert.equal(await page.inputValue('#ora-ws-search'), 'stag');
  });

  test(`load: a hung read says it is still working and the user cancels it (${scheme})`, async (t) => {
    const { page } = await open(t, { hash: '#/workspaces', colorScheme: scheme });
    await signIn(page);
    await page.waitForSelector('#ora-ws-table');
    await fault('GET', '/api/v1/workspaces', [{ hang: true }]);
    await page.fill('#ora-ws-search', 'research');
    const started = Date.now();
    await page.waitForSelector('.ora-load-cancel', { timeout: 10000 });
    assert.ok(Date.now() - started < 8000, 'the notice comes after a few seconds, not after the timeout');
    assert.match(await text(page, '.ora-slow'), /Still working/);
    await axe(page, `load-slow-${scheme}`);
    await shot(page, `load-slow-${scheme}`);
    await page.click('.ora-load-cancel');
    await page.waitForSelector('.ora-load-again', { timeout: 5000 });
    assert.match(await text(page, '[role=alert]:has(.ora-load-again)'), /Stopped/);
    assert.equal(await page.locator('.ora-slow').count(), 0);
    assert.equal(await page.inputValue('#ora-ws-search'), 'research', 'the search box keeps its text');
    await axe(page, `load-cancelled-${scheme}`);
    await clearFaults();
    await page.click('.ora-load-again');
    await page.waitForFunction(() => document.querySelectorAll('#ora-ws-table tbody tr').length === 1);
    assert.match(await text(page, '#ora-ws-table tbody'), /Research/);
    assert.equal(await page.inputValue('#ora-ws-search'), 'research');
  });
}
