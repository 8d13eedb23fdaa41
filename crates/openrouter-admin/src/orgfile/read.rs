//! Reading the live organization a plan compares the file with: every workspace and key (the
//! snapshot's first stage), then each workspace's budgets, members, guardrails, BYOK credentials
//! and destinations, a bounded number at once, and the organization's guardrail assignments and
//! SCIM group mappings.

use crate::areas::budgets::endpoints::ListBudgets;
use crate::areas::byok::endpoints::ListByokKeys;
use crate::areas::guardrails::endpoints::{
    ListGuardrails, ListKeyAssignments, ListMemberAssignments,
};
use crate::areas::members::endpoints::ListMembers;
use crate::areas::observability::endpoints::ListDestinations;
use crate::areas::scim::endpoints::ListScimGroupMappings;
use crate::client::Client;
use crate::error::Error;
use crate::transport::{CancelSignal, Transport};

use super::section::LiveOrg;

/// The organization as [`plan`](super::plan::plan) and [`export`](super::export::export) read
/// it: about one request per workspace for its keys, one for its budgets and one per hundred of
/// its members, its guardrails, BYOK credentials and observability destinations, the organization's guardrail assignments and SCIM group mappings. The first failed read ends it with that read's error.
pub async fn read_live<T: Transport>(
    client: &Client<T>,
    signal: Option<CancelSignal>,
) -> Result<LiveOrg, Error> {
    let mut snapshot = client.organization().snapshot();
    if let Some(signal) = &signal {
        snapshot = snapshot.signal(signal.clone());
    }
    let (snapshot, _rest) = snapshot.keys().await?;
    let concurrency = client.config().concurrency;
    let per_workspace = crate::concurrency::buffered(
        snapshot.workspaces.iter().map(|w| {
            let budgets = client
                .call(ListBudgets::new(w.id.to_string()))
                .signal_opt(signal.clone());
            let members = ListMembers {
                workspace: w.id.to_string(),
                offset: None,
                limit: Some(100),
            };
            let members = client
                .call(members)
                .paginate()
                .signal_opt(signal.clone())
                .collect_all();
            let guardrails = ListGuardrails {
                workspace_id: Some(w.id.clone()),
                offset: None,
                limit: Some(100),
            };
            let guardrails = client
                .call(guardrails)
                .paginate()
                .signal_opt(signal.clone())
                .collect_all();
            let byok = ListByokKeys {
                workspace_id: Some(w.id.clone()),
                provider: None,
                offset: None,
                limit: Some(100),
            };
            let byok = client
                .call(byok)
                .paginate()
                .signal_opt(signal.clone())
                .collect_all();
            let destinations = ListDestinations {
                workspace_id: Some(w.id.clone()),
                offset: None,
                limit: Some(100),
            };
            let destinations = client
                .call(destinations)
                .paginate()
                .signal_opt(signal.clone())
                .collect_all();
            async move {
                let ((budgets, members), (guardrails, byok), destinations) =
                    futures_util::future::try_join3(
                        futures_util::future::try_join(budgets.send(), members),
                        futures_util::future::try_join(guardrails, byok),
                        destinations,
                    )
                    .await?;
                let read = (budgets, members, guardrails, byok, destinations);
                Ok::<_, Error>((w.id.clone(), read))
            }
        }),
        concurrency,
        Some(|r: &Result<_, Error>| r.is_err()),
    )
    .await;
    let mut live = LiveOrg {
        workspaces: snapshot.workspaces,
        keys: snapshot.keys,
        ..LiveOrg::default()
    };
    for read in per_workspace {
        let (id, (budgets, members, mut guardrails, mut byok, mut destinations)) = read?;
        live.byok.append(&mut byok);
        live.destinations.append(&mut destinations);
        live.budgets.insert(id.clone(), budgets);
        live.members.insert(id, members);
        live.guardrails.append(&mut guardrails);
    }
    let keys = ListKeyAssignments {
        offset: None,
        limit: Some(100),
    };
    let keys = client
        .call(keys)
        .paginate()
        .signal_opt(signal.clone())
        .collect_all();
    let members = ListMemberAssignments {
        offset: None,
        limit: Some(100),
    };
    let members = client
        .call(members)
        .paginate()
        .signal_opt(signal.clone())
        .collect_all();
    let mappings = ListScimGroupMappings {
        offset: None,
        limit: Some(100),
    };
    let mappings = client
        .call(mappings)
        .paginate()
        .signal_opt(signal)
        .collect_all();
    let (keys, members, mappings) =
        futures_util::future::try_join3(keys, members, mappings).await?;
    live.scim_mappings = mappings;
    for a in keys {
        live.guardrail_keys
            .entry(a.guardrail_id)
            .or_default()
            .push(a.key_hash);
    }
    for a in members {
        live.guardrail_members
            .entry(a.guardrail_id)
            .or_default()
            .push(a.user_id);
    }
    Ok(live)
}
