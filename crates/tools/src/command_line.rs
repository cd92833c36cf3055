//! The package's command line under Node (`npm/bin/decision-widget.js`)
//! calls these, in the wasm built with the feature `command-line`
//! (`cli.js`): each returns what [`crate::cli`] says the command prints,
//! `{ stdout, stderr, code }`.

use wasm_bindgen::prelude::*;

use dw_engine::words::Table;
use dw_engine::BUILTIN_FLOW_ID;

use crate::{cli, to_js};

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
