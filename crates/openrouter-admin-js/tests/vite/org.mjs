// `openrouter-admin/org` in headless Chromium against the sandbox, from the packed tarball as
// unpacked into node_modules (served as plain ES modules, as a `<script type="module">` user has
// them): a call before `init()` rejects with an OpenRouterError saying so; after it, the
// organization is exported, the export plans empty, a bad file is refused with its path and
// rule; the module's .wasm is fetched once; no page error. Prints "org entry: ok" on success.
import { serve, launch, checks } from "./chromium.mjs";

const { SANDBOX_API: api, SANDBOX_MANAGEMENT_KEY: key } = process.env;
const WASM = "openrouter_org_bg.wasm";
const served = [];

const page = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>org entry</title>
<script type="module">
import * as org from "/pkg/org.js";
window.org = org;
</script></head><body></body></html>`;

const server = await serve({
  page,
  file: (name) => {
    served.push(name);
    return false;
  },
});
const { origin } = server;
const browser = await launch();
const { check, report } = checks("org entry");
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await tab.goto(origin + "/");
  await tab.waitForFunction(() => window.org, null, { timeout: 15000 });
  const got = await tab.evaluate(async ({ api, key }) => {
    const { org } = window;
    const out = {};
    out.early = await org.exportOrg({ apiKey: key, baseUrl: api }).then(
      () => "resolved",
      (e) => ({ name: e.name, message: e.message }),
    );
    await org.default();
    const file = await org.exportOrg({ apiKey: key, baseUrl: api });
    out.exported = file.startsWith("{") && file.includes('"version": 1') && !file.includes(key);
    const reviewed = await org.plan({ apiKey: key, baseUrl: api, file });
    out.empty = reviewed.applyable === false && reviewed.resource_changes.every((a) => a.action === "no_op");
    out.bad = await org.plan({ apiKey: key, baseUrl: api, file: '{"version": 1, "keys": {"k": {"limit": -1}}}' }).then(
      () => "resolved",
      (e) => e.fieldErrors?.map((f) => `${f.field} ${f.rule}`).join(", "),
    );
    return out;
  }, { api, key });
  check("a call before init() rejects with an OpenRouterError saying to call it",
    got.early.name === "OpenRouterError" && /await init\(\)/.test(got.early.message), JSON.stringify(got.early));
  check("after init(), the export is the file, without the key", got.exported);
  check("the export plans empty", got.empty);
  check("a bad file is refused with its path and rule", got.bad === "keys.k.limit range", String(got.bad));
  check("the org module's .wasm fetched once", served.filter((f) => f === WASM).length === 1, served.join(" "));
  check("no page errors", errors.length === 0, errors.join("\n"));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
report();
