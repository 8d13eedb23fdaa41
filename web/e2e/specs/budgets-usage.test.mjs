// Budgets (the shrinking rule) and usage charts.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, go, shot } from '../lib/browser.mjs';
import { api } from '../lib/sandbox.mjs';

test('budgets: set, the shrinking rule explained where it bites, remove', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/support-bot/budgets' });
  await page.waitForSelector('#ora-budget-monthly');
  await page.fill('#ora-budget-monthly', '100');
  await page.click('#ora-budget-monthly-save');
  await page.waitForFunction(() => document.querySelector('#ora-budget-monthly-remove'));
  await page.fill('#ora-budget-weekly', '150');
  await page.waitForFunction(() => document.querySelector('#ora-budget-weekly-error').textContent.includes('shrink'));
  assert.ok(await page.isDisabled('#ora-budget-weekly-save'));
  await shot(page, 'budgets-rule');
  await page.fill('#ora-budget-weekly', '30');
  await page.click('#ora-budget-weekly-save');
  await page.waitForFunction(() => document.querySelector('#ora-budget-weekly-remove'));
  const ws = (await api('GET', '/workspaces/support-bot')).json.data;
  let list = (await api('GET', `/workspaces/${ws.id}/budgets`)).json.data;
  assert.equal(list.length, 2);
  await page.click('#ora-budget-weekly-remove');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => !document.querySelector('#ora-budget-weekly-remove'));
  list = (await api('GET', `/workspaces/${ws.id}/budgets`)).json.data;
  assert.equal(list.length, 1);
  await shot(page, 'budgets');
});

test('usage: per-key bars and SVG charts of spend by window and top keys', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/production/usage' });
  await page.waitForSelector('svg.ora-chart');
  assert.equal(await page.locator('svg.ora-chart').count(), 3);
  assert.ok((await page.locator('svg.ora-chart').nth(1).locator('rect').count()) >= 5);
  assert.match(await page.locator('svg.ora-chart').first().getAttribute('aria-label'), /This month: \$/);
  await shot(page, 'usage');
  await go(page, '#/workspaces/production/keys');
  await page.waitForSelector('#ora-key-table .ora-bar-track[role=meter]');
});
