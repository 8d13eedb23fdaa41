// `cargo xtask bench`'s npm figures, side by side with the official @openrouter/sdk in one run:
// bytes (gzip -9 and brotli 11) and cold start in headless Chromium. Printed, never asserted.
//
// Both sides are measured as an app ships them: one esbuild bundle (--bundle --minify, ESM) of a
// module that re-exports what the app may use, plus, for ours, the .wasm files beside it. Ours:
// the browser entries of the built package (`openrouter-admin`, its main module inside its
// JavaScript, and `openrouter-admin/settings` over it: one module, the settings' operations a
// chunk of it, so the settings alone and both download the client's module and the settings
// chunks; and the same as files, `openrouter-admin/file` and `openrouter-admin/file/settings`,
// the .wasm beside the JavaScript). The
// SDK's: `OpenRouterCore` and its standalone functions (`@openrouter/sdk/funcs/*`, the SDK's
// tree-shakable form) for exactly the endpoints our class's methods send (CLIENT, SETTINGS
// below: one function per endpoint; our composites, rotation, bulk, member outcomes and
// reconciles, have no SDK function and add nothing to its side).
//
// Cold start: a page on 127.0.0.1 (served gzip -9, the API passed to the sandbox on the same
// origin, lib/static-host.mjs) imports the bundle and makes one call (the current key; with
// the settings too, one settings list; ours through the default entry, the module inside the
// JavaScript, and through `openrouter-admin/file`, without and with the .wasm preloaded by a
// `<link>` in the page, the README's advice for that entry); the time from navigation start to the answer, the
// median of RUNS fresh contexts (empty cache), at loopback, 4x CPU slowdown, 10 Mbit/s with 40 ms
// and 1.6 Mbit/s (750 kbit/s up) with 150 ms (Chromium's emulation over DevTools).
//
//   node npm.mjs
//   env: ORA_PKG (target/npm/openrouter-admin), ORA_SDK (the folder whose node_modules holds
//   @openrouter/sdk), ORA_OUT (a scratch folder), ORA_PLAYWRIGHT (playwright-core's folder),
//   ORA_STATIC_HOST (web/e2e/lib/static-host.mjs), SANDBOX_URL, SANDBOX_MANAGEMENT_KEY,
//   CHROMIUM, ORA_RUNS (default 5), ORA_CONDITIONS (the cold-start conditions to run, by the
//   start of their names, comma-separated: "10 Mbit,1.6 Mbit"; default all); esbuild on PATH.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const env = process.env;
const { chromium } = await import(pathToFileURL(join(env.ORA_PLAYWRIGHT, "index.mjs")));
const { staticHost } = await import(pathToFileURL(env.ORA_STATIC_HOST));
const RUNS = Number(env.ORA_RUNS ?? 5);
const out = env.ORA_OUT;

// The SDK's function for each endpoint `OpenRouterAdmin` sends.
const CLIENT = [
  "apiKeysCreate", "apiKeysDelete", "apiKeysGet", "apiKeysGetCurrentKeyMetadata", "apiKeysList", "apiKeysUpdate",
  "creditsGetCredits", "analyticsGetUserActivity", "organizationListMembers",
  "workspacesCreate", "workspacesDelete", "workspacesGet", "workspacesList", "workspacesUpdate",
  "workspacesListMembers", "workspacesBulkAddMembers", "workspacesBulkRemoveMembers",
  "workspacesListBudgets", "workspacesGetBudget", "workspacesSetBudget", "workspacesDeleteBudget",
  // Issue 21's: our class sends them from its enterprise chunk, counted on our side below.
  "scimListGroups", "scimListMappings", "scimCreate", "scimRead", "scimUpdate", "scimDelete",
  "scimCreateSyncJob", "scimGetSyncJob", "analyticsGetAnalyticsMeta", "analyticsQueryAnalytics",
  "generationsSubmitFeedback",
];
// The same for `WorkspaceSettings`.
const SETTINGS = [
  "guardrailsCreate", "guardrailsDelete", "guardrailsGet", "guardrailsList", "guardrailsUpdate",
  "guardrailsBulkAssignKeys", "guardrailsBulkAssignMembers", "guardrailsBulkUnassignKeys", "guardrailsBulkUnassignMembers",
  "guardrailsListGuardrailKeyAssignments", "guardrailsListGuardrailMemberAssignments",
  "guardrailsListKeyAssignments", "guardrailsListMemberAssignments",
  "byokCreate", "byokDelete", "byokGet", "byokList", "byokUpdate",
  "observabilityCreate", "observabilityDelete", "observabilityGet", "observabilityList", "observabilityUpdate",
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// One bundle `name.js` in `out` of `source` (resolved from `from`); returns the files a browser
// downloads for it (the bundle, and the .wasm files it loads). Errors only: esbuild warns that
// wasm-bindgen's bare import of its snippet is side-effect free (it is; the named import stays).
function bundle(name, source, from, wasms = []) {
  const entry = join(out, `${name}.entry.js`);
  writeFileSync(entry, source);
  execFileSync("esbuild", [entry, "--bundle", "--minify", "--format=esm", "--target=es2020",
    "--log-level=error", `--outfile=${join(out, `${name}.js`)}`],
  { env: { ...env, NODE_PATH: join(from, "node_modules") }, stdio: ["ignore", "inherit", "inherit"] });
  for (const w of wasms) copyFileSync(join(env.ORA_PKG, w), join(out, w));
  return [`${name}.js`, ...wasms];
}
const pkg = (file) => JSON.stringify(join(env.ORA_PKG, file));
const sdkFuncs = (names) =>
  names.map((f) => `export { ${f} } from "@openrouter/sdk/funcs/${f}.js";`).join("\n") +
  '\nexport { OpenRouterCore } from "@openrouter/sdk/core.js";\n';

// Ours: one module for both classes (the client's), and the settings' chunks of it
// (`openrouter_admin_<splits>_bg.wasm` naming `settings`), which its entry fetches at import.
const CLIENT_WASM = "openrouter_admin_bg.wasm";
const SETTINGS_WASMS = readdirSync(env.ORA_PKG).filter((f) =>
  /^openrouter_admin_\w+_bg\.wasm$/.test(f) && f.slice(17, -8).split("_").includes("settings"));
// The enterprise chunks (`..._<splits>_bg.wasm` naming `enterprise`): the code that sends the
// SCIM, analytics and feedback endpoints, which the SDK's side counts as functions; fetched at
// the first such call, so no cold-start page below downloads them.
const ENTERPRISE_WASMS = readdirSync(env.ORA_PKG).filter((f) =>
  /^openrouter_admin_\w+_bg\.wasm$/.test(f) && f.slice(17, -8).split("_").includes("enterprise"));
// The default entry (`openrouter-admin`, inline.js) carries its main module inside its JS: no
// .wasm file of it; `openrouter-admin/file` (browser.js) has it beside.
const both = (client, settings) =>
  `export { default as init, OpenRouterAdmin } from ${pkg(client)};\n` +
  `export { default as initSettings, WorkspaceSettings } from ${pkg(settings)};\n`;
const sides = {
  client: {
    ours: bundle("ours-client", `export { default as init, OpenRouterAdmin } from ${pkg("inline.js")};\n`, env.ORA_PKG, ENTERPRISE_WASMS),
    sdk: bundle("sdk-client", sdkFuncs(CLIENT), env.ORA_SDK),
  },
  "client, file": {
    ours: bundle("ours-file", `export { default as init, OpenRouterAdmin } from ${pkg("browser.js")};\n`, env.ORA_PKG, [CLIENT_WASM, ...ENTERPRISE_WASMS]),
    sdk: bundle("sdk-client", sdkFuncs(CLIENT), env.ORA_SDK),
  },
  settings: {
    ours: bundle("ours-settings", `export { default as init, WorkspaceSettings } from ${pkg("settings.js")};\n`, env.ORA_PKG, SETTINGS_WASMS),
    sdk: bundle("sdk-settings", sdkFuncs(SETTINGS), env.ORA_SDK),
  },
  "client + settings": {
    ours: bundle("ours-both", both("inline.js", "settings.js"), env.ORA_PKG, [...new Set([...SETTINGS_WASMS, ...ENTERPRISE_WASMS])]),
    sdk: bundle("sdk-both", sdkFuncs([...CLIENT, ...SETTINGS]), env.ORA_SDK),
  },
  "both, file": {
    ours: bundle("ours-both-file", both("browser.js", "settings-file.js"), env.ORA_PKG,
      [...new Set([CLIENT_WASM, ...SETTINGS_WASMS, ...ENTERPRISE_WASMS])]),
    sdk: bundle("sdk-both", sdkFuncs([...CLIENT, ...SETTINGS]), env.ORA_SDK),
  },
};

const size = (files, pack) => files.reduce((n, f) => n + pack(readFileSync(join(out, f))).length, 0);
const gzip = (b) => gzipSync(b, { level: constants.Z_BEST_COMPRESSION });
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
const n = (x) => x.toLocaleString("en-US").padStart(8);
console.log("npm package vs @openrouter/sdk 1.3.19, bundled by esbuild --bundle --minify (JS + .wasm):");
console.log(`  ${"".padEnd(18)} ${"ours gzip".padStart(10)} ${"SDK gzip".padStart(10)} ${"ratio".padStart(6)}   ${"ours br".padStart(10)} ${"SDK br".padStart(10)} ${"ratio".padStart(6)}`);
for (const [label, { ours, sdk }] of Object.entries(sides)) {
  const [og, sg, ob, sb] = [size(ours, gzip), size(sdk, gzip), size(ours, brotli), size(sdk, brotli)];
  console.log(`  ${label.padEnd(18)} ${n(og)} B ${n(sg)} B ${(og / sg).toFixed(2).padStart(5)}x   ${n(ob)} B ${n(sb)} B ${(ob / sb).toFixed(2).padStart(5)}x`);
}
console.log(`  (SDK functions: ${CLIENT.length} for the client's endpoints, ${SETTINGS.length} for the settings', with OpenRouterCore)`);
// What the one-call cold start below downloads: no enterprise chunk (fetched at its first call).
const cold = { client: ["ours-client.js"], "client, file": ["ours-file.js", CLIENT_WASM], SDK: ["sdk-client.js"] };
console.log("  the one-call cold start downloads: " + Object.entries(cold)
  .map(([label, files]) => `${label} ${size(files, gzip).toLocaleString("en-US")} B gzip, ${size(files, brotli).toLocaleString("en-US")} B br`).join("; "));

// The cold-start pages: import the bundle, one call (two with the settings), then `done`.
const ours = (both, file = both ? "both" : "client") => `import * as m from "./ours-${file}.js";
const { key, baseUrl } = window.cfg;
await m.init();
const a = await new m.OpenRouterAdmin({ apiKey: key, baseUrl }).currentKey();
if (!a.is_management_key) throw new Error("no answer");
${both ? "await m.initSettings();\nif (!Array.isArray((await new m.WorkspaceSettings({ apiKey: key, baseUrl }).listGuardrails()).data)) throw new Error('no list');" : ""}
window.done = performance.now();`;
const sdk = (both) => `import * as m from "./sdk-${both ? "both" : "client"}.js";
const { key, baseUrl } = window.cfg;
const core = new m.OpenRouterCore({ apiKey: key, serverURL: baseUrl });
const a = await m.apiKeysGetCurrentKeyMetadata(core);
if (!a.ok) throw a.error;
${both ? "const g = await m.guardrailsList(core, {});\nif (!g.ok) throw g.error;" : ""}
window.done = performance.now();`;
const html = (name, script, head = "") => writeFileSync(join(out, `${name}.html`),
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${head}<script type="module">${script}</script></head><body></body></html>`);
html("ours-client", ours(false));
html("ours-file", ours(false, "file"));
// What the README suggests to an app that takes `openrouter-admin/file` and can edit its page:
// the .wasm preloaded beside the JS.
html("ours-file-preload", ours(false, "file"),
  `<link rel="preload" href="${CLIENT_WASM}" as="fetch" crossorigin>`);
html("ours-both", ours(true));
// The same for both classes through the file entries: the module and the settings' chunks preloaded.
html("ours-both-file-preload", ours(true, "both-file"),
  [CLIENT_WASM, ...SETTINGS_WASMS].map((f) => `<link rel="preload" href="${f}" as="fetch" crossorigin>`).join(""));
html("sdk-client", sdk(false));
html("sdk-both", sdk(true));

const CONDITIONS = [
  { name: "loopback" },
  { name: "4x CPU slowdown", cpu: 4 },
  { name: "10 Mbit/s, 40 ms", network: { latency: 40, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 } },
  { name: "1.6 Mbit/s, 150 ms", network: { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 } },
];
const chosen = env.ORA_CONDITIONS?.split(",").map((s) => s.trim()).filter(Boolean);
const conditions = chosen ? CONDITIONS.filter((c) => chosen.some((s) => c.name.startsWith(s))) : CONDITIONS;
const host = await staticHost(out, env.SANDBOX_URL);
const browser = await chromium.launch({
  executablePath: env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// One visit of `name`.html in a fresh context under `condition`: ms from navigation to `done`.
async function visit(name, condition) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.addInitScript((cfg) => { window.cfg = cfg; }, { key: env.SANDBOX_MANAGEMENT_KEY, baseUrl: `${host.origin}/api/v1` });
    const cdp = await context.newCDPSession(page);
    if (condition.network) {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...condition.network });
    }
    if (condition.cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: condition.cpu });
    await page.goto(`${host.origin}/${name}.html`);
    await page.waitForFunction(() => window.done, null, { timeout: 60_000 }).catch(() => {
      throw new Error(`${name} did not answer: ${errors.join("; ")}`);
    });
    return await page.evaluate(() => window.done);
  } finally {
    await context.close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  console.log(`cold start in headless Chromium (navigation to first answer, median of ${RUNS} fresh visits, served gzip -9):`);
  console.log(`  ${"".padEnd(20)} ${"page".padEnd(20)} ${"ours".padStart(9)} ${"SDK".padStart(9)} ${"ratio".padStart(6)}`);
  for (const condition of conditions) {
    for (const [label, page, oursPage] of [
      ["client, 1 call", "client", "client"],
      ["client, file", "client", "file"],
      ["file, preloaded", "client", "file-preload"],
      ["client + settings", "both", "both"],
      ["both, file preloaded", "both", "both-file-preload"],
    ]) {
      const times = { ours: [], sdk: [] };
      // Alternated, so that a noisy moment of the machine falls on both sides.
      for (let i = 0; i < RUNS; i++) {
        times.ours.push(await visit(`ours-${oursPage}`, condition));
        times.sdk.push(await visit(`sdk-${page}`, condition));
      }
      const [o, s] = [median(times.ours), median(times.sdk)];
      console.log(`  ${condition.name.padEnd(20)} ${label.padEnd(20)} ${Math.round(o).toLocaleString("en-US").padStart(6)} ms ${Math.round(s).toLocaleString("en-US").padStart(6)} ms ${(o / s).toFixed(2).padStart(5)}x`);
    }
  }
} finally {
  await browser.close();
  host.close();
}
