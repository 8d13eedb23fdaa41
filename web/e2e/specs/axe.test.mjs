// axe on every route, light and dark: 0 WCAG 2.2 AA violations.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { open, signIn, go, shot } from '../lib/browser.mjs';
import { api } from '../lib/sandbox.mjs';

// `YYYY-MM` of the previous calendar month (UTC), the chargeback's.
function lastMonth() {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

const ROUTES = [
  ['signin', null],
  ['workspaces', '#/workspaces'],
  ['workspace-new', '#/workspaces/new'],
  ['workspace-settings', '#/workspaces/production'],
  ['workspace-members', '#/workspaces/production/members'],
  ['workspace-keys', '#/workspaces/production/keys'],
  ['workspace-budgets', '#/workspaces/production/budgets'],
  ['workspace-usage', '#/workspaces/production/usage'],
  ['key', 'KEY'],
  ['org-members', '#/members'],
  ['analytics', '#/analytics'],
  ['analytics-chargeback', `#/analytics?cb=${lastMonth()}`],
  ['identity', '#/identity'],
  ['plan', '#/plan'],
  ['dialog-add-mapping', '#/identity'],
  ['dialog-delete-mapping', '#/identity'],
  ['not-found', '#/nowhere'],
  ['dialog-create-key', '#/workspaces/production/keys'],
  ['dialog-delete-default', '#/workspaces/default'],
];
// Routes that are a dialog: the button that opens it, and what shows it is open.
const DIALOGS = {
  'dialog-create-key': ['#ora-new-key', '#ora-key-name'],
  'dialog-delete-default': ['#ora-delete-ws', '#ora-confirm-name'],
  'dialog-add-mapping': ['#ora-idp-add', '#ora-map-group'],
  'dialog-delete-mapping': ['#ora-idp-table button.ora-btn-danger', '#ora-unmap-members'],
};
const READY = {
  workspaces: '#ora-ws-table', 'workspace-new': '#ora-ws-name', 'workspace-settings': '#ora-ws-name',
  'workspace-members': '#ora-member-table', 'workspace-keys': '#ora-key-table tbody a', 'workspace-budgets': '#ora-budget-daily',
  'workspace-usage': 'svg.ora-chart', key: '#ora-edit-name', 'org-members': '#ora-org-table', 'not-found': 'h1',
  analytics: '#ora-analytics-table tbody tr', 'analytics-chargeback': '#ora-cb-external_user-total',
  'dialog-create-key': '#ora-key-table tbody a', 'dialog-delete-default': '#ora-delete-ws',
  identity: '#ora-idp-table', plan: '#ora-plan-text', 'dialog-add-mapping': '#ora-idp-add', 'dialog-delete-mapping': '#ora-idp-table button.ora-btn-danger',
};
for (const scheme of ['light', 'dark']) {
  test(`axe: 0 violations on every route (${scheme})`, async (t) => {
    const keyHash = (await api('GET', `/keys?workspace_id=${(await api('GET', '/workspaces/production')).json.data.id}`)).json.data[0].hash;
    const failures = [];
    const { page } = await open(t, { colorScheme: scheme });
    await page.waitForSelector('#ora-key');
    for (const [name, hash] of ROUTES) {
      if (hash) {
        if (!(await page.locator('#ora-main').count())) {
          await signIn(page);
          await page.waitForSelector('#ora-main');
        }
        await go(page, hash === 'KEY' ? `#/keys/${keyHash}` : hash);
        await page.waitForSelector(READY[name]);
        if (DIALOGS[name]) {
          await page.click(DIALOGS[name][0]);
          await page.waitForSelector(DIALOGS[name][1]);
        }
      }
      await page.waitForTimeout(200);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .options({ rules: { 'target-size': { enabled: true } } })
        .analyze();
      for (const v of result.violations) {
        failures.push(`${name}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      await shot(page, `route-${name}-${scheme}`);
      if (DIALOGS[name]) await page.keyboard.press('Escape');
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}
