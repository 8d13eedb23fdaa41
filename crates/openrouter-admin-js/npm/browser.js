// Browser and bundler entry: the glue, with a guard for the one mistake a browser user can
// make, using the class before `await init()` (the glue alone would throw a TypeError about a
// minified name). Importing it starts fetching and compiling the .wasm (load.js); `init()`
// awaits that. The settings entry shares this module and its load (settings.js). Node loads
// the module on import instead (node.js).
import { fault, loader, shared } from "./load.js";
import webInit, {
  initSync as webInitSync,
  OpenRouterAdmin as Loaded,
} from "./openrouter_admin.js";

const load = loader(new URL("openrouter_admin_bg.wasm", import.meta.url), webInit);

/**
 * Loads the module (the .wasm next to this file, whose download started on import, unless
 * given); harmless when called again; after a failed download it tries again.
 */
export default async function init(module) {
  const out = await load(module);
  shared.ready = true;
  return out;
}

/** Loads the module synchronously from `{ module }` (bytes or a `WebAssembly.Module`). */
export function initSync(module) {
  const out = webInitSync(module);
  shared.ready = true;
  return out;
}

/** `true` for a rejection of this package; needs no loaded module. */
export function isOpenRouterError(error) {
  try {
    return error instanceof Error && error.name === "OpenRouterError";
  } catch {
    return false;
  }
}

/** The client; before `init()` it throws an `OpenRouterError` saying so. */
export class OpenRouterAdmin extends Loaded {
  constructor(options) {
    if (!shared.ready) throw fault("the module is not loaded: call `await init()` first");
    super(options);
  }
}
