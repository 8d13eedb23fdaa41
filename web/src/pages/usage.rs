//! Spend drawn: the workspace's spend per window and its top keys, as SVG charts.

use crate::components::chart::{Bar, BarChart};
use crate::components::loaded::Loaded;
use crate::components::table::sort_indices;
use crate::pages::activity::{ActivityPanel, Scope};
use crate::pages::keys::list::load_keys;
use crate::services::read;
use leptos::prelude::*;
use openrouter_admin::models::{ApiKey, Workspace};

/// The usage tab.
#[component]
pub fn Usage(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let keys = read(move |signal| load_keys(ws_id.get_value(), true, signal));
    view! {
        <ActivityPanel scope=Scope::Workspace(ws.id.as_str().to_string()) title="Workspace spend per day" />
        <Loaded load=move || keys let:keys>
            {charts(&keys)}
        </Loaded>
    }
}

/// The three charts over every key of the workspace.
fn charts(keys: &[ApiKey]) -> impl IntoView {
    let sum = |f: fn(&ApiKey) -> f64| keys.iter().map(f).sum::<f64>();
    let bar = |label: &str, value: f64| Bar {
        label: label.into(),
        value,
    };
    let windows = vec![
        bar("Today", sum(|k| k.usage_daily)),
        bar("This week", sum(|k| k.usage_weekly)),
        bar("This month", sum(|k| k.usage_monthly)),
        bar("Lifetime", sum(|k| k.usage)),
    ];
    let byok = vec![
        bar("BYOK today", sum(|k| k.byok_usage_daily)),
        bar("BYOK this week", sum(|k| k.byok_usage_weekly)),
        bar("BYOK this month", sum(|k| k.byok_usage_monthly)),
        bar("BYOK lifetime", sum(|k| k.byok_usage)),
    ];
    let mut order: Vec<usize> = (0..keys.len()).collect();
    sort_indices(&mut order, true, &|a, b| {
        keys[a]
            .usage_monthly
            .partial_cmp(&keys[b].usage_monthly)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let top: Vec<Bar> = order
        .into_iter()
        .take(10)
        .map(|i| bar(&keys[i].name, keys[i].usage_monthly))
        .collect();
    view! {
        <BarChart title="Spend by window" bars=windows tone=1 />
        <BarChart title="Top keys this month" bars=top tone=2 />
        <BarChart title="Bring-your-own-key spend" bars=byok tone=3 />
    }
}
