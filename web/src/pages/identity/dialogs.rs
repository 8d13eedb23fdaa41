//! The add-mapping dialog (group, workspace, role; a lost answer searched for before another
//! add can start) and the change-role dialog (checked against another edit of the same mapping).

use crate::components::conflict::{EditCheck, Slot, Slotted};
use crate::components::dialog::Dialog;
use crate::components::field::SelectField;
use crate::components::form::DialogFoot;
use crate::components::lost::{FoundNotice, LostNotice};
use crate::domain::is_default;
use crate::pages::identity::changes::{
    look_for, refusal_of, role_label, Idp, LostMapping, MapAction, MapChange,
};
use crate::services::use_toasts;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{
    CreateScimGroupMapping, ScimGroupId, ScimGroupMapping, ScimRole, WorkspaceId,
};
use openrouter_admin::validate::Validate;
use openrouter_admin::{Error, FieldError};

/// The role select's options: wire value and words.
const ROLES: &[(&str, &str)] = &[
    ("member", "Member: uses the workspace"),
    ("admin", "Admin: also manages the workspace"),
];

/// The add form's fields.
#[derive(Clone, Copy)]
struct AddForm {
    group: RwSignal<String>,
    workspace: RwSignal<String>,
    role: RwSignal<String>,
}

impl AddForm {
    /// The create body; the core's rules check it.
    fn body(self) -> CreateScimGroupMapping {
        CreateScimGroupMapping::new(
            ScimGroupId::new(self.group.get()),
            WorkspaceId::new(self.workspace.get()),
            ScimRole::parse(&self.role.get()),
        )
    }

    /// Every field the form breaks: a choice not made is said in the form's words, the rest by
    /// the core's rules.
    fn errors(self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.group.with(String::is_empty) {
            out.push(FieldError::new(
                "scim_group_id",
                "required",
                "Group: choose the group whose members get access",
            ));
        }
        if self.workspace.with(String::is_empty) {
            out.push(FieldError::new(
                "workspace_id",
                "required",
                "Workspace: choose the workspace they get access to",
            ));
        }
        if out.is_empty() {
            out = self.body().field_errors();
        }
        out
    }
}

/// What the view says of a failed add: a 409 in the page's words (the group already maps into
/// the workspace with another role), anything else as [`refusal_of`] says it.
fn add_refusal(e: &Error, group: &str, workspace: &str) -> Option<(Option<&'static str>, String)> {
    if e.status() == Some(409) {
        return Some((
            Some("role"),
            format!(
                "Not saved: role: {group} already maps into {workspace} with another role. A group maps into a workspace once: change that mapping's role in the table instead."
            ),
        ));
    }
    refusal_of(e)
}

/// The error under a field: the form's own, or the API's refusal naming it.
fn field_error(
    touched: RwSignal<bool>,
    form_errors: Signal<Vec<FieldError>>,
    refused: Signal<Option<(Option<&'static str>, String)>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        let own = touched
            .get()
            .then(|| {
                form_errors.with(|e| {
                    e.iter()
                        .find(|e| e.field == field)
                        .map(|e| e.message.clone())
                })
            })
            .flatten();
        own.or_else(|| {
            refused.with(|r| match r {
                Some((Some(f), text)) if *f == field => Some(text.clone()),
                _ => None,
            })
        })
    }
}

/// The add-mapping dialog.
#[component]
pub fn AddMapping(
    /// Groups and workspaces to choose from.
    idp: Idp,
    /// The view's write.
    change: MapAction,
    /// An add whose answer was lost.
    lost: LostMapping,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let form = AddForm {
        group: RwSignal::new(String::new()),
        workspace: RwSignal::new(String::new()),
        role: RwSignal::new("member".to_string()),
    };
    let touched = RwSignal::new(false);
    let errors = Signal::derive(move || form.errors());
    let blocked = Signal::derive(move || lost.blocks(change.pending().get()));
    let label =
        Signal::derive(move || lost.label(change.pending().get(), "Add mapping", "Adding…"));
    let close = Callback::new(move |()| {
        lost.closed();
        on_close.run(());
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        // A second click or Enter while the add is on its way, or while a lost one is looked
        // for, sends nothing.
        if blocked.get_untracked() || !errors.with_untracked(Vec::is_empty) {
            return;
        }
        change.dispatch(MapChange::Add(form.body()));
    };
    let names = StoredValue::new(idp.clone());
    // The last refusal, in the page's words, with the field it names.
    let refused = Signal::derive(move || {
        change.value().with(|v| match v {
            Some(Err(e)) => names.with_value(|idp| {
                add_refusal(
                    e,
                    &idp.group_name(&form.group.get_untracked()),
                    &idp.workspace_name(&form.workspace.get_untracked()),
                )
            }),
            _ => None,
        })
    });
    let other = move || {
        refused
            .with(|r| match r {
                Some((None, text)) => Some(text.clone()),
                _ => None,
            })
            .map(|text| view! { <div class="ora-alert ora-alert-error" role="alert" id="ora-map-error">{text}</div> })
    };
    let groups = std::iter::once((String::new(), "Choose a group".to_string()))
        .chain(
            idp.groups
                .iter()
                .map(|g| (g.id.as_str().to_string(), g.display_name.clone())),
        )
        .collect::<Vec<_>>();
    // The Default workspace holds every member already: a mapping to it changes nothing.
    let workspaces = std::iter::once((String::new(), "Choose a workspace".to_string()))
        .chain(
            idp.workspaces
                .iter()
                .filter(|w| !is_default(w))
                .map(|w| (w.id.as_str().to_string(), w.name.clone())),
        )
        .collect::<Vec<_>>();
    let again = move |()| leptos::task::spawn_local_scoped(look_for(lost));
    let said =
        |m: &ScimGroupMapping| format!("Its role is {}.", role_label(&m.role).to_lowercase());
    let group_error = field_error(touched, errors, refused, "scim_group_id");
    let ws_error = field_error(touched, errors, refused, "workspace_id");
    let role_error = field_error(touched, errors, refused, "role");
    view! {
        <Dialog title="Add a mapping" on_close=close>
            <form on:submit=submit novalidate>
                <div class="ora-dialog-body">
                    <p class="ora-muted">"Every member of the group gets access to the workspace with this role. Someone in several mapped groups gets the highest role; members added by hand are never changed."</p>
                    {other}
                    <LostNotice lost=lost.state what="mapping" again=again />
                    <FoundNotice lost=lost.state what="mapping" said=said on_open=move |_| close.run(()) />
                    <SelectField id="ora-map-group" label="Group" value=form.group options=groups
                        error=Some(Signal::derive(group_error)) />
                    <SelectField id="ora-map-workspace" label="Workspace" value=form.workspace options=workspaces
                        error=Some(Signal::derive(ws_error)) />
                    <SelectField id="ora-map-role" label="Role" value=form.role options=ROLES
                        error=Some(Signal::derive(role_error)) />
                </div>
                <DialogFoot id="ora-map-save" label=label blocked=blocked on_cancel=close />
            </form>
        </Dialog>
    }
}

/// The change-role form: one field, compared with another edit's by [`EditCheck`].
#[derive(Clone, Copy)]
struct RoleForm {
    role: RwSignal<String>,
}

impl Slotted<ScimGroupMapping> for RoleForm {
    fn holding(m: &ScimGroupMapping) -> Self {
        RoleForm {
            role: RwSignal::new(m.role.as_str().to_string()),
        }
    }

    fn slots(&self) -> Vec<(&'static str, &'static str, Slot)> {
        vec![("role", "Role", Slot::Text(self.role))]
    }
}

/// The change-role dialog of one mapping.
#[component]
pub fn ChangeRole(
    /// The mapping as the view loaded it.
    mapping: ScimGroupMapping,
    /// "Engineering → Staging".
    name: String,
    /// The view's write.
    change: MapAction,
    /// Closes the dialog.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let form = RoleForm::holding(&mapping);
    let check = EditCheck::new(mapping, form);
    let toasts = use_toasts();
    let blocked = Signal::derive(move || change.pending().get() || check.reading());
    let label = Signal::derive(move || {
        if change.pending().get() {
            "Saving…".to_string()
        } else {
            "Save".to_string()
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if blocked.get_untracked() {
            return;
        }
        let id = check.seen().id;
        let reread = async move { use_client()?.scim_mapping(id).get().send().await };
        check.save(form, reread, move || {
            let now = check.seen();
            let role = ScimRole::parse(&form.role.get_untracked());
            if role == now.role {
                toasts.ok("Nothing to save: the mapping already has this role");
                on_close.run(());
            } else {
                change.dispatch(MapChange::Role(now.id.clone(), role));
            }
        });
    };
    let error = Signal::derive(move || {
        change.value().with(|v| match v {
            Some(Err(e)) => refusal_of(e).map(|(_, text)| text),
            _ => None,
        })
    });
    view! {
        <Dialog title=format!("Change the role of {name}") on_close=on_close>
            <form on:submit=submit novalidate>
                <div class="ora-dialog-body">
                    <p class="ora-muted">"The group's members get this role in the workspace, unless another mapped group gives them a higher one. The group and the workspace cannot change: delete the mapping and add another."</p>
                    {check.notice(form)}
                    <SelectField id="ora-role-edit" label="Role" value=form.role options=ROLES error=Some(error) />
                </div>
                <DialogFoot id="ora-role-save" label=label blocked=blocked on_cancel=on_close />
            </form>
        </Dialog>
    }
}
