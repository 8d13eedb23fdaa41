//! The query's form: metrics and dimensions as `meta` lists them, filters, the window and the
//! granularity. Each of the builder's refusals (and each field of an API 400) shows beside its
//! own field as the form changes; "Run" puts the query in the URL, and sends nothing while any
//! field is refused.

use super::spec::{
    custom_window, day_of, last_day_of, now, place_of, preset_window, takes_list, FilterSpec, Spec,
    MAX_FILTERS, PRESETS,
};
use crate::route::{use_router, Route};
use crate::services::{every, read};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::AnalyticsMeta;
use openrouter_admin::FieldError;

/// One filter row: its signals, and a number that names it while rows come and go.
#[derive(Clone, Copy)]
struct Row {
    id: u32,
    field: RwSignal<String>,
    op: RwSignal<String>,
    value: RwSignal<String>,
}

/// What a filter on a workspace or a key can pick from: ids with their names.
#[derive(Clone, Default)]
struct Choices {
    /// (UUID, name).
    workspaces: Vec<(String, String)>,
    /// (hash, key name, workspace name).
    keys: Vec<(String, String, String)>,
}

/// The workspaces (and, when `keys`, every key of each) for the filters' suggestions: read only
/// once a filter on a workspace or a key is there.
async fn load_choices(
    wanted: bool,
    keys: bool,
    signal: openrouter_admin::CancelSignal,
) -> Result<Choices, openrouter_admin::Error> {
    if !wanted {
        return Ok(Choices::default());
    }
    let client = use_client()?;
    let list = every(client.workspaces().list(), signal.clone()).await?;
    let mut out = Choices::default();
    for ws in &list {
        out.workspaces
            .push((ws.id.as_str().to_owned(), ws.name.clone()));
        if keys {
            let call = client
                .keys()
                .list()
                .workspace(ws.id.as_str())
                .include_disabled(true);
            for k in every(call, signal.clone()).await? {
                out.keys
                    .push((k.hash.as_str().to_owned(), k.name.clone(), ws.name.clone()));
            }
        }
    }
    Ok(out)
}

/// The form over `spec` (the URL's query); `refused` is what the API refused of that query.
#[component]
pub fn QueryForm(
    /// What a query may ask for.
    meta: AnalyticsMeta,
    /// The query to start from.
    spec: Spec,
    /// The API's field errors of the query in the URL.
    refused: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let router = use_router();
    // -- signals: the form's choices --
    let metrics = RwSignal::new(spec.metrics.clone());
    let dims = RwSignal::new(spec.dimensions.clone());
    let next_id = StoredValue::new(0u32);
    let new_row = move |f: &FilterSpec| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        Row {
            id,
            field: RwSignal::new(f.field.clone()),
            op: RwSignal::new(f.op.clone()),
            value: RwSignal::new(f.value.clone()),
        }
    };
    let rows = RwSignal::new(spec.filters.iter().map(new_row).collect::<Vec<Row>>());
    let preset = RwSignal::new(spec.preset.clone());
    let start = RwSignal::new(spec.start.clone());
    let end = RwSignal::new(spec.end.clone());
    let granularity = RwSignal::new(spec.granularity.clone());
    let limit = RwSignal::new(spec.limit.clone());
    let tried = RwSignal::new(false);
    let original = StoredValue::new(spec);

    // -- derived: the query as it stands and what is wrong with it --
    let current = Memo::new(move |_| Spec {
        metrics: metrics.get(),
        dimensions: dims.get(),
        filters: rows
            .get()
            .iter()
            .map(|r| FilterSpec {
                field: r.field.get(),
                op: r.op.get(),
                value: r.value.get(),
            })
            .collect(),
        preset: preset.get(),
        start: start.get(),
        end: end.get(),
        granularity: granularity.get(),
        limit: limit.get(),
    });
    let errors = Memo::new(move |_| {
        let mut out: Vec<FieldError> = current.with(|s| {
            s.build()
                .err()
                .map(|e| e.validation_errors().to_vec())
                .unwrap_or_default()
        });
        if current.with(|s| original.with_value(|o| s == o)) {
            out.extend(refused.get());
        }
        out
    });
    let error_at = move |place: String| {
        move || {
            errors.with(|es| {
                let found: Vec<String> = es
                    .iter()
                    .filter(|e| place_of(&e.field).as_deref() == Some(place.as_str()))
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect();
                (!found.is_empty()).then(|| found.join("; "))
            })
        }
    };
    let elsewhere = move || {
        errors.with(|es| {
            es.iter()
                .filter(|e| place_of(&e.field).is_none())
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })
    };

    // -- tasks: suggestions for workspace and key filters, read when such a filter is there --
    let wants = Memo::new(move |_| {
        rows.with(|rs| {
            let fields: Vec<String> = rs.iter().map(|r| r.field.get()).collect();
            let keys = fields.iter().any(|f| f == "api_key_id");
            (keys || fields.iter().any(|f| f == "workspace"), keys)
        })
    });
    let choices = read(move |signal| {
        let (wanted, keys) = wants.get();
        load_choices(wanted, keys, signal)
    });
    let choice_list = move || choices.get().and_then(Result::ok).unwrap_or_default();

    // -- handlers --
    let toggle = move |list: RwSignal<Vec<String>>, name: String, on: bool| {
        list.update(|l| {
            l.retain(|n| *n != name);
            if on {
                l.push(name);
            }
        });
    };
    let set_preset = move |p: String| {
        if let Some((s, e)) = preset_window(&p, now()) {
            start.set(s);
            end.set(e);
        }
        preset.set(p);
    };
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if !errors.with(Vec::is_empty) {
            return;
        }
        let params = current.get_untracked().to_params();
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        router.push(&Route::Analytics.href_with(&pairs));
    };

    // -- view --
    let default_op = meta
        .operators
        .first()
        .map(|o| o.name.as_str().to_owned())
        .unwrap_or_else(|| "eq".to_owned());
    let default_dim = meta
        .dimensions
        .first()
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let metric_boxes = meta
        .metrics
        .iter()
        .map(|m| {
            let name = m.name.clone();
            let (n1, n2) = (name.clone(), name.clone());
            view! {
                <label class="ora-check">
                    <input type="checkbox" id=format!("ora-q-metric-{name}")
                        prop:checked=move || metrics.with(|l| l.contains(&n1))
                        on:change=move |ev| toggle(metrics, n2.clone(), event_target_checked(&ev)) />
                    {m.display_label.clone()}
                </label>
            }
        })
        .collect_view();
    let dim_boxes = meta
        .dimensions
        .iter()
        .map(|d| {
            let name = d.name.clone();
            let (n1, n2) = (name.clone(), name.clone());
            view! {
                <label class="ora-check">
                    <input type="checkbox" id=format!("ora-q-dim-{name}")
                        prop:checked=move || dims.with(|l| l.contains(&n1))
                        on:change=move |ev| toggle(dims, n2.clone(), event_target_checked(&ev)) />
                    {d.display_label.clone()}
                </label>
            }
        })
        .collect_view();
    let dim_options: Vec<(String, String)> = meta
        .dimensions
        .iter()
        .map(|d| (d.name.clone(), d.display_label.clone()))
        .collect();
    let op_options: Vec<String> = meta
        .operators
        .iter()
        .map(|o| o.name.as_str().to_owned())
        .collect();
    let granularities: Vec<(String, String)> = meta
        .granularities
        .iter()
        .map(|g| (g.name.as_str().to_owned(), g.display_label.clone()))
        .collect();
    let filter_row = move |row: Row| {
        let index = move || {
            rows.with(|rs| rs.iter().position(|r| r.id == row.id))
                .unwrap_or(0)
        };
        let err = move || error_at(format!("filter{}", index()))();
        let id = row.id;
        let fields = dim_options
            .iter()
            .map(|(n, l)| view! { <option value=n.clone()>{l.clone()}</option> })
            .collect_view();
        let ops = op_options
            .iter()
            .map(|o| view! { <option value=o.clone()>{o.clone()}</option> })
            .collect_view();
        let list_for = move || match row.field.get().as_str() {
            "workspace" => Some("ora-q-workspaces"),
            "api_key_id" => Some("ora-q-keys"),
            _ => None,
        };
        view! {
            <div class="ora-filter-row" role="group" aria-label=move || format!("Filter {}", index() + 1)>
                <div class="ora-field">
                    <label for=format!("ora-q-f{id}-field")>"Dimension"</label>
                    <select class="ora-select" id=format!("ora-q-f{id}-field") prop:value=move || row.field.get()
                        on:change=move |ev| row.field.set(event_target_value(&ev))>{fields}</select>
                </div>
                <div class="ora-field">
                    <label for=format!("ora-q-f{id}-op")>"Operator"</label>
                    <select class="ora-select" id=format!("ora-q-f{id}-op") prop:value=move || row.op.get()
                        on:change=move |ev| row.op.set(event_target_value(&ev))>{ops}</select>
                </div>
                <div class="ora-field ora-grow">
                    <label for=format!("ora-q-f{id}-value")>
                        {move || if takes_list(&row.op.get()) { "Values (separated by commas)" } else { "Value" }}
                    </label>
                    <input class="ora-input" id=format!("ora-q-f{id}-value") list=list_for
                        aria-invalid=move || err().is_some().then_some("true")
                        aria-describedby=format!("ora-q-f{id}-error")
                        prop:value=move || row.value.get() on:input=move |ev| row.value.set(event_target_value(&ev)) />
                    <span class="ora-error" id=format!("ora-q-f{id}-error")>{err}</span>
                </div>
                <button type="button" class="ora-btn ora-btn-small" id=format!("ora-q-f{id}-remove")
                    aria-label=move || format!("Remove filter {}", index() + 1)
                    on:click=move |_| rows.update(|rs| rs.retain(|r| r.id != id))>
                    "Remove"
                </button>
            </div>
        }
    };
    let add_filter = move |_| {
        let row = new_row(&FilterSpec {
            field: default_dim.clone(),
            op: default_op.clone(),
            value: String::new(),
        });
        rows.update(|rs| rs.push(row));
    };
    let metrics_err = Signal::derive(error_at("metrics".into()));
    let dims_err = Signal::derive(error_at("dimensions".into()));
    let window_err = Signal::derive(error_at("window".into()));
    let gran_err = Signal::derive(error_at("granularity".into()));
    let limit_err = Signal::derive(error_at("limit".into()));
    let filters_err = Signal::derive(error_at("filters".into()));
    view! {
        <form id="ora-analytics-form" class="ora-qform" novalidate on:submit=run>
            <fieldset class="ora-fieldset" aria-describedby="ora-q-metrics-error">
                <legend>"Metrics"</legend>
                <div class="ora-checks">{metric_boxes}</div>
                <span class="ora-error" id="ora-q-metrics-error">{metrics_err}</span>
            </fieldset>
            <fieldset class="ora-fieldset" aria-describedby="ora-q-dimensions-hint ora-q-dimensions-error">
                <legend>"Group by"</legend>
                <p class="ora-hint" id="ora-q-dimensions-hint">"Up to two dimensions, in the order chosen."</p>
                <div class="ora-checks">{dim_boxes}</div>
                <span class="ora-error" id="ora-q-dimensions-error">{dims_err}</span>
            </fieldset>
            <fieldset class="ora-fieldset" aria-describedby="ora-q-filters-error">
                <legend>"Filters"</legend>
                <p class="ora-hint">"All must hold. A workspace is filtered by its id and a key by its hash: pick them by name from the suggestions."</p>
                <For each=move || rows.get() key=|r| r.id children=filter_row />
                <button type="button" class="ora-btn ora-btn-small" id="ora-q-add-filter"
                    disabled=move || rows.with(|r| r.len() >= MAX_FILTERS) on:click=add_filter>
                    "Add filter"
                </button>
                <span class="ora-error" id="ora-q-filters-error">{filters_err}</span>
                <datalist id="ora-q-workspaces">
                    {move || choice_list().workspaces.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </datalist>
                <datalist id="ora-q-keys">
                    {move || choice_list().keys.into_iter().map(|(hash, name, ws)| view! { <option value=hash>{format!("{name} ({ws})")}</option> }).collect_view()}
                </datalist>
            </fieldset>
            <div class="ora-grid3">
                <div class="ora-field">
                    <label for="ora-q-window">"Window"</label>
                    <select class="ora-select" id="ora-q-window" aria-describedby="ora-q-window-hint ora-q-window-error"
                        aria-invalid=move || window_err.get().is_some().then_some("true")
                        prop:value=move || preset.get() on:change=move |ev| set_preset(event_target_value(&ev))>
                        {PRESETS.iter().map(|(v, l)| view! { <option value=*v>{*l}</option> }).collect_view()}
                    </select>
                    <span class="ora-hint" id="ora-q-window-hint">
                        {move || format!("{} to {} (UTC, the end excluded)", start.get(), end.get())}
                    </span>
                    <span class="ora-error" id="ora-q-window-error">{window_err}</span>
                </div>
                <div class="ora-field">
                    <label for="ora-q-granularity">"Granularity"</label>
                    <select class="ora-select" id="ora-q-granularity" aria-describedby="ora-q-granularity-error"
                        aria-invalid=move || gran_err.get().is_some().then_some("true")
                        prop:value=move || granularity.get() on:change=move |ev| granularity.set(event_target_value(&ev))>
                        <option value="">"None: totals over the window"</option>
                        {granularities.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                    </select>
                    <span class="ora-error" id="ora-q-granularity-error">{gran_err}</span>
                </div>
                <div class="ora-field">
                    <label for="ora-q-limit">"Most rows"</label>
                    <input class="ora-input" id="ora-q-limit" inputmode="numeric" placeholder="1000 (the API's default)"
                        aria-describedby="ora-q-limit-error" aria-invalid=move || limit_err.get().is_some().then_some("true")
                        prop:value=move || limit.get() on:input=move |ev| limit.set(event_target_value(&ev)) />
                    <span class="ora-error" id="ora-q-limit-error">{limit_err}</span>
                </div>
            </div>
            <Show when=move || preset.get() == "custom">
                <div class="ora-grid3">
                    <div class="ora-field">
                        <label for="ora-q-from">"From (UTC day)"</label>
                        <input class="ora-input" type="date" id="ora-q-from" prop:value=move || day_of(&start.get())
                            on:input=move |ev| {
                                let (s, e) = custom_window(&event_target_value(&ev), &last_day_of(&end.get_untracked()));
                                start.set(s);
                                end.set(e);
                            } />
                    </div>
                    <div class="ora-field">
                        <label for="ora-q-to">"To (UTC day, included)"</label>
                        <input class="ora-input" type="date" id="ora-q-to" prop:value=move || last_day_of(&end.get())
                            on:input=move |ev| {
                                let (s, e) = custom_window(&day_of(&start.get_untracked()), &event_target_value(&ev));
                                start.set(s);
                                end.set(e);
                            } />
                    </div>
                </div>
            </Show>
            <div class="ora-row">
                <button type="submit" class="ora-btn ora-btn-primary" id="ora-q-run">"Run"</button>
                <span class="ora-error" id="ora-q-other-error">{elsewhere}</span>
            </div>
            {move || (tried.get() && !errors.with(Vec::is_empty)).then(|| view! {
                <p class="ora-alert ora-alert-error" id="ora-q-refused" role="alert">
                    "Nothing was sent: fix the fields marked above first."
                </p>
            })}
        </form>
    }
}
