// The workspace's BYOK and Observability tabs: the provider key sent once and then nowhere
// (DOM, storage, console, URL), edit and delete; destinations grouped per type, the
// 5-per-type limit explained before the API refuses, and a sixth refused and explained; axe
// on both tabs, light and dark.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, signedIn, signIn, go, shot } from '../lib/browser.mjs';
import { api } from '../lib/sandbox.mjs';
import { consoleLines, traces } from '../lib/safety.mjs';
import { assertAxe } from '../lib/axe.mjs';

const PROVIDER_KEY = 'sk-proj-E2E-PROVIDER-SECRET-0123456789wxyz';
const ROTATED = 'sk-proj-E2E-ROTATED-SECRET-9876543210abcd';

async function wsId(slug) {
  return (await api('GET', `/workspaces/${slug}`)).json.data.id;
}


test('byok: add a provider key: sent once, then in neither DOM, storage, console nor URL', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/support-bot/byok' });
  const sent = [];
  page.on('request', (r) => {
    const body = r.postData() ?? '';
    if (body.includes(PROVIDER_KEY) || r.url().includes(PROVIDER_KEY)) sent.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await page.waitForSelector('#ora-byok-empty');
  await page.click('#ora-byok-add');
  await page.waitForSelector('#ora-byok-key');
  assert.equal(await page.getAttribute('#ora-byok-key', 'type'), 'password');
  assert.equal(await page.getAttribute('#ora-byok-key', 'autocomplete'), 'new-password');
  await page.click('#ora-byok-save'); // no key yet: the error beside the field, nothing sent
  await page.waitForFunction(() => document.querySelector('#ora-byok-key-error').textContent.length > 0);
  await page.selectOption('#ora-byok-provider', 'anthropic');
  await page.fill('#ora-byok-name', 'Support Anthropic');
  await page.fill('#ora-byok-key', PROVIDER_KEY);
  // Fallback and BYOK-only together: explained before sending.
  await page.check('#ora-byok-only');
  await page.check('#ora-byok-fallback');
  await page.click('#ora-byok-save');
  await page.waitForFunction(() => document.querySelector('#ora-byok-only-error').textContent.includes('is_fallback'));
  assert.deepEqual(sent, [], 'nothing sent while the form is invalid');
  await page.uncheck('#ora-byok-fallback');
  await page.selectOption('#ora-byok-zdr', 'yes');
  await shot(page, 'byok-add');
  // The typed key is in the field's live value only, never in the markup.
  assert.ok(!(await page.content()).includes(PROVIDER_KEY), 'the key is not an attribute');
  await page.click('#ora-byok-save');
  await page.waitForSelector('#ora-byok-table');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.deepEqual(sent, ['POST /api/v1/byok'], 'sent once, in the create');
  const listed = (await api('GET', `/byok?workspace_id=${await wsId('support-bot')}`)).json.data;
  assert.equal(listed.length, 1);
  const made = listed[0];
  assert.equal(made.provider, 'anthropic');
  assert.equal(made.is_byok_only, true);
  assert.equal(made.declared_zdr, true);
  assert.equal(made.label, 'sk-...wxyz');
  assert.ok((await page.innerText('#ora-byok-table')).includes('sk-...wxyz'), 'the masked label is shown');
  const after = await traces(page);
  assert.ok(!after.includes(PROVIDER_KEY), 'the key is gone from the page');
  assert.ok(!consoleLines.some((l) => l.includes(PROVIDER_KEY)), 'never in the console');
  // Reopening the edit dialog shows an empty key field: the key is never shown again.
  await page.click(`#ora-byok-edit-${made.id}`);
  await page.waitForSelector('#ora-byok-key');
  assert.equal(await page.inputValue('#ora-byok-key'), '');
  await shot(page, 'byok-edit');
  // Replace the key and rename: only what changed is sent.
  let patch;
  page.on('request', (r) => { if (r.method() === 'PATCH') patch = JSON.parse(r.postData()); });
  await page.fill('#ora-byok-key', ROTATED);
  await page.fill('#ora-byok-name', 'Support Anthropic (rotated)');
  await page.click('#ora-byok-save');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  await page.waitForFunction(() => document.querySelector('#ora-byok-table').innerText.includes('sk-...abcd'));
  assert.deepEqual(Object.keys(patch).sort(), ['key', 'name']);
  const html = await traces(page);
  assert.ok(!html.includes(ROTATED) && !html.includes(PROVIDER_KEY));
  assert.ok(!consoleLines.some((l) => l.includes(ROTATED)));
  await shot(page, 'byok');
  // Delete, confirmed by name.
  await page.click(`#ora-byok-delete-${made.id}`);
  await page.fill('#ora-confirm-name', 'Support Anthropic (rotated)');
  await page.click('#ora-confirm');
  await page.waitForSelector('#ora-byok-empty');
  assert.equal((await api('GET', `/byok?workspace_id=${await wsId('support-bot')}`)).json.data.length, 0);
});

test('byok: a refusal by the API shows in the dialog, which keeps the input; closed, the key is gone', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/production/byok' });
  await page.waitForSelector('#ora-byok-table');
  const list = (await api('GET', `/byok?workspace_id=${await wsId('production')}`)).json.data;
  const bedrock = list.find((k) => k.provider === 'amazon-bedrock');
  assert.ok(!bedrock.is_fallback && !bedrock.is_byok_only);
  await page.click(`#ora-byok-edit-${bedrock.id}`);
  await page.waitForSelector('#ora-byok-only');
  // Someone makes it a fallback behind the page's back; the page asks for BYOK-only.
  await api('PATCH', `/byok/${bedrock.id}`, { is_fallback: true });
  await page.check('#ora-byok-only');
  await page.fill('#ora-byok-key', PROVIDER_KEY);
  await page.click('#ora-byok-save');
  await page.waitForSelector('#ora-byok-error');
  assert.match(await page.innerText('#ora-byok-error'), /is_byok_only: cannot be combined with is_fallback/);
  assert.equal(await page.inputValue('#ora-byok-key'), PROVIDER_KEY, 'the input is kept while the dialog is open');
  const now = (await api('GET', `/byok/${bedrock.id}`)).json.data;
  assert.equal(now.is_byok_only, false, 'nothing changed');
  assert.equal(now.label, bedrock.label, 'the key was not replaced');
  await page.click('dialog button:has-text("Cancel")');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.ok(!(await traces(page)).includes(PROVIDER_KEY), 'closed, the key is gone from the page');
  assert.ok(!consoleLines.some((l) => l.includes(PROVIDER_KEY)));
});

test('observability: grouped per type; a full type says why; a sixth is refused and explained', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/staging/observability' });
  // The demo's staging holds five webhooks: the webhook button is disabled and says why.
  await page.waitForSelector('#ora-dest-webhook');
  assert.ok(await page.isDisabled('#ora-dest-add-webhook'));
  const why = await page.innerText('#ora-dest-full-webhook');
  assert.match(why, /5 of 5 Webhook destinations: a workspace can have at most 5 of one type/);
  assert.equal(await page.getAttribute('#ora-dest-add-webhook', 'aria-describedby'), 'ora-dest-full-webhook');
  assert.match(await page.innerText('#ora-dest-group-webhook'), /5 of 5/);
  // The general add dialog offers it only as full.
  await page.click('#ora-dest-add');
  await page.waitForSelector('#ora-dest-type');
  const option = page.locator('#ora-dest-type option[value=webhook]');
  assert.ok(await option.isDisabled());
  assert.match(await option.innerText(), /full: 5 of 5/);
  await shot(page, 'observability-full');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));

  // Add a Langfuse destination in Europe; its secret key is sent once and never shown.
  const secret = 'sk-lf-E2E-LANGFUSE-SECRET-000111222';
  await page.click('#ora-dest-add');
  await page.selectOption('#ora-dest-type', 'langfuse');
  await page.fill('#ora-dest-name', 'Staging Langfuse');
  await page.fill('#ora-dest-config-publicKey', 'pk-lf-e2e');
  assert.equal(await page.getAttribute('#ora-dest-config-secretKey', 'type'), 'password');
  await page.click('#ora-dest-save'); // no secret key: named beside its field
  await page.waitForFunction(() => document.querySelector('#ora-dest-config-secretKey-error').textContent.includes('required'));
  await page.fill('#ora-dest-config-secretKey', secret);
  await page.uncheck('#ora-dest-region-global');
  await page.click('#ora-dest-save'); // no region: refused before sending
  await page.waitForFunction(() => document.querySelector('#ora-dest-regions-error').textContent.length > 0);
  await page.check('#ora-dest-region-europe');
  await page.click('#ora-dest-save');
  await page.waitForSelector('#ora-dest-langfuse');
  const ws = await wsId('staging');
  const lf = (await api('GET', `/observability/destinations?workspace_id=${ws}`)).json.data.find((d) => d.type === 'langfuse');
  assert.deepEqual(lf.regions, ['europe']);
  assert.ok(!(await traces(page)).includes(secret), 'the secret is gone from the page');
  assert.match(await page.innerText('#ora-dest-group-langfuse'), /1 of 5/);

  // A sixth Langfuse behind the page's back: fill up to four, open the dialog, then a fifth
  // arrives elsewhere, and the page's is the sixth.
  for (let i = 0; i < 3; i++) {
    await api('POST', '/observability/destinations', {
      type: 'langfuse', name: `Elsewhere ${i}`, workspace_id: ws, config: { publicKey: 'p', secretKey: 's' },
    });
  }
  await go(page, '#/workspaces/staging/settings');
  await go(page, '#/workspaces/staging/observability');
  await page.waitForFunction(() => document.querySelector('#ora-dest-group-langfuse')?.innerText.includes('4 of 5'));
  await page.click('#ora-dest-add-langfuse');
  await page.fill('#ora-dest-name', 'One too many');
  await page.fill('#ora-dest-config-publicKey', 'pk');
  await page.fill('#ora-dest-config-secretKey', 'sk-lf-late');
  await api('POST', '/observability/destinations', {
    type: 'langfuse', name: 'The fifth', workspace_id: ws, config: { publicKey: 'p', secretKey: 's' },
  });
  await page.click('#ora-dest-save');
  await page.waitForSelector('#ora-dest-error');
  assert.match(await page.innerText('#ora-dest-error'), /Not added\. 5 of 5 Langfuse destinations: a workspace can have at most 5 of one type\. Delete one to add another\./);
  await shot(page, 'observability-sixth');
  const count = (await api('GET', `/observability/destinations?workspace_id=${ws}`)).json.data.filter((d) => d.type === 'langfuse').length;
  assert.equal(count, 5, 'the sixth was refused');
  await page.keyboard.press('Escape');
  // The list behind read again: Langfuse is full now, and says so.
  await page.waitForFunction(() => document.querySelector('#ora-dest-add-langfuse')?.disabled);
  assert.match(await page.innerText('#ora-dest-full-langfuse'), /5 of 5 Langfuse/);

  // Edit: regions left alone stay; delete confirmed by name makes room again.
  await page.click(`#ora-dest-edit-${lf.id}`);
  await page.waitForSelector('#ora-dest-config-secretKey');
  assert.equal(await page.inputValue('#ora-dest-config-secretKey'), '', 'a credential is never shown again');
  await page.uncheck('#ora-dest-enabled');
  let patch;
  page.on('request', (r) => { if (r.method() === 'PATCH') patch = JSON.parse(r.postData()); });
  await page.click('#ora-dest-save');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.deepEqual(patch, { enabled: false }, 'only what changed');
  assert.deepEqual((await api('GET', `/observability/destinations/${lf.id}`)).json.data.regions, ['europe']);
  await page.click(`#ora-dest-delete-${lf.id}`);
  await page.fill('#ora-confirm-name', 'Staging Langfuse');
  await page.click('#ora-confirm');
  await page.waitForFunction(() => !document.querySelector('#ora-dest-add-langfuse')?.disabled);
  await shot(page, 'observability');
});

for (const scheme of ['light', 'dark']) {
  test(`axe: 0 violations on the BYOK and Observability tabs and their dialogs (${scheme})`, async (t) => {
    const { page } = await open(t, { colorScheme: scheme });
    await signIn(page);
    await page.waitForSelector('#ora-main');
    const views = [
      ['byok', '#/workspaces/production/byok', '#ora-byok-table', null],
      ['byok-dialog', '#/workspaces/production/byok', '#ora-byok-table', ['#ora-byok-add', '#ora-byok-key']],
      ['observability', '#/workspaces/staging/observability', '#ora-dest-webhook', null],
      ['observability-dialog', '#/workspaces/production/observability', '#ora-dest-langfuse', ['#ora-dest-add', '#ora-dest-type']],
      ['observability-empty', '#/workspaces/support-bot/observability', '#ora-dest-empty', null],
    ];
    for (const [name, hash, ready, dialog] of views) {
      await go(page, '#/workspaces');
      await go(page, hash);
      await page.waitForSelector(ready);
      if (dialog) {
        await page.click(dialog[0]);
        await page.waitForSelector(dialog[1]);
      }
      await page.waitForTimeout(200);
      await shot(page, `route-${name}-${scheme}`);
      await assertAxe(page, `${name} (${scheme})`);
      if (dialog) await page.keyboard.press('Escape');
    }
  });
}
