//! The Overview, the view after sign-in: credits and runway, 30 days of spend, the upcoming
//! expiries as a calendar file, and the findings grouped by severity, each linking to what it
//! concerns and offering its fix.

use crate::components::loaded::Loaded;
use crate::components::table::SelectBox;
use crate::export;
use crate::format::usd;
use crate::pages::activity::{daily_view, Daily};
use crate::pages::overview::fixes::{target, FixDialogs, FixKind, FixResults, Fixing, Target};
use crate::pages::overview::ics;
use crate::pages::overview::org::{read_org, Found, Org, ReadProgress, RestStatus};
use crate::route::{Route, Tab};
use leptos::prelude::*;
use openrouter_admin::findings::{runway, Finding, Fix, Object, Severity};
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

/// Findings shown per group before "Show all": a large organization has thousands.
const SHOWN: usize = 50;

/// The Overview.
#[component]
pub fn Overview() -> impl IntoView {
    let progress = RwSignal::new(None);
    let fixing = Fixing::new();
    let org = read_org(progress, fixing.written());
    view! {
        <div class="ora-head"><h1>"Overview"</h1></div>
        <ReadProgress progress=progress />
        <FixResults fixing=fixing />
        <Loaded load=move || org let:org>
            <OrgStages org=org fixing=fixing />
        </Loaded>
        <FixDialogs fixing=fixing />
    }
}

/// The organization's findings read's status, then the Overview once they are read.
#[component]
fn OrgStages(org: Rc<Org>, fixing: Fixing) -> impl IntoView {
    let found = org.found.clone();
    view! {
        <RestStatus org=org />
        {move || match &*found.read() {
            Some(Ok(found)) => Some(view! { <OrgOverview org=found.clone() fixing=fixing /> }),
            _ => None,
        }}
    }
}

/// The loaded organization: the cards, then the findings.
#[component]
fn OrgOverview(org: Arc<Found>, fixing: Fixing) -> impl IntoView {
    let snap = &org.snapshot;
    let runway = runway(snap).map(|r| {
        let days = match r.days {
            Some(d) => format!("{} days", crate::decimal::fixed(d, 0)),
            None => "no spend in 7 days".to_string(),
        };
        view! {
            <dl class="ora-stats" id="ora-overview-credits">
                <div><dt>"Credit balance"</dt><dd>{usd(r.balance_usd)}</dd></div>
                <div><dt>"Spend per day (last 7 days)"</dt><dd>{usd(r.daily_usd)}</dd></div>
                <div><dt>"Runway"</dt><dd id="ora-runway">{days}</dd></div>
            </dl>
        }
    });
    let daily = Daily::from_rows(
        &snap.activity,
        openrouter_admin::time::today_of(snap.now_ms),
    );
    let upcoming = ics::upcoming(snap);
    let n_upcoming = upcoming.len();
    let upcoming = StoredValue::new(upcoming);
    let now_ms = snap.now_ms as i64;
    let download = move |_| {
        let text = upcoming.with_value(|u| ics::calendar(u, now_ms));
        export::download("key-expiries.ics", "text/calendar", &text);
    };
    view! {
        <div class="ora-grid2">
            <section class="ora-card" aria-labelledby="ora-credits-h">
                <h2 id="ora-credits-h">"Credits"</h2>
                {runway}
            </section>
            <section class="ora-card" aria-labelledby="ora-expiries-h">
                <h2 id="ora-expiries-h">"Upcoming expiries"</h2>
                <p id="ora-expiries-count">{format!("{n_upcoming} enabled keys have an expiry ahead.")}</p>
                <button class="ora-btn" id="ora-ics" disabled=n_upcoming == 0 on:click=download>
                    "Download calendar (.ics)"
                </button>
            </section>
        </div>
        <section class="ora-card ora-activity" aria-labelledby="ora-activity-h">
            <h2 id="ora-activity-h">"Organization spend per day"</h2>
            <p class="ora-hint">"OpenRouter credits spent per UTC day over the last 30 completed days, by model."</p>
            {daily_view(&daily, "Organization spend per day")}
        </section>
        <Findings org=org.clone() fixing=fixing />
    }
}

/// The findings by severity, with selection and the fix of the selected ones.
#[component]
fn Findings(org: Arc<Found>, fixing: Fixing) -> impl IntoView {
    let selected = RwSignal::new(HashSet::<String>::new());
    let targets: Rc<Vec<(String, Target)>> = Rc::new(
        org.findings
            .iter()
            .filter_map(|f| target(f).map(|t| (f.id.clone(), t)))
            .collect(),
    );
    let targets = StoredValue::new_local(targets);
    let chosen = move || -> Vec<Target> {
        let sel = selected.get();
        targets.with_value(|all| {
            all.iter()
                .filter(|(id, _)| sel.contains(id))
                .map(|(_, t)| t.clone())
                .collect()
        })
    };
    let bar = move || {
        let chosen = chosen();
        let n = chosen.len();
        (n > 0).then(|| {
            let kind = chosen[0].kind;
            let same = chosen.iter().all(|t| t.kind == kind);
            let action = match (same, kind) {
                (false, _) => view! { <span class="ora-hint">"Select findings with the same fix to apply it to all of them."</span> }.into_any(),
                (true, FixKind::Rotate) if n > 1 => view! { <span class="ora-hint">"Rotate one key at a time: each new secret is shown once."</span> }.into_any(),
                (true, _) => {
                    let chosen = StoredValue::new(chosen);
                    view! {
                        <button class="ora-btn ora-btn-small" id="ora-fix-selected" on:click=move |_| fixing.apply(chosen.get_value())>
                            {format!("{} ({n} keys)", kind.label().trim_end_matches('…'))}
                        </button>
                    }.into_any()
                }
            };
            view! {
                <div class="ora-row ora-fix-bar" id="ora-fix-bar" role="group" aria-label="Fix the selected findings">
                    <span class="ora-muted">{format!("{n} selected")}</span>
                    {action}
                    <button class="ora-btn ora-btn-small" on:click=move |_| selected.set(HashSet::new())>"Clear selection"</button>
                </div>
            }
        })
    };
    let groups = [Severity::Critical, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|sev| {
            let items: Vec<Finding> = org
                .findings
                .iter()
                .filter(|f| f.severity == sev)
                .cloned()
                .collect();
            view! { <Group severity=sev items=items selected=selected fixing=fixing /> }
        })
        .collect_view();
    view! {
        <section class="ora-card" aria-labelledby="ora-findings-h" id="ora-findings">
            <h2 id="ora-findings-h">{format!("Findings ({})", org.findings.len())}</h2>
            <p class="ora-hint">"What needs attention, read from the management API just now. A fix applies to one finding, or to every selected finding with the same fix."</p>
            {bar}
            {groups}
        </section>
    }
}

/// One severity's findings: a heading with the count, and the first [`SHOWN`] until asked
/// for all.
#[component]
fn Group(
    severity: Severity,
    items: Vec<Finding>,
    selected: RwSignal<HashSet<String>>,
    fixing: Fixing,
) -> impl IntoView {
    let name = severity.as_str();
    let title = match severity {
        Severity::Critical => "Critical",
        Severity::Warning => "Warning",
        Severity::Info => "Info",
    };
    let total = items.len();
    // "Select all" per kind of finding that has a fix, when there are several: the way to
    // disable every expired key at once, shown or not.
    let mut kinds: Vec<(&'static str, Vec<String>)> = Vec::new();
    for f in items.iter().filter(|f| target(f).is_some()) {
        match kinds.iter_mut().find(|(k, _)| *k == f.kind.name()) {
            Some((_, ids)) => ids.push(f.id.clone()),
            None => kinds.push((f.kind.name(), vec![f.id.clone()])),
        }
    }
    let select_kind = kinds
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(kind, ids)| {
            let label = format!("Select all {} ({})", kind.replace('_', " "), ids.len());
            let ids = StoredValue::new(ids);
            view! {
                <button class="ora-btn ora-btn-small ora-select-kind" data-kind=kind
                    on:click=move |_| selected.update(|s| s.extend(ids.get_value()))>
                    {label}
                </button>
            }
        })
        .collect_view();
    let all = RwSignal::new(false);
    let items = StoredValue::new(items);
    let heading = format!("ora-findings-{name}-h");
    let labelled_by = heading.clone();
    let list = move || {
        let n = if all.get() { total } else { total.min(SHOWN) };
        items.with_value(|items| {
            items[..n]
                .iter()
                .map(|f| finding_view(f, selected, fixing))
                .collect_view()
        })
    };
    view! {
        <section class=format!("ora-findings-group ora-sev-{name}") id=format!("ora-findings-{name}") aria-labelledby=labelled_by>
            <h3 id=heading>{title}" "<span class="ora-count">{total}</span></h3>
            {(total == 0).then(|| view! { <p class="ora-hint">"None."</p> })}
            <div class="ora-row">{select_kind}</div>
            <ul class="ora-findings">{list}</ul>
            <Show when=move || !all.get() && SHOWN < total>
                <button class="ora-btn ora-btn-small ora-show-all" on:click=move |_| all.set(true)>{format!("Show all {total}")}</button>
            </Show>
        </section>
    }
}

/// One finding: its selection box, why, links to its objects, and its fix.
fn finding_view(f: &Finding, selected: RwSignal<HashSet<String>>, fixing: Fixing) -> impl IntoView {
    let t = target(f);
    let links = f.objects.iter().map(object_link).collect_view();
    let select = t.as_ref().map(|_| {
        view! { <SelectBox id=f.id.clone() selected=selected label=format!("Select: {}", f.why) /> }
    });
    let fix = match (&t, &f.fix) {
        (Some(t), _) => {
            let label = format!("{} {}", t.kind.label().trim_end_matches('…'), t.name);
            let one = StoredValue::new(t.clone());
            Some(
                view! {
                    <button class="ora-btn ora-btn-small ora-fix" class:ora-btn-danger=t.kind == FixKind::Delete aria-label=label on:click=move |_| fixing.apply(vec![one.get_value()])>
                        {t.kind.label()}
                    </button>
                }
                .into_any(),
            )
        }
        (None, Some(Fix::RaiseBudget { .. })) => f.objects.iter().find_map(|o| match o {
            Object::Workspace { id, .. } => Some(
                view! { <a class="ora-btn ora-btn-small" href=Route::Workspace(id.as_str().to_string(), Tab::Budgets).href()>"Open budgets"</a> }
                    .into_any(),
            ),
            _ => None,
        }),
        _ => None,
    };
    view! {
        <li class="ora-finding" data-finding=f.id.clone() data-kind=f.kind.name()>
            <span class="ora-finding-select">{select}</span>
            <div class="ora-finding-main">
                <p class="ora-finding-why">{f.why.clone()}</p>
                <p class="ora-finding-links">{links}</p>
            </div>
            {fix}
        </li>
    }
}

/// A link to what a finding concerns.
fn object_link(o: &Object) -> impl IntoView {
    match o {
        Object::Key { hash, name, .. } => view! {
            <a href=Route::Key(hash.as_str().to_string()).href()>{format!("Key {name}")}</a>" "
        }
        .into_any(),
        Object::Workspace { id, name } => {
            let name = if name.is_empty() { id.as_str() } else { name };
            view! {
                <a href=Route::Workspace(id.as_str().to_string(), Tab::Settings).href()>{format!("Workspace {name}")}</a>" "
            }
            .into_any()
        }
        Object::User { id } => {
            view! { <span class="ora-muted">{format!("User {} (no longer a member) ", id.as_str())}</span> }.into_any()
        }
        Object::Organization => view! { <a href=Route::Activity.href()>"Organization activity"</a>" " }.into_any(),
    }
}
