//! The answer to the URL's query: what the API said of it (rows, time, truncation, warnings),
//! a chart of the first metric, every row as a sortable table with totals, and the table as
//! CSV. A query the builder refuses is never sent; a 408 or a 429 says plainly what happened,
//! with "Try again".

use super::spec::{api_field_errors, Spec};
use crate::components::chart::{Bar, BarChart, Series, StackedColumns};
use crate::components::loaded::Loaded;
use crate::components::table::{sort_column, sort_indices, SortHeader};
use crate::format::usd;
use crate::services::read;
use crate::session::use_client;
use leptos::prelude::*;
use openrouter_admin::models::{AnalyticsMeta, AnalyticsResult, AnalyticsRow, DisplayFormat};
use openrouter_admin::{Error, FieldError};

/// A query and its answer.
#[derive(Clone)]
pub struct Answer {
    /// The query that was sent.
    pub spec: Spec,
    /// What came back.
    pub result: AnalyticsResult,
}

/// An error as the page words it: a query that ran too long (408) or one query too many
/// (429) said plainly, with what to do; anything else as it came.
pub fn plainly(e: Error) -> Error {
    let message = match e.status() {
        Some(408) => "The query ran too long and the API stopped it. Try a shorter window, fewer dimensions or filters, or a coarser granularity, then try again.",
        Some(429) => "Too many queries: the API answers at most 64 a minute. Wait a moment, then try again.",
        _ => return e,
    };
    let body = serde_json::json!({ "error": { "code": e.status(), "message": message } });
    Error::from_response(e.status().unwrap_or(0), &[], &body.to_string())
}

/// Sends `spec`'s query (after the builder's checks: a refused query is the builder's error,
/// and nothing is sent), noting in `refused` the fields an API 400 names.
async fn run(
    spec: Spec,
    refused: RwSignal<Vec<FieldError>>,
    signal: openrouter_admin::CancelSignal,
) -> Result<Answer, Error> {
    let query = spec.build()?;
    let sent = use_client()?
        .analytics()
        .query(query)
        .signal(signal)
        .send()
        .await;
    refused.try_set(
        sent.as_ref()
            .err()
            .map(api_field_errors)
            .unwrap_or_default(),
    );
    Ok(Answer {
        spec,
        result: sent.map_err(plainly)?,
    })
}

/// The result card of the URL's query.
#[component]
pub fn Results(
    /// What a query may ask for (labels and formats).
    meta: LocalResource<Result<AnalyticsMeta, Error>>,
    /// The URL's query.
    spec: Memo<Spec>,
    /// Where the API's field errors go.
    refused: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let answer = read(move |signal| run(spec.get(), refused, signal));
    view! {
        <section class="ora-card" id="ora-result" aria-labelledby="ora-result-h">
            <h2 id="ora-result-h">"Result"</h2>
            <Loaded load=move || async move { Ok((meta.await?, answer.await?)) } let:both>
                {answer_view(&both.0, &both.1)}
            </Loaded>
        </section>
    }
}

/// How a column is read and shown.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// The bucket's start.
    Date,
    /// A dimension's name (null: no value).
    Dimension,
    /// A metric, summed for the total unless it is a rate.
    Metric(Format, bool),
}

/// A metric's display.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Currency,
    Count,
    Other,
}

/// One column: its name in the rows, its heading, its kind.
#[derive(Clone)]
struct Column {
    name: String,
    label: String,
    kind: Kind,
}

fn columns(meta: &AnalyticsMeta, spec: &Spec) -> Vec<Column> {
    let mut out = Vec::new();
    if !spec.granularity.is_empty() {
        out.push(Column {
            name: format!("date__{}", spec.granularity),
            label: "Period (UTC)".into(),
            kind: Kind::Date,
        });
    }
    for d in &spec.dimensions {
        let label = meta.dimensions.iter().find(|x| x.name == *d);
        out.push(Column {
            name: d.clone(),
            label: label.map_or_else(|| d.clone(), |x| x.display_label.clone()),
            kind: Kind::Dimension,
        });
    }
    for m in &spec.metrics {
        let info = meta.metrics.iter().find(|x| x.name == *m);
        let format = match info.map(|x| &x.display_format) {
            Some(DisplayFormat::Currency) => Format::Currency,
            Some(DisplayFormat::Number) => Format::Count,
            _ => Format::Other,
        };
        out.push(Column {
            name: m.clone(),
            label: info.map_or_else(|| m.clone(), |x| x.display_label.clone()),
            kind: Kind::Metric(format, info.is_some_and(|x| x.is_rate)),
        });
    }
    out
}

/// Digits grouped by thousands (`1523` as `1,523`), exact at any length.
fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A bucket's start as a chart's column label: the day, with the time for hours and minutes.
fn bucket_label(b: &str, granularity: &str) -> String {
    match (granularity, b.get(..10), b.get(11..16)) {
        ("hour" | "minute", Some(day), Some(time)) => format!("{day} {time}"),
        (_, Some(day), _) => day.to_owned(),
        _ => b.to_owned(),
    }
}

/// A cell as shown, and as exported (the value as sent: counts' digits, plain numbers).
fn cell(row: &AnalyticsRow, col: &Column) -> (String, String) {
    let raw = match row.get(&col.name) {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n
            .as_f64()
            .map_or_else(|| n.to_string(), crate::decimal::plain),
        Some(v) => v.to_string(),
    };
    let shown = match col.kind {
        Kind::Dimension if raw.is_empty() => "(none)".to_owned(),
        Kind::Date => bucket_label(&raw, col.name.trim_start_matches("date__")),
        Kind::Metric(Format::Currency, _) => row.number(&col.name).map(usd).unwrap_or_default(),
        Kind::Metric(Format::Count, _) => row
            .count(&col.name)
            .map_or_else(|| raw.clone(), |c| grouped(c.as_str())),
        _ => raw.clone(),
    };
    (shown, raw)
}

/// A chart series' name for a row: its dimensions' names, or the metric's label.
fn series_name(row: &AnalyticsRow, dims: &[&Column], fallback: &str) -> String {
    if dims.is_empty() {
        return fallback.to_owned();
    }
    dims.iter()
        .map(|d| row.text(&d.name).unwrap_or("(none)").to_owned())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The first metric drawn: stacked per bucket when the query has a granularity, else one bar
/// per row (the 20 largest).
fn chart(rows: &[AnalyticsRow], cols: &[Column], granularity: &str) -> AnyView {
    let Some(metric) = cols.iter().find(|c| matches!(c.kind, Kind::Metric(..))) else {
        return ().into_any();
    };
    let plain = !matches!(metric.kind, Kind::Metric(Format::Currency, _));
    let dims: Vec<&Column> = cols.iter().filter(|c| c.kind == Kind::Dimension).collect();
    let value = |r: &AnalyticsRow| r.number(&metric.name).unwrap_or(0.0);
    let title = format!(
        "{} by {}",
        metric.label,
        if dims.is_empty() {
            "period".to_owned()
        } else {
            dims.iter()
                .map(|d| d.label.to_lowercase())
                .collect::<Vec<_>>()
                .join(" and ")
        }
    );
    if granularity.is_empty() {
        let bars: Vec<Bar> = rows
            .iter()
            .take(20)
            .map(|r| Bar {
                label: series_name(r, &dims, &metric.label),
                value: value(r),
            })
            .collect();
        return view! { <BarChart title=title bars=bars tone=1 plain=plain /> }.into_any();
    }
    let date = format!("date__{granularity}");
    let mut buckets: Vec<String> = rows
        .iter()
        .filter_map(|r| r.text(&date).map(str::to_owned))
        .collect();
    buckets.sort();
    buckets.dedup();
    let mut series: Vec<Series> = Vec::new();
    for r in rows {
        let Some(col) = r
            .text(&date)
            .and_then(|b| buckets.iter().position(|x| x == b))
        else {
            continue;
        };
        let name = series_name(r, &dims, &metric.label);
        let at = match series.iter().position(|s| s.name == name) {
            Some(at) => at,
            None => {
                series.push(Series {
                    name,
                    values: vec![0.0; buckets.len()],
                });
                series.len() - 1
            }
        };
        series[at].values[col] += value(r);
    }
    let total = |s: &Series| s.values.iter().sum::<f64>();
    series.sort_by(|a, b| total(b).total_cmp(&total(a)).then(a.name.cmp(&b.name)));
    let labels: Vec<String> = buckets
        .iter()
        .map(|b| bucket_label(b, granularity))
        .collect();
    view! {
        <figure class="ora-analytics-chart">
            <figcaption><h3>{title.clone()}</h3></figcaption>
            <StackedColumns title=title columns=labels series=series id="ora-analytics-chart" plain=plain />
        </figure>
    }
    .into_any()
}

/// The totals row: each summable metric summed (counts exactly), rates left blank.
fn totals(rows: &[AnalyticsRow], cols: &[Column]) -> Vec<(String, String)> {
    cols.iter()
        .map(|c| match c.kind {
            Kind::Metric(Format::Count, false) => {
                let sum: u128 = rows
                    .iter()
                    .filter_map(|r| r.count(&c.name).and_then(|n| n.as_u128()))
                    .sum();
                (grouped(&sum.to_string()), sum.to_string())
            }
            Kind::Metric(format, false) => {
                let sum: f64 = rows.iter().filter_map(|r| r.number(&c.name)).sum();
                let shown = if format == Format::Currency {
                    usd(sum)
                } else {
                    crate::decimal::plain(sum)
                };
                (shown, crate::decimal::plain(sum))
            }
            _ => (String::new(), String::new()),
        })
        .collect()
}

/// Sorts row indices by `column` (numbers as numbers, names as text).
fn order(rows: &[AnalyticsRow], cols: &[Column], sort: &str) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    let (desc, name) = sort_column(sort);
    if let Some(col) = cols.iter().find(|c| c.name == name) {
        let numeric = matches!(col.kind, Kind::Metric(..));
        sort_indices(&mut idx, desc, &|a, b| {
            if numeric {
                let v = |i: usize| rows[i].number(name).unwrap_or(f64::NEG_INFINITY);
                v(a).total_cmp(&v(b))
            } else {
                rows[a]
                    .text(name)
                    .unwrap_or("")
                    .cmp(rows[b].text(name).unwrap_or(""))
            }
        });
    }
    idx
}

/// The metadata, the chart, the table and its CSV.
fn answer_view(meta: &AnalyticsMeta, answer: &Answer) -> impl IntoView {
    let spec = &answer.spec;
    let result = &answer.result;
    let cols = columns(meta, spec);
    let rows = StoredValue::new(result.data.clone());
    let cols_s = StoredValue::new(cols.clone());
    let sort = RwSignal::new(String::new());
    let md = &result.metadata;
    let summary = format!(
        "{} rows from {} to {} (UTC), answered in {} ms.",
        md.row_count,
        spec.start,
        spec.end,
        crate::decimal::fixed(md.query_time_ms, 0)
    );
    let truncated = md.truncated.then(|| view! {
        <p class="ora-alert ora-alert-warn" id="ora-result-truncated">
            "The API cut the answer off at the row limit: raise \"Most rows\" or narrow the query to see every row (the totals below cover the rows shown)."
        </p>
    });
    let warnings = (!result.warnings.is_empty()).then(|| {
        let items = result
            .warnings
            .iter()
            .map(|w| view! { <li>{w.clone()}</li> })
            .collect_view();
        view! {
            <div class="ora-alert ora-alert-warn" id="ora-result-warnings">
                <strong>"Filters that matched nothing (the query still ran):"</strong>
                <ul>{items}</ul>
            </div>
        }
    });
    let head = cols
        .iter()
        .map(|c| {
            view! {
                <SortHeader label=c.label.clone() column=c.name.clone() current=sort
                    on_sort=move |s: String| sort.set(s) numeric=matches!(c.kind, Kind::Metric(..)) />
            }
        })
        .collect_view();
    let body = move || {
        let sorted = rows.with_value(|r| cols_s.with_value(|c| order(r, c, &sort.get())));
        sorted
            .into_iter()
            .map(|i| {
                let cells = rows.with_value(|r| {
                    cols_s.with_value(|cs| {
                        cs.iter()
                            .map(|c| {
                                let (shown, raw) = cell(&r[i], c);
                                let num = matches!(c.kind, Kind::Metric(..));
                                if c.kind == Kind::Date
                                    || (c.kind == Kind::Dimension
                                        && cs.first().map(|f| &f.name) == Some(&c.name))
                                {
                                    view! { <th scope="row" data-raw=raw>{shown}</th> }.into_any()
                                } else {
                                    view! { <td class:ora-num=num data-raw=raw>{shown}</td> }
                                        .into_any()
                                }
                            })
                            .collect_view()
                    })
                });
                view! { <tr>{cells}</tr> }
            })
            .collect_view()
    };
    let sums = totals(&result.data, &cols);
    let foot = cols
        .iter()
        .zip(&sums)
        .enumerate()
        .map(|(i, (c, (shown, raw)))| {
            if i == 0 && !matches!(c.kind, Kind::Metric(..)) {
                view! { <th scope="row">"Total"</th> }.into_any()
            } else {
                view! { <td class="ora-num" data-raw=raw.clone()>{shown.clone()}</td> }.into_any()
            }
        })
        .collect_view();
    let name = format!(
        "analytics-{}-{}.csv",
        spec.start.get(..10).unwrap_or(""),
        spec.end.get(..10).unwrap_or("")
    );
    let export = move |_| {
        let csv = rows.with_value(|r| {
            cols_s.with_value(|cs| {
                let header: Vec<String> = cs.iter().map(|c| c.name.clone()).collect();
                let order = order(r, cs, &sort.get_untracked());
                let lines: Vec<Vec<String>> = order
                    .into_iter()
                    .map(|i| cs.iter().map(|c| cell(&r[i], c).1).collect())
                    .collect();
                crate::export::table_csv(&header, &lines)
            })
        });
        crate::export::download(&name, "text/csv", &csv);
    };
    let empty = result.data.is_empty();
    view! {
        <p class="ora-hint" id="ora-result-meta">{summary}</p>
        {truncated}
        {warnings}
        {if empty {
            view! { <p class="ora-empty" id="ora-result-empty">"No rows: nothing matched this query in this window."</p> }.into_any()
        } else {
            chart(&result.data, &cols, &spec.granularity)
        }}
        <div class="ora-row">
            <button class="ora-btn" id="ora-result-csv" on:click=export disabled=empty>"Export CSV"</button>
        </div>
        <div class="ora-table-wrap ora-result-wrap" tabindex="0" role="region" aria-label="The query's rows">
            <table class="ora-table ora-table-compact" id="ora-analytics-table">
                <caption class="ora-sr">"The query's rows"</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr id="ora-result-total">{foot}</tr></tfoot>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_exactly_and_buckets_labelled() {
        assert_eq!(grouped("1523"), "1,523");
        assert_eq!(grouped("9007199254740993"), "9,007,199,254,740,993");
        assert_eq!(grouped("12"), "12");
        assert_eq!(
            bucket_label("2026-11-06T00:00:00.000Z", "day"),
            "2026-11-06"
        );
        assert_eq!(
            bucket_label("2026-11-06T12:00:00.000Z", "hour"),
            "2026-11-06 12:00"
        );
    }

    #[test]
    fn a_408_and_a_429_are_said_plainly() {
        let e = plainly(Error::from_response(429, &[], ""));
        assert_eq!(e.status(), Some(429));
        assert!(e.message().contains("64 a minute"), "{e}");
        let e = plainly(Error::from_response(408, &[], ""));
        assert!(e.message().contains("ran too long"), "{e}");
        let e = plainly(Error::from_response(500, &[], "boom"));
        assert_eq!(e.status(), Some(500));
    }
}
