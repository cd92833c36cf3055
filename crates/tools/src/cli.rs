//! The command line's commands over files already read: what `check`,
//! `import-mermaid` and `export` print, on which stream, and with which
//! exit code, and how misuse is told.
//!
//! Two command lines share it: the native one (`src/cli.rs`, parsing its
//! arguments with clap) and the package's (`npm/bin/decision-widget.js`,
//! under Node, parsing them with `node:util` and calling this through the
//! tools' wasm). Each reads the files and parses the arguments its own way,
//! then hands the texts here and prints the [`Output`] as it is, so the two
//! print the same bytes and exit with the same code.
//!
//! Exit codes: 0 when all went well, 1 when a file has problems, 2 on
//! misuse (a file that cannot be read, an unknown option).

use std::fmt::Write as _;
use std::path::Path;
use std::rc::Rc;

use serde::Serialize;

use dw_engine::export::{self, ExportContext};
use dw_engine::mermaid;
use dw_engine::words::{language_for, Table, Words};
use dw_engine::{link, Decision, Flow, FlowError};

use crate::Problem;

/// What a command prints and how it ends: `{ stdout, stderr, code }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Output {
    /// The text for the standard output.
    pub stdout: String,
    /// The text for the standard error.
    pub stderr: String,
    /// The exit code: 0, 1 or 2.
    pub code: u8,
}

impl Output {
    /// Misuse: `decision-widget: message` on stderr, exit 2.
    fn misuse(message: &str) -> Output {
        Output {
            stderr: format!("decision-widget: {message}\n"),
            code: 2,
            ..Output::default()
        }
    }
}

/// Why a file could not be read. The command lines name the system's
/// error by its kind, so that both word it the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// No file of that name.
    NotFound,
    /// Not allowed to read it.
    PermissionDenied,
    /// A folder, not a file.
    IsADirectory,
    /// Its bytes are not UTF-8 text.
    NotUtf8,
    /// Anything else, in the system's words.
    Other(String),
}

impl Unreadable {
    /// The kind of a failed read by its name (`notFound`, `permissionDenied`,
    /// `isADirectory`, `notUtf8`); anything else is `detail`.
    pub fn from_kind(kind: &str, detail: &str) -> Unreadable {
        match kind {
            "notFound" => Unreadable::NotFound,
            "permissionDenied" => Unreadable::PermissionDenied,
            "isADirectory" => Unreadable::IsADirectory,
            "notUtf8" => Unreadable::NotUtf8,
            _ => Unreadable::Other(detail.to_owned()),
        }
    }
}

/// The file named `name` could not be read: misuse, naming it and why.
pub fn unreadable(name: &str, why: &Unreadable) -> Output {
    let why = match why {
        Unreadable::NotFound => "no such file",
        Unreadable::PermissionDenied => "not allowed to read it",
        Unreadable::IsADirectory => "a folder, not a file",
        Unreadable::NotUtf8 => "not UTF-8 text",
        Unreadable::Other(detail) => detail,
    };
    Output::misuse(&format!("{}: {why}", shown(name)))
}

/// The name a file is shown by: as given, and `<stdin>` for `-`, the
/// standard input.
pub fn shown(name: &str) -> &str {
    match name {
        "-" => "<stdin>",
        name => name,
    }
}

/// How `check` prints the problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    /// `FILE:LINE:COLUMN: message`, one problem a line.
    Text,
    /// One JSON document for all files.
    Json,
    /// GitHub Actions' annotations, `::error file=…,line=…,col=…::message`.
    Github,
}

impl CheckFormat {
    /// The format named `name` (`text`, `json`, `github`).
    pub fn named(name: &str) -> Option<CheckFormat> {
        match name {
            "text" => Some(CheckFormat::Text),
            "json" => Some(CheckFormat::Json),
            "github" => Some(CheckFormat::Github),
            _ => None,
        }
    }
}

/// One file's problems, for `--format json`.
#[derive(Serialize)]
struct JsonFile<'a> {
    file: &'a str,
    valid: bool,
    problems: Vec<JsonProblem>,
}

/// One problem, for `--format json`: [`Problem`] without its whole
/// sentence.
#[derive(Serialize)]
struct JsonProblem {
    line: u32,
    column: u32,
    path: String,
    node: Option<String>,
    message: String,
}

/// `check`: each file's problems (`files` are the names given and the texts
/// read), a summary on stderr, exit 1 when any file has a problem.
pub fn check(files: &[(String, String)], format: CheckFormat) -> Output {
    let results: Vec<(&str, Vec<Problem>)> = files
        .iter()
        .map(|(name, text)| {
            let problems = dw_engine::check(text)
                .err()
                .map(|e| e.0.iter().map(Problem::from).collect())
                .unwrap_or_default();
            (shown(name), problems)
        })
        .collect();
    let mut stdout = String::new();
    match format {
        CheckFormat::Text => {
            for (file, problems) in &results {
                for p in problems {
                    let _ = writeln!(stdout, "{file}:{}:{}: {}", p.line, p.column, p.text);
                }
            }
        }
        CheckFormat::Github => {
            for (file, problems) in &results {
                for p in problems {
                    let _ = writeln!(
                        stdout,
                        "::error file={},line={},col={}::{}",
                        github_property(file),
                        p.line,
                        p.column,
                        github_data(&p.text)
                    );
                }
            }
        }
        CheckFormat::Json => {
            let report: Vec<JsonFile> = results
                .iter()
                .map(|(file, problems)| JsonFile {
                    file,
                    valid: problems.is_empty(),
                    problems: problems
                        .iter()
                        .map(|p| JsonProblem {
                            line: p.line,
                            column: p.column,
                            path: p.path.clone(),
                            node: p.node.clone(),
                            message: p.message.clone(),
                        })
                        .collect(),
                })
                .collect();
            // Serialising strings, numbers and lists cannot fail.
            stdout = serde_json::to_string_pretty(&report).unwrap_or_default();
            stdout.push('\n');
        }
    }
    let failed = results.iter().filter(|(_, p)| !p.is_empty()).count();
    let files = plural(results.len(), "flow file", "flow files");
    let summary = match failed {
        0 => format!("{files} valid"),
        n => format!("{n} of {files} with problems"),
    };
    Output {
        stdout,
        stderr: format!("decision-widget check: {summary}\n"),
        code: u8::from(failed > 0),
    }
}

/// A GitHub Actions workflow command's message: `%`, CR and LF escaped.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A GitHub Actions workflow command's property value: as a message, and
/// `:` and `,` escaped too.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `import-mermaid`: the flow file, or each problem as `FILE:LINE: message`
/// and exit 1. The flow's id comes from `id`, else from the file's name;
/// its title from `title`, else the chart's, else the file's name.
pub fn import_mermaid(name: &str, text: &str, id: Option<&str>, title: Option<&str>) -> Output {
    let stem = match name {
        "-" => String::new(),
        name => Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let options = mermaid::Options {
        id: id.map_or_else(|| mermaid::slug(&stem, "flow"), str::to_owned),
        title: title.unwrap_or_default().to_owned(),
        fallback_title: stem,
    };
    match mermaid::import(text, &options) {
        Ok(flow) => Output {
            stdout: flow.to_json_pretty(),
            ..Output::default()
        },
        Err(problems) => {
            let mut stderr = String::new();
            for problem in problems {
                let _ = writeln!(stderr, "{}:{}: {}", shown(name), problem.line, problem.message);
            }
            Output {
                stderr,
                code: 1,
                ..Output::default()
            }
        }
    }
}

/// The language file (`lang/<code>.json`) that holds the exports' words for
/// the BCP 47 tag `tag`; `None` for English, and for a language the widget
/// does not speak, which it writes in English.
pub fn language_file(tag: &str) -> Option<&'static str> {
    language_for(tag).filter(|&language| language != "en")
}

/// `export`'s format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// An architecture decision record.
    Markdown,
    /// The decision as data.
    Json,
    /// A short message for chat.
    Text,
    /// The flowchart with the path lit.
    Svg,
    /// The flow as Mermaid source.
    Mermaid,
}

impl ExportFormat {
    /// The format named `name` (`markdown`, `json`, `text`, `svg`,
    /// `mermaid`).
    pub fn named(name: &str) -> Option<ExportFormat> {
        match name {
            "markdown" => Some(ExportFormat::Markdown),
            "json" => Some(ExportFormat::Json),
            "text" => Some(ExportFormat::Text),
            "svg" => Some(ExportFormat::Svg),
            "mermaid" => Some(ExportFormat::Mermaid),
            _ => None,
        }
    }
}

/// What `export` is asked besides the flow file.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// The decision: a share link or its code (`dw1/…`); `None` or blank
    /// for the start of the flow.
    pub answers: Option<String>,
    /// The page share links point at; empty for no link.
    pub page: String,
    /// The date the Markdown and JSON exports give.
    pub date: String,
    /// The exports' own words: the table of [`language_file`]'s file, or
    /// `None` for English.
    pub words: Option<Rc<Table>>,
}

/// `export`: the decision in `format`, or the flow file's problems as
/// `FILE:LINE:COLUMN: message` and exit 1; what a damaged share link lost
/// goes to stderr, and a code that is no share link at all is misuse.
pub fn export(name: &str, text: &str, format: ExportFormat, request: &ExportRequest) -> Output {
    let flow = match Flow::from_json(text) {
        Ok(flow) => flow,
        Err(errors) => {
            let mut stderr = String::new();
            for problem in &errors.0 {
                let (line, column) = line_column(problem);
                let _ = writeln!(stderr, "{}:{line}:{column}: {problem}", shown(name));
            }
            return Output {
                stderr,
                code: 1,
                ..Output::default()
            };
        }
    };
    let mut stderr = String::new();
    let decision = match request.answers.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => Decision::default(),
        Some(code) => {
            let code = code.rsplit_once('#').map_or(code, |(_, code)| code);
            let Some((decision, issues)) = link::open(&flow, code) else {
                return Output::misuse(&format!("--answers: `{code}` is not a decision link (dw1/…)"));
            };
            for issue in issues {
                let _ = writeln!(stderr, "decision-widget export: {issue}");
            }
            decision
        }
    };
    let walk = decision.walk(&flow);
    let words = Words::new(request.words.clone(), dw_intl::RULES).with_flow(&flow);
    let link = match request.page.as_str() {
        "" => String::new(),
        page => format!("{page}#{}", link::encode(&flow, &walk)),
    };
    let ctx = ExportContext {
        link: &link,
        page_url: &request.page,
        date: &request.date,
        words: &words,
    };
    let stdout = match format {
        ExportFormat::Markdown => export::markdown(&flow, &walk, &ctx),
        ExportFormat::Json => export::json(&flow, &walk, &ctx),
        ExportFormat::Text => export::plain_text(&flow, &walk, &ctx),
        ExportFormat::Svg => export::svg(&flow, &walk, &ctx),
        ExportFormat::Mermaid => export::mermaid(&flow, &walk, &ctx),
    };
    Output {
        stdout,
        stderr,
        code: 0,
    }
}

/// Where a problem is, 1:1 when the file has no place to point at (an
/// empty file).
fn line_column(problem: &FlowError) -> (u32, u32) {
    problem.at.map_or((1, 1), |at| (at.line, at.column))
}

/// A command line that cannot be run as given. Options and arguments are
/// named as the command's help shows them (`--format <FORMAT>`,
/// `<FILE>...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// A command the command line does not have.
    UnknownCommand(String),
    /// An option the command does not take (as given).
    UnknownOption(String),
    /// An argument beyond those the command takes.
    UnexpectedArgument(String),
    /// An option given without its value, and the values it takes (none
    /// for any).
    MissingValue { option: String, values: Vec<String> },
    /// A value the option does not take, and those it takes.
    InvalidValue {
        option: String,
        value: String,
        values: Vec<String>,
    },
    /// Arguments the command needs and was not given.
    Missing(Vec<String>),
    /// An option given more than once.
    Repeated(String),
}

impl UsageError {
    /// The error of kind `kind` (`unknownCommand`, `unknownOption`,
    /// `unexpectedArgument`, `missingValue`, `invalidValue`, `missing`,
    /// `repeated`) about `args` (what was given or is missing; an option
    /// and its value for `invalidValue`), with the `values` an option
    /// takes; `None` for another kind, or too few `args`.
    pub fn from_parts(kind: &str, mut args: Vec<String>, values: Vec<String>) -> Option<UsageError> {
        if kind == "missing" {
            return Some(UsageError::Missing(args));
        }
        let first = match args.is_empty() {
            true => return None,
            false => args.remove(0),
        };
        Some(match kind {
            "unknownCommand" => UsageError::UnknownCommand(first),
            "unknownOption" => UsageError::UnknownOption(first),
            "unexpectedArgument" => UsageError::UnexpectedArgument(first),
            "missingValue" => UsageError::MissingValue { option: first, values },
            "invalidValue" => UsageError::InvalidValue {
                option: first,
                value: args.pop()?,
                values,
            },
            "repeated" => UsageError::Repeated(first),
            _ => return None,
        })
    }
}

/// Misuse of `command` (`None` for the command line itself): what is
/// wrong, the command's usage (`Usage: decision-widget check …`, as its
/// help gives it), and where to read more; exit 2.
pub fn usage_error(command: Option<&str>, error: &UsageError, usage: &str) -> Output {
    let message = match error {
        UsageError::UnknownCommand(name) => format!("there is no command `{name}`"),
        UsageError::UnknownOption(option) => format!("unknown option `{option}`"),
        UsageError::UnexpectedArgument(argument) => format!("unexpected argument `{argument}`"),
        UsageError::MissingValue { option, values } => match values.is_empty() {
            true => format!("`{option}` needs a value"),
            false => format!("`{option}` needs a value: {}", values.join(", ")),
        },
        UsageError::InvalidValue { option, value, values } => {
            format!("`{option}` cannot be `{value}`; it takes {}", values.join(", "))
        }
        UsageError::Missing(arguments) => {
            let arguments: Vec<String> = arguments.iter().map(|a| format!("`{a}`")).collect();
            format!("missing {}", arguments.join(" and "))
        }
        UsageError::Repeated(option) => format!("`{option}` is given more than once"),
    };
    let name = match command {
        Some(command) => format!("decision-widget {command}"),
        None => String::from("decision-widget"),
    };
    Output {
        stderr: format!("{name}: {message}\n\n{usage}\n\nFor more, try `{name} --help`.\n"),
        code: 2,
        ..Output::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
    }

    const BROKEN: &str = r#"{ "format": 2, "id": "x", "version": 1, "title": "X", "start": "q",
  "questions": [{ "id": "q", "text": "Q?", "yes": "a", "no": "nowhere" }],
  "outcomes": [{ "id": "a", "title": "A", "summary": "A." }] }"#;

    #[test]
    fn check_names_the_standard_input_and_counts_files() {
        let out = check(&files(&[("-", BROKEN)]), CheckFormat::Text);
        assert_eq!(out.code, 1);
        assert!(out.stdout.starts_with("<stdin>:2:"), "{}", out.stdout);
        assert!(out.stdout.contains("`nowhere`"), "{}", out.stdout);
        assert_eq!(out.stderr, "decision-widget check: 1 of 1 flow file with problems\n");
    }

    #[test]
    fn github_annotations_escape_what_github_reads_as_syntax() {
        assert_eq!(github_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(github_property("a:b,c%.json"), "a%3Ab%2Cc%25.json");
        let out = check(&files(&[("flows/a,b.json", BROKEN)]), CheckFormat::Github);
        assert_eq!(out.code, 1);
        let line = out.stdout.lines().next().expect("an annotation");
        assert!(line.starts_with("::error file=flows/a%2Cb.json,line=2,col="), "{line}");
        assert!(line.contains("::question `q`: "), "{line}");
    }

    #[test]
    fn usage_errors_name_the_command_and_show_its_usage() {
        let out = usage_error(
            Some("check"),
            &UsageError::InvalidValue {
                option: "--format <FORMAT>".into(),
                value: "yaml".into(),
                values: vec!["text".into(), "json".into()],
            },
            "Usage: decision-widget check [OPTIONS] <FILE>...",
        );
        assert_eq!(out.code, 2);
        assert_eq!(
            out.stderr,
            "decision-widget check: `--format <FORMAT>` cannot be `yaml`; it takes text, json\n\n\
             Usage: decision-widget check [OPTIONS] <FILE>...\n\n\
             For more, try `decision-widget check --help`.\n"
        );
        assert_eq!(out.stdout, "");
    }

    #[test]
    fn unreadable_files_are_misuse_named_by_kind() {
        assert_eq!(
            unreadable("a.json", &Unreadable::from_kind("notFound", "ENOENT")).stderr,
            "decision-widget: a.json: no such file\n"
        );
        assert_eq!(
            unreadable("-", &Unreadable::from_kind("eio", "input/output error")),
            Output {
                stderr: "decision-widget: <stdin>: input/output error\n".into(),
                code: 2,
                ..Output::default()
            }
        );
    }

    #[test]
    fn a_mermaid_file_names_its_flow() {
        let chart = "flowchart TD\n  q{Tea?} -->|Yes| a[Tea]\n  q -->|No| b[Coffee]\n";
        let out = import_mermaid("charts/Hot drinks.v2.mmd", chart, None, None);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains(r#""id": "hot-drinks-v2""#), "{}", out.stdout);
        assert!(out.stdout.contains(r#""title": "Hot drinks.v2""#), "{}", out.stdout);
        let out = import_mermaid("-", chart, Some("tea"), None);
        assert!(out.stdout.contains(r#""id": "tea""#), "{}", out.stdout);
        assert!(
            out.stdout.contains(r#""title": "Imported flowchart""#),
            "{}",
            out.stdout
        );
    }

    #[test]
    fn the_language_file_of_a_tag() {
        assert_eq!(language_file("pt-BR"), Some("pt"));
        assert_eq!(language_file("en-GB"), None);
        assert_eq!(language_file("xx"), None);
    }
}
