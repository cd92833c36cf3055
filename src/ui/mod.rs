//! The Yew user interface: function components over one reducer.
//!
//! Components compute a small view model from engine types before `html!`,
//! so markup holds only bindings; every decision about the flow is the
//! engine's. Browser effects go through `crate::web`.

mod answers;
mod chart;
mod chart_text;
mod error_view;
mod export;
mod outcome;
mod saved;
mod section_link;
mod share;
pub mod state;
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
    let mut prefix = String::from("dw");
    crate::engine::layout::push_int(&mut prefix, n as i32);
    prefix.push('-');
    prefix
}

/// After the `refusals`-th refused copy (none while 0), focuses the field
/// behind `field` and selects its text for the reader to copy by hand.
#[yew::hook]
pub(crate) fn use_select_after_refusal(field: &yew::NodeRef, refusals: u32) {
    let field = field.clone();
    yew::use_effect_with(refusals, move |refused| {
        if *refused > 0 {
            crate::web::focus_and_select(&field);
        }
    });
}
