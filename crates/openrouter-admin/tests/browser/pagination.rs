//! Walking lists longer than a page.

use super::*;

#[wasm_bindgen_test]
async fn pages_over_more_than_100_keys() {
    let c = client();
    let ws = new_workspace(&c, "many-keys").await;
    let made: Vec<_> = stream::iter((0..205).map(|i| {
        let c = c.clone();
        let ws = ws.id.clone();
        async move {
            c.keys()
                .create(CreateKey::new(format!("bulk-{i}")).workspace_id(ws))
                .send()
                .await
        }
    }))
    .buffered(6)
    .try_collect()
    .await
    .expect("205 keys");
    assert_eq!(made.len(), 205);
    let pages: Vec<_> = ok(
        c.keys()
            .list()
            .workspace(&ws.id)
            .paginate()
            .by_page()
            .try_collect(),
        "pages",
    )
    .await;
    assert_eq!(
        pages.iter().map(|p| p.data.len()).collect::<Vec<_>>(),
        vec![100, 100, 5]
    );
    let items: Vec<_> = ok(
        c.keys()
            .list()
            .workspace(&ws.id)
            .paginate()
            .by_item()
            .try_collect(),
        "items",
    )
    .await;
    assert_eq!(items.len(), 205);

    // bulk update with one failing key, then bulk delete
    let mut hashes: Vec<KeyHash> = made.iter().take(4).map(|k| k.data.hash.clone()).collect();
    hashes.insert(2, KeyHash::new("0".repeat(64)));
    let results = ok(
        c.keys()
            .bulk_update(hashes.clone(), UpdateKey::new().disabled(true))
            .send(),
        "bulk",
    )
    .await;
    assert_eq!(results.len(), 5);
    for (i, r) in results.iter().enumerate() {
        assert_eq!(r.hash, hashes[i]);
        if i == 2 {
            assert!(r.result.as_ref().is_err_and(|e| e.is_not_found()));
        } else {
            assert!(r.result.as_ref().is_ok_and(|k| k.disabled));
        }
    }
    let all: Vec<KeyHash> = made.iter().map(|k| k.data.hash.clone()).collect();
    let deleted = ok(
        c.keys().bulk_delete(all).concurrency(6).send(),
        "bulk delete",
    )
    .await;
    assert!(deleted.iter().all(|r| r.result.is_ok()));
    c.workspace(&ws.id).delete().send().await.expect("cleanup");
}

#[wasm_bindgen_test]
async fn pages_over_more_than_100_workspaces() {
    let c = client();
    let prefix = unique("pg");
    let made: Vec<Workspace> = stream::iter((0..101).map(|i| {
        let c = c.clone();
        let slug = format!("{prefix}-{i}");
        async move {
            c.workspaces()
                .create(CreateWorkspace::new(slug.clone(), slug))
                .send()
                .await
        }
    }))
    .buffered(6)
    .try_collect()
    .await
    .expect("101 workspaces");
    let all = ok(
        c.workspaces()
            .list()
            .limit(25)
            .paginate()
            .concurrency(4)
            .collect_all(),
        "all",
    )
    .await;
    let total = c
        .workspaces()
        .list()
        .limit(1)
        .send()
        .await
        .expect("count")
        .total_count
        .expect("total");
    assert_eq!(all.len() as u64, total, "collect_all got every workspace");
    assert_eq!(
        all.iter().filter(|w| w.slug.starts_with(&prefix)).count(),
        101
    );
    let mut seen = std::collections::HashSet::new();
    assert!(
        all.iter().all(|w| seen.insert(w.id.clone())),
        "no duplicates"
    );
    let items: Vec<Workspace> = c
        .workspaces()
        .list()
        .limit(100)
        .paginate()
        .by_item()
        .try_collect()
        .await
        .expect("items");
    assert_eq!(items.len(), all.len());
    stream::iter(made.into_iter().map(|w| {
        let c = c.clone();
        async move { c.workspace(&w.id).delete().send().await }
    }))
    .buffered(6)
    .try_collect::<Vec<_>>()
    .await
    .expect("cleanup");
}
