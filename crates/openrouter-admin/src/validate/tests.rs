use super::*;
use crate::error::FieldError;
use crate::models::*;

fn rules(errs: &[FieldError]) -> Vec<(String, String)> {
    errs.iter()
        .map(|e| (e.field.clone(), e.rule.clone()))
        .collect()
}

fn pair(f: &str, r: &str) -> (String, String) {
    (f.to_owned(), r.to_owned())
}

#[test]
fn workspace_name_table() {
    assert!(CreateWorkspace::new("a", "a").field_errors().is_empty());
    assert!(CreateWorkspace::new("x".repeat(100), "a")
        .field_errors()
        .is_empty());
    assert_eq!(
        rules(&CreateWorkspace::new("", "a").field_errors()),
        vec![pair("name", "min_length")]
    );
    assert_eq!(
        rules(&CreateWorkspace::new("x".repeat(101), "a").field_errors()),
        vec![pair("name", "max_length")]
    );
    // characters, not bytes
    assert!(CreateWorkspace::new("é".repeat(100), "a")
        .field_errors()
        .is_empty());
}

#[test]
fn slug_table() {
    for ok in ["a", "prod", "a-b", "a1-b2-c3", "0", &"a".repeat(50)] {
        assert!(is_valid_slug(ok), "{ok}");
        assert!(
            CreateWorkspace::new("n", ok).field_errors().is_empty(),
            "{ok}"
        );
    }
    for bad in ["-a", "a-", "a--b", "A", "a_b", "a b", "ü", "a.b"] {
        assert!(!is_valid_slug(bad), "{bad}");
        assert_eq!(
            rules(&CreateWorkspace::new("n", bad).field_errors()),
            vec![pair("slug", "pattern")],
            "{bad}"
        );
    }
    assert_eq!(
        rules(&CreateWorkspace::new("n", "").field_errors()),
        vec![pair("slug", "min_length")]
    );
    assert_eq!(
        rules(&CreateWorkspace::new("n", "a".repeat(51)).field_errors()),
        vec![pair("slug", "max_length")]
    );
}

#[test]
fn description_and_sampling() {
    assert!(CreateWorkspace::new("n", "s")
        .description("d".repeat(500))
        .field_errors()
        .is_empty());
    assert_eq!(
        rules(
            &CreateWorkspace::new("n", "s")
                .description("d".repeat(501))
                .field_errors()
        ),
        vec![pair("description", "max_length")]
    );
    for ok in [0.0001, 0.5, 1.0] {
        assert!(CreateWorkspace::new("n", "s")
            .io_logging_sampling_rate(ok)
            .field_errors()
            .is_empty());
    }
    for bad in [0.0, 0.00009, 1.0001, f64::NAN, f64::INFINITY, -1.0] {
        assert_eq!(
            rules(
                &CreateWorkspace::new("n", "s")
                    .io_logging_sampling_rate(bad)
                    .field_errors()
            ),
            vec![pair("io_logging_sampling_rate", "range")]
        );
    }
}

#[test]
fn every_failing_field_is_reported() {
    let req = CreateWorkspace::new("", "Bad--")
        .description("d".repeat(501))
        .io_logging_sampling_rate(2.0);
    assert_eq!(
        rules(&req.field_errors()),
        vec![
            pair("name", "min_length"),
            pair("slug", "pattern"),
            pair("description", "max_length"),
            pair("io_logging_sampling_rate", "range")
        ]
    );
    let e = req.validate().expect_err("invalid");
    assert!(e.is_validation());
    assert_eq!(e.validation_errors().len(), 4);
}

#[test]
fn update_workspace_table() {
    assert!(UpdateWorkspace::new().field_errors().is_empty());
    assert!(UpdateWorkspace::new()
        .description(None::<String>)
        .field_errors()
        .is_empty());
    let mut u = UpdateWorkspace::new().slug("UP");
    u.name = Patch::Null;
    u.io_logging_sampling_rate = Patch::Value(0.0);
    u.is_data_discount_logging_enabled = Patch::Null;
    assert_eq!(
        rules(&u.field_errors()),
        vec![
            pair("name", "not_nullable"),
            pair("slug", "pattern"),
            pair("io_logging_sampling_rate", "range"),
            pair("is_data_discount_logging_enabled", "not_nullable")
        ]
    );
}

#[test]
fn member_batches() {
    assert!(MemberIds::new(["u1"]).field_errors().is_empty());
    assert!(MemberIds::new((0..100).map(|i| format!("u{i}")))
        .field_errors()
        .is_empty());
    assert_eq!(
        rules(&MemberIds::new(Vec::<String>::new()).field_errors()),
        vec![pair("user_ids", "min_items")]
    );
    assert_eq!(
        rules(&MemberIds::new((0..101).map(|i| format!("u{i}"))).field_errors()),
        vec![pair("user_ids", "max_items")]
    );
    assert_eq!(
        rules(&MemberIds::new(["u", ""]).field_errors()),
        vec![pair("user_ids[1]", "min_length")]
    );
}

#[test]
fn create_key_table() {
    assert!(CreateKey::new("k").field_errors().is_empty());
    assert!(CreateKey::new("k")
        .limit(0.0)
        .limit_reset(LimitReset::Monthly)
        .expires_at("2027-12-31T23:59:59Z")
        .field_errors()
        .is_empty());
    assert!(CreateKey::new("k")
        .expires_at("2027-12-31T23:59:59.123Z")
        .field_errors()
        .is_empty());
    assert_eq!(
        rules(&CreateKey::new("").field_errors()),
        vec![pair("name", "min_length")]
    );
    for bad in [-1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(
            rules(&CreateKey::new("k").limit(bad).field_errors()),
            vec![pair("limit", "range")]
        );
    }
    assert_eq!(
        rules(
            &CreateKey::new("k")
                .limit_reset(LimitReset::parse("yearly"))
                .field_errors()
        ),
        vec![pair("limit_reset", "enum")]
    );
    assert_eq!(
        rules(
            &CreateKey::new("k")
                .expires_at("2027-12-31T23:59:59+02:00")
                .field_errors()
        ),
        vec![pair("expires_at", "utc")]
    );
    for bad in [
        "2027-12-31",
        "2027-13-01T00:00:00Z",
        "2027-02-30T00:00:00Z",
        "tomorrow",
        "2027-12-31T24:00:00Z",
        "",
    ] {
        assert_eq!(
            rules(&CreateKey::new("k").expires_at(bad).field_errors()),
            vec![pair("expires_at", "date_time")],
            "{bad}"
        );
    }
    assert!(CreateKey::new("k")
        .expires_at("2028-02-29T00:00:00Z")
        .field_errors()
        .is_empty());
    let all = CreateKey::new("").limit(-2.0).expires_at("x");
    assert_eq!(all.field_errors().len(), 3);
}

#[test]
fn expires_at_needs_seconds() {
    for minutes in [
        "2027-12-31T23:59Z",
        "2027-12-31t23:59z",
        "2027-12-31T23:59+02:00",
    ] {
        assert_eq!(
            rules(&CreateKey::new("k").expires_at(minutes).field_errors()),
            vec![pair("expires_at", "seconds")],
            "{minutes}"
        );
    }
    for ok in ["2027-12-31T23:59:00Z", "2027-12-31T23:59:00.5Z"] {
        assert!(CreateKey::new("k").expires_at(ok).field_errors().is_empty());
    }
}

#[test]
fn server_tool_names_are_the_servers_to_judge() {
    // An open list: the client checks its shape (the JS reader: an array of strings), the
    // API its names (unknown, empty or repeated ones are its 400).
    let names = vec![String::new(), "vendor:new".into(), "vendor:new".into()];
    assert!(CreateWorkspace::new("n", "s")
        .disabled_server_tools(names.clone())
        .field_errors()
        .is_empty());
    assert!(UpdateWorkspace::new()
        .disabled_server_tools(Some(names))
        .field_errors()
        .is_empty());
}

#[test]
fn external_table() {
    let key = "k".repeat(32);
    assert!(CreateKey::new("k")
        .external(External::new("u").api_key(key.as_str()))
        .field_errors()
        .is_empty());
    assert!(CreateKey::new("k")
        .external(External::new("u"))
        .field_errors()
        .is_empty());
    assert_eq!(
        rules(
            &CreateKey::new("k")
                .external(External::new(""))
                .field_errors()
        ),
        vec![pair("external.user", "min_length")]
    );
    let short = "s3cr3t-".repeat(4); // 28 characters
    let errs = CreateKey::new("k")
        .external(External::new("u").api_key(short.as_str()))
        .field_errors();
    assert_eq!(rules(&errs), vec![pair("external.api_key", "min_length")]);
    assert!(!format!("{errs:?}").contains(&short), "the value stays out");
    // Characters, not bytes.
    assert!(!CreateKey::new("k")
        .external(External::new("u").api_key("é".repeat(31)))
        .field_errors()
        .is_empty());
}

use crate::Secret;

const WS: &str = "550e8400-e29b-41d4-a716-446655440000";

#[test]
fn byok_table() {
    let ok = CreateByokKey::new("openai", Secret::new("sk-proj-1"));
    assert!(ok.field_errors().is_empty());
    // An unknown provider is the API's to judge (the list is open); a malformed slug is not.
    assert!(CreateByokKey::new("provider-of-2030", Secret::new("k"))
        .field_errors()
        .is_empty());
    assert!(
        CreateByokKey::new("amazon-bedrock/claude-on-aws", Secret::new("k"))
            .field_errors()
            .is_empty()
    );
    let errs = CreateByokKey::new("Open AI", Secret::new(""))
        .name("n".repeat(256))
        .workspace_id("production")
        .is_fallback(true)
        .is_byok_only(true)
        .allowed_api_key_hashes(Vec::<String>::new())
        .allowed_models(vec![String::new()])
        .field_errors();
    assert_eq!(
        rules(&errs),
        vec![
            pair("provider", "pattern"),
            pair("key", "min_length"),
            pair("name", "max_length"),
            pair("workspace_id", "uuid"),
            pair("is_byok_only", "exclusive"),
            pair("allowed_models[0]", "min_length"),
            pair("allowed_api_key_hashes", "min_items"),
        ]
    );
    let errs = CreateByokKey::new("openai", Secret::new("k"))
        .workspace_id(WS)
        .is_fallback(true)
        .is_byok_only(false)
        .allowed_api_key_hashes(vec!["A".repeat(64), "a".repeat(64)])
        .allowed_user_ids(vec!["u".to_owned(); 101])
        .field_errors();
    assert_eq!(
        rules(&errs),
        vec![
            pair("allowed_api_key_hashes[0]", "pattern"),
            pair("allowed_user_ids", "max_items"),
        ]
    );
    let mut u = UpdateByokKey::new().is_fallback(true).is_byok_only(true);
    u.key = Patch::Null;
    u.disabled = Patch::Null;
    u.declared_zdr = Patch::Null; // clears: allowed
    u.name = Patch::Null; // clears: allowed
    u.allowed_api_key_hashes = Patch::Null; // clears: allowed
    assert_eq!(
        rules(&u.field_errors()),
        vec![
            pair("key", "not_nullable"),
            pair("disabled", "not_nullable"),
            pair("is_byok_only", "exclusive"),
        ]
    );
    assert_eq!(
        rules(&UpdateByokKey::new().key(Secret::new("")).field_errors()),
        vec![pair("key", "min_length")]
    );
}

#[test]
fn byok_key_stays_out_of_messages_and_debug() {
    let secret = "sk-proj-THE-PROVIDER-KEY";
    let body = CreateByokKey::new("Bad Provider", Secret::new(secret)).name("x".repeat(300));
    let errs = body.field_errors();
    assert!(!errs.is_empty());
    assert!(!format!("{errs:?}").contains(secret));
    assert!(
        !format!("{body:?}").contains(secret),
        "Debug redacts the key"
    );
    let patch = UpdateByokKey::new().key(Secret::new(secret));
    assert!(!format!("{patch:?}").contains(secret));
    let r = crate::areas::byok::endpoints::CreateByokKeyRequest::new(body.name("ok"));
    let err = crate::endpoint::Endpoint::request(&r).expect_err("bad provider");
    assert!(!format!("{err:?} {err}").contains(secret));
}

#[test]
fn destination_table() {
    let langfuse = || JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk"}"#);
    let ok = CreateDestination::new(DestinationType::Langfuse, "L", langfuse());
    assert!(ok.field_errors().is_empty());
    assert!(ok
        .clone()
        .regions(vec![
            "eu".into(),
            "europe".into(),
            "us".into(),
            "global".into()
        ])
        .field_errors()
        .is_empty());
    // A type this version does not know: its config is the API's to judge.
    assert!(CreateDestination::new(
        DestinationType::parse("tomorrow"),
        "T",
        JsonObject::from_json("{}")
    )
    .field_errors()
    .is_empty());
    let errs = CreateDestination::new(
        DestinationType::Langfuse,
        "L",
        JsonObject::from_json(r#"{"publicKey":"","other":1}"#),
    )
    .workspace_id("prod")
    .sampling_rate(0.0)
    .api_key_hashes(Vec::<String>::new())
    .filter_rules(JsonObject::from_json(r#"{"enabled":true}"#))
    .regions(Vec::<String>::new())
    .field_errors();
    assert_eq!(
        rules(&errs),
        vec![
            pair("config.secretKey", "required"),
            pair("config.publicKey", "required"),
            pair("workspace_id", "uuid"),
            pair("sampling_rate", "range"),
            pair("api_key_hashes", "min_items"),
            pair("filter_rules.groups", "required"),
            pair("regions", "min_items"),
        ]
    );
    let errs = CreateDestination::new(DestinationType::Webhook, "W", JsonObject::from_json("[1]"))
        .regions(vec!["mars".into()])
        .field_errors();
    assert_eq!(
        rules(&errs),
        vec![pair("config", "type"), pair("regions[0]", "enum")]
    );
    let errs = CreateDestination::new(DestinationType::default(), "W", JsonObject::from_json("{}"))
        .field_errors();
    assert_eq!(rules(&errs), vec![pair("type", "required")]);
    let mut u = UpdateDestination::new().sampling_rate(2.0);
    u.regions = Patch::Null;
    u.name = Patch::Null;
    u.filter_rules = Patch::Null; // clears: allowed
    u.api_key_hashes = Patch::Null; // clears: allowed
    assert_eq!(
        rules(&u.field_errors()),
        vec![
            pair("name", "not_nullable"),
            pair("regions", "not_nullable"),
            pair("sampling_rate", "range"),
        ]
    );
    assert_eq!(
        rules(
            &UpdateDestination::new()
                .regions(Vec::<String>::new())
                .field_errors()
        ),
        vec![pair("regions", "min_items")]
    );
}

#[test]
fn destination_config_stays_out_of_debug() {
    let config = JsonObject::from_json(r#"{"publicKey":"pk","secretKey":"sk-lf-TOPSECRET"}"#);
    let d = CreateDestination::new(DestinationType::Langfuse, "L", config);
    let text = format!("{d:?}");
    assert!(!text.contains("TOPSECRET"), "{text}");
    assert!(
        text.contains("secretKey"),
        "the property names are shown: {text}"
    );
    assert!(is_uuid(WS) && !is_uuid("prod") && !is_uuid(&WS.replace('-', "x")));
}

#[test]
fn update_key_table() {
    assert!(UpdateKey::new()
        .limit(None)
        .limit_reset(None)
        .field_errors()
        .is_empty());
    assert!(UpdateKey::new()
        .name("x")
        .disabled(true)
        .limit(Some(5.0))
        .field_errors()
        .is_empty());
    assert_eq!(
        rules(&UpdateKey::new().name("").field_errors()),
        vec![pair("name", "min_length")]
    );
    assert_eq!(
        rules(&UpdateKey::new().limit(Some(-0.5)).field_errors()),
        vec![pair("limit", "range")]
    );
    let mut u = UpdateKey::new();
    u.disabled = Patch::Null;
    u.include_byok_in_limit = Patch::Null;
    assert_eq!(
        rules(&u.field_errors()),
        vec![
            pair("disabled", "not_nullable"),
            pair("include_byok_in_limit", "not_nullable")
        ]
    );
}

#[test]
fn budget_table() {
    assert!(UpsertBudget::new(0.01).field_errors().is_empty());
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert_eq!(
            rules(&UpsertBudget::new(bad).field_errors()),
            vec![pair("limit_usd", "range")]
        );
    }
}

fn budget(reset: Option<&str>, limit: f64) -> WorkspaceBudget {
    serde_json::from_value(serde_json::json!({
        "id": "b", "workspace_id": "w", "limit_usd": limit, "reset_interval": reset,
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"
    }))
    .expect("budget")
}

#[test]
fn budget_order() {
    let existing = [
        budget(None, 1000.0),
        budget(Some("monthly"), 100.0),
        budget(Some("daily"), 5.0),
    ];
    assert!(validate_budget_order(&existing, Interval::Weekly, 50.0).is_ok());
    assert!(validate_budget_order(&existing, Interval::Weekly, 100.0).is_err());
    assert!(validate_budget_order(&existing, Interval::Weekly, 5.0).is_err());
    assert!(validate_budget_order(&existing, Interval::Monthly, 999.0).is_ok());
    assert!(validate_budget_order(&existing, Interval::Monthly, 1000.0).is_err());
    assert!(validate_budget_order(&existing, Interval::Lifetime, 100.5).is_ok());
    let e = validate_budget_order(&existing, Interval::Daily, 200.0).expect_err("too big");
    assert_eq!(e.rule, "budget_order");
}

#[test]
fn guardrail_table() {
    let ok = |g: CreateGuardrail| assert_eq!(rules(&g.field_errors()), vec![]);
    ok(CreateGuardrail::new("g"));
    ok(CreateGuardrail::new("x".repeat(200)).description("d".repeat(1000)));
    ok(CreateGuardrail::new("g")
        .limit_usd(0.0)
        .reset_interval(LimitReset::Daily)
        .workspace_id("0DF9E665-d932-5740-b2c7-b52af166bc11")
        .allowed_data_regions(vec!["global".into(), "europe".into(), "us".into()])
        .allowed_providers(vec!["a-provider-of-tomorrow".into()])
        .content_filter_builtins(vec![
            BuiltinFilter::new(ContentFilterSlug::Secrets, ContentFilterAction::Flag),
            BuiltinFilter::new(
                ContentFilterSlug::RegexPromptInjection,
                ContentFilterAction::Block,
            )
            .scan_scope(ScanScope::UserOnly),
        ])
        .content_filters(vec![
            ContentFilter::new("x", ContentFilterAction::Redact).label("l".repeat(100))
        ]));
    let bad = |g: CreateGuardrail, expected: &[(&str, &str)]| {
        assert_eq!(
            rules(&g.field_errors()),
            expected.iter().map(|(f, r)| pair(f, r)).collect::<Vec<_>>()
        );
    };
    bad(CreateGuardrail::new(""), &[("name", "min_length")]);
    bad(
        CreateGuardrail::new("x".repeat(201)),
        &[("name", "max_length")],
    );
    bad(
        CreateGuardrail::new("g").description("d".repeat(1001)),
        &[("description", "max_length")],
    );
    bad(
        CreateGuardrail::new("g").workspace_id("production"),
        &[("workspace_id", "uuid")],
    );
    bad(
        CreateGuardrail::new("g").limit_usd(5.0),
        &[("reset_interval", "together")],
    );
    bad(
        CreateGuardrail::new("g").reset_interval(LimitReset::Weekly),
        &[("limit_usd", "together")],
    );
    for l in [-0.01, f64::NAN, f64::INFINITY] {
        bad(
            CreateGuardrail::new("g")
                .limit_usd(l)
                .reset_interval(LimitReset::Monthly),
            &[("limit_usd", "range")],
        );
    }
    bad(
        CreateGuardrail::new("g")
            .limit_usd(1.0)
            .reset_interval(LimitReset::parse("hourly")),
        &[("reset_interval", "enum")],
    );
    bad(
        CreateGuardrail::new("g").allowed_data_regions(Vec::<String>::new()),
        &[("allowed_data_regions", "min_items")],
    );
    bad(
        CreateGuardrail::new("g").allowed_data_regions(vec!["eu".into()]),
        &[("allowed_data_regions[0]", "enum")],
    );
    bad(
        CreateGuardrail::new("g")
            .allowed_models(Vec::<String>::new())
            .ignored_providers(vec!["".into()]),
        &[
            ("allowed_models", "min_items"),
            ("ignored_providers[0]", "min_length"),
        ],
    );
    bad(
        CreateGuardrail::new("g").content_filter_builtins(vec![BuiltinFilter::new(
            ContentFilterSlug::parse("passwords"),
            ContentFilterAction::parse("shred"),
        )
        .scan_scope(ScanScope::parse("some"))]),
        &[
            ("content_filter_builtins[0].slug", "enum"),
            ("content_filter_builtins[0].action", "enum"),
            ("content_filter_builtins[0].scan_scope", "enum"),
        ],
    );
    bad(
        CreateGuardrail::new("g").content_filters(vec![ContentFilter::new(
            "",
            ContentFilterAction::default(),
        )
        .label("l".repeat(101))]),
        &[
            ("content_filters[0].pattern", "min_length"),
            ("content_filters[0].action", "enum"),
            ("content_filters[0].label", "max_length"),
        ],
    );
}

#[test]
fn guardrail_update_table() {
    assert!(UpdateGuardrail::new().field_errors().is_empty());
    // On update a limit may change alone; null clears what may be cleared.
    assert!(UpdateGuardrail::new()
        .limit_usd(Some(5.0))
        .description(None::<String>)
        .allowed_data_regions(None)
        .content_filters(None)
        .enforce_zdr_openai(None)
        .field_errors()
        .is_empty());
    let u = UpdateGuardrail {
        name: Patch::Null,
        include_byok_in_budgets: Patch::Null,
        ..UpdateGuardrail::new()
    };
    assert_eq!(
        rules(&u.field_errors()),
        vec![
            pair("name", "not_nullable"),
            pair("include_byok_in_budgets", "not_nullable")
        ]
    );
    assert_eq!(
        rules(
            &UpdateGuardrail::new()
                .allowed_data_regions(Some(vec![]))
                .allowed_providers(Some(vec![]))
                .limit_usd(Some(-1.0))
                .field_errors()
        ),
        vec![
            pair("limit_usd", "range"),
            pair("allowed_providers", "min_items"),
            pair("allowed_data_regions", "min_items")
        ]
    );
}

#[test]
fn assignment_lists() {
    assert!(KeyHashes::new(["h"]).field_errors().is_empty());
    assert_eq!(
        rules(&KeyHashes::new(Vec::<String>::new()).field_errors()),
        vec![pair("key_hashes", "min_items")]
    );
    assert_eq!(
        rules(&MemberUserIds::new(["u", ""]).field_errors()),
        vec![pair("member_user_ids[1]", "min_length")]
    );
    assert!(is_uuid("550e8400-e29b-41d4-a716-446655440000"));
    for bad in [
        "",
        "prod",
        "550e8400e29b41d4a716446655440000",
        "550e8400-e29b-41d4-a716-44665544000g",
    ] {
        assert!(!is_uuid(bad), "{bad}");
    }
}
