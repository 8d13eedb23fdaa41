// Serves the Vite build on 127.0.0.1, opens it in headless Chromium (Debian's) and checks that
// the package works there against the sandbox. Prints "vite e2e: ok" on success.
import { createServer } from "node:http";
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { launch } from "./chromium.mjs";

const dist = new URL("./dist/", import.meta.url).pathname;
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
  const file = path === "" || path === "." ? "index.html" : path;
  try {
    const body = await readFile(join(dist, file));
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("#status")?.textContent === "ready", null, { timeout: 15000 });
  const out = await page.evaluate((cfg) => window.runChecks(cfg), {
    api: process.env.SANDBOX_API,
    key: process.env.SANDBOX_MANAGEMENT_KEY,
  });
  console.log(JSON.stringify(out));
  const expected = ["management", "created", "secret", "rotated", "settings", "notFound", "validation", "cancelled", "keyHidden"];
  const checks = expected.map((k) => [k, out[k] === true]);
  checks.push(["iterated all", out.iterated === out.total && out.total > 0]);
  // The default entry carries the main module in its JavaScript: the build has no file of it.
  const assets = readdirSync(join(dist, "assets"));
  checks.push(["no main module .wasm in the build (it is inside the default entry)",
    !assets.some((f) => f.startsWith("openrouter_admin_bg")) && assets.some((f) => f.startsWith("openrouter_admin_settings_bg"))]);
  // The 404 of the getKey check is logged by Chromium as a failed resource load: expected.
  const unexpected = errors.filter((e) => !e.includes("404"));
  checks.push(["no page errors", unexpected.length === 0]);
  for (const [name, ok] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
  failed = checks.some(([, ok]) => !ok);
  if (unexpected.length) console.log(unexpected.join("\n"));
  console.log(`vite e2e: ${checks.filter(([, ok]) => ok).length}/${checks.length} checks passed`);
  if (!failed) console.log("vite e2e: ok");
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
