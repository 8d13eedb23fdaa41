// The admin page as a browser meets it: `cargo xtask page` runs this on the release build.
//
// It serves the build gzip-compressed (lib/static-host.mjs) with the sandbox's API behind it,
// opens it in headless Chromium with an empty cache, signs in, and reads the browser's own
// network log (lib/first-load.mjs). It prints:
// - the transfer bytes (encoded bodies plus headers) of every request started before the
//   sign-in form is shown and can be submitted: the first load, checked against the budget;
// - the transfer bytes from the first request until the workspaces table is shown after
//   sign-in, sign-in included, checked against its own budget;
// - time to form and time to table, unthrottled, at 4x CPU slowdown, on a 10 Mbit/s link with
//   40 ms latency and on a 1.6 Mbit/s one with 150 ms (Chromium's own emulation, over DevTools),
//   the median of a few runs;
// - each area's first opening after the table (web/src/app.rs groups the views into areas): its
//   requests and bytes, code apart, in a visit without the idle prefetch (which would otherwise
//   have fetched the next areas already); a first opening needing more than 6 code files fails.
// It exits non-zero when a budget is exceeded.
//
// Environment: ORA_DIST (the build), ORA_API (the sandbox's origin), ORA_KEY (its management
// key), ORA_BUDGET and ORA_TABLE_BUDGET (bytes), CHROMIUM (browser binary), ORA_RUNS (runs per
// setting, default 3).

import { chromium } from 'playwright-core';
import { staticHost } from './lib/static-host.mjs';
import { AREAS, milestone, networkLog, noPrefetch, watchMilestones } from './lib/first-load.mjs';

const { ORA_DIST, ORA_API, ORA_KEY, ORA_BUDGET, ORA_TABLE_BUDGET } = process.env;
if (!ORA_DIST || !ORA_API || !ORA_KEY || !ORA_BUDGET || !ORA_TABLE_BUDGET) {
  throw new Error('ORA_DIST, ORA_API, ORA_KEY, ORA_BUDGET and ORA_TABLE_BUDGET are required');
}
const budget = Number(ORA_BUDGET);
const tableBudget = Number(ORA_TABLE_BUDGET);
// The most code files one first opening may take: one round of a browser's 6 connections.
const MOST_REQUESTS = 6;
const runs = Number(process.env.ORA_RUNS ?? 3);

const SETTINGS = [
  { name: 'unthrottled' },
  { name: '4x CPU slowdown', cpu: 4 },
  // 10 Mbit/s both ways, in bytes per second.
  { name: '10 Mbit/s, 40 ms latency', network: { latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 } },
  { name: '1.6 Mbit/s, 150 ms latency', network: { latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 } },
];

const host = await staticHost(ORA_DIST, ORA_API);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const results = [];
  for (const setting of SETTINGS) {
    const visits = [];
    for (let i = 0; i < runs; i++) visits.push(await visit(setting));
    results.push({ setting, visits });
  }
  const areas = await openAreas();
  const first = results[0].visits[0];
  console.log('admin page in headless Chromium, served gzip -9, empty cache (transfer bytes: encoded bodies + headers):');
  console.log(`  first load, until the sign-in form can be submitted: ${bytes(first.toForm)}   (budget ${kb(budget)})`);
  for (const r of first.formLog) console.log(`    ${String(r.bytes).padStart(9)} B  ${new URL(r.url).pathname.slice(1) || '(document)'}`);
  console.log(`  from the first request until the workspaces table is shown after sign-in: ${bytes(first.toTable)}   (budget ${kb(tableBudget)})`);
  for (const r of first.tableLog.filter((r) => r.start >= first.form)) console.log(`    ${String(r.bytes).padStart(9)} B  ${new URL(r.url).pathname.slice(1)}`);
  console.log(`  sign-in to table: ${areas.signIn.code} code files, ${bytes(areas.signIn.codeBytes)}`);
  console.log('  each area\'s first opening after the table, no prefetch (requests, transfer bytes; of them code; time):');
  for (const a of areas.opened) {
    console.log(`    ${a.name.padEnd(24)} ${String(a.requests).padStart(3)} req ${bytes(a.bytes).padStart(22)}   code ${a.code} files ${bytes(a.codeBytes).padStart(20)} ${ms(a.time)}`);
  }
  console.log(`  median of ${runs} visits       time to form   time to table`);
  for (const { setting, visits } of results) {
    console.log(`  ${setting.name.padEnd(26)} ${ms(median(visits.map((v) => v.form)))}  ${ms(median(visits.map((v) => v.table)))}`);
  }
  const over = results.flatMap((r) => r.visits).find((v) => v.toForm > budget);
  if (over) {
    console.error(`the admin page's first load is ${bytes(over.toForm)}, over the ${kb(budget)} budget`);
    process.exitCode = 1;
  }
  const overTable = results.flatMap((r) => r.visits).find((v) => v.toTable > tableBudget);
  if (overTable) {
    console.error(`the admin page until the workspaces table is ${bytes(overTable.toTable)}, over the ${kb(tableBudget)} budget`);
    process.exitCode = 1;
  }
  for (const a of [{ name: 'sign-in to table', ...areas.signIn }, ...areas.opened].filter((a) => a.code > MOST_REQUESTS)) {
    console.error(`${a.name} takes ${a.code} code files, more than ${MOST_REQUESTS}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  host.close();
}

// One first visit in a fresh context (empty cache) under `setting`, signed in until the table.
async function visit(setting) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  try {
    const page = await context.newPage();
    const inFlight = track(page);
    const cdp = await context.newCDPSession(page);
    if (setting.network) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...setting.network });
    }
    if (setting.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: setting.cpu });
    await watchMilestones(page);
    // The workspaces table is the milestone measured; the start page is the Overview now.
    await page.goto(`${host.origin}/#/workspaces`);
    const form = await milestone(page, 'form');
    const formLog = await settled(page, inFlight, form);
    await page.fill('#ora-key', ORA_KEY);
    await page.click('form button[type=submit]');
    const table = await milestone(page, 'table');
    const tableLog = await settled(page, inFlight, table);
    const sum = (log) => log.reduce((n, r) => n + r.bytes, 0);
    return { form, table, formLog, tableLog, toForm: sum(formLog), toTable: sum(tableLog) };
  } finally {
    await context.close();
  }
}

// One unthrottled visit without the idle prefetch: sign in to the table, then open each area in
// turn; what each step fetched (code: wasm and js files) and how long until it showed.
async function openAreas() {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  try {
    const page = await context.newPage();
    const inFlight = track(page);
    await noPrefetch(page);
    await watchMilestones(page);
    // Room in the network log for every area's reads (the default keeps 250 entries).
    await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
    await page.goto(`${host.origin}/#/workspaces`);
    const form = await milestone(page, 'form');
    await page.fill('#ora-key', ORA_KEY);
    await page.click('form button[type=submit]');
    await milestone(page, 'table');
    const key = await keyHash();
    const isCode = (r) => /\.(wasm|js)$/.test(new URL(r.url).pathname);
    const sum = (log) => log.reduce((n, r) => n + r.bytes, 0);
    const signInCode = (await settled(page, inFlight, Infinity)).filter((r) => r.start >= form && isCode(r));
    const signIn = { code: signInCode.length, codeBytes: sum(signInCode) };
    const opened = [];
    for (const area of AREAS) {
      const before = (await settled(page, inFlight, Infinity)).length;
      const start = await page.evaluate(() => performance.now());
      await page.evaluate((h) => { location.hash = h; }, area.hash.replace('KEY', key));
      await page.waitForSelector(area.ready, { state: 'attached', timeout: 60_000 });
      const time = (await page.evaluate(() => performance.now())) - start;
      const log = (await settled(page, inFlight, Infinity)).slice(before);
      const code = log.filter(isCode);
      opened.push({ name: area.name, time, requests: log.length, bytes: sum(log), code: code.length, codeBytes: sum(code) });
    }
    return { signIn, opened };
  } finally {
    await context.close();
  }
}

// A key of the workspace `production`, for its key page, read from the API here (not in the page:
// its CSP keeps it to its own origin).
async function keyHash() {
  const headers = { authorization: `Bearer ${ORA_KEY}` };
  const ws = await (await fetch(`${ORA_API}/api/v1/workspaces/production`, { headers })).json();
  const keys = await (await fetch(`${ORA_API}/api/v1/keys?workspace_id=${ws.data.id}`, { headers })).json();
  return keys.data[0].hash;
}

// The network log's entries for requests started before `moment`, once every request has its
// response (Resource Timing adds an entry when a response ends).
async function settled(page, inFlight, moment) {
  while (inFlight.size > 0) await page.waitForTimeout(50);
  return (await networkLog(page)).filter((r) => r.start < moment);
}

// The requests of `page` still waiting for their response's end.
function track(page) {
  const inFlight = new Set();
  page.on('request', (r) => inFlight.add(r));
  for (const done of ['requestfinished', 'requestfailed']) page.on(done, (r) => inFlight.delete(r));
  return inFlight;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function kb(n) {
  return `${(n / 1024).toFixed(1)} KB`;
}
function bytes(n) {
  return `${n.toLocaleString('en-US')} B (${kb(n)})`;
}
function ms(n) {
  return `${Math.round(n).toLocaleString('en-US')} ms`.padStart(12);
}
