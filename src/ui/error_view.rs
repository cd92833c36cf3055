//! What the widget shows when its flow cannot be loaded: every problem, in
//! words an author can act on.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::words::Words;
use crate::engine::FlowErrors;

/// Why a flow could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// One line on what failed, naming the flow or file.
    pub headline: String,
    /// Each problem found, one per line.
    pub details: Vec<String>,
}

impl LoadError {
    /// The error for a flow file that failed validation, in `words`: each
    /// problem with its line and column in the file (the problems
    /// themselves are the checker's, in English, as the command line and
    /// the editor give them).
    pub fn invalid(source: &str, errors: &FlowErrors, words: &Words) -> LoadError {
        LoadError {
            headline: words.fill("error-problems", &[("source", source)]),
            details: errors
                .0
                .iter()
                .map(|e| match e.at {
                    Some(at) => words.fill(
                        "error-at",
                        &[
                            ("line", &words.number(at.line)),
                            ("column", &words.number(at.column)),
                            ("problem", &e.to_string()),
                        ],
                    ),
                    None => e.to_string(),
                })
                .collect(),
        }
    }
}

/// Properties of [`ErrorView`].
#[derive(Properties, PartialEq)]
pub struct ErrorViewProps {
    /// The error to show.
    pub error: Rc<LoadError>,
    /// The widget's words.
    pub words: Rc<Words>,
}

/// A visible, announced error in place of the widget.
#[component]
pub fn ErrorView(props: &ErrorViewProps) -> Html {
    html! {
        <section class="dw dw-error" role="alert" lang={props.words.lang().to_owned()} dir={props.words.dir().as_str()}>
            <h2 class="dw-title">{ props.words.get("error-title") }</h2>
            <p>{ &props.error.headline }</p>
            if !props.error.details.is_empty() {
                <ul class="dw-error-list">
                    { for props.error.details.iter().map(|d| html! { <li><code dir="auto">{ d }</code></li> }) }
                </ul>
            }
        </section>
    }
}
