// Types of the Node 20+ entry of `openrouter-admin/org`: everything of the browser entry,
// with `init` and `initSync` that need no argument (they read the package's own .wasm).
export * from "./openrouter_org.js";
import type { InitOutput, SyncInitInput } from "./openrouter_org.js";

/** Loads the module synchronously; `module` defaults to the package's own .wasm bytes. */
export function initSync(module?: SyncInitInput): InitOutput;
/** Loads the module; `module` defaults to the package's own .wasm bytes. */
export default function init(module?: SyncInitInput): Promise<InitOutput>;
