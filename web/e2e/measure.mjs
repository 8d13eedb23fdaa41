// The admin page as a browser meets it: `cargo xtask page` runs this on the release build.
//
// It serves the build gzip-compressed (lib/static-host.mjs) with the sandbox's API behind it,
// opens it in headless Chromium with an empty cache, signs in, and reads the browser's own
// network log (lib/first-load.mjs). It prints:
// - the transfer bytes (encoded bodies plus headers) of every request started before the
//   sign-in form is shown and can be submitted: the first load, checked against the budget;
// - the transfer bytes until the workspaces table is shown after sign-in;
// - time to form and time to table, unthrottled, at 4x CPU slowdown, and on a 10 Mbit/s link
//   with 40 ms latency (Chromium's own emulation, over DevTools), the median of a few runs.
// It exits non-zero when the first load is over the budget.
//
// Environment: ORA_DIST (the build), ORA_API (the sandbox's origin), ORA_KEY (its management
// key), ORA_BUDGET (bytes), CHROMIUM (browser binary), ORA_RUNS (runs per setting, default 3).

import { chromium } from 'playwright-core';
import { staticHost } from './lib/static-host.mjs';
import { milestone, networkLog, watchMilestones } from './lib/first-load.mjs';

const { ORA_DIST, ORA_API, ORA_KEY, ORA_BUDGET } = process.env;
if (!ORA_DIST || !ORA_API || !ORA_KEY || !ORA_BUDGET) {
  throw new Error('ORA_DIST, ORA_API, ORA_KEY and ORA_BUDGET are required');
}
const budget = Number(ORA_BUDGET);
const runs = Number(process.env.ORA_RUNS ?? 3);

const SETTINGS = [
  { name: 'unthrottled' },
  { name: '4x CPU slowdown', cpu: 4 },
  // 10 Mbit/s both ways, in bytes per second.
  { name: '10 Mbit/s, 40 ms latency', network: { latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 } },
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
  const first = results[0].visits[0];
  console.log('admin page in headless Chromium, served gzip -9, empty cache (transfer bytes: encoded bodies + headers):');
  console.log(`  first load, until the sign-in form can be submitted: ${bytes(first.toForm)}   (budget ${kb(budget)})`);
  for (const r of first.formLog) console.log(`    ${String(r.bytes).padStart(9)} B  ${new URL(r.url).pathname.slice(1) || '(document)'}`);
  console.log(`  until the workspaces table is shown after sign-in:  ${bytes(first.toTable)}`);
  console.log(`  median of ${runs} visits       time to form   time to table`);
  for (const { setting, visits } of results) {
    console.log(`  ${setting.name.padEnd(26)} ${ms(median(visits.map((v) => v.form)))}  ${ms(median(visits.map((v) => v.table)))}`);
  }
  const over = results.flatMap((r) => r.visits).find((v) => v.toForm > budget);
  if (over) {
    console.error(`the admin page's first load is ${bytes(over.toForm)}, over the ${kb(budget)} budget`);
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
