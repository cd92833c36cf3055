//! Authors' tools: what checks, imports and previews a flow before it is
//! published. None of it is in the reader's widget.

#[cfg(feature = "editor")]
pub mod editor;
