//! A workspace's API keys: the windowed table, search and sort, the create dialog with the
//! once-only secret, bulk actions with a result per key, and export.

use super::workspaces::date;
use crate::components::{error_view, loading, usd, use_window, Dialog, SortHeader, UsageBar};
use crate::export;
use crate::route::{use_router, Route};
use crate::services::{abort_on_cleanup, use_toasts};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, CreateKey, CreatedKey, LimitReset, UpdateKey, Workspace};
use openrouter_admin::validate::Validate;
use openrouter_admin::{FieldError, KeyHash};
use std::collections::HashSet;
use std::rc::Rc;

/// Row height of the windowed table (px); must match `.ora-table td { height }` in the CSS.
const ROW: f64 = 44.0;
/// The height the windowing plans for (px); the table box is at most 70vh.
const VIEWPORT: f64 = 900.0;

/// The current time as an RFC 3339 string, to compare with `expires_at`.
pub fn now_iso() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::Date::new_0().to_iso_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// A key's status: active, disabled or expired.
pub fn status(k: &ApiKey, now: &str) -> &'static str {
    if k.disabled {
        "disabled"
    } else if k
        .expires_at
        .as_ref()
        .is_some_and(|e| !now.is_empty() && e.as_str() < now)
    {
        "expired"
    } else {
        "active"
    }
}

/// Spend in the current limit window (`limit - limit_remaining`), else lifetime usage.
pub fn window_spend(k: &ApiKey) -> f64 {
    match (k.limit, k.limit_remaining) {
        (Some(l), Some(r)) => (l - r).max(0.0),
        _ => k.usage,
    }
}

/// A status badge.
pub fn status_badge(s: &'static str) -> impl IntoView {
    view! { <span class=format!("ora-badge ora-badge-{s}")>{s}</span> }
}

/// Every key of a workspace, all pages.
pub async fn load_keys(
    ws: String,
    include_disabled: bool,
    signal: openrouter_admin::CancelSignal,
) -> Result<Rc<Vec<ApiKey>>, openrouter_admin::Error> {
    let client = use_client()?;
    let keys = client
        .keys()
        .list()
        .workspace(ws)
        .include_disabled(include_disabled)
        .paginate()
        .signal(signal)
        .collect_all()
        .await?;
    Ok(Rc::new(keys))
}

/// The keys tab.
#[component]
pub fn KeyList(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals: search, sort and the include-disabled switch live in the URL --
    let router = use_router();
    let q = Memo::new(move |_| router.param("q"));
    let sort = Memo::new(move |_| router.param("sort"));
    let include_disabled = Memo::new(move |_| router.param("disabled") == "1");
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let creating = RwSignal::new(false);
    // Kept here, outside the reloading table, so results survive the reload they cause.
    let results = RwSignal::new(Vec::<BulkLine>::new());

    // -- resources --
    let keys = LocalResource::new(move || {
        let signal = abort_on_cleanup();
        let d = include_disabled.get();
        load_keys(ws_id.get_value(), d, signal)
    });
    let refresh = Callback::new(move |_| keys.refetch());

    view! {
        <div class="ora-head">
            <div class="ora-row">
                <label class="ora-sr" for="ora-key-search">"Search keys"</label>
                <input
                    id="ora-key-search"
                    class="ora-input ora-search"
                    type="search"
                    placeholder="Search name or label"
                    prop:value=move || q.get()
                    on:input=move |ev| router.set_param("q", &event_target_value(&ev))
                />
                <label class="ora-check">
                    <input
                        type="checkbox"
                        id="ora-include-disabled"
                        role="switch"
                        prop:checked=move || include_disabled.get()
                        on:change=move |ev| router.set_param("disabled", if event_target_checked(&ev) { "1" } else { "" })
                    />
                    "Include disabled"
                </label>
            </div>
            <button class="ora-btn ora-btn-primary" id="ora-new-key" on:click=move |_| creating.set(true)>
                "Create key"
            </button>
        </div>
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let data = keys.await?;
                    Ok::<_, openrouter_admin::Error>(view! { <KeyTable data=data q=q sort=sort results=results on_change=refresh /> })
                })}
            </ErrorBoundary>
        </Transition>
        <Show when=move || creating.get()>
            <CreateKeyDialog ws_id=ws_id.get_value() on_close=move |_| creating.set(false) on_created=refresh />
        </Show>
    }
}

/// What a bulk action did, one line per key.
#[derive(Clone, Debug, PartialEq)]
struct BulkLine {
    name: String,
    ok: bool,
    text: String,
}

/// The windowed table over loaded keys, with selection, bulk actions and export.
#[component]
fn KeyTable(
    /// Every loaded key.
    data: Rc<Vec<ApiKey>>,
    /// The search text.
    #[prop(into)]
    q: Signal<String>,
    /// The sort (`name`, `-usage`, ...).
    #[prop(into)]
    sort: Signal<String>,
    /// The last bulk action's result per key.
    results: RwSignal<Vec<BulkLine>>,
    /// Called after a bulk action so the list reloads.
    on_change: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let router = use_router();
    let toasts = use_toasts();
    let data = StoredValue::new_local(data);
    let now = now_iso();
    let selected = RwSignal::new(HashSet::<String>::new());
    let bulk_limit = RwSignal::new(String::new());
    let confirm_delete = RwSignal::new(false);
    let typed = RwSignal::new(String::new());

    // The current view: indices into `data`, filtered and sorted.
    let view_rows = Memo::new(move |_| {
        let needle = crate::text::lower(&q.get());
        let s = sort.get();
        data.with_value(|keys| {
            let mut rows: Vec<usize> = (0..keys.len())
                .filter(|&i| {
                    needle.is_empty()
                        || crate::text::lower(&keys[i].name).contains(&needle)
                        || crate::text::lower(&keys[i].label).contains(&needle)
                })
                .collect();
            let (desc, col) = match s.strip_prefix('-') {
                Some(c) => (true, c),
                None => (false, s.as_str()),
            };
            let f = |a: f64, b: f64| a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal);
            crate::components::sort_indices(&mut rows, &|a, b| {
                let (a, b) = (&keys[a], &keys[b]);
                let o = match col {
                    "usage" => f(window_spend(a), window_spend(b)),
                    "daily" => f(a.usage_daily, b.usage_daily),
                    "weekly" => f(a.usage_weekly, b.usage_weekly),
                    "monthly" => f(a.usage_monthly, b.usage_monthly),
                    "byok" => f(a.byok_usage, b.byok_usage),
                    "expires" => a.expires_at.cmp(&b.expires_at),
                    "created" => a.created_at.cmp(&b.created_at),
                    "label" => a.label.cmp(&b.label),
                    _ => crate::text::natural_cmp(&a.name, &b.name),
                };
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
            rows
        })
    });
    let total = Signal::derive(move || view_rows.with(Vec::len));
    let window = use_window(total, ROW, VIEWPORT);
    let visible = Memo::new(move |_| {
        let (start, end) = window.range.get();
        view_rows.with(|r| r[start.min(r.len())..end.min(r.len())].to_vec())
    });
    let selected_keys = move || -> Vec<(String, String)> {
        let sel = selected.get_untracked();
        data.with_value(|keys| {
            keys.iter()
                .filter(|k| sel.contains(k.hash.as_str()))
                .map(|k| (k.hash.as_str().to_string(), k.name.clone()))
                .collect()
        })
    };

    // -- actions: bulk writes, one result per key; the list reloads afterwards --
    let bulk = Action::new_local(move |op: &BulkOp| {
        let op = op.clone();
        let chosen = selected_keys();
        async move {
            let client = use_client()?;
            let names: std::collections::HashMap<String, String> = chosen.iter().cloned().collect();
            let hashes: Vec<KeyHash> = chosen
                .iter()
                .map(|(h, _)| KeyHash::new(h.clone()))
                .collect();
            let line =
                |hash: &KeyHash, r: Result<(), openrouter_admin::Error>, verb: &str| BulkLine {
                    name: names
                        .get(hash.as_str())
                        .cloned()
                        .unwrap_or_else(|| hash.to_string()),
                    ok: r.is_ok(),
                    text: match r {
                        Ok(()) => verb.to_string(),
                        Err(e) => format!("failed: {}", e.message()),
                    },
                };
            let lines = match op {
                BulkOp::Delete => client
                    .keys()
                    .bulk_delete(hashes)
                    .send()
                    .await?
                    .into_iter()
                    .map(|r| line(&r.hash, r.result, "deleted"))
                    .collect(),
                BulkOp::Update(patch, verb) => client
                    .keys()
                    .bulk_update(hashes, patch)
                    .send()
                    .await?
                    .into_iter()
                    .map(|r| line(&r.hash, r.result.map(|_| ()), &verb))
                    .collect::<Vec<_>>(),
            };
            Ok::<_, openrouter_admin::Error>(lines)
        }
    });
    Effect::new(move || match bulk.value().get() {
        Some(Ok(lines)) => {
            let failed = lines.iter().filter(|l| !l.ok).count();
            results.set(lines);
            selected.set(HashSet::new());
            confirm_delete.set(false);
            if failed == 0 {
                toasts.ok("Bulk action done");
            } else {
                toasts.error(format!("{failed} key(s) failed; see the results"));
            }
            on_change.run(());
        }
        Some(Err(e)) => toasts.error(e.message().to_string()),
        None => {}
    });

    // -- callbacks --
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let hashes: HashSet<String> = if on {
            data.with_value(|keys| {
                view_rows.with_untracked(|r| {
                    r.iter()
                        .map(|&i| keys[i].hash.as_str().to_string())
                        .collect()
                })
            })
        } else {
            HashSet::new()
        };
        selected.set(hashes);
    };
    let set_limit = move |_| {
        let raw = bulk_limit.get_untracked();
        let limit = if raw.trim().is_empty() {
            None
        } else {
            match crate::num::parse(raw.trim()) {
                Ok(v) => Some(v),
                Err(_) => {
                    toasts.error("The limit must be a number of dollars, or empty for no limit");
                    return;
                }
            }
        };
        bulk.dispatch(BulkOp::Update(
            UpdateKey::new().limit(limit),
            match limit {
                Some(l) => format!("limit set to {}", usd(l)),
                None => "limit removed".into(),
            },
        ));
    };
    let export_csv = move |_| {
        let body = data.with_value(|keys| {
            view_rows.with_untracked(|r| export::csv(r.iter().map(|&i| &keys[i])))
        });
        export::download("keys.csv", "text/csv", &body);
    };
    let export_json = move |_| {
        let body = data.with_value(|keys| {
            view_rows.with_untracked(|r| export::json(r.iter().map(|&i| &keys[i])))
        });
        export::download("keys.json", "application/json", &body);
    };
    let on_sort = Callback::new(move |v: String| router.set_param("sort", &v));
    let scroll = window.on_scroll;
    let now = StoredValue::new(now);

    view! {
        <div class="ora-row" aria-label="Bulk actions and export" role="group">
            <span class="ora-muted" id="ora-key-count">
                {move || format!("{} keys", total.get())}
                {move || {
                    let n = selected.with(HashSet::len);
                    (n > 0).then(|| format!(" · {n} selected"))
                }}
            </span>
            <span class="ora-spacer"></span>
            <Show when=move || !selected.with(HashSet::is_empty)>
                <button class="ora-btn ora-btn-small" id="ora-bulk-disable" on:click=move |_| { bulk.dispatch(BulkOp::Update(UpdateKey::new().disabled(true), "disabled".into())); }>"Disable"</button>
                <button class="ora-btn ora-btn-small" id="ora-bulk-enable" on:click=move |_| { bulk.dispatch(BulkOp::Update(UpdateKey::new().disabled(false), "enabled".into())); }>"Enable"</button>
                <label class="ora-sr" for="ora-bulk-limit">"New limit in USD (empty for none)"</label>
                <input id="ora-bulk-limit" class="ora-input ora-search" placeholder="Limit $ (empty: none)" inputmode="decimal" bind:value=bulk_limit />
                <button class="ora-btn ora-btn-small" id="ora-bulk-limit-set" on:click=set_limit>"Set limit"</button>
                <button class="ora-btn ora-btn-small ora-btn-danger" id="ora-bulk-delete" on:click=move |_| { typed.set(String::new()); confirm_delete.set(true); }>"Delete"</button>
            </Show>
            <button class="ora-btn ora-btn-small" id="ora-export-csv" on:click=export_csv>"Export CSV"</button>
            <button class="ora-btn ora-btn-small" id="ora-export-json" on:click=export_json>"Export JSON"</button>
        </div>
        <Show when=move || !results.with(Vec::is_empty)>
            // Green only when every key went through; any failure turns it amber, and the
            // heading counts failures so the colour is never the only signal.
            <div class="ora-alert" id="ora-bulk-results" role="status"
                class=("ora-alert-ok", move || results.with(|r| r.iter().all(|l| l.ok)))
                class=("ora-alert-warn", move || results.with(|r| r.iter().any(|l| !l.ok)))>
                <div class="ora-row">
                    <strong id="ora-bulk-heading">{move || results.with(|r| {
                        let failed = r.iter().filter(|l| !l.ok).count();
                        if failed == 0 {
                            format!("All {} done", r.len())
                        } else {
                            format!("{failed} of {} failed", r.len())
                        }
                    })}</strong>
                    <span class="ora-spacer"></span>
                    <button class="ora-btn ora-btn-small" on:click=move |_| results.set(Vec::new())>"Dismiss"</button>
                </div>
                <ul class="ora-results">
                    {move || results.get().into_iter().map(|l| view! {
                        <li class:ora-error=!l.ok>{l.name}": "{l.text}</li>
                    }).collect_view()}
                </ul>
            </div>
        </Show>
        <br />
        <div class="ora-table-wrap ora-windowed" on:scroll=move |ev| scroll.run(ev) tabindex="0" aria-label="API keys table, scrollable">
            <table class="ora-table" id="ora-key-table" aria-rowcount=move || total.get() + 1>
                <caption class="ora-sr">"API keys"</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <input type="checkbox" id="ora-select-all" aria-label="Select all keys in this view" on:change=toggle_all
                                prop:checked=move || { let n = selected.with(HashSet::len); n > 0 && n == total.get() } />
                        </th>
                        <SortHeader label="Name" column="name" current=sort on_sort=on_sort />
                        <SortHeader label="Label" column="label" current=sort on_sort=on_sort />
                        <th scope="col">"Status"</th>
                        <SortHeader label="Usage / limit" column="usage" current=sort on_sort=on_sort />
                        <SortHeader label="Daily" column="daily" current=sort on_sort=on_sort numeric=true />
                        <SortHeader label="Weekly" column="weekly" current=sort on_sort=on_sort numeric=true />
                        <SortHeader label="Monthly" column="monthly" current=sort on_sort=on_sort numeric=true />
                        <SortHeader label="BYOK" column="byok" current=sort on_sort=on_sort numeric=true />
                        <SortHeader label="Expires" column="expires" current=sort on_sort=on_sort />
                        <SortHeader label="Created" column="created" current=sort on_sort=on_sort />
                    </tr>
                </thead>
                <tbody>
                    <tr class="ora-spacer-row" aria-hidden="true"><td colspan="11" style:height=move || format!("{}px", crate::num::plain(window.top.get()))></td></tr>
                    <For
                        each=move || visible.get()
                        key=|i| *i
                        children=move |i| {
                            let k = data.with_value(|keys| keys[i].clone());
                            let hash = k.hash.as_str().to_string();
                            let h2 = hash.clone();
                            let st = status(&k, &now.get_value());
                            let byok = format!("{} (month {})", usd(k.byok_usage), usd(k.byok_usage_monthly));
                            view! {
                                <tr>
                                    <td>
                                        <input type="checkbox" aria-label=format!("Select {}", k.name)
                                            prop:checked=move || selected.with(|s| s.contains(&hash))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                selected.update(|s| { if on { s.insert(h2.clone()); } else { s.remove(&h2); } });
                                            } />
                                    </td>
                                    <td><a href=Route::Key(k.hash.as_str().to_string()).href()>{k.name.clone()}</a></td>
                                    <td class="ora-mono">{k.label.clone()}</td>
                                    <td>{status_badge(st)}</td>
                                    <td><UsageBar used=window_spend(&k) limit=k.limit reset=k.limit_reset.as_ref().map(|r| r.as_str().to_string()) /></td>
                                    <td class="ora-num">{usd(k.usage_daily)}</td>
                                    <td class="ora-num">{usd(k.usage_weekly)}</td>
                                    <td class="ora-num">{usd(k.usage_monthly)}</td>
                                    <td class="ora-num">{byok}</td>
                                    <td>{k.expires_at.as_ref().map(|e| date(e.as_str())).unwrap_or_else(|| "never".into())}</td>
                                    <td>{date(k.created_at.as_str())}</td>
                                </tr>
                            }
                        }
                    />
                    <tr class="ora-spacer-row" aria-hidden="true"><td colspan="11" style:height=move || format!("{}px", crate::num::plain(window.bottom.get()))></td></tr>
                </tbody>
            </table>
            <Show when=move || total.get() == 0>
                <p class="ora-empty">"No keys match."</p>
            </Show>
        </div>
        <Show when=move || confirm_delete.get()>
            {move || {
                let n = selected.with_untracked(HashSet::len);
                let phrase = format!("delete {n} keys");
                let p2 = phrase.clone();
                view! {
                    <Dialog title=format!("Delete {n} keys?") on_close=move |_| confirm_delete.set(false)>
                        <div class="ora-dialog-body">
                            <p>"Applications using these keys stop working at once. This cannot be undone."</p>
                            <div class="ora-field">
                                <label for="ora-confirm-name">"Type " <strong>{phrase.clone()}</strong> " to confirm"</label>
                                <input id="ora-confirm-name" class="ora-input" autocomplete="off" bind:value=typed />
                            </div>
                        </div>
                        <div class="ora-dialog-foot">
                            <button class="ora-btn" on:click=move |_| confirm_delete.set(false)>"Cancel"</button>
                            <button class="ora-btn ora-btn-danger" id="ora-confirm"
                                disabled=move || typed.get().trim() != p2 || bulk.pending().get()
                                on:click=move |_| { bulk.dispatch(BulkOp::Delete); }>"Delete keys"</button>
                        </div>
                    </Dialog>
                }
            }}
        </Show>
    }
}

/// A bulk operation over the selected keys.
#[derive(Clone, Debug)]
enum BulkOp {
    /// Patch every key; the string says what happened ("disabled").
    Update(UpdateKey, String),
    /// Delete every key.
    Delete,
}

/// The create-key dialog, then the once-only secret.
#[component]
pub fn CreateKeyDialog(
    /// The workspace the key goes in.
    ws_id: String,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
    /// Called once a key was created (the list reloads).
    #[prop(into)]
    on_created: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let name = RwSignal::new(String::new());
    let limit = RwSignal::new(String::new());
    let reset = RwSignal::new(String::new());
    let byok = RwSignal::new(false);
    let expires = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let ws_id = StoredValue::new(ws_id);
    let body = move || -> Result<CreateKey, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut k = CreateKey::new(name.get().trim()).workspace_id(ws_id.get_value());
        let l = limit.get();
        if !l.trim().is_empty() {
            match crate::num::parse(l.trim()) {
                Ok(v) => k = k.limit(v),
                Err(_) => errs.push(FieldError::new(
                    "limit",
                    "number",
                    "The limit must be a number of dollars",
                )),
            }
        }
        if !reset.get().is_empty() {
            k = k.limit_reset(LimitReset::parse(&reset.get()));
        }
        if byok.get() {
            k = k.include_byok_in_limit(true);
        }
        let e = expires.get();
        if !e.is_empty() {
            // <input type="datetime-local"> gives "2027-01-31T12:00"; the label says UTC.
            let full = if e.len() == 16 {
                format!("{e}:00Z")
            } else {
                format!("{e}Z")
            };
            k = k.expires_at(full);
        }
        errs.extend(k.field_errors());
        if errs.is_empty() {
            Ok(k)
        } else {
            Err(errs)
        }
    };
    let errors = Signal::derive(move || body().err().unwrap_or_default());
    let err_for = move |field: &'static str| {
        move || {
            touched
                .get()
                .then(|| {
                    errors.with(|e| {
                        e.iter()
                            .find(|e| e.field == field)
                            .map(|e| e.message.clone())
                    })
                })
                .flatten()
        }
    };

    // -- actions --
    let create = Action::new_local(move |body: &CreateKey| {
        let body = body.clone();
        async move { use_client()?.keys().create(body).send().await }
    });
    // The secret, held only until the user closes the dialog; then it is dropped and the action's
    // copy cleared, so it is gone from memory, the DOM and everywhere else.
    let secret = RwSignal::new_local(None::<CreatedKey>);
    Effect::new(move || {
        if let Some(Ok(created)) = create.value().get() {
            secret.set(Some(created));
            create.value().set(None);
            on_created.run(());
        }
    });
    let copied = RwSignal::new(false);
    let acknowledged = RwSignal::new(false);
    let close_secret = move |_| {
        secret.set(None);
        create.value().set(None);
        on_close.run(());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        if let Ok(b) = body() {
            create.dispatch(b);
        }
    };
    let server_error = move || {
        create.value().get().and_then(|r| r.err()).map(|e| {
        let text = if e.is_outcome_unknown() {
            "The server did not answer: the key may or may not have been created. Check the list before trying again.".to_string()
        } else {
            e.message().to_string()
        };
        view! { <div class="ora-alert ora-alert-error" role="alert">{text}</div> }
    })
    };

    view! {
        <Show
            when=move || secret.with(Option::is_some)
            fallback=move || view! {
                <Dialog title="Create API key" on_close=on_close>
                    <form on:submit=submit novalidate>
                        <div class="ora-dialog-body">
                            {server_error}
                            <div class="ora-field">
                                <label for="ora-key-name">"Name"</label>
                                <input id="ora-key-name" class="ora-input" bind:value=name aria-describedby="ora-key-name-error" on:input=move |_| touched.set(true) />
                                <span class="ora-error" id="ora-key-name-error">{err_for("name")}</span>
                            </div>
                            <div class="ora-grid2">
                                <div class="ora-field">
                                    <label for="ora-key-limit">"Limit (USD)"</label>
                                    <input id="ora-key-limit" class="ora-input" inputmode="decimal" placeholder="No limit" bind:value=limit aria-describedby="ora-key-limit-error" />
                                    <span class="ora-error" id="ora-key-limit-error">{err_for("limit")}</span>
                                </div>
                                <div class="ora-field">
                                    <label for="ora-key-reset">"Limit resets"</label>
                                    <select id="ora-key-reset" class="ora-select" on:change=move |ev| reset.set(event_target_value(&ev))>
                                        <option value="">"Never"</option>
                                        <option value="daily">"Daily"</option>
                                        <option value="weekly">"Weekly"</option>
                                        <option value="monthly">"Monthly"</option>
                                    </select>
                                </div>
                            </div>
                            <label class="ora-check"><input type="checkbox" id="ora-key-byok" bind:checked=byok />"Count BYOK usage toward the limit"</label>
                            <div class="ora-field">
                                <label for="ora-key-expires">"Expires (UTC)"</label>
                                <input id="ora-key-expires" class="ora-input" type="datetime-local" bind:value=expires aria-describedby="ora-key-expires-error" />
                                <span class="ora-error" id="ora-key-expires-error">{err_for("expires_at")}</span>
                            </div>
                        </div>
                        <div class="ora-dialog-foot">
                            <button class="ora-btn" type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                            <button class="ora-btn ora-btn-primary" type="submit" id="ora-key-create" disabled=move || create.pending().get()>
                                {move || if create.pending().get() { "Creating…" } else { "Create key" }}
                            </button>
                        </div>
                    </form>
                </Dialog>
            }
        >
            <SecretDialog secret=secret copied=copied acknowledged=acknowledged on_done=Callback::new(close_secret) />
        </Show>
    }
}

/// Shows a just-created key's secret once: copy button, no accidental dismissal, forgotten on close.
#[component]
pub fn SecretDialog(
    /// The created key; set to `None` by `on_done`.
    secret: RwSignal<Option<CreatedKey>, LocalStorage>,
    /// Whether the copy button was used.
    copied: RwSignal<bool>,
    /// Whether the user ticked "I have stored it".
    acknowledged: RwSignal<bool>,
    /// Closes the dialog and forgets the secret.
    on_done: Callback<()>,
) -> impl IntoView {
    let text = move || {
        secret.with(|s| {
            s.as_ref()
                .map(|c| c.key.expose_secret().to_string())
                .unwrap_or_default()
        })
    };
    let name = move || secret.with(|s| s.as_ref().map(|c| c.data.name.clone()).unwrap_or_default());
    let copy = move |_| {
        #[cfg(target_arch = "wasm32")]
        {
            let clip = window().navigator().clipboard();
            let _ = clip.write_text(&text());
        }
        copied.set(true);
    };
    view! {
        <Dialog title="Copy your new key now" on_close=|_| {} sticky=true>
            <div class="ora-dialog-body">
                <p>"This is the only time the secret of " <strong>{name}</strong> " is shown. Store it somewhere safe; it cannot be shown again."</p>
                <div class="ora-secret">
                    <code id="ora-secret" class="ora-mono">{text}</code>
                    <button class="ora-btn ora-btn-small" id="ora-copy" on:click=copy>
                        {move || if copied.get() { "Copied" } else { "Copy" }}
                    </button>
                </div>
                <br />
                <label class="ora-check">
                    <input type="checkbox" id="ora-secret-ack" bind:checked=acknowledged />
                    "I have stored this key"
                </label>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn ora-btn-primary" id="ora-secret-done" disabled=move || !acknowledged.get() on:click=move |_| on_done.run(())>
                    "Done"
                </button>
            </div>
        </Dialog>
    }
}
