// Changes over many items whose answers are lost: member changes say what the page knows of
// each person (from the members read again afterwards), are never applied twice, and every
// heading and toast counts "no answer" apart from "failed".
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, text, shot } from '../lib/browser.mjs';
import { api, control, fault } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';

const log = async () => (await control('GET', 'log')).requests;

async function memberIds(slug) {
  const ws = (await api('GET', `/workspaces/${slug}`)).json.data;
  return (await api('GET', `/workspaces/${ws.id}/members?limit=100`)).json.data.map((m) => m.user_id);
}

async function orgId(name) {
  const org = (await api('GET', '/organization/members?limit=100')).json.data;
  return org.find((m) => `${m.first_name} ${m.last_name}` === name).id;
}

const count = (list, id) => list.filter((x) => x === id).length;

async function pick(page, names) {
  await page.click('#ora-add-members');
  for (const who of names) {
    await page.fill('#ora-picker-search', who.split(' ')[1]);
    await page.check(`.ora-picker label:has-text("${who}") input`);
  }
}

test('members: add, every answer lost after the commit: each person said added, the table re-read, one change', async (t) => {
  const { page } = await signedIn(t, { hash: '#/workspaces/staging/members' });
  await page.waitForSelector('#ora-member-table');
  // Neither is in Staging, by hand or through a SCIM mapping of the demo.
  const who = ['Radia Perlman', 'Donald Knuth'];
  const ids = await Promise.all(who.map(orgId));
  const before = await memberIds('staging');
  for (const id of ids) assert.equal(count(before, id), 0);
  // Every attempt (the client sends an add up to three times: it is idempotent) commits and
  // loses its answer.
  await fault('POST', '/api/v1/workspaces/*/members/add', Array(3).fill({ commit_then_drop: true }));
  await pick(page, who);
  const from = (await log()).length;
  await page.dblclick('#ora-picker-add');
  await page.waitForSelector('#ora-member-results');
  const out = await text(page, '#ora-member-results');
  assert.equal(await text(page, '#ora-member-results-head'), 'All 2 added');
  for (const name of who) assert.match(out, new RegExp(`${name}: added`));
  // Re-read: the table shows them.
  await page.waitForFunction(() => document.querySelector('#ora-member-table')?.innerText.includes('Radia Perlman'));
  // One change, whatever the clicks: one read of the members before it, the one add's three
  // attempts, none answered.
  const sent = (await log()).slice(from);
  const firstPost = sent.findIndex((r) => r.method === 'POST');
  assert.equal(sent.slice(0, firstPost).filter((r) => r.method === 'GET').length, 1, JSON.stringify(sent));
  assert.deepEqual(sent.filter((r) => r.method === 'POST').map((r) => r.status), [null, null, null]);
  const after = await memberIds('staging');
  for (const id of ids) assert.equal(count(after, id), 1, 'a member once');
  assert.equal(after.length, before.length + 2);
});

for (const scheme of ['light', 'dark']) {
  test(`members: remove, no answer: each person said to be still a member, counted as unknown, not failed (${scheme})`, async (t) => {
    const ws = (await api('GET', '/workspaces/staging')).json.data;
    const who = ['Radia Perlman', 'Grace Hopper'];
    const ids = await Promise.all(who.map(orgId));
    await api('POST', `/workspaces/${ws.id}/members/add`, { user_ids: ids });
    const { page } = await signedIn(t, { hash: '#/workspaces/staging/members', colorScheme: scheme });
    await page.waitForFunction(() => document.querySelector('#ora-member-table')?.innerText.includes('Radia Perlman'));
    // Every attempt dropped before the server does anything.
    await fault('POST', '/api/v1/workspaces/*/members/remove', Array(3).fill({ drop: true }));
    for (const name of who) await page.check(`#ora-member-table tr:has-text("${name}") input`);
    await page.click('#ora-remove-members');
    await page.fill('#ora-confirm-name', 'Staging');
    await page.click('#ora-confirm');
    await page.waitForSelector('#ora-member-results', { timeout: 30000 });
    await page.waitForFunction(() => /no answer/.test(document.querySelector('#ora-member-results')?.innerText ?? ''));
    const out = await text(page, '#ora-member-results');
    for (const name of who) assert.match(out, new RegExp(`${name}: no answer; still a member when the members were read again`));
    const heading = await text(page, '#ora-member-results-head');
    assert.equal(heading, '2 of 2 unknown (no answer)');
    // The page's own words for each person never say failed or kept; the error it quotes in
    // parentheses after them is the browser's and may ("the network failed").
    const lines = out.split('\n').filter((l) => who.some((n) => l.startsWith(`${n}:`)));
    assert.equal(lines.length, who.length, out);
    for (const line of lines) assert.doesNotMatch(line.split(' (')[0], /failed|kept/, line);
    await assertAxe(page, `members-no-answer-${scheme}`);
    await shot(page, `members-no-answer-${scheme}`);
    const after = await memberIds('staging');
    for (const id of ids) assert.equal(count(after, id), 1, 'still a member, once');
    // Removing again, now answered: removed, once.
    await page.click('#ora-member-results >> text=Dismiss');
    for (const name of who) await page.check(`#ora-member-table tr:has-text("${name}") input`);
    await page.click('#ora-remove-members');
    await page.fill('#ora-confirm-name', 'Staging');
    await page.click('#ora-confirm');
    await page.waitForFunction(() => /All 2 removed/.test(document.querySelector('#ora-member-results')?.innerText ?? ''));
    const gone = await memberIds('staging');
    for (const id of ids) assert.equal(count(gone, id), 0);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`bulk disable, one done, one failed, one without answer: counted apart in heading and toast (${scheme})`, async (t) => {
    const stamp = Date.now();
    const ws = (await api('GET', '/workspaces/staging')).json.data;
    const made = [];
    for (const n of ['a', 'b', 'c']) made.push((await api('POST', '/keys', { name: `mixed-${n}-${scheme}-${stamp}`, workspace_id: ws.id })).json.data);
    const { page } = await signedIn(t, { hash: `#/workspaces/staging/keys?q=mixed-&disabled=1`, colorScheme: scheme });
    await page.waitForFunction((s) => document.querySelectorAll(`#ora-key-table tbody tr a`).length >= 3
      && document.querySelector('#ora-key-table').innerText.includes(`mixed-c-${s}`), `${scheme}-${stamp}`);
    // b: a server error on every attempt; c: every attempt commits and loses its answer.
    await fault('PATCH', `/api/v1/keys/${made[1].hash}`, Array(6).fill({ status: 500 }));
    await fault('PATCH', `/api/v1/keys/${made[2].hash}`, Array(3).fill({ commit_then_drop: true }));
    for (const k of made) await page.check(`#ora-key-table tr:has(a:text-is("${k.name}")) input[type=checkbox]`);
    await page.click('#ora-bulk-disable');
    await page.waitForSelector('#ora-bulk-results', { timeout: 60000 });
    const heading = await text(page, '#ora-bulk-heading');
    assert.equal(heading, '1 of 3 failed, 1 of 3 unknown (no answer)');
    const results = await text(page, '#ora-bulk-results');
    assert.match(results, new RegExp(`${made[0].name}: disabled`));
    assert.match(results, new RegExp(`${made[1].name}: failed`));
    assert.match(results, new RegExp(`${made[2].name}: no answer, so it may or may not have happened`));
    await page.waitForFunction(() => /1 of 3 failed, 1 of 3 unknown \(no answer\); see the results/.test(document.querySelector('.ora-toasts')?.innerText ?? ''));
    assert.doesNotMatch(await text(page, '.ora-toasts'), /2 key|2 of 3 failed/);
    await assertAxe(page, `bulk-mixed-${scheme}`);
    await shot(page, `bulk-mixed-${scheme}`);
    // Where each stands, through the API: c did happen.
    const disabled = await Promise.all(made.map(async (k) => (await api('GET', `/keys/${k.hash}`)).json.data.disabled));
    assert.deepEqual(disabled, [true, false, true]);
  });
}
