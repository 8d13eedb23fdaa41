//! The Analytics view (the `analytics` area): a query built from what `GET /analytics/meta`
//! offers, through the core's typed builder, its answer drawn and tabled and exported as CSV;
//! and the chargeback for last month. The query lives in the URL's fragment, so a link (or a
//! reload) shows the same query and the same result.
//!
//! `spec` (the query as plain data, the URL and the builder), `form` (the builder's form),
//! `results` (the answer: chart, table, CSV), `chargeback` (spend per workspace, key and
//! external user for a month).

pub mod chargeback;
pub mod form;
pub mod results;
pub mod spec;

use crate::route::{use_router, Route};
use crate::services::read;
use crate::session::use_client;
use chargeback::Chargeback;
use form::QueryForm;
use leptos::prelude::*;
use openrouter_admin::models::AnalyticsMeta;
use openrouter_admin::FieldError;
use results::Results;
use spec::{last_month_name, now, Spec};

/// What a query may ask for.
async fn load_meta(
    signal: openrouter_admin::CancelSignal,
) -> Result<AnalyticsMeta, openrouter_admin::Error> {
    use_client()?.analytics().meta().signal(signal).send().await
}

/// The Analytics page: the explorer (the form over the result), or a month's chargeback when
/// the URL names one (`cb=YYYY-MM`).
#[component]
pub fn Analytics() -> impl IntoView {
    let router = use_router();
    let meta = read(load_meta);
    let month = Memo::new(move |_| router.param("cb"));
    // The query the URL holds: the result and the form follow it (back, forward, a shared link).
    let spec = Memo::new(move |_| Spec::from_params(|k| router.param(k), now()));
    // What the API refused of the query on screen, by field (a 400), for the form to show.
    let refused = RwSignal::new(Vec::<FieldError>::new());
    let chargeback = move |_| {
        let href = Route::Analytics.href_with(&[("cb", &last_month_name(now()))]);
        router.push(&href);
    };
    view! {
        <div class="ora-head">
            <h1>"Analytics"</h1>
            <div class="ora-row">
                <button class="ora-btn ora-btn-primary" id="ora-chargeback" on:click=chargeback>
                    "Chargeback for last month"
                </button>
            </div>
        </div>
        {move || {
            if month.with(String::is_empty) {
                view! {
                    <p class="ora-hint">
                        "Spend and usage over any window, sliced by up to two dimensions. "
                        "The address bar holds the query: copy it to share what you see."
                    </p>
                    <Explorer meta=meta spec=spec refused=refused />
                }
                .into_any()
            } else {
                view! {
                    <p><a href=Route::Analytics.href() id="ora-explorer-link">"Back to the query builder"</a></p>
                    <Chargeback month=month />
                }
                .into_any()
            }
        }}
    }
}

/// The form, once `meta` is read, and the result of the URL's query.
#[component]
fn Explorer(
    meta: LocalResource<Result<AnalyticsMeta, openrouter_admin::Error>>,
    spec: Memo<Spec>,
    refused: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    use crate::components::loaded::Loaded;
    view! {
        <section class="ora-card" aria-labelledby="ora-query-h">
            <h2 id="ora-query-h">"Query"</h2>
            <Loaded load=move || meta let:meta>
                {move || {
                    // A new query in the URL (run, back, a link) starts the form over from it.
                    let s = spec.get();
                    view! { <QueryForm meta=meta.clone() spec=s refused=refused /> }
                }}
            </Loaded>
        </section>
        <Results meta=meta spec=spec refused=refused />
    }
}
