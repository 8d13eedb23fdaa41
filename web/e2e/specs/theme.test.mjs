// Dark mode: follows the system, and the toggle's choice outlives a reload.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn, signedIn } from '../lib/browser.mjs';

test('dark mode follows the system and the toggle', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces', colorScheme: 'dark' });
  await page.waitForSelector('#ora-ws-table');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(11, 13, 18)');
  await page.click('#ora-theme'); // system -> light
  assert.equal(await bg(), 'rgb(247, 248, 250)');
  // The choice outlives a reload, and the sign-in screen (the first-load module) follows it too.
  await page.reload();
  await page.waitForSelector('#ora-key');
  assert.equal(await page.getAttribute('html', 'data-ora-theme'), 'light');
  assert.equal(await bg(), 'rgb(247, 248, 250)');
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  await page.click('#ora-theme'); // light -> dark
  assert.equal(await page.getAttribute('html', 'data-ora-theme'), 'dark');
  assert.equal(await bg(), 'rgb(11, 13, 18)');
  await page.click('#ora-theme'); // back to system
});
