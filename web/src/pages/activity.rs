//! Activity and credits: spend per day over the last 30 completed UTC days, by model, for the
//! organization, a workspace or a key (a stacked chart and the same numbers as a table), and
//! the credit balance shown beside the signed-in key.

use crate::components::chart::{series_class, Series, StackedColumns};
use crate::components::loaded::Loaded;
use crate::format::usd;
use crate::services::read;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::api::ACTIVITY_DAYS;
use openrouter_admin::models::{ActivityItem, Credits};
use openrouter_admin::time::{format_date, today};

/// Whose activity a panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole organization.
    Organization,
    /// One workspace, by UUID.
    Workspace(String),
    /// One key, by hash.
    Key(String),
}

/// Spend per day and model, the days oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Daily {
    /// The covered days, `YYYY-MM-DD`, oldest first.
    pub days: Vec<String>,
    /// One series per model, the biggest spender first.
    pub series: Vec<Series>,
}

impl Daily {
    /// Sums the rows per day and model (a model served by several endpoints is one series),
    /// over the 30 days before `today` (days since 1970), so a day without spend still shows.
    pub fn from_rows(rows: &[ActivityItem], today: i64) -> Daily {
        let days: Vec<String> = (1..=ACTIVITY_DAYS)
            .rev()
            .map(|n| format_date(today - n))
            .collect();
        let mut series: Vec<Series> = Vec::new();
        for r in rows {
            let Some(col) = days.iter().position(|d| *d == r.date) else {
                continue;
            };
            let at = match series.iter().position(|s| s.name == r.model) {
                Some(at) => at,
                None => {
                    series.push(Series {
                        name: r.model.clone(),
                        values: vec![0.0; days.len()],
                    });
                    series.len() - 1
                }
            };
            series[at].values[col] += r.usage;
        }
        let total = |s: &Series| s.values.iter().sum::<f64>();
        series.sort_by(|a, b| total(b).total_cmp(&total(a)).then(a.name.cmp(&b.name)));
        Daily { days, series }
    }
}

/// Loads the activity of `scope`.
async fn load_activity(
    scope: Scope,
    signal: openrouter_admin::CancelSignal,
) -> Result<Daily, openrouter_admin::Error> {
    let client = use_client()?;
    let call = client.activity();
    let call = match scope {
        Scope::Organization => call,
        Scope::Workspace(id) => call.workspace(id),
        Scope::Key(hash) => call.key(hash),
    };
    let rows = call.signal(signal).send().await?;
    Ok(Daily::from_rows(&rows, today()))
}

/// A card with the chart of `scope`'s spend per day by model, and its table.
#[component]
pub fn ActivityPanel(
    /// Whose activity.
    scope: Scope,
    /// What the card is titled.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let scope = StoredValue::new(scope);
    let activity = read(move |signal| load_activity(scope.get_value(), signal));
    view! {
        <section class="ora-card ora-activity" id="ora-activity" aria-labelledby="ora-activity-h">
            <h2 id="ora-activity-h">{title.clone()}</h2>
            <p class="ora-hint">"OpenRouter credits spent per UTC day over the last 30 completed days, by model."</p>
            <Loaded load=move || activity let:daily>
                {daily_view(&daily, &title)}
            </Loaded>
        </section>
    }
}

/// The chart, its legend and the table of the same numbers.
pub fn daily_view(daily: &Daily, title: &str) -> impl IntoView {
    let head = daily
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <th scope="col" class="ora-num">
                    <span class=format!("ora-swatch {}", series_class(&s.name, i)) aria-hidden="true"></span>
                    {s.name.clone()}
                </th>
            }
        })
        .collect_view();
    // Newest day first: the one a reader usually looks for.
    let body = (0..daily.days.len())
        .rev()
        .map(|c| {
            let cells = daily
                .series
                .iter()
                .map(|s| view! { <td class="ora-num">{usd(s.values[c])}</td> })
                .collect_view();
            let total: f64 = daily.series.iter().map(|s| s.values[c]).sum();
            view! {
                <tr>
                    <th scope="row">{daily.days[c].clone()}</th>
                    {cells}
                    <td class="ora-num">{usd(total)}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = daily.series.is_empty();
    view! {
        <StackedColumns title=title.to_string() columns=daily.days.clone() series=daily.series.clone() />
        {empty.then(|| view! { <p class="ora-hint" id="ora-activity-empty">"No spend in these 30 days."</p> })}
        <details>
            <summary id="ora-activity-toggle">"The numbers, as a table"</summary>
            // Wide with many models: a region that scrolls sideways must be reachable by keyboard.
            <div class="ora-table-wrap" tabindex="0" role="region" aria-labelledby="ora-activity-toggle">
                <table class="ora-table ora-table-compact" id="ora-activity-table">
                    <caption class="ora-sr">{format!("{title}: spend per day and model (USD)")}</caption>
                    <thead>
                        <tr><th scope="col">"Day (UTC)"</th>{head}<th scope="col" class="ora-num">"Total"</th></tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </details>
    }
}

/// The organization's activity page, with its credits.
#[component]
pub fn OrgActivity() -> impl IntoView {
    let credits = read(load_credits);
    view! {
        <div class="ora-head"><h1>"Activity"</h1></div>
        <section class="ora-card" aria-labelledby="ora-credits-h">
            <h2 id="ora-credits-h">"Credits"</h2>
            <Loaded load=move || credits let:c>
                <dl class="ora-stats" id="ora-credit-stats">
                    <div><dt>"Purchased"</dt><dd>{usd(c.total_credits)}</dd></div>
                    <div><dt>"Used"</dt><dd>{usd(c.total_usage)}</dd></div>
                    <div><dt>"Balance"</dt><dd>{usd(c.balance())}</dd></div>
                </dl>
            </Loaded>
        </section>
        <ActivityPanel scope=Scope::Organization title="Organization spend per day" />
    }
}

async fn load_credits(
    signal: openrouter_admin::CancelSignal,
) -> Result<Credits, openrouter_admin::Error> {
    use_client()?.credits().signal(signal).send().await
}

/// The credit balance (purchased − used), beside the signed-in key. Quiet on failure: the
/// header is no place for an error, and the activity page shows it.
#[component]
pub fn CreditBalance() -> impl IntoView {
    let credits = read(load_credits);
    move || {
        credits.get().and_then(Result::ok).map(|c| {
            let detail = format!(
                "Purchased {} − used {}",
                usd(c.total_credits),
                usd(c.total_usage)
            );
            view! {
                <span class="ora-credits" id="ora-credits" title=detail.clone()>
                    "Credits left: "<strong>{usd(c.balance())}</strong>
                    <span class="ora-sr">{format!(" ({detail})")}</span>
                </span>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(date: &str, model: &str, usage: f64) -> ActivityItem {
        serde_json::from_value(serde_json::json!({
            "date": date, "model": model, "model_permaslug": model, "endpoint_id": "e",
            "provider_name": "p", "usage": usage, "byok_usage_inference": 0.0, "requests": 1,
            "prompt_tokens": 1, "completion_tokens": 1, "reasoning_tokens": 0
        }))
        .expect("row")
    }

    #[test]
    fn rows_sum_per_day_and_model_over_thirty_days() {
        let today = openrouter_admin::time::parse_date("2026-03-31").expect("date");
        let rows = [
            row("2026-03-30", "a", 1.0),
            row("2026-03-30", "a", 0.5),
            row("2026-03-01", "b", 4.0),
            row("2026-03-31", "b", 9.0),
            row("2026-02-28", "b", 9.0),
        ];
        let d = Daily::from_rows(&rows, today);
        assert_eq!(d.days.len(), 30);
        assert_eq!(d.days.first().map(String::as_str), Some("2026-03-01"));
        assert_eq!(d.days.last().map(String::as_str), Some("2026-03-30"));
        assert_eq!(d.series[0].name, "b", "the biggest spender first");
        assert_eq!(d.series[0].values[0], 4.0);
        assert_eq!(
            d.series[0].values.iter().sum::<f64>(),
            4.0,
            "today and older rows are out"
        );
        assert_eq!(
            d.series[1].values[29], 1.5,
            "two endpoints of one model are one series"
        );
    }
}
