//! The Plan view: the organization as a reviewed file (issue 22). The file in a textarea (typed,
//! pasted, loaded, or started from an export), its plan (drift first, then the actions by kind),
//! the plan saved for a second admin and loaded back, and the apply with its log and journal.

use crate::export::download;
use crate::pages::plan::kinds::plan_json;
use crate::pages::plan::run::{ApplyLog, ConfirmApply, NewSecrets};
use crate::pages::plan::show::PlanShown;
use crate::pages::plan::typed::{self, TypedInputs};
use crate::pages::plan::work::{choose, plan_now, start_from_export, Work};
use crate::session::use_session;
use leptos::prelude::*;

/// What a file input is for.
#[derive(Clone, Copy)]
enum Loading {
    /// The organization file, into the textarea.
    File,
    /// An approved plan's JSON.
    Plan,
}

/// The Plan view.
#[component]
pub fn PlanView() -> impl IntoView {
    let work = Work::new(use_session());
    let choice = Callback::new(move |(drift, choice)| choose(work, drift, choice));
    let idle = move || work.busy.get().is_none() && !work.applying.get();
    let planned = move || work.plan.with(Option::is_some);
    // The values typed in go with the view, whatever way it is left.
    on_cleanup(move || {
        work.typed.try_set(Default::default());
    });
    let apply_label = move || match typed::missing(work).len() {
        0 => "Apply…".to_string(),
        1 => "Apply… (1 value to type in)".to_string(),
        n => format!("Apply… ({n} values to type in)"),
    };
    let missing_line = move || {
        let left = typed::missing(work);
        (!left.is_empty()).then(|| {
            let words: Vec<String> = left.into_iter().map(|(_, words)| words).collect();
            format!("Type in before applying: {}.", words.join(", "))
        })
    };

    let refused = move || {
        work.refused.get().map(|r| {
            let items = r
                .fields
                .iter()
                .map(|f| {
                    view! {
                        <li data-field=f.field.clone() data-rule=f.rule.clone()>
                            <code>{f.field.clone()}</code> " (" {f.rule.clone()} "): " {f.message.clone()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="ora-alert ora-alert-error" id="ora-plan-errors" role="alert">
                    <strong>{r.head}</strong>
                    <ul class="ora-plain-list">{items}</ul>
                </div>
            }
        })
    };
    let approved = move || {
        work.approved.with(|a| {
            a.as_ref().map(|(name, _)| {
                view! {
                    <p class="ora-alert ora-alert-ok" id="ora-plan-approved" role="status">
                        "Loaded the approved plan " <strong>{name.clone()}</strong>
                        ": it is the plan of this file and organization as they are now. Apply applies exactly it."
                    </p>
                }
            })
        })
    };

    view! {
        <div class="ora-head">
            <div>
                <h1>"Plan"</h1>
                <p>"The organization as a reviewed file (openrouter-org.jsonc): plan what an apply would change, hand the plan to a second admin, apply exactly it."</p>
            </div>
        </div>
        <section class="ora-card" aria-labelledby="ora-plan-file-h">
            <h2 id="ora-plan-file-h">"The file"</h2>
            <div class="ora-row ora-wrap">
                <button class="ora-btn" id="ora-plan-export" disabled=move || !idle()
                    on:click=move |_| start_from_export(work)>"Start from an export"</button>
                <label class="ora-file-pick">
                    "Load a file "
                    <input type="file" id="ora-plan-load-file" accept=".jsonc,.json"
                        on:change=move |ev| read_chosen(ev, work, Loading::File) />
                </label>
                <button class="ora-btn" id="ora-plan-download-file"
                    disabled=move || work.text.with(String::is_empty)
                    on:click=move |_| download("openrouter-org.jsonc", "application/json", &work.text.get_untracked())>
                    "Download the file"
                </button>
            </div>
            <label class="ora-label" for="ora-plan-text">"openrouter-org.jsonc (paste or type)"</label>
            <textarea id="ora-plan-text" class="ora-textarea ora-mono ora-plan-text" rows="18" spellcheck="false"
                prop:value=move || work.text.get()
                on:input=move |ev| work.edited(event_target_value(&ev))></textarea>
            <div class="ora-row ora-wrap">
                <button class="ora-btn ora-btn-primary" id="ora-plan-run" disabled=move || !idle()
                    on:click=move |_| plan_now(work)>"Plan"</button>
                <label class="ora-file-pick">
                    "Load a plan "
                    <input type="file" id="ora-plan-load-plan" accept=".json"
                        on:change=move |ev| read_chosen(ev, work, Loading::Plan) />
                </label>
            </div>
            {move || work.busy.get().map(|b| view! { <p class="ora-muted" role="status" id="ora-plan-busy">{b}</p> })}
        </section>
        {refused}
        {approved}
        <ApplyLog work=work />
        <Show when=move || work.journal.with(|j| !j.is_empty())>
            <button class="ora-btn" id="ora-plan-journal" on:click=move |_| {
                let lines = work.journal.with_untracked(|j| {
                    j.iter().filter_map(|e| serde_json::to_string(e).ok()).map(|l| l + "\n").collect::<String>()
                });
                download("journal.jsonl", "application/jsonl", &lines);
            }>"Download the journal"</button>
        </Show>
        <Show when=planned>
            <section class="ora-card" aria-labelledby="ora-plan-h">
                <div class="ora-head">
                    <h2 id="ora-plan-h">{move || if work.log.with(Vec::is_empty) { "The plan" } else { "The plan of what is left" }}</h2>
                    <div class="ora-row">
                        <button class="ora-btn" id="ora-plan-download"
                            on:click=move |_| {
                                if let Some(json) = work.plan.with_untracked(|p| p.as_ref().map(plan_json)) {
                                    download("plan.json", "application/json", &json);
                                }
                            }>"Download the plan"</button>
                        <button class="ora-btn ora-btn-primary" id="ora-plan-apply"
                            disabled=move || !idle() aria-describedby="ora-plan-missing"
                            on:click=move |_| typed::ask_to_apply(work)>{apply_label}</button>
                    </div>
                </div>
                <p class="ora-hint" id="ora-plan-missing">{missing_line}</p>
                <TypedInputs work=work />
                <p class="ora-hint">"A second admin applies exactly this plan: give them the plan and the file it was made from (Load a file, then Load a plan; or openrouter-admin apply FILE --plan plan.json)."</p>
                {move || work.plan.get().map(|plan| view! { <PlanShown plan=plan choose=choice overwritten=work.overwritten /> })}
            </section>
        </Show>
        {move || work.confirming.get().then(|| view! { <ConfirmApply work=work /> })}
        {move || work.secrets.with(|s| !s.is_empty()).then(|| view! { <NewSecrets work=work /> })}
    }
}

/// Reads the file chosen in a file input as text, then hands it on; the input is emptied, so
/// choosing the same file again reads it again.
fn read_chosen(ev: leptos::ev::Event, work: Work, what: Loading) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(text) = text else {
                work.refuse(format!("{name} could not be read."), vec![]);
                return;
            };
            match what {
                Loading::File => {
                    work.refused.set(None);
                    work.edited(text);
                }
                Loading::Plan => crate::pages::plan::work::load_plan(work, name, text),
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (ev, work, what);
}
