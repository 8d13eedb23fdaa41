//! Request bodies as the JSON text that goes on the wire, written field by field.
//!
//! Why not `serde_json::to_string` of the (`Serialize`) models: in a wasm build that links
//! serde_json's serializer, one derived serializer per body and the float formatter
//! (`zmij`), ~2 KB of the npm package's gzip download for six small objects. The text is
//! serde_json's own for the same model (field order, escapes, `skip_serializing_if`), which the
//! tests check; only numbers differ on wasm32, where the host's `JSON.stringify` writes them
//! (`5` where serde_json writes `5.0`: the same number).

use crate::patch::Patch;

/// One field's value, as JSON can carry it.
pub(crate) enum Value<'a> {
    Str(&'a str),
    Number(f64),
    Bool(bool),
    Integers(&'a [i64]),
    Strings(&'a [String]),
    /// A nested object, already written.
    Json(String),
}

/// A model field that is written as one JSON value.
pub(crate) trait ToValue {
    fn value(&self) -> Value<'_>;
}

impl ToValue for String {
    fn value(&self) -> Value<'_> {
        Value::Str(self)
    }
}

impl ToValue for f64 {
    fn value(&self) -> Value<'_> {
        Value::Number(*self)
    }
}

impl ToValue for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

impl ToValue for Vec<i64> {
    fn value(&self) -> Value<'_> {
        Value::Integers(self)
    }
}

impl ToValue for Vec<String> {
    fn value(&self) -> Value<'_> {
        Value::Strings(self)
    }
}

/// The models written as their string form (used in `models`).
macro_rules! to_str_value {
    ($($model:ty),*) => {$(
        impl ToValue for $model {
            fn value(&self) -> Value<'_> {
                Value::Str(self.as_str())
            }
        }
    )*};
}

pub(crate) use to_str_value;

/// A JSON object being written.
pub(crate) struct Object {
    out: String,
}

impl Object {
    pub(crate) fn new() -> Self {
        Object {
            out: String::from("{"),
        }
    }

    fn key(&mut self, key: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        string(&mut self.out, key);
        self.out.push(':');
    }

    /// `"key": value`. Not generic, so it exists once.
    pub(crate) fn put(&mut self, key: &str, value: Value<'_>) {
        self.key(key);
        match value {
            Value::Str(s) => string(&mut self.out, s),
            Value::Number(n) => number(&mut self.out, n),
            Value::Bool(b) => self.out.push_str(if b { "true" } else { "false" }),
            Value::Integers(list) => {
                self.out.push('[');
                for (i, n) in list.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.out.push_str(&n.to_string());
                }
                self.out.push(']');
            }
            Value::Strings(list) => {
                self.out.push('[');
                for (i, s) in list.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    string(&mut self.out, s);
                }
                self.out.push(']');
            }
            Value::Json(text) => self.out.push_str(&text),
        }
    }

    /// A create's optional field: left out when `None`.
    pub(crate) fn option<T: ToValue>(&mut self, key: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.put(key, v.value());
        }
    }

    /// An update's field: left out when unset, `null` to clear it.
    pub(crate) fn patch<T: ToValue>(&mut self, key: &str, value: &Patch<T>) {
        match value {
            Patch::Value(v) => self.put(key, v.value()),
            Patch::Null => {
                self.key(key);
                self.out.push_str("null");
            }
            Patch::Unset => {}
        }
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// A JSON string, escaped as serde_json escapes it.
pub(crate) fn string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 0x0f]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON number. Validation refuses non-finite ones before a body is written; were one to
/// get here, it is written `null`, as serde_json would.
fn number(out: &mut String, n: f64) {
    #[cfg(target_arch = "wasm32")]
    {
        // The host's shortest round-trip form, with no float formatter in the wasm.
        let text = js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(n))
            .ok()
            .and_then(|s| s.as_string());
        out.push_str(text.as_deref().unwrap_or("null"));
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let text = serde_json::to_string(&n);
        out.push_str(text.as_deref().unwrap_or("null"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{
        CreateKey, CreateWorkspace, External, LimitReset, MemberIds, ProviderSort, UpdateKey,
        UpdateWorkspace, UpsertBudget,
    };

    /// Every body, fully set and empty, against serde_json's text of the same model.
    #[test]
    fn bodies_are_serde_jsons_text() {
        let mut full_ws = CreateWorkspace::new("Prod \"main\"", "prod")
            .description("line\nbreak\t\u{1} \\ é")
            .default_text_model("openai/gpt-4o")
            .default_image_model("x/y")
            .default_provider_sort(ProviderSort::Latency)
            .io_logging_api_key_ids(vec![1, -2, 9_007_199_254_740_992])
            .io_logging_sampling_rate(0.25)
            .is_data_discount_logging_enabled(true)
            .is_observability_broadcast_enabled(false)
            .is_observability_io_logging_enabled(true);
        full_ws.description = Some("\u{8}\u{c}\r\u{1f}\u{7f}/".into());
        let mut patch_ws = UpdateWorkspace::new();
        patch_ws.name = Patch::Value("n".into());
        patch_ws.description = Patch::Null;
        patch_ws.default_provider_sort = Patch::Value(ProviderSort::parse("custom"));
        patch_ws.io_logging_api_key_ids = Patch::Value(vec![]);
        patch_ws.io_logging_sampling_rate = Patch::Value(1.0);
        patch_ws.is_observability_broadcast_enabled = Patch::Null;
        let mut key = CreateKey::new("k");
        key.limit = Some(12.5);
        key.limit_reset = Some(LimitReset::Monthly);
        key.include_byok_in_limit = Some(false);
        key.expires_at = Some("2027-12-31T23:59:59Z".into());
        key.workspace_id = Some("ws-1".into());
        key.creator_user_id = Some("user_1".into());
        key.external = Some(External::new("end \"user\"").api_key("k".repeat(32)));
        let mut bare_external = CreateKey::new("k");
        bare_external.external = Some(External::new("u"));
        full_ws.disabled_server_tools = Some(vec!["openrouter:bash".into(), "x\"y".into()]);
        patch_ws.disabled_server_tools = Patch::Value(vec![]);
        let mut cleared_tools = UpdateWorkspace::new();
        cleared_tools.disabled_server_tools = Patch::Null;
        let mut patch_key = UpdateKey::new();
        patch_key.name = Patch::Value("renamed".into());
        patch_key.disabled = Patch::Value(true);
        patch_key.limit = Patch::Null;
        patch_key.limit_reset = Patch::Value(LimitReset::Daily);
        let mut budget = UpsertBudget::new(100.0);
        let bare_budget = budget.clone();
        budget.include_byok_in_budgets = Some(true);
        let members = MemberIds {
            user_ids: vec!["user_1".into(), "us\"er".into()],
        };

        let pairs = [
            (full_ws.to_json(), serde_json::to_string(&full_ws)),
            (
                CreateWorkspace::new("a", "b").to_json(),
                serde_json::to_string(&CreateWorkspace::new("a", "b")),
            ),
            (patch_ws.to_json(), serde_json::to_string(&patch_ws)),
            (
                UpdateWorkspace::new().to_json(),
                serde_json::to_string(&UpdateWorkspace::new()),
            ),
            (key.to_json(), serde_json::to_string(&key)),
            (
                bare_external.to_json(),
                serde_json::to_string(&bare_external),
            ),
            (
                cleared_tools.to_json(),
                serde_json::to_string(&cleared_tools),
            ),
            (
                CreateKey::new("k").to_json(),
                serde_json::to_string(&CreateKey::new("k")),
            ),
            (patch_key.to_json(), serde_json::to_string(&patch_key)),
            (
                UpdateKey::new().to_json(),
                serde_json::to_string(&UpdateKey::new()),
            ),
            (budget.to_json(), serde_json::to_string(&budget)),
            (bare_budget.to_json(), serde_json::to_string(&bare_budget)),
            (
                crate::body::WireBody::wire(&members),
                serde_json::to_string(&members),
            ),
        ];
        for (ours, serde) in pairs {
            assert_eq!(ours, serde.expect("serde_json serializes every body"));
        }
    }

    /// The BYOK and destination bodies, fully set and empty, against serde_json's text.
    #[test]
    fn byok_and_destination_bodies_are_serde_jsons_text() {
        use crate::models::{
            CreateByokKey, CreateDestination, DestinationType, JsonObject, UpdateByokKey,
            UpdateDestination,
        };
        use crate::Secret;
        let byok = CreateByokKey::new("amazon-bedrock/claude-on-aws", Secret::new("sk-\"x\""))
            .name("Prod")
            .workspace_id("550e8400-e29b-41d4-a716-446655440000")
            .disabled(false)
            .is_fallback(true)
            .is_byok_only(false)
            .is_required(true)
            .declared_zdr(true)
            .allowed_models(vec!["openai/gpt-4o".to_owned()])
            .allowed_api_key_hashes(vec!["a".repeat(64)])
            .allowed_user_ids(vec!["user_1".to_owned()]);
        let mut patch_byok = UpdateByokKey::new().key(Secret::new("sk-new"));
        patch_byok.name = Patch::Null;
        patch_byok.declared_zdr = Patch::Null;
        patch_byok.allowed_models = Patch::Value(vec![]);
        patch_byok.is_byok_only = Patch::Value(true);
        // serde_json writes a map's keys sorted: the caller's text is written as given.
        let config = JsonObject::from_json(r#"{"headers":{"x":"y"},"url":"https://h.test/\"q\""}"#);
        let dest = CreateDestination::new(DestinationType::Webhook, "Hook", config.clone())
            .workspace_id("550e8400-e29b-41d4-a716-446655440000")
            .enabled(true)
            .privacy_mode(true)
            .broadcast_generation_cost(true)
            .broadcast_generation_identity(false)
            .broadcast_generation_request_context(true)
            .sampling_rate(0.5)
            .api_key_hashes(vec!["b".repeat(64)])
            .filter_rules(JsonObject::from_json(r#"{"groups":[]}"#))
            .regions(vec!["eu".to_owned(), "us".to_owned()]);
        let mut patch_dest = UpdateDestination::new().config(config).sampling_rate(1.0);
        patch_dest.filter_rules = Patch::Null;
        patch_dest.api_key_hashes = Patch::Null;
        patch_dest.regions = Patch::Value(vec!["global".into()]);
        let pairs = [
            (byok.to_json(), serde_json::to_string(&byok)),
            (patch_byok.to_json(), serde_json::to_string(&patch_byok)),
            (
                UpdateByokKey::new().to_json(),
                serde_json::to_string(&UpdateByokKey::new()),
            ),
            (dest.to_json(), serde_json::to_string(&dest)),
            (patch_dest.to_json(), serde_json::to_string(&patch_dest)),
            (
                UpdateDestination::new().to_json(),
                serde_json::to_string(&UpdateDestination::new()),
            ),
        ];
        for (ours, serde) in pairs {
            assert_eq!(ours, serde.expect("serde_json serializes every body"));
        }
        assert!(dest
            .to_json()
            .starts_with(r#"{"type":"webhook","name":"Hook","#));
    }

    #[test]
    fn a_non_finite_number_is_null_as_in_serde_json() {
        let mut o = Object::new();
        o.put("a", Value::Number(f64::NAN));
        o.put("b", Value::Number(f64::INFINITY));
        assert_eq!(o.finish(), r#"{"a":null,"b":null}"#);
    }
}
