//! The workspace list: server pagination, a search over every workspace, sort; all in the URL.

use crate::components::badge::DefaultBadge;
use crate::components::field::SearchBox;
use crate::components::loaded::Loaded;
use crate::components::table::{sort_column, sort_indices, SortHeader};
use crate::domain::is_default;
use crate::format::date;
use crate::route::{use_router, Route, Tab};
use crate::services::read;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::Workspace;

/// Rows per server page.
const PAGE: u64 = 50;

/// The workspace table.
#[component]
pub fn WorkspaceList() -> impl IntoView {
    // -- signals: offset, search and sort live in the URL's query --
    let router = use_router();
    let offset = Memo::new(move |_| router.param("offset").parse::<u64>().unwrap_or(0));
    let q = Memo::new(move |_| router.param("q"));
    let sort = Memo::new(move |_| {
        let s = router.param("sort");
        if s.is_empty() {
            "name".to_string()
        } else {
            s
        }
    });

    // A memo, so that typing more of a search does not read the list again.
    let searching = Memo::new(move |_| !q.get().trim().is_empty());

    // -- resources: one server page, or every workspace while searching --
    let page = read(move |signal| {
        let offset = offset.get();
        let searching = searching.get();
        async move {
            let client = use_client()?;
            let list = client.workspaces().list().signal(signal);
            if searching {
                // The API has no search, and a search that missed the workspace on the next
                // page would be wrong: read them all (pages fetched concurrently by the core).
                let all = list.limit(100).paginate().collect_all().await?;
                let total = all.len() as u64;
                Ok(Rows {
                    data: all,
                    total,
                    all: true,
                })
            } else {
                let page = list.offset(offset).limit(PAGE as u32).send().await?;
                let total = page.total_count.unwrap_or(page.data.len() as u64);
                Ok::<_, openrouter_admin::Error>(Rows {
                    data: page.data,
                    total,
                    all: false,
                })
            }
        }
    });

    view! {
        <div class="ora-head">
            <div>
                <h1>"Workspaces"</h1>
                <p>"Each workspace groups API keys, members, budgets and settings."</p>
            </div>
            <a class="ora-btn ora-btn-primary" href=Route::NewWorkspace.href()>
                "New workspace"
            </a>
        </div>
        <div class="ora-row">
            <SearchBox id="ora-ws-search" label="Search all workspaces" placeholder="Search name or slug" />
        </div>
        <br />
        <Loaded load=move || page let:page>
            <WsTable page=page q=q sort=sort offset=offset />
        </Loaded>
    }
}

/// What the table shows: one server page, or every workspace (while searching).
#[derive(Clone)]
struct Rows {
    data: Vec<Workspace>,
    /// How many workspaces the organization has.
    total: u64,
    /// Whether `data` is every workspace rather than one page.
    all: bool,
}

/// One page of workspaces (or all of them while searching), filtered and sorted as the URL says.
#[component]
fn WsTable(
    /// The rows read from the server.
    page: Rows,
    /// The search text.
    #[prop(into)]
    q: Signal<String>,
    /// The sort column (`-` prefix: descending).
    #[prop(into)]
    sort: Signal<String>,
    /// The page's offset.
    #[prop(into)]
    offset: Signal<u64>,
) -> impl IntoView {
    let router = use_router();
    let (total, all) = (page.total, page.all);
    let data = StoredValue::new(page.data);
    let rows = move || {
        let needle = crate::collate::lower(&q.get());
        let s = sort.get();
        let (desc, col) = sort_column(&s);
        data.with_value(|d| {
            let mut idx: Vec<usize> = (0..d.len())
                .filter(|&i| {
                    needle.is_empty()
                        || crate::collate::lower(&d[i].name).contains(&needle)
                        || d[i].slug.contains(&needle)
                })
                .collect();
            sort_indices(&mut idx, desc, &|a, b| {
                let (a, b) = (&d[a], &d[b]);
                match col {
                    "slug" => a.slug.cmp(&b.slug),
                    "created" => a.created_at.cmp(&b.created_at),
                    _ => crate::collate::natural_cmp(&a.name, &b.name),
                }
            });
            idx.into_iter()
                .map(|i| d[i].clone())
                .collect::<Vec<Workspace>>()
        })
    };
    let on_sort = Callback::new(move |v: String| router.set_param("sort", &v));
    let link = move |off: u64| {
        Route::Workspaces.href_with(&[
            ("offset", &off.to_string()),
            ("q", &q.get()),
            ("sort", &router.param("sort")),
        ])
    };
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table" id="ora-ws-table">
                <caption class="ora-sr">"Workspaces"</caption>
                <thead>
                    <tr>
                        <SortHeader label="Name" column="name" current=sort on_sort=on_sort />
                        <SortHeader label="Slug" column="slug" current=sort on_sort=on_sort />
                        <th scope="col">"Description"</th>
                        <SortHeader label="Created" column="created" current=sort on_sort=on_sort />
                    </tr>
                </thead>
                <tbody>
                    {move || rows()
                        .into_iter()
                        .map(|w| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=Route::Workspace(w.slug.clone(), Tab::Settings).href()>{w.name.clone()}</a>
                                        {is_default(&w).then(|| view! { <DefaultBadge /> })}
                                    </td>
                                    <td class="ora-mono">{w.slug.clone()}</td>
                                    <td class="ora-muted">{w.description.clone().unwrap_or_default()}</td>
                                    <td>{date(w.created_at.as_str())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {move || rows().is_empty().then(|| view! { <p class="ora-empty">"No workspaces match."</p> })}
        </div>
        {move || if all {
            view! {
                <p class="ora-pager ora-muted" id="ora-ws-matches">
                    {move || format!("{} of {} workspaces match", rows().len(), total)}
                </p>
            }
                .into_any()
        } else {
            view! {
                <nav class="ora-pager" aria-label="Pages">
                    <span class="ora-muted">
                        {move || { let off = offset.get(); format!("{}–{} of {}", (off + 1).min(total), (off + PAGE).min(total), total) }}
                    </span>
                    {move || {
                        let off = offset.get();
                        match (off > 0).then(|| link(off.saturating_sub(PAGE))) {
                            Some(h) => view! { <a class="ora-btn" href=h>"Previous"</a> }.into_any(),
                            None => view! { <button class="ora-btn" disabled=true>"Previous"</button> }.into_any(),
                        }
                    }}
                    {move || {
                        let off = offset.get();
                        match (off + PAGE < total).then(|| link(off + PAGE)) {
                            Some(h) => view! { <a class="ora-btn" href=h>"Next"</a> }.into_any(),
                            None => view! { <button class="ora-btn" disabled=true>"Next"</button> }.into_any(),
                        }
                    }}
                </nav>
            }
                .into_any()
        }}
    }
}
