//! The outcome of a change over many items (bulk key actions, member changes): one line each.

use leptos::prelude::*;

/// How a change of one item ended, as far as the page knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// It ended as asked.
    Done,
    /// It did not (the server said so, or a later read shows why).
    NotDone,
    /// No answer came: it may or may not have happened. Never counted as failed.
    NoAnswer,
}

/// What a change did to one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultLine {
    /// The item, as people know it (a key's or a person's name).
    pub name: String,
    /// What happened, in words ("disabled", "kept: ...").
    pub text: String,
    /// How it ended.
    pub ended: Ended,
}

/// Whether a failed change got no answer at all, so it may have happened all the same (the
/// server can commit and then lose the connection).
pub fn no_answer(e: &openrouter_admin::Error) -> bool {
    e.is_outcome_unknown() || e.is_network() || e.is_timeout()
}

/// How a failed change of one item ended: no answer, or not done.
pub fn ended_by(e: &openrouter_admin::Error) -> Ended {
    if no_answer(e) {
        Ended::NoAnswer
    } else {
        Ended::NotDone
    }
}

/// What a failed change of one item says. A change that got no answer may have happened all the
/// same: it says so, and the view reads the list again after every change, so the list shows
/// where the item stands.
pub fn failed_text(e: &openrouter_admin::Error) -> String {
    if no_answer(e) {
        format!(
            "no answer, so it may or may not have happened; the list shows where it stands ({})",
            e.message()
        )
    } else {
        format!("failed: {}", e.message())
    }
}

/// How many lines did not end as asked, for whatever reason (no answer included).
pub fn not_done(lines: &[ResultLine]) -> usize {
    lines.iter().filter(|l| l.ended != Ended::Done).count()
}

/// The count of lines that did not end as asked, with those that got no answer counted apart:
/// "1 of 3 failed, 1 of 3 unknown (no answer)". `failed` is the word for the others ("failed",
/// "kept", "not added"). Empty when every line is done.
pub fn counted(lines: &[ResultLine], failed: &str) -> String {
    let total = lines.len();
    let count = |ended| lines.iter().filter(|l| l.ended == ended).count();
    let mut parts = Vec::new();
    match count(Ended::NotDone) {
        0 => {}
        n => parts.push(format!("{n} of {total} {failed}")),
    }
    match count(Ended::NoAnswer) {
        0 => {}
        n => parts.push(format!("{n} of {total} unknown (no answer)")),
    }
    parts.join(", ")
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
                            .map(|l| view! { <li class:ora-error=l.ended != Ended::Done>{l.name}": "{l.text}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::{counted, not_done, Ended, ResultLine};

    fn line(ended: Ended) -> ResultLine {
        ResultLine {
            name: "k".into(),
            text: String::new(),
            ended,
        }
    }

    #[test]
    fn no_answer_is_counted_apart_from_failed() {
        let mixed = [
            line(Ended::Done),
            line(Ended::NotDone),
            line(Ended::NoAnswer),
        ];
        assert_eq!(
            counted(&mixed, "failed"),
            "1 of 3 failed, 1 of 3 unknown (no answer)"
        );
        assert_eq!(not_done(&mixed), 2);
        let unknown = [line(Ended::NoAnswer)];
        assert_eq!(counted(&unknown, "failed"), "1 of 1 unknown (no answer)");
        let kept = [line(Ended::NotDone), line(Ended::Done)];
        assert_eq!(counted(&kept, "kept"), "1 of 2 kept");
        assert_eq!(counted(&[line(Ended::Done)], "failed"), "");
    }
}
