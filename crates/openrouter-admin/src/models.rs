//! The API's types, exactly as the OpenAPI extract describes them.
//!
//! Required-but-nullable fields are `Option`; unknown fields are ignored; enums the API may
//! grow keep unknown values in an `Other(String)` arm; identifiers are newtypes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::secret::Secret;

pub use crate::patch::Patch;

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::body_json::{to_str_value, ToValue, Value};

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

// ---------------------------------------------------------------------------------------------
// Workspaces

/// A workspace (`Workspace` schema).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Workspace {
    /// UUID.
    pub id: WorkspaceId,
    /// Derived from the workspace id; exists before the guardrail itself.
    pub default_guardrail_id: GuardrailId,
    /// Display name.
    pub name: String,
    /// URL-safe slug.
    pub slug: String,
    /// Free text.
    pub description: Option<String>,
    /// Default text model.
    pub default_text_model: Option<String>,
    /// Default image model.
    pub default_image_model: Option<String>,
    /// Default provider sort.
    pub default_provider_sort: Option<ProviderSort>,
    /// Whether I/O logging is on.
    pub is_observability_io_logging_enabled: bool,
    /// Whether broadcast is on.
    pub is_observability_broadcast_enabled: bool,
    /// Whether data-discount logging is on.
    pub is_data_discount_logging_enabled: bool,
    /// I/O logging sampling rate (0.0001..1).
    pub io_logging_sampling_rate: f64,
    /// Integer key ids no keys endpoint returns: shown as they are.
    pub io_logging_api_key_ids: Option<Vec<i64>>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    pub updated_at: Option<Timestamp>,
    /// The creating user.
    pub created_by: Option<UserId>,
    /// Whether BYOK usage counts toward budgets (not required by the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_byok_in_budgets: Option<bool>,
    /// Server tools turned off for this workspace's requests (an open list: see
    /// [`SERVER_TOOLS`]); `None` when none are. Not in the spec extract; today's API sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_server_tools: Option<Vec<String>>,
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

body! {
    /// Body of `POST /workspaces` (`CreateWorkspaceRequest`).
    pub struct CreateWorkspace(name: String, slug: String) {
        /// 1..100 characters.
        pub name: String => new,
        /// 1..50 characters, `^[a-z0-9]+(?:-[a-z0-9]+)*$`.
        pub slug: String => new,
        /// Up to 500 characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String> => into<String>,
        /// Default text model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default_text_model: Option<String> => into<String>,
        /// Default image model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default_image_model: Option<String> => into<String>,
        /// Default provider sort.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub default_provider_sort: Option<ProviderSort> => into<ProviderSort>,
        /// I/O logging key ids.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub io_logging_api_key_ids: Option<Vec<i64>> => into<Vec<i64>>,
        /// 0.0001..1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub io_logging_sampling_rate: Option<f64> => into<f64>,
        /// Data-discount logging.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_data_discount_logging_enabled: Option<bool> => into<bool>,
        /// Broadcast.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_observability_broadcast_enabled: Option<bool> => into<bool>,
        /// I/O logging.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_observability_io_logging_enabled: Option<bool> => into<bool>,
        /// Server tools to turn off (an open list, see [`SERVER_TOOLS`]); empty = none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub disabled_server_tools: Option<Vec<String>> => into<Vec<String>>,
    }
}

body! {
    /// Body of `PATCH /workspaces/{id}` (`UpdateWorkspaceRequest`): only set fields are sent.
    pub struct UpdateWorkspace() {
        /// 1..100 characters; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => into<String>,
        /// Slug rules; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub slug: Patch<String> => into<String>,
        /// Up to 500 characters; nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub description: Patch<String> => or_null_into<String>,
        /// Nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub default_text_model: Patch<String> => or_null_into<String>,
        /// Nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub default_image_model: Patch<String> => or_null_into<String>,
        /// Nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub default_provider_sort: Patch<ProviderSort> => or_null<ProviderSort>,
        /// Nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub io_logging_api_key_ids: Patch<Vec<i64>> => or_null<Vec<i64>>,
        /// 0.0001..1; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub io_logging_sampling_rate: Patch<f64> => into<f64>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_data_discount_logging_enabled: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_observability_broadcast_enabled: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_observability_io_logging_enabled: Patch<bool> => into<bool>,
        /// Server tools to turn off (an open list, see [`SERVER_TOOLS`]); `None` or an empty
        /// list turns them all back on.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub disabled_server_tools: Patch<Vec<String>> => or_null<Vec<String>>,
    }
}

// ---------------------------------------------------------------------------------------------
// Members

/// A workspace member (`WorkspaceMember`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkspaceMember {
    /// Membership row id.
    pub id: MembershipId,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// The user.
    pub user_id: UserId,
    /// Their organization role.
    pub role: MemberRole,
    /// When they were added.
    pub created_at: Timestamp,
}

/// Body of members add/remove: 1..100 user ids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct MemberIds {
    /// The users.
    pub user_ids: Vec<UserId>,
}

impl MemberIds {
    /// Wraps ids.
    pub fn new<I, U>(ids: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        Self {
            user_ids: ids.into_iter().map(Into::into).collect(),
        }
    }
}

/// The body as the JSON text that goes on the wire. Written by hand: its one field is a
/// list of identifiers, which no reader takes from a JS object (the bindings take the
/// list itself).
impl crate::body::WireBody for MemberIds {
    fn wire(&self) -> String {
        id_list_json("user_ids", self.user_ids.iter().map(UserId::as_str))
    }
}

/// Answer of members add (`BulkAddWorkspaceMembersResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MembersAdded {
    /// How many were added.
    pub added_count: u64,
    /// The membership rows ("created or updated").
    pub data: Vec<WorkspaceMember>,
}

/// Answer of members remove (`BulkRemoveWorkspaceMembersResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MembersRemoved {
    /// How many were removed (may be fewer than asked).
    pub removed_count: u64,
}

/// An organization member (`GET /organization/members` item).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrganizationMember {
    /// The user id that members add/remove take.
    pub id: UserId,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Email.
    pub email: String,
    /// Role.
    pub role: OrgRole,
}

// ---------------------------------------------------------------------------------------------
// Budgets

/// A workspace budget (`WorkspaceBudget`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkspaceBudget {
    /// UUID.
    pub id: BudgetId,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// USD.
    pub limit_usd: f64,
    /// `null` = lifetime.
    pub reset_interval: Option<LimitReset>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    pub updated_at: Timestamp,
}

impl WorkspaceBudget {
    /// The budget's interval (`reset_interval` null = lifetime); `None` for an unknown value.
    pub fn interval(&self) -> Option<Interval> {
        Interval::from_reset(self.reset_interval.as_ref())
    }
}

/// `GET /workspaces/{id}/budgets`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BudgetList {
    /// The budgets.
    pub data: Vec<WorkspaceBudget>,
    /// Workspace-wide BYOK flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_byok_in_budgets: Option<bool>,
}

/// `GET`/`PUT /workspaces/{id}/budgets/{interval}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BudgetResponse {
    /// The budget.
    pub data: WorkspaceBudget,
    /// Workspace-wide BYOK flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_byok_in_budgets: Option<bool>,
}

body! {
    /// Body of budget PUT (`UpsertWorkspaceBudgetRequest`).
    pub struct UpsertBudget(limit_usd: f64) {
        /// > 0, finite.
        pub limit_usd: f64 => new,
        /// Workspace-wide: applies to every interval. Omit to leave unchanged.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_byok_in_budgets: Option<bool> => into<bool>,
    }
}

// ---------------------------------------------------------------------------------------------
// Keys

/// An API key as listed, fetched, created or updated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiKey {
    /// Identity (64 hex).
    pub hash: KeyHash,
    /// Name.
    pub name: String,
    /// Masked form (`sk-or-v1-0e6...1c96`).
    pub label: String,
    /// Disabled keys are rejected.
    pub disabled: bool,
    /// USD limit, `None` = unlimited.
    pub limit: Option<f64>,
    /// What is left in the current window.
    pub limit_remaining: Option<f64>,
    /// Window.
    pub limit_reset: Option<LimitReset>,
    /// Whether BYOK usage counts.
    pub include_byok_in_limit: bool,
    /// Lifetime usage (USD).
    pub usage: f64,
    /// Today's usage.
    pub usage_daily: f64,
    /// This week's usage.
    pub usage_weekly: f64,
    /// This month's usage.
    pub usage_monthly: f64,
    /// BYOK lifetime usage.
    pub byok_usage: f64,
    /// BYOK today.
    pub byok_usage_daily: f64,
    /// BYOK this week.
    pub byok_usage_weekly: f64,
    /// BYOK this month.
    pub byok_usage_monthly: f64,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    pub updated_at: Option<Timestamp>,
    /// Creator.
    pub creator_user_id: Option<UserId>,
    /// Workspace.
    pub workspace_id: WorkspaceId,
    /// Expiry (UTC), if any. Not required by the spec.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// A partner's end-user id the key's spend is attributed to (`external.user` at
    /// creation), or `None`. Not in the spec extract; today's API sends it on every key.
    #[serde(default)]
    pub external_user: Option<String>,
}

/// `free_model_daily_requests` of `GET /key`: today's requests to free models.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FreeModelDailyRequests {
    /// Requests allowed per UTC day.
    pub limit: f64,
    /// Requests left today.
    pub remaining: f64,
    /// Requests made today.
    pub used: f64,
}

/// The deprecated `rate_limit` object of `GET /key`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests.
    pub requests: i64,
    /// Interval.
    pub interval: String,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// The calling key (`GET /key`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CurrentKey {
    /// Masked key.
    pub label: String,
    /// USD limit.
    pub limit: Option<f64>,
    /// Lifetime usage.
    pub usage: f64,
    /// Today.
    pub usage_daily: f64,
    /// This week.
    pub usage_weekly: f64,
    /// This month.
    pub usage_monthly: f64,
    /// BYOK lifetime.
    pub byok_usage: f64,
    /// BYOK today.
    pub byok_usage_daily: f64,
    /// BYOK this week.
    pub byok_usage_weekly: f64,
    /// BYOK this month.
    pub byok_usage_monthly: f64,
    /// Free tier.
    pub is_free_tier: bool,
    /// Whether this key can call the management API.
    pub is_management_key: bool,
    /// Deprecated alias of `is_management_key`.
    #[serde(default)]
    pub is_provisioning_key: bool,
    /// Left in the window.
    pub limit_remaining: Option<f64>,
    /// Window.
    pub limit_reset: Option<LimitReset>,
    /// BYOK counts.
    pub include_byok_in_limit: bool,
    /// Creator.
    pub creator_user_id: Option<UserId>,
    /// Deprecated, safe to ignore (kept as raw JSON: object or -1).
    #[serde(default)]
    pub rate_limit: Option<serde_json::Value>,
    /// Expiry.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The organization the key belongs to (today's API; `None` from one that predates it).
    #[serde(default)]
    pub organization_id: Option<String>,
    /// The workspace the key spends in; `None` for a management key, which is org-wide.
    #[serde(default)]
    pub workspace_id: Option<WorkspaceId>,
    /// Where the key's requests may be served (empty from an API that predates the field).
    #[serde(default)]
    pub allowed_data_regions: Vec<DataRegion>,
    /// Today's free-model requests (today's API; `None` from one that predates it).
    #[serde(default)]
    pub free_model_daily_requests: Option<FreeModelDailyRequests>,
}

body! {
    /// `external` of `POST /keys`: the partner's end user a key is made for.
    pub struct External(user: String) {
        /// The end user's id in the partner's system; at least 1 character. Answered back as
        /// the key's `external_user`.
        pub user: String => new,
        /// The partner's own key for this user: at least 32 characters, stored hashed by the
        /// API and never returned. A [`Secret`]: redacted in `Debug` and `Display`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub api_key: Option<Secret> => into<Secret>,
    }
}

impl ToValue for Secret {
    fn value(&self) -> Value<'_> {
        Value::Str(self.expose_secret())
    }
}

impl ToValue for External {
    fn value(&self) -> Value<'_> {
        Value::Json(self.to_json())
    }
}

impl BodyValue for External {
    const KIND: Kind = Kind::Object;
    fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
        v.object(name)
    }
}

body! {
    /// Body of `POST /keys`.
    pub struct CreateKey(name: String) {
        /// At least 1 character.
        pub name: String => new,
        /// USD limit (≥ 0, finite); `None` = unlimited.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<f64> => into<f64>,
        /// daily / weekly / monthly; `None` = never.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit_reset: Option<LimitReset> => into<LimitReset>,
        /// BYOK counts toward the limit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_byok_in_limit: Option<bool> => into<bool>,
        /// UTC RFC 3339 date-time with seconds, ending in `Z` (`2027-12-31T23:59:59Z`;
        /// fractions allowed, minute precision refused).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expires_at: Option<Timestamp> => into<Timestamp>,
        /// Workspace (default: the Default workspace).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<WorkspaceId> => into<WorkspaceId>,
        /// Creator.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub creator_user_id: Option<UserId> => into<UserId>,
        /// The partner's end user the key is made for (its `user` comes back as the key's
        /// `external_user`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub external: Option<External> => into<External>,
    }
}

/// The answer to `POST /keys`: the key and its secret (shown once).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedKey {
    /// The key's metadata.
    pub data: ApiKey,
    /// The secret, redacted in `Debug`.
    pub key: Secret,
}

body! {
    /// Body of `PATCH /keys/{hash}`: only set fields are sent.
    pub struct UpdateKey() {
        /// At least 1 character; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => into<String>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub disabled: Patch<bool> => into<bool>,
        /// ≥ 0, finite; `Null` = unlimited.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub limit: Patch<f64> => or_null<f64>,
        /// daily/weekly/monthly; `Null` = never.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub limit_reset: Patch<LimitReset> => or_null<LimitReset>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub include_byok_in_limit: Patch<bool> => into<bool>,
    }
}

// ---------------------------------------------------------------------------------------------
// Guardrails

open_enum!(
    /// A built-in content filter (`ContentFilterBuiltinSlug`, with today's `secrets`).
    ContentFilterSlug {
        /// Email addresses.
        Email = "email",
        /// Phone numbers.
        Phone = "phone",
        /// US social security numbers.
        Ssn = "ssn",
        /// Card numbers.
        CreditCard = "credit-card",
        /// IP addresses.
        IpAddress = "ip-address",
        /// People's names.
        PersonName = "person-name",
        /// Postal addresses.
        Address = "address",
        /// The regex-based prompt injection detector.
        RegexPromptInjection = "regex-prompt-injection",
        /// Credentials and API keys (today's API; the spec extract predates it).
        Secrets = "secrets",
    }
);

open_enum!(
    /// What a content filter does when it matches (`ContentFilterAction`).
    ContentFilterAction {
        /// Replace the match with the filter's label.
        Redact = "redact",
        /// Refuse the request.
        Block = "block",
        /// Let it through, recording that it matched.
        Flag = "flag",
    }
);

open_enum!(
    /// Which messages the prompt injection detector scans (`PromptInjectionScanScope`).
    ScanScope {
        /// Only the user's messages.
        UserOnly = "user_only",
        /// Every message (the API's default).
        AllMessages = "all_messages",
    }
);

to_str_value!(ContentFilterSlug, ContentFilterAction, ScanScope);
string_value!(
    ContentFilterSlug => |s: String| ContentFilterSlug::parse(&s),
    ContentFilterAction => |s: String| ContentFilterAction::parse(&s),
    ScanScope => |s: String| ScanScope::parse(&s),
);
crate::body::required_field!(ContentFilterSlug, ContentFilterAction);

/// An empty, unknown value: what a body starts from before its fields are read (`body!`
/// builds bodies from `Default`); validation refuses it.
impl Default for ContentFilterSlug {
    fn default() -> Self {
        ContentFilterSlug::Other(String::new())
    }
}

/// An empty, unknown value (see [`ContentFilterSlug`]'s `Default`); validation refuses it.
impl Default for ContentFilterAction {
    fn default() -> Self {
        ContentFilterAction::Other(String::new())
    }
}

/// The data regions a guardrail's `allowed_data_regions` may name (api-notes.md: `global`,
/// `europe`, `us`).
pub const DATA_REGIONS: &[&str] = &["global", "europe", "us"];

body! {
    /// A built-in content filter as a create or update sends it (`ContentFilterBuiltinEntryInput`;
    /// its deprecated `label` is not sent: the API assigns labels).
    pub struct BuiltinFilter(slug: ContentFilterSlug, action: ContentFilterAction) {
        /// Which filter.
        pub slug: ContentFilterSlug => new,
        /// What it does on a match.
        pub action: ContentFilterAction => new,
        /// Only for `regex-prompt-injection`: which messages it scans.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub scan_scope: Option<ScanScope> => into<ScanScope>,
    }
}

body! {
    /// A custom regex content filter (`ContentFilterEntry`), sent and answered alike.
    pub struct ContentFilter(pattern: String, action: ContentFilterAction) {
        /// The regex, at least 1 character.
        pub pattern: String => new,
        /// What it does on a match.
        pub action: ContentFilterAction => new,
        /// Placeholder or message text, up to 100 characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub label: Option<String> => into<String>,
    }
}

/// Arrays of nested bodies: written as JSON arrays, read through [`Visitor::objects`].
macro_rules! objects_value {
    ($($t:ty),*) => {$(
        impl ToValue for Vec<$t> {
            fn value(&self) -> Value<'_> {
                let mut out = String::from("[");
                for (i, item) in self.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&item.to_json());
                }
                out.push(']');
                Value::Json(out)
            }
        }
        impl BodyValue for Vec<$t> {
            const KIND: Kind = Kind::Objects;
            fn read<V: Visitor>(v: &mut V, name: &'static str) -> Result<Patch<Self>, V::Error> {
                v.objects(name)
            }
        }
    )*};
}
objects_value!(BuiltinFilter, ContentFilter);

/// A built-in content filter as the API answers it (`ContentFilterBuiltinEntry`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BuiltinFilterEntry {
    /// Which filter.
    pub slug: ContentFilterSlug,
    /// What it does on a match.
    pub action: ContentFilterAction,
    /// The placeholder the API assigned (`[EMAIL]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Which messages the prompt injection detector scans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan_scope: Option<ScanScope>,
}

/// A guardrail (`Guardrail` schema, with today's `allowed_data_regions`): restrictions on the
/// keys and members it is assigned to. Several apply as the intersection of their non-null
/// values (see [`crate::restrictions`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Guardrail {
    /// UUID. A workspace's default guardrail has the id its workspace's
    /// `default_guardrail_id` names, before it is ever written.
    pub id: GuardrailId,
    /// Name (a workspace default's is derived from its workspace).
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
    /// The workspace it lives in.
    #[serde(default)]
    pub workspace_id: Option<WorkspaceId>,
    /// Spending limit (USD) per `reset_interval`; `None` = no limit.
    #[serde(default)]
    pub limit_usd: Option<f64>,
    /// daily / weekly / monthly; `None` = never resets.
    #[serde(default)]
    pub reset_interval: Option<LimitReset>,
    /// Whether BYOK spend counts toward `limit_usd`.
    pub include_byok_in_budgets: bool,
    /// Models allowed (canonical slugs); `None` = any.
    #[serde(default)]
    pub allowed_models: Option<Vec<String>>,
    /// Providers allowed (an open list); `None` = any.
    #[serde(default)]
    pub allowed_providers: Option<Vec<String>>,
    /// Models never used.
    #[serde(default)]
    pub ignored_models: Option<Vec<String>>,
    /// Providers never used.
    #[serde(default)]
    pub ignored_providers: Option<Vec<String>>,
    /// Where requests may be served; `None` = anywhere. Not in the spec extract.
    #[serde(default)]
    pub allowed_data_regions: Option<Vec<DataRegion>>,
    /// Built-in content filters.
    #[serde(default)]
    pub content_filter_builtins: Option<Vec<BuiltinFilterEntry>>,
    /// Custom regex content filters.
    #[serde(default)]
    pub content_filters: Option<Vec<ContentFilter>>,
    /// Deprecated: zero data retention for every provider (the per-provider fields win).
    #[serde(default)]
    pub enforce_zdr: Option<bool>,
    /// Zero data retention for Anthropic models.
    #[serde(default)]
    pub enforce_zdr_anthropic: Option<bool>,
    /// Zero data retention for Google models.
    #[serde(default)]
    pub enforce_zdr_google: Option<bool>,
    /// Zero data retention for OpenAI models.
    #[serde(default)]
    pub enforce_zdr_openai: Option<bool>,
    /// Zero data retention for xAI models.
    #[serde(default)]
    pub enforce_zdr_xai: Option<bool>,
    /// Zero data retention for every other provider's models.
    #[serde(default)]
    pub enforce_zdr_other: Option<bool>,
    /// Whether free endpoints that publish prompts are allowed.
    #[serde(default)]
    pub enable_free_model_publication: Option<bool>,
    /// Whether free endpoints that train on requests are allowed.
    #[serde(default)]
    pub enable_free_model_training: Option<bool>,
    /// Whether paid endpoints that train on requests are allowed.
    #[serde(default)]
    pub enable_paid_model_training: Option<bool>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    #[serde(default)]
    pub updated_at: Option<Timestamp>,
}

body! {
    /// Body of `POST /guardrails` (`CreateGuardrailRequest`, with today's `allowed_data_regions`).
    /// A new guardrail enforces nothing until keys or members are assigned to it; a workspace's
    /// traffic as a whole is restricted by updating its default guardrail instead.
    pub struct CreateGuardrail(name: String) {
        /// 1..200 characters.
        pub name: String => new,
        /// Up to 1000 characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String> => into<String>,
        /// The workspace's UUID (not its slug); default: the Default workspace.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<WorkspaceId> => into<WorkspaceId>,
        /// USD per `reset_interval`, finite and ≥ 0; sent together with `reset_interval`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit_usd: Option<f64> => into<f64>,
        /// daily / weekly / monthly; sent together with `limit_usd`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reset_interval: Option<LimitReset> => into<LimitReset>,
        /// Whether BYOK spend counts toward the limit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_byok_in_budgets: Option<bool> => into<bool>,
        /// Models allowed (slugs); at least one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_models: Option<Vec<String>> => into<Vec<String>>,
        /// Providers allowed; at least one (an open list: the API judges the names).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_providers: Option<Vec<String>> => into<Vec<String>>,
        /// Models never used; at least one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ignored_models: Option<Vec<String>> => into<Vec<String>>,
        /// Providers never used; at least one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub ignored_providers: Option<Vec<String>> => into<Vec<String>>,
        /// Of [`DATA_REGIONS`]; never empty.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_data_regions: Option<Vec<String>> => into<Vec<String>>,
        /// Built-in content filters, one per slug.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content_filter_builtins: Option<Vec<BuiltinFilter>> => into<Vec<BuiltinFilter>>,
        /// Custom regex content filters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content_filters: Option<Vec<ContentFilter>> => into<Vec<ContentFilter>>,
        /// Deprecated: copied into the per-provider fields not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enforce_zdr: Option<bool> => into<bool>,
        /// Zero data retention for Anthropic models.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enforce_zdr_anthropic: Option<bool> => into<bool>,
        /// Zero data retention for Google models.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enforce_zdr_google: Option<bool> => into<bool>,
        /// Zero data retention for OpenAI models.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enforce_zdr_openai: Option<bool> => into<bool>,
        /// Zero data retention for xAI models.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enforce_zdr_xai: Option<bool> => into<bool>,
        /// Zero data retention for every other provider's models.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enforce_zdr_other: Option<bool> => into<bool>,
        /// Allow free endpoints that publish prompts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enable_free_model_publication: Option<bool> => into<bool>,
        /// Allow free endpoints that train on requests.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enable_free_model_training: Option<bool> => into<bool>,
        /// Allow paid endpoints that train on requests.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enable_paid_model_training: Option<bool> => into<bool>,
    }
}

body! {
    /// Body of `PATCH /guardrails/{id}` (`UpdateGuardrailRequest`): only set fields are sent;
    /// the lists are replaced whole. Also writes a workspace's default guardrail the first
    /// time (whose name cannot be changed).
    pub struct UpdateGuardrail() {
        /// 1..200 characters; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => into<String>,
        /// Up to 1000 characters; nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub description: Patch<String> => or_null_into<String>,
        /// Finite, ≥ 0; `Null` = no limit.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub limit_usd: Patch<f64> => or_null<f64>,
        /// daily / weekly / monthly; `Null` = never.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub reset_interval: Patch<LimitReset> => or_null<LimitReset>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub include_byok_in_budgets: Patch<bool> => into<bool>,
        /// At least one; `Null` = any.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_models: Patch<Vec<String>> => or_null<Vec<String>>,
        /// At least one; `Null` = any.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_providers: Patch<Vec<String>> => or_null<Vec<String>>,
        /// At least one; `Null` = none ignored.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub ignored_models: Patch<Vec<String>> => or_null<Vec<String>>,
        /// At least one; `Null` = none ignored.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub ignored_providers: Patch<Vec<String>> => or_null<Vec<String>>,
        /// Of [`DATA_REGIONS`], never empty; `Null` = anywhere.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_data_regions: Patch<Vec<String>> => or_null<Vec<String>>,
        /// `Null` removes them.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub content_filter_builtins: Patch<Vec<BuiltinFilter>> => or_null<Vec<BuiltinFilter>>,
        /// `Null` removes them.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub content_filters: Patch<Vec<ContentFilter>> => or_null<Vec<ContentFilter>>,
        /// Deprecated: copied into the per-provider fields not given.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enforce_zdr: Patch<bool> => or_null<bool>,
        /// Zero data retention for Anthropic models.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enforce_zdr_anthropic: Patch<bool> => or_null<bool>,
        /// Zero data retention for Google models.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enforce_zdr_google: Patch<bool> => or_null<bool>,
        /// Zero data retention for OpenAI models.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enforce_zdr_openai: Patch<bool> => or_null<bool>,
        /// Zero data retention for xAI models.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enforce_zdr_xai: Patch<bool> => or_null<bool>,
        /// Zero data retention for every other provider's models.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enforce_zdr_other: Patch<bool> => or_null<bool>,
        /// Allow free endpoints that publish prompts.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enable_free_model_publication: Patch<bool> => or_null<bool>,
        /// Allow free endpoints that train on requests.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enable_free_model_training: Patch<bool> => or_null<bool>,
        /// Allow paid endpoints that train on requests.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enable_paid_model_training: Patch<bool> => or_null<bool>,
    }
}

/// One key's assignment to a guardrail (`KeyAssignment`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyAssignment {
    /// The assignment's UUID.
    pub id: String,
    /// The key.
    pub key_hash: KeyHash,
    /// The guardrail.
    pub guardrail_id: GuardrailId,
    /// The key's name.
    pub key_name: String,
    /// The key's masked label.
    pub key_label: String,
    /// Who assigned it.
    pub assigned_by: Option<UserId>,
    /// When.
    pub created_at: Timestamp,
}

/// One organization member's assignment to a guardrail (`MemberAssignment`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberAssignment {
    /// The assignment's UUID.
    pub id: String,
    /// The member.
    pub user_id: UserId,
    /// Their organization.
    pub organization_id: String,
    /// The guardrail.
    pub guardrail_id: GuardrailId,
    /// Who assigned it.
    pub assigned_by: Option<UserId>,
    /// When.
    pub created_at: Timestamp,
}

/// A JSON object of one field holding a list of identifiers: the bodies of the bulk member
/// and assignment operations (written by hand: no reader takes them from a JS object, the
/// bindings take the list itself).
fn id_list_json<'a>(field: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("{");
    crate::body_json::string(&mut out, field);
    out.push_str(":[");
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        crate::body_json::string(&mut out, id);
    }
    out.push_str("]}");
    out
}

/// Body of the key assignment operations (`BulkAssignKeysRequest`, `BulkUnassignKeysRequest`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct KeyHashes {
    /// The keys, at least one.
    pub key_hashes: Vec<KeyHash>,
}

impl KeyHashes {
    /// Wraps hashes.
    pub fn new<I, H>(hashes: I) -> Self
    where
        I: IntoIterator<Item = H>,
        H: Into<KeyHash>,
    {
        Self {
            key_hashes: hashes.into_iter().map(Into::into).collect(),
        }
    }
}

/// The body as the JSON text that goes on the wire.
impl crate::body::WireBody for KeyHashes {
    fn wire(&self) -> String {
        id_list_json("key_hashes", self.key_hashes.iter().map(KeyHash::as_str))
    }
}

/// Body of the member assignment operations (`BulkAssignMembersRequest`,
/// `BulkUnassignMembersRequest`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub struct MemberUserIds {
    /// The organization members, at least one.
    pub member_user_ids: Vec<UserId>,
}

impl MemberUserIds {
    /// Wraps user ids.
    pub fn new<I, U>(ids: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<UserId>,
    {
        Self {
            member_user_ids: ids.into_iter().map(Into::into).collect(),
        }
    }
}

/// The body as the JSON text that goes on the wire.
impl crate::body::WireBody for MemberUserIds {
    fn wire(&self) -> String {
        id_list_json(
            "member_user_ids",
            self.member_user_ids.iter().map(UserId::as_str),
        )
    }
}

/// Answer of the assign operations (`BulkAssignKeysResponse`, `BulkAssignMembersResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assigned {
    /// How many were assigned.
    pub assigned_count: u64,
}

/// Answer of the unassign operations (`BulkUnassignKeysResponse`, `BulkUnassignMembersResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unassigned {
    /// How many were unassigned.
    pub unassigned_count: u64,
}

// ---------------------------------------------------------------------------------------------
// BYOK provider keys and observability destinations

id_type!(
    /// A BYOK provider credential's UUID.
    ByokKeyId
);
id_type!(
    /// An observability (broadcast) destination's UUID.
    DestinationId
);
id_type!(
    /// The upstream provider a BYOK credential authenticates against, as a lowercase slug
    /// (`openai`, `amazon-bedrock`, `amazon-bedrock/claude-on-aws`). The list is open: the API
    /// adds providers, so any slug is kept when reading and sent when writing; the server
    /// judges it ([`BYOK_PROVIDERS`] is today's list, for pickers).
    ProviderSlug
);

to_str_value!(ProviderSlug, DestinationType);
crate::body::required_field!(Secret, ProviderSlug, DestinationType, JsonObject);
string_value!(
    ProviderSlug => ProviderSlug::from,
    DestinationType => |s: String| DestinationType::parse(&s),
);

/// The BYOK providers today's API takes (the spec's list as @openrouter/sdk 1.3.19 has it:
/// eleven added, `ncompass` gone). Open: a provider not listed here is still sent as given.
pub const BYOK_PROVIDERS: &[&str] = &[
    "ai21",
    "aion-labs",
    "akashml",
    "alibaba",
    "amazon-bedrock",
    "amazon-bedrock/claude-on-aws",
    "amazon-nova",
    "ambient",
    "anthropic",
    "anthropic/2",
    "arcee-ai",
    "assemblyai",
    "atlas-cloud",
    "avian",
    "azure",
    "baidu",
    "baseten",
    "black-forest-labs",
    "byteplus",
    "cerebras",
    "chutes",
    "cirrascale",
    "clarifai",
    "claude-on-aws",
    "cloudflare",
    "cohere",
    "coreweave",
    "cosine",
    "crusoe",
    "darkbloom",
    "databricks",
    "decart",
    "deepgram",
    "deepinfra",
    "deepseek",
    "dekallm",
    "digitalocean",
    "featherless",
    "fireworks",
    "fish-audio",
    "friendli",
    "gmicloud",
    "google-ai-studio",
    "google-vertex",
    "groq",
    "heygen",
    "inception",
    "inceptron",
    "inferact-vllm",
    "inference-net",
    "infermatic",
    "inflection",
    "io-net",
    "ionstream",
    "krea",
    "liquid",
    "makora",
    "mancer",
    "mara",
    "meta",
    "minimax",
    "mistral",
    "modal",
    "modelrun",
    "modular",
    "moonshotai",
    "morph",
    "near-ai",
    "nebius",
    "nex-agi",
    "nextbit",
    "novita",
    "nvidia",
    "ollama",
    "open-inference",
    "openai",
    "parasail",
    "perceptron",
    "perplexity",
    "phala",
    "poolside",
    "primeintellect",
    "quiver",
    "recraft",
    "reka",
    "relace",
    "runway",
    "sail-research",
    "sakana",
    "sakana-ai",
    "sambanova",
    "seed",
    "siliconflow",
    "sourceful",
    "stepfun",
    "streamlake",
    "switchpoint",
    "tencent",
    "tenstorrent",
    "thinkingmachines",
    "together",
    "typesafe",
    "unbiased",
    "upstage",
    "venice",
    "voyageai",
    "wafer",
    "wandb",
    "wandb-legacy",
    "xai",
    "xiaomi",
    "z-ai",
];

/// A BYOK provider credential (`BYOKKey` schema, with today's fields). The raw provider key
/// is write-only: no answer carries it, only the masked `label`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ByokKey {
    /// UUID.
    pub id: ByokKeyId,
    /// The upstream provider (an open list).
    pub provider: ProviderSlug,
    /// The workspace it is scoped to; `None` = global (usable in every workspace; not the
    /// Default workspace).
    pub workspace_id: Option<WorkspaceId>,
    /// A masked snippet of the provider key (`sk-...AbCd`).
    pub label: String,
    /// Display name (not required by the spec).
    #[serde(default)]
    pub name: Option<String>,
    /// Disabled credentials are not used.
    pub disabled: bool,
    /// Used only after the provider's non-fallback credentials were tried.
    pub is_fallback: bool,
    /// Requests to this provider use only BYOK credentials, never OpenRouter's own (today's
    /// API; `false` from one that predates it). Never together with `is_fallback`.
    #[serde(default)]
    pub is_byok_only: bool,
    /// Requests fail rather than run without this credential (today's API).
    #[serde(default)]
    pub is_required: bool,
    /// Whether the owner declared the provider account zero-data-retention; `None` = not
    /// declared (today's API).
    #[serde(default)]
    pub declared_zdr: Option<bool>,
    /// Model slugs it may serve; `None` = any.
    pub allowed_models: Option<Vec<String>>,
    /// API key hashes that may use it; `None` = any.
    pub allowed_api_key_hashes: Option<Vec<KeyHash>>,
    /// User ids that may use it; `None` = any.
    pub allowed_user_ids: Option<Vec<String>>,
    /// Position within the provider: tried in ascending order.
    pub sort_order: i64,
    /// Creation time.
    pub created_at: Timestamp,
}

body! {
    /// Body of `POST /byok` (`CreateBYOKKeyRequest`, with today's fields).
    pub struct CreateByokKey(provider: ProviderSlug, key: Secret) {
        /// The upstream provider (an open list, see [`BYOK_PROVIDERS`]).
        pub provider: ProviderSlug => new,
        /// The raw provider key: at least 1 character, write-only (never answered back).
        /// A [`Secret`]: redacted in `Debug` and `Display`.
        pub key: Secret => new,
        /// Up to 255 characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String> => into<String>,
        /// The workspace's UUID (a slug is refused before sending); default: the Default
        /// workspace.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<WorkspaceId> => into<WorkspaceId>,
        /// Created disabled.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub disabled: Option<bool> => into<bool>,
        /// A fallback credential; not with `is_byok_only`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_fallback: Option<bool> => into<bool>,
        /// BYOK only for this provider; not with `is_fallback`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_byok_only: Option<bool> => into<bool>,
        /// Requests fail without this credential.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_required: Option<bool> => into<bool>,
        /// Declared zero-data-retention.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub declared_zdr: Option<bool> => into<bool>,
        /// Up to 100 model slugs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_models: Option<Vec<String>> => into<Vec<String>>,
        /// 1..100 key hashes (64 lowercase hex each).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_api_key_hashes: Option<Vec<String>> => into<Vec<String>>,
        /// Up to 100 user ids.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub allowed_user_ids: Option<Vec<String>> => into<Vec<String>>,
    }
}

body! {
    /// Body of `PATCH /byok/{id}` (`UpdateBYOKKeyRequest`, with today's fields): only set
    /// fields are sent.
    pub struct UpdateByokKey() {
        /// A new raw provider key, replacing the old one in place; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub key: Patch<Secret> => into<Secret>,
        /// Up to 255 characters; nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => or_null_into<String>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub disabled: Patch<bool> => into<bool>,
        /// Not nullable; not with `is_byok_only`.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_fallback: Patch<bool> => into<bool>,
        /// Not nullable; not with `is_fallback`.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_byok_only: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub is_required: Patch<bool> => into<bool>,
        /// `Null` clears the declaration.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub declared_zdr: Patch<bool> => or_null<bool>,
        /// Up to 100; `Null` = any model.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_models: Patch<Vec<String>> => or_null<Vec<String>>,
        /// 1..100 hashes; `Null` = any key.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_api_key_hashes: Patch<Vec<String>> => or_null<Vec<String>>,
        /// Up to 100; `Null` = any user.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub allowed_user_ids: Patch<Vec<String>> => or_null<Vec<String>>,
    }
}

open_enum!(
    /// An observability destination's type. Only stable types are accepted on create.
    DestinationType {
        /// Arize AX.
        Arize = "arize",
        /// Braintrust.
        Braintrust = "braintrust",
        /// ClickHouse.
        Clickhouse = "clickhouse",
        /// Datadog LLM Observability.
        Datadog = "datadog",
        /// Grafana Cloud.
        Grafana = "grafana",
        /// Langfuse.
        Langfuse = "langfuse",
        /// LangSmith.
        Langsmith = "langsmith",
        /// New Relic.
        Newrelic = "newrelic",
        /// Opik.
        Opik = "opik",
        /// An OpenTelemetry collector.
        OtelCollector = "otel-collector",
        /// PostHog.
        Posthog = "posthog",
        /// Ramp.
        Ramp = "ramp",
        /// Amazon S3 (or compatible).
        S3 = "s3",
        /// Sentry.
        Sentry = "sentry",
        /// Snowflake.
        Snowflake = "snowflake",
        /// Weights & Biases Weave.
        Weave = "weave",
        /// A webhook.
        Webhook = "webhook",
    }
);

impl DestinationType {
    /// Every known type, in the spec's order.
    pub const ALL: [DestinationType; 17] = [
        DestinationType::Arize,
        DestinationType::Braintrust,
        DestinationType::Clickhouse,
        DestinationType::Datadog,
        DestinationType::Grafana,
        DestinationType::Langfuse,
        DestinationType::Langsmith,
        DestinationType::Newrelic,
        DestinationType::Opik,
        DestinationType::OtelCollector,
        DestinationType::Posthog,
        DestinationType::Ramp,
        DestinationType::S3,
        DestinationType::Sentry,
        DestinationType::Snowflake,
        DestinationType::Weave,
        DestinationType::Webhook,
    ];

    /// The `config` properties a create of this type requires (the spec's per-type schema);
    /// empty for a type this version does not know.
    pub fn required_config(&self) -> &'static [&'static str] {
        match self {
            DestinationType::Arize => &["apiKey", "spaceKey", "modelId"],
            DestinationType::Braintrust => &["apiKey", "projectId"],
            DestinationType::Clickhouse => &["host", "database", "username", "password"],
            DestinationType::Datadog => &["apiKey", "mlApp"],
            DestinationType::Grafana => &["apiKey", "instanceId"],
            DestinationType::Langfuse => &["secretKey", "publicKey"],
            DestinationType::Langsmith | DestinationType::Posthog | DestinationType::Ramp => {
                &["apiKey"]
            }
            DestinationType::Newrelic => &["licenseKey"],
            DestinationType::Opik => &["apiKey", "workspace", "projectName"],
            DestinationType::OtelCollector => &["endpoint"],
            DestinationType::S3 => &["bucketName", "accessKeyId", "secretAccessKey"],
            DestinationType::Sentry => &["otlpEndpoint", "dsn"],
            DestinationType::Snowflake => &["account", "token"],
            DestinationType::Weave => &["apiKey", "entity", "project"],
            DestinationType::Webhook => &["url"],
            DestinationType::Other(_) => &[],
        }
    }

    /// The `config` properties of this type that take a string and may be left out (the
    /// spec's per-type schema; `headers`, an object, is not listed).
    pub fn optional_config(&self) -> &'static [&'static str] {
        match self {
            DestinationType::Arize
            | DestinationType::Braintrust
            | DestinationType::Grafana
            | DestinationType::Langfuse
            | DestinationType::Ramp
            | DestinationType::Weave => &["baseUrl"],
            DestinationType::Clickhouse => &["table"],
            DestinationType::Datadog => &["url"],
            DestinationType::Langsmith => &["endpoint", "project", "workspaceId"],
            DestinationType::Newrelic => &["region"],
            DestinationType::Posthog => &["endpoint"],
            DestinationType::S3 => &[
                "endpoint",
                "pathTemplate",
                "prefix",
                "region",
                "sessionToken",
            ],
            DestinationType::Snowflake => &["database", "schema", "table", "warehouse"],
            DestinationType::Webhook => &["method"],
            DestinationType::Opik
            | DestinationType::OtelCollector
            | DestinationType::Sentry
            | DestinationType::Other(_) => &[],
        }
    }

    /// Whether the `config` property `name` is a credential (answers mask it; forms take it
    /// in a password field and never show it again).
    pub fn is_secret_config(name: &str) -> bool {
        matches!(
            name,
            "apiKey"
                | "secretKey"
                | "password"
                | "licenseKey"
                | "secretAccessKey"
                | "sessionToken"
                | "token"
                | "spaceKey"
                | "dsn"
        )
    }
}

impl Default for DestinationType {
    /// No type yet (empty): a body built with `Default` must be given one.
    fn default() -> Self {
        DestinationType::Other(String::new())
    }
}

/// Most destinations of one type a workspace may have (the sixth is a 409).
pub const MAX_DESTINATIONS_PER_TYPE: usize = 5;

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

/// An observability destination (`ObservabilityDestination`: one schema per type, told apart
/// by `type`; with today's `regions`). Its `config` comes back with credentials masked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Destination {
    /// UUID.
    pub id: DestinationId,
    /// The workspace it belongs to.
    pub workspace_id: WorkspaceId,
    /// Its type (`type` on the wire).
    #[serde(rename = "type")]
    pub kind: DestinationType,
    /// Display name.
    pub name: Option<String>,
    /// Whether events are forwarded.
    pub enabled: bool,
    /// Only metadata is forwarded, no request or response bodies.
    pub privacy_mode: bool,
    /// Cost and billing metadata included.
    pub broadcast_generation_cost: bool,
    /// Identity metadata included.
    pub broadcast_generation_identity: bool,
    /// Request-context metadata included.
    pub broadcast_generation_request_context: bool,
    /// 0.0001..1.
    pub sampling_rate: f64,
    /// Keys whose traffic is forwarded; `None` = all.
    pub api_key_hashes: Option<Vec<KeyHash>>,
    /// Which events are forwarded (`{enabled, groups}`), or `None`.
    pub filter_rules: Option<serde_json::Value>,
    /// The type's settings, credentials masked.
    pub config: serde_json::Map<String, serde_json::Value>,
    /// Where events may be processed (today's API; empty from one that predates it).
    #[serde(default)]
    pub regions: Vec<DataRegion>,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update.
    pub updated_at: Timestamp,
}

body! {
    /// Body of `POST /observability/destinations` (`CreateObservabilityDestinationRequest`,
    /// with today's `regions`).
    pub struct CreateDestination(kind: DestinationType, name: String, config: JsonObject) {
        /// The type (`type` on the wire); a known, stable one.
        #[serde(rename = "type")]
        pub kind: DestinationType => new as "type",
        /// Display name.
        pub name: String => new,
        /// The type's settings: an object holding at least
        /// [`DestinationType::required_config`].
        pub config: JsonObject => new,
        /// The workspace's UUID (a slug is refused before sending); default: the Default
        /// workspace.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub workspace_id: Option<WorkspaceId> => into<WorkspaceId>,
        /// Default true.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enabled: Option<bool> => into<bool>,
        /// Default false.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub privacy_mode: Option<bool> => into<bool>,
        /// Default false.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub broadcast_generation_cost: Option<bool> => into<bool>,
        /// Default false.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub broadcast_generation_identity: Option<bool> => into<bool>,
        /// Default false.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub broadcast_generation_request_context: Option<bool> => into<bool>,
        /// 0.0001..1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sampling_rate: Option<f64> => into<f64>,
        /// At least one hash; leave out for all keys.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub api_key_hashes: Option<Vec<String>> => into<Vec<String>>,
        /// `{enabled?, groups}`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub filter_rules: Option<JsonObject> => into<JsonObject>,
        /// `global`, `europe` (or `eu`), `us`; not empty. Default `["global"]`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub regions: Option<Vec<String>> => into<Vec<String>>,
    }
}

body! {
    /// Body of `PATCH /observability/destinations/{id}`: only set fields are sent.
    pub struct UpdateDestination() {
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub name: Patch<String> => into<String>,
        /// Properties to change (masked values are ignored, the others kept); not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub config: Patch<JsonObject> => into<JsonObject>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub enabled: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub privacy_mode: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub broadcast_generation_cost: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub broadcast_generation_identity: Patch<bool> => into<bool>,
        /// Not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub broadcast_generation_request_context: Patch<bool> => into<bool>,
        /// 0.0001..1; not nullable.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub sampling_rate: Patch<f64> => into<f64>,
        /// At least one hash; `Null` = all keys.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub api_key_hashes: Patch<Vec<String>> => or_null<Vec<String>>,
        /// `Null` clears the rules.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub filter_rules: Patch<JsonObject> => or_null<JsonObject>,
        /// Not empty, not nullable; left out = kept.
        #[serde(default, skip_serializing_if = "Patch::is_unset")]
        pub regions: Patch<Vec<String>> => into<Vec<String>>,
    }
}

// ---------------------------------------------------------------------------------------------
// Credits and activity

/// `GET /credits` data: credits bought and spent, account-wide (USD).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credits {
    /// Total credits purchased.
    pub total_credits: f64,
    /// Total credits used.
    pub total_usage: f64,
}

impl Credits {
    /// What is left to spend: purchased minus used.
    pub fn balance(&self) -> f64 {
        self.total_credits - self.total_usage
    }
}

/// One row of `GET /activity`: a day's traffic on one model endpoint (and, with
/// `group_by=workspace`, in one workspace).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivityItem {
    /// The UTC day, `YYYY-MM-DD`.
    pub date: String,
    /// Model slug (`openai/gpt-4.1`).
    pub model: String,
    /// Model permaslug (`openai/gpt-4.1-2025-04-14`).
    pub model_permaslug: String,
    /// The provider endpoint's id.
    pub endpoint_id: String,
    /// The provider serving that endpoint.
    pub provider_name: String,
    /// OpenRouter credits spent (USD).
    pub usage: f64,
    /// BYOK inference cost (USD, external credits).
    pub byok_usage_inference: f64,
    /// Requests made.
    pub requests: u64,
    /// Prompt tokens.
    pub prompt_tokens: u64,
    /// Completion tokens.
    pub completion_tokens: u64,
    /// Reasoning tokens.
    pub reasoning_tokens: u64,
    /// The workspace, only when grouped by workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<WorkspaceId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patch_is_three_state() {
        let u = UpdateKey {
            name: Patch::Value("n".into()),
            limit: Patch::Null,
            ..UpdateKey::default()
        };
        assert_eq!(
            serde_json::to_value(&u).expect("ser"),
            json!({"name": "n", "limit": null})
        );
        let back: UpdateKey =
            serde_json::from_value(json!({"name": "n", "limit": null})).expect("de");
        assert_eq!(back, u, "absent = Unset, null = Null, value = Value");
        assert!(back.disabled.is_unset());
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let s: ProviderSort = serde_json::from_value(json!("exacto")).expect("known");
        assert_eq!(s, ProviderSort::Exacto);
        let s: ProviderSort = serde_json::from_value(json!("carbon")).expect("unknown");
        assert_eq!(s, ProviderSort::Other("carbon".into()));
        assert_eq!(serde_json::to_value(&s).expect("ser"), json!("carbon"));
        let r: OrgRole = serde_json::from_value(json!("org:admin")).expect("role");
        assert_eq!(r, OrgRole::Admin);
    }

    #[test]
    fn todays_fields_decode_and_old_answers_still_do() {
        let me: CurrentKey = serde_json::from_value(json!({
            "label": "sk-or-v1-abc...1234", "limit": null, "usage": 0, "usage_daily": 0,
            "usage_weekly": 0, "usage_monthly": 0, "byok_usage": 0, "byok_usage_daily": 0,
            "byok_usage_weekly": 0, "byok_usage_monthly": 0, "is_free_tier": false,
            "is_management_key": true, "limit_remaining": null, "limit_reset": null,
            "include_byok_in_limit": false, "creator_user_id": null,
            "organization_id": "org_1", "workspace_id": null,
            "allowed_data_regions": ["global", "mars"],
            "free_model_daily_requests": {"limit": 1000, "remaining": 990, "used": 10}
        }))
        .expect("today's GET /key");
        assert_eq!(me.organization_id.as_deref(), Some("org_1"));
        assert_eq!(me.workspace_id, None);
        assert_eq!(
            me.allowed_data_regions,
            vec![DataRegion::Global, DataRegion::Other("mars".into())]
        );
        assert_eq!(me.free_model_daily_requests.map(|f| f.used), Some(10.0));
        let ws: Workspace = serde_json::from_value(json!({
            "id": "w", "default_guardrail_id": "g", "name": "n", "slug": "s", "description": null,
            "default_text_model": null, "default_image_model": null,
            "default_provider_sort": null, "is_observability_io_logging_enabled": false,
            "is_observability_broadcast_enabled": false, "is_data_discount_logging_enabled": true,
            "io_logging_sampling_rate": 1, "io_logging_api_key_ids": null,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": null, "created_by": null,
            "disabled_server_tools": ["openrouter:bash", "vendor:tool-of-tomorrow"]
        }))
        .expect("a tool this version does not know is kept");
        assert_eq!(
            ws.disabled_server_tools,
            Some(vec![
                "openrouter:bash".into(),
                "vendor:tool-of-tomorrow".into()
            ])
        );
        assert!(SERVER_TOOLS.contains(&"openrouter:web_search"));
    }

    #[test]
    fn ids_are_transparent() {
        let h: KeyHash = serde_json::from_value(json!("abc")).expect("id");
        assert_eq!(h.as_str(), "abc");
        assert_eq!(serde_json::to_value(&h).expect("ser"), json!("abc"));
        assert_eq!(format!("{h:?}"), "KeyHash(\"abc\")");
    }

    #[test]
    fn budget_interval_from_reset() {
        assert_eq!(Interval::from_reset(None), Some(Interval::Lifetime));
        assert_eq!(
            Interval::from_reset(Some(&LimitReset::Weekly)),
            Some(Interval::Weekly)
        );
        assert_eq!(
            Interval::from_reset(Some(&LimitReset::parse("hourly"))),
            None
        );
    }
}
