// `openrouter-admin/org` in headless Chromium against the sandbox, from the packed tarball as
// unpacked into node_modules (served as plain ES modules, as a `<script type="module">` user has
// them): a call before `init()` rejects with an OpenRouterError saying so; after it, the
// organization is exported, the export plans empty, a bad file is refused with its path and
// rule; the module's .wasm is fetched once; no page error. Prints "org entry: ok" on success.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const pkg = new URL("./node_modules/openrouter-admin/", import.meta.url).pathname;
const { SANDBOX_URL, SANDBOX_API: api, SANDBOX_MANAGEMENT_KEY: key } = process.env;
const WASM = "openrouter_org_bg.wasm";
const served = [];

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>org entry</title>
<script type="module">
import * as org from "/pkg/org.js";
window.org = org;
</script></head><body></body></html>`;

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" }).end(page);
    return;
  }
  if (path === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  const file = path.replace(/^\/pkg\//, "");
  served.push(file);
  try {
    const body = await readFile(join(pkg, file));
    const type = extname(file) === ".js" ? "text/javascript" : extname(file) === ".wasm" ? "application/wasm" : "application/octet-stream";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

await fetch(SANDBOX_URL + "/__sandbox/reset", { method: "POST" });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const checks = [];
const check = (name, ok, detail = "") => checks.push([name, ok, detail]);
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
for (const [name, ok, detail] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
const failed = checks.some(([, ok]) => !ok);
console.log(`org entry: ${checks.filter(([, ok]) => ok).length}/${checks.length} checks passed`);
if (!failed) console.log("org entry: ok");
process.exit(failed ? 1 : 0);
