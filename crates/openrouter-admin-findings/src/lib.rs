//! The core's [`findings`](openrouter_admin::findings) and
//! [`orgfile`](openrouter_admin::orgfile) for JavaScript, built twice: with the feature
//! `findings-only`, the npm package's `openrouter-admin/findings` entry (`readFindings`, what
//! `openrouter-admin check` runs); without it, its `openrouter-admin/org` entry (`readFindings`
//! and the organization file's `exportOrg`, `plan`, `apply`, what `openrouter-admin
//! export|plan|apply` run), which is more than twice the download.
//!
//! A wasm module of its own, beside the client's: reading a whole organization decodes every
//! model with serde and formats sentences, which the client's module (with its gzip budget)
//! never needs. Who imports only the client downloads none of this.
//!
//! - `options`: the one argument, read from JavaScript without trusting it (getters that
//!   throw, proxies, wrong types become a `validation` rejection naming the option);
//! - `org`: the organization as a reviewed file, `exportOrg`, `plan`, `apply`, `settleDrift`
//!   (issue 22), `org_options` their options and `org_types` their TypeScript declarations (not
//!   in the `findings-only` build);
//! - `types`: the TypeScript declarations of the findings;
//! - this file: the export, the report it resolves to, the rejections.
//!
//! Natively the crate is empty: everything here needs a JavaScript host.

#![warn(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod options;
#[cfg(all(target_arch = "wasm32", not(feature = "findings-only")))]
mod org;
#[cfg(all(target_arch = "wasm32", not(feature = "findings-only")))]
mod org_options;
#[cfg(all(target_arch = "wasm32", not(feature = "findings-only")))]
mod org_types;
#[cfg(target_arch = "wasm32")]
mod types;

#[cfg(all(target_arch = "wasm32", not(feature = "findings-only")))]
pub use org::{apply_org, export_org, plan_org, settle_drift};
#[cfg(target_arch = "wasm32")]
pub use wasm::read_findings;

// The same allocator as the client's module, for the same reason (a smaller module).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
mod wasm {
    use js_sys::{Function, Object, Promise, Reflect, JSON};
    use openrouter_admin::findings::{runway, Finding, OrgSnapshot, Severity};
    use openrouter_admin::handlers::Progress;
    use openrouter_admin::{Client, Error};
    use serde_json::json;
    use wasm_bindgen::prelude::*;

    use crate::options::{read, Options};

    /// Reads the organization and resolves to its report: `{ findings, counts, runway,
    /// organization, generatedAt }` (the package's `findings.schema.json`). Rejects with an
    /// `OpenRouterError` (`kind`, `status`, `message`); a bad option is a `validation` error
    /// naming it, before any request.
    #[wasm_bindgen(js_name = readFindings, unchecked_return_type = "Promise<FindingsReport>")]
    pub fn read_findings(
        #[wasm_bindgen(unchecked_param_type = "ReadFindingsOptions")] options: JsValue,
    ) -> Promise {
        let options = match read(&options) {
            Ok(o) => o,
            Err(e) => return Promise::reject(&to_js(&e)),
        };
        wasm_bindgen_futures::future_to_promise(async move { run(options).await })
    }

    async fn run(o: Options) -> Result<JsValue, JsValue> {
        let Options {
            client,
            thresholds,
            signal,
            concurrency,
            on_progress,
        } = o;
        let client: Client = client;
        let mut read = client
            .organization()
            .snapshot()
            .thresholds(thresholds.clone());
        if let Some(signal) = signal {
            read = read.signal(signal);
        }
        if let Some(n) = concurrency {
            read = read.concurrency(n);
        }
        if let Some(f) = on_progress {
            read = read.on_progress(move |p| progress(&f, p));
        }
        let (snapshot, found) = read.findings().await.map_err(|e| to_js(&e))?;
        let text = report(&snapshot, &found).to_string();
        JSON::parse(&text).map_err(|_| JsValue::from_str("the report is not JSON"))
    }

    /// Calls the caller's `onProgress` with `{ step, done, total }`; what it throws is its own
    /// business and does not stop the read.
    fn progress(f: &Function, p: Progress) {
        let value: JsValue = Object::new().into();
        let _ = Reflect::set(&value, &"step".into(), &p.step.into());
        let _ = Reflect::set(&value, &"done".into(), &(p.done as f64).into());
        let _ = Reflect::set(&value, &"total".into(), &(p.total as f64).into());
        let _ = f.call1(&JsValue::UNDEFINED, &value);
    }

    /// The report: the findings (most severe first), their counts by severity, the credit
    /// runway, what was read, and when.
    fn report(snapshot: &OrgSnapshot, found: &[Finding]) -> serde_json::Value {
        let count = |s: Severity| found.iter().filter(|f| f.severity == s).count();
        json!({
            "generatedAt": openrouter_admin::time::format_datetime(snapshot.now_ms as i64),
            "counts": {
                "critical": count(Severity::Critical),
                "warning": count(Severity::Warning),
                "info": count(Severity::Info),
            },
            "runway": runway(snapshot),
            "organization": {
                "workspaces": snapshot.workspaces.len(),
                "keys": snapshot.keys.len(),
                "members": snapshot.members.len(),
            },
            "findings": found,
        })
    }

    /// The core's error as an `Error` named `OpenRouterError` with `kind`, `status`, and
    /// `fieldErrors`; its message never holds the management key.
    pub(crate) fn to_js(e: &Error) -> JsValue {
        let js = js_sys::Error::new(e.message());
        js.set_name("OpenRouterError");
        let value: JsValue = js.into();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&value, &k.into(), &v);
        };
        set("kind", e.kind().as_str().into());
        set(
            "status",
            e.status().map_or(JsValue::NULL, |s| f64::from(s).into()),
        );
        let fields = js_sys::Array::new();
        for f in e.validation_errors() {
            let item: JsValue = Object::new().into();
            let _ = Reflect::set(&item, &"field".into(), &f.field.as_str().into());
            let _ = Reflect::set(&item, &"rule".into(), &f.rule.as_str().into());
            let _ = Reflect::set(&item, &"message".into(), &f.message.as_str().into());
            fields.push(&item);
        }
        set("fieldErrors", fields.into());
        value
    }
}
