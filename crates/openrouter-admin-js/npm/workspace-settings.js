// What the settings entries share (settings.js, over the default entry's module inside its
// JavaScript; settings-file.js, over the .wasm file's): the `WorkspaceSettings` class of the
// client's module and the start of its chunk's download. Its operations are a chunk of that
// module, fetched from the moment this is imported and instantiated at the first call
// (`__wasm_split.js`).
import { fault, shared } from "./load.js";
import { WorkspaceSettings as Loaded } from "./openrouter_admin.js";
import { prefetch } from "./__wasm_split.js";

prefetch("settings");

/** Guardrails, BYOK keys and destinations; before `init()` it throws an `OpenRouterError`. */
export class WorkspaceSettings extends Loaded {
  constructor(options) {
    if (!shared.ready) {
      throw fault(
        "the settings module is not loaded: call `await init()` of openrouter-admin/settings first",
      );
    }
    super(options);
  }
}
