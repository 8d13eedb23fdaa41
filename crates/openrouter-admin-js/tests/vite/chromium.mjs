// What the Chromium checks of the unpacked package share (early.mjs, org.mjs): a server of the
// package's files as plain ES modules under /pkg/ (no bundler, as a `<script type="module">`
// user has them) and of a page at /, Debian's Chromium, and the list of checks they print.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

/** The packed tarball as `cargo xtask test` unpacked it. */
export const PKG = new URL("./node_modules/openrouter-admin/", import.meta.url).pathname;

/**
 * Serves the page `page(url)` at / and the package's files under /pkg/; `file(name, res)` sees
 * each file asked for first, and answers it itself by returning true; `type(name)` gives a
 * file's content type (by default `.js` as JavaScript, `.wasm` as application/wasm). Resolves to
 * `{ origin, close }`.
 */
export async function serve({ page, file = () => false, type = byExtension }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const path = normalize(decodeURIComponent(url.pathname));
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" }).end(page(url));
      return;
    }
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    const name = path.replace(/^\/pkg\//, "");
    if (await file(name, res)) return;
    try {
      const body = await readFile(join(PKG, name));
      res.writeHead(200, { "content-type": type(name), "cache-control": "no-store" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

function byExtension(name) {
  const ext = extname(name);
  return ext === ".js" ? "text/javascript" : ext === ".wasm" ? "application/wasm" : "application/octet-stream";
}

/** Headless Chromium (Debian's), after resetting the sandbox the checks run against. */
export async function launch() {
  await fetch(process.env.SANDBOX_URL + "/__sandbox/reset", { method: "POST" });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** The checks of a run called `title`: `check(name, ok, detail)`, then `report()`, which exits. */
export function checks(title) {
  const list = [];
  return {
    check: (name, ok, detail = "") => list.push([name, ok, detail]),
    report() {
      for (const [name, ok, detail] of list) console.log(`${ok ? "ok  " : "FAIL"} ${name}${ok || !detail ? "" : `: ${detail}`}`);
      const failed = list.some(([, ok]) => !ok);
      console.log(`${title}: ${list.filter(([, ok]) => ok).length}/${list.length} checks passed`);
      if (!failed) console.log(`${title}: ok`);
      process.exit(failed ? 1 : 0);
    },
  };
}
