// The browser entries' early fetch, in headless Chromium against the sandbox, from the packed
// tarball as unpacked into node_modules (served as plain ES modules, no bundler, as a
// `<script type="module">` user has them). Prints "early fetch: ok" on success.
//
// - Importing the three entries starts the three .wasm downloads before the importing module's
//   own code runs (so before any call can be made), and `init()` fetches nothing more.
// - A server whose .wasm answers fail (503): no unhandled rejection, no page error; `init()`
//   rejects with an OpenRouterError of kind `network` naming the status; once the files are
//   back, `init()` again loads them and the first calls answer.
// - A server that sends the .wasm as application/octet-stream: it still loads.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const pkg = new URL("./node_modules/openrouter-admin/", import.meta.url).pathname;
const { SANDBOX_URL, SANDBOX_API: api, SANDBOX_MANAGEMENT_KEY: key } = process.env;
const WASMS = ["openrouter_admin_bg.wasm", "openrouter_admin_settings_bg.wasm", "openrouter_admin_findings_bg.wasm"];

// How the server answers a .wasm: "ok", "fail" (503) or "octet" (the wrong MIME type).
let mode = "ok";
const served = [];
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>early fetch</title>
<script>
window.unhandled = [];
addEventListener("unhandledrejection", (e) => unhandled.push(String(e.reason?.message ?? e.reason)));
</script>
<script type="module">
import * as client from "/pkg/browser.js";
import * as settings from "/pkg/settings.js";
import * as findings from "/pkg/findings.js";
window.importedAt = performance.now();
window.entries = { client, settings, findings };
</script></head><body></body></html>`;

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/") {
    res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" }).end(PAGE);
    return;
  }
  if (path === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  const file = path.replace(/^\/pkg\//, "");
  served.push(file);
  if (file.endsWith(".wasm") && mode === "fail") {
    res.writeHead(503, { "cache-control": "no-store" }).end("down for a deploy");
    return;
  }
  try {
    const body = await readFile(join(pkg, file));
    const type = extname(file) === ".js" ? "text/javascript" : mode === "octet" ? "application/octet-stream" : "application/wasm";
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
const count = (file) => served.filter((f) => f === file).length;

// The three first calls, one per entry, after `init()` of each.
const calls = ({ api, key }) =>
  (async () => {
    const { client, settings, findings } = window.entries;
    await Promise.all([client.default(), settings.default(), findings.default()]);
    const options = { apiKey: key, baseUrl: api, maxRetries: 0 };
    const me = await new client.OpenRouterAdmin(options).currentKey();
    const guardrails = await new settings.WorkspaceSettings(options).listGuardrails();
    const report = await findings.readFindings({ apiKey: key, baseUrl: api });
    return me.is_management_key === true && Array.isArray(guardrails.data) && typeof report.counts === "object";
  })();

async function open() {
  served.length = 0;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("503")) errors.push(m.text());
  });
  await page.goto(origin + "/");
  await page.waitForFunction(() => window.entries, null, { timeout: 15000 });
  return { context, page, errors };
}

try {
  // 1. The downloads start on import, before the importing module runs; init fetches nothing.
  {
    const { context, page, errors } = await open();
    const timing = await page.waitForFunction(
      (files) => {
        const seen = performance.getEntriesByType("resource").filter((e) => files.some((f) => e.name.endsWith(f)));
        return seen.length === files.length && { starts: seen.map((e) => e.startTime), importedAt: window.importedAt };
      },
      WASMS,
      { timeout: 15000 },
    ).then((h) => h.jsonValue(), () => null);
    check("the three .wasm requests started on import, before any call",
      timing !== null && timing.starts.every((t) => t < timing.importedAt), JSON.stringify(timing ?? "no .wasm request within 15 s of the import"));
    check("each .wasm requested once before init()", WASMS.every((f) => count(f) === 1), served.join(" "));
    check("first calls answer", await page.evaluate(calls, { api, key }));
    check("init() fetched nothing more", WASMS.every((f) => count(f) === 1), served.join(" "));
    check("no page errors", errors.length === 0, errors.join("\n"));
    await context.close();
  }

  // 2. The .wasm answers fail: no unhandled rejection; init() rejects; a retry loads.
  {
    mode = "fail";
    const { context, page, errors } = await open();
    // Counted by the server: Resource Timing has no entry for a 503 whose body nobody reads.
    for (let waited = 0; !WASMS.every((f) => count(f) === 1); waited += 50) {
      if (waited > 15000) throw new Error(`the .wasm requests did not come: ${served.join(" ")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    check("the three failing .wasm requests were made on import", true);
    await page.waitForTimeout(300); // time for an unhandled rejection to be reported
    const failed = await page.evaluate(async () => {
      const out = {};
      for (const [name, entry] of Object.entries(window.entries)) {
        try {
          await entry.default();
          out[name] = "resolved";
        } catch (e) {
          out[name] = { openRouter: e instanceof Error && e.name === "OpenRouterError", kind: e.kind, message: e.message };
        }
      }
      try {
        new window.entries.client.OpenRouterAdmin({ apiKey: "x" });
        out.constructed = true;
      } catch (e) {
        out.constructed = e.message;
      }
      out.unhandled = window.unhandled;
      return out;
    });
    for (const name of ["client", "settings", "findings"]) {
      const e = failed[name];
      check(`${name}: init() rejects with an OpenRouterError of kind network naming the 503`,
        e.openRouter && e.kind === "network" && /503/.test(e.message), JSON.stringify(e));
    }
    check("the class still refuses before a load", /await init\(\)/.test(String(failed.constructed)), String(failed.constructed));
    check("no unhandled rejection", failed.unhandled.length === 0, failed.unhandled.join("\n"));
    mode = "ok";
    check("after the files are back, init() again loads and the first calls answer", await page.evaluate(calls, { api, key }));
    check("each .wasm fetched twice in all (the failure, the retry)", WASMS.every((f) => count(f) === 2), served.join(" "));
    check("no page errors", errors.length === 0, errors.join("\n"));
    check("no unhandled rejection after the retry", (await page.evaluate(() => window.unhandled)).length === 0);
    await context.close();
  }

  // 3. The wrong MIME type: compiled from the bytes instead of streamed.
  {
    mode = "octet";
    const { context, page, errors } = await open();
    check("application/octet-stream .wasm still loads", await page.evaluate(calls, { api, key }));
    check("no page errors", errors.length === 0, errors.join("\n"));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const [name, ok, detail] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
const failed = checks.some(([, ok]) => !ok);
console.log(`early fetch: ${checks.filter(([, ok]) => ok).length}/${checks.length} checks passed`);
if (!failed) console.log("early fetch: ok");
process.exit(failed ? 1 : 0);
