//! Typed views of answers: the few fields each composite operation (rotation, reconcile,
//! member changes) reads, over a [`Doc`] rather than decoded into a model (see `json` for
//! why). The composites use these names, not string keys, so a renamed field is changed
//! here once; a test decodes every example in the spec through both serde and each view and
//! checks that they agree.

use crate::areas::keys::models::{CreateKey, External};
use crate::error::Error;
use crate::fields::Fields;
use crate::json_reader::Doc;
use crate::shapes::{KeyHash, LimitReset, Timestamp, UserId, WorkspaceId};

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
        // The end user's attribution carries over; the partner's api_key is never answered,
        // so a successor has none.
        body.external = f.opt_str("external_user")?.map(External::new);
        Ok(KeySettings(body))
    }

    /// The body that creates a twin of this key.
    pub(crate) fn successor(self) -> CreateKey {
        self.0
    }
}

/// A listed key (an item of a `GET /keys` page), read field by field when asked: reconcile
/// reads its name and creation time, member changes whether it is live and whose it is.
/// Lazy, so each composite reads (and links) only what it uses.
pub(crate) struct KeyRow<'d>(Fields<'d>);

impl<'d> KeyRow<'d> {
    /// The item `doc`.
    pub(crate) fn new(doc: &'d Doc) -> Self {
        KeyRow(Fields::new(doc, ".data[]", 200))
    }
    /// `name`.
    pub(crate) fn name(&self) -> Result<String, Error> {
        self.0.str("name")
    }
    /// `created_at`, as sent.
    pub(crate) fn created_at(&self) -> Result<String, Error> {
        self.0.str("created_at")
    }
    /// `disabled`.
    pub(crate) fn disabled(&self) -> Result<bool, Error> {
        self.0.bool("disabled")
    }
    /// `creator_user_id`.
    pub(crate) fn creator_user_id(&self) -> Result<Option<UserId>, Error> {
        Ok(self.0.opt_str("creator_user_id")?.map(UserId::from))
    }
}

/// A workspace member (an item of a `GET /workspaces/{id}/members` page), read when asked.
pub(crate) struct MemberRow<'d>(Fields<'d>);

impl<'d> MemberRow<'d> {
    /// The item `doc`.
    pub(crate) fn new(doc: &'d Doc) -> Self {
        MemberRow(Fields::new(doc, ".data[]", 200))
    }
    /// `workspace_id`.
    pub(crate) fn workspace_id(&self) -> Result<WorkspaceId, Error> {
        Ok(self.0.str("workspace_id")?.into())
    }
    /// `user_id`.
    pub(crate) fn user_id(&self) -> Result<UserId, Error> {
        Ok(self.0.str("user_id")?.into())
    }
}

/// A guardrail's assignment (an item of a `GET /guardrails/{id}/assignments/...` page): who
/// is assigned, the one field the assignment changes read.
pub(crate) struct AssignmentRow<'d>(Fields<'d>);

impl<'d> AssignmentRow<'d> {
    /// The item `doc`.
    pub(crate) fn new(doc: &'d Doc) -> Self {
        AssignmentRow(Fields::new(doc, ".data[]", 200))
    }
    /// `key_hash` (of a key assignment).
    pub(crate) fn key_hash(&self) -> Result<KeyHash, Error> {
        Ok(self.0.str("key_hash")?.into())
    }
    /// `user_id` (of a member assignment).
    pub(crate) fn user_id(&self) -> Result<UserId, Error> {
        Ok(self.0.str("user_id")?.into())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::models::{ApiKey, KeyAssignment, ListResponse, MemberAssignment, WorkspaceMember};
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

    /// Every item of every example page of `GET path`, as serde decodes it and as a `Doc`:
    /// `check` compares the two. Returns how many.
    fn rows<M: serde::de::DeserializeOwned>(
        spec: &Value,
        path: &str,
        check: impl Fn(&Doc, M),
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
                check(item, model);
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
                    external: key.external_user.clone().map(External::new),
                })
            );
            seen += 1;
        }
        seen += rows(&spec, "/keys", |item, key: ApiKey| {
            let row = KeyRow::new(item);
            assert_eq!(row.name().expect("name"), key.name);
            assert_eq!(
                row.created_at().expect("created_at"),
                key.created_at.as_str()
            );
            assert_eq!(row.disabled().expect("disabled"), key.disabled);
            assert_eq!(row.creator_user_id().expect("creator"), key.creator_user_id);
        });
        seen += rows(
            &spec,
            "/workspaces/{id}/members",
            |item, m: WorkspaceMember| {
                let row = MemberRow::new(item);
                assert_eq!(row.workspace_id().expect("workspace_id"), m.workspace_id);
                assert_eq!(row.user_id().expect("user_id"), m.user_id);
            },
        );
        seen += rows(
            &spec,
            "/guardrails/{id}/assignments/keys",
            |item, a: KeyAssignment| {
                let row = AssignmentRow::new(item);
                assert_eq!(row.key_hash().expect("key_hash"), a.key_hash);
            },
        );
        seen += rows(
            &spec,
            "/guardrails/{id}/assignments/members",
            |item, a: MemberAssignment| {
                let row = AssignmentRow::new(item);
                assert_eq!(row.user_id().expect("user_id"), a.user_id);
            },
        );
        assert!(seen >= 5, "{seen} examples read");
    }
}
