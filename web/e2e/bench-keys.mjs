// The All keys view with 10,000 keys, as the browser runs it: `cargo xtask bench` runs this
// against a sandbox seeded with `--seed-scale keys=10000` that serves the release build.
//
// It signs in at #/keys, waits for the table (the organization's snapshot read included, and
// printed), then types into the search box one character at a time, in the page itself: each
// keystroke's time runs from the input event to the frame after it (the filter over every key,
// the windowed table's update, layout and paint). Printed, not asserted.
//
// Environment: ORA_URL (the sandbox serving the page), ORA_KEY (its management key),
// CHROMIUM (browser binary).

import { chromium } from 'playwright-core';

const { ORA_URL, ORA_KEY } = process.env;
if (!ORA_URL || !ORA_KEY) throw new Error('ORA_URL and ORA_KEY are required');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await page.goto(`${ORA_URL}/#/keys`);
  await page.waitForSelector('#ora-key');
  await page.fill('#ora-key', ORA_KEY);
  const started = Date.now();
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-allkeys-table tbody tr a', { timeout: 300_000 });
  const loaded = Date.now() - started;
  const count = await page.locator('#ora-allkeys-count').innerText();
  // A name typed in (narrowing step by step), then a label fragment, then erased.
  const words = ['bulk-00999', 'sk-or-v1-', ''];
  const times = await page.evaluate(async (words) => {
    const input = document.querySelector('#ora-allkeys-search');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = [];
    const key = async (value) => {
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      out.push(performance.now() - t0);
    };
    for (const word of words) {
      for (let i = 1; i <= word.length; i++) await key(word.slice(0, i));
      // Erased one character at a time: widening back to every key is the slow direction.
      for (let i = word.length - 1; i >= 0; i--) await key(word.slice(0, i));
    }
    return out;
  }, words);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`All keys view, ${count} (signed in to table: ${loaded.toLocaleString('en-US')} ms, the snapshot read included)`);
  console.log(`  time per keystroke in the search box, input event to the next frame, ${times.length} keystrokes:`);
  console.log(`    median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
} finally {
  await browser.close();
}
