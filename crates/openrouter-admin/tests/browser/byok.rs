//! BYOK provider credentials against the sandbox, in Chromium and Firefox.

use super::*;
use openrouter_admin::Secret;

const PROVIDER_KEY: &str = "sk-proj-BROWSER-PROVIDER-KEY-0123456789abcd";

#[wasm_bindgen_test]
async fn byok_create_list_get_update_delete_in_a_workspace() {
    let c = client();
    let ws = new_workspace(&c, "byok").await;
    let created = c
        .workspace(&ws.id)
        .byok()
        .create(
            CreateByokKey::new("openai", Secret::new(PROVIDER_KEY))
                .name("Browser OpenAI")
                .is_byok_only(true)
                .declared_zdr(true),
        )
        .send()
        .await
        .expect("create");
    assert_eq!(created.workspace_id.as_ref(), Some(&ws.id));
    assert_eq!(created.label, "sk-...abcd");
    assert!(created.is_byok_only && !created.is_fallback);
    assert!(!format!("{created:?}").contains(PROVIDER_KEY));

    let all = ok(
        c.workspace(&ws.id)
            .byok()
            .list()
            .limit(1)
            .paginate()
            .collect_all(),
        "list",
    )
    .await;
    assert_eq!(all, vec![created.clone()]);
    let got = c.byok_key(&created.id).get().send().await.expect("get");
    assert_eq!(got, created);

    let updated = c
        .byok_key(&created.id)
        .update(
            UpdateByokKey::new()
                .key(Secret::new("sk-proj-ROTATED-IN-THE-BROWSER-wxyz"))
                .declared_zdr(None)
                .is_required(true),
        )
        .send()
        .await
        .expect("update");
    assert_eq!(updated.label, "sk-...wxyz");
    assert_eq!(updated.declared_zdr, None);
    assert!(updated.is_required);

    ok(c.byok_key(&created.id).delete().send(), "delete").await;
    let gone = fails(c.byok_key(&created.id).get().send(), "gone").await;
    assert!(gone.is_not_found(), "{gone:?}");
}

#[wasm_bindgen_test]
async fn byok_bad_input_is_refused_before_sending_or_by_the_sandbox() {
    let c = client();
    let ws = new_workspace(&c, "byok-bad").await;
    let before = log_count("POST", "/api/v1/byok").await;
    // The client's rules: nothing is sent.
    let e = c
        .workspace(&ws.id)
        .byok()
        .create(
            CreateByokKey::new("openai", Secret::new(PROVIDER_KEY))
                .is_fallback(true)
                .is_byok_only(true),
        )
        .send()
        .await
        .expect_err("exclusive");
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert_eq!(e.validation_errors()[0].field, "is_byok_only");
    let e = fails(
        c.workspace(&ws.slug)
            .byok()
            .create(CreateByokKey::new("openai", Secret::new(PROVIDER_KEY)))
            .send(),
        "a slug",
    )
    .await;
    assert_eq!(e.validation_errors()[0].field, "workspace_id");
    assert!(!format!("{e:?} {e}").contains(PROVIDER_KEY));
    assert_eq!(
        log_count("POST", "/api/v1/byok").await,
        before,
        "nothing sent"
    );
    // The API's rule: a provider it does not serve (the client keeps the list open).
    let e = c
        .workspace(&ws.id)
        .byok()
        .create(CreateByokKey::new(
            "provider-of-2030",
            Secret::new(PROVIDER_KEY),
        ))
        .send()
        .await
        .expect_err("unknown provider");
    assert_eq!((e.kind(), e.status()), (ErrorKind::BadRequest, Some(400)));
    assert!(e.message().contains("provider"), "{e}");
    assert!(!format!("{e:?} {e}").contains(PROVIDER_KEY));
    let listed = ok(c.workspace(&ws.id).byok().list().send(), "list").await;
    assert!(listed.data.is_empty(), "nothing created");
}
