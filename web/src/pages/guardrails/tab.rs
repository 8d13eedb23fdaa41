//! A workspace's Guardrails tab: the default guardrail (marked, first, set up from here if it was
//! never written) and the others, what each restricts and how many keys and members it governs;
//! create, edit and delete; and, for the guardrail named in the URL (`?guardrail=`), its keys and
//! members with assign and unassign. The list loads again after each write that went through.

use crate::components::badge::DefaultBadge;
use crate::components::confirm::ConfirmByName;
use crate::components::loaded::Loaded;
use crate::components::lost::create_or_look;
use crate::pages::guardrails::describe::rows;
use crate::pages::guardrails::dialog::{
    look_for, Editing, GuardrailDialog, LostGuardrail, Save, SaveAction,
};
use crate::pages::guardrails::governs::Governs;
use crate::pages::guardrails::load::load_guardrails;
use crate::route::{use_router, Route, Tab};
use crate::services::read;
use crate::session::use_client;
use crate::write::{failure_message, succeeded, succeeded_if, use_writes, Failure, Then};
use leptos::prelude::*;
use openrouter_admin::models::{Guardrail, GuardrailId, Workspace};
use std::sync::Arc;

/// The save action of the guardrail dialog: toasts, and closes the dialog (`editing`) when the
/// save went through; a failure shows in the dialog, over the input it keeps. A create whose
/// answer is lost is looked for (`lost`) before the action ends.
fn save_action(
    editing: RwSignal<Option<Editing>>,
    lost: LostGuardrail,
    ws_id: StoredValue<String>,
) -> SaveAction {
    let writes = use_writes();
    Action::new_local(move |save: &Save| {
        let save = save.clone();
        let created = matches!(save, Save::Create(_));
        if let Save::Create(body) = &save {
            lost.begin(body.clone());
        }
        let saved = writes.run(
            async move {
                let client = use_client()?;
                match save {
                    Save::Create(body) => client.guardrails().create(body).send().await,
                    Save::Update(id, patch) => client.guardrail(id).update(patch).send().await,
                }
            },
            move |g| {
                editing.set(None);
                Then::ok(if created {
                    format!("Guardrail “{}” created", g.name)
                } else {
                    format!("Saved “{}”", g.name)
                })
            },
            Failure::Shown,
        );
        async move {
            if created {
                create_or_look(saved, look_for(lost, ws_id.get_value())).await
            } else {
                saved.await
            }
        }
    })
}

/// The Guardrails tab.
#[component]
pub fn GuardrailsTab(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    // -- signals: the open guardrail lives in the URL; the dialogs here --
    let router = use_router();
    let open = Memo::new(move |_| router.param("guardrail"));
    let editing = RwSignal::new(None::<Editing>);
    let deleting = RwSignal::new(None::<Guardrail>);
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let slug = StoredValue::new(ws.slug.clone());
    let default_id = StoredValue::new(ws.default_guardrail_id.clone());

    // -- actions --
    let writes = use_writes();
    let lost = LostGuardrail::new();
    let save = save_action(editing, lost, ws_id);
    let delete = Action::new_local(move |g: &Guardrail| {
        let (id, name) = (g.id.clone(), g.name.clone());
        writes.run(
            async move { use_client()?.guardrail(id).delete().send().await },
            move |_| {
                deleting.set(None);
                Then::ok(format!("Guardrail “{name}” deleted"))
            },
            Failure::Shown,
        )
    });
    // A create whose answer was lost may have made the guardrail: the list is read again.
    let saved = succeeded_if(save, |r| {
        r.as_ref()
            .map_or_else(openrouter_admin::Error::is_outcome_unknown, |_| true)
    });
    let deleted = succeeded(delete);

    // -- resources: the guardrails and the org's assignments, again after each write (and the
    // assignments after each change of what one governs; they are read apart from the list,
    // so that reading them again leaves the open guardrail's panel and its results alone) --
    let assigned = RwSignal::new(0_usize);
    let guardrails = read(move |signal| {
        let _written = (saved.get(), deleted.get());
        load_guardrails(ws_id.get_value(), signal)
    });
    let counts = read(move |signal| {
        let _written = (saved.get(), deleted.get(), assigned.get());
        async move {
            let client = use_client()?;
            let guardrails = client.guardrails();
            let keys = guardrails
                .key_assignments()
                .paginate()
                .signal(signal.clone())
                .collect_all()
                .await?;
            let members = guardrails
                .member_assignments()
                .paginate()
                .signal(signal)
                .collect_all()
                .await?;
            Ok(Arc::new(Counts {
                keys: keys.into_iter().map(|a| a.guardrail_id).collect(),
                members: members.into_iter().map(|a| a.guardrail_id).collect(),
            }))
        }
    });

    view! {
        <div class="ora-head">
            <p>
                "A guardrail restricts the keys and members assigned to it. The default guardrail applies to all of the workspace's traffic, first; a key's own guardrail narrows it further."
            </p>
            <button class="ora-btn ora-btn-primary" id="ora-new-guardrail" on:click=move |_| editing.set(Some(Editing::New))>
                "New guardrail"
            </button>
        </div>
        <Loaded load=move || guardrails let:list>
            {guardrail_table(&list, counts, &default_id.get_value(), &slug.get_value(), editing, deleting)}
            {move || {
                let id = open.get();
                list.iter().find(|g| g.id.as_str() == id).cloned().map(|g| view! {
                    <Governs guardrail=g ws_id=ws_id.get_value() on_change=move |_| assigned.update(|n| *n += 1) />
                })
            }}
        </Loaded>
        {move || editing.get().map(|e| view! {
            <GuardrailDialog editing=e ws_id=ws_id.get_value() save=save lost=lost
                on_open=move |g| editing.set(Some(Editing::Existing(g))) on_close=move |_| editing.set(None) />
        })}
        {move || deleting.get().map(|g| view! {
            <ConfirmByName
                what="guardrail"
                name=g.name.clone()
                action="Delete guardrail"
                body="The keys and members it governs lose its restrictions at once. This cannot be undone."
                pending=delete.pending()
                error=failure_message(delete)
                on_confirm=move |_| { delete.dispatch(g.clone()); }
                on_close=move |_| { delete.value().set(None); deleting.set(None); }
            />
        })}
    }
}

/// The guardrail ids of every key assignment and every member assignment of the organization:
/// how many each guardrail governs.
struct Counts {
    keys: Vec<GuardrailId>,
    members: Vec<GuardrailId>,
}

impl Counts {
    /// "2 keys, 1 member".
    fn of(&self, id: &GuardrailId) -> String {
        let n = |list: &[GuardrailId]| list.iter().filter(|g| *g == id).count();
        let (k, m) = (n(&self.keys), n(&self.members));
        format!(
            "{k} {}, {m} {}",
            if k == 1 { "key" } else { "keys" },
            if m == 1 { "member" } else { "members" }
        )
    }
}

/// The table: the default guardrail first (written or not), then the others by name.
fn guardrail_table(
    list: &[Guardrail],
    counts: LocalResource<Result<Arc<Counts>, openrouter_admin::Error>>,
    default_id: &GuardrailId,
    slug: &str,
    editing: RwSignal<Option<Editing>>,
    deleting: RwSignal<Option<Guardrail>>,
) -> impl IntoView {
    let written = list.iter().find(|g| g.id == *default_id).cloned();
    let mut others: Vec<&Guardrail> = list.iter().filter(|g| g.id != *default_id).collect();
    others.sort_by(|a, b| crate::collate::natural_cmp(&a.name, &b.name));
    let governs = |g: &Guardrail| {
        Route::Workspace(slug.to_string(), Tab::Guardrails)
            .href_with(&[("guardrail", g.id.as_str())])
    };
    let default_row = {
        let edit = Editing::Default {
            id: default_id.clone(),
            written: written.clone(),
        };
        // Keys and members may be assigned to a written default guardrail too.
        let (name, restricts, label) = match &written {
            Some(g) => (
                view! { <a href=governs(g)>{g.name.clone()}</a> }.into_any(),
                summary(g),
                "Edit",
            ),
            None => (
                "Workspace default".into_any(),
                "Not set up yet: restricts nothing".to_string(),
                "Set up",
            ),
        };
        view! {
            <tr id="ora-gr-default-row">
                <td>{name}<DefaultBadge /></td>
                <td class="ora-wrap">{restricts}</td>
                <td>"All of the workspace's traffic"</td>
                <td>
                    <button class="ora-btn ora-btn-small" id="ora-gr-default-edit" aria-label=format!("{label} the default guardrail")
                        on:click=move |_| editing.set(Some(edit.clone()))>{label}</button>
                </td>
            </tr>
        }
    };
    let rows = others
        .into_iter()
        .map(|g| {
            let (edit, del) = (g.clone(), g.clone());
            let name = g.name.clone();
            view! {
                <tr>
                    <td><a href=governs(g)>{g.name.clone()}</a></td>
                    <td class="ora-wrap">{summary(g)}</td>
                    <td><a href=governs(g)>{counted(counts, g.id.clone())}<span class="ora-sr">{format!(" governed by {name}")}</span></a></td>
                    <td>
                        <button class="ora-btn ora-btn-small ora-gr-edit" aria-label=format!("Edit {name}")
                            on:click=move |_| editing.set(Some(Editing::Existing(edit.clone())))>"Edit"</button>
                        " "
                        <button class="ora-btn ora-btn-small ora-btn-danger ora-gr-delete" aria-label=format!("Delete {name}")
                            on:click=move |_| deleting.set(Some(del.clone()))>"Delete"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="ora-table-wrap">
            <table class="ora-table" id="ora-guardrail-table">
                <caption class="ora-sr">"Guardrails"</caption>
                <thead><tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Restricts"</th>
                    <th scope="col">"Governs"</th>
                    <th scope="col"><span class="ora-sr">"Actions"</span></th>
                </tr></thead>
                <tbody>{default_row}{rows}</tbody>
            </table>
        </div>
    }
}

/// How many keys and members the guardrail `id` governs, once the assignments are read ("…"
/// until then, "unknown" if they could not be).
fn counted(
    counts: LocalResource<Result<Arc<Counts>, openrouter_admin::Error>>,
    id: GuardrailId,
) -> impl IntoView {
    move || match counts.get() {
        None => "…".to_string(),
        Some(Ok(c)) => c.of(&id),
        Some(Err(_)) => "unknown".to_string(),
    }
}

/// What a guardrail restricts, in one line: only the restrictions it has.
fn summary(g: &Guardrail) -> String {
    let parts: Vec<String> = rows(g)
        .into_iter()
        .filter(|(_, v)| v != "any" && v != "no limit" && v != "not required")
        .map(|(term, v)| format!("{term}: {v}"))
        .collect();
    if parts.is_empty() {
        "nothing".into()
    } else {
        parts.join(" · ")
    }
}
