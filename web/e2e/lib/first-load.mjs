// What a first visit requests, and when, as the browser itself records it: the shared part of
// the first-visit spec (specs/first-visit.test.mjs) and of the page's size budget (measure.mjs).
//
// Times come from the page's own clock (performance.now(), 0 = navigation start), so that a
// request's start can be compared with the moment the form was shown without any race between
// the browser and this process. The network log is the page's Resource Timing: one entry per
// response, with its start time and its transfer size (encoded body plus headers).

// The path of the whole page's module (the build's main module, content-hashed), JS or wasm. A first
// visit fetches it only once the sign-in form is up (web/assets/loader.js). Only paths: the
// sign-in module's URLs name the whole page's JS in their query.
export const WHOLE_PAGE = /\/openrouter-admin-web-[0-9a-f]+(_bg\.wasm|\.js)$/;

// Whether the absolute `url` is one of the whole page's files.
export const isWholePage = (url) => WHOLE_PAGE.test(new URL(url).pathname);

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
