// Members of a workspace (add through the picker, remove with outcomes) and of the organization.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { signedIn, text, shot } from '../lib/browser.mjs';

test('members: names and emails, add through the picker, remove with outcomes (SCIM, keys)', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/staging/members' });
  await page.waitForSelector('#ora-member-table');
  assert.ok((await text(page, '#ora-member-table')).includes('Alan Turing'));
  assert.ok((await text(page, '#ora-member-table')).includes('@'));
  await page.click('#ora-add-members');
  await page.fill('#ora-picker-search', 'Knuth');
  await page.check('.ora-picker label:has-text("Donald Knuth") input');
  await page.fill('#ora-picker-search', 'Radia');
  await page.check('.ora-picker label:has-text("Radia Perlman") input');
  await page.fill('#ora-picker-search', '');
  await shot(page, 'members-picker');
  await page.click('#ora-picker-add');
  await page.waitForSelector('#ora-member-results');
  const added = await text(page, '#ora-member-results');
  assert.match(added, /All 2 added/);
  assert.equal(await page.getAttribute('#ora-member-results', 'class'), 'ora-alert ora-alert-ok');
  assert.match(added, /Donald Knuth: added/);
  assert.match(added, /Radia Perlman: added/);
  await page.waitForFunction(() => document.querySelector('#ora-member-table').innerText.includes('Radia Perlman'));
  // Katherine Johnson is in Staging through the demo's Engineering group (a SCIM mapping).
  for (const who of ['Katherine Johnson', 'Radia Perlman', 'Alan Turing']) {
    await page.check(`#ora-member-table tr:has-text("${who}") input`);
  }
  await page.click('#ora-remove-members');
  await page.fill('#ora-confirm-name', 'Staging');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => document.querySelector('#ora-member-results')?.innerText.includes('removed'));
  const out = await text(page, '#ora-member-results');
  assert.match(out, /Radia Perlman: removed/);
  assert.match(out, /Katherine Johnson: kept: managed by SCIM/);
  assert.match(out, /Alan Turing: kept: holds active API keys/);
  // Any kept user turns the panel amber, and the heading says how many, not the colour alone.
  assert.equal(await text(page, '#ora-member-results-head'), '2 of 3 kept');
  assert.equal(await page.getAttribute('#ora-member-results', 'class'), 'ora-alert ora-alert-warn');
  for (const [scheme, bg] of [['light', 'rgb(254, 243, 199)'], ['dark', 'rgb(51, 38, 10)']]) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#ora-member-results')).backgroundColor), bg);
    const axe = await new AxeBuilder({ page }).include('#ora-member-results').withTags(['wcag2a', 'wcag2aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), [], `outcome panel (${scheme})`);
    await shot(page, `members-outcome-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('organization members: list and search', async (t) => {
  const { page } = await signedIn(t, { hash: '#/members' });
  await page.waitForSelector('#ora-org-table');
  assert.equal(await page.locator('#ora-org-table tbody tr').count(), 12);
  await page.fill('#ora-org-search', 'hopper');
  await page.waitForFunction(() => document.querySelectorAll('#ora-org-table tbody tr').length === 1);
});
