//! The engine's tests, one binary (`cargo test -p dw-engine`): evaluation,
//! flow files, several-answer questions, the share-link codec (which runs
//! in headless Chromium too, with `--target wasm32-unknown-unknown`),
//! exports, layout and the chart's view, Mermaid import, saved decisions,
//! the outline, the JSON Schema and the words of every language.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;

mod choices;
mod engine;
mod export;
mod format;
mod layout;
mod link;
mod mermaid;
mod outline;
mod saved;
mod schema;
mod viewport;
mod words;
