// The package's browser entries as its package.json names them, in headless Chromium against the
// sandbox, from the packed tarball as unpacked into node_modules: each page maps the bare names
// (`openrouter-admin`, `openrouter-admin/settings`, ...) by an import map to the files the
// `exports` field gives under the `browser` condition, as a bundler resolves them. Prints
// "entries: ok" on success.
//
// - The default entry and the settings entry: the main module comes inside the default entry's
//   JavaScript, so no request for openrouter_admin_bg.wasm; one main module compiled and
//   instantiated (counted by wrapping WebAssembly's functions: the main module is the one that
//   exports a memory, the chunks import it); `init()` of either gives the same instance; a
//   settings call answers after a client call; every file requested once.
// - `openrouter-admin/inline` is the default entry's file (importing both is one module).
// - `openrouter-admin/file` with `openrouter-admin/file/settings`: the .wasm fetched once, one
//   instance, both classes answer.
// - The default entry where `DecompressionStream` is missing, where its constructor throws (a
//   platform or policy that blocks it) and where its stream fails: no unhandled rejection, no
//   page error, `init()` rejects with an OpenRouterError, the class still refuses, and the
//   importing page goes on.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { PKG as pkg, serve, launch, checks } from "./chromium.mjs";

const { SANDBOX_API: api, SANDBOX_MANAGEMENT_KEY: key } = process.env;
const MAIN = "openrouter_admin_bg.wasm";
const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));

// The file `exports[name]` gives a browser bundler (condition `browser`, else `default`).
function resolve(name) {
  let target = manifest.exports[name === "openrouter-admin" ? "." : `.${name.slice("openrouter-admin".length)}`];
  while (target && typeof target === "object") target = target.browser ?? target.default;
  if (typeof target !== "string") throw new Error(`package.json exports no browser entry for ${name}`);
  return target.replace(/^\.\//, "");
}
const NAMES = ["openrouter-admin", "openrouter-admin/settings", "openrouter-admin/inline",
  "openrouter-admin/file", "openrouter-admin/file/settings"];
const files = Object.fromEntries(NAMES.map((n) => [n, resolve(n)]));

// Counts compiles and instances of the main module (the one exporting a memory) and records
// unhandled rejections; `mode` replaces DecompressionStream: "missing", "throws" or "fails".
const instrument = (mode) => {
  window.unhandled = [];
  addEventListener("unhandledrejection", (e) => window.unhandled.push(String(e.reason?.message ?? e.reason)));
  window.mains = { compiled: 0, instantiated: 0 };
  const isMain = (m) => m instanceof WebAssembly.Module && WebAssembly.Module.exports(m).some((e) => e.kind === "memory");
  for (const name of ["compile", "compileStreaming"]) {
    const real = WebAssembly[name];
    WebAssembly[name] = (...args) => real.apply(WebAssembly, args).then((m) => {
      if (isMain(m)) window.mains.compiled += 1;
      return m;
    });
  }
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (source, imports) => {
    const module = source instanceof WebAssembly.Module ? source : null;
    return instantiate.call(WebAssembly, source, imports).then((out) => {
      if (isMain(module ?? out.module)) window.mains.instantiated += 1;
      return out;
    });
  };
  if (mode === "missing") delete window.DecompressionStream;
  if (mode === "throws") {
    window.DecompressionStream = class {
      constructor() {
        throw new DOMException("blocked by policy", "SecurityError");
      }
    };
  }
  if (mode === "fails") {
    window.DecompressionStream = class extends TransformStream {
      constructor() {
        super({ transform: (_, c) => c.error(new TypeError("corrupt deflate data")) });
      }
    };
  }
};

const served = [];
const page = (url) => {
  const names = url.searchParams.get("entries").split(",");
  const imports = Object.fromEntries(NAMES.map((n) => [n, `/pkg/${files[n]}`]));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>entries</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
${names.map((n, i) => `import * as e${i} from "${n}";`).join("\n")}
window.entries = [${names.map((_, i) => `e${i}`).join(", ")}];
</script></head><body></body></html>`;
};
const server = await serve({ page, file: (name) => (served.push(name), false) });
const browser = await launch();
const { check, report } = checks("entries");
const count = (file) => served.filter((f) => f === file).length;

async function open(names, mode = "") {
  served.length = 0;
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors = [];
  const requested = [];
  tab.on("request", (r) => requested.push(new URL(r.url()).pathname.split("/").pop()));
  tab.on("pageerror", (e) => errors.push(String(e)));
  tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await tab.addInitScript(instrument, mode);
  await tab.goto(`${server.origin}/?entries=${names.join(",")}`);
  await tab.waitForFunction(() => window.entries, null, { timeout: 15000 });
  return { context, tab, errors, requested };
}

// `init()` of each entry, a client call, then a settings call; the instances and counts.
const both = ({ api, key }) =>
  (async () => {
    const [client, settings] = window.entries;
    const [a, b] = await Promise.all([client.default(), settings.default()]);
    const options = { apiKey: key, baseUrl: api, maxRetries: 0 };
    const me = await new client.OpenRouterAdmin(options).currentKey();
    const guardrails = await new settings.WorkspaceSettings(options).listGuardrails();
    return {
      same: a === b,
      answered: me.is_management_key === true && Array.isArray(guardrails.data),
      mains: window.mains,
      unhandled: window.unhandled,
    };
  })();

try {
  check("package.json: the default browser entry is the inline form, `inline` its alias, `file` the .wasm file's",
    files["openrouter-admin"] === "inline.js" && files["openrouter-admin/inline"] === "inline.js" &&
      files["openrouter-admin/file"] === "browser.js", JSON.stringify(files));

  // 1. The default entry with the settings: one main module, from inside the JavaScript.
  {
    const { context, tab, errors, requested } = await open(["openrouter-admin", "openrouter-admin/settings"]);
    const got = await tab.evaluate(both, { api, key });
    const gz = (f) => gzipSync(readFileSync(join(pkg, f)), { level: 9 }).length;
    const loaded = served.filter((f) => f !== "favicon.ico");
    console.log(`default + settings: ${loaded.length} files, gzip -9 ${loaded.reduce((n, f) => n + gz(f), 0)} B: ${loaded.join(" ")}`);
    check("default + settings: the client call then a settings call answer", got.answered, JSON.stringify(got));
    check("default + settings: init() of each gives the same instance's exports", got.same);
    check("default + settings: one main module compiled and instantiated",
      got.mains.compiled === 1 && got.mains.instantiated === 1, JSON.stringify(got.mains));
    check("default + settings: no request for openrouter_admin_bg.wasm (network log and server)",
      !requested.includes(MAIN) && count(MAIN) === 0, requested.join(" "));
    check("default + settings: the main module's bytes (inline.js) and every other file requested once",
      count("inline.js") === 1 && new Set(loaded).size === loaded.length, loaded.join(" "));
    check("default + settings: the settings chunk fetched once",
      loaded.filter((f) => /^openrouter_admin_\w*settings\w*_bg\.wasm$/.test(f)).length >= 1 &&
        loaded.filter((f) => f.endsWith(".wasm")).every((f) => count(f) === 1), loaded.join(" "));
    check("default + settings: no unhandled rejection, no page error",
      got.unhandled.length === 0 && errors.length === 0, [...got.unhandled, ...errors].join("\n"));
    await context.close();
  }

  // 2. `openrouter-admin/inline` beside the default entry: the same module.
  {
    const { context, tab } = await open(["openrouter-admin", "openrouter-admin/inline"]);
    const got = await tab.evaluate(async () => {
      const [a, b] = window.entries;
      await a.default();
      return { sameClass: a.OpenRouterAdmin === b.OpenRouterAdmin, sameInit: a.default === b.default, mains: window.mains };
    });
    check("openrouter-admin/inline is the default entry's module (one class, one init, one instance)",
      got.sameClass && got.sameInit && got.mains.instantiated === 1 && count("inline.js") === 1, JSON.stringify(got));
    await context.close();
  }

  // 3. The file entry with its settings: the .wasm fetched once.
  {
    const { context, tab, errors, requested } = await open(["openrouter-admin/file", "openrouter-admin/file/settings"]);
    const got = await tab.evaluate(both, { api, key });
    check("file + file/settings: the client call then a settings call answer, one instance",
      got.answered && got.same && got.mains.compiled === 1 && got.mains.instantiated === 1, JSON.stringify(got));
    check("file + file/settings: openrouter_admin_bg.wasm fetched once, inline.js never",
      count(MAIN) === 1 && requested.filter((f) => f === MAIN).length === 1 && count("inline.js") === 0, served.join(" "));
    check("file + file/settings: no unhandled rejection, no page error",
      got.unhandled.length === 0 && errors.length === 0, [...got.unhandled, ...errors].join("\n"));
    await context.close();
  }

  // 4. DecompressionStream missing, blocked, or failing: init()'s rejection, nothing unhandled.
  for (const mode of ["missing", "throws", "fails"]) {
    const { context, tab, errors } = await open(["openrouter-admin", "openrouter-admin/settings"], mode);
    await tab.waitForTimeout(300); // time for an unhandled rejection to be reported
    const got = await tab.evaluate(async () => {
      const [client, settings] = window.entries;
      const out = {};
      for (const [name, entry] of [["client", client], ["settings", settings]]) {
        out[name] = await entry.default().then(
          () => "resolved",
          (e) => ({ openRouter: client.isOpenRouterError(e), kind: e.kind, message: e.message }),
        );
      }
      try {
        new client.OpenRouterAdmin({ apiKey: "x" });
        out.constructed = true;
      } catch (e) {
        out.constructed = e.message;
      }
      out.unhandled = window.unhandled;
      return out;
    });
    check(`DecompressionStream ${mode}: init() of each entry rejects with an OpenRouterError`,
      ["client", "settings"].every((n) => got[n].openRouter && /did not load/.test(got[n].message)), JSON.stringify(got));
    check(`DecompressionStream ${mode}: the class still refuses before a load`,
      /await init\(\)/.test(String(got.constructed)), String(got.constructed));
    check(`DecompressionStream ${mode}: no unhandled rejection, no page error`,
      got.unhandled.length === 0 && errors.length === 0, [...got.unhandled, ...errors].join("\n"));
    check(`DecompressionStream ${mode}: no request for openrouter_admin_bg.wasm`, count(MAIN) === 0, served.join(" "));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
report();
