// The page by area (web/src/areas.rs, xtask/src/wasm_split.rs): each area's code is fetched when
// it is first opened, once; a failed download shows the area's error with "Try again", which
// works, never a dead page. Asserted from the browser's own requests.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { open, signIn, go, shot } from '../lib/browser.mjs';
import { AREAS, APP_AREA, AREA_FILE, isAreaFile, noPrefetch } from '../lib/first-load.mjs';
import { allowFailedDownloads } from '../lib/safety.mjs';
import { api } from '../lib/sandbox.mjs';

// A browser's connections to one host: no first opening may need more rounds than one.
const MOST_REQUESTS = 6;

const keyHash = async () =>
  (await api('GET', `/keys?workspace_id=${(await api('GET', '/workspaces/production')).json.data.id}`)).json.data[0].hash;
const path = (url) => new URL(url).pathname;
const route = (hash, key) => hash.replace('KEY', key);

// Records every area file the page requests, in order.
function areaRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    if (isAreaFile(r.url())) seen.push(path(r.url()));
  });
  return seen;
}

/** Signed in on the workspaces table with the idle prefetch off; `seen` keeps every area file
 * requested from then on. */
async function atTable(t) {
  let seen;
  const { page } = await open(t, {
    hash: '#/workspaces',
    prepare: async (p) => {
      await noPrefetch(p);
      seen = areaRequests(p);
    },
  });
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  return { page, seen };
}

test('areas: each first opening fetches its own area\'s files (at most 6), and opening any area again fetches nothing', async (t) => {
  const key = await keyHash();
  const { page, seen } = await atTable(t);
  const app = seen.splice(0);
  assert.ok(app.some((p) => APP_AREA.test(p)), `sign-in fetched the app area: ${app}`);
  assert.ok(app.length <= MOST_REQUESTS, `sign-in to table: ${app.length} files`);
  const loaded = new Set(['app']);
  for (const area of AREAS) {
    await go(page, route(area.hash, key));
    await page.waitForSelector(area.ready, { state: 'attached' });
    const fetched = seen.splice(0);
    t.diagnostic(`${area.name}: ${fetched.length} files ${fetched.join(' ')}`);
    assert.ok(fetched.length <= MOST_REQUESTS, `${area.name}: ${fetched.length} files`);
    if (loaded.has(area.area)) {
      assert.deepEqual(fetched, [], `${area.name}: its area (${area.area}) was loaded already`);
    } else {
      assert.ok(fetched.some((p) => p.startsWith(`/split_${area.area}-`)), `${area.name} fetched split_${area.area}: ${fetched}`);
      loaded.add(area.area);
    }
  }
  await go(page, '#/workspaces');
  await page.waitForSelector('#ora-ws-table');
  for (const area of AREAS) {
    await go(page, route(area.hash, key));
    await page.waitForSelector(area.ready, { state: 'attached' });
  }
  assert.deepEqual(seen, [], 'opening areas again fetched nothing');
});

// The organization's views an area-first opening is checked for: each alone, right after the
// workspaces table (the Overview, the start page, is measured by measure.mjs); `again`, another
// view of the same area, opened after it, fetches nothing either.
const OPENED_FIRST = [
  { name: 'identity provider', hash: '#/identity', ready: '#ora-idp-table', area: 'org', again: '#/overview' },
  { name: 'Plan view', hash: '#/plan', ready: '#ora-plan-text', area: 'plan', again: '#/workspaces' },
];
for (const view of OPENED_FIRST) {
  test(`areas: the ${view.name} opened first fetches its area (${view.area}) once, at most 6 files, and nothing again`, async (t) => {
    const { page, seen } = await atTable(t);
    seen.splice(0);
    await go(page, view.hash);
    await page.waitForSelector(view.ready);
    const first = seen.splice(0);
    const bytes = await page.evaluate((paths) => performance.getEntriesByType('resource')
      .filter((e) => paths.includes(new URL(e.name).pathname))
      .reduce((n, e) => n + e.transferSize, 0), first);
    t.diagnostic(`${view.name} first: ${first.length} files, ${bytes} B: ${first.join(' ')}`);
    assert.ok(first.length <= MOST_REQUESTS, `${first.length} files`);
    assert.ok(first.some((p) => p.startsWith(`/split_${view.area}-`)), `fetched split_${view.area}: ${first}`);
    for (const hash of ['#/workspaces', view.hash, view.again, view.hash]) {
      await go(page, hash);
      await page.waitForSelector('#ora-main h1');
    }
    await page.waitForSelector(view.ready);
    assert.deepEqual(seen, [], 'opening it again fetched nothing');
  });
}

test('areas: with the idle prefetch in play, every area works and each file is fetched once in the whole session', async (t) => {
  const key = await keyHash();
  let seen;
  const { page } = await open(t, { hash: '#/workspaces', prepare: async (p) => { seen = areaRequests(p); } });
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  // The table is drawn, then the likely next areas arrive on their own (web/src/app.rs).
  await page.waitForFunction(() => ['org', 'workspace'].every((a) =>
    performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.startsWith(`/split_${a}-`))));
  for (const round of [1, 2]) {
    for (const area of AREAS) {
      await go(page, route(area.hash, key));
      await page.waitForSelector(area.ready, { state: 'attached' });
      assert.equal(await page.locator('.ora-area-failed').count(), 0, `${area.name} (round ${round})`);
    }
  }
  assert.equal(new Set(seen).size, seen.length, `no area file twice: ${seen.join(' ')}`);
});

test('areas: while an area downloads, the page says "Loading…", and the area shows once it is there', async (t) => {
  let release;
  const held = new Promise((r) => { release = r; });
  const { page } = await open(t, {
    hash: '#/workspaces',
    prepare: async (p) => {
      await noPrefetch(p);
      await p.route(/\/split_org-[0-9a-f]+\.wasm$/, async (r) => { await held; await r.continue(); });
    },
  });
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  await go(page, '#/overview');
  await page.waitForSelector('#ora-main .ora-loading');
  assert.equal(await page.locator('#ora-findings-h').count(), 0);
  release();
  await page.waitForSelector('#ora-findings-h', { state: 'attached' });
  assert.equal(await page.locator('#ora-main > .ora-loading').count(), 0, 'the area\'s own "Loading…" is gone');
});

test('areas: every area file fails once (503); sign-in, then each area, shows its error and "Try again" works', async (t) => {
  const key = await keyHash();
  const failed = new Map(); // path -> times requested
  const { page } = await open(t, {
    hash: '#/workspaces',
    prepare: async (p) => {
      await noPrefetch(p);
      await p.route(AREA_FILE, (r) => {
        const at = path(r.request().url());
        const times = (failed.get(at) ?? 0) + 1;
        failed.set(at, times);
        return times === 1 ? r.fulfill({ status: 503, body: 'unavailable' }) : r.continue();
      });
    },
  });
  await signIn(page);
  // The app area could not be downloaded: the form says so and keeps the key.
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('did not open'));
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-ws-table');
  for (const area of AREAS) {
    const first = ![...failed.keys()].some((p) => p.startsWith(`/split_${area.area}-`));
    await go(page, route(area.hash, key));
    if (first) {
      await page.waitForSelector('.ora-area-failed');
      assert.match(await page.locator('.ora-area-failed').innerText(), /could not be downloaded/);
      if (area.area === 'org') {
        await shot(page, 'area-failed');
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        assert.deepEqual(axe.violations.map((v) => v.id), [], 'the area error passes axe');
      }
      await page.click('.ora-area-failed button');
    }
    await page.waitForSelector(area.ready, { state: 'attached' });
    assert.equal(await page.locator('.ora-area-failed').count(), 0, area.name);
  }
  // Every area file failed once and was then fetched again, once.
  assert.ok(failed.size >= 5, `area files: ${[...failed.keys()]}`);
  for (const [at, times] of failed) assert.equal(times, 2, `${at} was requested ${times} times`);
  allowFailedDownloads(t.name);
});

test('areas: a remembered tab whose app area fails to download shows "did not open" with "Try again", which opens it', async (t) => {
  let failing = false;
  const { page } = await open(t, {
    hash: '#/workspaces',
    prepare: (p) => p.route(APP_AREA, (r) => (failing ? r.fulfill({ status: 503, body: 'unavailable' }) : r.continue())),
  });
  await signIn(page, { remember: true });
  await page.waitForSelector('#ora-ws-table');
  failing = true;
  await page.reload();
  await page.waitForSelector('.ora-area-failed');
  assert.match(await page.locator('.ora-area-failed').innerText(), /did not open/);
  failing = false;
  await page.click('.ora-area-failed button');
  await page.waitForSelector('#ora-ws-table');
  assert.equal(await page.locator('.ora-area-failed').count(), 0);
  await page.click('#ora-lock');
  allowFailedDownloads(t.name);
});
