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
                aria-valuenow=crate::num::fixed(pct, 0)
                aria-label=label
            >
                <div class="ora-bar-fill" class:ora-bar-high=high style:width=format!("{}%", crate::num::fixed(pct, 1))></div>
            </div>
            <span class="ora-bar-text">{text}</span>
        </div>
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
) -> impl IntoView {
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
                <text x="0" y=crate::num::plain(y + 17.0)>{short}</text>
                <rect class=class x=crate::num::plain(label_w) y=crate::num::plain(y) width=crate::num::fixed(w, 1) height="20" rx="3"></rect>
                <text x=crate::num::fixed(label_w + w + 6.0, 1) y=crate::num::plain(y + 17.0)>{usd(b.value)}</text>
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
                viewBox=format!("0 0 {} {}", crate::num::plain(width), crate::num::plain(height))
                role="img"
                aria-label=format!("{title}. {summary}")
            >
                {rows}
            </svg>
        </figure>
    }
}
