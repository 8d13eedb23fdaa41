//! Edits keep what the user wrote: comments, order and every other member, and the file they
//! give reads back with exactly the one change.

use std::collections::{BTreeMap, BTreeSet};

use super::super::applied::{Drift, CHOICES};
use super::super::file::OrgFile;
use super::super::tests::Rng;
use super::super::value::Value;
use super::{bind_ids, stop_managing, take_into_file};

const FILE: &str = r#"{
  // Reviewed by the platform team.
  "version": 1,
  "workspaces": {
    "prod": {
      "id": "00000000-0000-4000-8000-000000000001",
      "name": "Production", // the name people see
      "budgets": { "daily": 10, "monthly": 300 },
      "members": ["user_a", "user_b"],
    },
    "new-team": {}
  },
  "keys": {
    "ci": { "name": "CI", "workspace": "prod", "limit": 5 },
    "bot": {
      "name": "Bot",
      "workspace": "new-team"
    }
  }
}
"#;

fn drift(address: &str, field: &str, live: Value) -> Drift {
    Drift {
        address: address.into(),
        field: field.into(),
        applied: Value::Null,
        live,
        choices: CHOICES,
    }
}

fn fields(text: &str, section: &str, address: &str) -> BTreeMap<&'static str, Value> {
    let file = OrgFile::parse(text).expect("the edited file reads");
    file.sections[section].entries[address].fields.clone()
}

#[test]
fn taking_a_drift_into_the_file_changes_that_field_and_keeps_the_comments() {
    let d = drift("workspaces.prod", "budgets.daily", Value::Number(7.5));
    let text = take_into_file(FILE, &d).expect("an edit");
    let mut expected = fields(FILE, "workspaces", "prod");
    expected.insert("budgets.daily", Value::Number(7.5));
    assert_eq!(fields(&text, "workspaces", "prod"), expected);
    assert!(text.contains("\"daily\": 7.5, \"monthly\": 300"), "{text}");
    assert!(text.contains("// Reviewed by the platform team."));
    assert!(text.contains("// the name people see"));
    assert_eq!(text.lines().count(), FILE.lines().count());

    let members = Value::Set(BTreeSet::from(["user_a".to_owned(), "user_c".to_owned()]));
    let text = take_into_file(&text, &drift("workspaces.prod", "members", members.clone()))
        .expect("an edit");
    assert_eq!(fields(&text, "workspaces", "prod")["members"], members);
}

#[test]
fn a_field_the_file_left_out_is_written_into_its_entry() {
    let d = drift("workspaces.prod", "budgets.weekly", Value::Null);
    let text = take_into_file(FILE, &d).expect("an edit");
    assert_eq!(
        fields(&text, "workspaces", "prod")["budgets.weekly"],
        Value::Null
    );
    let d = drift("workspaces.new-team", "budgets.daily", Value::Number(2.0));
    let text = take_into_file(&text, &d).expect("an edit into an empty entry");
    assert_eq!(
        fields(&text, "workspaces", "new-team")["budgets.daily"],
        Value::Number(2.0)
    );
}

#[test]
fn a_reference_taken_into_the_file_names_the_entry_bound_to_it() {
    let id = "00000000-0000-4000-8000-000000000001";
    let d = drift("keys.bot", "workspace", Value::Text(id.into()));
    let text = take_into_file(FILE, &d).expect("an edit");
    assert_eq!(
        fields(&text, "keys", "bot")["workspace"],
        Value::Text("prod".into())
    );
    let other = "00000000-0000-4000-8000-0000000000aa";
    let d = drift("keys.bot", "workspace", Value::Text(other.into()));
    let text = take_into_file(FILE, &d).expect("an edit");
    assert_eq!(
        fields(&text, "keys", "bot")["workspace"],
        Value::Text(other.into())
    );
}

#[test]
fn stopping_managing_a_field_removes_only_that_member() {
    for (address, field) in [
        ("workspaces.prod", "name"),
        ("workspaces.prod", "members"),
        ("workspaces.prod", "budgets.daily"),
        ("workspaces.prod", "budgets.monthly"),
        ("keys.ci", "name"),
        ("keys.ci", "limit"),
        ("keys.bot", "workspace"),
        ("keys.bot", "name"),
    ] {
        let text = stop_managing(FILE, &drift(address, field, Value::Null))
            .unwrap_or_else(|e| panic!("{address}.{field}: {e}"));
        let (section, entry) = address.split_once('.').expect("test data");
        let mut expected = fields(FILE, section, entry);
        expected.remove(field);
        assert_eq!(
            fields(&text, section, entry),
            expected,
            "{address}.{field}:\n{text}"
        );
        assert!(text.contains("// Reviewed by the platform team."));
    }
    let text =
        stop_managing(FILE, &drift("workspaces.prod", "members", Value::Null)).expect("an edit");
    assert!(!text.contains("user_a"), "the member's line goes: {text}");
    assert_eq!(text.lines().count(), FILE.lines().count() - 1);
}

#[test]
fn an_edit_of_what_the_file_does_not_have_names_it() {
    let e = stop_managing(FILE, &drift("workspaces.prod", "description", Value::Null))
        .expect_err("not in the file");
    assert_eq!(
        e.validation_errors()[0].field,
        "workspaces.prod.description"
    );
    let e = take_into_file(FILE, &drift("workspaces.staging", "name", Value::Null))
        .expect_err("no such entry");
    assert_eq!(e.validation_errors()[0].field, "workspaces.staging");
    assert_eq!(e.validation_errors()[0].rule, "not_in_file");
}

#[test]
fn bound_ids_are_written_first_in_each_entry_and_read_back_as_bound() {
    let bound = BTreeMap::from([
        (
            "workspaces.new-team".to_owned(),
            "00000000-0000-4000-8000-000000000002".to_owned(),
        ),
        ("keys.ci".to_owned(), "a1b2".to_owned()),
        ("keys.bot".to_owned(), "c3d4".to_owned()),
        // Bound already: the id is replaced, never written twice.
        (
            "workspaces.prod".to_owned(),
            "00000000-0000-4000-8000-000000000001".to_owned(),
        ),
    ]);
    let text = bind_ids(FILE, &bound).expect("an edit");
    let file = OrgFile::parse(&text).expect("the edited file reads");
    for (path, id) in &bound {
        let (section, address) = path.split_once('.').expect("test data");
        let entry = &file.sections[section].entries[address];
        assert_eq!(entry.id.as_deref(), Some(id.as_str()), "{path}");
        assert_eq!(entry.fields, fields(FILE, section, address), "{path}");
    }
    assert!(
        text.contains("\"bot\": {\n      \"hash\": \"c3d4\",\n      \"name\": \"Bot\""),
        "{text}"
    );
    assert!(
        text.contains("\"ci\": { \"hash\": \"a1b2\", \"name\": \"CI\""),
        "{text}"
    );
    assert!(text.contains("// the name people see"));
}

/// Random layouts (spaces, line breaks, comments, trailing commas) of random entries: binding
/// an id and then stopping to manage a field change exactly those and nothing else.
#[test]
fn edits_hold_whatever_the_layout() {
    for seed in 1..300u64 {
        let mut rng = Rng(seed * 7919);
        let gap = |rng: &mut Rng| match rng.below(5) {
            0 => "",
            1 => " ",
            2 => "\n    ",
            3 => " /* é */ ",
            _ => " // note\n  ",
        };
        let mut text = String::from("{\"version\": 1,");
        text.push_str(gap(&mut rng));
        text.push_str("\"keys\": {");
        let n = 1 + rng.below(3);
        for k in 0..n {
            text.push_str(gap(&mut rng));
            text.push_str(&format!("\"k{k}\":{}{{", gap(&mut rng)));
            let mut members = vec![format!("\"name\": \"Key ✓ {k}\"")];
            if rng.coin() {
                members.push(format!("\"limit\": {}", rng.below(50)));
            }
            if rng.coin() {
                members.push("\"disabled\": false".into());
            }
            for (i, m) in members.iter().enumerate() {
                text.push_str(gap(&mut rng));
                text.push_str(m);
                if i + 1 < members.len() || rng.coin() {
                    text.push(',');
                }
            }
            text.push_str(gap(&mut rng));
            text.push('}');
            if k + 1 < n || rng.coin() {
                text.push(',');
            }
        }
        text.push_str("}}");
        let before = OrgFile::parse(&text).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        let target = format!("k{}", rng.below(n));
        let bound = BTreeMap::from([(format!("keys.{target}"), format!("h{seed}"))]);
        let bound_text = bind_ids(&text, &bound).expect("an edit");
        let field = ["name", "limit", "disabled"][rng.below(3) as usize];
        let edited = match stop_managing(
            &bound_text,
            &drift(&format!("keys.{target}"), field, Value::Null),
        ) {
            Ok(t) => t,
            Err(_) => {
                assert!(!before.sections["keys"].entries[&target]
                    .fields
                    .contains_key(field));
                bound_text
            }
        };
        let after =
            OrgFile::parse(&edited).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{edited}"));
        for (address, was) in &before.sections["keys"].entries {
            let now = &after.sections["keys"].entries[address];
            let mut expected = was.clone();
            if *address == target {
                expected.id = Some(format!("h{seed}"));
                expected.fields.remove(field);
            }
            assert_eq!(*now, expected, "seed {seed}:\n{text}\n---\n{edited}");
        }
    }
}
