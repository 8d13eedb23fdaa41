//! Guardrails: `/guardrails`, `/guardrails/{id}`, their key and member assignments and the
//! organization-wide assignment lists; the handlers and the store queries together.
//!
//! The rules (each explained in the README, "Guardrails"):
//! * a guardrail lives in one workspace; a key may be assigned only to a guardrail of its own
//!   workspace (else 400, nothing changed), and holds at most one: assigning it elsewhere
//!   **replaces** its assignment, as the spec's description of the operation says;
//! * every workspace's default guardrail exists by id (`default_guardrail_id`, derived from
//!   the workspace's id) before it is written: `GET` answers 404 until a `PATCH` writes it;
//!   its name is derived from the workspace and cannot be set; it applies to the workspace's
//!   traffic first, then a key's own guardrail;
//! * on create `limit_usd` and `reset_interval` go together; `allowed_data_regions` is never
//!   an empty array; every list has at least one entry; built-in filters are the known slugs;
//! * deleting a workspace deletes its guardrails and their assignments; deleting a key
//!   deletes its assignment.

use axum::response::Response;
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use crate::answer;
use crate::auth::Management;
use crate::cascade;
use crate::error::{ApiError, ApiResult};
use crate::input::{char_len, distinct, Field, JsonObject, PathParams, QueryParams};
use crate::store::{self, guardrail_id_for, lookup, now, WorkspaceRow, WORKSPACE_COLS};

/// The regions `allowed_data_regions` may name.
pub const DATA_REGIONS: &[&str] = &["global", "europe", "us"];

/// The built-in content filters (the spec's, and today's `secrets`).
pub const BUILTIN_FILTERS: &[&str] = &[
    "email",
    "phone",
    "ssn",
    "credit-card",
    "ip-address",
    "person-name",
    "address",
    "regex-prompt-injection",
    "secrets",
];

/// What a content filter may do.
const ACTIONS: &[&str] = &["redact", "block", "flag"];

/// The list fields of a guardrail (strings, at least one when given).
const LISTS: &[&str] = &[
    "allowed_models",
    "allowed_providers",
    "ignored_models",
    "ignored_providers",
];

/// The nullable booleans of a guardrail, set as given.
const FLAGS: &[&str] = &[
    "enable_free_model_publication",
    "enable_free_model_training",
    "enable_paid_model_training",
];

/// The per-provider zero-data-retention fields, which the deprecated `enforce_zdr` fills.
const ZDR: &[&str] = &[
    "enforce_zdr_anthropic",
    "enforce_zdr_google",
    "enforce_zdr_openai",
    "enforce_zdr_other",
    "enforce_zdr_xai",
];

/// The name of a workspace's default guardrail, derived from the workspace.
fn default_name(ws: &WorkspaceRow) -> String {
    format!("{} default guardrail", ws.name)
}

/// A guardrail as stored: its id, workspace and the document of its settable fields.
pub struct GuardrailRow {
    /// Its id.
    pub id: String,
    /// The workspace it lives in.
    pub workspace_id: String,
    doc: Map<String, Value>,
    created_at: String,
    updated_at: Option<String>,
}

impl GuardrailRow {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let doc: String = r.get(2)?;
        Ok(GuardrailRow {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            doc: serde_json::from_str(&doc).unwrap_or_default(),
            created_at: r.get(3)?,
            updated_at: r.get(4)?,
        })
    }

    /// The API's `Guardrail` object: every field, `null` where unset.
    fn to_json(&self, db: &Connection) -> ApiResult<Value> {
        let mut out = Map::new();
        for name in LISTS.iter().chain(FLAGS).chain(ZDR).chain(&[
            "allowed_data_regions",
            "content_filter_builtins",
            "content_filters",
            "description",
            "enforce_zdr",
            "limit_usd",
            "reset_interval",
        ]) {
            out.insert(
                (*name).to_owned(),
                self.doc.get(*name).cloned().unwrap_or(Value::Null),
            );
        }
        let name = if self.id == guardrail_id_for(&self.workspace_id) {
            lookup::<WorkspaceRow>(db, &self.workspace_id)?.map(|ws| default_name(&ws))
        } else {
            None
        };
        out.insert(
            "name".into(),
            name.map_or_else(
                || self.doc.get("name").cloned().unwrap_or_default(),
                Value::from,
            ),
        );
        out.insert(
            "include_byok_in_budgets".into(),
            self.doc
                .get("include_byok_in_budgets")
                .cloned()
                .unwrap_or(Value::Bool(false)),
        );
        out.insert("id".into(), self.id.clone().into());
        out.insert("workspace_id".into(), self.workspace_id.clone().into());
        out.insert("created_at".into(), self.created_at.clone().into());
        out.insert("updated_at".into(), self.updated_at.clone().into());
        Ok(Value::Object(out))
    }

    fn save(&self, db: &Connection) -> ApiResult<()> {
        db.prepare_cached(
            "INSERT INTO guardrails (id, workspace_id, doc, created_at, updated_at) VALUES (?1,?2,?3,?4,?5) \
             ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at",
        )?
        .execute(params![
            self.id,
            self.workspace_id,
            Value::Object(self.doc.clone()).to_string(),
            self.created_at,
            self.updated_at
        ])?;
        Ok(())
    }
}

const GUARDRAIL_COLS: &str = "id, workspace_id, doc, created_at, updated_at";

crate::stored!(GuardrailRow, "guardrails", GUARDRAIL_COLS, "guardrail");

fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!(
        "guardrail {id:?} not found (a workspace's default guardrail exists once it is written with PATCH)"
    ))
}

/// The guardrail `id`, or 404.
pub fn find_or_404(db: &Connection, id: &str) -> ApiResult<GuardrailRow> {
    lookup(db, id)?.ok_or_else(|| not_found(id))
}

/// The workspace whose default guardrail `id` is, if it is one.
fn default_of(db: &Connection, id: &str) -> ApiResult<Option<WorkspaceRow>> {
    // Few workspaces; the id is derived, not stored, so each is derived and compared.
    let all = db
        .prepare_cached(&format!("SELECT {WORKSPACE_COLS} FROM workspaces"))?
        .query_map([], WorkspaceRow::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(all.into_iter().find(|ws| guardrail_id_for(&ws.id) == id))
}

/// A list of strings, at least one, none empty; `null` clears it.
fn names(body: &JsonObject, name: &str) -> ApiResult<Field<Value>> {
    Ok(match body.string_array(name)? {
        Field::Absent => Field::Absent,
        Field::Null => Field::Null,
        Field::Value(list) => {
            if list.is_empty() {
                return Err(ApiError::bad_request(format!(
                    "{name}: must hold at least 1 entry, or be null for no restriction"
                )));
            }
            if let Some(i) = list.iter().position(String::is_empty) {
                return Err(ApiError::bad_request(format!(
                    "{name}[{i}]: must not be empty"
                )));
            }
            Field::Value(json!(list))
        }
    })
}

/// `allowed_data_regions`: never empty, each a known region.
fn regions(body: &JsonObject) -> ApiResult<Field<Value>> {
    const NAME: &str = "allowed_data_regions";
    let list = match body.string_array(NAME)? {
        Field::Value(list) => list,
        Field::Absent => return Ok(Field::Absent),
        Field::Null => return Ok(Field::Null),
    };
    if list.is_empty() {
        return Err(ApiError::bad_request(
            "allowed_data_regions: must not be an empty array (null allows every region)",
        ));
    }
    for (i, r) in list.iter().enumerate() {
        if !DATA_REGIONS.contains(&r.as_str()) {
            return Err(ApiError::bad_request(format!(
                "allowed_data_regions[{i}]: {r:?} is not a region (global, europe, us)"
            )));
        }
    }
    Ok(Field::Value(json!(distinct(list))))
}

/// The objects of an array field, or the 400 naming the field.
fn objects<'b>(body: &'b JsonObject, name: &str) -> ApiResult<Field<&'b Vec<Value>>> {
    match body.0.get(name) {
        None => Ok(Field::Absent),
        Some(Value::Null) => Ok(Field::Null),
        Some(Value::Array(items)) => {
            if let Some(i) = items.iter().position(|v| !v.is_object()) {
                return Err(ApiError::bad_request(format!(
                    "{name}[{i}]: must be an object"
                )));
            }
            Ok(Field::Value(items))
        }
        Some(_) => Err(ApiError::bad_request(format!(
            "{name}: must be an array of objects"
        ))),
    }
}

/// An enum member of a filter object: required, one of `allowed`.
fn member<'v>(
    item: &'v Value,
    at: &str,
    key: &str,
    allowed: &[&str],
    required: bool,
) -> ApiResult<Option<&'v str>> {
    match item.get(key) {
        None if !required => Ok(None),
        Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(Some(s)),
        None | Some(Value::Null) => Err(ApiError::bad_request(format!("{at}.{key}: required"))),
        Some(other) => Err(ApiError::bad_request(format!(
            "{at}.{key}: must be one of {}, got {other}",
            allowed.join(", ")
        ))),
    }
}

/// `content_filter_builtins`: known slugs (once each), known actions and scopes; the
/// deprecated `label` is ignored and the API's own placeholder stored.
fn builtins(body: &JsonObject) -> ApiResult<Field<Value>> {
    const NAME: &str = "content_filter_builtins";
    let items = match objects(body, NAME)? {
        Field::Value(items) => items,
        Field::Absent => return Ok(Field::Absent),
        Field::Null => return Ok(Field::Null),
    };
    let mut out: Vec<Value> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{NAME}[{i}]");
        let slug = member(item, &at, "slug", BUILTIN_FILTERS, true)?.unwrap_or_default();
        let action = member(item, &at, "action", ACTIONS, true)?.unwrap_or_default();
        let scope = member(
            item,
            &at,
            "scan_scope",
            &["user_only", "all_messages"],
            false,
        )?;
        // The deprecated label is ignored, but only when it is what the schema allows.
        match item.get("label") {
            None => {}
            Some(Value::String(l)) if char_len(l) <= 100 => {}
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "{at}.label: must be a string of at most 100 characters, got {other}"
                )))
            }
        }
        if out.iter().any(|o| o["slug"] == slug) {
            return Err(ApiError::bad_request(format!(
                "{at}.slug: {slug:?} is given twice"
            )));
        }
        let label = format!("[{}]", slug.to_uppercase().replace('-', "_"));
        let mut entry = json!({"slug": slug, "action": action, "label": label});
        if let Some(scope) = scope {
            entry["scan_scope"] = scope.into();
        }
        out.push(entry);
    }
    Ok(Field::Value(Value::Array(out)))
}

/// `content_filters`: a pattern (a valid regular expression's worth of text, at least one
/// character), a known action, a label of at most 100 characters.
fn custom_filters(body: &JsonObject) -> ApiResult<Field<Value>> {
    const NAME: &str = "content_filters";
    let items = match objects(body, NAME)? {
        Field::Value(items) => items,
        Field::Absent => return Ok(Field::Absent),
        Field::Null => return Ok(Field::Null),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{NAME}[{i}]");
        let pattern = match item.get("pattern") {
            Some(Value::String(p)) if !p.is_empty() => p.clone(),
            Some(Value::String(_)) => {
                return Err(ApiError::bad_request(format!(
                    "{at}.pattern: must not be empty"
                )))
            }
            None | Some(Value::Null) => {
                return Err(ApiError::bad_request(format!("{at}.pattern: required")))
            }
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "{at}.pattern: must be a string, got {other}"
                )))
            }
        };
        let action = member(item, &at, "action", ACTIONS, true)?.unwrap_or_default();
        let label = match item.get("label") {
            None | Some(Value::Null) => Value::Null,
            Some(Value::String(l)) if char_len(l) <= 100 => l.clone().into(),
            Some(Value::String(l)) => {
                return Err(ApiError::bad_request(format!(
                    "{at}.label: must be at most 100 characters, got {}",
                    char_len(l)
                )))
            }
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "{at}.label: must be a string, got {other}"
                )))
            }
        };
        out.push(json!({"pattern": pattern, "action": action, "label": label}));
    }
    Ok(Field::Value(Value::Array(out)))
}

/// Stores a field's new state in `doc`.
fn put(doc: &mut Map<String, Value>, name: &str, field: Field<Value>) {
    match field {
        Field::Absent => {}
        Field::Null => {
            doc.insert(name.to_owned(), Value::Null);
        }
        Field::Value(v) => {
            doc.insert(name.to_owned(), v);
        }
    }
}

/// Reads every settable field of a create (`create`) or update body into `doc`, refusing
/// the first bad one; `doc` is only the caller's copy, so a refusal changes nothing.
fn apply(doc: &mut Map<String, Value>, body: &JsonObject, create: bool) -> ApiResult<()> {
    match body.string("name")? {
        Field::Absent if create => return Err(ApiError::bad_request("name: required")),
        Field::Absent => {}
        Field::Null => return Err(ApiError::bad_request("name: must not be null")),
        Field::Value(name) => {
            let n = char_len(&name);
            if !(1..=200).contains(&n) {
                return Err(ApiError::bad_request(format!(
                    "name: must be 1 to 200 characters, got {n}"
                )));
            }
            doc.insert("name".into(), name.into());
        }
    }
    match body.string("description")? {
        Field::Value(d) if char_len(&d) > 1000 => {
            return Err(ApiError::bad_request(format!(
                "description: must be at most 1000 characters, got {}",
                char_len(&d)
            )))
        }
        other => put(doc, "description", other.map(Value::from)),
    }
    let limit = body.number("limit_usd")?;
    if let Field::Value(l) = limit {
        if l < 0.0 {
            return Err(ApiError::bad_request(format!(
                "limit_usd: must be at least 0, got {l}"
            )));
        }
    }
    let reset = body.string("reset_interval")?;
    if let Field::Value(r) = &reset {
        if !["daily", "weekly", "monthly"].contains(&r.as_str()) {
            return Err(ApiError::bad_request(format!(
                "reset_interval: must be daily, weekly, monthly or null, got {r:?}"
            )));
        }
    }
    if create {
        // api-notes: on create, one without the other is a 400.
        match (
            matches!(limit, Field::Value(_)),
            matches!(reset, Field::Value(_)),
        ) {
            (true, false) => {
                return Err(ApiError::bad_request(
                    "reset_interval: required with limit_usd (daily, weekly or monthly)",
                ))
            }
            (false, true) => {
                return Err(ApiError::bad_request(
                    "limit_usd: required with reset_interval",
                ))
            }
            _ => {}
        }
    }
    put(doc, "limit_usd", limit.map(Value::from));
    put(doc, "reset_interval", reset.map(Value::from));
    if let Some(b) = body
        .boolean("include_byok_in_budgets")?
        .not_null("include_byok_in_budgets")?
    {
        doc.insert("include_byok_in_budgets".into(), b.into());
    }
    for name in LISTS {
        let field = names(body, name)?;
        put(doc, name, field);
    }
    let field = regions(body)?;
    put(doc, "allowed_data_regions", field);
    let field = builtins(body)?;
    put(doc, "content_filter_builtins", field);
    let field = custom_filters(body)?;
    put(doc, "content_filters", field);
    for name in FLAGS {
        let field = body.boolean(name)?;
        put(doc, name, field.map(Value::from));
    }
    // The deprecated flag fills each per-provider field the request leaves out.
    let all = body.boolean("enforce_zdr")?;
    for name in ZDR {
        let own = body.boolean(name)?;
        let field = match (own, &all) {
            (Field::Absent, Field::Value(v)) => Field::Value(*v),
            (own, _) => own,
        };
        put(doc, name, field.map(Value::from));
    }
    put(doc, "enforce_zdr", all.map(Value::from));
    Ok(())
}

/// `GET /guardrails`
pub async fn list(q: QueryParams, Management(state): Management) -> ApiResult<Response> {
    let db = state.db();
    let page = q.page()?;
    let ws_id = match q.string("workspace_id") {
        Some(id) if uuid::Uuid::try_parse(&id).is_err() => {
            return Err(ApiError::bad_request(format!(
                "workspace_id: {id:?} is not a UUID"
            )))
        }
        Some(id) => id,
        None => match store::default_workspace(&db)? {
            Some(ws) => ws.id,
            None => String::new(),
        },
    };
    let (rows, total) = answer::page(
        &db,
        GUARDRAIL_COLS,
        "guardrails WHERE workspace_id = ?1",
        "seq",
        &[&ws_id],
        page,
        GuardrailRow::from_row,
    )?;
    let data = rows
        .iter()
        .map(|g| g.to_json(&db))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(answer::list(data, total))
}

/// `POST /guardrails`
pub async fn create(
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let body = body?;
    let db = state.db();
    let ws = match body.string("workspace_id")? {
        Field::Value(id) => {
            if uuid::Uuid::try_parse(&id).is_err() {
                return Err(ApiError::bad_request(format!(
                    "workspace_id: {id:?} is not a UUID (a guardrail names its workspace by id)"
                )));
            }
            lookup::<WorkspaceRow>(&db, &id)?.ok_or_else(|| {
                ApiError::bad_request(format!("workspace_id: no workspace {id:?}"))
            })?
        }
        Field::Null => return Err(ApiError::bad_request("workspace_id: must not be null")),
        Field::Absent => store::default_workspace(&db)?.ok_or_else(|| {
            ApiError::bad_request("workspace_id: required, since the Default workspace was deleted")
        })?,
    };
    let mut doc = Map::new();
    apply(&mut doc, &body, true)?;
    let row = GuardrailRow {
        id: uuid::Uuid::new_v4().to_string(),
        workspace_id: ws.id,
        doc,
        created_at: now(),
        updated_at: None,
    };
    row.save(&db)?;
    let data = row.to_json(&db)?;
    Ok(answer::created(data))
}

/// `GET /guardrails/{id}`
pub async fn get(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let db = state.db();
    let g = find_or_404(&db, path.at(0))?;
    Ok(answer::data(g.to_json(&db)?))
}

/// `PATCH /guardrails/{id}`: also writes a workspace's default guardrail the first time.
pub async fn update(
    path: PathParams,
    Management(state): Management,
    body: Result<JsonObject, ApiError>,
) -> ApiResult<Response> {
    let body = body?;
    let db = state.db();
    let id = path.at(0);
    let default = default_of(&db, id)?;
    if default.is_some() && body.0.contains_key("name") {
        return Err(ApiError::bad_request(
            "name: a workspace default guardrail's name is derived from its workspace and cannot be changed",
        ));
    }
    let mut row = match (lookup(&db, id)?, default) {
        (Some(row), _) => row,
        (None, Some(ws)) => GuardrailRow {
            id: id.to_owned(),
            workspace_id: ws.id.clone(),
            doc: Map::from_iter([("name".to_owned(), default_name(&ws).into())]),
            created_at: now(),
            updated_at: None,
        },
        (None, None) => return Err(not_found(id)),
    };
    apply(&mut row.doc, &body, false)?;
    row.updated_at = Some(now());
    row.save(&db)?;
    Ok(answer::data(row.to_json(&db)?))
}

/// `DELETE /guardrails/{id}`: its assignments go with it.
pub async fn delete(path: PathParams, Management(state): Management) -> ApiResult<Response> {
    let mut db = state.db();
    let g = find_or_404(&db, path.at(0))?;
    let tx = db.transaction()?;
    cascade::guardrail(&tx, &g.id)?;
    tx.commit()?;
    Ok(answer::deleted())
}
