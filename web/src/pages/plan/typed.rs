//! Values typed in for the apply: a new BYOK credential's provider key, a new destination's
//! credentials (the core's `orgfile::needed` says which). The file never holds them, so the page
//! asks for them beside the plan, one password input each. They live in one signal only (never
//! the URL, IndexedDB, the journal, the console nor the plan's download), go to the core's
//! `apply_typed`, which sends each in its create's body alone, and are forgotten when the apply
//! ends, the file is edited or the view is left.

use crate::pages::plan::work::Work;
use leptos::prelude::*;
use openrouter_admin::orgfile::{needed, Needed, Typed};
use openrouter_admin::{FieldError, Secret};

/// What the plan on screen needs typed in (tracked: changes with the plan).
pub fn wanted(work: Work) -> Vec<Needed> {
    work.plan.with(|p| {
        p.as_ref()
            .map(|p| needed(&p.resource_changes))
            .unwrap_or_default()
    })
}

/// How a value is named to the user: "byok.openai: provider key", "destinations.dd: apiKey".
pub fn label(address: &str, property: &str) -> String {
    let word = match (address.split_once('.'), property) {
        (Some(("byok", _)), "key") => "provider key",
        _ => property,
    };
    format!("{address}: {word}")
}

/// Whether a value was typed in for `address`'s `property` (blank counts as not).
fn typed(work: Work, address: &str, property: &str) -> bool {
    work.typed.with(|t| {
        t.get(address)
            .and_then(|p| p.get(property))
            .is_some_and(|s| !s.expose_secret().trim().is_empty())
    })
}

/// Each value the plan needs and has not been given, as the core names it (`address.property`)
/// with the words the input is labelled with (tracked).
pub fn missing(work: Work) -> Vec<(String, String)> {
    wanted(work)
        .iter()
        .flat_map(|n| n.properties.iter().map(move |p| (n.address.as_str(), *p)))
        .filter(|(address, property)| !typed(work, address, property))
        .map(|(address, property)| (format!("{address}.{property}"), label(address, property)))
        .collect()
}

/// Forgets every value typed in; the inputs empty with it.
pub fn forget(work: Work) {
    work.typed.set(Typed::new());
}

/// The Apply button's click: the confirmation when everything needed is typed in; otherwise
/// nothing is sent, and the refusal names each value that is missing.
pub fn ask_to_apply(work: Work) {
    let left = missing(work);
    if left.is_empty() {
        // An earlier refusal of missing values is settled now.
        let settled = work.refused.with_untracked(|r| {
            r.as_ref().is_some_and(|r| {
                !r.fields.is_empty() && r.fields.iter().all(|f| f.rule == "credentials")
            })
        });
        if settled {
            work.refused.set(None);
        }
        work.confirming.set(true);
        return;
    }
    let fields = left
        .into_iter()
        .map(|(field, words)| {
            FieldError::new(
                field,
                "credentials",
                format!("type in {words}: the file never holds it"),
            )
        })
        .collect();
    work.refuse(
        "Nothing was sent: the apply needs values the file never holds.",
        fields,
    );
}

/// One password input per value the plan needs, labelled with its address and property.
#[component]
pub fn TypedInputs(work: Work) -> impl IntoView {
    let inputs = move || {
        wanted(work)
            .into_iter()
            .flat_map(|n| {
                n.properties
                    .into_iter()
                    .map(move |p| (n.address.clone(), p))
            })
            .enumerate()
            .map(|(i, (address, property))| input(work, i, address, property))
            .collect_view()
    };
    view! {
        <Show when=move || !wanted(work).is_empty()>
            <fieldset class="ora-fieldset" id="ora-plan-typed">
                <legend>"Values to type in"</legend>
                <p class="ora-hint" id="ora-plan-typed-hint">"The file never holds these. Each is sent only in the request that creates its object, and forgotten when the apply ends, the file changes or you leave this view."</p>
                <div class="ora-grid2">{inputs}</div>
            </fieldset>
        </Show>
    }
}

fn input(work: Work, i: usize, address: String, property: &'static str) -> impl IntoView {
    let id = format!("ora-typed-{i}");
    let (held, at) = (address.clone(), address.clone());
    let value = move || {
        work.typed.with(|t| {
            t.get(&held)
                .and_then(|p| p.get(property))
                .map(|s| s.expose_secret().to_owned())
                .unwrap_or_default()
        })
    };
    let edit = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        work.typed.update(|t| {
            let entry = t.entry(at.clone()).or_default();
            if text.is_empty() {
                entry.remove(property);
            } else {
                entry.insert(property.to_owned(), Secret::new(text));
            }
            if entry.is_empty() {
                t.remove(&at);
            }
        });
    };
    view! {
        <div class="ora-field">
            <label for=id.clone()>{label(&address, property)}</label>
            <input id=id type="password" class="ora-input ora-mono" autocomplete="off" spellcheck="false"
                data-address=address data-property=property aria-describedby="ora-plan-typed-hint"
                disabled=move || work.applying.get() prop:value=value on:input=edit />
        </div>
    }
}
