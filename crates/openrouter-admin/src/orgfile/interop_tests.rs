//! The Terraform and Keymaster exports against organizations built here, random ones included:
//! every live object adopted once, references that resolve, no secret, strings that survive.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::export::addressed;
use super::tests::{org, uuid, workspace, Rng};
use super::{keymaster, terraform, LiveOrg};

/// Text no export may carry: masked credentials and labels as the API sends them.
const SECRETS: [&str; 4] = ["MASKEDdd", "MASKEDlf", "LABELbyok", "sk-or-v1-abc...xyz"];

/// A hostile name: quotes, backslashes, a newline, an interpolation, a directive, an escape.
const HOSTILE: &str = "Ops \"prod\" C:\\dir\nnext ${var.x} %{ if true } $${y} $$${z} 100% tab\t";

/// `org()` with guardrails (their keys and members), BYOK credentials, destinations (masked
/// credentials) and SCIM mappings.
fn rich(rng: &mut Rng, workspaces: u64, keys: u64) -> LiveOrg {
    let base = org(rng, workspaces, keys);
    let mut value = serde_json::to_value(&base).expect("test data");
    let hashes: Vec<String> = base.keys.iter().map(|k| k.hash.to_string()).collect();
    let ws = |rng: &mut Rng| uuid(rng.below(workspaces.max(1)) + 1);
    for g in 0..1 + rng.below(3) {
        let id = uuid(5000 + g);
        let workspace = if g == 2 { json!(null) } else { json!(ws(rng)) };
        value["guardrails"].as_array_mut().expect("test data").push(json!({
            "id": id, "name": if g == 0 { json!(HOSTILE) } else { json!(format!("Guard {g}")) },
            "description": "no ${secrets}", "workspace_id": workspace, "limit_usd": 25,
            "reset_interval": if rng.coin() { json!("monthly") } else { json!(null) },
            "include_byok_in_budgets": rng.coin(), "allowed_models": null,
            "allowed_providers": ["anthropic", "openai"], "ignored_models": ["x/y"],
            "ignored_providers": null, "allowed_data_regions": ["europe"], "enforce_zdr": rng.coin(),
            "created_at": "2025-08-24T10:30:00Z", "updated_at": null,
        }));
        let governed: Vec<&String> = hashes.iter().filter(|_| rng.coin()).collect();
        value["guardrail_keys"][&id] = json!(governed);
        value["guardrail_members"][&id] = json!(["user_1", "user 2/x"]);
    }
    for b in 0..rng.below(3) {
        value["byok"].as_array_mut().expect("test data").push(json!({
            "id": uuid(6000 + b), "provider": "openai", "workspace_id": ws(rng),
            "label": "sk-...LABELbyok", "name": "Prod OpenAI", // one name twice: two resource names
            "disabled": false, "is_fallback": rng.coin(), "allowed_models": null,
            "allowed_api_key_hashes": if hashes.is_empty() { json!(null) } else { json!([hashes[0]]) },
            "allowed_user_ids": null, "sort_order": 0, "created_at": "2025-08-24T10:30:00Z",
        }));
    }
    let kinds = [
        (
            "datadog",
            json!({ "apiKey": "dd-...MASKEDdd", "mlApp": "gateway" }),
        ),
        (
            "langfuse",
            json!({ "publicKey": "pk-lf-1", "secretKey": "sk-lf-...MASKEDlf" }),
        ),
        (
            "webhook",
            json!({ "url": "https://hooks.example.com/${x}\"q" }),
        ),
    ];
    for (d, (kind, config)) in kinds.iter().enumerate() {
        if rng.coin() || d == 0 {
            value["destinations"].as_array_mut().expect("test data").push(json!({
                "id": uuid(7000 + d as u64), "workspace_id": ws(rng), "type": kind, "name": "Traces",
                "enabled": true, "privacy_mode": false, "broadcast_generation_cost": true,
                "broadcast_generation_identity": false, "broadcast_generation_request_context": false,
                "sampling_rate": 0.5, "api_key_hashes": null, "filter_rules": null, "config": config,
                "regions": ["europe"], "created_at": "2025-08-24T10:30:00Z",
                "updated_at": "2025-08-24T10:30:00Z",
            }));
        }
    }
    value["scim_mappings"] = json!([{
        "id": uuid(8000), "organization_id": "org_1", "scim_group_id": "grp-eng",
        "workspace_id": ws(rng), "role": "admin", "created_at": "2025-08-24T10:30:00Z",
        "updated_at": "2025-08-24T10:30:00Z",
    }]);
    serde_json::from_value(value).expect("the test's organization decodes")
}

/// HCL split into its string literals, un-escaped, and the code around them (comments dropped,
/// each literal left as `""`). Panics where a literal holds a raw newline, an unknown escape, or
/// an interpolation or directive Terraform would evaluate.
fn hcl_literals(hcl: &str) -> (Vec<String>, String) {
    let chars: Vec<char> = hcl.chars().collect();
    let (mut literals, mut code, mut i) = (Vec::new(), String::new(), 0);
    while i < chars.len() {
        match chars[i] {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                loop {
                    let c = *chars.get(i).expect("every literal ends");
                    let (n1, n2) = (chars.get(i + 1).copied(), chars.get(i + 2).copied());
                    match c {
                        '"' => break,
                        '\n' => panic!("a raw newline in a literal: {text}"),
                        '\\' => {
                            i += 1;
                            match n1 {
                                Some('n') => text.push('\n'),
                                Some('r') => text.push('\r'),
                                Some('t') => text.push('\t'),
                                Some('"') => text.push('"'),
                                Some('\\') => text.push('\\'),
                                Some('u') => {
                                    let hex: String = chars[i + 1..i + 5].iter().collect();
                                    let code = u32::from_str_radix(&hex, 16).expect("\\u hex");
                                    text.push(char::from_u32(code).expect("a char"));
                                    i += 4;
                                }
                                other => panic!("unknown escape {other:?}"),
                            }
                        }
                        '$' | '%' if n1 == Some(c) && n2 == Some('{') => {
                            text.push(c);
                            text.push('{');
                            i += 2;
                        }
                        '$' | '%' if n1 == Some('{') => {
                            panic!("a template sequence Terraform would evaluate after {text:?}")
                        }
                        c => text.push(c),
                    }
                    i += 1;
                }
                literals.push(text);
                code.push_str("\"\"");
            }
            c => code.push(c),
        }
        i += 1;
    }
    (literals, code)
}

/// The import blocks' targets, as `type.name`.
fn import_targets(code: &str) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    (0..lines.len())
        .filter(|&n| lines[n] == "import {")
        .map(|n| {
            lines[n + 1]
                .strip_prefix("  to = ")
                .expect("to first")
                .to_owned()
        })
        .collect()
}

/// The resource addresses `type.name` as the raw HCL declares them.
fn declared(hcl: &str) -> Vec<String> {
    hcl.lines()
        .filter_map(|l| l.strip_prefix("resource \""))
        .map(|l| {
            let mut parts = l.split('"');
            let (t, _, n) = (parts.next(), parts.next(), parts.next());
            format!("{}.{}", t.expect("a type"), n.expect("a name"))
        })
        .collect()
}

#[test]
fn terraform_adopts_every_live_object_once_and_every_reference_resolves() {
    for seed in 1..=150u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (w, k) = (1 + rng.below(4), rng.below(8));
        let live = rich(&mut rng, w, k);
        let hcl = terraform(&live);
        assert_eq!(
            hcl,
            terraform(&live.clone()),
            "seed {seed}: two exports differ"
        );
        let (literals, code) = hcl_literals(&hcl);
        let resources = declared(&hcl);
        let unique: BTreeSet<&String> = resources.iter().collect();
        assert_eq!(
            unique.len(),
            resources.len(),
            "seed {seed}: a resource twice\n{hcl}"
        );
        for r in &resources {
            let name = r.split('.').nth(1).expect("a name");
            assert!(
                name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
                "seed {seed}: {name} is not a Terraform name"
            );
        }
        for line in code
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains(" = "))
        {
            let attribute = line.trim_start().split(' ').next().expect("a name");
            assert!(
                attribute == "\"\""
                    || attribute
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "seed {seed}: the attribute {attribute} is no identifier"
            );
        }
        let imports = import_targets(&code);
        let mut adopted: BTreeMap<&str, usize> = BTreeMap::new();
        for to in &imports {
            *adopted.entry(to.as_str()).or_default() += 1;
        }
        assert_eq!(
            imports.len(),
            resources.len(),
            "seed {seed}: one import per resource"
        );
        for r in &resources {
            assert_eq!(
                adopted.get(r.as_str()),
                Some(&1),
                "seed {seed}: {r} adopted once"
            );
        }
        // Each live object: exactly one import whose id is its id, to a resource of its type.
        let all = addressed(&live);
        let expected: usize = all.iter().map(|(_, objects)| objects.len()).sum();
        // Ids are literals, so count them on the raw text: one `id = "<id>"` per object.
        for (spec, objects) in &all {
            for (_, object) in objects {
                assert!(literals.contains(&object.id), "seed {seed}: {}", object.id);
                let line = format!("  id = {}", super::terraform::quote(&object.id));
                let imports_of: Vec<&str> = hcl
                    .split("\nimport {\n")
                    .skip(1)
                    .filter(|b| b.lines().nth(1) == Some(line.as_str()))
                    .filter(|b| b.starts_with(&format!("  to = {}.", spec.resource)))
                    .collect();
                assert_eq!(
                    imports_of.len(),
                    1,
                    "seed {seed}: {} {}",
                    spec.resource,
                    object.id
                );
            }
        }
        let budgets = live.budgets.values().map(|b| b.data.len()).sum::<usize>();
        let members = live.members.values().filter(|m| !m.is_empty()).count();
        let key_assignments = live.guardrail_keys.values().map(Vec::len).sum::<usize>();
        let member_assignments: usize = live
            .guardrails
            .iter()
            .filter(|g| g.workspace_id.is_some())
            .map(|g| live.guardrail_members.get(&g.id).map_or(0, Vec::len))
            .sum();
        assert_eq!(
            resources.len(),
            expected + budgets + members + key_assignments + member_assignments,
            "seed {seed}\n{hcl}"
        );
        // References name declared resources and declared variables.
        let words = code.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c)));
        for word in words.filter(|w| w.starts_with("openrouter_") && w.contains('.')) {
            let target: Vec<&str> = word.splitn(3, '.').collect();
            assert!(
                target.len() >= 2 && resources.contains(&format!("{}.{}", target[0], target[1])),
                "seed {seed}: {word} refers to nothing declared"
            );
        }
        for word in code.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c))) {
            if let Some(var) = word.strip_prefix("var.") {
                let block = format!("variable \"{var}\" {{\n");
                let at = hcl
                    .find(&block)
                    .unwrap_or_else(|| panic!("seed {seed}: var.{var}"));
                assert!(
                    hcl[at..]
                        .split("\n}\n")
                        .next()
                        .expect("a block")
                        .contains("sensitive   = true"),
                    "seed {seed}: var.{var} is not sensitive"
                );
            }
        }
        for secret in SECRETS {
            assert!(!hcl.contains(secret), "seed {seed}: {secret} leaked\n{hcl}");
        }
    }
}

#[test]
fn terraform_strings_survive_quotes_backslashes_newlines_and_template_sequences() {
    let mut live = rich(&mut Rng(7), 1, 2);
    live.workspaces[0].name = HOSTILE.into();
    live.workspaces[0].description = Some("$".into());
    let hcl = terraform(&live);
    let (literals, _) = hcl_literals(&hcl);
    assert!(literals.iter().any(|l| l == HOSTILE), "{hcl}");
    assert!(literals.iter().any(|l| l == "$"), "{hcl}");
    assert!(literals.iter().any(|l| l == "no ${secrets}"), "{hcl}");
    assert!(
        literals
            .iter()
            .any(|l| l == "https://hooks.example.com/${x}\"q"),
        "{hcl}"
    );
    // Un-escaping every literal and escaping it again gives back the same text.
    for l in &literals {
        let quoted = super::terraform::quote(l);
        assert_eq!(hcl_literals(&quoted).0, vec![l.clone()]);
    }
    for c in ['\u{0}', '\u{1b}', '\u{7f}'] {
        let text = format!("a{c}b");
        assert_eq!(hcl_literals(&super::terraform::quote(&text)).0, vec![text]);
    }
}

#[test]
fn terraform_is_the_same_bytes_whatever_order_the_api_listed_things_in() {
    let live = rich(&mut Rng(11), 3, 6);
    let mut shuffled = live.clone();
    shuffled.workspaces.reverse();
    shuffled.keys.reverse();
    shuffled.guardrails.reverse();
    shuffled.destinations.reverse();
    assert_eq!(terraform(&live), terraform(&shuffled));
    assert_eq!(keymaster(&live), keymaster(&shuffled));
}

#[test]
fn colliding_addresses_give_unique_resource_names() {
    let mut live: LiveOrg = serde_json::from_value(json!({
        "workspaces": [workspace(&uuid(1), "1st"), workspace(&uuid(2), "prod")],
        "budgets": {}, "members": {}, "keys": [],
    }))
    .expect("test data");
    let base = org(&mut Rng(3), 1, 3);
    for (i, mut key) in base.keys.into_iter().enumerate() {
        key.name = ["CI", "ci", "CI!"][i].into();
        key.workspace_id = live.workspaces[0].id.clone();
        live.keys.push(key);
    }
    let hcl = terraform(&live);
    let names = declared(&hcl);
    for want in [
        "openrouter_workspace._1st",
        "openrouter_workspace.prod",
        "openrouter_api_key.ci",
        "openrouter_api_key.ci-2",
        "openrouter_api_key.ci-3",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    assert!(hcl.contains("= openrouter_workspace._1st.id\n"), "{hcl}");
    let toml = keymaster(&live);
    for want in [
        "[keys.ci]",
        "[keys.ci-2]",
        "[keys.ci-3]",
        "[workspaces.1st]",
    ] {
        assert!(toml.contains(want), "{want}\n{toml}");
    }
}

#[test]
fn keymaster_parses_adopts_by_import_and_carries_no_secret() {
    for seed in 1..=100u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (w, k) = (1 + rng.below(4), rng.below(8));
        let mut live = rich(&mut rng, w, k);
        if let Some(key) = live.keys.first_mut() {
            key.name = "sk-or-v1-looks-like-a-secret".into();
        }
        if let Some(destination) = live.destinations.last_mut() {
            destination.name = None;
        }
        // The first workspace's own guardrail, in some seeds.
        let own = rng.coin().then(|| live.guardrails[0].id.clone());
        if let Some(id) = &own {
            live.workspaces[0].default_guardrail_id = id.clone();
        }
        let text = keymaster(&live);
        assert_eq!(text, keymaster(&live.clone()), "seed {seed}");
        let doc: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        assert_eq!(doc["version"].as_integer(), Some(1));
        let table = |name: &str| {
            doc.get(name)
                .and_then(|t| t.as_table())
                .cloned()
                .unwrap_or_default()
        };
        let (workspaces, guardrails, keys) =
            (table("workspaces"), table("guardrails"), table("keys"));
        assert_eq!(workspaces.len(), live.workspaces.len(), "seed {seed}");
        assert_eq!(guardrails.len(), live.guardrails.len(), "seed {seed}");
        assert_eq!(keys.len(), live.keys.len(), "seed {seed}");
        assert_eq!(
            table("log_destinations").len(),
            live.destinations.len(),
            "seed {seed}"
        );
        for key in &live.keys {
            let command = format!(" --hash {}\n", key.hash);
            assert_eq!(
                text.matches(&command).count(),
                1,
                "seed {seed}: import of {}",
                key.hash
            );
        }
        if let Some(id) = &own {
            let (_, entry) = guardrails
                .iter()
                .find(|(_, e)| e["name"].as_str() == Some(live.guardrails[0].name.as_str()))
                .expect("the default guardrail's entry");
            assert!(entry.get("workspace").is_none() && entry.get("workspace_id").is_none());
            assert!(
                !text.contains(&format!("--id {id}\n")),
                "seed {seed}: never imported"
            );
            let defaults: Vec<_> = workspaces
                .values()
                .filter_map(|w| w.get("default_guardrail"))
                .collect();
            assert_eq!(defaults.len(), 1, "seed {seed}");
            assert!(guardrails.contains_key(defaults[0].as_str().expect("an address")));
        }
        for g in &live.guardrails {
            let entry = guardrails
                .values()
                .find(|e| e["name"].as_str() == Some(g.name.as_str()));
            assert!(entry.is_some(), "seed {seed}: {:?} survives", g.name);
        }
        for (_, entry) in keys.iter().chain(guardrails.iter()) {
            if let Some(w) = entry.get("workspace").and_then(|v| v.as_str()) {
                assert!(workspaces.contains_key(w), "seed {seed}: workspace {w}");
            }
            if let Some(g) = entry.get("guardrail").and_then(|v| v.as_str()) {
                assert!(guardrails.contains_key(g), "seed {seed}: guardrail {g}");
            }
        }
        assert!(
            text.contains(".name: the destination has none"),
            "seed {seed}"
        );
        if !live.keys.is_empty() {
            assert!(
                text.contains(".name: holds `sk-or-`"),
                "seed {seed}: named as left out"
            );
        }
        assert!(
            !text.to_ascii_lowercase().contains("sk-or-v1"),
            "seed {seed}\n{text}"
        );
        for secret in SECRETS {
            assert!(
                !text.contains(secret),
                "seed {seed}: {secret} leaked\n{text}"
            );
        }
        for left in ["members", "BYOK", "SCIM", "allowed_data_regions"] {
            assert!(text
                .split("\nversion = 1\n")
                .next()
                .expect("a head")
                .contains(left));
        }
    }
}

/// With the `terraform` binary on the PATH: the export is already as `terraform fmt` writes it
/// (which parses it: a syntax error fails too), and Terraform reads the hostile literals back as
/// the originals (their SHA-256 through `terraform console`). Terraform is never downloaded.
// The wasm32 lib test builds it too, where there are no processes to start.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn terraform_itself_reads_the_export_as_written() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let run = |dir: &std::path::Path, args: &[&str]| {
        let mut command = Command::new("terraform");
        command
            .args(args)
            .current_dir(dir)
            .env("CHECKPOINT_DISABLE", "1");
        command
    };
    let dir = std::env::temp_dir().join(format!("ora-interop-{}", std::process::id()));
    let empty = dir.join("console");
    std::fs::create_dir_all(&empty).expect("a temporary folder");
    if run(&dir, &["version"]).output().is_err() {
        eprintln!("terraform is not installed: this test checks nothing here");
        return;
    }
    let mut live = rich(&mut Rng(13), 3, 5);
    live.workspaces[0].name = HOSTILE.into();
    std::fs::write(dir.join("main.tf"), terraform(&live)).expect("written");
    let fmt = run(&dir, &["fmt", "-check", "-diff", "-no-color"])
        .output()
        .expect("fmt runs");
    assert!(
        fmt.status.success(),
        "terraform fmt: {}{}",
        String::from_utf8_lossy(&fmt.stdout),
        String::from_utf8_lossy(&fmt.stderr)
    );
    let samples = [HOSTILE, "$", "$${", "%%{", "a\u{1b}b\u{7f}", "ü ${x}"];
    // A console that reads a pipe prints only its last answer: one run per sample.
    let got: Vec<String> = samples
        .iter()
        .map(|sample| {
            let mut console = run(&empty, &["console"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("console runs");
            let mut stdin = console.stdin.take().expect("a stdin");
            writeln!(stdin, "sha256({})", super::terraform::quote(sample)).expect("written");
            drop(stdin);
            let out = console.wait_with_output().expect("console ends");
            String::from_utf8_lossy(&out.stdout)
                .trim()
                .trim_matches('"')
                .to_owned()
        })
        .collect();
    let want: Vec<String> = samples
        .iter()
        .map(|s| super::digest::sha256(s.as_bytes())["sha256:".len()..].to_owned())
        .collect();
    assert_eq!(got, want);
    let _ = std::fs::remove_dir_all(&dir);
}
