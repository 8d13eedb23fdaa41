//! The windowed table over a workspace's loaded keys: filtered and sorted as the URL says, with
//! row selection, the bulk bar above it and a bulk action's results.

use crate::components::badge::StatusBadge;
use crate::components::chart::UsageBar;
use crate::components::table::{
    sort_column, sort_indices, use_window, SelectBox, SortHeader, WindowedBody,
};
use crate::domain::{now_iso, status, window_spend};
use crate::format::{date, usd};
use crate::pages::guardrails::load::KeyGuardrails;
use crate::pages::keys::bulk::{BulkAction, BulkBar, BulkDelete, BulkResults, InView};
use crate::route::{use_router, Route};
use leptos::prelude::*;
use openrouter_admin::models::ApiKey;
use std::collections::HashSet;
use std::rc::Rc;

/// Row height of the windowed table (px); must match `.ora-table td { height }` in the CSS.
const ROW: f64 = 44.0;
/// The height the windowing plans for (px); the table box is at most 70vh.
const VIEWPORT: f64 = 900.0;

/// The indices of the keys that match `needle` (lower case), sorted by `sort` (`name`, `-usage`, ...).
fn in_view(keys: &[ApiKey], needle: &str, sort: &str) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..keys.len())
        .filter(|&i| {
            needle.is_empty()
                || crate::collate::lower(&keys[i].name).contains(needle)
                || crate::collate::lower(&keys[i].label).contains(needle)
        })
        .collect();
    let (desc, col) = sort_column(sort);
    let f = |a: f64, b: f64| a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal);
    sort_indices(&mut rows, desc, &|a, b| {
        let (a, b) = (&keys[a], &keys[b]);
        match col {
            "usage" => f(window_spend(a), window_spend(b)),
            "daily" => f(a.usage_daily, b.usage_daily),
            "weekly" => f(a.usage_weekly, b.usage_weekly),
            "monthly" => f(a.usage_monthly, b.usage_monthly),
            "byok" => f(a.byok_usage, b.byok_usage),
            "expires" => a.expires_at.cmp(&b.expires_at),
            "created" => a.created_at.cmp(&b.created_at),
            "label" => a.label.cmp(&b.label),
            _ => crate::collate::natural_cmp(&a.name, &b.name),
        }
    });
    rows
}

/// The windowed table over loaded keys, with selection, bulk actions and export.
#[component]
pub fn KeyTable(
    /// Every loaded key.
    data: Rc<Vec<ApiKey>>,
    /// The search text.
    #[prop(into)]
    q: Signal<String>,
    /// The sort (`name`, `-usage`, ...).
    #[prop(into)]
    sort: Signal<String>,
    /// The bulk action (its value: the last bulk action's result per key).
    bulk: BulkAction,
    /// The workspace's guardrails and which of them each key holds.
    guardrails: KeyGuardrails,
) -> impl IntoView {
    // -- signals: the selection and the delete confirmation go when the list reloads --
    let router = use_router();
    let data = StoredValue::new_local(data);
    let guardrail_list = StoredValue::new_local(guardrails.list.clone());
    let guardrails = StoredValue::new_local(guardrails);
    let now = StoredValue::new(now_iso());
    let selected = RwSignal::new(HashSet::<String>::new());
    let confirm_delete = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        let needle = crate::collate::lower(&q.get());
        sort.with(|s| data.with_value(|keys| in_view(keys, &needle, s)))
    });
    let keys = InView {
        data,
        rows,
        selected,
    };
    let total = Signal::derive(move || rows.with(Vec::len));
    let window = use_window(total, ROW, VIEWPORT);

    // -- callbacks --
    let toggle_all = move |ev: leptos::ev::Event| {
        let hashes: HashSet<String> = if event_target_checked(&ev) {
            data.with_value(|keys| {
                rows.with_untracked(|r| {
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
    let on_sort = Callback::new(move |v: String| router.set_param("sort", &v));
    let scroll = window.on_scroll;
    let row = move |i: usize| {
        let k = data.with_value(|keys| keys[i].clone());
        let byok = format!(
            "{} (month {})",
            usd(k.byok_usage),
            usd(k.byok_usage_monthly)
        );
        let reset = k.limit_reset.as_ref().map(|r| r.as_str().to_string());
        view! {
            <tr>
                <td>
                    <SelectBox id=k.hash.as_str() selected=selected label=format!("Select {}", k.name) />
                </td>
                <td><a href=Route::Key(k.hash.as_str().to_string()).href()>{k.name.clone()}</a></td>
                <td class="ora-mono">{k.label.clone()}</td>
                <td><StatusBadge status=now.with_value(|now| status(&k, now)) /></td>
                <td><UsageBar used=window_spend(&k) limit=k.limit reset=reset /></td>
                <td class="ora-num">{usd(k.usage_daily)}</td>
                <td class="ora-num">{usd(k.usage_weekly)}</td>
                <td class="ora-num">{usd(k.usage_monthly)}</td>
                <td class="ora-num">{byok}</td>
                <td>{guardrails.with_value(|g| g.name_of(k.hash.as_str()))}</td>
                <td>{k.expires_at.as_ref().map(|e| date(e.as_str())).unwrap_or_else(|| "never".into())}</td>
                <td>{date(k.created_at.as_str())}</td>
            </tr>
        }
    };

    view! {
        <BulkBar keys=keys bulk=bulk confirm_delete=confirm_delete guardrails=guardrail_list />
        // Kept by the action above the reloading table.
        <BulkResults id="ora-bulk-results" heading_id="ora-bulk-heading" bulk=bulk />
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
                        <th scope="col">"Guardrail"</th>
                        <SortHeader label="Expires" column="expires" current=sort on_sort=on_sort />
                        <SortHeader label="Created" column="created" current=sort on_sort=on_sort />
                    </tr>
                </thead>
                <WindowedBody window=window rows=rows columns=12 row=row />
            </table>
            <Show when=move || total.get() == 0>
                <p class="ora-empty">"No keys match."</p>
            </Show>
        </div>
        <Show when=move || confirm_delete.get()>
            <BulkDelete keys=keys bulk=bulk on_close=move |_| confirm_delete.set(false) />
        </Show>
    }
}
