//! The `OpenRouterAdmin` class: one method per operation of the core, converting and forwarding.
//!
//! Methods are plain (not `async fn`) and return a `Promise`. Arguments are checked
//! synchronously and a bad one becomes a rejected promise, like every other failure, instead
//! of throwing from some methods and rejecting from others.
//!
//! Size matters here (the package has a gzip budget), which shapes the code:
//! - every one-request method names its operation ([`Op`]) and hands its arguments to one
//!   `send`, which checks them, builds the endpoint and sends it as the core's
//!   [`TextRequest`]: one future type for all of them, whose answer's JSON text goes to
//!   `JSON.parse` untouched, so no model decoder is linked; the paginators share `pages` the
//!   same way;
//! - every future goes through one boxed, non-generic [`promise`] helper, so
//!   `future_to_promise` is instantiated once instead of once per method;
//! - `options` arrive as a plain `JsValue` (`undefined` when left out): an `Option<JsValue>`
//!   parameter costs conversion code in the glue and the wasm of every method.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::StreamExt;
use js_sys::{Array, Function, Object, Promise, Reflect};
use openrouter_admin::api::{self, Endpoint};
use openrouter_admin::handlers::{BulkResult, MemberOutcome, MemberReport, Rotation};
use openrouter_admin::models::{Interval, UpsertBudget};
use openrouter_admin::{
    Call, CancelSignal, Client, Error, ErrorKind, FetchTransport, ManagementKey, Method, OpClass,
    TextRequest,
};
use openrouter_admin::{KeyHash, Secret};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::body;
use crate::convert::{error_to_js, invalid, string_arg, strings_arg, Options};

// The async-iterator protocol needs `[Symbol.asyncIterator]` and an async generator, which
// wasm-bindgen cannot export; these few lines of JavaScript adapt the core's page stream
// (driven from Rust by `walk`, one page per pull, so nothing is fetched ahead) to
// `for await`. The paging itself (offsets, stop rules, the loop guard) stays in the core.
#[wasm_bindgen(inline_js = r#"
async function* pull(walk) {
  let handoff, resume = null;
  let next = new Promise((r) => (handoff = r));
  const sink = (page) => new Promise((r) => {
    resume = r;
    const h = handoff;
    next = new Promise((r2) => (handoff = r2));
    h({ page });
  });
  walk(sink).then(() => handoff({ end: true }), (error) => handoff({ error, failed: true }));
  try {
    for (;;) {
      const got = await next;
      if (got.failed) throw got.error;
      if (got.end) return;
      yield got.page;
      const r = resume;
      resume = null;
      r(true);
    }
  } finally {
    if (resume) resume(false);
  }
}
export function paginator(walk) {
  let used = false;
  const start = () => {
    if (used) throw new TypeError("this paginator was already iterated; call the list method again");
    used = true;
    return pull(walk);
  };
  return {
    pages() {
      return { [Symbol.asyncIterator]: start };
    },
    async *[Symbol.asyncIterator]() {
      for await (const page of { [Symbol.asyncIterator]: start }) yield* page.data;
    },
  };
}
"#)]
extern "C" {
    /// Wraps a `walk(sink)` function into a `Paginator` (items and `pages()`).
    fn paginator(walk: JsValue) -> JsValue;
}

/// Applies the optional cancel handle to any of the core's builders (they all have `.signal`).
macro_rules! signaled {
    ($call:expr, $signal:expr) => {
        match $signal {
            Some(signal) => $call.signal(signal),
            None => $call,
        }
    };
}

/// The `limit` and `offset` options of a list.
fn page_args(o: &Options) -> Result<(Option<u32>, Option<u64>), JsValue> {
    Ok((
        o.integer("limit", 1_000_000_000)?.map(|n| n as u32),
        offset_arg(o)?,
    ))
}

/// The `offset` option of a list.
fn offset_arg(o: &Options) -> Result<Option<u64>, JsValue> {
    Ok(o.integer("offset", 9_000_000_000_000_000)?
        .map(|n| n as u64))
}

/// Every method's future, boxed to one type.
type JsFut = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// The promise of `future`, whose error is already a JS value (an `OpenRouterError`).
/// Non-generic on purpose: one copy of `future_to_promise` for the whole module.
#[inline(never)]
fn promise(future: JsFut) -> Promise {
    future_to_promise(future)
}

/// Which part of a pass-through answer the method resolves to.
#[derive(Clone, Copy)]
enum Shape {
    /// The whole body (lists, budgets, created keys).
    Whole,
    /// The body's `data` member (`{"data": Workspace}` answers).
    Data,
    /// Nothing: `undefined` (deletes).
    Unit,
    /// Whatever JSON came back, or `undefined` for an empty body (`request`).
    Any,
}

/// Sends a pass-through call; `call` is the result of checking the arguments.
fn text(call: Result<TextRequest<FetchTransport>, JsValue>, shape: Shape) -> Promise {
    match call {
        Err(e) => Promise::reject(&e),
        Ok(request) => promise(Box::pin(async move {
            let body = request.send().await.map_err(reject)?;
            parse_answer(&body, shape)
        })),
    }
}

/// `call`, with the optional cancel handle, checked and serialized: every operation gives
/// this one type, so the future that sends it exists once in the wasm.
fn prepared<E: Endpoint>(
    call: Call<'_, FetchTransport, E>,
    signal: Option<CancelSignal>,
) -> TextRequest<FetchTransport> {
    signaled!(call, signal).into_text_request()
}

/// The `decode` error of an answer that is not what the API promises (the body is not
/// shown: a created key's answer holds its secret).
fn bad_answer(what: &'static str) -> JsValue {
    error_to_js(&Error::new(ErrorKind::Decode, what))
}

/// A 2xx body as a JS value (`JSON.parse`), picking `shape`'s part.
fn parse_answer(body: &str, shape: Shape) -> Result<JsValue, JsValue> {
    match shape {
        Shape::Unit => return Ok(JsValue::UNDEFINED),
        Shape::Any if body.trim().is_empty() => return Ok(JsValue::UNDEFINED),
        _ => {}
    }
    let value = js_sys::JSON::parse(body).map_err(|_| bad_answer("the answer is not JSON"))?;
    if let Shape::Any = shape {
        return Ok(value);
    }
    if !value.is_object() {
        return Err(bad_answer("the answer is not a JSON object"));
    }
    match shape {
        Shape::Data => {
            let data = Reflect::get(&value, &JsValue::from_str("data")).unwrap_or_default();
            if data.is_object() {
                Ok(data)
            } else {
                Err(bad_answer("the answer has no `data` object"))
            }
        }
        _ => Ok(value),
    }
}

/// The core's error as a rejection value.
fn reject(error: Error) -> JsValue {
    error_to_js(&error)
}

/// `options.signal` as the core's cancel handle.
fn signal_of(options: &Options) -> Result<Option<CancelSignal>, JsValue> {
    Ok(options.signal()?.map(CancelSignal::from))
}

/// A budget interval argument.
fn interval_arg(value: &JsValue) -> Result<Interval, JsValue> {
    match value.as_string().as_deref() {
        Some("daily") => Ok(Interval::Daily),
        Some("weekly") => Ok(Interval::Weekly),
        Some("monthly") => Ok(Interval::Monthly),
        Some("lifetime") => Ok(Interval::Lifetime),
        _ => Err(invalid(
            "interval",
            "enum",
            "`interval` must be \"daily\", \"weekly\", \"monthly\" or \"lifetime\"",
        )),
    }
}

/// An HTTP method argument.
fn method_arg(value: &JsValue) -> Result<Method, JsValue> {
    match value.as_string().as_deref() {
        Some("GET") => Ok(Method::Get),
        Some("POST") => Ok(Method::Post),
        Some("PUT") => Ok(Method::Put),
        Some("PATCH") => Ok(Method::Patch),
        Some("DELETE") => Ok(Method::Delete),
        _ => Err(invalid(
            "method",
            "enum",
            "`method` must be \"GET\", \"POST\", \"PUT\", \"PATCH\" or \"DELETE\"",
        )),
    }
}

/// A path below the base URL: `/` first, and no query or fragment (`options.query` carries
/// the query, encoded).
fn path_arg(value: &JsValue) -> Result<String, JsValue> {
    let path = string_arg(value, "path")?;
    if !path.starts_with('/') || path.contains(['?', '#']) {
        return Err(invalid(
            "path",
            "pattern",
            "`path` must start with / and hold no ? or # (put the query in options.query)",
        ));
    }
    Ok(path)
}

/// Sets a property on an object this module just created.
fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// The boxed page stream every paginator walks.
type Pages<'a> = Pin<Box<dyn futures_util::Stream<Item = Result<String, Error>> + 'a>>;

/// Drives one of the core's page streams for the JS `paginator`: hands each page to `sink`
/// and waits for the consumer to ask for the next (`true`) or stop (`false`).
async fn walk(mut pages: Pages<'_>, sink: Function) -> Result<JsValue, JsValue> {
    while let Some(page) = pages.next().await {
        let page = parse_answer(&page.map_err(reject)?, Shape::Whole)?;
        let more = JsFuture::from(Promise::from(sink.call1(&JsValue::UNDEFINED, &page)?)).await?;
        if !more.is_truthy() {
            break;
        }
    }
    Ok(JsValue::UNDEFINED)
}

/// Wraps a page stream as a JS `Paginator`, which [`walk`]s it once iterated. Not generic:
/// every list shares one closure and one walk future.
fn make_paginator(pages: Pages<'static>) -> JsValue {
    paginator(Closure::once_into_js(move |sink: Function| {
        promise(Box::pin(walk(pages, sink)))
    }))
}

/// A member report as `[{ user_id, outcome, error? }]`.
fn member_report(report: MemberReport) -> JsValue {
    let out = Array::new();
    for result in report.results {
        let item: JsValue = Object::new().into();
        set(
            &item,
            "user_id",
            &JsValue::from_str(result.user_id.as_str()),
        );
        let outcome = match result.outcome {
            MemberOutcome::Added => "added",
            MemberOutcome::AlreadyMember => "already_member",
            MemberOutcome::Removed => "removed",
            MemberOutcome::KeptActiveKeys => "kept_active_keys",
            MemberOutcome::KeptScimManaged => "kept_scim_managed",
            MemberOutcome::NotAMember => "not_a_member",
            MemberOutcome::Failed(error) => {
                set(&item, "error", &error_to_js(&error));
                "failed"
            }
            // The core's enum may grow: show such an outcome as a failure without an error.
            _ => "failed",
        };
        set(&item, "outcome", &JsValue::from_str(outcome));
        out.push(&item);
    }
    out.into()
}

/// Bulk results as `[{ hash, ok: true, value } | { hash, ok: false, error }]`: `value` is
/// the answer's `shape` part, or `null` for deletes (an answer that cannot be read is that
/// key's error).
fn bulk_results(results: Vec<BulkResult<String>>, shape: Shape) -> JsValue {
    let out = Array::new();
    for result in results {
        let outcome = result.result.map_err(reject).and_then(|text| match shape {
            Shape::Unit => Ok(JsValue::NULL),
            _ => parse_answer(&text, shape),
        });
        out.push(&bulk_item(&result.hash, outcome));
    }
    out.into()
}

/// One key's entry of [`bulk_results`]; not generic, so it exists once.
#[inline(never)]
fn bulk_item(hash: &KeyHash, outcome: Result<JsValue, JsValue>) -> JsValue {
    let item: JsValue = Object::new().into();
    set(&item, "hash", &JsValue::from_str(hash.as_str()));
    match outcome {
        Ok(value) => {
            set(&item, "ok", &JsValue::TRUE);
            set(&item, "value", &value);
        }
        Err(error) => {
            set(&item, "ok", &JsValue::FALSE);
            set(&item, "error", &error);
        }
    }
    item
}

/// A rotation as `{ created, old_hash, disable_error }`.
fn rotation(rotation: Rotation<Secret>) -> Result<JsValue, JsValue> {
    let out: JsValue = Object::new().into();
    let created = parse_answer(rotation.created.expose_secret(), Shape::Whole)?;
    set(&out, "created", &created);
    set(
        &out,
        "old_hash",
        &JsValue::from_str(rotation.old_hash.as_str()),
    );
    let disable_error = rotation
        .disable_error
        .as_ref()
        .map_or(JsValue::NULL, error_to_js);
    set(&out, "disable_error", &disable_error);
    Ok(out)
}

/// A client for OpenRouter's management API. Holds the management key inside the wasm
/// module's memory: it is not a property, so `JSON.stringify`, `toString` and the console
/// never show it.
#[wasm_bindgen]
pub struct OpenRouterAdmin {
    client: Client,
}

#[wasm_bindgen]
impl OpenRouterAdmin {
    /// `new OpenRouterAdmin({ apiKey, baseUrl?, timeoutMs?, maxRetries? })`; throws an
    /// `OpenRouterError` of kind `validation` for a missing key or a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<OpenRouterAdmin, JsValue> {
        if options.is_undefined() || options.is_null() {
            return Err(invalid(
                "options.apiKey",
                "required",
                "`options.apiKey` is required",
            ));
        }
        let o = Options::parse(&options)?;
        let key = o
            .string("apiKey")?
            .ok_or_else(|| invalid("options.apiKey", "required", "`options.apiKey` is required"))?;
        let mut builder = Client::builder().api_key(ManagementKey::new(key));
        if let Some(url) = o.string("baseUrl")? {
            builder = builder.base_url(url);
        }
        if let Some(ms) = o.integer("timeoutMs", 86_400_000)? {
            if ms < 1.0 {
                return Err(invalid(
                    "options.timeoutMs",
                    "range",
                    "`options.timeoutMs` must be at least 1",
                ));
            }
            builder = builder.timeout(Duration::from_millis(ms as u64));
        }
        if let Some(n) = o.integer("maxRetries", 10)? {
            builder = builder.max_retries(n as u32);
        }
        let client = builder.build().map_err(reject)?;
        Ok(OpenRouterAdmin { client })
    }

    /// A description without the key.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!(
            "OpenRouterAdmin {{ baseUrl: {}, apiKey: <redacted> }}",
            self.client.config().base_url
        )
    }

    /// What `JSON.stringify` shows: the base URL, never the key.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ baseUrl: string }")]
    pub fn to_json(&self) -> JsValue {
        let out: JsValue = Object::new().into();
        set(
            &out,
            "baseUrl",
            &JsValue::from_str(&self.client.config().base_url),
        );
        out
    }

    // ---- the calling key ---------------------------------------------------------------

    /// `GET /key`: the key this client uses (answers for any key; says `is_management_key`).
    #[wasm_bindgen(js_name = currentKey, unchecked_return_type = "Promise<CurrentKey>")]
    pub fn current_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CurrentKey, &[], &options)
    }

    // ---- workspaces ---------------------------------------------------------------------

    /// `GET /workspaces`: one page (`offset`, `limit` 1..100).
    #[wasm_bindgen(js_name = listWorkspaces, unchecked_return_type = "Promise<Page<Workspace>>")]
    pub fn list_workspaces(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Page(List::Workspaces), &[], &options)
    }

    /// Every workspace: `for await (const ws of client.workspaces())`, or `.pages()`.
    #[wasm_bindgen(js_name = workspaces, unchecked_return_type = "Paginator<Workspace>")]
    pub fn workspaces(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.pages(List::Workspaces, &[], &options)
    }

    /// `POST /workspaces`: validated; retried only on 429; otherwise a failure after sending
    /// is `outcome_unknown` (then `reconcileWorkspace(slug)`).
    #[wasm_bindgen(js_name = createWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn create_workspace(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateWorkspaceRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateWorkspace, &[&request], &options)
    }

    /// `GET /workspaces/{idOrSlug}`.
    #[wasm_bindgen(js_name = getWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn get_workspace(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetWorkspace, &[&id_or_slug], &options)
    }

    /// `PATCH /workspaces/{idOrSlug}`: a field left out stays, `null` clears it.
    #[wasm_bindgen(js_name = updateWorkspace, unchecked_return_type = "Promise<Workspace>")]
    pub fn update_workspace(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateWorkspaceRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::UpdateWorkspace, &[&id_or_slug, &patch], &options)
    }

    /// `DELETE /workspaces/{idOrSlug}` (refused while it has active keys).
    #[wasm_bindgen(js_name = deleteWorkspace, unchecked_return_type = "Promise<void>")]
    pub fn delete_workspace(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteWorkspace, &[&id_or_slug], &options)
    }

    /// After an `outcome_unknown` create: the workspace with this slug, or `null`.
    #[wasm_bindgen(js_name = reconcileWorkspace, unchecked_return_type = "Promise<Workspace | null>")]
    pub fn reconcile_workspace(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        promise(Box::pin(async move {
            let slug = string_arg(&slug, "slug")?;
            let o = Options::parse(&options)?;
            let answer = signaled!(client.workspaces().reconcile(slug), signal_of(&o)?)
                .send_text()
                .await
                .map_err(reject)?;
            answer.map_or(Ok(JsValue::NULL), |text| parse_answer(&text, Shape::Data))
        }))
    }

    // ---- members ------------------------------------------------------------------------

    /// `GET /workspaces/{idOrSlug}/members`: one page.
    #[wasm_bindgen(js_name = listMembers, unchecked_return_type = "Promise<Page<WorkspaceMember>>")]
    pub fn list_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Page(List::Members), &[&id_or_slug], &options)
    }

    /// Every member of a workspace, as a `Paginator`.
    #[wasm_bindgen(js_name = members, unchecked_return_type = "Paginator<WorkspaceMember>")]
    pub fn members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.pages(List::Members, &[&id_or_slug], &options)
    }

    /// Adds any number of users (chunks of 100) and reports one outcome per user.
    #[wasm_bindgen(js_name = addMembers, unchecked_return_type = "Promise<MemberResult[]>")]
    pub fn add_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(js_name = userIds, unchecked_param_type = "string[]")] user_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.change_members(id_or_slug, user_ids, options, true)
    }

    /// Removes any number of users (chunks of 100) and reports one outcome per user, saying
    /// why those who stayed did (`kept_active_keys`, `kept_scim_managed`).
    #[wasm_bindgen(js_name = removeMembers, unchecked_return_type = "Promise<MemberResult[]>")]
    pub fn remove_members(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(js_name = userIds, unchecked_param_type = "string[]")] user_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.change_members(id_or_slug, user_ids, options, false)
    }

    // ---- budgets ------------------------------------------------------------------------

    /// `GET /workspaces/{idOrSlug}/budgets`.
    #[wasm_bindgen(js_name = listBudgets, unchecked_return_type = "Promise<BudgetList>")]
    pub fn list_budgets(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::ListBudgets, &[&id_or_slug], &options)
    }

    /// `GET /workspaces/{idOrSlug}/budgets/{interval}`.
    #[wasm_bindgen(js_name = getBudget, unchecked_return_type = "Promise<BudgetResponse>")]
    pub fn get_budget(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BudgetInterval")] interval: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetBudget, &[&id_or_slug, &interval], &options)
    }

    /// `PUT /workspaces/{idOrSlug}/budgets/{interval}` with `limit_usd` (> 0; budgets must
    /// shrink from lifetime to daily); `options.includeByok` sets the workspace-wide flag.
    #[wasm_bindgen(js_name = putBudget, unchecked_return_type = "Promise<BudgetResponse>")]
    pub fn put_budget(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BudgetInterval")] interval: JsValue,
        #[wasm_bindgen(js_name = limitUsd, unchecked_param_type = "number")] limit_usd: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PutBudgetOptions")] options: JsValue,
    ) -> Promise {
        self.send(
            Op::PutBudget,
            &[&id_or_slug, &interval, &limit_usd],
            &options,
        )
    }

    /// `DELETE /workspaces/{idOrSlug}/budgets/{interval}`.
    #[wasm_bindgen(js_name = deleteBudget, unchecked_return_type = "Promise<void>")]
    pub fn delete_budget(
        &self,
        #[wasm_bindgen(js_name = idOrSlug, unchecked_param_type = "string")] id_or_slug: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BudgetInterval")] interval: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteBudget, &[&id_or_slug, &interval], &options)
    }

    // ---- keys ---------------------------------------------------------------------------

    /// `GET /keys`: one page of up to 100 (`offset`, `workspaceId`, `includeDisabled`).
    #[wasm_bindgen(js_name = listKeys, unchecked_return_type = "Promise<Page<ApiKey>>")]
    pub fn list_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Page(List::Keys), &[], &options)
    }

    /// Every key (of the Default workspace unless `workspaceId`), as a `Paginator`.
    #[wasm_bindgen(js_name = keys, unchecked_return_type = "Paginator<ApiKey>")]
    pub fn keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KeyListOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.pages(List::Keys, &[], &options)
    }

    /// `POST /keys`: answers `{ data, key }`; `key` is the secret, shown this once. Retried
    /// only on 429; otherwise a failure after sending is `outcome_unknown` (then
    /// `reconcileKey(request, sinceMs)`).
    #[wasm_bindgen(js_name = createKey, unchecked_return_type = "Promise<CreatedKey>")]
    pub fn create_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateKeyRequest")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::CreateKey, &[&request], &options)
    }

    /// After an `outcome_unknown` create: the newest key with the request's name and workspace
    /// created at or after `sinceMs` (ms since the epoch, read before the attempt), or `null`.
    #[wasm_bindgen(js_name = reconcileKey, unchecked_return_type = "Promise<ApiKey | null>")]
    pub fn reconcile_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateKeyRequest")] request: JsValue,
        #[wasm_bindgen(js_name = sinceMs, unchecked_param_type = "number")] since_ms: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        promise(Box::pin(async move {
            let body = body::create_key(&request, "request")?;
            let since = since_ms
                .as_f64()
                .filter(|n| n.is_finite())
                .ok_or_else(|| invalid("sinceMs", "type", "`sinceMs` must be a finite number"))?;
            let o = Options::parse(&options)?;
            let call = client.keys().reconcile(&body, since);
            let key = signaled!(call, signal_of(&o)?)
                .send_text()
                .await
                .map_err(reject)?;
            key.map_or(Ok(JsValue::NULL), |text| parse_answer(&text, Shape::Whole))
        }))
    }

    /// `GET /keys/{hash}`.
    #[wasm_bindgen(js_name = getKey, unchecked_return_type = "Promise<ApiKey>")]
    pub fn get_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::GetKey, &[&hash], &options)
    }

    /// `PATCH /keys/{hash}`: a field left out stays, `null` clears `limit` / `limit_reset`.
    #[wasm_bindgen(js_name = updateKey, unchecked_return_type = "Promise<ApiKey>")]
    pub fn update_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateKeyRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::UpdateKey, &[&hash, &patch], &options)
    }

    /// `DELETE /keys/{hash}`.
    #[wasm_bindgen(js_name = deleteKey, unchecked_return_type = "Promise<void>")]
    pub fn delete_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::DeleteKey, &[&hash], &options)
    }

    /// Rotation: creates a successor with the old key's settings (its secret is in
    /// `created.key`, shown once) and disables the old key (`disable_error` if that failed).
    #[wasm_bindgen(js_name = rotateKey, unchecked_return_type = "Promise<Rotation>")]
    pub fn rotate_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        let client = self.client.clone();
        promise(Box::pin(async move {
            let hash = string_arg(&hash, "hash")?;
            let o = Options::parse(&options)?;
            let value = signaled!(client.keys().rotate(hash), signal_of(&o)?)
                .send_text()
                .await
                .map_err(reject)?;
            rotation(value)
        }))
    }

    /// Deletes a rotated-out key once nothing uses it.
    #[wasm_bindgen(js_name = retireKey, unchecked_return_type = "Promise<void>")]
    pub fn retire_key(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] hash: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CallOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::RetireKey, &[&hash], &options)
    }

    /// Applies one patch to many keys (validated once, `concurrency` at a time); one result per
    /// key, in order.
    #[wasm_bindgen(js_name = bulkUpdateKeys, unchecked_return_type = "Promise<BulkResult<ApiKey>[]>")]
    pub fn bulk_update_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] hashes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateKeyRequest")] patch: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BulkOptions")] options: JsValue,
    ) -> Promise {
        self.bulk(hashes, Some(patch), options)
    }

    /// Deletes many keys (`concurrency` at a time); one result per key, in order.
    #[wasm_bindgen(js_name = bulkDeleteKeys, unchecked_return_type = "Promise<BulkResult<null>[]>")]
    pub fn bulk_delete_keys(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] hashes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BulkOptions")] options: JsValue,
    ) -> Promise {
        self.bulk(hashes, None, options)
    }

    // ---- any other endpoint -------------------------------------------------------------

    /// Any endpoint of the API with this client's key, retries and errors: `path` below the
    /// base URL (`/guardrails`), `options.query` and `options.body` (sent as JSON). A POST is
    /// treated as a create (retried only on 429; a failure after sending is
    /// `outcome_unknown`) unless `options.idempotent` is `true`. Resolves to the parsed answer,
    /// or `undefined` for an empty one.
    #[wasm_bindgen(js_name = request, unchecked_return_type = "Promise<unknown>")]
    pub fn raw_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "HttpMethod")] method: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Raw, &[&method, &path], &options)
    }

    // ---- organization -------------------------------------------------------------------

    /// `GET /organization/members`: one page; their `id`s are what `addMembers` takes.
    #[wasm_bindgen(js_name = listOrganizationMembers, unchecked_return_type = "Promise<Page<OrganizationMember>>")]
    pub fn list_organization_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Promise {
        self.send(Op::Page(List::OrganizationMembers), &[], &options)
    }

    /// Every organization member, as a `Paginator`.
    #[wasm_bindgen(js_name = organizationMembers, unchecked_return_type = "Paginator<OrganizationMember>")]
    pub fn organization_members(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.pages(List::OrganizationMembers, &[], &options)
    }
}

/// The one-request operations: their answer's JSON goes to `JSON.parse` untouched.
#[derive(Clone, Copy)]
enum Op {
    CurrentKey,
    /// One page of a list.
    Page(List),
    CreateWorkspace,
    GetWorkspace,
    UpdateWorkspace,
    DeleteWorkspace,
    ListBudgets,
    GetBudget,
    PutBudget,
    DeleteBudget,
    CreateKey,
    GetKey,
    UpdateKey,
    DeleteKey,
    RetireKey,
    /// `request`: any path, method and body.
    Raw,
}

/// The lists, read one page at a time ([`Op::Page`]) or walked by a paginator.
#[derive(Clone, Copy)]
enum List {
    Workspaces,
    Members,
    Keys,
    OrganizationMembers,
}

impl Op {
    /// The part of the answer the method resolves to.
    fn shape(self) -> Shape {
        match self {
            Op::Page(_) | Op::ListBudgets | Op::GetBudget | Op::PutBudget | Op::CreateKey => {
                Shape::Whole
            }
            Op::DeleteWorkspace | Op::DeleteBudget | Op::DeleteKey | Op::RetireKey => Shape::Unit,
            Op::Raw => Shape::Any,
            Op::CurrentKey
            | Op::CreateWorkspace
            | Op::GetWorkspace
            | Op::UpdateWorkspace
            | Op::GetKey
            | Op::UpdateKey => Shape::Data,
        }
    }
}

impl OpenRouterAdmin {
    /// Every one-request method: checks `args` (the method's arguments before `options`, in
    /// order) and `options`, then sends. One function for all of them, instead of one inlined
    /// copy of the option, signal and promise handling per method (~2 KB of the gzip wasm).
    #[inline(never)]
    fn send(&self, op: Op, args: &[&JsValue], options: &JsValue) -> Promise {
        text(self.request(op, args, options), op.shape())
    }

    /// The request of [`send`](Self::send), or the first bad argument as a rejection value.
    fn request(
        &self,
        op: Op,
        args: &[&JsValue],
        options: &JsValue,
    ) -> Result<TextRequest<FetchTransport>, JsValue> {
        let o = Options::parse(options)?;
        let signal = signal_of(&o)?;
        let client = &self.client;
        let id = || string_arg(args[0], "idOrSlug");
        let hash = || Ok::<_, JsValue>(KeyHash::from(string_arg(args[0], "hash")?));
        let interval = || interval_arg(args[1]);
        // The endpoints are built as the data they are (`api`), not through the fluent
        // handlers, whose per-step clones would be repeated in every arm of this match.
        Ok(match op {
            Op::CurrentKey => prepared(client.call(api::GetCurrentKey::default()), signal),
            Op::Page(list) => match list {
                List::Workspaces => {
                    let mut list = api::ListWorkspaces::default();
                    (list.limit, list.offset) = page_args(&o)?;
                    prepared(client.call(list), signal)
                }
                List::Members => {
                    let mut list = api::ListMembers::new(id()?);
                    (list.limit, list.offset) = page_args(&o)?;
                    prepared(client.call(list), signal)
                }
                List::Keys => prepared(client.call(key_list(&o)?), signal),
                List::OrganizationMembers => {
                    let mut list = api::ListOrganizationMembers::default();
                    (list.limit, list.offset) = page_args(&o)?;
                    prepared(client.call(list), signal)
                }
            },
            Op::CreateWorkspace => {
                let body = body::create_workspace(args[0], "request")?;
                prepared(client.call(api::CreateWorkspaceRequest::new(body)), signal)
            }
            Op::GetWorkspace => prepared(client.call(api::GetWorkspace::new(id()?)), signal),
            Op::UpdateWorkspace => {
                let id = id()?;
                let body = body::update_workspace(args[1], "patch")?;
                prepared(
                    client.call(api::UpdateWorkspaceRequest::new(id, body)),
                    signal,
                )
            }
            Op::DeleteWorkspace => prepared(client.call(api::DeleteWorkspace::new(id()?)), signal),
            Op::ListBudgets => prepared(client.call(api::ListBudgets::new(id()?)), signal),
            Op::GetBudget => {
                let (workspace, interval) = (id()?, interval()?);
                prepared(
                    client.call(api::GetBudget::new(workspace, interval)),
                    signal,
                )
            }
            Op::PutBudget => {
                let (workspace, interval) = (id()?, interval()?);
                let usd = args[2]
                    .as_f64()
                    .ok_or_else(|| invalid("limitUsd", "type", "`limitUsd` must be a number"))?;
                let mut body = UpsertBudget::new(usd);
                body.include_byok_in_budgets = o.boolean("includeByok")?;
                let put = api::PutBudget::new(workspace, interval, body);
                prepared(client.call(put), signal)
            }
            Op::DeleteBudget => {
                let (workspace, interval) = (id()?, interval()?);
                prepared(
                    client.call(api::DeleteBudget::new(workspace, interval)),
                    signal,
                )
            }
            Op::CreateKey => {
                let body = body::create_key(args[0], "request")?;
                prepared(client.call(api::CreateKeyRequest::new(body)), signal)
            }
            Op::GetKey => prepared(client.call(api::GetKey::new(hash()?)), signal),
            Op::UpdateKey => {
                let hash = hash()?;
                let body = body::update_key(args[1], "patch")?;
                prepared(client.call(api::UpdateKeyRequest::new(hash, body)), signal)
            }
            Op::Raw => {
                let mut raw = api::RawRequest::new(method_arg(args[0])?, path_arg(args[1])?);
                raw.query = o.query("query")?;
                raw.body = o.json("body")?;
                // A POST may be retried like a read only when the caller says it is safe to.
                if raw.class == OpClass::Create && o.boolean("idempotent")? == Some(true) {
                    raw.class = OpClass::Safe;
                }
                prepared(client.call(raw), signal)
            }
            // Retiring is deleting (`KeysHandler::retire`).
            Op::DeleteKey | Op::RetireKey => {
                prepared(client.call(api::DeleteKey::new(hash()?)), signal)
            }
        })
    }

    /// Every paginator method: the list `list` (with `args` before `options`, as in
    /// [`send`](Self::send)), walked page by page as JavaScript iterates.
    #[inline(never)]
    fn pages(&self, list: List, args: &[&JsValue], options: &JsValue) -> Result<JsValue, JsValue> {
        let o = Options::parse(options)?;
        let signal = signal_of(&o)?;
        let client = &self.client;
        let pages: Pages<'static> = match list {
            List::Workspaces => {
                let mut list = api::ListWorkspaces::default();
                (list.limit, list.offset) = page_args(&o)?;
                let call = client.call(list);
                Box::pin(signaled!(call.paginate(), signal).by_page_text())
            }
            List::Members => {
                let mut list = api::ListMembers::new(string_arg(args[0], "idOrSlug")?);
                (list.limit, list.offset) = page_args(&o)?;
                let call = client.call(list);
                Box::pin(signaled!(call.paginate(), signal).by_page_text())
            }
            List::Keys => {
                let call = client.call(key_list(&o)?);
                Box::pin(signaled!(call.paginate(), signal).by_page_text())
            }
            List::OrganizationMembers => {
                let mut list = api::ListOrganizationMembers::default();
                (list.limit, list.offset) = page_args(&o)?;
                let call = client.call(list);
                Box::pin(signaled!(call.paginate(), signal).by_page_text())
            }
        };
        Ok(make_paginator(pages))
    }

    /// The shared body of `bulkUpdateKeys` (with a patch) and `bulkDeleteKeys`: one future for
    /// both in the wasm module.
    fn bulk(&self, hashes: JsValue, patch: Option<JsValue>, options: JsValue) -> Promise {
        let client = self.client.clone();
        promise(Box::pin(async move {
            let hashes = strings_arg(&hashes, "hashes")?;
            let patch = match patch {
                Some(patch) => Some(body::update_key(&patch, "patch")?),
                None => None,
            };
            let o = Options::parse(&options)?;
            let concurrency = o.integer("concurrency", 64)?.map(|n| n as usize);
            let signal = signal_of(&o)?;
            let (results, shape) = match patch {
                Some(patch) => {
                    let mut call = client.keys().bulk_update(hashes, patch);
                    if let Some(n) = concurrency {
                        call = call.concurrency(n);
                    }
                    (signaled!(call, signal).send_text().await, Shape::Data)
                }
                None => {
                    let mut call = client.keys().bulk_delete(hashes);
                    if let Some(n) = concurrency {
                        call = call.concurrency(n);
                    }
                    (signaled!(call, signal).send_text().await, Shape::Unit)
                }
            };
            Ok(bulk_results(results.map_err(reject)?, shape))
        }))
    }

    /// The shared body of `addMembers` / `removeMembers`.
    fn change_members(
        &self,
        id_or_slug: JsValue,
        user_ids: JsValue,
        options: JsValue,
        add: bool,
    ) -> Promise {
        let client = self.client.clone();
        promise(Box::pin(async move {
            let id = string_arg(&id_or_slug, "idOrSlug")?;
            let ids = strings_arg(&user_ids, "userIds")?;
            let o = Options::parse(&options)?;
            let members = client.workspace(id).members();
            let call = if add {
                members.add_all(ids)
            } else {
                members.remove_all(ids)
            };
            let report = signaled!(call, signal_of(&o)?)
                .send()
                .await
                .map_err(reject)?;
            Ok(member_report(report))
        }))
    }
}

/// A `GET /keys` from `workspaceId`, `includeDisabled` and `offset` (its page size is fixed).
fn key_list(o: &Options) -> Result<api::ListKeys, JsValue> {
    let mut list = api::ListKeys::default();
    list.offset = offset_arg(o)?;
    list.include_disabled = o.boolean("includeDisabled")?;
    list.workspace_id = o.string("workspaceId")?.map(Into::into);
    Ok(list)
}

/// `true` for a rejection of this package (`e is OpenRouterError` in TypeScript).
#[wasm_bindgen(js_name = isOpenRouterError, unchecked_return_type = "error is OpenRouterError")]
pub fn is_open_router_error(
    #[wasm_bindgen(unchecked_param_type = "unknown")] error: JsValue,
) -> bool {
    error.is_instance_of::<js_sys::Error>()
        && Reflect::get(&error, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some("OpenRouterError")
}
