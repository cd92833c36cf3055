//! The browser edges: the page URL, storage, the clipboard and files, events
//! to the host page, dates, and measuring the page for the chart. Small
//! functions that never panic; a browser API that is missing or refuses
//! simply leaves things as they were.
//!
//! Listeners, timers and downloads go through gloo. Where gloo would throw
//! rather than return an error (`gloo_utils::window()` with no window, as
//! during server rendering; `gloo_storage::LocalStorage` in a sandboxed
//! frame), this module keeps a small safe wrapper of its own.

mod clipboard;
mod dates;
mod frame;
mod host;
mod json;
mod measure;
mod storage;
mod url;

pub use clipboard::{can_share, copy_text, download, print, share};
pub use dates::{local_date, now_ms, today_iso};
pub use frame::after_frame;
pub use host::{
    blur_target, dispatch, dispatch_summary, focus, focus_and_select, on_reduced_motion_change, prefers_reduced_motion,
    prepare_export, request_export, reveal_section, section_title, warn,
};
pub use json::{from_json, parse_flow, to_json};
pub use measure::{capture_pointer, element_box, observe_size, on_window, SizeObserver};
pub use storage::{load_saved, update_saved, SaveFailure, SavedLoad, SAVED_KEY};
pub use url::{article_url, link_to, location_fragment, on_hash_change, page_url, replace_fragment};

/// The browser window, or none while the widget is rendered to HTML on a
/// native target. (`gloo_utils::window()` would throw there instead.)
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}
