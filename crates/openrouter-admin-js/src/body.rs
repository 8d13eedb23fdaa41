//! Request bodies (`request`, `patch`) read from JavaScript objects property by property,
//! through the core's [`Visitor`]: the core's body declaration lists the fields, so no list
//! of them is kept here.
//!
//! Why not `JSON.stringify` + serde: a `Deserialize` of each request struct costs the package
//! about 15 KB of wasm (four struct decoders, their field visitors and serde's error text),
//! while these readers share a few small helpers. The rules are serde's: unknown properties
//! are ignored, `undefined` is the same as leaving a property out, and `null` clears an
//! update's field (`Patch::Null`) or, in a create, is the same as leaving it out. A wrong
//! type is a `validation` error naming the property (`request.limit`); the core validates the
//! values themselves before sending.

use js_sys::{Array, Reflect, JSON};
use openrouter_admin::body::{Body as Declared, Kind, Visitor};
use openrouter_admin::models::{CreateKey, CreateWorkspace, Patch, UpdateKey, UpdateWorkspace};
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{invalid_arg, snapshot};

/// A body argument named `name`: a plain object.
struct Body<'a> {
    object: JsValue,
    name: &'a str,
}

impl<'a> Body<'a> {
    /// Checks that `value` is a plain object that JSON can carry (a `BigInt` or a cycle
    /// anywhere in it is an error naming the whole argument, as the wire could not take it).
    fn new(value: &JsValue, name: &'a str) -> Result<Body<'a>, JsValue> {
        let value = &snapshot(value, name)?;
        if !value.is_object() || Array::is_array(value) {
            return Err(invalid_arg(name, "type", "must be an object"));
        }
        if JSON::stringify(value).is_err() {
            return Err(invalid_arg(name, "type", "cannot be read as JSON"));
        }
        Ok(Body {
            object: value.clone(),
            name,
        })
    }

    /// The property `key`.
    fn prop(&self, key: &str) -> Patch<JsValue> {
        match Reflect::get(&self.object, &JsValue::from_str(key)) {
            Ok(v) if v.is_null() => Patch::Null,
            Ok(v) if !v.is_undefined() => Patch::Value(v),
            _ => Patch::Unset,
        }
    }

    /// The `validation` error of the property `key`, which `what` says (`must be a string`).
    #[inline(never)]
    fn wrong(&self, key: &str, rule: &str, what: &str) -> JsValue {
        invalid_arg(&format!("{}.{key}", self.name), rule, what)
    }

    /// A property read with `read`; `what` says what the value must be.
    fn typed<V>(
        &self,
        key: &str,
        what: &str,
        read: fn(&JsValue) -> Option<V>,
    ) -> Result<Patch<V>, JsValue> {
        match self.prop(key) {
            Patch::Unset => Ok(Patch::Unset),
            Patch::Null => Ok(Patch::Null),
            Patch::Value(v) => read(&v)
                .map(Patch::Value)
                .ok_or_else(|| self.wrong(key, "type", what)),
        }
    }
}

impl Visitor for Body<'_> {
    type Error = JsValue;
    fn string(&mut self, name: &'static str) -> Result<Patch<String>, JsValue> {
        self.typed(name, STRING, JsValue::as_string)
    }
    fn number(&mut self, name: &'static str) -> Result<Patch<f64>, JsValue> {
        self.typed(name, NUMBER, JsValue::as_f64)
    }
    fn boolean(&mut self, name: &'static str) -> Result<Patch<bool>, JsValue> {
        self.typed(name, BOOLEAN, JsValue::as_bool)
    }
    fn integers(&mut self, name: &'static str) -> Result<Patch<Vec<i64>>, JsValue> {
        self.typed(name, INTEGERS, integers)
    }
    fn strings(&mut self, name: &'static str) -> Result<Patch<Vec<String>>, JsValue> {
        self.typed(name, STRINGS, strings)
    }
    fn object<B: Declared>(&mut self, name: &'static str) -> Result<Patch<B>, JsValue> {
        match self.prop(name) {
            Patch::Unset => Ok(Patch::Unset),
            Patch::Null => Ok(Patch::Null),
            Patch::Value(v) => {
                if !v.is_object() || Array::is_array(&v) {
                    return Err(self.wrong(name, "type", OBJECT));
                }
                // The outer body was copied and checked whole; its nested objects are plain.
                // Concatenated rather than `format!`: smaller in the wasm.
                let mut path = String::from(self.name);
                path.push('.');
                path.push_str(name);
                B::visit(&mut Body {
                    object: v,
                    name: &path,
                })
                .map(Patch::Value)
            }
        }
    }
    fn objects<B: Declared>(&mut self, name: &'static str) -> Result<Patch<Vec<B>>, JsValue> {
        let v = match self.prop(name) {
            Patch::Unset => return Ok(Patch::Unset),
            Patch::Null => return Ok(Patch::Null),
            Patch::Value(v) => v,
        };
        if !Array::is_array(&v) {
            return Err(self.wrong(name, "type", OBJECTS));
        }
        let array: &Array = v.unchecked_ref();
        let mut out = Vec::new();
        for (i, item) in array.iter().enumerate() {
            let mut path = String::from(self.name);
            path.push('.');
            path.push_str(name);
            path.push('[');
            path.push_str(&i.to_string());
            path.push(']');
            if !item.is_object() || Array::is_array(&item) {
                return Err(invalid_arg(&path, "type", OBJECT));
            }
            out.push(B::visit(&mut Body {
                object: item,
                name: &path,
            })?);
        }
        Ok(Patch::Value(out))
    }
    fn json(&mut self, name: &'static str) -> Result<Patch<String>, JsValue> {
        self.typed(name, OBJECT, object_text)
    }
    fn json_value(&mut self, name: &'static str) -> Result<Patch<String>, JsValue> {
        // The whole body was checked to be JSON-safe in `Body::new`.
        self.typed(name, "must be JSON", |v| {
            JSON::stringify(v).ok().and_then(|s| s.as_string())
        })
    }
    fn missing(&mut self, name: &'static str, kind: Kind) -> JsValue {
        self.wrong(name, "required", what(kind))
    }
}

const STRING: &str = "must be a string";
const NUMBER: &str = "must be a number";
const BOOLEAN: &str = "must be a boolean";
const INTEGERS: &str = "must be an array of integers";
const STRINGS: &str = "must be an array of strings";
const OBJECT: &str = "must be an object";
const OBJECTS: &str = "must be an array of objects";

/// What a value of `kind` must be, in an error message.
fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::String => STRING,
        Kind::Number => NUMBER,
        Kind::Boolean => BOOLEAN,
        Kind::Integers => INTEGERS,
        Kind::Strings => STRINGS,
        Kind::Objects => OBJECTS,
        Kind::Object | Kind::Json => OBJECT,
    }
}

/// A plain object's JSON text (the whole body was checked to be JSON-safe in [`Body::new`]).
fn object_text(v: &JsValue) -> Option<String> {
    if !v.is_object() || Array::is_array(v) {
        return None;
    }
    JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// An array of whole numbers that JSON carries exactly (within ±2^53).
fn integers(v: &JsValue) -> Option<Vec<i64>> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if !Array::is_array(v) {
        return None;
    }
    let array: &Array = v.unchecked_ref();
    // A plain loop: `collect` into an `Option<Vec>` is a larger iterator adapter in wasm.
    let mut out = Vec::new();
    for item in array.iter() {
        let n = item
            .as_f64()
            .filter(|n| n.fract() == 0.0 && n.abs() <= EXACT)?;
        out.push(n as i64);
    }
    Some(out)
}

/// An array of strings.
fn strings(v: &JsValue) -> Option<Vec<String>> {
    if !Array::is_array(v) {
        return None;
    }
    let array: &Array = v.unchecked_ref();
    let mut out = Vec::new();
    for item in array.iter() {
        out.push(item.as_string()?);
    }
    Some(out)
}

/// The body argument `name` (`value`) read as `B`: the one reader of every body.
pub fn read<B: Declared>(value: &JsValue, name: &str) -> Result<B, JsValue> {
    B::visit(&mut Body::new(value, name)?)
}

/// The body of `createKey` / `reconcileKey`.
pub fn create_key(value: &JsValue, name: &str) -> Result<CreateKey, JsValue> {
    read(value, name)
}

/// The body of `updateKey` / `bulkUpdateKeys`.
pub fn update_key(value: &JsValue, name: &str) -> Result<UpdateKey, JsValue> {
    read(value, name)
}

/// The body of `createWorkspace`.
pub fn create_workspace(value: &JsValue, name: &str) -> Result<CreateWorkspace, JsValue> {
    read(value, name)
}

/// The body of `updateWorkspace`.
pub fn update_workspace(value: &JsValue, name: &str) -> Result<UpdateWorkspace, JsValue> {
    read(value, name)
}
