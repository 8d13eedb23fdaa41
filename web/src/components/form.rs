//! The pieces every form dialog of the page is built from, so that each dialog states only its
//! own fields: the foot (Cancel and the submit button), a row's Edit and Delete buttons, and the
//! data-region checkbox group (guardrails and destinations both pick regions).

use leptos::prelude::*;
use openrouter_admin::models::DataRegion;

/// The data regions the API knows, as the forms offer them: wire value and label.
pub const REGIONS: [(&str, &str); 3] = [
    ("global", "Global"),
    ("europe", "Europe"),
    ("us", "United States"),
];

/// A region in words: its label, or the wire value of a region newer than this page.
pub fn region_label(r: &DataRegion) -> String {
    REGIONS
        .iter()
        .find(|(wire, _)| *wire == r.as_str())
        .map_or_else(|| r.as_str().to_string(), |(_, label)| (*label).to_string())
}

/// A form dialog's foot: Cancel, and the submit button (`id`) showing `label`, off while
/// `blocked` (a save on its way, or a lost create not yet reconciled).
#[component]
pub fn DialogFoot(
    /// The submit button's element id.
    #[prop(into)]
    id: String,
    /// The submit button's words, as the save goes ("Save", "Saving…", "Create again").
    #[prop(into)]
    label: Signal<String>,
    /// Whether the submit button is off.
    #[prop(into)]
    blocked: Signal<bool>,
    /// Cancel.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="ora-dialog-foot">
            <button class="ora-btn" type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            <button class="ora-btn ora-btn-primary" type="submit" id=id disabled=move || blocked.get()>
                {move || label.get()}
            </button>
        </div>
    }
}

/// A table row's Edit and Delete buttons, named for the row (`name`) so a screen reader tells
/// the rows apart; `id_base` gives them the ids `{id_base}-edit-{key}` and `{id_base}-delete-{key}`.
#[component]
pub fn RowActions(
    /// The id prefix ("ora-byok").
    #[prop(into)]
    id_base: String,
    /// The row's key in the ids.
    #[prop(into)]
    key: String,
    /// The row's name, in the buttons' accessible names.
    #[prop(into)]
    name: String,
    /// Opens the edit dialog.
    #[prop(into)]
    on_edit: Callback<()>,
    /// Opens the delete confirmation.
    #[prop(into)]
    on_delete: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="ora-row">
            <button class="ora-btn ora-btn-small" id=format!("{id_base}-edit-{key}")
                aria-label=format!("Edit {name}") on:click=move |_| on_edit.run(())>"Edit"</button>
            <button class="ora-btn ora-btn-small ora-btn-danger" id=format!("{id_base}-delete-{key}")
                aria-label=format!("Delete {name}") on:click=move |_| on_delete.run(())>"Delete"</button>
        </div>
    }
}

/// One checkbox per data region over `picked` (wire values, in the order checked); each box
/// gets the id `{id_base}-{wire}` ("ora-gr-region-europe"), the fieldset `{id_base}s` and its
/// error `{id_base}s-error`.
#[component]
pub fn RegionChecks(
    /// The boxes' id prefix ("ora-gr-region").
    #[prop(into)]
    id_base: String,
    /// The legend.
    #[prop(into)]
    legend: String,
    /// A hint under the legend.
    #[prop(into)]
    hint: String,
    /// The checked regions.
    picked: RwSignal<Vec<String>>,
    /// The group's error, if it can have one.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let boxes = REGIONS
        .iter()
        .map(|(wire, label)| {
            let held = wire.to_string();
            let checked = move || picked.with(|r| r.contains(&held));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                picked.update(|r| {
                    r.retain(|v| v != wire);
                    if on {
                        r.push(wire.to_string());
                    }
                });
            };
            view! {
                <label class="ora-check">
                    <input type="checkbox" id=format!("{id_base}-{wire}") prop:checked=checked on:change=toggle />
                    {*label}
                </label>
            }
        })
        .collect_view();
    let err_id = format!("{id_base}s-error");
    let described = err_id.clone();
    view! {
        <fieldset class="ora-fieldset" id=format!("{id_base}s") aria-describedby=described>
            <legend>{legend}</legend>
            <p class="ora-hint">{hint}</p>
            <div class="ora-checks">{boxes}</div>
            <span class="ora-error" id=err_id>{move || error.and_then(|e| e.get())}</span>
        </fieldset>
    }
}
