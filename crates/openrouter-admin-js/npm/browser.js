// Browser and bundler entry `openrouter-admin/file`: the client with its main module as a file
// beside this one (openrouter_admin_bg.wasm), compiled while it arrives, cached apart from the
// JavaScript, and preloadable by a `<link>`; its guard for using the class before
// `await init()` is client.js's. Importing it starts fetching and compiling the .wasm (load.js);
// `init()` awaits that. `openrouter-admin/file/settings` shares this module and its load
// (settings-file.js). The default entry is inline.js (the module inside its JavaScript: no round
// trip to learn of the .wasm); Node loads the module on import instead (node.js).
import { loader } from "./load.js";
import webInit from "./openrouter_admin.js";
import { initWith } from "./client.js";

export { initSync, isOpenRouterError, OpenRouterAdmin } from "./client.js";

/**
 * Loads the module (the .wasm next to this file, whose download started on import, unless
 * given); harmless when called again; after a failed download it tries again.
 */
export default initWith(loader(new URL("openrouter_admin_bg.wasm", import.meta.url), webInit));
