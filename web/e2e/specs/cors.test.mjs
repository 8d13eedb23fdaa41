// Browsers and CORS (issue 11, point 6): a sign-in that the browser refuses (a sandbox started
// with --no-cors, on another origin) says so in plain words and links to the README's
// same-origin proxy recipe; that recipe, nginx from Debian with the README's own block, lets
// the page sign in and list workspaces against the same CORS-off sandbox.
// The key-safety, CSP and panic checks run after each test (lib/browser.mjs).
//
// Environment: ORA_NO_CORS_URL (demo sandbox with --no-cors), ORA_DIST (the built page).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { open, signIn, shot } from '../lib/browser.mjs';
import { assertAxe } from '../lib/axe.mjs';
import { nginxProxy } from '../lib/proxy.mjs';
import { pageErrors } from '../lib/safety.mjs';
import { URL_, KEY, api } from '../lib/sandbox.mjs';

const NO_CORS = process.env.ORA_NO_CORS_URL;
const DIST = process.env.ORA_DIST;
if (!NO_CORS || !DIST) throw new Error('ORA_NO_CORS_URL and ORA_DIST are required');

// A deployment that points the page at another API must allow it in the page's CSP
// (connect-src); without that the CSP, not CORS, would refuse the call. The document is
// served as the sandbox sends it, with that one addition.
const allowConnectTo = (origin) => (page) => page.route(`${URL_}/`, async (route) => {
  const html = await (await route.fetch()).text();
  const csp = "connect-src 'self'";
  assert.ok(html.includes(csp), 'the page has a connect-src to extend');
  await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html.replace(csp, `${csp} ${origin}`) });
});

// The browser's own console lines about the refused calls are this test's doing.
function forgetRefusals(t) {
  for (let i = pageErrors.length - 1; i >= 0; i--) {
    const line = pageErrors[i];
    if (line.startsWith(`${t.name}: console error:`) && (line.includes('CORS') || line.includes('Failed to load resource'))) {
      pageErrors.splice(i, 1);
    }
  }
}

// Signs in at `NO_CORS` from a page on another origin, and waits for the refusal.
async function refusedSignIn(t, colorScheme) {
  const { page } = await open(t, { hash: '#/workspaces', colorScheme, prepare: allowConnectTo(NO_CORS) });
  await page.waitForFunction(() => !document.querySelector('form button[type=submit]')?.disabled);
  await page.fill('#ora-base', `${NO_CORS}/api/v1`);
  await signIn(page);
  await page.waitForFunction(() => document.querySelector('#ora-key-error')?.textContent.includes('could not reach'), null, { timeout: 30_000 });
  return page;
}

test('sign-in against an API that refuses this page (CORS off) explains it and links to the proxy recipe', async (t) => {
  // The sandbox is up and the key good: only the browser refuses.
  assert.equal((await api('GET', '/key', undefined, NO_CORS)).status, 200);
  const page = await refusedSignIn(t, 'light');
  const message = await page.locator('#ora-key-error').innerText();
  assert.ok(message.includes(`The browser could not reach ${NO_CORS} from this page.`), message);
  assert.ok(message.includes('(CORS)') && message.includes('the network failed'), message);
  assert.ok(!message.includes(KEY) && !message.includes('/api/v1'), message);
  // The base URL is at fault, not the key; nothing of the signed-in page.
  assert.equal(await page.getAttribute('#ora-base', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#ora-key', 'aria-invalid'), null);
  assert.equal(await page.locator('#ora-main').count(), 0);
  // The link goes to the README's section, shipped with the page: no public address needed.
  const link = page.locator('#ora-key-error a#ora-proxy-help');
  assert.equal(await link.innerText(), 'How to serve the page and the API from one origin');
  assert.equal(await link.getAttribute('href'), 'proxy-help.html');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await assertAxe(page, 'sign-in refused by the browser');
  await shot(page, 'signin-cors-refused');
  const [help] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await help.waitForLoadState();
  assert.equal(new URL(help.url()).pathname.replace(/.*\//, ''), 'proxy-help.html');
  assert.equal(await help.locator('h1').innerText(), 'Same-origin proxy');
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const nginx = readme.slice(readme.indexOf('```nginx\n') + 9, readme.indexOf('```', readme.indexOf('```nginx\n') + 9)).trim();
  assert.ok((await help.locator('pre').first().innerText()).includes(nginx.split('\n')[0]), 'the nginx block is there');
  assert.equal((await help.locator('pre').first().innerText()).trim(), nginx);
  for (const scheme of ['light', 'dark']) {
    await help.emulateMedia({ colorScheme: scheme });
    await assertAxe(help, `proxy help page (${scheme})`);
    await shot(help, `proxy-help-${scheme}`);
  }
  await help.close();
  // Fixing the base URL signs in: the message was about that API, not this page.
  await page.fill('#ora-base', `${URL_}/api/v1`);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#ora-ws-table');
  forgetRefusals(t);
});

test('the refused sign-in in dark mode: axe finds nothing', async (t) => {
  const page = await refusedSignIn(t, 'dark');
  await assertAxe(page, 'sign-in refused by the browser (dark)');
  await shot(page, 'signin-cors-refused-dark');
  forgetRefusals(t);
});

test("the README's nginx recipe: the page signs in and lists workspaces through it, API with CORS off", async (t) => {
  const proxy = await nginxProxy(DIST, NO_CORS);
  t.after(() => proxy.close());
  // The API answers through the proxy without any CORS header: the browser needs none.
  const res = await fetch(`${proxy.origin}/api/v1/workspaces`, { headers: { Authorization: `Bearer ${KEY}`, Origin: 'https://elsewhere.example' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  const { page } = await open(t, { base: proxy.origin, hash: '#/workspaces' });
  // config.json from the recipe names the proxy's own /api/v1.
  await page.waitForFunction((u) => document.querySelector('#ora-base')?.value === `${u}/api/v1`, proxy.origin);
  await signIn(page);
  await page.waitForSelector('#ora-ws-table');
  await page.waitForFunction(() => document.querySelector('#ora-ws-table')?.textContent.includes('Production'));
  await shot(page, 'proxy-nginx-workspaces');
});
