// Browser and bundler entry: the glue, with a guard for the one mistake a browser user can
// make, using the class before `await init()` (the glue alone would throw a TypeError about a
// minified name). Node loads the module on import instead (node.js).
import webInit, {
  initSync as webInitSync,
  OpenRouterAdmin as Loaded,
} from "./openrouter_admin.js";

export * from "./openrouter_admin.js";

let ready = false;

/** Loads the module (the .wasm next to this file unless given); harmless when called again. */
export default async function init(module) {
  const out = await webInit(module);
  ready = true;
  return out;
}

/** Loads the module synchronously from `{ module }` (bytes or a `WebAssembly.Module`). */
export function initSync(module) {
  const out = webInitSync(module);
  ready = true;
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
    if (!ready) {
      const error = new Error("the module is not loaded: call `await init()` first");
      error.name = "OpenRouterError";
      Object.assign(error, {
        kind: "validation",
        status: null,
        code: null,
        metadata: null,
        retryAfterMs: null,
        fieldErrors: [],
      });
      throw error;
    }
    super(options);
  }
}
