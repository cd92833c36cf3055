//! decision-widget: an interactive decision flowchart for blog articles.
//!
//! The crate has five layers, each knowing only the ones inside it (see
//! ARCHITECTURE.md): the pure [`engine`]; the Yew `ui`; the browser edges
//! in `web`; `embed`, the JavaScript-facing entry points of the widget's
//! WebAssembly; and [`tools`], what authors use: the command line
//! (natively) and the checker (its own WebAssembly). The `widget` feature,
//! on by default, is the reader's widget; natively the UI is always built,
//! to render the widget into pages.

pub mod engine;
pub mod intl;
pub mod tools;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod embed;
#[cfg(any(feature = "widget", not(target_arch = "wasm32")))]
pub mod ui;
#[cfg(any(feature = "widget", not(target_arch = "wasm32")))]
pub mod web;
