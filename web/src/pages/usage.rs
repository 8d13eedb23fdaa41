//! Spend drawn: the workspace's spend per window and its top keys, as SVG charts.

use super::keys::load_keys;
use crate::components::{error_view, loading, Bar, BarChart};
use crate::services::abort_on_cleanup;
use leptos::prelude::*;
use openrouter_admin::models::Workspace;

/// The usage tab.
#[component]
pub fn Usage(
    /// The workspace.
    ws: Workspace,
) -> impl IntoView {
    let ws_id = StoredValue::new(ws.id.as_str().to_string());
    let keys = LocalResource::new(move || load_keys(ws_id.get_value(), true, abort_on_cleanup()));
    view! {
        <Transition fallback=loading>
            <ErrorBoundary fallback=error_view>
                {move || Suspend::new(async move {
                    let keys = keys.await?;
                    let sum = |f: fn(&openrouter_admin::models::ApiKey) -> f64| keys.iter().map(f).sum::<f64>();
                    let windows = vec![
                        Bar { label: "Today".into(), value: sum(|k| k.usage_daily) },
                        Bar { label: "This week".into(), value: sum(|k| k.usage_weekly) },
                        Bar { label: "This month".into(), value: sum(|k| k.usage_monthly) },
                        Bar { label: "Lifetime".into(), value: sum(|k| k.usage) },
                    ];
                    let byok = vec![
                        Bar { label: "BYOK today".into(), value: sum(|k| k.byok_usage_daily) },
                        Bar { label: "BYOK this week".into(), value: sum(|k| k.byok_usage_weekly) },
                        Bar { label: "BYOK this month".into(), value: sum(|k| k.byok_usage_monthly) },
                        Bar { label: "BYOK lifetime".into(), value: sum(|k| k.byok_usage) },
                    ];
                    let mut order: Vec<usize> = (0..keys.len()).collect();
                    crate::components::sort_indices(&mut order, &|a, b| keys[b].usage_monthly.partial_cmp(&keys[a].usage_monthly).unwrap_or(std::cmp::Ordering::Equal));
                    let top: Vec<Bar> = order.into_iter().take(10).map(|i| Bar { label: keys[i].name.clone(), value: keys[i].usage_monthly }).collect();
                    Ok::<_, openrouter_admin::Error>(view! {
                        <BarChart title="Spend by window" bars=windows tone=1 />
                        <BarChart title="Top keys this month" bars=top tone=2 />
                        <BarChart title="Bring-your-own-key spend" bars=byok tone=3 />
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
