//! The file, export and plan against organizations built here (random ones included).

use serde_json::json;

use super::action::ActionKind;
use super::applied::{Applied, AppliedState};
use super::plan::{plan, Plan};
use super::value::Value;
use super::write::Write;
use super::{edit, export, typed, LiveOrg};
use crate::secret::Secret;
use std::collections::BTreeMap;

/// A small deterministic generator (xorshift), so a failing case prints its seed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub(crate) fn coin(&mut self) -> bool {
        self.below(2) == 0
    }
}

/// A live workspace's JSON (for the areas' own plan tests too).
pub(crate) fn workspace(id: &str, slug: &str) -> serde_json::Value {
    json!({
        "id": id, "default_guardrail_id": "00000000-0000-4000-8000-0000000000f1",
        "name": slug, "slug": slug, "description": null,
        "default_text_model": null, "default_image_model": null, "default_provider_sort": null,
        "is_observability_io_logging_enabled": false, "is_observability_broadcast_enabled": false,
        "is_data_discount_logging_enabled": true, "io_logging_sampling_rate": 1.0,
        "io_logging_api_key_ids": null, "created_at": "2026-01-01T00:00:00Z", "updated_at": null,
        "created_by": null,
    })
}

pub(crate) fn uuid(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012x}")
}

/// An organization of `workspaces` workspaces with `keys` keys spread over them.
pub(crate) fn org(rng: &mut Rng, workspaces: u64, keys: u64) -> LiveOrg {
    let mut value = json!({ "workspaces": [], "budgets": {}, "members": {}, "keys": [] });
    for w in 0..workspaces {
        let id = uuid(w + 1);
        value["workspaces"].as_array_mut().expect("test data").push(json!({
            "id": id, "default_guardrail_id": uuid(1000 + w), "name": format!("Team {w} ✓"),
            "slug": format!("team-{w}"),
            "description": if rng.coin() { json!(null) } else { json!("for \"quotes\"\nand lines") },
            "default_text_model": null, "default_image_model": null,
            "default_provider_sort": if rng.coin() { json!("price") } else { json!(null) },
            "is_observability_io_logging_enabled": rng.coin(),
            "is_observability_broadcast_enabled": false, "is_data_discount_logging_enabled": true,
            "io_logging_sampling_rate": 0.25, "io_logging_api_key_ids": null,
            "created_at": "2026-01-01T00:00:00Z", "updated_at": null, "created_by": null,
            "disabled_server_tools": if rng.coin() { json!(["web_search"]) } else { json!(null) },
        }));
        let mut budgets = vec![];
        for (i, reset) in [json!("daily"), json!("monthly"), json!(null)]
            .into_iter()
            .enumerate()
        {
            if rng.coin() {
                budgets.push(json!({
                    "id": uuid(2000 + w * 10 + i as u64), "workspace_id": id,
                    "limit_usd": (rng.below(100_000) as f64) / 100.0 + 1.0, "reset_interval": reset,
                    "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
                }));
            }
        }
        value["budgets"][&id] = json!({ "data": budgets, "include_byok_in_budgets": rng.coin() });
        let members: Vec<_> = (0..rng.below(4))
            .map(|m| json!({
                "id": uuid(3000 + w * 10 + m), "workspace_id": id, "user_id": format!("user_{m}"),
                "role": "member", "created_at": "2026-01-01T00:00:00Z",
            }))
            .collect();
        value["members"][&id] = json!(members);
    }
    for k in 0..keys {
        value["keys"].as_array_mut().expect("test data").push(json!({
            "hash": format!("{k:064x}"), "name": format!("CI key {}", k % 3), "label": "sk-or-v1-abc...xyz",
            "disabled": rng.coin(), "limit": if rng.coin() { json!(null) } else { json!(12.5) },
            "limit_remaining": null, "limit_reset": if rng.coin() { json!("weekly") } else { json!(null) },
            "include_byok_in_limit": false, "usage": 1.0, "usage_daily": 0.0, "usage_weekly": 0.0,
            "usage_monthly": 0.0, "byok_usage": 0.0, "byok_usage_daily": 0.0, "byok_usage_weekly": 0.0,
            "byok_usage_monthly": 0.0, "created_at": "2026-01-01T00:00:00Z", "updated_at": null,
            "creator_user_id": null, "workspace_id": uuid(rng.below(workspaces.max(1)) + 1),
            "expires_at": if rng.coin() { json!(null) } else { json!("2027-06-30T00:00:00Z") },
        }));
    }
    serde_json::from_value(value).expect("the test's organization decodes")
}

fn kinds(plan: &Plan) -> Vec<(String, ActionKind)> {
    plan.resource_changes
        .iter()
        .filter(|a| a.action != ActionKind::NoOp)
        .map(|a| (a.address.clone(), a.action))
        .collect()
}

#[test]
fn an_export_planned_against_the_same_org_is_empty_and_exports_are_identical() {
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (w, k) = (1 + rng.below(6), rng.below(12));
        let live = org(&mut rng, w, k);
        let text = export(&live);
        assert_eq!(text, export(&live), "seed {seed}: two exports differ");
        let p = plan(&text, &live, None).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        assert!(
            p.is_empty() && kinds(&p).is_empty(),
            "seed {seed}: {:?}\n{text}",
            kinds(&p)
        );
        assert!(
            !text.contains("sk-or-v1"),
            "a key's label is never exported"
        );
    }
}

#[test]
fn hand_changes_to_the_live_org_are_planned_back_field_by_field() {
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0xA24B_AED4_963E_E407));
        let (w, k) = (1 + rng.below(4), 1 + rng.below(8));
        let before = org(&mut rng, w, k);
        let text = export(&before);
        let mut after = before.clone();
        // Someone changes one workspace's name and one key's limit by hand.
        let w = rng.below(after.workspaces.len() as u64) as usize;
        after.workspaces[w].name.push_str(" (renamed)");
        let k = rng.below(after.keys.len() as u64) as usize;
        after.keys[k].limit = Some(after.keys[k].limit.unwrap_or(0.0) + 7.0);
        let p = plan(&text, &after, None).expect("test data");
        let changed: Vec<(String, Vec<&str>)> = p
            .resource_changes
            .iter()
            .filter(|a| !a.changes.is_empty())
            .map(|a| {
                (
                    a.address.clone(),
                    a.changes.iter().map(|c| c.field).collect(),
                )
            })
            .collect();
        assert_eq!(changed.len(), 2, "seed {seed}: {changed:?}");
        assert!(changed
            .iter()
            .any(|(a, f)| a.starts_with("workspaces.") && f == &["name"]));
        assert!(changed
            .iter()
            .any(|(a, f)| a.starts_with("keys.") && f == &["limit"]));
        let limit = p
            .resource_changes
            .iter()
            .flat_map(|a| &a.changes)
            .find(|c| c.field == "limit")
            .expect("test data");
        if before.keys[k].limit.is_some() {
            assert!(
                !limit.widens,
                "seed {seed}: lowering back to the file's limit is no expansion"
            );
            assert!(limit.text.ends_with("(-$7.00)"), "{}", limit.text);
        } else {
            assert!(
                limit.widens,
                "seed {seed}: going back to no limit is an expansion"
            );
            assert_eq!(limit.text, "$7.00 → no limit");
        }
    }
}

const TWO: &str = r#"{
  // reviewed by the platform team
  "version": 1,
  "workspaces": {
    "prod": { "slug": "team-0", "name": "Production", "budgets": { "daily": 5 }, "members": ["user_9"], },
    "new": { "name": "New", "slug": "brand-new" },
  },
  "keys": {
    "ci": { "hash": "HASH", "workspace": "new", "limit": 50 },
  },
}"#;

fn fixed() -> LiveOrg {
    let mut rng = Rng(7);
    let mut live = org(&mut rng, 2, 2);
    live.budgets.values_mut().for_each(|b| b.data.clear());
    live.members.values_mut().for_each(Vec::clear);
    live.keys[0].limit = Some(10.0);
    live.keys[0].workspace_id = live.workspaces[0].id.clone();
    live
}

#[test]
fn a_change_set_is_planned_with_adoption_creation_replacement_and_expansions() {
    let live = fixed();
    let text = TWO.replace("HASH", live.keys[0].hash.as_str());
    let p = plan(&text, &live, None).expect("test data");
    let find = |address: &str| {
        p.resource_changes
            .iter()
            .find(|a| a.address == address)
            .expect("test data")
    };
    let prod = find("workspaces.prod");
    assert_eq!(
        prod.action,
        ActionKind::Adopt,
        "matched by slug, not a second workspace"
    );
    assert_eq!(prod.id.as_deref(), Some(live.workspaces[0].id.as_str()));
    let budget = prod
        .changes
        .iter()
        .find(|c| c.field == "budgets.daily")
        .expect("test data");
    assert_eq!(budget.text, "no limit → $5.00");
    assert!(!budget.widens, "a budget where there was none narrows");
    let members = prod
        .changes
        .iter()
        .find(|c| c.field == "members")
        .expect("test data");
    assert_eq!(
        (members.added.clone(), members.text.as_str(), members.widens),
        (vec!["user_9".to_owned()], "+ user_9", true)
    );
    assert_eq!(find("workspaces.new").action, ActionKind::Create);
    let ci = find("keys.ci");
    assert_eq!(ci.action, ActionKind::Replace);
    assert_eq!(ci.actions, ["create", "delete"]);
    assert_eq!(ci.replace_paths, [["workspace"]]);
    assert!(ci
        .action_reason
        .as_deref()
        .expect("test data")
        .contains("the old one stays enabled until you retire it"));
    let limit = ci
        .changes
        .iter()
        .find(|c| c.field == "limit")
        .expect("test data");
    assert_eq!(
        (limit.text.as_str(), limit.widens),
        ("$10.00 → $50.00 (+$40.00)", true)
    );
    // What the file leaves out is reported and left alone.
    assert_eq!(
        find("workspaces.(id 00000000-0000-4000-8000-000000000002)").action,
        ActionKind::Unmanaged
    );
    assert_eq!(
        find(&format!("keys.(id {})", live.keys[1].hash)).action,
        ActionKind::Unmanaged
    );
    // The plan as JSON speaks Terraform's words and names every object it read.
    let json = serde_json::to_value(&p).expect("test data");
    assert_eq!(json["resource_changes"][0]["type"], "openrouter_workspace");
    assert_eq!(p.read.len(), 4);
    assert!(p.file_digest.starts_with("sha256:"));
}

#[test]
fn deletes_are_only_explicit_and_a_gone_object_is_missing_not_recreated() {
    let live = fixed();
    let (w0, w1) = (
        live.workspaces[0].id.as_str(),
        live.workspaces[1].id.as_str(),
    );
    let gone = "00000000-0000-4000-8000-0000000000ff";
    let text = format!(
        r#"{{"version": 1, "workspaces": {{"a": {{"id": "{w0}", "delete": true}}, "gone": {{"id": "{gone}"}} }},
            "keys": {{"prune": true}} }}"#
    );
    let p = plan(&text, &live, None).expect("test data");
    let kinds = kinds(&p);
    assert!(kinds.contains(&("workspaces.a".into(), ActionKind::Delete)));
    assert!(kinds.contains(&("workspaces.gone".into(), ActionKind::Missing)));
    assert!(
        kinds.contains(&(format!("workspaces.(id {w1})"), ActionKind::Unmanaged)),
        "{kinds:?}"
    );
    let pruned = kinds
        .iter()
        .filter(|(a, k)| a.starts_with("keys.") && *k == ActionKind::Delete)
        .count();
    assert_eq!(pruned, 2, "a section with prune deletes what it leaves out");
}

#[test]
fn a_bad_file_is_refused_with_the_path_and_rule_of_every_fault() {
    let live = fixed();
    let cases = [
        (
            r#"{"version": 1, "workspaces": {"a": {"slug": "a", "colour": "red"}}}"#,
            "workspaces.a.colour",
            "unknown_field",
        ),
        (
            r#"{"version": 1, "workspaces": {"a": {"budgets": {"daily": "5"}}}}"#,
            "workspaces.a.budgets.daily",
            "type",
        ),
        (
            r#"{"version": 1, "workspaces": {"a": {"budgets": {"hourly": 5}}}}"#,
            "workspaces.a.budgets.hourly",
            "unknown_field",
        ),
        (
            r#"{"version": 1, "workspaces": {"a": {}, "a": {}}}"#,
            "workspaces.a",
            "duplicate_key",
        ),
        (
            r#"{"version": 1, "workspaces": {"Prod!": {}}}"#,
            "workspaces.Prod!",
            "address",
        ),
        (
            r#"{"version": 1, "workspaces": {"a": {"slug": "Bad Slug"}}}"#,
            "workspaces.a.slug",
            "pattern",
        ),
        (
            r#"{"version": 1, "workspaces": {"a": {"name": null}}}"#,
            "workspaces.a.name",
            "not_null",
        ),
        (
            r#"{"version": 1, "keys": {"k": {"name": "k", "workspace": "nowhere"}}}"#,
            "keys.k.workspace",
            "reference",
        ),
        (
            r#"{"version": 1, "guardrails": {"g": {"allowed_data_regions": []}}}"#,
            "guardrails.g.allowed_data_regions",
            "min_items",
        ),
        (
            r#"{"version": 1, "guardrails": {"g": {"keys": ["nowhere"]}}}"#,
            "guardrails.g.keys",
            "reference",
        ),
        (r#"{"version": 2}"#, "version", "supported"),
        (r#"{"workspaces": {}}"#, "version", "required"),
        (r#"{"version": 1, "teams": {}}"#, "teams", "unknown_field"),
    ];
    for (text, field, rule) in cases {
        let e = plan(text, &live, None).expect_err(text);
        let found: Vec<(&str, &str)> = e
            .validation_errors()
            .iter()
            .map(|f| (f.field.as_str(), f.rule.as_str()))
            .collect();
        assert!(found.contains(&(field, rule)), "{text}: {found:?}");
    }
}

#[test]
fn two_live_objects_of_one_name_are_never_guessed_between() {
    let live = fixed();
    // Both keys are named "CI key 0" and "CI key 1"; make them one name in one workspace.
    let mut live = live;
    live.keys[1].name = live.keys[0].name.clone();
    live.keys[1].workspace_id = live.keys[0].workspace_id.clone();
    let text = format!(
        r#"{{"version": 1, "keys": {{"k": {{"name": "{}"}}}}}}"#,
        live.keys[0].name
    );
    let e = plan(&text, &live, None).expect_err("must be refused");
    assert_eq!(e.validation_errors()[0].rule, "ambiguous");
}

#[test]
fn drift_since_the_last_apply_is_shown_first_with_its_three_choices() {
    let live = fixed();
    let w0 = live.workspaces[0].id.to_string();
    let text = format!(
        r#"{{"version": 1, "workspaces": {{"prod": {{"id": "{w0}", "name": "Production"}}}}}}"#
    );
    let mut state = AppliedState::default();
    state.objects.insert(
        "workspaces.prod".into(),
        Applied {
            id: w0.clone(),
            fields: [("name".to_owned(), Value::Text("Production".into()))].into(),
        },
    );
    let p = plan(&text, &live, Some(&state)).expect("test data");
    assert_eq!(p.drift.len(), 1, "{:?}", p.drift);
    assert_eq!(p.drift[0].field, "name");
    assert_eq!(
        p.drift[0].live,
        Value::Text(live.workspaces[0].name.clone())
    );
    assert_eq!(
        p.drift[0].choices,
        ["overwrite live", "take into the file", "stop managing"]
    );
    // Either way out of it leaves a plan with nothing to say about that field.
    for settled in [
        edit::take_into_file(&text, &p.drift[0]).expect("an edit"),
        edit::stop_managing(&text, &p.drift[0]).expect("an edit"),
    ] {
        let again = plan(&settled, &live, Some(&state)).expect("the edited file plans");
        assert_eq!(again.drift, vec![], "{settled}");
        assert!(again.is_empty(), "{settled}: {:?}", again.resource_changes);
    }
}

#[test]
fn a_guardrail_governs_keys_by_address_and_its_wider_lists_are_flagged() {
    let live = fixed();
    let w0 = live.workspaces[0].id.to_string();
    let text = format!(
        r#"{{"version": 1,
            "keys": {{"new": {{"name": "fresh", "workspace": "{w0}"}}}},
            "guardrails": {{"eu": {{"name": "EU", "workspace": "{w0}", "allowed_data_regions": ["europe"],
                                    "allowed_models": null, "keys": ["new", "{}"]}}}} }}"#,
        live.keys[0].hash
    );
    let p = plan(&text, &live, None).expect("plan");
    let eu = p
        .resource_changes
        .iter()
        .find(|a| a.address == "guardrails.eu")
        .expect("eu");
    assert_eq!(eu.action, ActionKind::Create);
    let keys = &eu.after["keys"];
    let expected: std::collections::BTreeSet<String> =
        ["(new) keys.new".to_owned(), live.keys[0].hash.to_string()].into();
    assert_eq!(
        keys,
        &Value::Set(expected),
        "a new key is named until it exists"
    );

    // Against a live guardrail that allowed two models, `null` (every model) is an expansion.
    let mut live = live;
    live.guardrails = vec![serde_json::from_value(json!({
        "id": "g1", "name": "EU", "workspace_id": w0, "include_byok_in_budgets": false,
        "allowed_models": ["a", "b"], "created_at": "2026-01-01T00:00:00Z"
    }))
    .expect("guardrail")];
    let text = r#"{"version": 1, "guardrails": {"eu": {"id": "g1", "allowed_models": null}}}"#;
    let p = plan(text, &live, None).expect("plan");
    let change = &p.resource_changes[0].changes[0];
    assert_eq!((change.field, change.widens), ("allowed_models", true));
}

#[test]
fn a_byok_entry_with_nothing_to_adopt_is_made_only_with_its_provider_key_typed_in() {
    let live = fixed();
    let w0 = live.workspaces[0].id.to_string();
    let text = format!(
        r#"{{"version": 1, "byok": {{"oa": {{"name": "OpenAI", "provider": "openai", "workspace": "{w0}"}}}}}}"#
    );
    let p = plan(&text, &live, None).expect("plan");
    let oa = &p.resource_changes[0];
    assert_eq!(oa.action, ActionKind::Create);
    assert!(oa
        .action_reason
        .as_deref()
        .expect("reason")
        .contains("needs `key` typed in"));
    let spec = super::sections::SECTIONS
        .iter()
        .find(|s| s.name == "byok")
        .expect("byok");
    let refused =
        typed::with_typed(spec, oa, None).expect_err("no create without the provider key");
    assert_eq!(
        (refused[0].field.as_str(), refused[0].rule.as_str()),
        ("byok.oa.key", "credentials")
    );
    let key = BTreeMap::from([("key".to_owned(), Secret::new("sk-provider-typed"))]);
    let with = typed::with_typed(spec, oa, Some(&key))
        .expect("typed in")
        .expect("a copy");
    let writes = (spec.writes)(&with).expect("a create");
    let [Write::CreateByok(body, workspace)] = writes.as_slice() else {
        panic!("{writes:?}")
    };
    assert_eq!(
        (body.provider.as_str(), workspace.as_str()),
        ("openai", w0.as_str())
    );
    assert_eq!(body.key.expose_secret(), "sk-provider-typed");
    assert!(
        !format!("{writes:?}").contains("sk-provider-typed"),
        "Debug redacts it"
    );
    assert!(!serde_json::to_string(oa)
        .expect("json")
        .contains("sk-provider-typed"));
}

#[test]
fn a_default_guardrails_name_follows_its_workspace_and_is_never_managed() {
    let mut live = fixed();
    let w0 = live.workspaces[0].clone();
    let named = |name: &str| {
        serde_json::from_value(json!({
            "id": w0.default_guardrail_id.to_string(), "name": name,
            "workspace_id": w0.id.to_string(), "include_byok_in_budgets": false,
            "allowed_models": ["a"], "created_at": "2026-01-01T00:00:00Z"
        }))
        .expect("guardrail")
    };
    live.guardrails = vec![named("Team 0 default guardrail")];
    let text = export(&live);
    assert!(!text.contains("default guardrail"), "{text}");
    // The workspace renamed: the API renames its default guardrail; the file still plans empty.
    live.workspaces[0].name = "Renamed".into();
    live.guardrails = vec![named("Renamed default guardrail")];
    let file = text.replace("\"Team 0 ✓\"", "\"Renamed\"");
    assert!(plan(&file, &live, None).expect("plan").is_empty());
    // A file that names it anyway is refused before anything is sent, naming the field.
    let guardrails = super::sections::SECTIONS
        .iter()
        .find(|s| s.name == "guardrails")
        .expect("guardrails");
    let id = w0.default_guardrail_id.to_string();
    let named_file =
        format!(r#"{{"version": 1, "guardrails": {{"d": {{"id": "{id}", "name": "Mine"}}}}}}"#);
    let p = plan(&named_file, &live, None).expect("plan");
    let refused = (guardrails.writes)(&p.resource_changes[0]).expect_err("refused");
    assert_eq!(
        (refused[0].field.as_str(), refused[0].rule.as_str()),
        ("guardrails.d.name", "derived")
    );
}
