//! Observability destinations: every rule of the sandbox's README, and bad input.

use serde_json::{json, Value};

use crate::common::{assert_error, Sb};

const PATH: &str = "/observability/destinations";
const LANGFUSE_SECRET: &str = "sk-lf-SANDBOX-LANGFUSE-SECRET-0123456789";

async fn listed(sb: &Sb, ws: &str) -> Vec<Value> {
    let (s, v) = sb.get(&format!("{PATH}?workspace_id={ws}&limit=100")).await;
    assert_eq!(s, 200, "{v}");
    v["data"].as_array().unwrap().clone()
}

fn langfuse(ws: &str) -> Value {
    json!({"type": "langfuse", "name": "Langfuse", "workspace_id": ws,
           "config": {"publicKey": "pk-lf-1", "secretKey": LANGFUSE_SECRET}})
}

#[tokio::test]
async fn create_list_get_update_delete() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("research").await;
    let before = listed(&sb, &ws).await;
    let (s, v) = sb.post(PATH, langfuse(&ws)).await;
    assert_eq!(s, 201, "{v}");
    let d = &v["data"];
    assert_eq!(d["regions"], json!(["global"]), "the default region");
    assert_eq!(
        (&d["enabled"], &d["sampling_rate"], &d["privacy_mode"]),
        (&json!(true), &json!(1.0), &json!(false))
    );
    assert_eq!(d["config"]["publicKey"], "pk-lf-1");
    assert_eq!(d["config"]["secretKey"], "sk-...6789", "credentials masked");
    for field in [
        "id",
        "workspace_id",
        "name",
        "enabled",
        "privacy_mode",
        "broadcast_generation_cost",
        "broadcast_generation_identity",
        "broadcast_generation_request_context",
        "sampling_rate",
        "api_key_hashes",
        "filter_rules",
        "created_at",
        "updated_at",
        "type",
        "config",
        "regions",
    ] {
        assert!(d.get(field).is_some(), "missing {field}");
    }
    let id = d["id"].as_str().unwrap().to_owned();
    let (s, g) = sb.get(&format!("{PATH}/{id}")).await;
    assert_eq!((s, &g["data"]), (200, d));
    assert_eq!(listed(&sb, &ws).await.len(), before.len() + 1);

    // An update that leaves regions out keeps them; the masked secret sent back is unchanged.
    let (s, u) = sb
        .patch(
            &format!("{PATH}/{id}"),
            json!({"regions": ["eu", "us", "europe"], "name": "Langfuse EU"}),
        )
        .await;
    assert_eq!(s, 200, "{u}");
    assert_eq!(
        u["data"]["regions"],
        json!(["europe", "us"]),
        "eu is europe"
    );
    let (s, u) = sb
        .patch(
            &format!("{PATH}/{id}"),
            json!({"enabled": false, "sampling_rate": 0.25,
                   "config": {"secretKey": "sk-...6789", "baseUrl": "https://cloud.langfuse.com"},
                   "filter_rules": {"groups": [{"logic": "or", "rules": [
                       {"field": "model", "operator": "equals", "value": "openai/gpt-4o"}]}]}}),
        )
        .await;
    assert_eq!(s, 200, "{u}");
    let u = &u["data"];
    assert_eq!(u["regions"], json!(["europe", "us"]), "kept when omitted");
    assert_eq!(u["config"]["secretKey"], "sk-...6789");
    assert_eq!(u["config"]["baseUrl"], "https://cloud.langfuse.com");
    assert_eq!(u["config"]["publicKey"], "pk-lf-1", "other settings kept");
    assert_eq!(u["filter_rules"]["groups"][0]["logic"], "or");
    assert_eq!(u["name"], "Langfuse EU");
    let (_, cleared) = sb
        .patch(&format!("{PATH}/{id}"), json!({"filter_rules": null}))
        .await;
    assert_eq!(cleared["data"]["filter_rules"], Value::Null);

    let everything = format!("{v}{g}{}", Value::from(sb.log().await));
    assert!(!everything.contains(LANGFUSE_SECRET), "{everything}");

    assert_eq!(
        sb.delete(&format!("{PATH}/{id}")).await,
        (200, json!({"deleted": true}))
    );
    assert_error(&sb.get(&format!("{PATH}/{id}")).await, 404, "not found");
    assert_eq!(listed(&sb, &ws).await, before);
}

#[tokio::test]
async fn at_most_five_of_one_type_per_workspace() {
    let sb = Sb::start().await;
    // The demo's staging workspace holds five webhooks already.
    let staging = sb.workspace_id("staging").await;
    let before = listed(&sb, &staging).await;
    let hooks = before.iter().filter(|d| d["type"] == "webhook").count();
    assert_eq!(hooks, 5);
    let hook = |ws: &str| {
        json!({"type": "webhook", "name": "Sixth", "workspace_id": ws,
               "config": {"url": "https://hooks.example/6"}})
    };
    assert_error(
        &sb.post(PATH, hook(&staging)).await,
        409,
        "5 webhook destinations",
    );
    assert_eq!(listed(&sb, &staging).await, before, "nothing created");
    // Another type in the same workspace, and the same type elsewhere, are fine.
    assert_eq!(sb.post(PATH, langfuse(&staging)).await.0, 201);
    let research = sb.workspace_id("research").await;
    for i in 0..5 {
        let (s, v) = sb.post(PATH, hook(&research)).await;
        assert_eq!(s, 201, "webhook {i}: {v}");
    }
    assert_error(
        &sb.post(PATH, hook(&research)).await,
        409,
        "delete one first",
    );
    // Deleting one makes room again.
    let first = before[0]["id"].as_str().unwrap();
    assert_eq!(sb.delete(&format!("{PATH}/{first}")).await.0, 200);
    assert_eq!(sb.post(PATH, hook(&staging)).await.0, 201);
}

#[tokio::test]
async fn regions_default_are_never_empty_and_never_cleared() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("research").await;
    let mut body = langfuse(&ws);
    body["regions"] = json!([]);
    assert_error(
        &sb.post(PATH, body.clone()).await,
        400,
        "regions: must not be empty",
    );
    body["regions"] = json!(["mars"]);
    assert_error(&sb.post(PATH, body.clone()).await, 400, "regions[0]");
    body["regions"] = json!(null);
    assert_error(
        &sb.post(PATH, body.clone()).await,
        400,
        "regions: must not be null",
    );
    assert!(listed(&sb, &ws).await.is_empty(), "nothing created");
    body["regions"] = json!(["eu"]);
    let (s, v) = sb.post(PATH, body).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["regions"], json!(["europe"]));
    let id = v["data"]["id"].as_str().unwrap();
    for (patch, needle) in [
        (json!({"regions": null}), "regions: must not be null"),
        (json!({"regions": []}), "regions: must not be empty"),
        (json!({"regions": "us"}), "regions: must be an array"),
    ] {
        assert_error(&sb.patch(&format!("{PATH}/{id}"), patch).await, 400, needle);
    }
    assert_eq!(
        sb.get(&format!("{PATH}/{id}")).await.1["data"]["regions"],
        json!(["europe"])
    );
}

#[tokio::test]
async fn config_is_checked_against_its_type() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("research").await;
    let post = |kind: &str, config: Value| json!({"type": kind, "name": "X", "workspace_id": ws, "config": config});
    let cases = [
        (
            post("langfuse", json!({"publicKey": "pk"})),
            "config.secretKey: required",
        ),
        (
            post("langfuse", json!({"publicKey": "pk", "secretKey": ""})),
            "config.secretKey: must not be empty",
        ),
        (
            post("langfuse", json!({"publicKey": 1, "secretKey": "s"})),
            "config.publicKey: must be a string",
        ),
        (
            post(
                "langfuse",
                json!({"publicKey": "p", "secretKey": "s", "password": "x"}),
            ),
            "config.password: not a setting of a langfuse destination",
        ),
        (
            post("s3", json!({"bucketName": "b", "accessKeyId": "a"})),
            "config.secretAccessKey: required",
        ),
        (
            post("newrelic", json!({"licenseKey": "l", "region": "ap"})),
            "config.region: must be one of us, eu",
        ),
        (
            post("webhook", json!({"url": "u", "method": "GET"})),
            "config.method",
        ),
        (
            post("webhook", json!({"url": "u", "headers": {"x": 1}})),
            "config.headers.x: must be a string",
        ),
        (post("webhook", json!([])), "config: must be an object"),
        (
            post("tomorrow", json!({})),
            "type: \"tomorrow\" is not a stable destination type",
        ),
        (
            json!({"type": "webhook", "name": "X", "workspace_id": ws}),
            "config: required",
        ),
        (json!({"name": "X", "config": {}}), "type: required"),
        (
            json!({"type": "webhook", "config": {"url": "u"}}),
            "name: required",
        ),
    ];
    for (body, needle) in cases {
        assert_error(&sb.post(PATH, body).await, 400, needle);
    }
    assert!(listed(&sb, &ws).await.is_empty(), "nothing created");
    // Every stable type with its required settings is accepted.
    let (s, v) = sb
        .post(
            PATH,
            post(
                "s3",
                json!({"bucketName": "b", "accessKeyId": "AKIA0000",
                              "secretAccessKey": "s3-secret-access-key-123456"}),
            ),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["config"]["secretAccessKey"], "s3-...3456");
    // An update may not drop a required setting or add a foreign one.
    let id = v["data"]["id"].as_str().unwrap();
    for (patch, needle) in [
        (
            json!({"config": {"bucketName": null}}),
            "config.bucketName: required",
        ),
        (
            json!({"config": {"apiKey": "x"}}),
            "config.apiKey: not a setting",
        ),
        (json!({"config": "x"}), "config: must be an object"),
    ] {
        assert_error(&sb.patch(&format!("{PATH}/{id}"), patch).await, 400, needle);
    }
}

#[tokio::test]
async fn bad_input_is_a_400_naming_the_field_and_changes_nothing() {
    let sb = Sb::start().await;
    let ws = sb.workspace_id("production").await;
    let before = listed(&sb, &ws).await;
    let with = |field: &str, value: Value| {
        let mut b = langfuse(&ws);
        b[field] = value;
        b
    };
    for (body, needle) in [
        (with("name", json!(5)), "name: must be a string"),
        (with("enabled", json!("true")), "enabled: must be a boolean"),
        (
            with("privacy_mode", json!(null)),
            "privacy_mode: must not be null",
        ),
        (
            with("sampling_rate", json!(0)),
            "sampling_rate: must be between 0.0001 and 1",
        ),
        (with("sampling_rate", json!(1.5)), "sampling_rate"),
        (
            with("sampling_rate", json!("1")),
            "sampling_rate: must be a number",
        ),
        (
            with("api_key_hashes", json!([])),
            "api_key_hashes: must hold at least one",
        ),
        (
            with("api_key_hashes", json!([""])),
            "api_key_hashes[0]: must not be empty",
        ),
        (
            with("filter_rules", json!({"enabled": true})),
            "filter_rules.groups: required",
        ),
        (
            with("filter_rules", json!([])),
            "filter_rules: must be an object",
        ),
        (
            with(
                "filter_rules",
                json!({"groups": [{"logic": "xor", "rules": []}]}),
            ),
            "filter_rules.groups[0].logic",
        ),
        (
            with(
                "filter_rules",
                json!({"groups": [{"rules": [{"field": "model", "operator": "equals", "value": {}}]}]}),
            ),
            "filter_rules.groups[0].rules[0].value: must be a string or a number",
        ),
        (
            with(
                "filter_rules",
                json!({"groups": [{"rules": [{"field": "colour", "operator": "equals"}]}]}),
            ),
            "filter_rules.groups[0].rules[0].field",
        ),
        (
            with(
                "filter_rules",
                json!({"groups": [{"rules": [{"field": "model", "operator": "like"}]}]}),
            ),
            "filter_rules.groups[0].rules[0].operator",
        ),
        (with("workspace_id", json!("production")), "workspace_id"),
        (with("type", json!(1)), "type: must be a string"),
    ] {
        let got = sb.post(PATH, body).await;
        assert_error(&got, 400, needle);
        assert!(!got.1.to_string().contains(LANGFUSE_SECRET));
    }
    assert_eq!(listed(&sb, &ws).await, before, "nothing created");
    let id = before[0]["id"].as_str().unwrap();
    for (patch, needle) in [
        (json!({"name": null}), "name: must not be null"),
        (json!({"enabled": 1}), "enabled: must be a boolean"),
        (json!({"sampling_rate": -1}), "sampling_rate"),
        (json!({"api_key_hashes": []}), "api_key_hashes"),
    ] {
        assert_error(&sb.patch(&format!("{PATH}/{id}"), patch).await, 400, needle);
    }
    assert_eq!(listed(&sb, &ws).await, before, "nothing changed");
    assert_error(
        &sb.get(&format!("{PATH}?workspace_id=not-a-uuid")).await,
        400,
        "workspace_id",
    );
}
