//! [`Doc`]: a parsed JSON answer, read field by field without decoding it into a model.
//!
//! Why not a derived struct: any derived `Deserialize` links serde's typed-decoding error
//! machinery, float formatting included (~20 KB of wasm), into every build. Why not a
//! `serde_json::Value` on wasm32: there the answer goes to the host's own `JSON.parse` and is
//! read with `Reflect`, so a build that decodes no model (the npm package, which hands
//! answers to JavaScript as text) links no JSON parser at all. Natively a [`Doc`] is a
//! `serde_json::Value`. Only [`Doc`]'s few primitives differ by target; everything that reads
//! fields (in `fields`, paging, errors and the composites) is written once.

/// A parsed JSON document, or a part of it.
#[derive(Clone)]
pub(crate) struct Doc(Node);

#[cfg(not(target_arch = "wasm32"))]
type Node = serde_json::Value;
#[cfg(target_arch = "wasm32")]
type Node = wasm_bindgen::JsValue;

#[cfg(not(target_arch = "wasm32"))]
impl Doc {
    /// `text` parsed, or `None` if it is not JSON.
    pub(crate) fn parse(text: &str) -> Option<Doc> {
        serde_json::from_str(text).ok().map(Doc)
    }
    /// The member `key` of an object; `None` when missing or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<Doc> {
        self.0.get(key).filter(|v| !v.is_null()).cloned().map(Doc)
    }
    /// Whether this is an object (not an array, not `null`).
    pub(crate) fn is_object(&self) -> bool {
        self.0.is_object()
    }
    /// A string's value.
    pub(crate) fn as_str(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }
    /// A boolean's value.
    pub(crate) fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
    /// A number's value.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }
    /// A whole, non-negative number's value.
    pub(crate) fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }
    /// A whole number's value.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }
    /// An array's items.
    pub(crate) fn into_items(self) -> Option<Vec<Doc>> {
        match self.0 {
            serde_json::Value::Array(items) => Some(items.into_iter().map(Doc).collect()),
            _ => None,
        }
    }
    /// As JSON text.
    pub(crate) fn to_json(&self) -> String {
        self.0.to_string()
    }
}

#[cfg(target_arch = "wasm32")]
impl Doc {
    /// `text` parsed by `JSON.parse`, or `None` if it is not JSON.
    pub(crate) fn parse(text: &str) -> Option<Doc> {
        js_sys::JSON::parse(text).ok().map(Doc)
    }
    /// The member `key` of an object; `None` when missing or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<Doc> {
        if !self.is_object() {
            return None;
        }
        js_sys::Reflect::get(&self.0, &wasm_bindgen::JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(Doc)
    }
    /// Whether this is an object (not an array, not `null`).
    pub(crate) fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }
    /// A string's value.
    pub(crate) fn as_str(&self) -> Option<String> {
        self.0.as_string()
    }
    /// A boolean's value.
    pub(crate) fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
    /// A number's value.
    pub(crate) fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }
    /// A whole, non-negative number's value (within 2^53, where JSON.parse is exact).
    pub(crate) fn as_u64(&self) -> Option<u64> {
        self.as_i64().and_then(|n| u64::try_from(n).ok())
    }
    /// A whole number's value (within ±2^53, where JSON.parse is exact).
    pub(crate) fn as_i64(&self) -> Option<i64> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        self.as_f64()
            .filter(|n| n.fract() == 0.0 && n.abs() <= EXACT)
            .map(|n| n as i64)
    }
    /// An array's items.
    pub(crate) fn into_items(self) -> Option<Vec<Doc>> {
        if !js_sys::Array::is_array(&self.0) {
            return None;
        }
        let array: js_sys::Array = wasm_bindgen::JsCast::unchecked_into(self.0);
        Some(array.iter().map(Doc).collect())
    }
    /// As JSON text (`JSON.stringify`).
    pub(crate) fn to_json(&self) -> String {
        js_sys::JSON::stringify(&self.0)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}
