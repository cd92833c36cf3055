//! The `decision-widget` command line, for flow authors and their CI, as a
//! library its tests and `main.rs` share: [`cli`] parses the arguments and
//! runs each command; [`prerender`] puts the widget and the outline for
//! readers without JavaScript into pages.

pub mod cli;
pub mod prerender;
