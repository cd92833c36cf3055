//! decision-widget: an interactive decision flowchart for blog articles.
//!
//! The crate has five layers, each knowing only the ones inside it (see
//! ARCHITECTURE.md): the pure [`engine`]; the Yew [`ui`]; the browser edges
//! in [`web`]; `embed`, the JavaScript-facing entry points of the widget's
//! WebAssembly; and [`tools`], the authors' command line. Natively the UI is
//! built too, to render the widget to HTML for the pages it is put into.

pub mod engine;
pub mod ui;
pub mod web;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(not(target_arch = "wasm32"))]
pub mod tools;
