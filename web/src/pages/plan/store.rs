//! The last apply's state kept in the browser's IndexedDB, read back for the drift the next plan
//! shows first.
//!
//! Kept per organization, not per management key: drift is about what someone changed in the
//! organization by hand, whichever key the next admin signs in with (and a key is rotated). The
//! organization is named by the API's base URL and the id `GET /key` gives. A state that does not
//! match would show no drift anyway: drift compares by live id.
//!
//! Through web-sys's own IndexedDB bindings (no crate added): two requests, each awaited through a
//! promise. The state holds no secret (`AppliedState` is the file's managed fields only).

use openrouter_admin::orgfile::{AppliedState, LiveOrg};
use openrouter_admin::Client;

/// The database and its one object store.
#[cfg(target_arch = "wasm32")]
const DB: &str = "openrouter-admin";
#[cfg(target_arch = "wasm32")]
const STORE: &str = "applied-state";

/// The key a state is kept under: the base URL and the organization's id as `GET /key` gives it
/// (or, should it give none, the Default workspace's id, which every organization has once).
pub async fn org_key(client: &Client, base_url: &str, live: &LiveOrg) -> String {
    let org = client
        .current_key()
        .send()
        .await
        .ok()
        .and_then(|k| k.organization_id);
    let org = org.unwrap_or_else(|| {
        live.workspaces
            .iter()
            .find(|w| w.slug == "default")
            .map(|w| w.id.to_string())
            .unwrap_or_default()
    });
    format!("{base_url}#{org}")
}

/// The state kept for `key`, if any (and readable: a state this release cannot read is as none).
pub async fn load(key: &str) -> Option<AppliedState> {
    let text = imp::get(key).await?;
    serde_json::from_str(&text).ok()
}

/// Keeps `state` for `key`. `Err` says why it could not (private browsing, storage refused).
pub async fn save(key: &str, state: &AppliedState) -> Result<(), String> {
    let text = serde_json::to_string(state).map_err(|e| e.to_string())?;
    imp::put(key, &text).await
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::{DB, STORE};
    use js_sys::Promise;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

    /// Settles with the request's result when it succeeds, with nothing when it fails.
    async fn done(request: &IdbRequest) -> Option<JsValue> {
        let promise = Promise::new(&mut |resolve, reject| {
            let r = request.clone();
            let ok = Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
            });
            let failed = Closure::once_into_js(move || {
                let _ = reject.call0(&JsValue::NULL);
            });
            request.set_onsuccess(Some(ok.unchecked_ref()));
            request.set_onerror(Some(failed.unchecked_ref()));
        });
        JsFuture::from(promise).await.ok()
    }

    async fn open() -> Option<IdbDatabase> {
        let factory = web_sys::window()?.indexed_db().ok()??;
        let request: IdbOpenDbRequest = factory.open_with_u32(DB, 1).ok()?;
        // The first opening makes the store (this runs before `success`).
        let r = request.clone();
        let upgrade = Closure::once_into_js(move || {
            if let Some(db) = r
                .result()
                .ok()
                .and_then(|d| d.dyn_into::<IdbDatabase>().ok())
            {
                let _ = db.create_object_store(STORE);
            }
        });
        request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        done(&request).await?.dyn_into::<IdbDatabase>().ok()
    }

    pub async fn get(key: &str) -> Option<String> {
        let db = open().await?;
        let store = db
            .transaction_with_str(STORE)
            .ok()?
            .object_store(STORE)
            .ok()?;
        let request = store.get(&JsValue::from_str(key)).ok()?;
        let value = done(&request).await;
        db.close();
        value?.as_string()
    }

    pub async fn put(key: &str, text: &str) -> Result<(), String> {
        let refused = || "the browser refused to keep it (IndexedDB)".to_string();
        let db = open().await.ok_or_else(refused)?;
        let tx = db
            .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
            .map_err(|_| refused())?;
        let store = tx.object_store(STORE).map_err(|_| refused())?;
        let request = store
            .put_with_key(&JsValue::from_str(text), &JsValue::from_str(key))
            .map_err(|_| refused())?;
        let kept = done(&request).await;
        db.close();
        kept.map(|_| ()).ok_or_else(refused)
    }
}

/// Natively (unit tests) nothing is kept.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub async fn get(_key: &str) -> Option<String> {
        None
    }
    pub async fn put(_key: &str, _text: &str) -> Result<(), String> {
        Ok(())
    }
}
