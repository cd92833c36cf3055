//! The authors' tools that run natively: the `decision-widget` command line
//! and the prerendering of pages it shares with the release build. None of
//! this is in the reader's WebAssembly.

pub mod cli;
pub mod prerender;
