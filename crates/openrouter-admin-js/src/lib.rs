//! wasm-bindgen bindings of the openrouter-admin core.
