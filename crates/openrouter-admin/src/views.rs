//! Typed views of answers: the few fields each composite operation (rotation, reconcile,
//! member changes) reads, built from a [`Doc`] rather than decoded into a model (see `json`
//! for why). The composites use these names, not string keys, so a renamed field is changed
//! here once; a test decodes every example in the spec through both serde and each view and
//! checks that they agree.

use crate::error::Error;
use crate::fields::Fields;
use crate::json::Doc;
use crate::models::{CreateKey, LimitReset, Timestamp, UserId, WorkspaceId};

/// The settings of a key that its successor inherits (rotation reads `GET /keys/{hash}`),
/// held as the body that creates that successor.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeySettings(pub(crate) CreateKey);

impl KeySettings {
    /// Reads the key object `doc`, found at `path` of an answer that came with `status`.
    pub(crate) fn read(doc: &Doc, path: &'static str, status: u16) -> Result<Self, Error> {
        let f = Fields::new(doc, path, status);
        // Field by field into the body, so that a failure drops one body (smaller wasm).
        let mut body = CreateKey::new(f.str("name")?);
        body.limit = f.opt_f64("limit")?;
        body.limit_reset = f.opt_str("limit_reset")?.map(|r| LimitReset::parse(&r));
        body.include_byok_in_limit = Some(f.bool("include_byok_in_limit")?);
        body.expires_at = f.opt_str("expires_at")?.map(Timestamp::from);
        body.workspace_id = Some(f.str("workspace_id")?.into());
        body.creator_user_id = f.opt_str("creator_user_id")?.map(UserId::from);
        Ok(KeySettings(body))
    }

    /// The body that creates a twin of this key.
    pub(crate) fn successor(self) -> CreateKey {
        self.0
    }
}

/// A listed key as reconcile reads it: its name and creation time.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyStamp {
    pub(crate) name: String,
    pub(crate) created_at: String,
}

impl KeyStamp {
    /// Reads one item of a `GET /keys` page.
    pub(crate) fn read(doc: &Doc) -> Result<Self, Error> {
        let f = Fields::new(doc, ".data[]", 200);
        Ok(KeyStamp {
            name: f.str("name")?,
            created_at: f.str("created_at")?,
        })
    }
}

/// A listed key as member changes read it: whether it is live, and whose it is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyOwner {
    pub(crate) disabled: bool,
    pub(crate) creator_user_id: Option<UserId>,
}

impl KeyOwner {
    /// Reads one item of a `GET /keys` page.
    pub(crate) fn read(doc: &Doc) -> Result<Self, Error> {
        let f = Fields::new(doc, ".data[]", 200);
        Ok(KeyOwner {
            disabled: f.bool("disabled")?,
            creator_user_id: f.opt_str("creator_user_id")?.map(UserId::from),
        })
    }
}

/// A workspace member as member changes read it: who, in which workspace.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MemberRow {
    pub(crate) workspace_id: WorkspaceId,
    pub(crate) user_id: UserId,
}

impl MemberRow {
    /// Reads one item of a `GET /workspaces/{id}/members` page.
    pub(crate) fn read(doc: &Doc) -> Result<Self, Error> {
        let f = Fields::new(doc, ".data[]", 200);
        Ok(MemberRow {
            workspace_id: f.str("workspace_id")?.into(),
            user_id: f.str("user_id")?.into(),
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::models::{ApiKey, ListResponse, WorkspaceMember};
    use serde_json::Value;

    /// The vendored OpenAPI extract.
    pub(crate) fn spec() -> Value {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../openapi/openrouter-management.yaml"
        ))
        .expect("read the vendored spec");
        serde_norway::from_str(&text).expect("parse the spec YAML")
    }

    /// Every example of the 200 answer of `method path`.
    fn examples(spec: &Value, path: &str, method: &str) -> Vec<Value> {
        let content =
            &spec["paths"][path][method]["responses"]["200"]["content"]["application/json"];
        let mut out: Vec<Value> = content["example"]
            .as_object()
            .map(|_| content["example"].clone())
            .into_iter()
            .collect();
        if let Some(named) = content["examples"].as_object() {
            out.extend(named.values().map(|e| e["value"].clone()));
        }
        assert!(!out.is_empty(), "no example for {method} {path}");
        out
    }

    fn doc(v: &Value) -> Doc {
        Doc::parse(&v.to_string()).expect("JSON")
    }

    /// Every item of every example page of `GET path`, read by the view (`read`) and by serde
    /// (then turned into the view by `expected`): they must agree. Returns how many.
    fn rows<M: serde::de::DeserializeOwned, V: PartialEq + std::fmt::Debug>(
        spec: &Value,
        path: &str,
        read: fn(&Doc) -> Result<V, Error>,
        expected: impl Fn(M) -> V,
    ) -> usize {
        let mut seen = 0;
        for page in examples(spec, path, "get") {
            let typed: ListResponse<M> = serde_json::from_value(page.clone()).expect("serde");
            let items = doc(&page)
                .get("data")
                .and_then(Doc::into_items)
                .expect("items");
            assert_eq!(items.len(), typed.data.len(), "{path}");
            for (item, model) in items.iter().zip(typed.data) {
                assert_eq!(read(item).expect("view"), expected(model), "{path}");
                seen += 1;
            }
        }
        seen
    }

    #[test]
    fn views_agree_with_serde_on_every_spec_example() {
        let spec = spec();
        let mut seen = 0;
        for answer in examples(&spec, "/keys/{hash}", "get") {
            let key: ApiKey = serde_json::from_value(answer["data"].clone()).expect("serde");
            let data = doc(&answer).get("data").expect("data");
            let view = KeySettings::read(&data, ".data", 200).expect("view");
            assert_eq!(
                view,
                KeySettings(CreateKey {
                    name: key.name.clone(),
                    limit: key.limit,
                    limit_reset: key.limit_reset.clone(),
                    include_byok_in_limit: Some(key.include_byok_in_limit),
                    expires_at: key.expires_at.clone(),
                    workspace_id: Some(key.workspace_id.clone()),
                    creator_user_id: key.creator_user_id.clone(),
                })
            );
            seen += 1;
        }
        seen += rows(&spec, "/keys", KeyStamp::read, |key: ApiKey| KeyStamp {
            name: key.name,
            created_at: key.created_at.as_str().to_owned(),
        });
        seen += rows(&spec, "/keys", KeyOwner::read, |key: ApiKey| KeyOwner {
            disabled: key.disabled,
            creator_user_id: key.creator_user_id,
        });
        seen += rows(
            &spec,
            "/workspaces/{id}/members",
            MemberRow::read,
            |m: WorkspaceMember| MemberRow {
                workspace_id: m.workspace_id,
                user_id: m.user_id,
            },
        );
        assert!(seen >= 3, "{seen} examples read");
    }
}
