// Browser and bundler entry: the glue, with a guard for the one mistake a browser user can
// make, using the class before `await init()` (the glue alone would throw a TypeError about a
// minified name) (client.js). Importing it starts fetching and compiling the .wasm (load.js);
// `init()` awaits that. The settings entry shares this module and its load (settings.js). Node
// loads the module on import instead (node.js). inline.js is the same client with the .wasm
// inside its JavaScript, for a page that cannot preload the .wasm.
import { loader } from "./load.js";
import webInit from "./openrouter_admin.js";
import { initWith } from "./client.js";

export { initSync, isOpenRouterError, OpenRouterAdmin } from "./client.js";

/**
 * Loads the module (the .wasm next to this file, whose download started on import, unless
 * given); harmless when called again; after a failed download it tries again.
 */
export default initWith(loader(new URL("openrouter_admin_bg.wasm", import.meta.url), webInit));
