// What the browser entries share: each starts fetching (inline.js: inflating) and compiling
// its .wasm when it is imported (the settings entries: its chunk, beside the client's module
// they share), not when `init()` is first called, so the download overlaps whatever the app does
// before it needs the client; `init()` then awaits that compile. A failed download is never an
// unhandled rejection: it is `init()`'s rejection, an `OpenRouterError`, and a later `init()`
// fetches again.

/** An `OpenRouterError` made in JavaScript (the wasm may not be loaded to make one). */
export function fault(message, kind = "validation") {
  const error = new Error(message);
  error.name = "OpenRouterError";
  return Object.assign(error, {
    kind,
    status: null,
    code: null,
    metadata: null,
    retryAfterMs: null,
    fieldErrors: [],
  });
}

/** Whether the one module of both classes is loaded: `init()` of either entry sets it. */
export const shared = { ready: false };

// Fetches (unless given a `Response`, or a function that makes one: inline.js's inflated
// module, made inside the promise so that a platform without `DecompressionStream` gets a
// rejection, not a throw on import) and compiles `source` now; the split chunks are read
// through it too (`__wasm_split.js`). The response's MIME type picks
// the way: `compileStreaming` (compiles while the bytes arrive) refuses anything but
// `application/wasm`, so a server that says otherwise gets the bytes compiled once they are all
// there.
export function compile(source) {
  const compiled = new Promise((ok) =>
    ok(
      typeof source === "function"
        ? source()
        : source instanceof Response
          ? source
          : fetch(source),
    ),
  ).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status} from ${r.url}`);
    return r.headers.get("content-type")?.startsWith("application/wasm")
      ? WebAssembly.compileStreaming(r)
      : r.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  });
  // Handled here so that an import whose download fails never reports an unhandled rejection;
  // `init()` still sees the failure when it awaits `compiled`.
  compiled.catch(() => {});
  return compiled;
}

/**
 * One entry's loader: starts fetching (for inline.js: inflating) and compiling `url` at once,
 * and returns the `init` that instantiates it through wasm-bindgen's `webInit`. `init` takes
 * what wasm-bindgen's takes (nothing, `{ module_or_path }`, a URL, `Request`, `Response`, bytes,
 * a `WebAssembly.Module`, or a promise of one) and hands the glue a compiled module or bytes
 * only: the glue's own fetching is cut from the package (xtask/src/loader.rs). Calls share one
 * load; after a failure the next call starts over.
 */
export function loader(url, webInit) {
  let compiled = compile(url);
  let loading;
  return (module) =>
    (loading ??= (async () => {
      try {
        let m = await (module?.constructor === Object ? module.module_or_path : module);
        m =
          m === undefined
            ? await (compiled ??= compile(url))
            : typeof m === "string" || m instanceof URL || m instanceof Request || m instanceof Response
              ? await compile(m)
              : m;
        return await webInit({ module_or_path: m });
      } catch (e) {
        compiled = loading = undefined;
        throw fault(`the wasm module did not load: ${e?.message ?? e}`, "network");
      }
    })());
}
