//! Every key of every workspace in one windowed table: search by name or label, filter by
//! workspace, status and finding, sort by spend, expiry or limit use (all in the URL). It reads
//! the same organization snapshot as the Overview, so the findings beside each key are the
//! Overview's; the table is drawn from the snapshot's first stage (workspaces and keys) and its
//! findings column says they are being read until the second stage has found them.

use crate::components::badge::StatusBadge;
use crate::components::chart::UsageBar;
use crate::components::field::SearchBox;
use crate::components::loaded::Loaded;
use crate::components::table::{sort_column, sort_indices, use_window, SortHeader, WindowedBody};
use crate::domain::{now_iso, status};
use crate::format::{date, usd};
use crate::pages::overview::org::{read_org, Found, Org, ReadProgress, RestStatus};
use crate::route::{use_router, Route, Tab};
use leptos::prelude::*;
use openrouter_admin::findings::Object;
use openrouter_admin::models::ApiKey;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Row height of the windowed table (px); must match `.ora-table td { height }` in the CSS.
const ROW: f64 = 44.0;
/// The height the windowing plans for (px); the table box is at most 70vh.
const VIEWPORT: f64 = 900.0;

/// What the filters and sorts read of one key, worked out once per read, not per keystroke.
struct Row {
    /// Name and label, lower case: what the search matches.
    haystack: String,
    /// The workspace's name.
    workspace: String,
    /// `active`, `disabled` or `expired`.
    status: &'static str,
    /// Spent / limit in the current window; `None` without a limit.
    limit_use: Option<f64>,
}

/// The keys and their rows.
struct Table {
    org: Rc<Org>,
    rows: Vec<Row>,
}

impl Table {
    fn new(org: Rc<Org>) -> Table {
        let now = now_iso();
        let names: BTreeMap<&str, &str> = org
            .snapshot
            .workspaces
            .iter()
            .map(|w| (w.id.as_str(), w.name.as_str()))
            .collect();
        let rows = org
            .snapshot
            .keys
            .iter()
            .map(|k| Row {
                haystack: crate::collate::lower(&format!("{}\n{}", k.name, k.label)),
                workspace: names
                    .get(k.workspace_id.as_str())
                    .map_or_else(|| k.workspace_id.as_str().to_string(), |n| n.to_string()),
                status: status(k, &now),
                limit_use: match (k.limit, k.limit_remaining) {
                    (Some(l), Some(r)) if l > 0.0 => Some((l - r).max(0.0) / l),
                    _ => None,
                },
            })
            .collect();
        Table { org, rows }
    }

    fn keys(&self) -> &[ApiKey] {
        &self.org.snapshot.keys
    }

    /// The kinds of each key's findings (`no_limit`, ...), in the order of [`keys`](Self::keys).
    fn kinds(&self, found: &Found) -> Vec<BTreeSet<&'static str>> {
        let mut kinds: BTreeMap<&str, BTreeSet<&'static str>> = BTreeMap::new();
        for f in &found.findings {
            if let Some(Object::Key { hash, .. }) = f.objects.first() {
                kinds
                    .entry(hash.as_str())
                    .or_default()
                    .insert(f.kind.name());
            }
        }
        self.keys()
            .iter()
            .map(|k| kinds.remove(k.hash.as_str()).unwrap_or_default())
            .collect()
    }

    /// The indices of the keys that pass the filters, sorted by `sort`; `kinds` while the
    /// findings are read is `None`, and a finding filter then matches nothing.
    fn in_view(&self, f: &Filters, kinds: Option<&[BTreeSet<&'static str>]>) -> Vec<usize> {
        let needle = crate::collate::lower(f.q.trim());
        let keys = self.keys();
        let mut out: Vec<usize> = (0..keys.len())
            .filter(|&i| {
                let (k, r) = (&keys[i], &self.rows[i]);
                (needle.is_empty() || r.haystack.contains(&needle))
                    && (f.ws.is_empty() || k.workspace_id.as_str() == f.ws)
                    && (f.status.is_empty() || r.status == f.status)
                    && match (f.finding.as_str(), kinds.map(|k| &k[i])) {
                        ("", _) => true,
                        (_, None) => false,
                        ("any", Some(k)) => !k.is_empty(),
                        ("none", Some(k)) => k.is_empty(),
                        (kind, Some(k)) => k.contains(kind),
                    }
            })
            .collect();
        let (desc, col) = sort_column(&f.sort);
        let num = |a: f64, b: f64| a.total_cmp(&b);
        sort_indices(&mut out, desc, &|a, b| {
            let (ka, kb, ra, rb) = (&keys[a], &keys[b], &self.rows[a], &self.rows[b]);
            match col {
                "spend" => num(ka.usage_monthly, kb.usage_monthly),
                // Keys that never expire sort after every date.
                "expires" => match (&ka.expires_at, &kb.expires_at) {
                    (Some(x), Some(y)) => x.as_str().cmp(y.as_str()),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
                "limit" => num(ra.limit_use.unwrap_or(-1.0), rb.limit_use.unwrap_or(-1.0)),
                "workspace" => ra.workspace.cmp(&rb.workspace),
                _ => crate::collate::natural_cmp(&ka.name, &kb.name),
            }
        });
        out
    }
}

/// The URL's filters and sort.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    q: String,
    ws: String,
    status: String,
    finding: String,
    sort: String,
}

/// The All keys view.
#[component]
pub fn AllKeys() -> impl IntoView {
    let progress = RwSignal::new(None);
    let org = read_org(progress, Signal::derive(|| 0));
    view! {
        <div class="ora-head">
            <div>
                <h1>"All keys"</h1>
                <p>"Every API key of every workspace, disabled ones included."</p>
            </div>
        </div>
        <ReadProgress progress=progress />
        <Loaded load=move || org let:org>
            <AllKeysTable org=org />
        </Loaded>
    }
}

/// The filters and the windowed table over the organization's keys, its findings column filled
/// when the organization has read them.
#[component]
fn AllKeysTable(org: Rc<Org>) -> impl IntoView {
    let router = use_router();
    let table = StoredValue::new_local(Table::new(org.clone()));
    // Each key's finding kinds, once read; `None` while they are (or when the read failed).
    let found = org.found.clone();
    let kinds = Memo::new(move |_| match &*found.read() {
        Some(Ok(found)) => Some(table.with_value(|t| t.kinds(found))),
        _ => None,
    });
    let filters = Memo::new(move |_| Filters {
        q: router.param("q"),
        ws: router.param("ws"),
        status: router.param("status"),
        finding: router.param("finding"),
        sort: router.param("sort"),
    });
    let rows = Memo::new(move |_| {
        filters.with(|f| kinds.with(|k| table.with_value(|t| t.in_view(f, k.as_deref()))))
    });
    let total = Signal::derive(move || rows.with(Vec::len));
    let all = org.snapshot.keys.len();
    let window = use_window(total, ROW, VIEWPORT);
    let sort = Signal::derive(move || filters.with(|f| f.sort.clone()));
    let on_sort = Callback::new(move |v: String| router.set_param("sort", &v));
    let scroll = window.on_scroll;

    let mut workspaces: Vec<(String, String)> = org
        .snapshot
        .workspaces
        .iter()
        .map(|w| (w.id.as_str().to_string(), w.name.clone()))
        .collect();
    workspaces.sort_by(|a, b| crate::collate::natural_cmp(&a.1, &b.1));
    let select = move |id: &'static str,
                       label: &'static str,
                       param: &'static str,
                       options: Vec<(String, String)>| {
        view! {
            <label class="ora-sr" for=id>{label}</label>
            <select id=id class="ora-input" on:change=move |ev| router.set_param(param, &event_target_value(&ev))>
                {options.into_iter().map(|(value, text)| {
                    let v = value.clone();
                    view! { <option value=value selected=move || router.param(param) == v>{text}</option> }
                }).collect_view()}
            </select>
        }
    };
    let ws_options = std::iter::once((String::new(), "Every workspace".to_string()))
        .chain(workspaces)
        .collect();
    let status_options = [
        ("", "Any status"),
        ("active", "Active"),
        ("disabled", "Disabled"),
        ("expired", "Expired"),
    ]
    .into_iter()
    .map(|(v, t)| (v.to_string(), t.to_string()))
    .collect();
    // The finding filter's options: its kinds once the findings are read; off until then.
    let finding_options = move || {
        let found: BTreeSet<&'static str> = kinds.with(|k| {
            k.iter()
                .flatten()
                .flat_map(|kinds| kinds.iter().copied())
                .collect()
        });
        [
            ("", "With or without findings"),
            ("any", "With any finding"),
            ("none", "Without findings"),
        ]
        .into_iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .chain(
            found
                .into_iter()
                .map(|k| (k.to_string(), format!("Finding: {}", k.replace('_', " ")))),
        )
        .map(|(value, text)| {
            let v = value.clone();
            view! { <option value=value selected=move || router.param("finding") == v>{text}</option> }
        })
        .collect_view()
    };
    let reading = move || kinds.with(Option::is_none);

    let row = move |i: usize| {
        let (k, ws, st) = table.with_value(|t| {
            let r = &t.rows[i];
            (t.keys()[i].clone(), r.workspace.clone(), r.status)
        });
        let findings = move || {
            kinds.with(|k| match k {
                Some(k) => k[i]
                    .iter()
                    .map(|k| k.replace('_', " "))
                    .collect::<Vec<_>>()
                    .join(", "),
                None => "Reading…".to_string(),
            })
        };
        let reset = k.limit_reset.as_ref().map(|r| r.as_str().to_string());
        view! {
            <tr>
                <td><a href=Route::Key(k.hash.as_str().to_string()).href()>{k.name.clone()}</a></td>
                <td class="ora-mono">{k.label.clone()}</td>
                <td><a href=Route::Workspace(k.workspace_id.as_str().to_string(), Tab::Keys).href()>{ws}</a></td>
                <td><StatusBadge status=st /></td>
                <td><UsageBar used=crate::domain::window_spend(&k) limit=k.limit reset=reset /></td>
                <td class="ora-num">{usd(k.usage_monthly)}</td>
                <td>{k.expires_at.as_ref().map(|e| date(e.as_str())).unwrap_or_else(|| "never".into())}</td>
                <td class="ora-findings-cell" class:ora-muted=reading>{findings}</td>
            </tr>
        }
    };

    view! {
        <div class="ora-row ora-filters" role="group" aria-label="Search and filters">
            <SearchBox id="ora-allkeys-search" label="Search keys by name or label" placeholder="Search name or label" />
            {select("ora-allkeys-ws", "Workspace", "ws", ws_options)}
            {select("ora-allkeys-status", "Status", "status", status_options)}
            <label class="ora-sr" for="ora-allkeys-finding">"Finding"</label>
            <select id="ora-allkeys-finding" class="ora-input" disabled=reading
                title=move || reading().then_some("Findings are being read")
                on:change=move |ev| router.set_param("finding", &event_target_value(&ev))>
                {finding_options}
            </select>
            <span class="ora-spacer"></span>
            <span class="ora-muted" id="ora-allkeys-count" role="status">{move || format!("{} of {all} keys", total.get())}</span>
        </div>
        <FindingsState org=org.clone() />
        <div class="ora-table-wrap ora-windowed" on:scroll=move |ev| scroll.run(ev) tabindex="0" aria-label="Every API key, scrollable">
            <table class="ora-table" id="ora-allkeys-table" aria-rowcount=move || total.get() + 1>
                <caption class="ora-sr">"Every API key"</caption>
                <thead>
                    <tr>
                        <SortHeader label="Name" column="name" current=sort on_sort=on_sort />
                        <th scope="col">"Label"</th>
                        <SortHeader label="Workspace" column="workspace" current=sort on_sort=on_sort />
                        <th scope="col">"Status"</th>
                        <SortHeader label="Limit use" column="limit" current=sort on_sort=on_sort />
                        <SortHeader label="Spend this month" column="spend" current=sort on_sort=on_sort numeric=true />
                        <SortHeader label="Expires" column="expires" current=sort on_sort=on_sort />
                        <th scope="col">"Findings"</th>
                    </tr>
                </thead>
                <WindowedBody window=window rows=rows columns=8 row=row />
            </table>
            <Show when=move || total.get() == 0>
                <p class="ora-empty">"No keys match."</p>
            </Show>
        </div>
    }
}

/// What the findings column holds: how many findings once read; while they are read, their
/// progress and "Cancel"; when the read failed, why and "Try again" (the table stays).
#[component]
fn FindingsState(org: Rc<Org>) -> impl IntoView {
    let found = org.found.clone();
    view! {
        <RestStatus org=org />
        {move || match &*found.read() {
            Some(Ok(found)) => Some(view! {
                <p class="ora-muted" id="ora-allkeys-findings">{format!("{} findings", found.findings.len())}</p>
            }),
            _ => None,
        }}
    }
}
