//! The page by area: the signed-in page's code is split off the first module, and fetched by
//! area when first opened (`cargo xtask page` splits the build, `xtask/src/wasm_split.rs`;
//! `../shared/docs/page-splitting.md` says how the split works).
//!
//! An area's entry point is declared with [`split!`]. In the split build (`--cfg ora_split`, which
//! `web/build.rs` sets only when xtask asks with `ORA_SPLIT`) it is a `wasm_split` point: calling it
//! downloads its area's wasm the first time, then runs it. In any other build (`trunk serve`,
//! native tests) it is a plain `async fn` of the same signature, because an unsplit build of
//! split-annotated code does not load (its wasm imports a placeholder module no browser finds).
//! Either way it returns `Err` when the wasm could not be downloaded, never a panic (a panic
//! aborts the whole module); a failure is not remembered, so calling it again tries again.
//!
//! Areas are few on purpose: each distinct set of areas that use a function makes one more
//! shared file, and a first opening fetches every one of its area's files not yet loaded. The
//! build folds the files the shell's area (`app`) shares into its module (`xtask/src/wasm_fold.rs`),
//! so only the other areas count: with three of them a first opening takes at most 4 files.
//! [`Area`] shows an area's view once its code is there, and "Try again" when it is not.

use crate::components::loaded::loading;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What an area's entry point gives: the code that builds its view, in the area's wasm. The view
/// is built only once [`Area`] knows it is still on the page.
pub type MakeView = Box<dyn FnOnce() -> AnyView>;

/// Declares an area's entry point: `split!(area, preload_fn, fn name(args) -> T { body })`
/// makes `async fn name(args) -> Result<T, SplitLoaderError>`, whose code (and what only this
/// area uses) goes into the area's wasm, and `async fn preload_fn() -> Result<(), _>`, which
/// fetches that wasm without running anything. Several entry points may share an area.
macro_rules! split {
    (
        $area:ident, $preload:ident,
        $(#[$attr:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block
    ) => {
        $(#[$attr])*
        #[cfg(ora_split)]
        #[::leptos::wasm_split::wasm_split(
            $area,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(#[allow(dead_code)] $preload)
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, ::leptos::wasm_split::SplitLoaderError> {
            let value: $ret = $body;
            Ok(value)
        }

        $(#[$attr])*
        #[cfg(not(ora_split))]
        $vis async fn $name(
            $($arg: $ty),*
        ) -> Result<$ret, ::leptos::wasm_split::SplitLoaderError> {
            let value: $ret = $body;
            Ok(value)
        }

        /// Fetches the area's wasm (nothing to fetch in an unsplit build).
        #[cfg(not(ora_split))]
        #[allow(dead_code)]
        $vis async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split;

/// Shows the view that `load` gives once its area's code is there; while it downloads, the page's
/// "Loading…"; when it could not be downloaded, the area's error with "Try again", which calls
/// `load` again.
#[component]
pub fn Area<L, F>(
    /// Calls the area's entry point (a [`split!`] function giving a [`MakeView`]).
    load: L,
) -> impl IntoView
where
    L: Fn() -> F + 'static,
    F: Future<Output = Result<MakeView, SplitLoaderError>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let pending = RwSignal::new(true);
    let load = StoredValue::new_local(load);
    let area = move || {
        attempt.track();
        // Cleared when this attempt is replaced or the area leaves the page (the user went on
        // before its code arrived): a view built then would find its owner, and the context
        // its components read, gone, and panic.
        let alive = Arc::new(AtomicBool::new(true));
        let gone = alive.clone();
        on_cleanup(move || gone.store(false, Ordering::Relaxed));
        // The split loader's future is not `Send`; the page has one thread.
        let made = send_wrapper::SendWrapper::new(load.with_value(|load| load()));
        Suspend::new(async move {
            let made = made.await;
            if !alive.load(Ordering::Relaxed) {
                return ().into_any();
            }
            pending.set(false);
            match made {
                Ok(make) => make(),
                Err(_) => unavailable(attempt, pending).into_any(),
            }
        })
    };
    view! {
        {move || pending.get().then(loading)}
        {area}
    }
}

/// The error of an area whose code could not be downloaded: offline, a server error, or a
/// deploy that replaced the files since this tab was opened (then only a reload helps).
fn unavailable(attempt: RwSignal<u32>, pending: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="ora-alert ora-alert-error ora-area-failed" role="alert">
            <strong>"Something went wrong. "</strong>
            "This part of the page could not be downloaded. Check the connection and try again; "
            "if the admin page was updated since this tab was opened, reload the tab. "
            <button
                class="ora-btn ora-btn-small ora-load-again"
                on:click=move |_| {
                    pending.set(true);
                    attempt.update(|n| *n += 1);
                }
            >
                "Try again"
            </button>
        </div>
    }
}
