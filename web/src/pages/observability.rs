//! A workspace's observability destinations, grouped by type: list, add, edit, delete. A
//! workspace may hold at most five destinations of one type, so a full type's add button is
//! disabled and says why before the API would refuse; a sixth that slips through (someone
//! added one meanwhile) is refused by the API with a 409, explained in the dialog, and the list
//! reads again to show the five.
//!
//! Credentials in a destination's settings (`apiKey`, `secretKey`, ...) are typed into
//! password fields, sent once and never shown again: the API answers them masked.

use crate::components::confirm::ConfirmByName;
use crate::components::dialog::Dialog;
use crate::components::field::FormErrors;
use crate::components::loaded::Loaded;
use crate::format::date;
use crate::services::read;
use crate::session::use_client;
use crate::write::{succeeded_if, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{
    CreateDestination, DataRegion, Destination, DestinationId, DestinationType, JsonObject, Patch,
    UpdateDestination, Workspace, MAX_DESTINATIONS_PER_TYPE,
};
use openrouter_admin::validate::Validate;
use openrouter_admin::FieldError;
use serde_json::{Map, Value};

/// A write of the tab.
#[derive(Clone)]
enum Change {
    Add(CreateDestination),
    Edit(DestinationId, UpdateDestination),
    Delete(DestinationId),
}

/// The tab's one write action.
type ChangeAction = Action<Change, Result<(), openrouter_admin::Error>>;

/// The open dialog: add one of a type (or of any type), or edit one.
#[derive(Clone)]
enum Open {
    Add(Option<DestinationType>),
    Edit(Box<Destination>),
}

/// A type's name as its vendor writes it.
fn label(t: &DestinationType) -> String {
    match t {
        DestinationType::Arize => "Arize AX",
        DestinationType::Braintrust => "Braintrust",
        DestinationType::Clickhouse => "ClickHouse",
        DestinationType::Datadog => "Datadog",
        DestinationType::Grafana => "Grafana Cloud",
        DestinationType::Langfuse => "Langfuse",
        DestinationType::Langsmith => "LangSmith",
        DestinationType::Newrelic => "New Relic",
        DestinationType::Opik => "Opik",
        DestinationType::OtelCollector => "OpenTelemetry collector",
        DestinationType::Posthog => "PostHog",
        DestinationType::Ramp => "Ramp",
        DestinationType::S3 => "Amazon S3",
        DestinationType::Sentry => "Sentry",
        DestinationType::Snowflake => "Snowflake",
        DestinationType::Weave => "W&B Weave",
        DestinationType::Webhook => "Webhook",
        other => return other.as_str().to_string(),
    }
    .to_string()
}

/// Why a type cannot take another destination (the same words on the button and in the
/// dialog after a 409).
fn full_text(t: &DestinationType) -> String {
    format!(
        "{} of {MAX_DESTINATIONS_PER_TYPE} {} destinations: a workspace can have at most {MAX_DESTINATIONS_PER_TYPE} of one type. Delete one to add another.",
        MAX_DESTINATIONS_PER_TYPE,
        label(t)
    )
}

/// The observability tab.
#[component]
pub fn Destinations(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals --
    let writes = use_writes();
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let open = RwSignal::new(None::<Open>);
    let deleting = RwSignal::new(None::<Destination>);

    // -- actions --
    let change: ChangeAction = Action::new_local(move |c: &Change| {
        let c = c.clone();
        let ws = ws_id.get_value();
        let done = match &c {
            Change::Add(_) => "Destination added",
            Change::Edit(..) => "Destination saved",
            Change::Delete(_) => "Destination deleted",
        };
        writes.run(
            async move {
                let client = use_client()?;
                match c {
                    Change::Add(body) => {
                        client
                            .workspace(&ws)
                            .destinations()
                            .create(body)
                            .send()
                            .await
                    }
                    Change::Edit(id, patch) => client.destination(id).update(patch).send().await,
                    Change::Delete(id) => return client.destination(id).delete().send().await,
                }
                .map(drop)
            },
            move |_| {
                open.set(None);
                deleting.set(None);
                Then::ok(done)
            },
            Failure::Shown,
        )
    });
    // A 409 means the list on screen is out of date (the type filled up meanwhile): read again.
    let written = succeeded_if(change, |r| {
        r.as_ref()
            .map_or_else(|e| e.status() == Some(409), |_| true)
    });

    // -- resources: the destinations, again after each write that went through --
    let list = read(move |signal| {
        let _written = written.get();
        let id = ws_id.get_value();
        async move {
            use_client()?
                .workspace(&id)
                .destinations()
                .list()
                .limit(100)
                .paginate()
                .signal(signal)
                .collect_all()
                .await
        }
    });
    let counts = Signal::derive(move || {
        list.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|all| {
                    DestinationType::ALL
                        .iter()
                        .map(|t| (t.clone(), all.iter().filter(|d| d.kind == *t).count()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });

    // -- callbacks: a dialog's last failure goes with it --
    let close = Callback::new(move |()| {
        change.value().set(None);
        open.set(None);
        deleting.set(None);
    });

    view! {
        <div class="ora-head">
            <p>
                "Where this workspace's requests are broadcast for tracing and analytics. "
                {format!("Each type can hold at most {MAX_DESTINATIONS_PER_TYPE} destinations per workspace.")}
            </p>
            <button class="ora-btn ora-btn-primary" id="ora-dest-add" on:click=move |_| open.set(Some(Open::Add(None)))>
                "Add destination"
            </button>
        </div>
        <Loaded load=move || list let:all>
            {groups(all, open, deleting)}
        </Loaded>
        {move || open.get().map(|o| view! { <DestinationDialog open=o change=change counts=counts on_close=close /> })}
        {move || deleting.get().map(|d| {
            let name = d.name.clone().unwrap_or_else(|| label(&d.kind));
            let id = d.id.clone();
            view! {
                <ConfirmByName
                    what="destination"
                    name=name
                    action="Delete destination"
                    body="Requests stop being sent there at once. This cannot be undone."
                    pending=change.pending()
                    error=crate::write::failure_message(change)
                    on_confirm=move |_| { change.dispatch(Change::Delete(id.clone())); }
                    on_close=close
                />
            }
        })}
    }
}

/// One section per type that has destinations, in the spec's order (unknown types last).
fn groups(
    all: Vec<Destination>,
    open: RwSignal<Option<Open>>,
    deleting: RwSignal<Option<Destination>>,
) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="ora-empty" id="ora-dest-empty">"No destinations in this workspace yet."</p> }
            .into_any();
    }
    let mut kinds: Vec<DestinationType> = DestinationType::ALL
        .iter()
        .filter(|t| all.iter().any(|d| d.kind == **t))
        .cloned()
        .collect();
    for d in &all {
        if !d.kind.is_known() && !kinds.contains(&d.kind) {
            kinds.push(d.kind.clone());
        }
    }
    kinds
        .into_iter()
        .map(|kind| {
            let rows: Vec<Destination> = all.iter().filter(|d| d.kind == kind).cloned().collect();
            let n = rows.len();
            let full = n >= MAX_DESTINATIONS_PER_TYPE;
            let seg = kind.as_str().to_string();
            let head_id = format!("ora-dest-group-{seg}");
            let labelled = head_id.clone();
            let section_id = format!("ora-dest-{seg}");
            let add_id = format!("ora-dest-add-{seg}");
            let note_id = format!("ora-dest-full-{seg}");
            let described = full.then(|| note_id.clone());
            let add_kind = kind.clone();
            view! {
                <section class="ora-card" aria-labelledby=labelled id=section_id>
                    <div class="ora-head">
                        <h2 id=head_id>{label(&kind)}" "<span class="ora-muted">{format!("{n} of {MAX_DESTINATIONS_PER_TYPE}")}</span></h2>
                        <button class="ora-btn" id=add_id disabled=full
                            aria-describedby=described
                            on:click=move |_| open.set(Some(Open::Add(Some(add_kind.clone()))))>
                            {format!("Add {} destination", label(&kind))}
                        </button>
                    </div>
                    {full.then(|| view! { <p class="ora-alert ora-alert-warn" id=note_id>{full_text(&kind)}</p> })}
                    {destination_table(rows, open, deleting)}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// A destination's regions, in words.
fn regions(d: &Destination) -> String {
    if d.regions.is_empty() {
        return "—".to_string();
    }
    d.regions
        .iter()
        .map(|r| match r {
            DataRegion::Global => "Global".to_string(),
            DataRegion::Europe => "Europe".to_string(),
            DataRegion::Us => "United States".to_string(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn destination_table(
    rows: Vec<Destination>,
    open: RwSignal<Option<Open>>,
    deleting: RwSignal<Option<Destination>>,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|d| {
            let name = d.name.clone().unwrap_or_else(|| label(&d.kind));
            let (edit, delete) = (d.clone(), d.clone());
            let mut notes = Vec::new();
            if d.privacy_mode {
                notes.push("metadata only");
            }
            if d.filter_rules.is_some() {
                notes.push("filtered");
            }
            if d.api_key_hashes.is_some() {
                notes.push("some keys");
            }
            view! {
                <tr>
                    <td>{name.clone()}</td>
                    <td>{if d.enabled { "On" } else { "Off" }}</td>
                    <td>{regions(&d)}</td>
                    <td class="ora-num">{format!("{}%", (d.sampling_rate * 100.0 * 100.0).round() / 100.0)}</td>
                    <td>{if notes.is_empty() { "—".to_string() } else { notes.join(", ") }}</td>
                    <td>{date(d.updated_at.as_str())}</td>
                    <td>
                        <div class="ora-row">
                            <button class="ora-btn ora-btn-small" id=format!("ora-dest-edit-{}", d.id)
                                aria-label=format!("Edit {name}") on:click=move |_| open.set(Some(Open::Edit(Box::new(edit.clone()))))>"Edit"</button>
                            <button class="ora-btn ora-btn-small ora-btn-danger" id=format!("ora-dest-delete-{}", d.id)
                                aria-label=format!("Delete {name}") on:click=move |_| deleting.set(Some(delete.clone()))>"Delete"</button>
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Sending"</th>
                        <th scope="col">"Regions"</th>
                        <th scope="col">"Sampled"</th>
                        <th scope="col">"Notes"</th>
                        <th scope="col">"Changed"</th>
                        <th scope="col">"Actions"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// The regions a destination may be processed in: wire value and label.
const REGIONS: [(&str, &str); 3] = [
    ("global", "Global"),
    ("europe", "Europe"),
    ("us", "United States"),
];

/// One setting of the form: its name, whether it is required, and its value.
#[derive(Clone, Copy)]
struct Setting {
    name: &'static str,
    required: bool,
    secret: bool,
    value: RwSignal<String>,
}

/// The settings of `kind`, with the values `config` holds (credentials left empty: they come
/// back masked, and an empty field keeps them).
fn settings_of(kind: &DestinationType, config: Option<&Map<String, Value>>) -> Vec<Setting> {
    let required = kind.required_config().iter().map(|n| (*n, true));
    let optional = kind.optional_config().iter().map(|n| (*n, false));
    required
        .chain(optional)
        .map(|(name, required)| {
            let secret = DestinationType::is_secret_config(name);
            let now = config
                .filter(|_| !secret)
                .and_then(|c| c.get(name))
                .and_then(Value::as_str)
                .unwrap_or_default();
            Setting {
                name,
                required,
                secret,
                value: RwSignal::new(now.to_string()),
            }
        })
        .collect()
}

/// The add or edit dialog. An edit sends only what changed, and a credential only when a new
/// one is typed.
#[component]
fn DestinationDialog(
    /// Add (of a type, or any), or edit this destination.
    open: Open,
    /// The tab's write.
    change: ChangeAction,
    /// How many destinations each type has, for the type picker.
    counts: Signal<Vec<(DestinationType, usize)>>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let (existing, fixed) = match &open {
        Open::Add(kind) => (None, kind.clone()),
        Open::Edit(d) => (Some((**d).clone()), Some(d.kind.clone())),
    };
    let adding = existing.is_none();
    let was = StoredValue::new(existing.clone());
    let first_open = counts.with_untracked(|c| {
        c.iter()
            .find(|(_, n)| *n < MAX_DESTINATIONS_PER_TYPE)
            .map(|(t, _)| t.clone())
    });
    let kind = RwSignal::new(
        fixed
            .clone()
            .or(first_open)
            .unwrap_or(DestinationType::Langfuse),
    );
    let name = RwSignal::new(
        existing
            .as_ref()
            .and_then(|d| d.name.clone())
            .unwrap_or_default(),
    );
    let enabled = RwSignal::new(existing.as_ref().is_none_or(|d| d.enabled));
    let privacy = RwSignal::new(existing.as_ref().is_some_and(|d| d.privacy_mode));
    let sampling = RwSignal::new(
        existing
            .as_ref()
            .map(|d| crate::num::plain(d.sampling_rate))
            .unwrap_or_else(|| "1".to_string()),
    );
    let region_boxes: Vec<(&'static str, &'static str, RwSignal<bool>)> = REGIONS
        .iter()
        .map(|(v, l)| {
            let on = match &existing {
                None => *v == "global",
                Some(d) => d.regions.iter().any(|r| r.as_str() == *v),
            };
            (*v, *l, RwSignal::new(on))
        })
        .collect();
    let region_boxes = StoredValue::new(region_boxes);
    let settings = RwSignal::new(settings_of(
        &kind.get_untracked(),
        existing.as_ref().map(|d| &d.config),
    ));

    // What the dialog would send, or why it cannot.
    let body = move || -> Result<Change, Vec<FieldError>> {
        let mut errs = Vec::new();
        let rate = match crate::num::parse(sampling.get().trim()) {
            Ok(v) => Some(v),
            Err(_) => {
                errs.push(FieldError::new(
                    "sampling_rate",
                    "number",
                    "Enter a sampling rate between 0.0001 and 1",
                ));
                None
            }
        };
        let picked: Vec<String> = region_boxes.with_value(|b| {
            b.iter()
                .filter(|(_, _, on)| on.get())
                .map(|(v, _, _)| (*v).to_string())
                .collect()
        });
        let name_now = name.get().trim().to_string();
        if name_now.is_empty() {
            errs.push(FieldError::new(
                "name",
                "required",
                "Give the destination a name",
            ));
        }
        match was.get_value() {
            None => {
                let mut config = Map::new();
                settings.with(|s| {
                    for s in s.iter() {
                        let v = s.value.get();
                        if !v.trim().is_empty() {
                            config.insert(s.name.to_string(), Value::String(v.trim().to_string()));
                        }
                    }
                });
                let mut b = CreateDestination::new(kind.get(), name_now, JsonObject::from(config))
                    .enabled(enabled.get())
                    .privacy_mode(privacy.get())
                    .regions(picked);
                if let Some(r) = rate {
                    b = b.sampling_rate(r);
                }
                errs.extend(b.field_errors());
                if errs.is_empty() {
                    Ok(Change::Add(b))
                } else {
                    Err(errs)
                }
            }
            Some(d) => {
                let mut p = UpdateDestination::new();
                if Some(name_now.as_str()) != d.name.as_deref() {
                    p.name = Patch::Value(name_now);
                }
                if enabled.get() != d.enabled {
                    p.enabled = Patch::Value(enabled.get());
                }
                if privacy.get() != d.privacy_mode {
                    p.privacy_mode = Patch::Value(privacy.get());
                }
                if let Some(r) = rate.filter(|r| *r != d.sampling_rate) {
                    p.sampling_rate = Patch::Value(r);
                }
                let was_regions: Vec<String> =
                    d.regions.iter().map(|r| r.as_str().to_string()).collect();
                if picked != was_regions {
                    p.regions = Patch::Value(picked);
                }
                let mut config = Map::new();
                settings.with(|s| {
                    for s in s.iter() {
                        let v = s.value.get().trim().to_string();
                        let before = d
                            .config
                            .get(s.name)
                            .and_then(Value::as_str)
                            .unwrap_or_default();
                        // An empty credential keeps the stored one; other settings change if edited.
                        if (s.secret && !v.is_empty()) || (!s.secret && v != before) {
                            config.insert(
                                s.name.to_string(),
                                if v.is_empty() && !s.required {
                                    Value::Null
                                } else {
                                    Value::String(v)
                                },
                            );
                        }
                    }
                });
                if !config.is_empty() {
                    p.config = Patch::Value(JsonObject::from(config));
                }
                errs.extend(p.field_errors());
                if errs.is_empty() {
                    Ok(Change::Edit(d.id.clone(), p))
                } else {
                    Err(errs)
                }
            }
        }
    };
    let errors = FormErrors::new(Signal::derive(move || body().err().unwrap_or_default()));
    let err_for = move |field: String| errors.of(field);

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.touch();
        if change.pending().get_untracked() {
            return;
        }
        if let Ok(c) = body() {
            change.dispatch(c);
        }
    };
    let pick = move |ev: leptos::ev::Event| {
        let t = DestinationType::parse(&event_target_value(&ev));
        settings.set(settings_of(&t, None));
        kind.set(t);
    };
    // The API's refusal; a 409 is the type filling up since the list was read, said plainly.
    let server_error = move || {
        change.value().with(|r| match r {
            Some(Err(e)) if e.status() == Some(409) => Some(format!(
                "Not added. {} (Someone added one since this page read the list; it shows them now.)",
                full_text(&kind.get())
            )),
            Some(Err(e)) => Some(e.message().to_string()),
            _ => None,
        })
        .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-dest-error">{text}</div> })
    };
    let title = match &open {
        Open::Add(Some(t)) => format!("Add {} destination", label(t)),
        Open::Add(None) => "Add destination".to_string(),
        Open::Edit(d) => format!(
            "Edit “{}”",
            d.name.clone().unwrap_or_else(|| label(&d.kind))
        ),
    };
    let type_picker = (adding && fixed.is_none()).then(|| {
        let options = DestinationType::ALL
            .iter()
            .map(|t| {
                let n = counts.with_untracked(|c| c.iter().find(|(k, _)| k == t).map_or(0, |(_, n)| *n));
                let full = n >= MAX_DESTINATIONS_PER_TYPE;
                let text = if full {
                    format!("{} (full: {n} of {MAX_DESTINATIONS_PER_TYPE})", label(t))
                } else {
                    label(t)
                };
                view! { <option value=t.as_str().to_string() disabled=full>{text}</option> }
            })
            .collect_view();
        view! {
            <div class="ora-field">
                <label for="ora-dest-type">"Type"</label>
                <select id="ora-dest-type" class="ora-select" prop:value=move || kind.get().as_str().to_string() on:change=pick
                    aria-describedby="ora-dest-type-hint">
                    {options}
                </select>
                <span class="ora-hint" id="ora-dest-type-hint">
                    {format!("A type that already has {MAX_DESTINATIONS_PER_TYPE} destinations here cannot take another.")}
                </span>
            </div>
        }
    });
    let setting_fields = move || {
        settings
            .get()
            .into_iter()
            .map(|s| {
                let id = format!("ora-dest-config-{}", s.name);
                let err_id = format!("{id}-error");
                let hint = match (s.secret, adding, s.required) {
                    (true, true, _) => "Sent once; never shown again.",
                    (true, false, _) => "Leave empty to keep the current one.",
                    (false, _, true) => "Required.",
                    (false, _, false) => "Optional.",
                };
                let hint_id = format!("{id}-hint");
                view! {
                    <div class="ora-field">
                        <label for=id.clone()>{s.name}</label>
                        <input id=id.clone() class="ora-input" type=if s.secret { "password" } else { "text" }
                            autocomplete=if s.secret { "new-password" } else { "off" } spellcheck="false"
                            prop:value=move || s.value.get() on:input=move |ev| s.value.set(event_target_value(&ev))
                            aria-describedby=format!("{hint_id} {err_id}") />
                        <span class="ora-hint" id=hint_id>{hint}</span>
                        <span class="ora-error" id=err_id>{err_for(format!("config.{}", s.name))}</span>
                    </div>
                }
            })
            .collect_view()
    };
    let boxes = region_boxes.with_value(|b| {
        b.iter()
            .map(|(v, l, on)| {
                let on = *on;
                view! { <label class="ora-check"><input type="checkbox" id=format!("ora-dest-region-{v}") bind:checked=on />{*l}</label> }
            })
            .collect_view()
    });

    view! {
        <Dialog title=title on_close=on_close>
            <form on:submit=submit novalidate>
                <div class="ora-dialog-body">
                    {server_error}
                    {type_picker}
                    <div class="ora-field">
                        <label for="ora-dest-name">"Name"</label>
                        <input id="ora-dest-name" class="ora-input" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev)) aria-describedby="ora-dest-name-error" />
                        <span class="ora-error" id="ora-dest-name-error">{err_for("name".to_string())}</span>
                    </div>
                    {setting_fields}
                    <fieldset class="ora-fieldset" aria-describedby="ora-dest-regions-error">
                        <legend>"Regions it may be processed in"</legend>
                        <div class="ora-checks">{boxes}</div>
                        <span class="ora-error" id="ora-dest-regions-error">{err_for("regions".to_string())}</span>
                    </fieldset>
                    <div class="ora-grid2">
                        <div class="ora-field">
                            <label for="ora-dest-sampling">"Sampling rate (0.0001 to 1)"</label>
                            <input id="ora-dest-sampling" class="ora-input" inputmode="decimal" prop:value=move || sampling.get()
                                on:input=move |ev| sampling.set(event_target_value(&ev)) aria-describedby="ora-dest-sampling-error" />
                            <span class="ora-error" id="ora-dest-sampling-error">{err_for("sampling_rate".to_string())}</span>
                        </div>
                        <div class="ora-checks">
                            <label class="ora-check"><input type="checkbox" id="ora-dest-enabled" bind:checked=enabled />"Sending"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-dest-privacy" bind:checked=privacy />"Privacy mode: metadata only, no request or response bodies"</label>
                        </div>
                    </div>
                </div>
                <div class="ora-dialog-foot">
                    <button class="ora-btn" type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button class="ora-btn ora-btn-primary" type="submit" id="ora-dest-save" disabled=move || change.pending().get()>
                        {move || match (adding, change.pending().get()) {
                            (true, true) => "Adding…",
                            (true, false) => "Add destination",
                            (false, true) => "Saving…",
                            (false, false) => "Save",
                        }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
