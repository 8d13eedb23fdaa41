// Hosting: under a sub-path, and embedded in a portal with mount(element, options) or loader.js.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdAppArea, open, signIn, shot } from '../lib/browser.mjs';
import { URL_ } from '../lib/sandbox.mjs';

test('sub-path hosting: the page works under /admin/ with its own config.json', async (t) => {
  const { page } = await open(t, { hash: 'admin/#/workspaces/research' });
  await signIn(page);
  await page.waitForSelector('#ora-ws-name');
  assert.ok(page.url().includes('/admin/#/workspaces/research'));
});

test('embedding: a portal mounts the page with mount(element, options)', async (t) => {
  const { page } = await open(t, { hash: 'embed.html#/workspaces' });
  await page.waitForSelector('#portal-slot #ora-key');
  assert.equal(
    await page.evaluate(() => document.body.dataset.mountError),
    'mount(element, options): options.baseUrl must be a string',
  );
  assert.equal(await page.locator('#portal-slot #ora-key').count(), 1, 'the bad mount added nothing');
  assert.equal(await page.inputValue('#ora-base'), `${URL_}/api/v1`);
  await signIn(page);
  await page.waitForSelector('#portal-slot #ora-ws-table');
  assert.equal(await page.locator('h1').first().innerText(), 'Internal portal');
  await shot(page, 'embedded');
});

test('embedding through loader.js: a portal gets the small first load too', async (t) => {
  const hold = holdAppArea();
  const { page } = await open(t, { hash: 'split.html#/workspaces', prepare: hold.prepare });
  await page.waitForSelector('#portal-slot #ora-key');
  await page.waitForFunction(() => !document.querySelector('#portal-slot button[type=submit]').disabled);
  assert.equal(
    await page.evaluate(() => document.body.dataset.mountError),
    'mount(element, options): options.baseUrl must be a string',
  );
  assert.equal(await page.locator('#portal-slot #ora-key').count(), 1, 'the bad mount added nothing');
  // The portal's base URL (split.js ends it with a slash), not config.json's.
  assert.equal(await page.inputValue('#ora-base'), `${URL_}/api/v1/`);
  assert.equal(hold.fetched(), 0, 'the form works before the signed-in page has downloaded');
  await signIn(page);
  hold.release();
  await page.waitForSelector('#portal-slot #ora-ws-table');
  assert.equal(hold.fetched(), 1);
  assert.equal(await page.locator('h1').first().innerText(), 'Internal portal');
});
