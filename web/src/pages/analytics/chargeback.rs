//! The chargeback for a month (`cb=YYYY-MM` in the URL; one click makes it for last month):
//! the month's spend in total, and by workspace, by API key and by external user (the end
//! users a partner's keys were made for), each a table with its total and its CSV. Four
//! queries of the core's builder, the month as the window (UTC, the next month's first day
//! excluded).

use super::results::plainly;
use super::spec::month_window;
use crate::components::loaded::Loaded;
use crate::format::usd;
use crate::services::read;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::AnalyticsQuery;
use openrouter_admin::{Error, FieldError};

/// The breakdowns: the dimension, its column's heading, the table's title.
const BREAKDOWNS: [(&str, &str, &str); 3] = [
    ("workspace", "Workspace", "By workspace"),
    ("api_key_id", "API key", "By API key"),
    ("external_user", "External user", "By external user"),
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `November 2026` for `2026-11`; the text itself when it is no month.
fn month_label(month: &str) -> String {
    let name = month
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match (name, month.get(..4)) {
        (Some(name), Some(year)) if month.len() == 7 => format!("{name} {year}"),
        _ => month.to_owned(),
    }
}

/// One line of a breakdown: the name the API answered (`None`: no value, such as a key made
/// for no external user) and the spend.
type Line = (Option<String>, f64);

/// `month`'s spend by `dimension` (or in total), with whether the API cut rows off.
async fn spend_by(
    month: String,
    dimension: Option<&'static str>,
    signal: openrouter_admin::CancelSignal,
) -> Result<(Vec<Line>, bool), Error> {
    let Some((start, end)) = month_window(&month) else {
        return Err(Error::validation(vec![FieldError::new(
            "cb",
            "month",
            "must be a month such as 2026-11",
        )]));
    };
    let mut q = AnalyticsQuery::new("spend");
    if let Some(d) = dimension {
        q = q.group_by(d)?;
    }
    let q = q.window(&start, &end)?.limit(10_000)?;
    let answer = use_client()?
        .analytics()
        .query(q)
        .signal(signal)
        .send()
        .await
        .map_err(plainly)?;
    let lines = answer
        .data
        .iter()
        .map(|r| {
            let name = dimension.and_then(|d| r.text(d)).map(str::to_owned);
            (name, r.number("spend").unwrap_or(0.0))
        })
        .collect();
    Ok((lines, answer.metadata.truncated))
}

/// The chargeback of `month` (`YYYY-MM`).
#[component]
pub fn Chargeback(
    /// The month, from the URL.
    month: Memo<String>,
) -> impl IntoView {
    let total = read(move |signal| spend_by(month.get(), None, signal));
    let window = move || {
        month_window(&month.get())
            .map(|(s, e)| format!("From {s} to {e} (UTC, the end excluded), in US dollars."))
            .unwrap_or_default()
    };
    view! {
        <section class="ora-card" aria-labelledby="ora-cb-h" id="ora-chargeback-card">
            <h2 id="ora-cb-h">{move || format!("Chargeback for {}", month_label(&month.get()))}</h2>
            <p class="ora-hint">{window}" Each table below splits the same spend another way, so each adds up to this total."</p>
            <Loaded load=move || total let:got>
                {
                    let sum = got.0.first().map_or(0.0, |l| l.1);
                    view! {
                        <dl class="ora-stats">
                            <div>
                                <dt>"Total spend"</dt>
                                <dd id="ora-cb-total" data-usd=crate::decimal::plain(sum)>{usd(sum)}</dd>
                            </div>
                        </dl>
                    }
                }
            </Loaded>
        </section>
        <div class="ora-cb-grid">
            {BREAKDOWNS.map(|(dim, label, title)| view! { <Breakdown month=month dim=dim label=label title=title /> })}
        </div>
    }
}

/// One breakdown of the month's spend, as a table with its total and its CSV.
#[component]
fn Breakdown(
    month: Memo<String>,
    dim: &'static str,
    label: &'static str,
    title: &'static str,
) -> impl IntoView {
    let lines = read(move |signal| spend_by(month.get(), Some(dim), signal));
    let heading = format!("ora-cb-{dim}-h");
    view! {
        <section class="ora-card" aria-labelledby=heading.clone() id=format!("ora-cb-{dim}-card")>
            <h2 id=heading.clone()>{title}</h2>
            <Loaded load=move || lines let:got>
                {table(&month.get_untracked(), dim, label, got.0, got.1)}
            </Loaded>
        </section>
    }
}

fn table(
    month: &str,
    dim: &'static str,
    label: &'static str,
    lines: Vec<Line>,
    truncated: bool,
) -> impl IntoView {
    let sum: f64 = lines.iter().map(|l| l.1).sum();
    let rows = lines
        .iter()
        .map(|(name, spend)| {
            let shown = name.clone().unwrap_or_else(|| "(none)".to_owned());
            view! {
                <tr>
                    <th scope="row">{shown}</th>
                    <td class="ora-num" data-usd=crate::decimal::plain(*spend)>{usd(*spend)}</td>
                </tr>
            }
        })
        .collect_view();
    let file = format!("chargeback-{month}-{dim}.csv");
    let export = move |_| {
        let header = vec![label.to_owned(), "spend_usd".to_owned()];
        let mut body: Vec<Vec<String>> = lines
            .iter()
            .map(|(n, s)| vec![n.clone().unwrap_or_default(), crate::decimal::plain(*s)])
            .collect();
        body.push(vec!["Total".to_owned(), crate::decimal::plain(sum)]);
        let csv = crate::export::table_csv(&header, &body);
        crate::export::download(&file, "text/csv", &csv);
    };
    view! {
        {truncated.then(|| view! {
            <p class="ora-alert ora-alert-warn">"The API cut this breakdown off at 10,000 rows: the total covers the rows shown."</p>
        })}
        <div class="ora-table-wrap" tabindex="0" role="region" aria-label=format!("Spend by {}, table", label.to_lowercase())>
            <table class="ora-table ora-table-compact" id=format!("ora-cb-{dim}")>
                <caption class="ora-sr">{format!("Spend by {}", label.to_lowercase())}</caption>
                <thead>
                    <tr><th scope="col">{label}</th><th scope="col" class="ora-num">"Spend"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total"</th>
                        <td class="ora-num" id=format!("ora-cb-{dim}-total") data-usd=crate::decimal::plain(sum)>{usd(sum)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
        <button class="ora-btn ora-btn-small" id=format!("ora-cb-{dim}-csv") on:click=export>"Export CSV"</button>
    }
}

#[cfg(test)]
mod tests {
    use super::month_label;

    #[test]
    fn months_are_named() {
        assert_eq!(month_label("2026-11"), "November 2026");
        assert_eq!(month_label("2026-01"), "January 2026");
        assert_eq!(month_label("2026-13"), "2026-13");
        assert_eq!(month_label("x"), "x");
    }
}
