//! [`Patch`]: the three states of an update's field.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A three-state field of an update: left out, cleared with `null`, or set.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Patch<T> {
    /// Not sent: the field stays as it is.
    #[default]
    Unset,
    /// Sent as `null`: the field is cleared (nullable fields only).
    Null,
    /// Sent as this value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out.
    pub fn is_unset(&self) -> bool {
        matches!(self, Patch::Unset)
    }
    /// The value if set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(v: T) -> Self {
        Patch::Value(v)
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some(v)` sets, `None` clears (`null`).
    fn from(v: Option<T>) -> Self {
        match v {
            Some(v) => Patch::Value(v),
            None => Patch::Null,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(v) => v.serialize(s),
            _ => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(d)?.into())
    }
}
