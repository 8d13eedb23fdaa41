// Wide tables scroll or wrap, never cut a column: at 1,400 and 1,024 px wide, on every view
// with a table (the BYOK keys, destinations and activity among them), each header cell ends within its scroll box's scrollWidth, a box wider than it
// shows can be scrolled sideways (overflow-x auto or scroll), and no box pokes out of the page.
// Screenshots of each in target/screenshots/tables-*.png.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, go, shot } from '../lib/browser.mjs';

const VIEWS = [
  ['all-keys', '#/keys', '#ora-allkeys-table tbody a'],
  ['workspaces', '#/workspaces', '#ora-ws-table tbody tr'],
  ['keys', '#/workspaces/staging/keys', '#ora-key-table tbody a'],
  ['members', '#/members', '.ora-table tbody tr'],
  ['ws-members', '#/workspaces/staging/members', '.ora-table tbody tr'],
  ['guardrails', '#/workspaces/staging/guardrails', '.ora-table tbody tr'],
  ['byok', '#/workspaces/production/byok', '#ora-byok-table tbody tr'],
  ['destinations', '#/workspaces/production/observability', '.ora-table tbody tr'],
  // The activity's numbers sit in a closed <details>: opened, or there is nothing to measure.
  ['activity', '#/activity', '#ora-activity-toggle', (page) => page.evaluate(() => { document.querySelector('#ora-activity-toggle').parentElement.open = true; })],
];

// Every table box on the page and what clips: header cells past the box's scrollWidth, a box
// wider than it shows that cannot scroll, a box beyond the page's right edge.
function clipped() {
  const out = [];
  const page = document.documentElement.clientWidth;
  document.querySelectorAll('.ora-table-wrap').forEach((wrap, w) => {
    const box = wrap.getBoundingClientRect();
    if (box.width === 0) return;
    if (box.right > page + 1) out.push(`box ${w} ends at ${box.right} past the page's ${page}`);
    const scrollable = ['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX);
    if (wrap.scrollWidth > wrap.clientWidth + 1 && !scrollable) out.push(`box ${w} is wider than shown and cannot scroll`);
    wrap.querySelectorAll('thead th').forEach((th) => {
      const right = th.getBoundingClientRect().right - (box.left + wrap.clientLeft) + wrap.scrollLeft;
      if (right > wrap.scrollWidth + 1) out.push(`box ${w}: “${th.innerText.trim()}” ends at ${right} past ${wrap.scrollWidth}`);
    });
  });
  return { out, boxes: document.querySelectorAll('.ora-table-wrap').length };
}

for (const width of [1400, 1024]) {
  test(`every table at ${width} px: no column cut off`, { timeout: 120000 }, async (t) => {
    const { page } = await signedIn(t, { hash: '#/workspaces', viewport: { width, height: 900 } });
    for (const [name, hash, ready, prepare] of VIEWS) {
      await go(page, hash);
      await page.waitForSelector(ready, { timeout: 30000 });
      if (prepare) await prepare(page);
      await page.waitForTimeout(300);
      const { out, boxes } = await page.evaluate(clipped);
      assert.ok(boxes > 0, `${name}: a table box`);
      assert.ok(await page.locator('.ora-table-wrap:visible thead th').count() > 0, `${name}: a table shown`);
      assert.deepEqual(out, [], `${name} at ${width} px:\n${out.join('\n')}`);
      // The last header cell can be scrolled into view and is then inside the box.
      const last = page.locator('.ora-table-wrap:visible thead th:last-child').first();
      if (await last.count()) {
        await last.scrollIntoViewIfNeeded();
        const inside = await last.evaluate((th) => {
          const wrap = th.closest('.ora-table-wrap').getBoundingClientRect();
          const r = th.getBoundingClientRect();
          return r.left >= wrap.left - 1 && r.right <= wrap.right + 1;
        });
        assert.ok(inside, `${name} at ${width} px: the last column can be seen`);
      }
      await page.evaluate(() => document.querySelectorAll('.ora-table-wrap').forEach((w) => { w.scrollLeft = 0; }));
      await shot(page, `tables-${name}-${width}`);
    }
  });
}
