//! The authors' tools: the `decision-widget` command line and the
//! prerendering it shares with the release build (natively), and the
//! checker that the editor page and a widget facing a broken flow file load
//! (its own WebAssembly). None of this is in the reader's widget.

#[cfg(all(target_arch = "wasm32", feature = "checker"))]
pub mod checker;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
