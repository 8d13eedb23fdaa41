//! A dialog that picks several items from a searchable list (people to add to a workspace, keys
//! or members for a guardrail).

use crate::components::dialog::Dialog;
use crate::components::table::SelectBox;
use leptos::prelude::*;
use std::collections::HashSet;

/// One item a [`Picker`] offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// What the picker gives back when this item is chosen.
    pub id: String,
    /// The item's name.
    pub name: String,
    /// A second, quieter line (an email, a key's label).
    pub detail: String,
}

/// A searchable dialog of checkboxes; "Add N" hands the chosen ids to `on_add`.
#[component]
pub fn Picker(
    /// The dialog's title.
    #[prop(into)]
    title: String,
    /// The search box's label.
    #[prop(into)]
    search_label: String,
    /// The list's accessible name ("Organization members").
    #[prop(into)]
    list_label: String,
    /// The search box's placeholder.
    #[prop(into)]
    placeholder: String,
    /// The items that may be chosen (the caller leaves out those already in).
    #[prop(into)]
    choices: Signal<Vec<Choice>>,
    /// What the list says when there is nothing to choose.
    #[prop(into)]
    empty: String,
    /// Whether the add is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// Adds the chosen ids.
    on_add: Callback<Vec<String>>,
    /// Closes the picker.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(HashSet::<String>::new());
    let shown = move || {
        let needle = crate::collate::lower(&search.get());
        choices.with(|all| {
            all.iter()
                .filter(|c| {
                    needle.is_empty()
                        || crate::collate::lower(&c.name).contains(&needle)
                        || crate::collate::lower(&c.detail).contains(&needle)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Dialog title=title on_close=on_close>
            <div class="ora-dialog-body">
                <label class="ora-label" for="ora-picker-search">{search_label}</label>
                <input id="ora-picker-search" class="ora-input" type="search" placeholder=placeholder bind:value=search />
                <div class="ora-picker" role="group" aria-label=list_label>
                    {move || {
                        let list = shown();
                        if list.is_empty() {
                            view! { <p class="ora-empty">{empty.clone()}</p> }.into_any()
                        } else {
                            list.into_iter().map(|c| {
                                view! {
                                    <label>
                                        <SelectBox id=c.id selected=chosen />
                                        <span>{c.name}</span>
                                        <span class="ora-muted">{c.detail}</span>
                                    </label>
                                }
                            }).collect_view().into_any()
                        }
                    }}
                </div>
            </div>
            <div class="ora-dialog-foot">
                <button class="ora-btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button class="ora-btn ora-btn-primary" id="ora-picker-add" disabled=move || chosen.with(HashSet::is_empty) || pending.get()
                    on:click=move |_| on_add.run(chosen.get_untracked().into_iter().collect())>
                    {move || format!("Add {}", chosen.with(HashSet::len))}
                </button>
            </div>
        </Dialog>
    }
}
