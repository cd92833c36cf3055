//! The editor page's checker, exported to JavaScript from its own wasm.
//!
//! The editor page (`static/editor/`) asks this module, on every pause in
//! typing, what is wrong with the draft; the engine decides, exactly as it
//! does when the widget loads a flow file, so the editor and the widget can
//! never disagree. The answers are plain serde types, turned into
//! JavaScript objects at the boundary; [`check`] is the same call natively,
//! for tests.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::engine::error::Place;
use crate::engine::{json, Flow, FlowErrors, RawFlow};

/// What the checker says about a draft: `{ valid, problems }` in JavaScript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Whether the draft is a flow the widget shows.
    pub valid: bool,
    /// Every problem found, in file order; empty when `valid`.
    pub problems: Vec<Problem>,
}

/// One problem in a draft, as the editor lists it and marks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Line of the problem, from 1; `None` when it concerns the whole flow
    /// rather than one place in the text.
    pub line: Option<u32>,
    /// Column on that line, from 1, in characters; `None` with `line`.
    pub column: Option<u32>,
    /// Where in the file's structure, such as `questions[2].yes`, when known.
    pub path: Option<String>,
    /// The node it is about, such as "question `style`"; `None` for the
    /// file or the flow as a whole.
    pub node: Option<String>,
    /// What is wrong, written for the flow's author.
    pub message: String,
}

/// Checks `text` as a flow file: not JSON, the wrong shape, or a flow the
/// engine refuses each give their problems.
pub fn check(text: &str) -> Report {
    let problems = match json::parse(text) {
        Err(error) => vec![Problem {
            line: Some(error.line),
            column: Some(error.column),
            path: None,
            node: None,
            message: format!("not valid JSON: {}", error.message),
        }],
        Ok(value) => match RawFlow::from_value(&value).and_then(Flow::try_from) {
            Ok(_) => Vec::new(),
            Err(errors) => problems_of(errors),
        },
    };
    Report {
        valid: problems.is_empty(),
        problems,
    }
}

fn problems_of(errors: FlowErrors) -> Vec<Problem> {
    errors
        .0
        .into_iter()
        .map(|error| {
            let node = match &error.place {
                Place::Flow => None,
                place => Some(place.to_string()),
            };
            // The error's own text begins with its place; the editor shows
            // the node in a column of its own.
            let message = error.to_string();
            let message = match &node {
                Some(node) => message
                    .strip_prefix(&format!("{node}: "))
                    .unwrap_or(&message)
                    .to_owned(),
                None => message.strip_prefix("flow: ").unwrap_or(&message).to_owned(),
            };
            Problem {
                line: None,
                column: None,
                path: None,
                node,
                message,
            }
        })
        .collect()
}

/// `checkFlow(text)`: `{ valid, problems: [{ line, column, path, node, message }] }`.
#[wasm_bindgen(js_name = checkFlow)]
pub fn check_flow(text: &str) -> Result<JsValue, JsError> {
    to_js(&check(text))
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    // Plain objects, not Maps, so the page reads `problem.line`; absent
    // values become `null`, which JSON and the page expect.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    Ok(value.serialize(&serializer)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_flow_has_no_problems() {
        let report = check(crate::engine::BUILTIN_FLOW_JSON);
        assert_eq!(
            report,
            Report {
                valid: true,
                problems: Vec::new()
            }
        );
    }

    #[test]
    fn broken_json_names_its_line_and_column() {
        let report = check("{\n  \"format\": 1,\n  \"id\": \n}");
        assert!(!report.valid);
        assert_eq!(report.problems.len(), 1);
        let problem = &report.problems[0];
        assert_eq!((problem.line, problem.column), (Some(4), Some(1)));
        assert_eq!(problem.node, None);
        assert!(problem.message.starts_with("not valid JSON"), "{}", problem.message);
    }

    #[test]
    fn a_problem_names_its_node_apart_from_its_message() {
        let text = crate::engine::BUILTIN_FLOW_JSON.replace("\"yes\": \"fine-tune\"", "\"yes\": \"nowhere\"");
        let report = check(&text);
        assert!(!report.valid);
        let problem = report
            .problems
            .iter()
            .find(|p| p.node.as_deref() == Some("question `style`"))
            .expect("a problem about question `style`");
        assert_eq!(problem.message, "answer `yes` leads to unknown node `nowhere`");
    }
}
