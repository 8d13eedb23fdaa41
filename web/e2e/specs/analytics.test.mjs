// The Analytics view (web/src/pages/analytics): the chargeback for last month against the API's
// own query over loopback, the query held by the URL (a reload shows the same table), the
// builder's refusals shown by their field with nothing sent, an API 400 by its field, a 408 and a
// 429 said plainly with "Try again", the CSV the table exports.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { signedIn, signIn, text, shot } from '../lib/browser.mjs';
import { api, control, fault } from '../lib/sandbox.mjs';
import { assertAxe } from '../lib/axe.mjs';

before(async () => {
  await control('POST', 'reset');
});

const QUERY = '/api/v1/analytics/query';

/** Last calendar month (UTC): `{ month: 'YYYY-MM', start, end }`, timestamps with seconds. */
function lastMonth() {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const iso = (d) => d.toISOString().replace('.000Z', 'Z');
  return { month: iso(start).slice(0, 7), start: iso(start), end: iso(end) };
}

/** The API's own answer, asked here directly. */
async function query(body) {
  const r = await api('POST', '/analytics/query', body);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.data;
}

/** A chargeback table as { rows: Map(name -> spend), total }, from the cells' exact values. */
const readBreakdown = (page, dim) => page.evaluate((d) => {
  const table = document.querySelector(`#ora-cb-${d}`);
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [
    tr.querySelector('th').textContent.trim(), Number(tr.querySelector('td').dataset.usd)]);
  return { rows, total: Number(document.querySelector(`#ora-cb-${d}-total`).dataset.usd) };
}, dim);

/** The POSTs to the analytics query the page has made so far (the browser's own log). */
function queryRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === QUERY) seen.push(r.postDataJSON());
  });
  return seen;
}

/** The result table's text, row by row. */
const tableText = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#ora-analytics-table tr')].map((tr) => tr.innerText.trim()).join('\n'));

test('analytics: the chargeback for last month equals the API\'s own query per workspace, per key, per external user and in total; each table exports as CSV', async (t) => {
  const { page } = await signedIn(t, { hash: '#/analytics' });
  await page.waitForSelector('#ora-analytics-form');
  await page.click('#ora-chargeback');
  const { month, start, end } = lastMonth();
  await page.waitForSelector('#ora-cb-total');
  assert.ok(page.url().includes(`cb=${month}`), page.url());
  const time_range = { start, end };

  const grand = (await query({ metrics: ['spend'], time_range })).data;
  assert.equal(grand.length, 1);
  const total = grand[0].spend;
  assert.ok(total > 0, `last month (${month}) has spend in the demo: ${total}`);
  assert.equal(Number(await page.locator('#ora-cb-total').getAttribute('data-usd')), total, 'the grand total, exactly');

  for (const dim of ['workspace', 'api_key_id', 'external_user']) {
    await page.waitForSelector(`#ora-cb-${dim}-total`);
    const answer = await query({ metrics: ['spend'], dimensions: [dim], time_range, limit: 10000 });
    assert.equal(answer.metadata.truncated, false);
    const want = answer.data.map((r) => [r[dim] ?? '(none)', r.spend]);
    const got = await readBreakdown(page, dim);
    assert.deepEqual(got.rows, want, `${dim}: every line as the API answers it`);
    const sum = want.reduce((n, [, s]) => n + s, 0);
    assert.ok(Math.abs(got.total - sum) < 1e-6, `${dim}: total ${got.total}, API rows sum to ${sum}`);
    assert.ok(Math.abs(got.total - total) < 1e-6, `${dim}: adds up to the grand total ${total}`);
    if (dim === 'external_user') {
      assert.ok(want.filter(([n]) => n !== '(none)').length >= 2, `end users in the demo: ${JSON.stringify(want)}`);
    }
  }

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ora-cb-workspace-csv')]);
  assert.equal(download.suggestedFilename(), `chargeback-${month}-workspace.csv`);
  const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r\n/);
  const table = await readBreakdown(page, 'workspace');
  assert.equal(lines[0], 'Workspace,spend_usd');
  assert.deepEqual(lines.slice(1, -1).map((l) => Number(l.split(',').at(-1))), table.rows.map(([, s]) => s));
  assert.equal(Number(lines.at(-1).split(',')[1]), table.total);
  await shot(page, 'analytics-chargeback');

  // The link is the chargeback: opened anew (and signed in again), the same month and numbers.
  await page.reload();
  await signIn(page);
  await page.waitForSelector('#ora-cb-workspace-total');
  assert.deepEqual(await readBreakdown(page, 'workspace'), table);
  assert.match(await text(page, '#ora-cb-h'), /Chargeback for \w+ \d{4}/);
});

test('analytics: a query built in the form lives in the URL; a reload and a fresh tab show the same table, which is the API\'s answer', async (t) => {
  const { page } = await signedIn(t, { hash: '#/analytics' });
  await page.waitForSelector('#ora-analytics-table');
  await page.check('#ora-q-metric-request_count');
  await page.uncheck('#ora-q-dim-model');
  await page.check('#ora-q-dim-workspace');
  await page.check('#ora-q-dim-provider');
  await page.selectOption('#ora-q-window', 'last-month');
  await page.selectOption('#ora-q-granularity', '');
  await page.click('#ora-q-add-filter');
  const row = page.locator('.ora-filter-row').first();
  await row.locator('select').first().selectOption('workspace');
  await row.locator('select').nth(1).selectOption('not_in');
  const staging = (await api('GET', '/workspaces/staging')).json.data;
  await row.locator('input').fill(`${staging.id}`);
  await page.click('#ora-q-run');
  await page.waitForFunction(() => location.hash.includes('f0='));
  await page.waitForSelector('#ora-analytics-table tbody tr');
  const url = page.url();
  const before = await tableText(page);
  assert.doesNotMatch(before, /Staging/, 'the filter held');
  assert.match(before, /Production/);

  // The table is the API's answer to the same query.
  const { start, end } = lastMonth();
  const answer = await query({
    metrics: ['spend', 'request_count'], dimensions: ['workspace', 'provider'], time_range: { start, end },
    filters: [{ field: 'workspace', operator: 'not_in', value: [staging.id] }],
  });
  assert.equal(await page.locator('#ora-analytics-table tbody tr').count(), answer.data.length);
  const requests = answer.data.reduce((n, r) => n + Number(r.request_count), 0);
  assert.equal(await page.locator('#ora-result-total td').nth(2).getAttribute('data-raw'), String(requests), 'counts summed exactly');

  await page.reload();
  await signIn(page);
  await page.waitForSelector('#ora-analytics-table tbody tr');
  assert.equal(await tableText(page), before, 'a reload shows the same table');
  assert.equal(page.url(), url);
  assert.ok(await page.isChecked('#ora-q-dim-provider'), 'the form shows the query');
  assert.equal(await page.inputValue('#ora-q-window'), 'last-month');

  const other = await signedIn(t, { hash: new URL(url).hash });
  await other.page.waitForSelector('#ora-analytics-table tbody tr');
  assert.equal(await tableText(other.page), before, 'the shared link shows the same table');
  await shot(other.page, 'analytics-shared-query');
});

test('analytics: a third dimension and minute granularity over a long window are refused by their field, before anything is sent; an API 400 shows by its field', async (t) => {
  const { page } = await signedIn(t, { hash: '#/analytics' });
  await page.waitForSelector('#ora-analytics-table');
  const sent = queryRequests(page);

  await page.check('#ora-q-dim-workspace');
  await page.check('#ora-q-dim-user');
  await page.waitForSelector('#ora-q-dimensions-error:not(:empty)');
  assert.match(await text(page, '#ora-q-dimensions-error'), /dimensions: .*at most 2/);
  await page.click('#ora-q-run');
  await page.waitForSelector('#ora-q-refused');
  await page.uncheck('#ora-q-dim-user');
  assert.equal(await text(page, '#ora-q-dimensions-error'), '');

  await page.selectOption('#ora-q-window', '30d');
  await page.selectOption('#ora-q-granularity', 'minute');
  await page.waitForSelector('#ora-q-granularity-error:not(:empty)');
  assert.match(await text(page, '#ora-q-granularity-error'), /granularity: .*3 hours/);
  assert.equal(await page.getAttribute('#ora-q-granularity', 'aria-invalid'), 'true');
  await page.click('#ora-q-run');
  await page.waitForTimeout(500);
  assert.deepEqual(sent, [], 'nothing was sent while a field was refused');
  await shot(page, 'analytics-refused');

  // Three hours take minutes: now it is sent, once.
  await page.selectOption('#ora-q-window', '3h');
  assert.equal(await text(page, '#ora-q-granularity-error'), '');
  await page.click('#ora-q-run');
  await page.waitForFunction(() => location.hash.includes('g=minute'));
  await page.waitForSelector('#ora-result-meta');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].granularity, 'minute');
  assert.deepEqual(sent[0].dimensions, ['model', 'workspace']);

  // A link the builder cannot judge (a dimension meta does not list): the API's 400, by its field.
  await page.evaluate(() => { location.hash = '#/analytics?m=spend&d=colour&w=7d'; });
  await page.waitForSelector('#ora-q-dimensions-error:not(:empty)');
  assert.match(await text(page, '#ora-q-dimensions-error'), /dimensions\[0\]: .*colour/);
});

test('analytics: a query that runs too long (408) and one too many (429) are said plainly, and "Try again" shows the result', async (t) => {
  const { page } = await signedIn(t, { hash: '#/analytics' });
  await page.waitForSelector('#ora-analytics-table');
  for (const [status, words] of [[408, /ran too long/], [429, /64 a minute/]]) {
    await fault('POST', QUERY, [{ status, retry_after: 0 }, { status, retry_after: 0 }, { status, retry_after: 0 }]);
    await page.click(`#ora-q-dim-provider`);
    await page.click('#ora-q-run');
    await page.waitForSelector('#ora-result .ora-load-again', { timeout: 30000 });
    const alert = await text(page, '#ora-result [role=alert]');
    assert.match(alert, words, alert);
    assert.match(alert, new RegExp(`\\(${status}\\)`));
    if (status === 408) await shot(page, 'analytics-408');
    await page.click('#ora-result .ora-load-again');
    await page.waitForSelector('#ora-analytics-table tbody tr');
    assert.equal(await page.locator('#ora-result [role=alert]').count(), 0);
  }
});

for (const scheme of ['light', 'dark']) {
  test(`analytics: the explorer and the chargeback as a user sees them, axe 0 (${scheme})`, async (t) => {
    const dir = process.env.ORA_SCREENSHOTS ?? 'screenshots';
    const { page } = await signedIn(t, { hash: '#/analytics', colorScheme: scheme });
    await page.waitForSelector('#ora-analytics-chart');
    await page.waitForSelector('#ora-analytics-table tbody tr');
    await assertAxe(page, `analytics-${scheme}`);
    await page.screenshot({ path: `${dir}/analytics-explorer-${scheme}.png` });
    await page.locator('#ora-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${dir}/analytics-result-${scheme}.png` });
    await page.click('#ora-chargeback');
    await page.waitForSelector('#ora-cb-external_user-total');
    await assertAxe(page, `analytics-chargeback-${scheme}`);
    await page.screenshot({ path: `${dir}/analytics-chargeback-${scheme}.png` });
  });
}
