// Browser and bundler entry of `openrouter-admin/findings`: the findings module's glue (a wasm
// module apart from the client's, so importing the client never downloads it). Call
// `await init()` once, then `readFindings(options)`. Node loads it on import (findings-node.js).
export * from "./openrouter_admin_findings.js";
export { default } from "./openrouter_admin_findings.js";
