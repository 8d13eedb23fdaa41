// The identity-provider view (SCIM groups, their workspace mappings, sync): every write goes
// through the page's buttons, and what it did is counted through the API, read by the test
// directly from the demo sandbox. The demo's provider (crates/openrouter-sandbox/src/seed_scim.rs):
// Engineering = Katherine Johnson, Margaret Hamilton, Dennis Ritchie → Staging as member;
// Platform Admins = Barbara Liskov, Dennis Ritchie → Staging as admin; Research Scientists →
// Research; Support → Support Bot; Finance mapped nowhere. The control route
// POST /__sandbox/scim plays the provider.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot } from '../lib/browser.mjs';
import { api, control, fault } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';

const workspace = async (slug) => (await api('GET', `/workspaces/${slug}`)).json.data;
const groupId = async (name) => (await api('GET', '/scim/groups?limit=100')).json.data.find((g) => g.display_name === name).id;
const mappings = async () => (await api('GET', '/scim/group-mappings?limit=100')).json.data;
const mappingOf = async (group, slug) => {
  const [g, ws] = [await groupId(group), (await workspace(slug)).id];
  return (await mappings()).find((m) => m.scim_group_id === g && m.workspace_id === ws);
};
const userId = async (name) => {
  const all = (await api('GET', '/organization/members?limit=100')).json.data;
  return all.find((m) => `${m.first_name} ${m.last_name}` === name).id;
};
// The workspace's members as the API has them: user id → role.
const membersOf = async (slug) => {
  const ws = await workspace(slug);
  const all = (await api('GET', `/workspaces/${ws.id}/members?limit=100`)).json.data;
  return Object.fromEntries(all.map((m) => [m.user_id, m.role]));
};
const without = (members, ids) => Object.fromEntries(Object.entries(members).filter(([id]) => !ids.includes(id)));

// Deletes `group`'s mapping to `slug` through the page's dialog, choosing `choice`.
async function deleteThroughPage(page, group, slug, choice) {
  const m = await mappingOf(group, slug);
  await page.click(`#ora-idp-delete-${m.id}`);
  await page.waitForSelector('#ora-unmap-members');
  return m;
}

test('identity: "remove members" removes exactly the access that came only from the mapping', async (t) => {
  await control('POST', 'reset');
  const [katherine, margaret, dennis, barbara, alan] = await Promise.all(
    ['Katherine Johnson', 'Margaret Hamilton', 'Dennis Ritchie', 'Barbara Liskov', 'Alan Turing'].map(userId));
  // Alan Turing, a member of Staging added by hand, joins Engineering too: a manual member is
  // never touched by a mapping.
  await control('POST', 'scim', { event: 'join', group_id: await groupId('Engineering'), user_id: alan });
  const before = await membersOf('staging');
  for (const id of [katherine, margaret, dennis, barbara, alan]) assert.ok(before[id], `${id} is in Staging before`);
  assert.equal(before[dennis], 'admin', 'Dennis: the higher role of his two groups');

  const { page } = await signedIn(t, { hash: '#/identity' });
  await page.waitForSelector('#ora-idp-table');
  assert.match(await text(page, '#ora-idp-table'), /Finance[\s\S]*Not mapped/);
  const m = await deleteThroughPage(page, 'Engineering', 'staging');
  const dialog = await text(page, 'dialog[open]');
  assert.match(dialog, /Delete the mapping Engineering → Staging/);
  assert.match(dialog, /cannot say exactly who loses access/, 'the page says it cannot know, rather than guess');
  assert.match(dialog, /Also mapped to Staging: Platform Admins \(admin\)/);
  for (const who of ['Katherine Johnson', 'Margaret Hamilton', 'Dennis Ritchie']) {
    assert.ok((await text(page, '#ora-unmap-members')).includes(who), `${who} listed as may lose access`);
  }
  // No default: without a choice nothing is sent, and the dialog says what to choose.
  assert.equal(await page.isChecked('#ora-unmap-keep'), false);
  assert.equal(await page.isChecked('#ora-unmap-remove'), false);
  await page.click('#ora-unmap-confirm');
  assert.match(await text(page, '#ora-unmap-choice-error'), /Keep or remove members: choose/);
  assert.equal((await mappings()).length, 4, 'nothing deleted without a choice');
  await assertAxe(page, 'identity-delete-light');
  await shot(page, 'identity-delete-light');
  await page.check('#ora-unmap-remove');
  await page.dblclick('#ora-unmap-confirm');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.equal((await api('GET', `/scim/group-mappings/${m.id}`)).status, 404);
  await page.waitForFunction((id) => !document.querySelector(`#ora-idp-delete-${id}`), m.id);

  const after = await membersOf('staging');
  // Katherine and Margaret came only through Engineering; Dennis keeps Platform Admins' admin
  // role; Barbara (Platform Admins) and Alan (by hand) are untouched; nobody else changed.
  assert.deepEqual(after, without(before, [katherine, margaret]));
  assert.equal(after[dennis], 'admin');
  assert.equal((await mappings()).length, 3, 'exactly one mapping deleted (double click)');
});

test('identity: "keep members" keeps them all, as members added by hand', async (t) => {
  await control('POST', 'reset');
  const katherine = await userId('Katherine Johnson');
  const before = await membersOf('staging');
  const { page } = await signedIn(t, { hash: '#/identity', colorScheme: 'dark' });
  await page.waitForSelector('#ora-idp-table');
  await deleteThroughPage(page, 'Engineering', 'staging');
  await page.check('#ora-unmap-keep');
  await assertAxe(page, 'identity-delete-dark');
  await shot(page, 'identity-delete-dark');
  await page.click('#ora-unmap-confirm');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.equal(await mappingOf('Engineering', 'staging'), undefined);
  assert.deepEqual(await membersOf('staging'), before, 'everyone stays, with the same role');
  // Kept as manual: mapping Engineering again and deleting it with "remove" no longer touches
  // Katherine (a mapping never touches a member added by hand).
  const again = (await api('POST', '/scim/group-mappings', {
    scim_group_id: await groupId('Engineering'), workspace_id: (await workspace('staging')).id, role: 'member',
  })).json.data;
  assert.equal((await api('DELETE', `/scim/group-mappings/${again.id}?keep_members=false`)).status, 200);
  assert.ok((await membersOf('staging'))[katherine], 'Katherine is a manual member now');
});

test('identity: add a mapping, change its role, and a conflicting role is refused naming the field', async (t) => {
  await control('POST', 'reset');
  const { page } = await signedIn(t, { hash: '#/identity' });
  await page.waitForSelector('#ora-idp-table');
  await page.click('#ora-idp-add');
  await page.waitForSelector('#ora-map-group');
  // Nothing chosen: each field says what it needs, and nothing is sent.
  await page.click('#ora-map-save');
  assert.match(await text(page, '#ora-map-group-error'), /Group: choose/);
  assert.match(await text(page, '#ora-map-workspace-error'), /Workspace: choose/);
  assert.equal((await mappings()).length, 4);
  await page.selectOption('#ora-map-group', { label: 'Finance' });
  await page.selectOption('#ora-map-workspace', { label: 'Production' });
  await page.selectOption('#ora-map-role', 'admin');
  await shot(page, 'identity-add-light');
  await page.dblclick('#ora-map-save');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.equal((await mappings()).length, 5, 'one mapping added (double click)');
  const finance = await mappingOf('Finance', 'production');
  assert.equal(finance.role, 'admin');
  await page.waitForSelector(`#ora-idp-role-${finance.id}`);
  assert.match(await text(page, `tr[data-mapping="${finance.id}"]`), /Production\s+Admin/);

  // Change its role.
  await page.click(`#ora-idp-role-${finance.id}`);
  await page.waitForSelector('#ora-role-edit');
  await page.selectOption('#ora-role-edit', 'member');
  await page.dblclick('#ora-role-save');
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.equal((await api('GET', `/scim/group-mappings/${finance.id}`)).json.data.role, 'member');
  await page.waitForFunction((id) => document.querySelector(`tr[data-mapping="${id}"]`)?.innerText.includes('Member'), finance.id);

  // Someone else changes the role while the dialog is open: the save says so and lets choose.
  await page.click(`#ora-idp-role-${finance.id}`);
  await page.waitForSelector('#ora-role-edit');
  await api('PATCH', `/scim/group-mappings/${finance.id}`, { role: 'admin' });
  await page.selectOption('#ora-role-edit', 'admin');
  await page.click('#ora-role-save');
  // Both now say admin: nothing left to save, and the dialog closes.
  await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  assert.equal((await api('GET', `/scim/group-mappings/${finance.id}`)).json.data.role, 'admin');

  // Platform Admins already maps to Staging as admin: the same mapping as member is a 409.
  await page.click('#ora-idp-add');
  await page.waitForSelector('#ora-map-group');
  await page.selectOption('#ora-map-group', { label: 'Platform Admins' });
  await page.selectOption('#ora-map-workspace', { label: 'Staging' });
  await page.selectOption('#ora-map-role', 'member');
  await page.click('#ora-map-save');
  await page.waitForFunction(() => document.querySelector('#ora-map-role-error')?.textContent.length > 0);
  const refused = await text(page, '#ora-map-role-error');
  assert.match(refused, /^Not saved: role: Platform Admins already maps into Staging with another role\. .*change that mapping's role/);
  assert.equal(await page.getAttribute('#ora-map-role', 'aria-invalid'), 'true');
  assert.equal((await mappingOf('Platform Admins', 'staging')).role, 'admin', 'the existing mapping is unchanged');
  assert.equal((await mappings()).length, 5);
  await assertAxe(page, 'identity-add-409');
  await shot(page, 'identity-add-409-light');
});

test('identity: the workspace\'s Members tab names the groups mapped into it', async (t) => {
  await control('POST', 'reset');
  const { page } = await signedIn(t, { hash: '#/workspaces/staging/members' });
  await page.waitForSelector('#ora-ws-mapped-groups');
  const note = await text(page, '#ora-ws-mapped-groups');
  assert.match(note, /Engineering \(member\), Platform Admins \(admin\)/);
  await page.click('#ora-ws-mapped-groups a');
  await page.waitForSelector('#ora-idp-table');
});

// Records each state the sync panel shows, in order.
const watchSync = (page) => page.evaluate(() => {
  window.__syncSeen = [];
  new MutationObserver(() => {
    const s = document.querySelector('#ora-idp-sync-status')?.dataset.status;
    if (s && window.__syncSeen.at(-1) !== s) window.__syncSeen.push(s);
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
});
const syncPosts = async () => (await control('GET', 'log')).requests
  .filter((r) => r.method === 'POST' && r.path === '/api/v1/scim/sync-jobs').length;

test('identity: Sync now goes queued → running → succeeded; a failing job shows its error_message', async (t) => {
  await control('POST', 'reset');
  const { page } = await signedIn(t, { hash: '#/identity' });
  await page.waitForSelector('#ora-idp-table');
  await watchSync(page);
  const posts = await syncPosts();
  await page.dblclick('#ora-idp-sync');
  await page.waitForSelector('#ora-idp-sync-status[data-status=succeeded]', { timeout: 15000 });
  const seen = await page.evaluate(() => window.__syncSeen);
  assert.deepEqual(seen.filter((s) => s !== 'starting'), ['queued', 'running', 'succeeded']);
  assert.equal(await syncPosts() - posts, 1, 'a double click starts one job');
  assert.match(await text(page, '#ora-idp-sync-status'), /Sync succeeded.*5 group\(s\) read/);
  await shot(page, 'identity-sync-succeeded-light');

  await control('POST', 'scim', { event: 'fail_next_sync', message: 'Okta answered 401: the SCIM token expired' });
  await page.click('#ora-idp-sync');
  await page.waitForSelector('#ora-idp-sync-status[data-status=failed]', { timeout: 15000 });
  assert.match(await text(page, '#ora-idp-sync-status'), /Sync failed: Okta answered 401: the SCIM token expired/);
  await assertAxe(page, 'identity-sync-failed');
  await shot(page, 'identity-sync-failed-light');
});

test('identity: a sync start whose answer is lost is not sent again; the page says the outcome is unknown', async (t) => {
  await control('POST', 'reset');
  const { page } = await signedIn(t, { hash: '#/identity', colorScheme: 'dark' });
  await page.waitForSelector('#ora-idp-table');
  const posts = await syncPosts();
  await fault('POST', '/api/v1/scim/sync-jobs', [{ commit_then_drop: true }]);
  await page.click('#ora-idp-sync');
  await page.waitForSelector('#ora-idp-sync-status[data-status=unknown]', { timeout: 20000 });
  assert.match(await text(page, '#ora-idp-sync-status'), /may or may not have started/);
  assert.doesNotMatch(await text(page, '#ora-idp-sync-status'), /CORS|fetch/i, 'the page\'s words, not the core\'s');
  assert.equal(await syncPosts() - posts, 1, 'one start sent: no second job');
  assert.equal(await text(page, '#ora-idp-sync'), 'Start another sync');
  await assertAxe(page, 'identity-sync-unknown-dark');
  await shot(page, 'identity-sync-unknown-dark');
});
