// The browser entries' early fetch, in headless Chromium against the sandbox, from the packed
// tarball as unpacked into node_modules (served as plain ES modules, no bundler, as a
// `<script type="module">` user has them). Prints "early fetch: ok" on success. "client" and
// "settings" here are the file form (`openrouter-admin/file`, browser.js, and
// `openrouter-admin/file/settings`, settings-file.js); the default entry, whose module is inside
// its JavaScript, is "inline" below and entries.mjs.
//
// - Importing the three entries starts the three .wasm downloads before the importing module's
//   own code runs (so before any call can be made), and `init()` fetches nothing more.
// - A server whose .wasm answers fail (503): no unhandled rejection, no page error; `init()`
//   rejects with an OpenRouterError of kind `network` naming the status; once the files are
//   back, `init()` again loads them and the first calls answer.
// - A server that sends the .wasm as application/octet-stream: it still loads.
// - The client and the settings entries share one module, one instance and one download of the
//   runtime: a page importing both fetches the client's module once and the settings chunk
//   once (the files and bytes are printed).
// - A settings chunk whose first requests fail (503): the first settings call rejects with an
//   OpenRouterError of kind `network`, the next calls answer, and five calls racing for the
//   chunk fetch it once.
// - The inline entry (`openrouter-admin`, also `openrouter-admin/inline`: the client's module
//   inside its JavaScript): importing it and `init()` request no .wasm, and it loads while every
//   .wasm answer fails; its class refuses before `init()`; a chunk still comes from its file at its first call: while
//   the file is down that call rejects with kind `network` and the client keeps answering, and
//   once it is back the call answers.
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { PKG as pkg, serve, launch, checks } from "./chromium.mjs";

const { SANDBOX_API: api, SANDBOX_MANAGEMENT_KEY: key } = process.env;
const WASMS = ["openrouter_admin_bg.wasm", "openrouter_admin_settings_bg.wasm", "openrouter_admin_findings_bg.wasm"];
const [MAIN, SETTINGS] = WASMS;

// How the server answers a .wasm: "ok", "fail" (503) or "octet" (the wrong MIME type).
let mode = "ok";
// How many more requests of a file fail (503) whatever the mode.
const failing = new Map();
const served = [];
const ENTRIES = { client: "browser.js", settings: "settings-file.js", findings: "findings.js", inline: "inline.js" };
const FETCHING = ["client", "settings", "findings"];
// The page importing the entries its `?entries=` names (by default the three that fetch their .wasm).
const page = (url) => {
  const names = url.searchParams.get("entries")?.split(",") ?? FETCHING;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>early fetch</title>
<script>
window.unhandled = [];
addEventListener("unhandledrejection", (e) => unhandled.push(String(e.reason?.message ?? e.reason)));
</script>
<script type="module">
${names.map((n) => `import * as ${n} from "/pkg/${ENTRIES[n]}";`).join("\n")}
window.importedAt = performance.now();
window.entries = { ${names.join(", ")} };
</script></head><body></body></html>`;
};

const server = await serve({
  page,
  file: (name, res) => {
    served.push(name);
    const left = failing.get(name) ?? 0;
    if (left > 0) failing.set(name, left - 1);
    if (name.endsWith(".wasm") && (mode === "fail" || left > 0)) {
      res.writeHead(503, { "cache-control": "no-store" }).end("down for a deploy");
      return true;
    }
    return false;
  },
  type: (name) => (name.endsWith(".js") ? "text/javascript" : mode === "octet" ? "application/octet-stream" : "application/wasm"),
});
const { origin } = server;
const browser = await launch();
const { check, report } = checks("early fetch");
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

async function open(query = "") {
  served.length = 0;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("503")) errors.push(m.text());
  });
  await page.goto(origin + "/" + query);
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
      // At most: a fetch the import started and the import's end can fall in one tick of the
      // browser's coarsened clock (seen: both at 117.6 ms).
      timing !== null && timing.starts.every((t) => t <= timing.importedAt), JSON.stringify(timing ?? "no .wasm request within 15 s of the import"));
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
    // The client's module is the settings entry's too: its `init()` tried again while the file
    // was still down (a failure is never remembered), so three requests of it.
    check("each .wasm fetched once more per init() that found it down, and once after (the client's module: import, the settings init, after; the others: import, after)",
      count(MAIN) === 3 && WASMS.slice(1).every((f) => count(f) === 2), served.join(" "));
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

  // 4. Both classes in one page: one module, one instance, one download of the runtime.
  {
    mode = "ok";
    const { context, page, errors } = await open("?entries=client,settings");
    const shared = await page.evaluate(async ({ api, key }) => {
      const { client, settings } = window.entries;
      const [a, b] = await Promise.all([client.default(), settings.default()]);
      const options = { apiKey: key, baseUrl: api, maxRetries: 0 };
      const me = await new client.OpenRouterAdmin(options).currentKey();
      const list = await new settings.WorkspaceSettings(options).listGuardrails();
      const wasm = performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm"))
        .map((e) => [e.name.split("/").pop(), e.encodedBodySize]);
      return { same: a === b, answered: me.is_management_key === true && Array.isArray(list.data), wasm };
    }, { api, key });
    const wasms = served.filter((f) => f.endsWith(".wasm"));
    const gz = (f) => gzipSync(readFileSync(join(pkg, f)), { level: 9 }).length;
    const files = served.filter((f) => !f.startsWith("favicon"));
    console.log(`client + settings in one page: ${files.length} files, ${files.reduce((n, f) => n + statSync(join(pkg, f)).size, 0)} B ` +
      `(gzip -9 ${files.reduce((n, f) => n + gz(f), 0)} B); wasm: ${wasms.map((f) => `${f} ${gz(f)} B gzip`).join(", ")}`);
    check("both entries answer from one instance (init() of each gives the same exports)", shared.same && shared.answered, JSON.stringify(shared));
    check("the client's module fetched once, the settings chunk once, no other module of the runtime",
      count(MAIN) === 1 && count(SETTINGS) === 1 && wasms.every((f) => f === MAIN || /^openrouter_admin_\w*settings\w*_bg\.wasm$/.test(f)),
      wasms.join(" "));
    check("no page errors", errors.length === 0, errors.join("\n"));
    await context.close();
  }

  // 5. The settings chunk fails twice (the import's early fetch, the first call's load): the
  // first call rejects with kind network, then five racing calls answer with one fetch.
  {
    failing.set(SETTINGS, 2);
    const { context, page, errors } = await open("?entries=client,settings");
    const got = await page.evaluate(async ({ api, key }) => {
      const { client, settings } = window.entries;
      await Promise.all([client.default(), settings.default()]);
      const s = new settings.WorkspaceSettings({ apiKey: key, baseUrl: api, maxRetries: 0 });
      const out = {};
      try {
        await s.listGuardrails();
        out.first = "resolved";
      } catch (e) {
        out.first = { openRouter: e instanceof Error && e.name === "OpenRouterError", kind: e.kind, message: e.message };
      }
      const race = await Promise.allSettled([
        s.listGuardrails(), s.listByokKeys(), s.listObservabilityDestinations(), s.listKeyAssignments(),
        s.iterateGuardrails().collectAll(),
      ]);
      out.race = race.map((r) => r.status === "fulfilled" ? "ok" : String(r.reason?.message ?? r.reason));
      out.unhandled = window.unhandled;
      return out;
    }, { api, key });
    check("a settings chunk that does not load: the call rejects with an OpenRouterError of kind network",
      got.first.openRouter && got.first.kind === "network", JSON.stringify(got.first));
    check("the next calls, five racing for the chunk, answer", got.race.every((r) => r === "ok"), JSON.stringify(got.race));
    check("the chunk fetched three times in all: the import's (503), the first call's (503), one for the five racing calls",
      count(SETTINGS) === 3, served.join(" "));
    check("no unhandled rejection", got.unhandled.length === 0, got.unhandled.join("\n"));
    check("no page errors but the 503s", errors.length === 0, errors.join("\n"));
    await context.close();
  }

  // 6. The inline entry while every .wasm answer fails: it needs none for itself; its chunks
  // are still files.
  {
    mode = "fail";
    const { context, page, errors } = await open("?entries=inline");
    await page.waitForTimeout(300); // time for a request the import might start
    check("inline: importing it requests no .wasm", !served.some((f) => f.endsWith(".wasm")), served.join(" "));
    const got = await page.evaluate(async ({ api, key }) => {
      const { inline } = window.entries;
      const out = {};
      try {
        new inline.OpenRouterAdmin({ apiKey: key, baseUrl: api });
        out.early = "constructed";
      } catch (e) {
        out.early = { openRouter: inline.isOpenRouterError(e), message: e.message };
      }
      const [a, b] = await Promise.all([inline.default(), inline.default()]);
      out.same = a === b;
      const admin = new inline.OpenRouterAdmin({ apiKey: key, baseUrl: api, maxRetries: 0 });
      out.me = (await admin.currentKey()).is_management_key;
      // The analytics call's code is the enterprise chunk, a file, down for now.
      out.chunkDown = await admin.getAnalyticsMeta().then(() => "resolved", (e) => ({ openRouter: inline.isOpenRouterError(e), kind: e.kind }));
      out.after = (await admin.listWorkspaces()).data.length > 0;
      out.unhandled = window.unhandled;
      return out;
    }, { api, key });
    check("inline: the class before init() throws an OpenRouterError saying to call it",
      got.early.openRouter && /await init\(\)/.test(got.early.message), JSON.stringify(got.early));
    check("inline: init() loads the module inside it while every .wasm answer fails; two calls share one load",
      got.same && got.me === true, JSON.stringify(got));
    check("inline: init() requested no .wasm", !served.some((f) => f === MAIN), served.join(" "));
    check("inline: a chunk that does not load rejects with an OpenRouterError of kind network; the client keeps answering",
      got.chunkDown.openRouter && got.chunkDown.kind === "network" && got.after, JSON.stringify(got));
    mode = "ok";
    const back = await page.evaluate(async ({ api, key }) => {
      const admin = new window.entries.inline.OpenRouterAdmin({ apiKey: key, baseUrl: api, maxRetries: 0 });
      return admin.getAnalyticsMeta().then(() => "ok", (e) => `${e.kind}: ${e.message}`);
    }, { api, key });
    check("inline: once the chunk is back, the call answers", back === "ok", back);
    check("inline: the client's main module was never requested", !served.includes(MAIN), served.join(" "));
    check("no unhandled rejection", got.unhandled.length === 0, got.unhandled.join("\n"));
    check("no page errors but the 503s", errors.length === 0, errors.join("\n"));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
report();
