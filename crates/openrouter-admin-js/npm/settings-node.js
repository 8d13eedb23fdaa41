// Node 20+ entry of `openrouter-admin/settings`: the client's module and instance (node.js loads
// it from disk on import), so `new WorkspaceSettings(...)` works right after `import`; the
// settings chunk is read from disk at import too, and instantiated at the first call.
import { prefetch } from "./__wasm_split.js";
import init, { initSync } from "./node.js";

export { WorkspaceSettings } from "./openrouter_admin.js";
export { init as default, initSync };

prefetch("settings");
