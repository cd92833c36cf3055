//! The reader's widget: the Yew `ui` over the engine's state, the browser
//! edges in `web`, and `embed`, the entry points of the widget's
//! WebAssembly that `static/embed.js` calls (see ARCHITECTURE.md). Each
//! layer knows only the ones inside it; every decision about a flow is
//! `dw_engine`'s.
//!
//! Natively (feature `ssr`) the same components render to HTML, for the
//! command line's `prerender`; the browser edges then find no window and do
//! nothing.

#[cfg(all(target_arch = "wasm32", feature = "csr"))]
pub mod embed;
pub mod ui;
pub mod web;
