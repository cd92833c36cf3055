//! decision-widget: an interactive decision flowchart for blog articles.
//!
//! The crate has five layers, each knowing only the ones inside it (see
//! ARCHITECTURE.md): the pure [`engine`]; the Yew `ui`; the browser edges in
//! `web`; `embed`, the JavaScript-facing entry points of the widget; and
//! [`tools`], what authors use to write flows. Natively the engine is built
//! for its tests, and with the `ssr` feature the UI too, to render the
//! widget to HTML at build time. The `widget` feature (on by default) is the
//! reader's widget; `--no-default-features --features editor` builds the
//! editor page's wasm from the engine alone, without Yew.

pub mod engine;
pub mod tools;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod embed;
#[cfg(any(all(target_arch = "wasm32", feature = "widget"), feature = "ssr"))]
pub mod ui;
#[cfg(any(all(target_arch = "wasm32", feature = "widget"), feature = "ssr"))]
pub mod web;
