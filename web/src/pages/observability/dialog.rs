//! The add or edit dialog of a destination, over the form of `form.rs`. An add whose answer was
//! lost is searched for before another can start (a second would take another of the type's
//! five places).

use crate::components::dialog::Dialog;
use crate::components::field::TextField;
use crate::components::form::{DialogFoot, RegionChecks};
use crate::components::lost::{refusal, FoundNotice, LostCreate, LostNotice};
use crate::pages::change::{ChangeAction, TabDialog};
use crate::pages::observability::form::{full_text, label, DestForm};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{
    CreateDestination, Destination, DestinationId, DestinationType, UpdateDestination,
    MAX_DESTINATIONS_PER_TYPE,
};

/// The tab's write.
pub type DestChange = ChangeAction<CreateDestination, DestinationId, UpdateDestination>;

/// An add whose answer may be lost.
pub type LostDestination = LostCreate<CreateDestination, Destination>;

/// The open dialog: add one of a type (or of any type), or edit one.
#[derive(Clone)]
pub enum Open {
    /// Adds one, of this type if given.
    Add(Option<DestinationType>),
    /// Edits this one.
    Edit(Box<Destination>),
}

/// Looks for the destination a lost add made (same type and name, added since just before).
pub async fn look_for(lost: LostDestination, ws_id: String) {
    lost.search(|body, since_ms| async move {
        use_client()?
            .workspace(&ws_id)
            .destinations()
            .reconcile(&body, since_ms)
            .send()
            .await
    })
    .await;
}

/// A found destination in words.
fn found_text(d: &Destination) -> String {
    format!(
        "It is the {} destination “{}”.",
        label(&d.kind),
        d.name.clone().unwrap_or_default()
    )
}

/// The add or edit dialog.
#[component]
pub fn DestinationDialog(
    /// Add (of a type, or any), or edit this destination.
    open: Open,
    /// The tab's write.
    change: DestChange,
    /// How many destinations each type has, for the type picker.
    counts: Signal<Vec<(DestinationType, usize)>>,
    /// An add whose answer was lost.
    lost: LostDestination,
    /// The workspace's UUID (to search again).
    ws_id: StoredValue<String>,
    /// Opens the edit dialog of a destination a lost add made.
    #[prop(into)]
    on_open: Callback<Destination>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    // -- signals --
    let (existing, fixed) = match &open {
        Open::Add(kind) => (None, kind.clone()),
        Open::Edit(d) => (Some((**d).clone()), Some(d.kind.clone())),
    };
    let adding = existing.is_none();
    let first_open = counts.with_untracked(|c| {
        c.iter()
            .find(|(_, n)| *n < MAX_DESTINATIONS_PER_TYPE)
            .map(|(t, _)| t.clone())
    });
    let kind = fixed
        .clone()
        .or(first_open)
        .unwrap_or(DestinationType::Langfuse);
    let form = DestForm::new(existing.as_ref(), kind);
    // An edit compares what the user saw with the destination as the API has it at save.
    let d = TabDialog::new(
        change,
        lost,
        existing,
        form,
        DestForm::errors,
        "Add destination",
        on_close,
    );
    let (errors, label_now, blocked, close) = (d.errors, d.label, d.blocked, d.close);

    // -- callbacks --
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if d.ready() {
            d.send(
                form,
                "Nothing left to save: the destination already has these values",
                || form.to_create(),
                move |now| (now.id.clone(), form.to_patch(now)),
                |seen| {
                    let id = seen.id.clone();
                    async move { use_client()?.destination(id).get().send().await }
                },
            );
        }
    };
    // The API's refusal; a 409 is the type filling up since the list was read, said plainly.
    let server_error = move || {
        change
            .value()
            .with(|r| match r {
                Some(Err(e)) if e.status() == Some(409) => Some(format!(
                    "Not added. {} (Someone added one since this page read the list; it shows them now.)",
                    full_text(&form.kind.get())
                )),
                Some(Err(e)) => refusal(e),
                _ => None,
            })
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-dest-error">{text}</div> })
    };
    let again = move |()| leptos::task::spawn_local_scoped(look_for(lost, ws_id.get_value()));
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
                <select id="ora-dest-type" class="ora-select" prop:value=move || form.kind.get().as_str().to_string()
                    on:change=move |ev| form.pick(DestinationType::parse(&event_target_value(&ev)))
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
        form.settings
            .get()
            .into_iter()
            .map(|s| {
                let hint = match (s.secret, adding, s.required) {
                    (true, true, _) => "Sent once; never shown again.",
                    (true, false, _) => "Leave empty to keep the current one.",
                    (false, _, true) => "Required.",
                    (false, _, false) => "Optional.",
                };
                view! {
                    <TextField id=format!("ora-dest-config-{}", s.name) label=s.name field=format!("config.{}", s.name)
                        value=s.value errors=errors secret=s.secret hint=hint />
                }
            })
            .collect_view()
    };

    view! {
        <Dialog title=title on_close=close>
            <form on:submit=submit on:input=move |_| errors.touch() novalidate>
                <div class="ora-dialog-body">
                    {server_error}
                    {d.check.map(|c| c.notice(form))}
                    {adding.then(|| view! {
                        <LostNotice lost=lost.state what="destination" again=again />
                        <FoundNotice lost=lost.state what="destination" said=found_text on_open=on_open />
                    })}
                    {type_picker}
                    <TextField id="ora-dest-name" label="Name" field="name" value=form.name errors=errors />
                    {setting_fields}
                    <RegionChecks id_base="ora-dest-region" legend="Regions it may be processed in" hint="Where its requests may be processed."
                        picked=form.regions error=Signal::derive(errors.of("regions")) />
                    <div class="ora-grid2">
                        <TextField id="ora-dest-sampling" label="Sampling rate (0.0001 to 1)" field="sampling_rate" value=form.sampling
                            errors=errors inputmode="decimal" />
                        <div class="ora-checks">
                            <label class="ora-check"><input type="checkbox" id="ora-dest-enabled" bind:checked=form.enabled />"Sending"</label>
                            <label class="ora-check"><input type="checkbox" id="ora-dest-privacy" bind:checked=form.privacy />"Privacy mode: metadata only, no request or response bodies"</label>
                        </div>
                    </div>
                </div>
                <DialogFoot id="ora-dest-save" label=label_now blocked=blocked on_cancel=close />
            </form>
        </Dialog>
    }
}
