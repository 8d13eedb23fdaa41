//! The workspaces area's shapes.

use crate::body::body;
use crate::patch::Patch;
use crate::shapes::{GuardrailId, ProviderSort, Timestamp, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

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
