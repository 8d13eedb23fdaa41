// Headless Chromium for one spec file, the page helpers the specs share, and the hooks that
// every spec gets by importing this module (node:test hooks declared at a file's top level
// apply to each test of that file):
//
// - before:    launch Chromium, reset the demo sandbox to its seed, so a file can run alone;
// - afterEach: check the storage of every page the test left open, close them, clear faults,
//              then fail the test if the key leaked, the CSP refused something, or the page
//              panicked (safety.mjs);
// - after:     close Chromium.
//
// Environment: ORA_SCREENSHOTS (folder), CHROMIUM (browser binary), and sandbox.mjs's.

import { before, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { URL_, KEY, control, clearFaults } from './sandbox.mjs';
import { watch, checkStorage, verdict } from './safety.mjs';

const SHOTS = process.env.ORA_SCREENSHOTS ?? 'screenshots';

// The `app` area's module (the shell, navigation and the workspaces list, content-hashed; the
// split build names it, xtask/src/wasm_split.rs). The first visit loads the sign-in screen and the
// runtime, and this area after it (web/assets/loader.js).
export const APP_AREA_WASM = /\/split_app-[0-9a-f]+\.wasm/;

// Holds the `app` area's wasm back until `release()`, to show what works before it arrives;
// pass `prepare` to `open`. `fetched()` counts the downloads let through.
export function holdAppArea() {
  let release;
  const held = new Promise((r) => { release = r; });
  let fetched = 0;
  return {
    prepare: (page) => page.route(APP_AREA_WASM, async (route) => {
      await held;
      fetched += 1;
      await route.continue();
    }),
    release: () => release(),
    fetched: () => fetched,
  };
}

// The client's per-attempt timeout for the specs that wait one out, named in config.json as a
// deployment may name it (`requestTimeoutMs`; the page's own is 30 s): an answer held past it
// then costs seconds, not half a minute. Pass `shortTimeout()` as `open`'s `prepare`.
export const CLIENT_TIMEOUT_MS = 5000;

export const shortTimeout = (ms = CLIENT_TIMEOUT_MS) => (page) => page.route('**/config.json', async (route) => {
  const response = await route.fetch();
  await route.fulfill({ response, json: { ...(await response.json()), requestTimeoutMs: ms } });
});

let browser;
// The contexts opened by the running test, with its name, for the after-hook.
const opened = [];

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await control('POST', 'reset');
});

afterEach(async (t) => {
  for (const { context, test } of opened.splice(0)) {
    for (const page of context.pages()) await checkStorage(context, page, test);
    await context.close();
  }
  await clearFaults();
  const { problems, pageErrors } = verdict();
  for (const err of pageErrors) t.diagnostic(`page: ${err}`);
  assert.deepEqual(problems, [], problems.join('\n'));
});

after(async () => {
  await browser?.close();
});

// A new browser context and page for test `t`, at `base` + `hash`; the after-hook closes it.
// `prepare(page)` runs before the page loads (to route its requests).
export async function open(t, { base = URL_, hash = '', colorScheme = 'light', viewport = { width: 1360, height: 900 }, prepare } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  opened.push({ context, test: t.name });
  const page = await context.newPage();
  watch(page, t.name);
  if (prepare) await prepare(page);
  await page.goto(`${base}/${hash}`);
  return { context, page };
}

export async function signIn(page, { key = KEY, remember = false } = {}) {
  await page.waitForSelector('#ora-key');
  await page.fill('#ora-key', key);
  if (remember) await page.check('#ora-remember');
  await page.click('form button[type=submit]');
}

export async function signedIn(t, opts = {}) {
  const { context, page } = await open(t, opts);
  await signIn(page);
  await page.waitForSelector('#ora-main');
  return { context, page };
}

export const go = (page, hash) => page.evaluate((h) => { location.hash = h; }, hash);
export const text = (page, sel) => page.locator(sel).innerText();

export async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
