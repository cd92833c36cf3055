//! The tools around the widget: natively, the `decision-widget` command
//! line and the prerendering it shares with the release build; on wasm32,
//! the engine's tools in a WebAssembly of their own (checking, Mermaid
//! import, exports), which the editor page loads, and the widget only when
//! a reader asks for an export or a flow file is broken. None of this is in
//! the reader's widget.

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod languages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
#[cfg(all(target_arch = "wasm32", feature = "tools"))]
pub mod wasm;
