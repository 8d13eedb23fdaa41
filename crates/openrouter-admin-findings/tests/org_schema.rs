//! The JSON Schema of `openrouter-org.jsonc` the npm package ships is the one the core makes from
//! its sections' declarations: a section or field added to the core without the shipped copy
//! updated fails here (`ORG_SCHEMA_WRITE=1 cargo test -p openrouter-admin-findings` rewrites it).

#[test]
fn the_shipped_org_schema_is_the_cores() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openrouter-admin-js/npm/openrouter-org.schema.json"
    );
    let made = format!("{}\n", openrouter_admin::orgfile::json_schema());
    if std::env::var_os("ORG_SCHEMA_WRITE").is_some() {
        std::fs::write(path, &made).expect("writing the schema");
    }
    let shipped = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        shipped == made,
        "{path} is not the core's json_schema(): run ORG_SCHEMA_WRITE=1 cargo test -p openrouter-admin-findings"
    );
}
