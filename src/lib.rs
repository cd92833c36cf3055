//! decision-widget: an interactive decision flowchart for blog articles.
//!
//! The crate has four layers, each knowing only the ones inside it (see
//! ARCHITECTURE.md): the pure [`engine`]; the Yew `ui`; the browser edges in
//! `web`; and `embed`, the JavaScript-facing entry points. Only the engine
//! is built for native targets, where its tests run.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
