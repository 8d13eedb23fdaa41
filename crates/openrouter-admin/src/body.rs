//! Request bodies, each declared once with [`body!`](crate::body): the struct, its
//! constructor and builder setters, its JSON writer (see `json_writer`), the list of its fields
//! ([`Body::FIELDS`]) and its reader ([`Body::visit`]), through which the JS bindings read a
//! JavaScript object. Validation stays hand-written (`validate`): it is business rules.
//!
//! A field's Rust type says how it is written and read:
//! * `T` is required: always written, and a reader must supply it;
//! * `Option<T>` is a create's optional field: left out when `None`; `null` reads as `None`;
//! * `Patch<T>` is an update's field: left out when unset, `null` clears it.
//!
//! ```
//! use openrouter_admin::body::{Body, Presence};
//! use openrouter_admin::models::CreateKey;
//! let name = &CreateKey::FIELDS[0];
//! assert_eq!((name.name, name.presence), ("name", Presence::Required));
//! ```

use crate::json_writer::{Object, ToValue};
use crate::patch::Patch;

/// The JSON type of a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string (also the string enums and identifiers).
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An array of whole numbers.
    Integers,
    /// An array of strings.
    Strings,
    /// An object: a nested body (`external` of `POST /keys`).
    Object,
    /// An array of objects, each a nested body (a guardrail's content filters).
    Objects,
    /// An object of any shape, carried as its JSON text (a destination's `config`).
    Json,
}

/// Whether a field must be present, may be left out, or may also be `null`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always sent.
    Required,
    /// A create's optional field: sent when set.
    Optional,
    /// An update's field: sent when set, `null` to clear it.
    Patch,
}

/// One field of a body, as [`Body::FIELDS`] lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The JSON name (also the Rust field's name).
    pub name: &'static str,
    /// Its JSON type.
    pub kind: Kind,
    /// Whether it must be present.
    pub presence: Presence,
}

/// Reads a body's properties from elsewhere (the JS bindings: a JavaScript object), one
/// typed property at a time, each as a [`Patch`]: missing (or `undefined`) is
/// [`Unset`](Patch::Unset), `null` is [`Null`](Patch::Null). A property of the wrong type is
/// the reader's error. (The fields' own type, not a reader's type of its own: a conversion
/// between the two would be code for each value kind in a wasm module.)
pub trait Visitor {
    /// What a reader fails with.
    type Error;
    /// A string property.
    fn string(&mut self, name: &'static str) -> Result<Patch<String>, Self::Error>;
    /// A number property.
    fn number(&mut self, name: &'static str) -> Result<Patch<f64>, Self::Error>;
    /// A boolean property.
    fn boolean(&mut self, name: &'static str) -> Result<Patch<bool>, Self::Error>;
    /// An array of whole numbers.
    fn integers(&mut self, name: &'static str) -> Result<Patch<Vec<i64>>, Self::Error>;
    /// An array of strings.
    fn strings(&mut self, name: &'static str) -> Result<Patch<Vec<String>>, Self::Error>;
    /// An object read as the nested body `B` (a reader reads its properties as it reads the
    /// outer body's, naming them `name.property` in its errors).
    fn object<B: Body>(&mut self, name: &'static str) -> Result<Patch<B>, Self::Error>;
    /// An array of objects, each read as the nested body `B` (errors name `name[i].property`).
    fn objects<B: Body>(&mut self, name: &'static str) -> Result<Patch<Vec<B>>, Self::Error>;
    /// An object of any shape, as its JSON text (an array or any other value is the reader's
    /// error).
    fn json(&mut self, name: &'static str) -> Result<Patch<String>, Self::Error>;
    /// Any JSON value but `null` (a string, a number, a boolean, an array, an object), as its
    /// JSON text: an analytics filter's value, one value or a list of them, which the body's
    /// own rules then check. By default [`json`](Self::json) (an object only).
    fn json_value(&mut self, name: &'static str) -> Result<Patch<String>, Self::Error> {
        self.json(name)
    }
    /// The error of a required property that is missing or `null`.
    fn missing(&mut self, name: &'static str, kind: Kind) -> Self::Error;
}

/// A request body declared with [`body!`](crate::body).
pub trait Body: Sized {
    /// Every field, in the order they are written.
    const FIELDS: &'static [Field];
    /// The body read property by property.
    fn visit<V: Visitor>(v: &mut V) -> Result<Self, V::Error>;
}

/// A body as the JSON text that goes on the wire (see `json_writer`): emitted by [`body!`] for
/// every body, so a request that sends one needs no list of the body types.
pub(crate) trait WireBody {
    fn wire(&self) -> String;
}

/// A value a body field holds: how a [`Visitor`] reads it, as an update's field (absent,
/// `null` or a value). Each of the four JSON kinds has one reader, out of line, that every
/// field of that kind calls (required, optional, update and the string-typed models alike):
/// a reader per field type would be a copy of the visitor's code for each in a wasm module.
pub(crate) trait BodyValue: ToValue + Sized {
    const KIND: Kind;
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error>;
}

impl BodyValue for String {
    const KIND: Kind = Kind::String;
    #[inline(never)]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.string(name)
    }
}

impl BodyValue for f64 {
    const KIND: Kind = Kind::Number;
    #[inline(never)]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.number(name)
    }
}

impl BodyValue for bool {
    const KIND: Kind = Kind::Boolean;
    #[inline(never)]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.boolean(name)
    }
}

impl BodyValue for Vec<i64> {
    const KIND: Kind = Kind::Integers;
    #[inline(never)]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.integers(name)
    }
}

impl BodyValue for Vec<String> {
    const KIND: Kind = Kind::Strings;
    #[inline(never)]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.strings(name)
    }
}

/// Model types written and read as their string form (`From<&str>` or a `parse`), through
/// the one string reader.
macro_rules! string_value {
    ($($model:ty => $from:expr),* $(,)?) => {$(
        impl BodyValue for $model {
            const KIND: Kind = Kind::String;
            fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
                Ok(match <String as BodyValue>::read(v, name)? {
                    Patch::Unset => Patch::Unset,
                    Patch::Null => Patch::Null,
                    Patch::Value(s) => Patch::Value($from(s)),
                })
            }
        }
    )*};
}
pub(crate) use string_value;

/// A field of a body: `T` (required), `Option<T>` or `Patch<T>`. Says how it is written and
/// read, so the macro needs no per-field mode for that.
pub(crate) trait BodyField: Sized {
    const KIND: Kind;
    const PRESENCE: Presence;
    fn write(&self, o: &mut Object, key: &str);
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Self, V::Error>;
    /// [`read`](Self::read) into the field's place in the body: what `visit` calls. Out of
    /// line, once per field type, so the value read, and the default it replaces, are moved
    /// and dropped here rather than in every body's `visit`, where a field is then one call.
    /// It says whether it read the field and leaves a failure in `error`: a `bool` comes back
    /// in a register, where a `Result` holding the reader's error goes through memory. A field
    /// of `visit` is ~37 B of wasm this way, ~80 B when assigned from a `Result` (the
    /// 12-field `CreateWorkspace`: 965 -> 440 B; ~110 B less of the npm package's gzip for
    /// the five bodies it then had, more for each body added since).
    #[inline(never)]
    fn read_into<V: Visitor>(
        &mut self,
        v: &mut V,
        name: &'static str,
        error: &mut Option<V::Error>,
    ) -> bool {
        match Self::read(v, name) {
            Ok(value) => {
                *self = value;
                true
            }
            Err(e) => {
                *error = Some(e);
                false
            }
        }
    }
}

/// The required fields' types (paths in full: `models` declares its required enums with it).
macro_rules! required_field {
    ($($t:ty),*) => {$(
        impl $crate::body::BodyField for $t {
            const KIND: $crate::body::Kind = <$t as $crate::body::BodyValue>::KIND;
            const PRESENCE: $crate::body::Presence = $crate::body::Presence::Required;
            fn write(&self, o: &mut $crate::json_writer::Object, key: &str) {
                o.put(key, $crate::json_writer::ToValue::value(self));
            }
            fn read<V: $crate::body::Visitor>(
                v: &mut V,
                name: &'static str,
            ) -> Result<Self, V::Error> {
                match <$t as $crate::body::BodyValue>::read(v, name)? {
                    $crate::patch::Patch::Value(x) => Ok(x),
                    _ => Err(v.missing(name, <$t as $crate::body::BodyValue>::KIND)),
                }
            }
        }
    )*};
}

required_field!(String, f64);
pub(crate) use required_field;

impl<T: BodyValue> BodyField for Option<T> {
    const KIND: Kind = T::KIND;
    const PRESENCE: Presence = Presence::Optional;
    fn write(&self, o: &mut Object, key: &str) {
        o.option(key, self);
    }
    // Inlined into `read_into`, the one copy of it each field type has.
    #[inline]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Self, V::Error> {
        Ok(match T::read(v, name)? {
            Patch::Value(x) => Some(x),
            _ => None,
        })
    }
}

impl<T: BodyValue> BodyField for Patch<T> {
    const KIND: Kind = T::KIND;
    const PRESENCE: Presence = Presence::Patch;
    fn write(&self, o: &mut Object, key: &str) {
        o.patch(key, self);
    }
    // Inlined into `read_into`, the one copy of it each field type has.
    #[inline]
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Self, V::Error> {
        T::read(v, name)
    }
}

/// Declares a request body once. The input is the struct as it is written by hand (doc
/// comments and serde attributes included), each field followed by `=> setter`, which names
/// the shape of its builder method:
/// * `new`: set by the constructor (`pub struct Name(field: Type, ...)` lists these fields
///   and the types its arguments convert `Into`, in argument order);
/// * `into`: `fn f(self, v: impl Into<T>)` (for `Option<T>` and `Patch<T>` fields);
/// * `or_null`: `fn f(self, v: Option<T>)`, `None` clearing the field (`Patch<T>`);
/// * `or_null_into`: `fn f(self, v: Option<impl Into<T>>)` (`Patch<T>`).
///
/// `as "name"` after the setter gives the field a JSON name other than its Rust name.
///
/// It writes the struct (deriving `Default`), `new`, the setters, `to_json` (the wire text,
/// fields in declaration order: serde_json's own order) and the [`Body`] impl.
macro_rules! body {
    (
        $(#[$meta:meta])*
        pub struct $name:ident ($($arg:ident : $aty:ty),*) {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $fty:ty => $setter:ident $(<$inner:ty>)? $(as $json:literal)?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
        }

        impl $name {
            /// A body with its required fields; set the rest with the builder methods.
            pub fn new($($arg: impl Into<$aty>),*) -> Self {
                Self {
                    $($arg: $arg.into(),)*
                    ..Default::default()
                }
            }
            $( $crate::body::setter!($setter $field $(<$inner>)?); )*

            /// The body as the JSON text that goes on the wire.
            pub(crate) fn to_json(&self) -> String {
                let mut o = $crate::json_writer::Object::new();
                $( $crate::body::BodyField::write(&self.$field, &mut o, $crate::body::json_name!($field $($json)?)); )*
                o.finish()
            }
        }

        impl $crate::body::WireBody for $name {
            fn wire(&self) -> String {
                self.to_json()
            }
        }

        impl $crate::body::Body for $name {
            const FIELDS: &'static [$crate::body::Field] = &[$(
                $crate::body::Field {
                    name: $crate::body::json_name!($field $($json)?),
                    kind: <$fty as $crate::body::BodyField>::KIND,
                    presence: <$fty as $crate::body::BodyField>::PRESENCE,
                },
            )*];
            fn visit<V: $crate::body::Visitor>(v: &mut V) -> Result<Self, V::Error> {
                // Field by field into a default body, not one struct literal: a failure then
                // drops one body, rather than each field read so far; each in place, by its
                // type's out-of-line reader (`BodyField::read_into`).
                let mut body = Self::default();
                let mut error = None;
                // `&&` stops at the first failure, as `?` would.
                let _ = $( $crate::body::BodyField::read_into(&mut body.$field, v, $crate::body::json_name!($field $($json)?), &mut error) && )* true;
                match error {
                    None => Ok(body),
                    Some(e) => Err(e),
                }
            }
        }
    };
}
pub(crate) use body;

/// A field's JSON name: its Rust name, or the `as "name"` given after its setter (for a JSON
/// name that is a Rust keyword, such as a destination's `type`).
macro_rules! json_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $json:literal) => {
        $json
    };
}
pub(crate) use json_name;

/// One builder method of [`body!`]; `<T>` after the setter kind is the value type inside the
/// field's `Option` or `Patch`.
macro_rules! setter {
    (new $field:ident) => {};
    (into $field:ident <$t:ty>) => {
        #[doc = concat!("Sets `", stringify!($field), "`.")]
        pub fn $field(mut self, v: impl Into<$t>) -> Self {
            self.$field = Some::<$t>(v.into()).into();
            self
        }
    };
    (or_null $field:ident <$t:ty>) => {
        #[doc = concat!("Sets (`Some`) or clears (`None`) `", stringify!($field), "`.")]
        pub fn $field(mut self, v: Option<$t>) -> Self {
            self.$field = v.into();
            self
        }
    };
    (or_null_into $field:ident <$t:ty>) => {
        #[doc = concat!("Sets (`Some`) or clears (`None`) `", stringify!($field), "`.")]
        pub fn $field(mut self, v: Option<impl Into<$t>>) -> Self {
            self.$field = v.map(Into::into).into();
            self
        }
    };
}
pub(crate) use setter;

#[cfg(test)]
mod tests;
