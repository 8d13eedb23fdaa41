// Sign-in: ordinary and wrong keys refused, the small first load, the key field, remember in this tab.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_AREA_WASM, holdAppArea, open, signIn, signedIn, shot, text } from '../lib/browser.mjs';
import { allowFailedDownloads } from '../lib/safety.mjs';
import { URL_, KEY, api } from '../lib/sandbox.mjs';

test('sign-in refuses an ordinary key with a clear message', async (t) => {
  const created = await api('POST', '/keys', { name: 'e2e-ordinary' });
  assert.equal(created.status, 201);
  const { page } = await open(t);
  await signIn(page, { key: created.json.key });
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('ordinary API key'));
  assert.equal(await page.locator('#ora-main').count(), 0);
  await shot(page, 'signin-refused');
  await api('DELETE', `/keys/${created.json.data.hash}`);
});

test('sign-in refuses a wrong key (401)', async (t) => {
  const { page } = await open(t);
  await signIn(page, { key: 'sk-or-v1-' + '0'.repeat(64) });
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('not accepted'));
  assert.equal(await page.getAttribute('#ora-key', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#ora-base', 'aria-invalid'), null);
});

test('a key that cannot be an HTTP header is refused at once, by position and code point, never shown', async (t) => {
  const { page } = await open(t);
  for (const [key, code] of [
    ['sk-or-v1-abc\u2026', 'character 13 is U+2026'],
    ['\u20acsk-or-v1-abc', 'character 1 is U+20AC'],
    ['sk-or-v1-a\u0001bc', 'character 11 is U+0001'],
  ]) {
    await signIn(page, { key });
    await page.waitForFunction((c) => document.querySelector('#ora-key-error')?.textContent.includes(c), code);
    const said = await text(page, '#ora-key-error');
    assert.ok(!said.includes('sk-or-v1'), `the key is not echoed: ${said}`);
    assert.equal(await page.getAttribute('#ora-key', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('#ora-base', 'aria-invalid'), null);
    assert.ok(!(await text(page, 'form button[type=submit]')).includes('Checking'));
  }
  await shot(page, 'signin-bad-character');
});

// The first visit loads the sign-in screen and the runtime; the signed-in page's `app` area comes
// after (web/assets/loader.js). Its wasm (APP_AREA_WASM) is held or failed here to prove both halves of that.

test('first load: the sign-in form works before the signed-in page has downloaded', async (t) => {
  const hold = holdAppArea();
  const { page } = await open(t, { hash: '#/workspaces', prepare: hold.prepare });
  await page.waitForSelector('#ora-key');
  await page.waitForFunction(() => !document.querySelector('form button[type=submit]').disabled);
  await signIn(page);
  // The key is checked while the `app` area is still held back: it waits, then opens.
  await page.waitForFunction(() => document.querySelector('form button[type=submit]')?.textContent.includes('Checking'));
  assert.equal(hold.fetched(), 0);
  assert.equal(await page.locator('#ora-main').count(), 0);
  hold.release();
  await page.waitForSelector('#ora-ws-table');
  assert.equal(hold.fetched(), 1);
  assert.equal(await page.locator('#ora-key').count(), 0, 'the sign-in screen is gone');
});

test('first load: when the signed-in page fails to load, sign-in says so, keeps the key, and a retry opens it', async (t) => {
  let fail = true;
  const { page } = await open(t, {
    hash: '#/workspaces',
    prepare: (page) => page.route(APP_AREA_WASM, (route) => (fail ? route.abort() : route.continue())),
  });
  await signIn(page);
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('did not open'));
  assert.equal(await page.inputValue('#ora-key'), KEY);
  assert.equal(await page.getAttribute('#ora-key', 'aria-invalid'), null, 'a good key is not marked invalid');
  assert.equal(await page.locator('#ora-main').count(), 0);
  await shot(page, 'signin-page-failed');
  fail = false;
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-ws-table');
  // The aborted downloads are this test's doing, not the page's errors.
  allowFailedDownloads(t.name);
});

test('the key field is a password field that allows paste; base URL comes from config.json', async (t) => {
  const { page } = await open(t);
  await page.waitForSelector('#ora-key');
  assert.equal(await page.getAttribute('#ora-key', 'type'), 'password');
  assert.equal(await page.getAttribute('#ora-key', 'autocomplete'), 'current-password');
  await page.waitForFunction((u) => document.querySelector('#ora-base').value === `${u}/api/v1`, URL_);
  await shot(page, 'signin');
});

test('remember in this tab uses sessionStorage only when chosen, with a warning; Lock forgets', async (t) => {
  const { page } = await open(t, { hash: '#/workspaces' });
  await page.waitForSelector('#ora-key');
  await page.check('#ora-remember');
  await page.waitForSelector('#ora-remember-warning');
  await page.fill('#ora-key', KEY);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-ws-table');
  assert.ok((await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(KEY));
  await page.reload();
  await page.waitForSelector('#ora-ws-table'); // still signed in after reload, in this tab
  await page.click('#ora-lock');
  await page.waitForSelector('#ora-key');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(KEY));
  // Signing in again after Lock works in the signed-in page's own sign-in form.
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
});

test('without remember, nothing is stored and a reload asks again', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces' });
  await page.waitForSelector('#ora-ws-table');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(KEY));
  await page.reload();
  await page.waitForSelector('#ora-key');
});

test('signed in: the header names the key, its organization, its workspace and data regions', async (t) => {
  const { page } = await signedIn(t);
  const me = (await api('GET', '/key')).json.data;
  await page.waitForSelector('#ora-id-org');
  assert.equal(await text(page, '#ora-id-org'), me.organization_id);
  // A management key spends in no one workspace: the header says it acts on all of them.
  assert.equal(me.workspace_id, null);
  assert.equal(await text(page, '#ora-id-workspace'), 'all (management key)');
  assert.equal(await text(page, '#ora-id-regions'), me.allowed_data_regions.join(', '));
  assert.equal(await text(page, '#ora-id-key'), me.label);
});
