// Keyboard helpers: what has focus, that it is visible, Tab until somewhere, and the round trip
// of a dialog (focus starts inside, is trapped, and returns to the opener).

import assert from 'node:assert/strict';

// What is focused, for messages and predicates: `#id`, else tag and accessible label.
export const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a ? (a.id ? `#${a.id}` : `${a.tagName}[${a.getAttribute('aria-label') ?? a.textContent.trim().slice(0, 30)}]`) : 'none';
});
// Keyboard focus must be visible: a non-none outline or box-shadow on the focused element (every
// stop, including those Chromium does not count as :focus-visible, e.g. a date field's segments).
export async function assertFocusVisible(page) {
  const r = await page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'ok';
    const s = getComputedStyle(a);
    const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return ring ? 'ok' : `${a.tagName}#${a.id} focus-visible=${a.matches(':focus-visible')} outline=${s.outlineStyle} shadow=${s.boxShadow}`;
  });
  assert.equal(r, 'ok', `focus not visible: ${r}`);
}
// Presses Tab (or Shift+Tab) until `pred` (run in the page on the focused element) holds,
// checking visible focus on every stop.
export async function tabTo(page, pred, { back = false, max = 60 } = {}) {
  if (await page.evaluate(pred)) return;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    await assertFocusVisible(page);
    if (await page.evaluate(pred)) return;
  }
  throw new Error(`tabTo: not reached after ${max} presses; focused ${await focused(page)}`);
}
export const inDialog = (page) => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
// Tab and Shift+Tab through the open dialog, twice around: focus never leaves it.
export async function assertTrapped(page) {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press(key);
      assert.ok(await inDialog(page), `${key} left the dialog after ${i + 1} presses: ${await focused(page)}`);
    }
  }
}
// Opens a dialog from `opener` by keyboard, checks focus starts inside and is trapped, closes it
// with `close` ('Escape' or a button selector), and checks focus went back to the opener.
export async function dialogRoundTrip(page, opener, close = 'Escape') {
  await page.focus(opener);
  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]');
  assert.ok(await inDialog(page), `focus did not start in the dialog opened by ${opener}: ${await focused(page)}`);
  await assertTrapped(page);
  if (close === 'Escape') await page.keyboard.press('Escape');
  else await page.click(close);
  await page.waitForFunction(() => !document.querySelector('dialog'));
  await page.waitForFunction((o) => document.activeElement === document.querySelector(o), opener, { timeout: 2000 })
    .catch(async () => assert.fail(`focus did not return to ${opener}: ${await focused(page)}`));
}
