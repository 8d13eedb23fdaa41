//! The observability area's shapes.

use crate::body::{body, string_value, BodyValue, Kind, Visitor};
use crate::json_writer::{to_str_value, ToValue, Value};
use crate::patch::Patch;
use crate::shapes::{id_type, open_enum, DataRegion, JsonObject, KeyHash, Timestamp, WorkspaceId};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

id_type!(
    /// An observability (broadcast) destination's UUID.
    DestinationId
);

to_str_value!(DestinationType);
string_value!(DestinationType => |s: String| DestinationType::parse(&s));
crate::body::required_field!(DestinationType);

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
