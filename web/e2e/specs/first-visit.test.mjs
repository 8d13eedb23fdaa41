// The first visit downloads what it shows: the sign-in screen and the runtime, and nothing of the
// signed-in page until the form is up; the `app` area comes after it (idle time), and sign-in
// opens it. Asserted from the browser's own network log (lib/first-load.mjs).
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, signIn } from '../lib/browser.mjs';
import { APP_AREA, isAreaFile, milestone, networkLog, watchMilestones } from '../lib/first-load.mjs';
import { URL_ } from '../lib/sandbox.mjs';

test('first visit: index.html preloads the page module and nothing of the areas', async () => {
  const html = await (await fetch(`${URL_}/`)).text();
  const preloads = (html.match(/<link[^>]*rel="(module)?preload"[^>]*>/g) ?? [])
    .map((tag) => new URL(tag.match(/href="([^"]*)"/)[1], `${URL_}/`).href);
  assert.ok(preloads.some((url) => /\/openrouter-admin-web-[0-9a-f]+_bg\.wasm$/.test(url)), preloads.join(' '));
  assert.ok(preloads.some((url) => /\/__wasm_split-[0-9a-f]+\.js$/.test(url)), preloads.join(' '));
  assert.deepEqual(preloads.filter(isAreaFile), []);
});

test('first visit: no area is requested before the sign-in form is up; the app area is fetched after, once, and sign-in opens it', async (t) => {
  const { page } = await open(t, { hash: '#/workspaces', prepare: watchMilestones });
  const form = await milestone(page, 'form');
  // The app area arrives on its own, without a sign-in (loader.js's idle fetch).
  await page.waitForFunction(
    (source) => performance.getEntriesByType('resource').some((e) => new RegExp(source).test(new URL(e.name).pathname)),
    APP_AREA.source,
  );
  const log = await networkLog(page);
  const early = log.filter((r) => r.start < form).map((r) => new URL(r.url).pathname);
  assert.ok(early.some((path) => /\/openrouter-admin-web-[0-9a-f]+_bg\.wasm$/.test(path)), `the page module came first: ${early}`);
  const areas = log.filter((r) => isAreaFile(r.url));
  for (const r of areas) {
    assert.ok(r.start > form, `${r.url} was requested at ${r.start.toFixed(0)} ms, before the form was up at ${form.toFixed(0)} ms`);
  }
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  const after = (await networkLog(page)).filter((r) => isAreaFile(r.url)).map((r) => r.url);
  assert.equal(after.filter((url) => APP_AREA.test(new URL(url).pathname)).length, 1, 'signing in reuses what was fetched');
  assert.equal(new Set(after).size, after.length, `no area file twice: ${after}`);
});
