//! What the widget shows when its flow cannot be loaded: every problem, in
//! words an author can act on.

use std::rc::Rc;

use yew::prelude::*;

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
    /// The error for a flow file that failed validation: each problem
    /// with its line and column in the file.
    pub fn invalid(source: &str, errors: &FlowErrors) -> LoadError {
        LoadError {
            headline: format!("The flow {source} has problems:"),
            details: errors
                .0
                .iter()
                .map(|e| match e.at {
                    Some(at) => format!("Line {}, column {}: {e}", at.line, at.column),
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
}

/// A visible, announced error in place of the widget.
#[component]
pub fn ErrorView(props: &ErrorViewProps) -> Html {
    html! {
        <section class="dw dw-error" role="alert">
            <h2 class="dw-title">{ "This decision flow could not be shown" }</h2>
            <p>{ &props.error.headline }</p>
            if !props.error.details.is_empty() {
                <ul class="dw-error-list">
                    { for props.error.details.iter().map(|d| html! { <li><code>{ d }</code></li> }) }
                </ul>
            }
        </section>
    }
}
