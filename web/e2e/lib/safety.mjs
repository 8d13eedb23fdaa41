// The key-safety recorder: every page a test opens reports here, and the after-hook in
// browser.mjs judges what one test recorded before the next one starts.
//
// The management key must never reach the console, a URL, cookies or localStorage; the page
// must report no Content-Security-Policy violation and no panic or uncaught error.

import { KEY } from './sandbox.mjs';

// Filled while a test runs and emptied in place by `verdict`, so that a spec holding these
// arrays always sees the current test's entries.
export const leaks = [];
export const consoleLines = [];
export const pageErrors = []; // panics, uncaught errors and console errors, shown with the test

export function watch(page, test) {
  page.on('console', (m) => {
    consoleLines.push(m.text());
    if (m.text().includes(KEY)) leaks.push(`${test}: console: ${m.text().slice(0, 80)}`);
  });
  page.on('pageerror', (e) => {
    consoleLines.push(String(e));
    pageErrors.push(`${test}: ${String(e).slice(0, 200)}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${test}: console error: ${m.text().slice(0, 300)}`);
  });
  page.on('framenavigated', (f) => {
    if (f.url().includes(KEY)) leaks.push(`${test}: URL ${f.url()}`);
  });
}

export async function checkStorage(context, page, test) {
  for (const c of await context.cookies()) {
    if (c.value.includes(KEY)) leaks.push(`${test}: cookie ${c.name}`);
  }
  const local = await page.evaluate(() => JSON.stringify({ ...localStorage })).catch(() => '{}');
  if (local.includes(KEY)) leaks.push(`${test}: localStorage`);
  if (page.url().includes(KEY)) leaks.push(`${test}: URL ${page.url()}`);
}

// Forgets the console errors of downloads that test `test` failed on purpose: the browser's own
// "Failed to load resource", and the split loader's report of the same failure (its
// `console.error`, web/src/areas.rs). Only those: a panic or any other error still fails it.
export function allowFailedDownloads(test) {
  const expected = [
    'Failed to load resource',
    'TypeError: Failed to fetch',
    "TypeError: Failed to execute 'compile' on 'WebAssembly': HTTP status code is not ok",
  ].map((text) => `${test}: console error: ${text}`);
  for (let i = pageErrors.length - 1; i >= 0; i--) {
    if (expected.some((e) => pageErrors[i].startsWith(e))) pageErrors.splice(i, 1);
  }
}

// What went wrong during the test just finished (empty when nothing did), and the page errors
// to show beside it; then forgets both for the next test.
export function verdict() {
  if (consoleLines.some((l) => l.includes(KEY))) leaks.push('console');
  const problems = [];
  if (leaks.length) problems.push(`key safety: ${leaks.join('; ')}`);
  const csp = consoleLines.filter((l) => l.includes('Content Security Policy') || l.includes('Refused to'));
  if (csp.length) problems.push(`no Content-Security-Policy violations: ${csp.slice(0, 3).join('\n     ')}`);
  const panics = pageErrors.filter((p) => p.includes('panicked') || p.includes('RuntimeError'));
  if (panics.length) problems.push(`no panics: ${panics.slice(0, 3).join('\n     ')}`);
  const shown = [...pageErrors];
  for (const list of [leaks, consoleLines, pageErrors]) list.length = 0;
  return { problems, pageErrors: shown };
}

// Everything of the page a secret could sit in once its dialog is closed: the markup, every
// input's live value, both storages, the URL and the title (the console is in `consoleLines`).
export async function traces(page) {
  return page.evaluate(() => [
    document.documentElement.outerHTML,
    ...[...document.querySelectorAll('input, textarea, select')].map((e) => e.value),
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    location.href,
    document.title,
  ].join('\n'));
}
