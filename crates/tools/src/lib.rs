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
//! The package's command line (`npm/bin/decision-widget.js`, under Node)
//! runs its commands here too: [`cli`] writes what `check`,
//! `import-mermaid` and `export` print, for it and for the native command
//! line alike (the `run…` functions, `unreadable` and `usageError`).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use dw_engine::export::{self, ExportContext};
use dw_engine::mermaid::{self, Options};
use dw_engine::words::{Table, Words};
use dw_engine::{check, link, Decision, Flow, FlowError, BUILTIN_FLOW_ID};

pub mod cli;

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

/// `runCheck(names, texts, format)`: what `decision-widget check` prints
/// for the files named `names` (`-` for the standard input) whose texts are
/// `texts`, in `format` (`text`, `json` or `github`): `{ stdout, stderr,
/// code }`.
#[wasm_bindgen(js_name = runCheck)]
pub fn run_check(names: Vec<String>, texts: Vec<String>, format: &str) -> Result<JsValue, JsError> {
    let format = cli::CheckFormat::named(format).ok_or_else(|| JsError::new(&format!("no check format `{format}`")))?;
    let files: Vec<(String, String)> = names.into_iter().zip(texts).collect();
    to_js(&cli::check(&files, format))
}

/// `runImportMermaid(name, text, id, title)`: what `decision-widget
/// import-mermaid` prints for the Mermaid file `name` whose text is `text`,
/// with the `--id` and `--title` given (or `undefined`): `{ stdout, stderr,
/// code }`.
#[wasm_bindgen(js_name = runImportMermaid)]
pub fn run_import_mermaid(
    name: &str,
    text: &str,
    id: Option<String>,
    title: Option<String>,
) -> Result<JsValue, JsError> {
    to_js(&cli::import_mermaid(name, text, id.as_deref(), title.as_deref()))
}

/// `runExport(name, text, format, answers, page, date, words)`: what
/// `decision-widget export` prints for the flow file `name` whose text is
/// `text`, with `--format`, `--answers` (or `undefined`), `--page` and
/// `--date` as given and the words of the language file `languageFile`
/// names (its `{ lang, words }`, or `null` for English): `{ stdout, stderr,
/// code }`.
#[wasm_bindgen(js_name = runExport)]
pub fn run_export(
    name: &str,
    text: &str,
    format: &str,
    answers: Option<String>,
    page: String,
    date: String,
    words: JsValue,
) -> Result<JsValue, JsError> {
    let format =
        cli::ExportFormat::named(format).ok_or_else(|| JsError::new(&format!("no export format `{format}`")))?;
    let words: Option<Table> = match words.is_undefined() || words.is_null() {
        true => None,
        false => Some(serde_wasm_bindgen::from_value(words)?),
    };
    let request = cli::ExportRequest {
        answers,
        page,
        date,
        words: words.map(std::rc::Rc::new),
    };
    to_js(&cli::export(name, text, format, &request))
}

/// `languageFile(tag)`: the language whose file (`lang/<code>.json`) holds
/// `export --lang tag`'s words; `undefined` for English and for a language
/// the widget does not speak.
#[wasm_bindgen(js_name = languageFile)]
pub fn language_file(tag: &str) -> Option<String> {
    cli::language_file(tag).map(str::to_owned)
}

/// `builtinFlow()`: the id of the built-in flow, which `export` takes in
/// place of a file (its file is `flows/<id>.json`).
#[wasm_bindgen(js_name = builtinFlow)]
pub fn builtin_flow() -> String {
    BUILTIN_FLOW_ID.to_owned()
}

/// `unreadable(name, kind, detail)`: what the command line prints when the
/// file `name` cannot be read, by the kind of the failure (`notFound`,
/// `permissionDenied`, `isADirectory`, `notUtf8`, else the system's
/// `detail`): `{ stdout, stderr, code }`.
#[wasm_bindgen]
pub fn unreadable(name: &str, kind: &str, detail: &str) -> Result<JsValue, JsError> {
    to_js(&cli::unreadable(name, &cli::Unreadable::from_kind(kind, detail)))
}

/// `usageError(command, usage, kind, args, values)`: what the command line
/// prints when `command` (`undefined` for none) is misused, with its usage
/// line `usage`. `kind` is `unknownCommand`, `unknownOption` or
/// `unexpectedArgument` (`args`: what was given), `missingValue` (`args`:
/// the option; `values`: those it takes), `invalidValue` (`args`: the
/// option and the value; `values`), `missing` (`args`: what is missing) or
/// `repeated` (`args`: the option): `{ stdout, stderr, code }`.
#[wasm_bindgen(js_name = usageError)]
pub fn usage_error(
    command: Option<String>,
    usage: &str,
    kind: &str,
    args: Vec<String>,
    values: Vec<String>,
) -> Result<JsValue, JsError> {
    let error = cli::UsageError::from_parts(kind, args, values)
        .ok_or_else(|| JsError::new(&format!("no usage error `{kind}` with those arguments")))?;
    to_js(&cli::usage_error(command.as_deref(), &error, usage))
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    // Plain objects, not Maps, so the page reads `problem.line`; absent
    // values become `null`.
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    Ok(value.serialize(&serializer)?)
}
