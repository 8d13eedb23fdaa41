//! Table pieces: sortable headers, the one sort every list goes through, row selection, and
//! windowing for long lists.

use leptos::prelude::*;
use std::collections::HashSet;

/// Sorts indices stably by `cmp`, reversed when `desc`. Every list sorts through this one
/// instance of the standard library's stable sort (about 3 KB of wasm per element type and
/// comparator otherwise).
pub fn sort_indices(
    rows: &mut [usize],
    desc: bool,
    cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering,
) {
    rows.sort_by(|&a, &b| {
        let o = cmp(a, b);
        if desc {
            o.reverse()
        } else {
            o
        }
    });
}

/// A `sort` query value split into its direction and column: `-name` is (descending, `name`).
pub fn sort_column(sort: &str) -> (bool, &str) {
    match sort.strip_prefix('-') {
        Some(column) => (true, column),
        None => (false, sort),
    }
}

/// A sortable column header button; `aria-sort` goes on the `<th>` around it.
#[component]
pub fn SortHeader(
    /// The column's label.
    #[prop(into)]
    label: String,
    /// The column's key in the `sort` query parameter.
    #[prop(into)]
    column: String,
    /// The current sort (`name` or `-name`).
    #[prop(into)]
    current: Signal<String>,
    /// Called with the next sort value.
    #[prop(into)]
    on_sort: Callback<String>,
    /// Right-aligned numeric column.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let col = column.clone();
    let state = Signal::derive(move || {
        let c = current.get();
        if c == col {
            "ascending"
        } else if c.strip_prefix('-') == Some(col.as_str()) {
            "descending"
        } else {
            "none"
        }
    });
    let col = column.clone();
    view! {
        <th aria-sort=state class:ora-num=numeric scope="col">
            <button
                class="ora-sort"
                on:click=move |_| {
                    let next = if state.get_untracked() == "ascending" { format!("-{col}") } else { col.clone() };
                    on_sort.run(next);
                }
            >
                {label}
                <span aria-hidden="true">
                    {move || match state.get() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "↕",
                    }}
                </span>
            </button>
        </th>
    }
}

/// A row's selection checkbox, kept in step with the set of selected ids.
#[component]
pub fn SelectBox(
    /// The row's id in `selected`.
    #[prop(into)]
    id: String,
    /// The ids of the selected rows.
    selected: RwSignal<HashSet<String>>,
    /// The accessible name, when no `<label>` around the box gives one.
    #[prop(optional, into)]
    label: Option<String>,
    /// Whether the box cannot be changed.
    #[prop(optional)]
    disabled: bool,
) -> impl IntoView {
    let row = id.clone();
    view! {
        <input
            type="checkbox"
            aria-label=label
            disabled=disabled
            prop:checked=move || selected.with(|s| s.contains(&row))
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                selected
                    .update(|s| {
                        if on {
                            s.insert(id.clone());
                        } else {
                            s.remove(&id);
                        }
                    });
            }
        />
    }
}

/// What [`use_window`] gives a windowed table.
#[derive(Clone, Copy)]
pub struct UseWindowReturn {
    /// First and one-past-last index to render.
    pub range: Memo<(usize, usize)>,
    /// Height of the spacer above the rendered rows (px).
    pub top: Signal<f64>,
    /// Height of the spacer below the rendered rows (px).
    pub bottom: Signal<f64>,
    /// Put on the scroll container's `on:scroll`.
    pub on_scroll: Callback<web_sys::Event>,
}

/// Rows rendered beyond the visible ones, each side: keeps fast scrolling from showing gaps.
const OVERSCAN: usize = 20;

/// Windowing for a long list with fixed row height: only the rows near the viewport are in the
/// DOM (at most about viewport/row + 2 × overscan, well under 200), spacers stand for the rest.
pub fn use_window(total: Signal<usize>, row_height: f64, viewport: f64) -> UseWindowReturn {
    let scroll = RwSignal::new(0.0_f64);
    let range = Memo::new(move |_| {
        let n = total.get();
        let first = (scroll.get() / row_height).floor() as usize;
        let visible = (viewport / row_height).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(n);
        let end = (first + visible + OVERSCAN).min(n);
        (start, end)
    });
    let top = Signal::derive(move || range.get().0 as f64 * row_height);
    let bottom = Signal::derive(move || {
        let (_, end) = range.get();
        (total.get().saturating_sub(end)) as f64 * row_height
    });
    let on_scroll = Callback::new(move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            scroll.set(el.scroll_top() as f64);
        }
    });
    UseWindowReturn {
        range,
        top,
        bottom,
        on_scroll,
    }
}

/// A windowed table's body: a spacer row standing for the rows above the window, the rows in
/// it (`row` renders one from its index into the table's data), and a spacer for those below.
#[component]
pub fn WindowedBody<R, V>(
    /// The windowing ([`use_window`]).
    window: UseWindowReturn,
    /// The indices of every row in view, in order.
    rows: Memo<Vec<usize>>,
    /// The table's column count, which the spacers span.
    columns: usize,
    /// Renders one row.
    row: R,
) -> impl IntoView
where
    R: Fn(usize) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let visible = Memo::new(move |_| {
        let (start, end) = window.range.get();
        rows.with(|r| r[start.min(r.len())..end.min(r.len())].to_vec())
    });
    let spacer = move |height: Signal<f64>| {
        view! {
            <tr class="ora-spacer-row" aria-hidden="true">
                <td colspan=columns style:height=move || format!("{}px", crate::decimal::plain(height.get()))></td>
            </tr>
        }
    };
    view! {
        <tbody>
            {spacer(window.top)}
            <For each=move || visible.get() key=|i| *i children=row />
            {spacer(window.bottom)}
        </tbody>
    }
}
