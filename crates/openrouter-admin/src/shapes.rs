//! The shapes every area shares: identifiers as newtypes, open enums, [`Interval`], the list
//! and `data` envelopes, [`JsonObject`]; [`Patch`] re-exported.

use crate::body::{string_value, BodyValue, Kind, Visitor};
use crate::json_writer::{to_str_value, ToValue, Value};
pub use crate::patch::Patch;
use crate::secret::Secret;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

to_str_value!(LimitReset, ProviderSort, Timestamp, WorkspaceId, UserId);
string_value!(
    Secret => Secret::new,
    LimitReset => |s: String| LimitReset::parse(&s),
    ProviderSort => |s: String| ProviderSort::parse(&s),
    Timestamp => Timestamp::from,
    WorkspaceId => WorkspaceId::from,
    UserId => UserId::from,
);

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }
            /// The identifier as a string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
        impl From<&String> for $name {
            fn from(s: &String) -> Self {
                Self(s.clone())
            }
        }
        impl From<&$name> for $name {
            fn from(s: &$name) -> Self {
                s.clone()
            }
        }
    };
}
pub(crate) use id_type;

id_type!(
    /// A workspace's UUID. Paths also accept the slug: [`Client::workspace`](crate::Client::workspace) takes either.
    WorkspaceId
);
id_type!(
    /// An API key's identity: its 64-hex `hash`.
    KeyHash
);
id_type!(
    /// An organization user's id (`user_...`).
    UserId
);
id_type!(
    /// A workspace membership row's UUID.
    MembershipId
);
id_type!(
    /// A budget's UUID.
    BudgetId
);
id_type!(
    /// A guardrail's UUID.
    GuardrailId
);
id_type!(
    /// A timestamp as the API sends it (ISO 8601 / RFC 3339 string, kept verbatim).
    Timestamp
);

macro_rules! open_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vm])* $var,)*
            /// A value this version does not know, kept verbatim.
            Other(String),
        }
        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$var => $s,)*
                    $name::Other(s) => s,
                }
            }
            /// Parses a wire value (never fails: unknown values become `Other`).
            pub fn parse(s: &str) -> Self {
                match s {
                    $($s => $name::$var,)*
                    other => $name::Other(other.to_owned()),
                }
            }
            /// Whether this is a known value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
}
pub(crate) use open_enum;

open_enum!(
    /// How a key's limit (or a budget) resets. `null` on the wire means never.
    LimitReset {
        /// Every day (UTC).
        Daily = "daily",
        /// Every week, Monday to Sunday (UTC).
        Weekly = "weekly",
        /// Every month.
        Monthly = "monthly",
    }
);

open_enum!(
    /// A workspace's default provider sort.
    ProviderSort {
        /// Cheapest first.
        Price = "price",
        /// Highest throughput first.
        Throughput = "throughput",
        /// Lowest latency first.
        Latency = "latency",
        /// Exacto.
        Exacto = "exacto",
    }
);

open_enum!(
    /// A data region (`allowed_data_regions` of `GET /key`).
    DataRegion {
        /// Anywhere.
        Global = "global",
        /// Europe.
        Europe = "europe",
        /// The United States.
        Us = "us",
    }
);

/// The server tools a workspace's `disabled_server_tools` may name, as @openrouter/sdk 1.3.19
/// lists them. The list is open: the API adds tools, so a workspace may carry names not in it,
/// and the client sends whatever names it is given (the server judges them).
pub const SERVER_TOOLS: &[&str] = &[
    "openrouter:advisor",
    "openrouter:apply_patch",
    "openrouter:bash",
    "openrouter:datetime",
    "openrouter:fusion",
    "openrouter:image_generation",
    "openrouter:experimental__search_models",
    "openrouter:shell",
    "openrouter:subagent",
    "openrouter:tool_search",
    "openrouter:web_fetch",
    "openrouter:web_search",
];

open_enum!(
    /// A workspace member's role (the one they hold in the organization).
    MemberRole {
        /// Organization admin.
        Admin = "admin",
        /// Organization member.
        Member = "member",
    }
);

open_enum!(
    /// An organization member's role.
    OrgRole {
        /// `org:admin`.
        Admin = "org:admin",
        /// `org:member`.
        Member = "org:member",
    }
);

/// A budget interval, the `{interval}` path parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// Resets daily.
    Daily,
    /// Resets weekly.
    Weekly,
    /// Resets monthly.
    Monthly,
    /// Never resets.
    Lifetime,
}

/// The spec's name for [`Interval`].
pub type BudgetInterval = Interval;

impl Interval {
    /// All four, from the largest (lifetime) to the smallest (daily).
    pub const ALL: [Interval; 4] = [
        Interval::Lifetime,
        Interval::Monthly,
        Interval::Weekly,
        Interval::Daily,
    ];

    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Daily => "daily",
            Interval::Weekly => "weekly",
            Interval::Monthly => "monthly",
            Interval::Lifetime => "lifetime",
        }
    }

    /// Rank for the shrink rule: lifetime 3 > monthly 2 > weekly 1 > daily 0.
    pub fn rank(self) -> u8 {
        match self {
            Interval::Daily => 0,
            Interval::Weekly => 1,
            Interval::Monthly => 2,
            Interval::Lifetime => 3,
        }
    }

    /// The interval of a budget as the API reports it (`reset_interval` null = lifetime).
    pub fn from_reset(reset: Option<&LimitReset>) -> Option<Interval> {
        match reset {
            None => Some(Interval::Lifetime),
            Some(LimitReset::Daily) => Some(Interval::Daily),
            Some(LimitReset::Weekly) => Some(Interval::Weekly),
            Some(LimitReset::Monthly) => Some(Interval::Monthly),
            Some(LimitReset::Other(s)) if s == "lifetime" => Some(Interval::Lifetime),
            Some(LimitReset::Other(_)) => None,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A page of a list with `total_count` (`ListWorkspacesResponse` and friends).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ListResponse<T> {
    /// The items.
    pub data: Vec<T>,
    /// How many there are in all (absent on `GET /keys`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<u64>,
}

/// `{"data": T}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DataResponse<T> {
    /// The payload.
    pub data: T,
}

/// `{"deleted": true}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deleted {
    /// Always true on success.
    pub deleted: bool,
}

impl ToValue for Secret {
    fn value(&self) -> Value<'_> {
        Value::Str(self.expose_secret())
    }
}

crate::body::required_field!(Secret, JsonObject, WorkspaceId);

/// A JSON object of any shape, carried as its JSON text: a destination's `config` (whose
/// shape depends on its type) and `filter_rules`. `Debug` names the top-level properties
/// only: a config holds the destination's credentials.
#[derive(Clone, PartialEq, Default)]
pub struct JsonObject(pub String);

impl JsonObject {
    /// An object from its JSON text (checked by validation before sending).
    pub fn from_json(text: impl Into<String>) -> Self {
        JsonObject(text.into())
    }

    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text read as an object, or `None` if it is not one.
    pub fn properties(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
        serde_json::from_str(&self.0).ok()
    }

    /// Whether the text is a JSON object. Read with the host's `JSON.parse` on wasm32
    /// ([`Doc`](crate::json_reader)), so a build that only checks bodies links no JSON parser
    /// (`properties` would link serde_json's, ~11 KB of the npm package's gzip wasm).
    pub fn is_object(&self) -> bool {
        crate::json_reader::Doc::parse(&self.0).is_some_and(|d| d.is_object())
    }
}

impl fmt::Debug for JsonObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.properties() {
            Some(map) => f
                .debug_set()
                .entries(map.keys())
                .finish()
                .and_then(|()| f.write_str(" (values redacted)")),
            None => f.write_str("JsonObject(<not an object>)"),
        }
    }
}

impl From<serde_json::Map<String, serde_json::Value>> for JsonObject {
    fn from(map: serde_json::Map<String, serde_json::Value>) -> Self {
        JsonObject(serde_json::Value::Object(map).to_string())
    }
}

impl Serialize for JsonObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.properties() {
            Some(map) => map.serialize(s),
            None => Err(serde::ser::Error::custom("not a JSON object")),
        }
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Map::<String, serde_json::Value>::deserialize(d).map(JsonObject::from)
    }
}

impl ToValue for JsonObject {
    fn value(&self) -> Value<'_> {
        Value::Json(self.0.clone())
    }
}

impl BodyValue for JsonObject {
    const KIND: Kind = Kind::Json;
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        Ok(match v.json(name)? {
            Patch::Unset => Patch::Unset,
            Patch::Null => Patch::Null,
            Patch::Value(text) => Patch::Value(JsonObject(text)),
        })
    }
}
