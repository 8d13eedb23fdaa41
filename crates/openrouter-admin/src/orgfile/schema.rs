//! The file's JSON Schema, made from the sections' declarations so it cannot drift from what
//! the reader accepts; shipped in the npm package (`openrouter-org.schema.json`), where the
//! file's `$schema` points editors to it for completion.

use serde_json::{json, Map, Value as Json};

use super::file::PRUNE;
use super::section::SectionSpec;
use super::sections::SECTIONS;
use super::value::{FieldSpec, Kind};

/// The schema as pretty JSON text.
pub fn json_schema() -> String {
    let mut properties = Map::new();
    properties.insert("$schema".into(), json!({ "type": "string" }));
    properties.insert(
        "version".into(),
        json!({ "const": 1, "description": "The file format's version." }),
    );
    let mut defs = Map::new();
    for spec in SECTIONS {
        defs.insert(spec.name.into(), entry(spec));
        properties.insert(
            spec.name.into(),
            json!({
                "type": "object",
                "description": format!("Entries by an address you pick; each becomes one {}.", spec.resource),
                "properties": { PRUNE: {
                    "type": "boolean",
                    "description": "Delete the live objects this section leaves out (otherwise they are left alone)."
                } },
                "propertyNames": { "pattern": "^[a-z0-9][a-z0-9_-]{0,62}$" },
                "additionalProperties": { "$ref": format!("#/$defs/{}", spec.name) },
            }),
        );
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "openrouter-org.schema.json",
        "title": "openrouter-org.jsonc: an OpenRouter organization as a reviewed file",
        "type": "object",
        "required": ["version"],
        "additionalProperties": false,
        "properties": properties,
        "$defs": defs,
    });
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// One entry of a section: its binding, `delete`, and its fields (dotted names nested).
fn entry(spec: &SectionSpec) -> Json {
    let mut properties = Map::new();
    properties.insert(
        spec.id_field.into(),
        json!({ "type": "string", "description": "The live object this entry is bound to." }),
    );
    properties.insert(
        "delete".into(),
        json!({ "type": "boolean", "description": "Delete the object." }),
    );
    for field in spec.fields {
        insert(&mut properties, field.name, field_schema(field));
    }
    json!({ "type": "object", "additionalProperties": false, "properties": properties })
}

fn insert(properties: &mut Map<String, Json>, name: &str, schema: Json) {
    match name.split_once('.') {
        Some((outer, rest)) => {
            let nested = properties.entry(outer).or_insert_with(
                || json!({ "type": "object", "additionalProperties": false, "properties": {} }),
            );
            if let Some(Json::Object(inner)) = nested.get_mut("properties") {
                insert(inner, rest, schema);
            }
        }
        None => {
            properties.insert(name.into(), schema);
        }
    }
}

fn field_schema(field: &FieldSpec) -> Json {
    let base = match field.kind {
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Usd => json!({ "type": "number", "minimum": 0 }),
        Kind::Number(lo, hi) => json!({ "type": "number", "minimum": lo, "maximum": hi }),
        Kind::Text(max) => json!({ "type": "string", "minLength": 1, "maxLength": max }),
        Kind::Slug => {
            json!({ "type": "string", "maxLength": 50, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" })
        }
        Kind::Choice(words) => json!({ "enum": words }),
        Kind::Time => json!({ "type": "string", "format": "date-time" }),
        Kind::Set(non_empty) => json!({
            "type": "array",
            "items": { "type": "string", "minLength": 1 },
            "uniqueItems": true,
            "minItems": u8::from(non_empty),
        }),
        Kind::Ref(_) => json!({ "type": "string", "minLength": 1 }),
        Kind::Refs(_) => json!({
            "type": "array",
            "items": { "type": "string", "minLength": 1 },
            "uniqueItems": true,
        }),
    };
    let mut description = field.kind.describe();
    if let Some(sentence) = field.replaces {
        description.push_str(". Changing it: ");
        description.push_str(sentence);
    }
    if field.nullable {
        description.push_str(". null clears it");
        json!({ "anyOf": [base, { "type": "null" }], "description": description })
    } else {
        let mut base = base;
        base["description"] = Json::from(description);
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_every_section_and_field_the_reader_accepts() {
        let schema: Json = serde_json::from_str(&json_schema()).expect("valid JSON");
        for spec in SECTIONS {
            let entry = &schema["$defs"][spec.name]["properties"];
            for field in spec.fields {
                let path: Vec<&str> = field.name.split('.').collect();
                let mut at = entry;
                for (i, part) in path.iter().enumerate() {
                    at = &at[*part];
                    if i + 1 < path.len() {
                        at = &at["properties"];
                    }
                }
                assert!(at.is_object(), "{}.{} missing", spec.name, field.name);
            }
        }
        let budget = &schema["$defs"]["workspaces"]["properties"]["budgets"]["properties"]["daily"];
        assert_eq!(budget["anyOf"][0]["minimum"], 0, "a budget is ≥ 0 or null");
        assert_eq!(schema["properties"]["version"]["const"], 1);
    }
}
