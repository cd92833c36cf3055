//! The Yew user interface: function components over one reducer.
//!
//! Components compute a small view model from engine types before `html!`,
//! so markup holds only bindings; every decision about the flow is the
//! engine's. Browser effects go through `crate::web`.

mod answers;
mod chart;
mod chart_control;
mod chart_shapes;
mod chart_text;
mod error_view;
mod export;
mod hooks;
mod outcome;
mod save_form;
mod saved;
mod section_link;
pub mod state;
mod takeaway;
mod widget;
mod wizard;

pub use error_view::LoadError;
pub use state::WidgetState;
pub use widget::{Widget, WidgetProps};

use std::cell::Cell;

/// A fingerprint of the sources the widget's markup comes from (see
/// `build.rs`): prerendered markup records it, and only a wasm built from
/// the same sources hydrates that markup.
pub const MARKUP_FINGERPRINT: &str = env!("DW_MARKUP_FINGERPRINT");

/// The name of a flow written in the page, in a `<script
/// type="application/json">` inside the element: `embed.js` mounts it with
/// this `source`, and markup prerendered from it records it as
/// `data-prerendered`.
pub const INLINE_FLOW: &str = "inline";

/// A fingerprint of a flow file's text: prerendered markup records the one
/// it was rendered from, and is hydrated only with the same file.
pub fn flow_fingerprint(text: &str) -> String {
    // FNV-1a: stable across machines and builds, as `build.rs` uses.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// A prefix for element ids that is unique per widget on the page, so that
/// several widgets never share an id.
pub(crate) fn next_instance_prefix() -> String {
    let n = NEXT_INSTANCE.with(|c| {
        let n = c.get();
        c.set(n.wrapping_add(1));
        n
    });
    format!("dw{n}-")
}
