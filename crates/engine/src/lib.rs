//! The decision engine: flows, their validation, evaluation, share links,
//! exports and chart layout.
//!
//! Plain Rust with no browser crates, no I/O, no clock and no randomness, so
//! that every rule about flows is tested natively and fast. The layers above
//! (`ui`, `web`, `embed`, the tools) call into it; it calls nothing outside
//! itself.

pub mod change;
pub mod chart;
pub mod check;
pub mod decision;
pub mod error;
pub mod export;
pub mod format;
pub mod layout;
pub mod link;
pub mod locate;
pub mod mermaid;
pub mod model;
pub mod outline;
pub mod saved;
pub mod summary;
pub mod text;
pub mod validate;
pub mod viewport;
pub mod walk;
pub mod words;

pub use check::check;
pub use decision::{Action, Decision};
pub use error::{FlowError, FlowErrorKind, FlowErrors, JsonPath, Location, Place};
pub use format::RawFlow;
pub use model::{
    Answer, Choice, ChoiceId, ChoiceLabel, Flow, FlowId, Node, NodeId, NodeIx, NodeKind, Note, Outcome, Question,
};
pub use walk::{Alternative, EdgeState, NodeState, Position, Progress, Step, Walk};

/// The JSON text of the built-in flow, the article's "RAG or fine-tuning?".
pub const BUILTIN_FLOW_JSON: &str = include_str!("../../../static/flows/rag-vs-fine-tuning.json");

/// The id of the built-in flow, the default of the element's `flow` attribute.
pub const BUILTIN_FLOW_ID: &str = "rag-vs-fine-tuning";
