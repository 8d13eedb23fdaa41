// The first visit downloads what it shows: the sign-in module and what it needs, and nothing of
// the whole page until the form is up; the whole page comes after it (idle time), and sign-in
// opens it. Asserted from the browser's own network log (lib/first-load.mjs).
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, signIn } from '../lib/browser.mjs';
import { WHOLE_PAGE, isWholePage, milestone, networkLog, watchMilestones } from '../lib/first-load.mjs';
import { URL_ } from '../lib/sandbox.mjs';

test('first visit: index.html preloads the sign-in module and nothing of the whole page', async () => {
  const html = await (await fetch(`${URL_}/`)).text();
  const preloads = (html.match(/<link[^>]*rel="(module)?preload"[^>]*>/g) ?? [])
    .map((tag) => new URL(tag.match(/href="([^"]*)"/)[1], `${URL_}/`).href);
  assert.ok(preloads.some((url) => url.includes('/openrouter-admin-signin_bg.wasm?')), preloads.join(' '));
  assert.deepEqual(preloads.filter(isWholePage), []);
});

test('first visit: no request for the whole page before the sign-in form is up; it is fetched after, and sign-in opens it', async (t) => {
  const { page } = await open(t, { hash: '#/workspaces', prepare: watchMilestones });
  const form = await milestone(page, 'form');
  // The whole page's JS and wasm arrive on their own, without a sign-in (loader.js's idle fetch).
  await page.waitForFunction(
    (source) => performance.getEntriesByType('resource').filter((e) => new RegExp(source).test(new URL(e.name).pathname)).length === 2,
    WHOLE_PAGE.source,
  );
  const log = await networkLog(page);
  const early = log.filter((r) => r.start < form).map((r) => new URL(r.url).pathname);
  assert.ok(early.some((path) => path.endsWith('/openrouter-admin-signin_bg.wasm')), `the sign-in module came first: ${early}`);
  const whole = log.filter((r) => isWholePage(r.url));
  for (const r of whole) {
    assert.ok(r.start > form, `${r.url} was requested at ${r.start.toFixed(0)} ms, before the form was up at ${form.toFixed(0)} ms`);
  }
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  const again = (await networkLog(page)).filter((r) => isWholePage(r.url));
  assert.equal(again.length, 2, 'signing in reuses what was fetched');
});
