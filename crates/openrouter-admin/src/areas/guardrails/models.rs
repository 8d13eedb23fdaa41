//! The guardrails area's shapes.

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::id_list::id_list;
use crate::json_writer::{to_str_value, ToValue, Value};
use crate::patch::Patch;
use crate::shapes::{
    open_enum, DataRegion, GuardrailId, KeyHash, LimitReset, Timestamp, UserId, WorkspaceId,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

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

id_list!(
    /// Body of the key assignment operations (`BulkAssignKeysRequest`, `BulkUnassignKeysRequest`).
    KeyHashes {
        /// The keys, at least one.
        key_hashes: KeyHash
    },
    "Wraps hashes."
);

id_list!(
    /// Body of the member assignment operations (`BulkAssignMembersRequest`,
    /// `BulkUnassignMembersRequest`).
    MemberUserIds {
        /// The organization members, at least one.
        member_user_ids: UserId
    },
    "Wraps user ids."
);

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
