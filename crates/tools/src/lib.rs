//! The engine's tools, exported to JavaScript from a WebAssembly of their
//! own (`tools.js`): checking flow files, importing Mermaid, and writing a
//! decision's exports.
//!
//! The editor page asks it, on every pause in typing, what is wrong with
//! the draft, and turns pasted Mermaid into a flow. The widget loads it
//! only when it needs it: to tell an author each problem of a flow file it
//! cannot show, with its line and node, and to write an export a reader
//! asked for. The engine decides in every case, exactly as the command line
//! does, so they never disagree. Answers cross to JavaScript as plain
//! objects.
//!
//! With the feature `command-line`, the crate also holds what the command
//! lines print: [`cli`] writes what `check`, `import-mermaid` and `export`
//! print, for the native command line and for the package's under Node
//! (`npm/bin/decision-widget.js`), which runs it in a wasm of its own
//! (`cli.js`: the `run…` functions, `unreadable` and `usageError`). The
//! wasm the editor and the widget load (`tools.js`) is built without it,
//! so a reader's export never downloads the command line.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use dw_engine::export::{self, ExportContext};
use dw_engine::mermaid::{self, Options};
use dw_engine::words::{Table, Words};
use dw_engine::{check, link, Decision, Flow, FlowError};

#[cfg(feature = "command-line")]
pub mod cli;
#[cfg(feature = "command-line")]
mod command_line;

/// What the checker says about a draft: `{ valid, problems }`.
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
    /// Line of the problem, from 1.
    pub line: u32,
    /// Column on that line, from 1, in characters.
    pub column: u32,
    /// Where in the file's structure, such as `questions[2].yes`; empty
    /// for the file as a whole.
    pub path: String,
    /// The node it is about, such as "question `style`"; `None` for the
    /// file or the flow as a whole.
    pub node: Option<String>,
    /// What is wrong, without the node.
    pub message: String,
    /// The whole sentence, naming the node: what the widget shows.
    pub text: String,
}

impl From<&FlowError> for Problem {
    fn from(error: &FlowError) -> Problem {
        // A problem with no place in the text (an empty file) is at its start.
        let (line, column) = error.at.map_or((1, 1), |at| (at.line, at.column));
        Problem {
            line,
            column,
            path: error.path.to_string(),
            node: error.node(),
            message: error.detail(),
            text: error.to_string(),
        }
    }
}

/// What an import gives: `{ json, problems }`, the flow file's text or why
/// there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Import {
    /// The flow file, pretty-printed, when the import worked.
    pub json: Option<String>,
    /// Each problem with its line in the Mermaid text.
    pub problems: Vec<ImportProblem>,
}

/// A problem with a Mermaid flowchart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    /// The line, from 1.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

/// `checkFlow(text)`: `{ valid, problems: [{ line, column, path, node,
/// message, text }] }`.
#[wasm_bindgen(js_name = checkFlow)]
pub fn check_flow(text: &str) -> Result<JsValue, JsError> {
    let problems: Vec<Problem> = match check(text) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0.iter().map(Problem::from).collect(),
    };
    to_js(&Report {
        valid: problems.is_empty(),
        problems,
    })
}

/// `explainFlow(text, words)`: each problem of the flow file `text`, with
/// its line, column and node, worded as the widget shows it in place of a
/// flow it cannot show ("Line 3, column 5: question `style`: …"), in the
/// language of `words` (a language file's `{ lang, words }`, or `null` for
/// English). Empty for a valid flow; throws for words that cannot be read.
#[wasm_bindgen(js_name = explainFlow)]
pub fn explain_flow(text: &str, words: JsValue) -> Result<Vec<String>, JsError> {
    let table: Option<Table> = match words.is_undefined() || words.is_null() {
        true => None,
        false => Some(serde_wasm_bindgen::from_value(words)?),
    };
    let words = Words::new(table.map(std::rc::Rc::new), dw_intl::RULES);
    let Err(errors) = check(text) else {
        return Ok(Vec::new());
    };
    Ok(errors
        .0
        .iter()
        .map(|error| {
            let problem = Problem::from(error);
            let (line, column) = (words.number(problem.line), words.number(problem.column));
            words.fill(
                "error-at",
                &[("line", &line), ("column", &column), ("problem", &problem.text)],
            )
        })
        .collect())
}

/// `importMermaid(text)`: `{ json, problems: [{ line, message }] }`.
#[wasm_bindgen(js_name = importMermaid)]
pub fn import_mermaid(text: &str) -> Result<JsValue, JsError> {
    let options = Options {
        id: String::from("imported-flow"),
        title: String::new(),
        fallback_title: String::from("Imported flowchart"),
    };
    let import = match mermaid::import(text, &options) {
        Ok(flow) => Import {
            json: Some(flow.to_json_pretty()),
            problems: Vec::new(),
        },
        Err(problems) => Import {
            json: None,
            problems: problems
                .into_iter()
                .map(|p| ImportProblem {
                    line: p.line,
                    message: p.message,
                })
                .collect(),
        },
    };
    to_js(&import)
}

/// What an export needs besides the flow and the decision:
/// `{ link, pageUrl, date, words }`, each optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ExportOptions {
    /// The share link that reopens the decision.
    link: String,
    /// The article's URL, for links to its sections.
    page_url: String,
    /// The date the Markdown and JSON exports give (`YYYY-MM-DD`).
    date: String,
    /// The reader's language file (`lang/<lang>.json`, read with
    /// `JSON.parse`), for the exports' own words; English without it.
    words: Option<Table>,
}

/// `exportDecision(flowText, code, format, options)`: the decision whose
/// share-link code is `code`, in the flow file `flowText`, written as
/// `format` (`markdown`, `json`, `text`, `svg` or `mermaid`), exactly as the
/// command line's `export` writes it, with its own words in the language of
/// `options.words`. Throws for a flow file that is not valid, a language
/// file that cannot be read, or a format it does not know.
#[wasm_bindgen(js_name = exportDecision)]
pub fn export_decision(flow_text: &str, code: &str, format: &str, options: JsValue) -> Result<String, JsError> {
    let options: ExportOptions = match options.is_undefined() || options.is_null() {
        true => ExportOptions::default(),
        false => serde_wasm_bindgen::from_value(options)?,
    };
    let flow = Flow::from_json(flow_text).map_err(|e| JsError::new(&e.to_string()))?;
    let decision = link::open(&flow, code).map_or_else(Decision::default, |(decision, _)| decision);
    let walk = decision.walk(&flow);
    let words = Words::new(options.words.map(std::rc::Rc::new), dw_intl::RULES).with_flow(&flow);
    let ctx = ExportContext {
        link: &options.link,
        page_url: &options.page_url,
        date: &options.date,
        words: &words,
    };
    Ok(match format {
        "markdown" => export::markdown(&flow, &walk, &ctx),
        "json" => export::json(&flow, &walk, &ctx),
        "text" => export::plain_text(&flow, &walk, &ctx),
        "svg" => export::svg(&flow, &walk, &ctx),
        "mermaid" => export::mermaid(&flow, &walk, &ctx),
        other => return Err(JsError::new(&format!("no export format `{other}`"))),
    })
}

pub(crate) fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    // Plain objects, not Maps, so the page reads `problem.line`; absent
    // values become `null`.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    Ok(value.serialize(&serializer)?)
}
