//! The workspace list (server pagination, search, sort) and the create form.

use crate::components::{error_view, loading, SortHeader};
use crate::route::{use_router, Route, Tab};
use crate::services::{abort_on_cleanup, use_toasts};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::error::FieldError;
use openrouter_admin::models::{CreateWorkspace, Patch, ProviderSort, UpdateWorkspace, Workspace};
use openrouter_admin::validate::Validate;

/// Rows per server page.
const PAGE: u64 = 50;

/// Whether a workspace is the organization's Default one (implicit membership, cannot be deleted).
pub fn is_default(ws: &Workspace) -> bool {
    ws.slug == "default"
}

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
    let page = LocalResource::new(move || {
        let offset = offset.get();
        let searching = searching.get();
        let signal = abort_on_cleanup();
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
            <label class="ora-sr" for="ora-ws-search">"Search all workspaces"</label>
            <input
                id="ora-ws-search"
                class="ora-input ora-search"
                type="search"
                placeholder="Search name or slug"
                prop:value=move || q.get()
                on:input=move |ev| router.set_param("q", &event_target_value(&ev))
            />
        </div>
        <br />
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let page = page.await?;
                    Ok::<_, openrouter_admin::Error>(view! { <WsTable page=page q=q sort=sort offset=offset /> })
                })}
            </ErrorBoundary>
        </Transition>
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
        let needle = crate::text::lower(&q.get());
        let s = sort.get();
        let (desc, col) = match s.strip_prefix('-') {
            Some(c) => (true, c.to_string()),
            None => (false, s.clone()),
        };
        data.with_value(|d| {
            let mut idx: Vec<usize> = (0..d.len())
                .filter(|&i| {
                    needle.is_empty()
                        || crate::text::lower(&d[i].name).contains(&needle)
                        || d[i].slug.contains(&needle)
                })
                .collect();
            crate::components::sort_indices(&mut idx, &|a, b| {
                let (a, b) = (&d[a], &d[b]);
                let o = match col.as_str() {
                    "slug" => a.slug.cmp(&b.slug),
                    "created" => a.created_at.cmp(&b.created_at),
                    _ => crate::text::natural_cmp(&a.name, &b.name),
                };
                if desc {
                    o.reverse()
                } else {
                    o
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
                            let default = is_default(&w);
                            view! {
                                <tr>
                                    <td>
                                        <a href=Route::Workspace(w.slug.clone(), Tab::Settings).href()>{w.name.clone()}</a>
                                        {default.then(|| view! { " " <span class="ora-badge ora-badge-default">"Default"</span> })}
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

/// The date part of an RFC 3339 timestamp, as the API sends it (UTC).
pub fn date(ts: &str) -> String {
    ts.get(..10).unwrap_or(ts).to_string()
}

/// The editable fields of a workspace, as the form holds them (strings while typing).
#[derive(Clone, Copy)]
pub struct WsForm {
    name: RwSignal<String>,
    slug: RwSignal<String>,
    slug_edited: RwSignal<bool>,
    description: RwSignal<String>,
    text_model: RwSignal<String>,
    image_model: RwSignal<String>,
    provider_sort: RwSignal<String>,
    sampling: RwSignal<String>,
    key_ids: RwSignal<String>,
    discount: RwSignal<bool>,
    broadcast: RwSignal<bool>,
    io_logging: RwSignal<bool>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl WsForm {
    /// A form holding `ws`'s values, or empty.
    pub fn new(ws: Option<&Workspace>) -> WsForm {
        WsForm {
            name: RwSignal::new(ws.map(|w| w.name.clone()).unwrap_or_default()),
            slug: RwSignal::new(ws.map(|w| w.slug.clone()).unwrap_or_default()),
            slug_edited: RwSignal::new(ws.is_some()),
            description: RwSignal::new(ws.and_then(|w| w.description.clone()).unwrap_or_default()),
            text_model: RwSignal::new(
                ws.and_then(|w| w.default_text_model.clone())
                    .unwrap_or_default(),
            ),
            image_model: RwSignal::new(
                ws.and_then(|w| w.default_image_model.clone())
                    .unwrap_or_default(),
            ),
            provider_sort: RwSignal::new(
                ws.and_then(|w| {
                    w.default_provider_sort
                        .as_ref()
                        .map(|s| s.as_str().to_string())
                })
                .unwrap_or_default(),
            ),
            sampling: RwSignal::new(
                ws.map(|w| crate::num::plain(w.io_logging_sampling_rate))
                    .unwrap_or_default(),
            ),
            key_ids: RwSignal::new(
                ws.and_then(|w| w.io_logging_api_key_ids.as_ref())
                    .map(|ids| {
                        ids.iter()
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            ),
            discount: RwSignal::new(ws.is_some_and(|w| w.is_data_discount_logging_enabled)),
            broadcast: RwSignal::new(ws.is_some_and(|w| w.is_observability_broadcast_enabled)),
            io_logging: RwSignal::new(ws.is_some_and(|w| w.is_observability_io_logging_enabled)),
        }
    }

    /// Problems the form itself finds (numbers that don't parse); the core checks the rest.
    fn parse_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let s = self.sampling.get();
        if !s.trim().is_empty() && crate::num::parse(s.trim()).is_err() {
            out.push(FieldError::new(
                "io_logging_sampling_rate",
                "number",
                "Sampling rate must be a number between 0.0001 and 1",
            ));
        }
        if self.ids().is_err() {
            out.push(FieldError::new(
                "io_logging_api_key_ids",
                "number",
                "Key ids must be whole numbers separated by commas",
            ));
        }
        out
    }

    fn ids(&self) -> Result<Option<Vec<i64>>, ()> {
        let raw = self.key_ids.get();
        if raw.trim().is_empty() {
            return Ok(None);
        }
        raw.split(',')
            .map(|p| p.trim().parse::<i64>().map_err(|_| ()))
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    fn sampling_value(&self) -> Option<f64> {
        crate::num::parse(self.sampling.get().trim()).ok()
    }

    /// The create body, every field the user filled.
    pub fn to_create(self) -> CreateWorkspace {
        let mut body = CreateWorkspace::new(self.name.get().trim(), self.slug.get().trim());
        body.description = opt(&self.description.get());
        body.default_text_model = opt(&self.text_model.get());
        body.default_image_model = opt(&self.image_model.get());
        body.default_provider_sort =
            opt(&self.provider_sort.get()).map(|s| ProviderSort::parse(&s));
        body.io_logging_sampling_rate = self.sampling_value();
        body.io_logging_api_key_ids = self.ids().ok().flatten();
        body.is_data_discount_logging_enabled = Some(self.discount.get());
        body.is_observability_broadcast_enabled = Some(self.broadcast.get());
        body.is_observability_io_logging_enabled = Some(self.io_logging.get());
        body
    }

    /// The update body: only the fields that differ from `orig` (cleared text fields become `null`).
    pub fn to_patch(self, orig: &Workspace) -> UpdateWorkspace {
        fn text(now: Option<String>, was: &Option<String>) -> Patch<String> {
            match (now, was) {
                (a, b) if a == *b => Patch::Unset,
                (Some(v), _) => Patch::Value(v),
                (None, _) => Patch::Null,
            }
        }
        let mut p = UpdateWorkspace::new();
        let name = self.name.get().trim().to_string();
        if name != orig.name {
            p.name = Patch::Value(name);
        }
        let slug = self.slug.get().trim().to_string();
        if slug != orig.slug {
            p.slug = Patch::Value(slug);
        }
        p.description = text(opt(&self.description.get()), &orig.description);
        p.default_text_model = text(opt(&self.text_model.get()), &orig.default_text_model);
        p.default_image_model = text(opt(&self.image_model.get()), &orig.default_image_model);
        let sort = opt(&self.provider_sort.get());
        let was = orig
            .default_provider_sort
            .as_ref()
            .map(|s| s.as_str().to_string());
        if sort != was {
            p.default_provider_sort = match sort {
                Some(s) => Patch::Value(ProviderSort::parse(&s)),
                None => Patch::Null,
            };
        }
        if let Some(r) = self.sampling_value() {
            if (r - orig.io_logging_sampling_rate).abs() > f64::EPSILON {
                p.io_logging_sampling_rate = Patch::Value(r);
            }
        }
        if let Ok(ids) = self.ids() {
            if ids != orig.io_logging_api_key_ids {
                p.io_logging_api_key_ids = match ids {
                    Some(v) => Patch::Value(v),
                    None => Patch::Null,
                };
            }
        }
        if self.discount.get() != orig.is_data_discount_logging_enabled {
            p.is_data_discount_logging_enabled = Patch::Value(self.discount.get());
        }
        if self.broadcast.get() != orig.is_observability_broadcast_enabled {
            p.is_observability_broadcast_enabled = Patch::Value(self.broadcast.get());
        }
        if self.io_logging.get() != orig.is_observability_io_logging_enabled {
            p.is_observability_io_logging_enabled = Patch::Value(self.io_logging.get());
        }
        p
    }

    /// Every field error of the create body (as the user types).
    pub fn create_errors(&self) -> Vec<FieldError> {
        let mut e = self.parse_errors();
        e.extend(self.to_create().field_errors());
        e
    }

    /// Every field error of the update body against `orig`.
    pub fn patch_errors(&self, orig: &Workspace) -> Vec<FieldError> {
        let mut e = self.parse_errors();
        e.extend(self.to_patch(orig).field_errors());
        e
    }
}

/// One labelled input with its error beside it.
#[component]
pub fn TextField(
    /// The element id (also used to name the error).
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The API's name of the field, to pick its errors.
    #[prop(into)]
    field: String,
    /// The value.
    value: RwSignal<String>,
    /// All current errors of the form.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    /// Whether errors are shown yet (after the first edit or a submit).
    #[prop(into)]
    show: Signal<bool>,
    /// A hint under the input.
    #[prop(optional, into)]
    hint: Option<String>,
    /// Multi-line input.
    #[prop(optional)]
    multiline: bool,
    /// Called on each edit.
    #[prop(optional, into)]
    on_edit: Option<Callback<()>>,
) -> impl IntoView {
    let message = Signal::derive(move || {
        if !show.get() {
            return None;
        }
        errors.with(|e| {
            e.iter()
                .filter(|e| e.field == field)
                .map(|e| e.message.clone())
                .next()
        })
    });
    let err_id = format!("{id}-error");
    let described = format!("{err_id} {id}-hint");
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                class="ora-textarea"
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(c) = on_edit { c.run(()) }
                }
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                class="ora-input"
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(c) = on_edit { c.run(()) }
                }
            />
        }
        .into_any()
    };
    view! {
        <div class="ora-field">
            <label for=id.clone()>{label}</label>
            {input}
            <span class="ora-hint" id=format!("{id}-hint")>{hint}</span>
            <span class="ora-error" id=err_id>{move || message.get()}</span>
        </div>
    }
}

/// All workspace fields, for both the create form and the settings form.
pub fn workspace_fields(
    form: WsForm,
    errors: Signal<Vec<FieldError>>,
    show: Signal<bool>,
) -> impl IntoView {
    let derive_slug = Callback::new(move |_| {
        if !form.slug_edited.get_untracked() {
            form.slug.set(slugify(&form.name.get_untracked()));
        }
    });
    let slug_edited = Callback::new(move |_| form.slug_edited.set(true));
    view! {
        <div class="ora-grid2">
            <TextField id="ora-ws-name" label="Name" field="name" value=form.name errors=errors show=show on_edit=derive_slug hint="1 to 100 characters." />
            <TextField id="ora-ws-slug" label="Slug" field="slug" value=form.slug errors=errors show=show on_edit=slug_edited hint="Lowercase letters, digits and single hyphens; up to 50." />
        </div>
        <TextField id="ora-ws-description" label="Description" field="description" value=form.description errors=errors show=show multiline=true hint="Up to 500 characters." />
        <div class="ora-grid2">
            <TextField id="ora-ws-text-model" label="Default text model" field="default_text_model" value=form.text_model errors=errors show=show hint="e.g. openai/gpt-4o; empty for none." />
            <TextField id="ora-ws-image-model" label="Default image model" field="default_image_model" value=form.image_model errors=errors show=show hint="Empty for none." />
        </div>
        <div class="ora-grid2">
            <div class="ora-field">
                <label for="ora-ws-sort">"Default provider sort"</label>
                <select id="ora-ws-sort" class="ora-select" prop:value=move || form.provider_sort.get() on:change=move |ev| form.provider_sort.set(event_target_value(&ev))>
                    <option value="">"None"</option>
                    <option value="price">"Price"</option>
                    <option value="throughput">"Throughput"</option>
                    <option value="latency">"Latency"</option>
                    <option value="exacto">"Exacto"</option>
                </select>
            </div>
            <TextField id="ora-ws-sampling" label="I/O logging sampling rate" field="io_logging_sampling_rate" value=form.sampling errors=errors show=show hint="0.0001 to 1." />
        </div>
        <TextField id="ora-ws-key-ids" label="I/O logging API key ids" field="io_logging_api_key_ids" value=form.key_ids errors=errors show=show hint="Comma-separated integer ids, as OpenRouter shows them; empty for all." />
        <label class="ora-check"><input type="checkbox" id="ora-ws-io" bind:checked=form.io_logging />"Observability: I/O logging"</label>
        <label class="ora-check"><input type="checkbox" id="ora-ws-broadcast" bind:checked=form.broadcast />"Observability: broadcast"</label>
        <label class="ora-check"><input type="checkbox" id="ora-ws-discount" bind:checked=form.discount />"Data discount logging"</label>
    }
}

/// A slug from a name: lower case, runs of other characters become one hyphen.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in crate::text::lower(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .chars()
        .take(50)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// The create-workspace page.
#[component]
pub fn NewWorkspace() -> impl IntoView {
    // -- signals --
    let router = use_router();
    let toasts = use_toasts();
    let form = WsForm::new(None);
    let submitted = RwSignal::new(false);
    let touched = RwSignal::new(false);
    let errors = Signal::derive(move || form.create_errors());
    let show = Signal::derive(move || submitted.get() || touched.get());

    // -- actions --
    let create = Action::new_local(move |body: &CreateWorkspace| {
        let body = body.clone();
        async move {
            let client = use_client()?;
            client.workspaces().create(body).send().await
        }
    });

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if errors.get_untracked().is_empty() {
            create.dispatch(form.to_create());
        }
    };

    // -- effects: on success go to the new workspace; on failure the form keeps its input --
    Effect::new(move || {
        match create.value().get() {
        Some(Ok(ws)) => {
            toasts.ok(format!("Workspace “{}” created", ws.name));
            router.push(&Route::Workspace(ws.slug.clone(), Tab::Settings).href());
        }
        Some(Err(e)) if e.is_outcome_unknown() => toasts.error(
            "The server did not answer: the workspace may or may not exist. Check the list before trying again.",
        ),
        _ => {}
    }
    });
    let server_error = move || {
        create.value().get().and_then(|r| r.err()).map(|e| {
            view! { <div class="ora-alert ora-alert-error" role="alert">{e.message().to_string()}</div> }
        })
    };

    view! {
        <div class="ora-crumbs"><a href=Route::Workspaces.href()>"Workspaces"</a>" / New"</div>
        <h1>"New workspace"</h1>
        <form class="ora-card" on:submit=submit on:input=move |_| touched.set(true) novalidate>
            {server_error}
            {workspace_fields(form, errors, show)}
            <div class="ora-row">
                <button class="ora-btn ora-btn-primary" type="submit" disabled=move || create.pending().get()>
                    {move || if create.pending().get() { "Creating…" } else { "Create workspace" }}
                </button>
                <a class="ora-btn" href=Route::Workspaces.href()>"Cancel"</a>
            </div>
        </form>
    }
}
