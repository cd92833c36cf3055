//! decision-widget: an interactive decision flowchart for blog articles.
//!
//! The crate has four layers, each knowing only the ones inside it (see
//! ARCHITECTURE.md): the pure [`engine`]; the Yew `ui`; the browser edges in
//! `web`; and `embed`, the JavaScript-facing entry points. Natively the
//! engine is built for its tests, and with the `ssr` feature the UI too, to
//! render the widget to HTML at build time.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod ui;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod web;
