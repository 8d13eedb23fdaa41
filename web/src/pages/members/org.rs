//! The organization's members, and the read of them that the workspace members tab shares.

use crate::components::field::SearchBox;
use crate::components::loaded::Loaded;
use crate::domain::display_name;
use crate::route::use_router;
use crate::services::{every, read};
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::OrganizationMember;

/// Every member of the organization, all pages.
pub async fn org_members(
    signal: openrouter_admin::CancelSignal,
) -> Result<Vec<OrganizationMember>, openrouter_admin::Error> {
    every(
        use_client()?.organization().members().list().limit(100),
        signal,
    )
    .await
}

/// The organization's members.
#[component]
pub fn OrgMembers() -> impl IntoView {
    let router = use_router();
    let q = Memo::new(move |_| router.param("q"));
    let org = read(org_members);
    view! {
        <div class="ora-head">
            <div>
                <h1>"Organization members"</h1>
                <p>"Everyone in the organization; add them to workspaces from a workspace's Members tab."</p>
            </div>
            <div>
                <SearchBox id="ora-org-search" label="Search members" placeholder="Search name or email" />
            </div>
        </div>
        <Loaded load=move || org let:list>
            {
                let list = StoredValue::new(list);
                let rows = move || {
                        let needle = crate::collate::lower(&q.get());
                        list.with_value(|l| {
                            l.iter()
                                .filter(|m| needle.is_empty() || crate::collate::lower(&display_name(m)).contains(&needle) || crate::collate::lower(&m.email).contains(&needle))
                                .map(|m| view! { <tr><td>{display_name(m)}</td><td>{m.email.clone()}</td><td>{m.role.as_str().to_string()}</td></tr> })
                                .collect_view()
                        })
                    };
                view! {
                    <div class="ora-table-wrap">
                        <table class="ora-table" id="ora-org-table">
                            <caption class="ora-sr">"Organization members"</caption>
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            }
        </Loaded>
    }
}
