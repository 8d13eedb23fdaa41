// Browser and bundler entry `openrouter-admin` (the default; `openrouter-admin/inline` is the
// same file): the client with its main module inside this file, deflate-raw compressed and
// base64-encoded by `cargo xtask package`. A page that imports browser.js
// (`openrouter-admin/file`) learns of its .wasm only once that JavaScript has arrived and run:
// one more round trip before the first call, unless the page preloads the .wasm. Here the
// module comes with the JavaScript, in about the same bytes once the file is served compressed
// (base64 of compressed bytes compresses back to them), and is inflated by the platform's
// `DecompressionStream` and compiled as soon as this module runs. `openrouter-admin/settings`
// takes the module from here (settings.js), so the two share one download and one instance.
// The chunks (composites, enterprise, settings) are still files, fetched at their first call
// (__wasm_split.js). Works wherever `DecompressionStream("deflate-raw")` does: Chromium 103+,
// Firefox 113+, Safari 16.4+, Node 20+, Deno; elsewhere `init()` rejects with an
// `OpenRouterError` (load.js).
import { loader } from "./load.js";
import webInit from "./openrouter_admin.js";
import { initWith } from "./client.js";

export { initSync, isOpenRouterError, OpenRouterAdmin } from "./client.js";

const WASM = "__OPENROUTER_ADMIN_WASM__";

// A fresh `Response` of the inflated module for each load (a failed one is started over), typed
// so that it is compiled while it is inflated (load.js).
function inflated() {
  const bytes =
    Uint8Array.fromBase64?.(WASM) ?? Uint8Array.from(atob(WASM), (c) => c.charCodeAt(0));
  const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(body, { headers: { "content-type": "application/wasm" } });
}

/**
 * Loads the module (the one inside this file, whose inflating and compiling started on import,
 * unless given); harmless when called again; after a failure it tries again.
 */
export default initWith(loader(inflated, webInit));
