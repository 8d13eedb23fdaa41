//! Spend drawn: the usage bar (spend against a limit) and the SVG bar chart.

use crate::format::usd;
use leptos::prelude::*;

/// A usage bar: spend in the current limit window against the limit.
#[component]
pub fn UsageBar(
    /// Spent in the current window (USD).
    used: f64,
    /// The limit (USD), if any.
    limit: Option<f64>,
    /// The reset period ("monthly"), if any.
    #[prop(into)]
    reset: Option<String>,
) -> impl IntoView {
    let (pct, text) = match limit {
        Some(l) if l > 0.0 => {
            let pct = (used / l * 100.0).clamp(0.0, 100.0);
            let period = reset.map(|r| format!(" / {r}")).unwrap_or_default();
            (pct, format!("{} of {}{period}", usd(used), usd(l)))
        }
        _ => (0.0, format!("{} · no limit", usd(used))),
    };
    let label = text.clone();
    let high = pct >= 90.0;
    view! {
        <div class="ora-bar">
            <div
                class="ora-bar-track"
                role="meter"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=crate::decimal::fixed(pct, 0)
                aria-label=label
            >
                <div class="ora-bar-fill" class:ora-bar-high=high style:width=format!("{}%", crate::decimal::fixed(pct, 1))></div>
            </div>
            <span class="ora-bar-text">{text}</span>
        </div>
    }
}

/// A value as a chart labels it: dollars, or a plain number (`plain`).
fn amount(v: f64, plain: bool) -> String {
    if plain {
        crate::decimal::fixed(v, if v.fract() == 0.0 { 0 } else { 2 })
    } else {
        usd(v)
    }
}

/// One bar of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// The label under or beside the bar.
    pub label: String,
    /// The value (USD).
    pub value: f64,
}

/// A horizontal bar chart in SVG, with a text table for screen readers.
#[component]
pub fn BarChart(
    /// The chart's title, also its accessible name.
    #[prop(into)]
    title: String,
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// Colour class: 1, 2 or 3.
    #[prop(optional)]
    tone: u8,
    /// The values are plain numbers (counts), not dollars.
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let usd = move |v: f64| amount(v, plain);
    let max = bars
        .iter()
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(0.000_001);
    let row = 28.0;
    let label_w = 170.0;
    let width = 640.0;
    let height = (bars.len() as f64 * row + 8.0).max(36.0);
    let class = match tone {
        2 => "ora-c2",
        3 => "ora-c3",
        _ => "ora-c1",
    };
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = i as f64 * row + 4.0;
            let w = (b.value / max * (width - label_w - 90.0)).max(1.0);
            let short: String = b.label.chars().take(24).collect();
            view! {
                <text x="0" y=crate::decimal::plain(y + 17.0)>{short}</text>
                <rect class=class x=crate::decimal::plain(label_w) y=crate::decimal::plain(y) width=crate::decimal::fixed(w, 1) height="20" rx="3"></rect>
                <text x=crate::decimal::fixed(label_w + w + 6.0, 1) y=crate::decimal::plain(y + 17.0)>{usd(b.value)}</text>
            }
        })
        .collect_view();
    let summary = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, usd(b.value)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <figure class="ora-card">
            <figcaption>
                <h2>{title.clone()}</h2>
            </figcaption>
            <svg
                class="ora-chart"
                viewBox=format!("0 0 {} {}", crate::decimal::plain(width), crate::decimal::plain(height))
                role="img"
                aria-label=format!("{title}. {summary}")
            >
                {rows}
            </svg>
        </figure>
    }
}

/// One series of a stacked chart: a name and one value per column.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The legend's text (a model).
    pub name: String,
    /// One value per column (USD).
    pub values: Vec<f64>,
}

/// Colour classes of the series, in order; more series than colours reuse them.
const SERIES_CLASSES: [&str; 7] = [
    "ora-s0", "ora-s1", "ora-s2", "ora-s3", "ora-s4", "ora-s5", "ora-s6",
];

/// The models in the order the page first drew them: a model keeps its colour on every chart
/// of the session (the organization's, a workspace's, a key's), so charts compare at a glance.
#[derive(Clone, Copy)]
pub struct SeriesColours(StoredValue<Vec<String>>);

impl SeriesColours {
    /// Provides the session's colours as context (once, at the page's root).
    pub fn provide() {
        provide_context(SeriesColours(StoredValue::new(Vec::new())));
    }
}

/// The colour class of the series named `name`: the one it was given before in this session,
/// or the next one. Without the context (a chart drawn on its own) every series is numbered
/// afresh by `fallback`, its place in the chart.
pub fn series_class(name: &str, fallback: usize) -> &'static str {
    let at = use_context::<SeriesColours>().map(|SeriesColours(seen)| {
        let mut at = 0;
        seen.update_value(|names| {
            at = match names.iter().position(|n| n == name) {
                Some(at) => at,
                None => {
                    names.push(name.to_string());
                    names.len() - 1
                }
            };
        });
        at
    });
    SERIES_CLASSES[at.unwrap_or(fallback) % SERIES_CLASSES.len()]
}

/// Vertical stacked bars in SVG, one column per label (days), one colour per series, with a
/// legend. The drawing is an image whose name sums it up; the numbers themselves belong in a
/// table beside it.
#[component]
pub fn StackedColumns(
    /// The accessible name of the drawing.
    #[prop(into)]
    title: String,
    /// The column labels, left to right (`YYYY-MM-DD`).
    columns: Vec<String>,
    /// The series, bottom to top.
    series: Vec<Series>,
    /// The drawing's id (`ora-activity-chart` unless given).
    #[prop(optional, into)]
    id: Option<String>,
    /// The values are plain numbers (counts), not dollars.
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let usd = move |v: f64| amount(v, plain);
    let totals: Vec<f64> = (0..columns.len())
        .map(|c| {
            series
                .iter()
                .map(|s| s.values.get(c).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let max = totals
        .iter()
        .copied()
        .fold(0.0_f64, f64::max)
        .max(0.000_001);
    let (left, top, width, height) = (84.0, 10.0, 720.0, 240.0);
    let plot_h = height - top - 28.0;
    // The right margin keeps the last day's label inside the drawing.
    let step = (width - left - 16.0) / columns.len().max(1) as f64;
    let bar_w = (step * 0.7).max(1.0);
    let mut rects = Vec::new();
    for (c, label) in columns.iter().enumerate() {
        let x = left + c as f64 * step + (step - bar_w) / 2.0;
        let mut y = top + plot_h;
        for (i, s) in series.iter().enumerate() {
            let v = s.values.get(c).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let h = v / max * plot_h;
            y -= h;
            rects.push(view! {
                <rect class=series_class(&s.name, i) x=crate::decimal::fixed(x, 1) y=crate::decimal::fixed(y, 1)
                    width=crate::decimal::fixed(bar_w, 1) height=crate::decimal::fixed(h.max(0.5), 1)>
                    <title>{format!("{label} · {}: {}", s.name, usd(v))}</title>
                </rect>
            });
        }
    }
    // Every fifth day is labelled (as MM-DD), so the labels never overlap.
    let ticks = columns
        .iter()
        .enumerate()
        .filter(|(c, _)| c % 5 == 4 || *c == 0)
        .map(|(c, label)| {
            let x = left + c as f64 * step + step / 2.0;
            view! {
                <text x=crate::decimal::fixed(x, 1) y=crate::decimal::plain(height - 8.0) text-anchor="middle">
                    {label.get(5..).unwrap_or(label).to_string()}
                </text>
            }
        })
        .collect_view();
    let total: f64 = totals.iter().sum();
    let peak =
        totals.iter().enumerate().fold(
            (0, 0.0_f64),
            |best, (i, v)| if *v > best.1 { (i, *v) } else { best },
        );
    let summary = match columns.get(peak.0) {
        Some(day) if peak.1 > 0.0 => format!(
            "{title}: {} over {} days, most on {day} ({}).",
            usd(total),
            columns.len(),
            usd(peak.1)
        ),
        _ => format!("{title}: no spend over {} days.", columns.len()),
    };
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <li><span class=format!("ora-swatch {}", series_class(&s.name, i)) aria-hidden="true"></span>{s.name.clone()}</li>
            }
        })
        .collect_view();
    view! {
        <svg
            class="ora-stacked"
            id=id.unwrap_or_else(|| "ora-activity-chart".to_owned())
            viewBox=format!("0 0 {} {}", crate::decimal::plain(width), crate::decimal::plain(height))
            role="img"
            aria-label=summary
        >
            <line class="ora-grid" x1=crate::decimal::plain(left) x2=crate::decimal::plain(width - 16.0) y1=crate::decimal::plain(top) y2=crate::decimal::plain(top)></line>
            <line class="ora-grid" x1=crate::decimal::plain(left) x2=crate::decimal::plain(width - 16.0) y1=crate::decimal::plain(top + plot_h) y2=crate::decimal::plain(top + plot_h)></line>
            <text x=crate::decimal::plain(left - 6.0) y=crate::decimal::plain(top + 10.0) text-anchor="end">{usd(max)}</text>
            <text x=crate::decimal::plain(left - 6.0) y=crate::decimal::plain(top + plot_h) text-anchor="end">{if plain { "0" } else { "$0" }}</text>
            {rects}
            {ticks}
        </svg>
        <ul class="ora-legend">{legend}</ul>
    }
}
