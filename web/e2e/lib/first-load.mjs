// What a first visit requests, and when, as the browser itself records it: the shared part of
// the first-visit spec (specs/first-visit.test.mjs) and of the page's size budget (measure.mjs).
//
// Times come from the page's own clock (performance.now(), 0 = navigation start), so that a
// request's start can be compared with the moment the form was shown without any race between
// the browser and this process. The network log is the page's Resource Timing: one entry per
// response, with its start time and its transfer size (encoded body plus headers).

// The path of an area's file (an area's module or a chunk areas share, content-hashed; the split
// build names them, xtask/src/wasm_split.rs). A first visit fetches none before the sign-in form
// is up (web/assets/loader.js).
export const AREA_FILE = /\/(split|chunk)_[a-z0-9_]+-[0-9a-f]+\.wasm$/;

// The `app` area's own module: the shell, navigation and the workspaces list (web/src/app.rs).
export const APP_AREA = /\/split_app-[0-9a-f]+\.wasm$/;

// Whether the absolute `url` is one of the areas' files.
export const isAreaFile = (url) => AREA_FILE.test(new URL(url).pathname);

// The areas as a user opens them, each with its route, what shows once it is open, and its own
// module (web/src/app.rs groups the views into areas). `KEY` stands for a key's hash.
export const AREAS = [
  { name: 'Overview', hash: '#/overview', ready: '#ora-findings-h', area: 'org' },
  { name: 'All keys', hash: '#/keys', ready: '#ora-allkeys-table', area: 'org' },
  { name: 'Activity', hash: '#/activity', ready: '#ora-activity-table', area: 'org' },
  { name: 'Organization members', hash: '#/members', ready: '#ora-org-table', area: 'org' },
  { name: 'Analytics', hash: '#/analytics', ready: '#ora-analytics-form', area: 'workspace' },
  { name: 'Identity provider', hash: '#/identity', ready: '#ora-idp-table', area: 'org' },
  { name: 'Plan', hash: '#/plan', ready: '#ora-plan-text', area: 'plan' },
  { name: 'A workspace (settings)', hash: '#/workspaces/production', ready: '#ora-ws-name', area: 'workspace' },
  { name: 'A workspace\'s keys', hash: '#/workspaces/production/keys', ready: '#ora-key-table', area: 'workspace' },
  { name: 'A workspace\'s budgets', hash: '#/workspaces/production/budgets', ready: '#ora-budget-daily', area: 'workspace' },
  { name: 'A workspace\'s usage', hash: '#/workspaces/production/usage', ready: 'svg.ora-chart', area: 'workspace' },
  { name: 'A key\'s page', hash: '#/keys/KEY', ready: '#ora-edit-name', area: 'workspace' },
  { name: 'New workspace', hash: '#/workspaces/new', ready: '#ora-ws-name', area: 'workspace' },
];

// Turns off the page's idle-time prefetches (the sign-in's of the `app` area, the table's of the
// next areas), so that what an area's first opening fetches shows on its own. Pass as `prepare`.
export const noPrefetch = (page) => page.addInitScript(() => {
  window.requestIdleCallback = () => 0;
});

// Runs in the page before its own scripts: records when the sign-in form is shown and can be
// submitted (the key field is there and the submit button enabled, i.e. config.json is read),
// and when the workspaces table is shown after sign-in.
function recordMilestones() {
  const seen = (selector) => document.querySelector(selector) !== null;
  const marks = {};
  window.__oraMilestones = marks;
  new MutationObserver((_, observer) => {
    if (marks.form === undefined && seen('#ora-key') && seen('form button[type=submit]:not([disabled])')) {
      marks.form = performance.now();
    }
    if (marks.table === undefined && seen('#ora-ws-table')) {
      marks.table = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

// Records the milestones in every document `page` loads from now on.
export const watchMilestones = (page) => page.addInitScript(recordMilestones);

// Waits for `name` ('form' or 'table') and returns its time in ms since navigation start.
export async function milestone(page, name, timeout = 60_000) {
  const handle = await page.waitForFunction((n) => window.__oraMilestones?.[n], name, { timeout, polling: 50 });
  return handle.jsonValue();
}

// Every response the page has received so far, the document first:
// `{ url, start, end, bytes }` (ms since navigation start; transfer bytes).
export const networkLog = (page) => page.evaluate(() =>
  [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
    url: e.name,
    start: e.startTime,
    end: e.responseEnd,
    bytes: e.transferSize,
  })));
