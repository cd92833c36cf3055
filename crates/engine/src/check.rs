//! Checking a flow file: read it, validate it, and place every problem on
//! its line. The command line, the editor and a widget explaining a broken
//! file all say what this says. (The widget reads a flow file with the
//! browser's JSON parser, `web::parse_flow`, and the same validation.)

use super::error::FlowErrors;
use super::format::RawFlow;
use super::locate::locate;
use super::model::Flow;

/// Reads and validates a flow file's text. On failure, every problem has
/// its line and column, and the problems are in file order.
pub fn check(text: &str) -> Result<Flow, FlowErrors> {
    // A byte order mark, as some editors write, is no part of the JSON;
    // columns are counted as editors show them, without it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw = RawFlow::parse(text)?;
    Flow::try_from(raw).map_err(|FlowErrors(mut errors)| {
        for error in &mut errors {
            error.at = error.at.or_else(|| locate(text, &error.path));
        }
        // Stable, so problems at one place keep validation's order.
        errors.sort_by_key(|e| e.at.map_or((u32::MAX, u32::MAX), |at| (at.line, at.column)));
        FlowErrors(errors)
    })
}

impl Flow {
    /// Reads and validates a flow file: [`check`].
    pub fn from_json(text: &str) -> Result<Flow, FlowErrors> {
        check(text)
    }
}
