// Every create dialog of a workspace's settings (guardrail, BYOK provider key, destination):
// when the create's answer is lost after the commit (the sandbox's `commit_then_drop`), Save
// stays off, the page searches with progress, says "found" and opens it, and a double click or
// Enter never makes a second one, counted through the API. axe on the new states, light and
// dark. The BYOK provider key is in no DOM, storage, console or URL once the dialog is closed.
// (Keys and workspaces: lost-answers.test.mjs.) The identity provider's mapping add, the last
// create of the page, is below the three: its retry answers the same mapping, so a lost answer
// ends either with the core's retry's answer or with the search finding it, exactly one both ways.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot } from '../lib/browser.mjs';
import { api, control, fault } from '../lib/sandbox.mjs';
import { consoleLines, traces } from '../lib/safety.mjs';
import { assertAxe } from '../lib/axe.mjs';

const PROVIDER_KEY = 'sk-ant-E2E-LOST-PROVIDER-SECRET-5555aaaa';
const wsId = async (slug) => (await api('GET', `/workspaces/${slug}`)).json.data.id;

const CREATES = [
  {
    what: 'guardrail',
    hash: '#/workspaces/staging/guardrails',
    ready: '#ora-guardrail-table',
    open: '#ora-new-guardrail',
    save: '#ora-gr-save',
    post: '/api/v1/guardrails',
    list: '/api/v1/guardrails',
    async fill(page, name) {
      await page.fill('#ora-gr-name', name);
      await page.fill('#ora-gr-ignored-providers', 'deepinfra');
    },
    async count(name) {
      const all = (await api('GET', `/guardrails?workspace_id=${await wsId('staging')}&limit=100`)).json.data;
      return all.filter((g) => g.name === name).length;
    },
  },
  {
    what: 'provider key',
    hash: '#/workspaces/support-bot/byok',
    ready: '#ora-byok-empty, #ora-byok-table',
    open: '#ora-byok-add',
    save: '#ora-byok-save',
    post: '/api/v1/byok',
    list: '/api/v1/byok',
    async fill(page, name) {
      await page.selectOption('#ora-byok-provider', 'anthropic');
      await page.fill('#ora-byok-name', name);
      await page.fill('#ora-byok-key', PROVIDER_KEY);
    },
    async count(name) {
      const all = (await api('GET', `/byok?workspace_id=${await wsId('support-bot')}`)).json.data;
      return all.filter((k) => k.name === name).length;
    },
  },
  {
    what: 'destination',
    hash: '#/workspaces/staging/observability',
    ready: '#ora-dest-add',
    open: '#ora-dest-add',
    save: '#ora-dest-save',
    post: '/api/v1/observability/destinations',
    list: '/api/v1/observability/destinations',
    async fill(page, name) {
      await page.selectOption('#ora-dest-type', 'posthog');
      await page.fill('#ora-dest-name', name);
      await page.fill('#ora-dest-config-apiKey', 'phc-e2e-lost');
    },
    async count(name) {
      const all = (await api('GET', `/observability/destinations?workspace_id=${await wsId('staging')}`)).json.data;
      return all.filter((d) => d.name === name).length;
    },
  },
];

for (const c of CREATES) {
  for (const scheme of ['light', 'dark']) {
    test(`${c.what}: answer lost after the commit: searched, found, never twice (${scheme})`, async (t) => {
      const name = `lost ${c.what} ${scheme} ${Date.now()}`;
      const { page } = await signedIn(t, { hash: c.hash, colorScheme: scheme });
      await page.waitForSelector(c.ready);
      await fault('POST', c.post, [{ commit_then_drop: true }]);
      // The search is slowed, so its progress can be seen (and looked at by axe).
      await fault('GET', c.list, [{ delay_ms: 1500 }]);
      await page.click(c.open);
      await page.waitForSelector(c.save);
      await c.fill(page, name);
      await page.dblclick(c.save);
      await page.waitForSelector('progress.ora-progress');
      assert.match(await text(page, '.ora-lost'), /may or may not have been created/);
      assert.doesNotMatch(await text(page, 'dialog[open]'), /CORS|fetch/i, 'the page\'s words, not the core\'s');
      assert.ok(await page.isDisabled(c.save), 'no second create while searching');
      await page.keyboard.press('Enter');
      await assertAxe(page, `lost-${c.what}-searching-${scheme}`);
      await shot(page, `lost-${c.what.replace(' ', '-')}-searching-${scheme}`);
      await page.waitForSelector('#ora-lost-found', { timeout: 20000 });
      assert.equal(await c.count(name), 1, `exactly one ${c.what}`);
      assert.ok(await page.isDisabled(c.save), 'found: creating stays off');
      await page.press(c.save, 'Enter').catch(() => {});
      await page.dblclick(c.save, { force: true });
      await page.waitForTimeout(500);
      assert.equal(await c.count(name), 1, `still exactly one ${c.what}`);
      const found = await text(page, '#ora-lost-found');
      assert.match(found, new RegExp(`The ${c.what} was created`));
      if (c.what === 'provider key') {
        assert.match(found, /stored/);
        assert.ok(!found.includes(PROVIDER_KEY), 'found, not shown');
      }
      await assertAxe(page, `lost-${c.what}-found-${scheme}`);
      await shot(page, `lost-${c.what.replace(' ', '-')}-found-${scheme}`);
      // "Open it" opens the one that was made, in its edit dialog.
      await page.click('#ora-lost-open');
      await page.waitForFunction((n) => document.querySelector('dialog[open] h2')?.textContent.includes('Edit') || document.querySelector('dialog[open]')?.innerText.includes(n), name);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog[open]'));
      assert.equal(await c.count(name), 1);
      if (c.what === 'provider key') {
        const all = await traces(page);
        assert.ok(!all.includes(PROVIDER_KEY), 'the provider key is nowhere in the page');
        assert.ok(!consoleLines.join('\n').includes(PROVIDER_KEY), 'nor in the console');
      }
    });
  }
}

test('guardrail: nothing made (dropped before the commit): "Create again" makes the one', async (t) => {
  const name = `not made ${Date.now()}`;
  const c = CREATES[0];
  const { page } = await signedIn(t, { hash: c.hash });
  await page.waitForSelector(c.ready);
  await fault('POST', c.post, [{ drop: true }]);
  await page.click(c.open);
  await c.fill(page, name);
  await page.click(c.save);
  await page.waitForFunction(() => document.querySelector('#ora-gr-save')?.textContent.includes('Create again'), null, { timeout: 20000 });
  assert.equal(await c.count(name), 0);
  await assertAxe(page, 'lost-guardrail-not-found');
  await page.click(c.save);
  await page.waitForFunction(() => !document.querySelector('dialog[open]'), null, { timeout: 20000 });
  assert.equal(await c.count(name), 1);
});

// A SCIM group mapping (group, workspace, role): a create the core retries, since the API
// answers the same mapping again (201) rather than making a second. Mapped nowhere in the demo:
// Finance.
const financeMappings = async () => {
  const finance = (await api('GET', '/scim/groups?limit=100')).json.data.find((g) => g.display_name === 'Finance').id;
  return (await api('GET', '/scim/group-mappings?limit=100')).json.data.filter((m) => m.scim_group_id === finance);
};

async function addFinanceMapping(page, scheme) {
  await page.click('#ora-idp-add');
  await page.waitForSelector('#ora-map-group');
  await page.selectOption('#ora-map-group', { label: 'Finance' });
  await page.selectOption('#ora-map-workspace', { label: scheme === 'light' ? 'Production' : 'Research' });
  await page.dblclick('#ora-map-save');
}

for (const scheme of ['light', 'dark']) {
  test(`mapping: answer lost after the commit on every attempt: searched, found, never twice (${scheme})`, async (t) => {
    await control('POST', 'reset');
    const { page } = await signedIn(t, { hash: '#/identity', colorScheme: scheme });
    await page.waitForSelector('#ora-idp-table');
    // Every attempt the core makes (3) commits, then loses its answer.
    await fault('POST', '/api/v1/scim/group-mappings', [{ commit_then_drop: true }, { commit_then_drop: true }, { commit_then_drop: true }]);
    await fault('GET', '/api/v1/scim/group-mappings', [{ delay_ms: 1500 }]);
    await addFinanceMapping(page, scheme);
    await page.waitForSelector('progress.ora-progress');
    assert.match(await text(page, '.ora-lost'), /may or may not have been created/);
    assert.ok(await page.isDisabled('#ora-map-save'), 'no second create while searching');
    await page.keyboard.press('Enter');
    await assertAxe(page, `lost-mapping-searching-${scheme}`);
    await page.waitForSelector('#ora-lost-found', { timeout: 20000 });
    assert.match(await text(page, '#ora-lost-found'), /The mapping was created/);
    assert.equal((await financeMappings()).length, 1, 'exactly one mapping');
    assert.ok(await page.isDisabled('#ora-map-save'), 'found: creating stays off');
    await page.dblclick('#ora-map-save', { force: true });
    await page.waitForTimeout(500);
    assert.equal((await financeMappings()).length, 1, 'still exactly one mapping');
    await assertAxe(page, `lost-mapping-found-${scheme}`);
    await shot(page, `lost-mapping-found-${scheme}`);
    await page.click('#ora-lost-open');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.waitForFunction((id) => document.querySelector(`#ora-idp-delete-${id}`), (await financeMappings())[0].id);
  });
}

test('mapping: one answer lost (commit_then_drop): the core\'s retry gets the same mapping, exactly one', async (t) => {
  await control('POST', 'reset');
  const { page } = await signedIn(t, { hash: '#/identity' });
  await page.waitForSelector('#ora-idp-table');
  await fault('POST', '/api/v1/scim/group-mappings', [{ commit_then_drop: true }]);
  await addFinanceMapping(page, 'light');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'), null, { timeout: 20000 });
  assert.equal((await financeMappings()).length, 1, 'exactly one mapping');
  const posts = (await control('GET', 'log')).requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/scim/group-mappings');
  assert.equal(posts.length, 2, 'sent once, retried once');
});
