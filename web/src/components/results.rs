//! The outcome of a change over many items (bulk key actions, member changes): one line each.

use leptos::prelude::*;

/// What a change did to one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultLine {
    /// The item, as people know it (a key's or a person's name).
    pub name: String,
    /// What happened, in words ("disabled", "kept: ...").
    pub text: String,
    /// Whether the item ended as asked.
    pub ok: bool,
}

/// What a failed change of one item says. A change that got no answer may have happened all the
/// same (the server can commit and then lose the connection): it says so, and the view reads the
/// list again after every change, so the list shows where the item stands.
pub fn failed_text(e: &openrouter_admin::Error) -> String {
    if e.is_outcome_unknown() || e.is_network() || e.is_timeout() {
        format!(
            "no answer, so it may or may not have happened; the list shows where it stands ({})",
            e.message()
        )
    } else {
        format!("failed: {}", e.message())
    }
}

/// How many lines did not end as asked.
pub fn not_done(lines: &[ResultLine]) -> usize {
    lines.iter().filter(|l| !l.ok).count()
}

/// A status panel listing one line per item; hidden while there are none. Green only when every
/// item went through; any other turns it amber, and the heading counts them, so the colour is
/// never the only signal.
#[component]
pub fn ResultsPanel(
    /// The panel's id.
    #[prop(into)]
    id: String,
    /// The heading's id.
    #[prop(into)]
    heading_id: String,
    /// The heading (counts of done and not done).
    #[prop(into)]
    heading: Signal<String>,
    /// One line per item.
    #[prop(into)]
    lines: Signal<Vec<ResultLine>>,
    /// Hides the panel.
    #[prop(into)]
    on_dismiss: Callback<()>,
) -> impl IntoView {
    let all_ok = move || lines.with(|l| not_done(l) == 0);
    view! {
        <Show when=move || !lines.with(Vec::is_empty)>
            <div
                class="ora-alert"
                id=id.clone()
                role="status"
                class=("ora-alert-ok", all_ok)
                class=("ora-alert-warn", move || !all_ok())
            >
                <div class="ora-row">
                    <strong id=heading_id.clone()>{move || heading.get()}</strong>
                    <span class="ora-spacer"></span>
                    <button class="ora-btn ora-btn-small" on:click=move |_| on_dismiss.run(())>
                        "Dismiss"
                    </button>
                </div>
                <ul class="ora-results">
                    {move || {
                        lines
                            .get()
                            .into_iter()
                            .map(|l| view! { <li class:ora-error=!l.ok>{l.name}": "{l.text}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
