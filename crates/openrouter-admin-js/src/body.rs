//! Request bodies (`request`, `patch`) read from JavaScript objects property by property.
//!
//! Why not `JSON.stringify` + serde: a `Deserialize` of each request struct costs the package
//! about 15 KB of wasm (four struct decoders, their field visitors and serde's error text),
//! while these readers share a few small helpers. The rules are serde's: unknown properties
//! are ignored, `undefined` is the same as leaving a property out, and `null` clears an
//! update's field (`Patch::Null`) or, in a create, is the same as leaving it out. A wrong
//! type is a `validation` error naming the property (`request.limit`); the core validates the
//! values themselves before sending.

use js_sys::{Array, Reflect, JSON};
use openrouter_admin::models::{
    CreateKey, CreateWorkspace, LimitReset, ProviderSort, UpdateKey, UpdateWorkspace,
};
use openrouter_admin::Patch;
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::invalid;

/// One property of a body, as JSON would see it.
enum Prop {
    /// Missing or `undefined`.
    Absent,
    /// `null`.
    Null,
    /// Anything else.
    Value(JsValue),
}

/// A body argument named `name`: a plain object.
struct Body<'a> {
    object: JsValue,
    name: &'a str,
}

impl<'a> Body<'a> {
    /// Checks that `value` is a plain object that JSON can carry (a `BigInt` or a cycle
    /// anywhere in it is an error naming the whole argument, as the wire could not take it).
    fn new(value: &JsValue, name: &'a str) -> Result<Body<'a>, JsValue> {
        if !value.is_object() || Array::is_array(value) {
            return Err(invalid(
                name,
                "type",
                &format!("`{name}` must be an object"),
            ));
        }
        if JSON::stringify(value).is_err() {
            return Err(invalid(
                name,
                "type",
                &format!("`{name}` cannot be read as JSON"),
            ));
        }
        Ok(Body {
            object: value.clone(),
            name,
        })
    }

    /// The property `key`.
    fn prop(&self, key: &str) -> Prop {
        match Reflect::get(&self.object, &JsValue::from_str(key)) {
            Ok(v) if v.is_null() => Prop::Null,
            Ok(v) if !v.is_undefined() => Prop::Value(v),
            _ => Prop::Absent,
        }
    }

    /// The `validation` error of a property that is not `what`.
    #[inline(never)]
    fn wrong(&self, key: &str, rule: &str, what: &str) -> JsValue {
        let field = format!("{}.{key}", self.name);
        invalid(&field, rule, &format!("`{field}` must be {what}"))
    }

    /// A three-state property read with `read`, which says what the value must be.
    fn patch<V>(
        &self,
        key: &str,
        what: &str,
        read: fn(&JsValue) -> Option<V>,
    ) -> Result<Patch<V>, JsValue> {
        match self.prop(key) {
            Prop::Absent => Ok(Patch::Unset),
            Prop::Null => Ok(Patch::Null),
            Prop::Value(v) => read(&v)
                .map(Patch::Value)
                .ok_or_else(|| self.wrong(key, "type", what)),
        }
    }

    /// An optional property of a create: `null` is the same as leaving it out.
    fn option<V>(
        &self,
        key: &str,
        what: &str,
        read: fn(&JsValue) -> Option<V>,
    ) -> Result<Option<V>, JsValue> {
        match self.patch(key, what, read)? {
            Patch::Value(v) => Ok(Some(v)),
            _ => Ok(None),
        }
    }

    /// A required string.
    fn required(&self, key: &str) -> Result<String, JsValue> {
        match self.prop(key) {
            Prop::Value(v) => v.as_string().ok_or_else(|| self.wrong(key, "type", STRING)),
            _ => Err(self.wrong(key, "required", STRING)),
        }
    }
}

const STRING: &str = "a string";
const NUMBER: &str = "a number";
const BOOLEAN: &str = "a boolean";
const INTEGERS: &str = "an array of integers";

fn string(v: &JsValue) -> Option<String> {
    v.as_string()
}

fn number(v: &JsValue) -> Option<f64> {
    v.as_f64()
}

fn boolean(v: &JsValue) -> Option<bool> {
    v.as_bool()
}

fn limit_reset(v: &JsValue) -> Option<LimitReset> {
    v.as_string().map(|s| LimitReset::parse(&s))
}

fn provider_sort(v: &JsValue) -> Option<ProviderSort> {
    v.as_string().map(|s| ProviderSort::parse(&s))
}

/// An array of whole numbers that JSON carries exactly (within ±2^53).
fn integers(v: &JsValue) -> Option<Vec<i64>> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if !Array::is_array(v) {
        return None;
    }
    let array: &Array = v.unchecked_ref();
    array
        .iter()
        .map(|item| {
            item.as_f64()
                .filter(|n| n.fract() == 0.0 && n.abs() <= EXACT)
                .map(|n| n as i64)
        })
        .collect()
}

/// The body of `createKey` / `reconcileKey`.
pub fn create_key(value: &JsValue, name: &str) -> Result<CreateKey, JsValue> {
    let b = Body::new(value, name)?;
    let mut body = CreateKey::new(b.required("name")?);
    body.limit = b.option("limit", NUMBER, number)?;
    body.limit_reset = b.option("limit_reset", STRING, limit_reset)?;
    body.include_byok_in_limit = b.option("include_byok_in_limit", BOOLEAN, boolean)?;
    body.expires_at = b.option("expires_at", STRING, string)?.map(Into::into);
    body.workspace_id = b.option("workspace_id", STRING, string)?.map(Into::into);
    body.creator_user_id = b.option("creator_user_id", STRING, string)?.map(Into::into);
    Ok(body)
}

/// The body of `updateKey` / `bulkUpdateKeys`.
pub fn update_key(value: &JsValue, name: &str) -> Result<UpdateKey, JsValue> {
    let b = Body::new(value, name)?;
    let mut body = UpdateKey::new();
    body.name = b.patch("name", STRING, string)?;
    body.disabled = b.patch("disabled", BOOLEAN, boolean)?;
    body.limit = b.patch("limit", NUMBER, number)?;
    body.limit_reset = b.patch("limit_reset", STRING, limit_reset)?;
    body.include_byok_in_limit = b.patch("include_byok_in_limit", BOOLEAN, boolean)?;
    Ok(body)
}

/// The body of `createWorkspace`.
pub fn create_workspace(value: &JsValue, name: &str) -> Result<CreateWorkspace, JsValue> {
    let b = Body::new(value, name)?;
    let mut body = CreateWorkspace::new(b.required("name")?, b.required("slug")?);
    body.description = b.option("description", STRING, string)?;
    body.default_text_model = b.option("default_text_model", STRING, string)?;
    body.default_image_model = b.option("default_image_model", STRING, string)?;
    body.default_provider_sort = b.option("default_provider_sort", STRING, provider_sort)?;
    body.io_logging_api_key_ids = b.option("io_logging_api_key_ids", INTEGERS, integers)?;
    body.io_logging_sampling_rate = b.option("io_logging_sampling_rate", NUMBER, number)?;
    body.is_data_discount_logging_enabled =
        b.option("is_data_discount_logging_enabled", BOOLEAN, boolean)?;
    body.is_observability_broadcast_enabled =
        b.option("is_observability_broadcast_enabled", BOOLEAN, boolean)?;
    body.is_observability_io_logging_enabled =
        b.option("is_observability_io_logging_enabled", BOOLEAN, boolean)?;
    Ok(body)
}

/// The body of `updateWorkspace`.
pub fn update_workspace(value: &JsValue, name: &str) -> Result<UpdateWorkspace, JsValue> {
    let b = Body::new(value, name)?;
    let mut body = UpdateWorkspace::new();
    body.name = b.patch("name", STRING, string)?;
    body.slug = b.patch("slug", STRING, string)?;
    body.description = b.patch("description", STRING, string)?;
    body.default_text_model = b.patch("default_text_model", STRING, string)?;
    body.default_image_model = b.patch("default_image_model", STRING, string)?;
    body.default_provider_sort = b.patch("default_provider_sort", STRING, provider_sort)?;
    body.io_logging_api_key_ids = b.patch("io_logging_api_key_ids", INTEGERS, integers)?;
    body.io_logging_sampling_rate = b.patch("io_logging_sampling_rate", NUMBER, number)?;
    body.is_data_discount_logging_enabled =
        b.patch("is_data_discount_logging_enabled", BOOLEAN, boolean)?;
    body.is_observability_broadcast_enabled =
        b.patch("is_observability_broadcast_enabled", BOOLEAN, boolean)?;
    body.is_observability_io_logging_enabled =
        b.patch("is_observability_io_logging_enabled", BOOLEAN, boolean)?;
    Ok(body)
}
