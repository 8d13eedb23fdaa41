//! Observability destinations against the sandbox, in Chromium and Firefox.

use super::*;

fn webhook(n: usize) -> CreateDestination {
    CreateDestination::new(
        DestinationType::Webhook,
        format!("Hook {n}"),
        JsonObject::from_json(format!(r#"{{"url":"https://hooks.example/{n}"}}"#)),
    )
}

#[wasm_bindgen_test]
async fn destinations_create_list_update_delete_with_regions() {
    let c = client();
    let ws = new_workspace(&c, "dest").await;
    let config = r#"{"publicKey":"pk-lf-1","secretKey":"sk-lf-browser-secret-1234"}"#;
    let dests = c.workspace(&ws.id).destinations();
    let created = ok(dests.create(langfuse("Langfuse", config)).send(), "create").await;
    assert_eq!(created.kind, DestinationType::Langfuse);
    assert_eq!(created.regions, vec![DataRegion::Global], "the default");
    assert_eq!(created.config["secretKey"], "sk-...1234", "masked");
    let updated = ok(
        c.destination(&created.id)
            .update(UpdateDestination::new().regions(vec!["eu".to_owned()]))
            .send(),
        "regions",
    )
    .await;
    assert_eq!(updated.regions, vec![DataRegion::Europe]);
    let updated = ok(
        c.destination(&created.id)
            .update(UpdateDestination::new().enabled(false).sampling_rate(0.5))
            .send(),
        "update",
    )
    .await;
    assert_eq!(
        updated.regions,
        vec![DataRegion::Europe],
        "kept when left out"
    );
    assert!(!updated.enabled);
    let listed = ok(
        c.workspace(&ws.id)
            .destinations()
            .list()
            .paginate()
            .collect_all(),
        "list",
    )
    .await;
    assert_eq!(listed, vec![updated.clone()]);
    // Cleared regions are refused before sending.
    let e = fails(
        c.destination(&created.id)
            .update(UpdateDestination::new().regions(Vec::<String>::new()))
            .send(),
        "empty",
    )
    .await;
    assert_eq!(e.validation_errors()[0].field, "regions");
    ok(c.destination(&created.id).delete().send(), "delete").await;
    assert!(c
        .destination(&created.id)
        .get()
        .send()
        .await
        .expect_err("gone")
        .is_not_found());
}

#[wasm_bindgen_test]
async fn a_sixth_destination_of_one_type_is_a_409() {
    let c = client();
    let ws = new_workspace(&c, "dest-limit").await;
    for n in 0..MAX_DESTINATIONS_PER_TYPE {
        ok(
            c.workspace(&ws.id).destinations().create(webhook(n)).send(),
            "within the limit",
        )
        .await;
    }
    let e = fails(
        c.workspace(&ws.id).destinations().create(webhook(6)).send(),
        "the sixth",
    )
    .await;
    assert_eq!(e.status(), Some(409), "{e:?}");
    assert!(!e.is_outcome_unknown(), "a refusal, not a lost answer");
    assert!(e.message().contains("5 webhook"), "{e}");
    let all = ok(c.workspace(&ws.id).destinations().list().send(), "list").await;
    assert_eq!(all.data.len(), MAX_DESTINATIONS_PER_TYPE, "nothing created");
    // A missing required setting is the client's to refuse.
    let dests = c.workspace(&ws.id).destinations();
    let no_secret = langfuse("No secret", r#"{"publicKey":"pk"}"#);
    let e = fails(dests.create(no_secret).send(), "invalid").await;
    assert_eq!(e.validation_errors()[0].field, "config.secretKey");
}

/// A Langfuse destination's create body named `name`, with `config` as JSON text.
fn langfuse(name: &str, config: &str) -> CreateDestination {
    CreateDestination::new(
        DestinationType::Langfuse,
        name,
        JsonObject::from_json(config),
    )
}
