// A create whose answer comes only after the client has given up (the sandbox commits the write
// at once and answers 10 s after the client's timeout, shortened by config.json to 5 s here): the page searches, finds what
// was made and shows it, and there is exactly one, however the user clicks. Counted through the
// API, also after the late answer would have come.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot, shortTimeout, CLIENT_TIMEOUT_MS } from '../lib/browser.mjs';
import { api, fault, clearFaults, keysNamed, workspacesWithSlug } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';

// Past the client's timeout, with room for its search (10 s, as with the page's own 30 s).
const LATE_MS = CLIENT_TIMEOUT_MS + 10000;

const untilLateAnswer = (page, sent) => page.waitForTimeout(Math.max(0, sent + LATE_MS + 1500 - Date.now()));

test('create key, the answer comes after the timeout but the key was made: found, said plainly, one key', { timeout: 150000 }, async (t) => {
  const name = `late-key-${Date.now()}`;
  const { page } = await signedIn(t, { hash: '#/workspaces/staging/keys', prepare: shortTimeout() });
  await page.waitForSelector('#ora-key-table tbody a');
  await fault('POST', '/api/v1/keys', [{ commit_then_delay_ms: LATE_MS }]);
  await page.click('#ora-new-key');
  await page.fill('#ora-key-name', name);
  const sent = Date.now();
  await page.dblclick('#ora-key-create');
  // While the request waits, pressing Enter or clicking again sends nothing more.
  await page.waitForTimeout(1000);
  await page.press('#ora-key-name', 'Enter');
  await page.click('#ora-key-create', { force: true });
  assert.equal((await keysNamed('staging', name)).length, 1, 'made once, answer pending');
  // The client gives up after its timeout; the page then searches and finds it.
  await page.waitForSelector('#ora-lost-found', { timeout: 60000 });
  assert.ok(Date.now() - sent < LATE_MS, 'found before the late answer came');
  const made = await keysNamed('staging', name);
  assert.equal(made.length, 1, 'exactly one key');
  const found = await text(page, '#ora-lost-found');
  assert.ok(found.includes(name) && found.includes(made[0].label), found);
  assert.match(found, /cannot be shown again/);
  assert.ok(await page.locator('#ora-lost-rotate').count(), 'rotating it is offered');
  assert.ok(await page.isDisabled('#ora-key-create'), 'no second create');
  assert.equal(await page.locator('#ora-secret').count(), 0, 'no secret is shown');
  await assertAxe(page, 'late-key-found');
  await shot(page, 'late-key-found');
  // The list behind has it; the form opened again will not create a second.
  await page.click('.ora-dialog-foot >> text=Cancel');
  await page.waitForFunction((n) => document.querySelector('#ora-key-table')?.innerText.includes(n), name);
  await page.click('#ora-new-key');
  await page.fill('#ora-key-name', name);
  await page.waitForSelector('#ora-lost-found');
  await page.press('#ora-key-name', 'Enter');
  await page.click('#ora-key-create', { force: true });
  // The late answer comes to a client that is gone: nothing changes.
  await untilLateAnswer(page, sent);
  assert.equal((await keysNamed('staging', name)).length, 1, 'still exactly one key after the late answer');
  assert.equal(await page.locator('#ora-secret').count(), 0);
});

test('create workspace, the answer comes after the timeout but it was made: found and opened, one workspace', { timeout: 150000 }, async (t) => {
  const slug = `late-ws-${Date.now()}`;
  const { page } = await signedIn(t, { hash: '#/workspaces/new', prepare: shortTimeout() });
  await fault('POST', '/api/v1/workspaces', [{ commit_then_delay_ms: LATE_MS }]);
  await page.waitForSelector('#ora-ws-name');
  await page.fill('#ora-ws-name', 'Late answer');
  await page.fill('#ora-ws-slug', slug);
  const sent = Date.now();
  await page.dblclick('#ora-ws-create');
  await page.waitForTimeout(1000);
  await page.press('#ora-ws-slug', 'Enter');
  assert.equal((await workspacesWithSlug(slug)).length, 1, 'made once, answer pending');
  await page.waitForFunction((s) => location.hash.startsWith(`#/workspaces/${s}`), slug, { timeout: 60000 });
  await page.waitForFunction(() => /answer was lost: here it is/.test(document.querySelector('.ora-toasts')?.innerText ?? ''));
  assert.ok(Date.now() - sent < LATE_MS, 'found before the late answer came');
  await page.waitForSelector('#ora-ws-name');
  assert.equal(await page.inputValue('#ora-ws-name'), 'Late answer', 'the workspace it made is shown');
  await assertAxe(page, 'late-ws-found');
  await shot(page, 'late-ws-found');
  await untilLateAnswer(page, sent);
  assert.equal((await workspacesWithSlug(slug)).length, 1, 'exactly one workspace after the late answer');
});

for (const scheme of ['light', 'dark']) {
  test(`create key, answer lost and the search for it fails too: said so, nothing to create, "Check again" finds it (${scheme})`, async (t) => {
    const name = `lost-unchecked-${scheme}-${Date.now()}`;
    const { page } = await signedIn(t, { hash: '#/workspaces/staging/keys', colorScheme: scheme });
    await page.waitForSelector('#ora-key-table tbody a');
    await fault('POST', '/api/v1/keys', [{ commit_then_drop: true }]);
    await fault('GET', '/api/v1/keys', Array(3).fill({ status: 503 }));
    await page.click('#ora-new-key');
    await page.fill('#ora-key-name', name);
    await page.click('#ora-key-create');
    await page.waitForSelector('#ora-lost-again', { timeout: 30000 });
    assert.match(await text(page, '.ora-lost'), /check failed too/);
    assert.ok(await page.isDisabled('#ora-key-create'), 'still unknown: no second create');
    await page.press('#ora-key-name', 'Enter');
    await assertAxe(page, `lost-key-unchecked-${scheme}`);
    await shot(page, `lost-key-unchecked-${scheme}`);
    // The search's faults left over would answer this test's own count.
    await clearFaults();
    assert.equal((await keysNamed('staging', name)).length, 1);
    await page.click('#ora-lost-again');
    await page.waitForSelector('#ora-lost-found', { timeout: 20000 });
    assert.equal((await keysNamed('staging', name)).length, 1, 'exactly one key');
  });
}

test('create workspace, answer lost and the search fails too: said so, "Check again" finds and opens it', async (t) => {
  const slug = `lost-ws-unchecked-${Date.now()}`;
  const { page } = await signedIn(t, { hash: '#/workspaces/new' });
  await fault('POST', '/api/v1/workspaces', [{ commit_then_drop: true }]);
  await fault('GET', `/api/v1/workspaces/${slug}`, Array(3).fill({ status: 503 }));
  await page.waitForSelector('#ora-ws-name');
  await page.fill('#ora-ws-name', 'Lost unchecked');
  await page.fill('#ora-ws-slug', slug);
  await page.click('#ora-ws-create');
  await page.waitForSelector('#ora-lost-again', { timeout: 30000 });
  assert.match(await text(page, '.ora-lost'), /check failed too/);
  assert.ok(await page.isDisabled('#ora-ws-create'), 'still unknown: no second create');
  await assertAxe(page, 'lost-ws-unchecked');
  await shot(page, 'lost-ws-unchecked');
  await clearFaults();
  assert.equal((await workspacesWithSlug(slug)).length, 1);
  await page.click('#ora-lost-again');
  await page.waitForFunction((s) => location.hash.startsWith(`#/workspaces/${s}`), slug, { timeout: 20000 });
  assert.equal((await workspacesWithSlug(slug)).length, 1, 'exactly one workspace');
});
