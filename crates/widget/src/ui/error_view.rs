//! What the widget shows when its flow cannot be loaded: every problem, in
//! words an author can act on.

use yew::prelude::*;

use dw_engine::words::Words;
use dw_engine::FlowErrors;

/// Why a flow could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// One line on what failed, naming the flow or file.
    pub headline: String,
    /// Each problem found, one per line.
    pub details: Vec<String>,
}

impl LoadError {
    /// The error for a flow file that failed validation, in `words`: the
    /// place of each problem in the file (`questions[2].yes`). What is
    /// wrong there, in the checker's words with line and column, comes from
    /// the engine's tools, which `embed.js` asks next; the widget does not
    /// carry every message of the checker, only its places.
    pub fn invalid(source: &str, errors: &FlowErrors, words: &Words) -> LoadError {
        LoadError {
            // A flow written in the page has no file name to give.
            headline: match source {
                super::INLINE_FLOW => words.get("error-inline-problems").to_owned(),
                _ => words.fill("error-problems", &[("source", source)]),
            },
            details: errors
                .0
                .iter()
                .map(|e| e.path.to_string())
                .filter(|path| !path.is_empty())
                .collect(),
        }
    }
}

/// A visible, announced error in place of the widget, in `words`. (A view
/// function: it holds no state.)
pub fn error_view(error: &LoadError, words: &Words) -> Html {
    html! {
        <section class="dw dw-error" role="alert" lang={words.lang().to_owned()} dir={words.dir().as_str()}>
            <h2 class="dw-title">{ words.get("error-title") }</h2>
            <p>{ &error.headline }</p>
            if !error.details.is_empty() {
                <ul class="dw-error-list">
                    { for error.details.iter().map(|d| html! { <li><code dir="auto">{ d }</code></li> }) }
                </ul>
            }
        </section>
    }
}
