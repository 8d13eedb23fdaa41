// Keyboard only: sign-in, skip link, visible focus, dialogs that trap focus, a whole key flow.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, signedIn, go, shot } from '../lib/browser.mjs';
import { focused, tabTo, inDialog, dialogRoundTrip } from '../lib/keyboard.mjs';
import { KEY } from '../lib/sandbox.mjs';

test('keyboard only: sign in, skip link, visible focus, open a workspace', async (t) => {
  const { page } = await open(t, { hash: '#/workspaces' });
  await page.waitForSelector('#ora-key');
  await page.focus('#ora-key');
  await page.keyboard.type(KEY);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-ws-table');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'ora-skip');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ora-main');
  // Tab to the first workspace link and follow it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.closest('#ora-ws-table') && document.activeElement.tagName === 'A')) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/workspaces/'));
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle === 'solid' || document.activeElement === document.body), true);
});

test('dialogs: focus starts inside, Tab is trapped, Escape closes, focus returns to the opener', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/production/keys' });
  await page.waitForSelector('#ora-key-table tbody a');
  await dialogRoundTrip(page, '#ora-new-key'); // create key, Escape
  await dialogRoundTrip(page, '#ora-new-key', 'dialog .ora-dialog-foot button:has-text("Cancel")');
  // Bulk delete confirmation.
  await page.locator('#ora-key-table tbody tr:has(a)').nth(0).locator('input[type=checkbox]').check();
  await dialogRoundTrip(page, '#ora-bulk-delete');
  await dialogRoundTrip(page, '#ora-bulk-delete', 'dialog button:has-text("Cancel")');
  // Rotate confirmation on a key's page.
  await page.click('#ora-key-table tbody a');
  await page.waitForSelector('#ora-rotate');
  await dialogRoundTrip(page, '#ora-rotate');
  await dialogRoundTrip(page, '#ora-delete-key');
  // Workspace delete confirmation and the add-members picker.
  await go(page, '#/workspaces/production');
  await page.waitForSelector('#ora-delete-ws');
  await dialogRoundTrip(page, '#ora-delete-ws');
  await go(page, '#/workspaces/staging/members');
  await page.waitForSelector('#ora-member-table');
  await dialogRoundTrip(page, '#ora-add-members');
  // Remove-members confirmation.
  await page.locator('#ora-member-table tbody input[type=checkbox]').first().check();
  await dialogRoundTrip(page, '#ora-remove-members');
});

test('keyboard only: open a workspace\'s keys, create a key, close the secret, bulk-disable it', async (t) => {
  const { page } = await open(t, { hash: '#/workspaces' });
  await page.waitForSelector('#ora-key');
  await tabTo(page, () => document.activeElement.id === 'ora-key');
  await page.keyboard.type(KEY);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-ws-table');
  await tabTo(page, () => document.activeElement.tagName === 'A' && document.activeElement.textContent === 'Research');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/workspaces/research'));
  await page.waitForSelector('.ora-tabs');
  await tabTo(page, () => document.activeElement.closest('.ora-tabs') && document.activeElement.textContent === 'API keys');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-key-table');
  await tabTo(page, () => document.activeElement.id === 'ora-new-key');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ora-key-name');
  assert.ok(await inDialog(page));
  await tabTo(page, () => document.activeElement.id === 'ora-key-name');
  await page.keyboard.type('e2e-keyboard');
  await page.keyboard.press('Enter'); // submits the form
  await page.waitForSelector('#ora-secret');
  assert.ok(await inDialog(page), `focus not in the secret dialog: ${await focused(page)}`);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('#ora-secret').count(), 1, 'Escape closed the secret dialog');
  await tabTo(page, () => document.activeElement.id === 'ora-secret-ack', { max: 10 });
  await page.keyboard.press('Space');
  assert.ok(await page.isChecked('#ora-secret-ack'));
  await tabTo(page, () => document.activeElement.id === 'ora-secret-done', { max: 10 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#ora-secret'));
  await page.waitForFunction(() => document.activeElement?.id === 'ora-new-key');
  // Find the new key by searching, select it with Space, disable it from the bulk bar.
  await tabTo(page, () => document.activeElement.id === 'ora-key-search', { back: true });
  await page.keyboard.type('e2e-keyboard');
  await page.waitForFunction(() => document.querySelectorAll('#ora-key-table tbody tr a').length === 1);
  await tabTo(page, () => document.activeElement.getAttribute('aria-label') === 'Select e2e-keyboard');
  await page.keyboard.press('Space');
  await page.waitForSelector('#ora-bulk-disable');
  await tabTo(page, () => document.activeElement.id === 'ora-bulk-disable', { back: true });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#ora-bulk-results')?.innerText.includes('e2e-keyboard: disabled'));
  await shot(page, 'keyboard-bulk');
});
