//! The `decision-widget` command line, for flow authors and their CI:
//!
//! ```text
//! decision-widget check FILE…                 problems as FILE:LINE:COLUMN: message
//! decision-widget import-mermaid FILE         a flow file from a Mermaid flowchart
//! decision-widget prerender PAGE…             the widget and the no-JS outline into pages
//! decision-widget export --format F FILE      a decision as Markdown, JSON, text, SVG or Mermaid
//! ```
//!
//! Exit codes: 0 when all went well, 1 when a file has problems, 2 on
//! misuse (a missing file, an unknown option). A FILE of `-` is the
//! standard input.
//!
//! What `check`, `import-mermaid` and `export` print, and how misuse is
//! told, is written by [`dw_tools::cli`], which the package's command line
//! under Node runs too (in the tools' wasm); this one parses the arguments
//! with clap and reads the files. [`grammar`] is what that one needs of
//! clap's: the commands' options and help texts (`npm/bin/grammar.json`).

use std::ffi::OsString;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use serde::{Deserialize, Serialize};

use crate::prerender::{self, PageFlow};
use dw_engine::BUILTIN_FLOW_ID;
use dw_tools::cli::{self as shared, Output, Unreadable, UsageError};

/// Checks, imports, prerenders and exports decision flows for the
/// decision-widget.
#[derive(Parser, Debug)]
#[command(name = "decision-widget", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validates flow files (formats 1 and 2).
    ///
    /// Prints each problem as `FILE:LINE:COLUMN: message`, naming the
    /// question, choice or outcome. Exits 0 when every file is valid, 1
    /// when any is not, 2 when a file cannot be read.
    Check {
        /// The flow files (JSON); `-` for the standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to print the problems: lines for people and editors, JSON
        /// for machines, or annotations for GitHub Actions.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Turns a Mermaid flowchart into a flow file, printed on stdout.
    ///
    /// Questions are rhombus nodes `{…}`; outcomes are `[…]`, `(…)` or
    /// `([…])` nodes; answers are labelled edges (`-->|label|` or
    /// `-- label -->`). Edges labelled Yes and No make a yes/no question,
    /// other labels make choices. Problems are printed as
    /// `FILE:LINE: message` and exit 1; the flow printed always passes
    /// `check`.
    ImportMermaid {
        /// The Mermaid file (`.mmd`, or any text file); `-` for the standard
        /// input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The flow's id (default: from the file name).
        #[arg(long)]
        id: Option<String>,
        /// The flow's title (default: the chart's `title`, or the file name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Renders the widget into pages, as the release build does to the demo.
    ///
    /// In each page, `<!-- decision-widget:prerender -->` inside a
    /// `<decision-widget>` becomes the widget at the start of its flow (the
    /// element's `flow` attribute: a built-in id, or a flow file found next
    /// to the page; else the flow file inline in its `<script
    /// type="application/json">`), and `<!-- decision-widget:text -->`
    /// becomes an outline of that flow for readers without JavaScript.
    /// Pages are rewritten in place; run it on the copies you publish,
    /// beside `widget.css` and `isolation.css`.
    Prerender {
        /// The HTML pages.
        #[arg(required = true, value_name = "PAGE")]
        pages: Vec<PathBuf>,
        /// The flow file to use for a `flow` attribute that is a URL the
        /// page's folder does not hold (for example an absolute URL).
        #[arg(long, value_name = "FILE")]
        flow: Option<PathBuf>,
    },
    /// Writes a decision of a flow in one of the widget's export formats.
    Export {
        /// The format.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The flow file (JSON), the id of the built-in flow, or `-` for the
        /// standard input.
        #[arg(value_name = "FILE")]
        file: String,
        /// The decision: a share link or its code (`dw1/…`); none for the
        /// start of the flow.
        #[arg(long, value_name = "CODE")]
        answers: Option<String>,
        /// The page share links point at (for the link in the export).
        #[arg(long, value_name = "URL", default_value = "")]
        page: String,
        /// The date the Markdown and JSON exports give (YYYY-MM-DD).
        #[arg(long, default_value = "")]
        date: String,
        /// The language of the export's own words (headings, dates'
        /// labels, "what would change it"), a BCP 47 tag such as `de` or
        /// `pt-BR`; the flow's texts stay as written. English by default,
        /// and for a language the widget does not speak.
        #[arg(long, value_name = "LANG", default_value = "en")]
        lang: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// `FILE:LINE:COLUMN: message`, one problem a line.
    Text,
    /// One JSON document for all files.
    Json,
    /// `::error file=FILE,line=LINE,col=COLUMN::message`, GitHub Actions'
    /// annotations.
    Github,
}

impl From<CheckFormat> for shared::CheckFormat {
    fn from(format: CheckFormat) -> shared::CheckFormat {
        match format {
            CheckFormat::Text => shared::CheckFormat::Text,
            CheckFormat::Json => shared::CheckFormat::Json,
            CheckFormat::Github => shared::CheckFormat::Github,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// An architecture decision record.
    Markdown,
    /// The decision as data (schema `decision-widget/decision`).
    Json,
    /// A short message for chat.
    Text,
    /// The flowchart with the path lit.
    Svg,
    /// The flow as Mermaid source.
    Mermaid,
}

impl From<ExportFormat> for shared::ExportFormat {
    fn from(format: ExportFormat) -> shared::ExportFormat {
        match format {
            ExportFormat::Markdown => shared::ExportFormat::Markdown,
            ExportFormat::Json => shared::ExportFormat::Json,
            ExportFormat::Text => shared::ExportFormat::Text,
            ExportFormat::Svg => shared::ExportFormat::Svg,
            ExportFormat::Mermaid => shared::ExportFormat::Mermaid,
        }
    }
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => run(cli),
        Err(error) => emit(&misuse(&error, &args)),
    }
}

/// What the command line says when clap cannot parse `args`: clap's help
/// and version as clap writes them (help and version on stdout, exit 0;
/// help for no command at all on stderr, exit 2), and misuse in
/// [`shared::usage_error`]'s words, which the Node command line uses too.
fn misuse(error: &clap::Error, args: &[OsString]) -> Output {
    let clap_says = || Output {
        stdout: if error.use_stderr() {
            String::new()
        } else {
            error.to_string()
        },
        stderr: if error.use_stderr() {
            error.to_string()
        } else {
            String::new()
        },
        code: if error.use_stderr() { 2 } else { 0 },
    };
    let Some(usage_error) = usage_error(error) else {
        return clap_says();
    };
    // A command's misuse is of the command the first argument names; any
    // other is of the command line itself.
    let command = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|name| *name != "help" && Cli::command().find_subcommand(name).is_some());
    shared::usage_error(command, &usage_error, &usage(command))
}

/// clap's error as one of [`UsageError`]; `None` for help, version and the
/// kinds of error this command line's arguments cannot cause.
fn usage_error(error: &clap::Error) -> Option<UsageError> {
    let string = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let strings = |kind| match error.get(kind) {
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    Some(match error.kind() {
        ErrorKind::InvalidSubcommand => UsageError::UnknownCommand(string(ContextKind::InvalidSubcommand)?),
        ErrorKind::UnknownArgument => {
            let argument = string(ContextKind::InvalidArg)?;
            match argument.starts_with('-') && argument != "-" {
                true => UsageError::UnknownOption(argument),
                false => UsageError::UnexpectedArgument(argument),
            }
        }
        ErrorKind::InvalidValue => {
            let option = string(ContextKind::InvalidArg)?;
            let values = strings(ContextKind::ValidValue);
            match string(ContextKind::InvalidValue).unwrap_or_default() {
                value if value.is_empty() => UsageError::MissingValue { option, values },
                value => UsageError::InvalidValue { option, value, values },
            }
        }
        ErrorKind::MissingRequiredArgument => UsageError::Missing(strings(ContextKind::InvalidArg)),
        ErrorKind::ArgumentConflict => {
            let option = string(ContextKind::InvalidArg)?;
            match strings(ContextKind::PriorArg) == [option.clone()] {
                true => UsageError::Repeated(option),
                false => return None,
            }
        }
        _ => return None,
    })
}

/// The usage line of `command` (`None` for the command line itself), as
/// its help starts it: `Usage: decision-widget check [OPTIONS] <FILE>...`.
fn usage(command: Option<&str>) -> String {
    let mut cli = Cli::command();
    cli.build();
    let command = match command.and_then(|name| cli.find_subcommand_mut(name)) {
        Some(command) => command,
        None => &mut cli,
    };
    command.render_usage().to_string()
}

/// Prints `output` and ends with its code. A closed stdout (a pipe into
/// `head`) is no error of ours.
fn emit(output: &Output) -> ExitCode {
    let _ = std::io::stdout().lock().write_all(output.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(output.stderr.as_bytes());
    ExitCode::from(output.code)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let mut stdin = Stdin::default();
    let output = match cli.command {
        Command::Check { files, format } => check(&files, format, &mut stdin),
        Command::ImportMermaid { file, id, title } => import_mermaid(&file, id, title, &mut stdin),
        Command::Prerender { pages, flow } => prerender_pages(&pages, flow.as_deref()),
        Command::Export {
            format,
            file,
            answers,
            page,
            date,
            lang,
        } => export_decision(format, &file, answers, page, date, &lang, &mut stdin),
    };
    emit(&output)
}

/// The standard input, read once by the first `-` and given to every one.
#[derive(Default)]
struct Stdin(Option<Result<String, Unreadable>>);

impl Stdin {
    fn text(&mut self) -> Result<String, Unreadable> {
        self.0
            .get_or_insert_with(|| {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map(|_| text)
                    .map_err(|e| unreadable(&e))
            })
            .clone()
    }
}

/// The file `path` (`-`: the standard input), or what the command line
/// says when it cannot be read.
fn read(path: &Path, stdin: &mut Stdin) -> Result<String, Output> {
    let text = match path.as_os_str() == "-" {
        true => stdin.text(),
        false => std::fs::read_to_string(path).map_err(|e| unreadable(&e)),
    };
    text.map_err(|why| shared::unreadable(&path.display().to_string(), &why))
}

/// Why a read failed, by its kind, as the Node command line tells it too.
fn unreadable(error: &std::io::Error) -> Unreadable {
    match error.kind() {
        // A path through a file (`a.json/b.json`) names no file either.
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => Unreadable::NotFound,
        std::io::ErrorKind::PermissionDenied => Unreadable::PermissionDenied,
        std::io::ErrorKind::IsADirectory => Unreadable::IsADirectory,
        // What reading into a String says of bytes that are not UTF-8.
        std::io::ErrorKind::InvalidData => Unreadable::NotUtf8,
        _ => Unreadable::Other(error.to_string()),
    }
}

fn check(files: &[PathBuf], format: CheckFormat, stdin: &mut Stdin) -> Output {
    // Every file is read first, so a missing one is misuse before any
    // output.
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        match read(file, stdin) {
            Ok(text) => texts.push((file.display().to_string(), text)),
            Err(output) => return output,
        }
    }
    shared::check(&texts, format.into())
}

fn import_mermaid(file: &Path, id: Option<String>, title: Option<String>, stdin: &mut Stdin) -> Output {
    match read(file, stdin) {
        Ok(text) => shared::import_mermaid(&file.display().to_string(), &text, id.as_deref(), title.as_deref()),
        Err(output) => output,
    }
}

fn prerender_pages(pages: &[PathBuf], flow: Option<&Path>) -> Output {
    let given = match flow.map(|f| read(f, &mut Stdin::default())).transpose() {
        Ok(given) => given,
        Err(output) => return output,
    };
    let mut stderr = String::new();
    let mut failed = false;
    for page in pages {
        let html = match read(page, &mut Stdin::default()) {
            Ok(html) => html,
            Err(mut output) => {
                output.stderr.insert_str(0, &stderr);
                return output;
            }
        };
        let folder = page.parent().unwrap_or(Path::new("."));
        let flow_of = |attribute: Option<&str>| -> Result<PageFlow, String> {
            let attribute = attribute.map(str::trim).filter(|a| !a.is_empty());
            match attribute {
                None | Some(BUILTIN_FLOW_ID) => Ok(prerender::builtin()),
                Some(url) => {
                    let local = (!url.contains("://") && !url.starts_with("//"))
                        .then(|| folder.join(url.split(['?', '#']).next().unwrap_or(url)))
                        .filter(|p| p.is_file());
                    let text = match (local, &given) {
                        (Some(path), _) => {
                            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?
                        }
                        (None, Some(text)) => text.clone(),
                        (None, None) => {
                            return Err(format!(
                                "its widget's flow `{url}` is not a file beside the page; give it with --flow FILE"
                            ))
                        }
                    };
                    Ok(PageFlow {
                        attribute: url.to_owned(),
                        text,
                    })
                }
            }
        };
        match prerender::prerender(&html, &flow_of) {
            Ok(out) => {
                if let Err(e) = std::fs::write(page, out) {
                    let mut output = shared::unreadable(&page.display().to_string(), &Unreadable::Other(e.to_string()));
                    output.stderr.insert_str(0, &stderr);
                    return output;
                }
            }
            Err(why) => {
                stderr.push_str(&format!("{}: {why}\n", page.display()));
                failed = true;
            }
        }
    }
    Output {
        stderr,
        code: u8::from(failed),
        ..Output::default()
    }
}

fn export_decision(
    format: ExportFormat,
    file: &str,
    answers: Option<String>,
    page: String,
    date: String,
    lang: &str,
    stdin: &mut Stdin,
) -> Output {
    let text = match file {
        BUILTIN_FLOW_ID => dw_engine::BUILTIN_FLOW_JSON.to_owned(),
        path => match read(Path::new(path), stdin) {
            Ok(text) => text,
            Err(output) => return output,
        },
    };
    let request = shared::ExportRequest {
        answers,
        page,
        date,
        words: dw_intl::languages::table_for(lang),
    };
    shared::export(file, &text, format.into(), &request)
}

/// What the Node command line (`npm/bin/decision-widget.js`) needs of
/// clap's knowledge of this one, to parse the same arguments with Node's
/// own parser and print the same help: each command's options and
/// arguments, usage line and help texts, as clap writes them. The package
/// ships it as `bin/grammar.json`; `tests/it/cli.rs` keeps it current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Grammar {
    /// What `--version` prints.
    pub version: String,
    /// The command line itself (`help`, `--help`, `-h`).
    pub main: CommandGrammar,
    /// What it prints, on stderr, when given no command at all.
    pub no_command: String,
    /// Each command, in the help's order.
    pub commands: Vec<CommandGrammar>,
}

/// One command of [`Grammar`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommandGrammar {
    /// Its name, as typed (`check`); empty for the command line itself.
    pub name: String,
    /// Its usage line, `Usage: decision-widget check [OPTIONS] <FILE>...`.
    pub usage: String,
    /// What `-h` prints.
    pub help: String,
    /// What `--help` (and `help COMMAND`) prints.
    pub long_help: String,
    /// Its options that take a value (`--format`), besides `--help`.
    pub options: Vec<OptionGrammar>,
    /// Its positional arguments, in order.
    pub arguments: Vec<ArgumentGrammar>,
}

/// An option of a [`CommandGrammar`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionGrammar {
    /// Its long name without the dashes (`format`).
    pub long: String,
    /// How the help and the errors show it (`--format <FORMAT>`).
    pub shown: String,
    /// Whether the command needs it.
    pub required: bool,
    /// Its value when not given, if it has one.
    pub default: Option<String>,
    /// The values it takes; empty for any.
    pub values: Vec<String>,
}

/// A positional argument of a [`CommandGrammar`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArgumentGrammar {
    /// How the help and the errors show it (`<FILE>...`).
    pub shown: String,
    /// Whether the command needs it.
    pub required: bool,
    /// Whether it takes any number of values (`FILE…`).
    pub many: bool,
}

/// This command line's [`Grammar`].
pub fn grammar() -> Grammar {
    let mut cli = Cli::command();
    cli.build();
    let names: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|name| name != "help")
        .collect();
    let commands = names
        .iter()
        .filter_map(|name| cli.find_subcommand(name).map(|c| command_grammar(c, Some(name))))
        .collect();
    Grammar {
        version: says(&["--version"]),
        main: command_grammar(&cli, None),
        no_command: says(&[]),
        commands,
    }
}

/// What clap says to `args`: help, version or an error, as printed.
fn says(args: &[&str]) -> String {
    let args = std::iter::once("decision-widget").chain(args.iter().copied());
    match Cli::command().try_get_matches_from(args) {
        Ok(_) => String::new(),
        Err(error) => error.to_string(),
    }
}

fn command_grammar(command: &clap::Command, name: Option<&str>) -> CommandGrammar {
    let mut options = Vec::new();
    let mut arguments = Vec::new();
    for arg in command.get_arguments() {
        let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
        if !takes_values {
            // --help and --version, which the Node command line knows.
            continue;
        }
        match arg.get_long() {
            Some(long) => options.push(OptionGrammar {
                long: long.to_owned(),
                shown: arg.to_string(),
                required: arg.is_required_set(),
                default: arg
                    .get_default_values()
                    .first()
                    .map(|v| v.to_string_lossy().into_owned()),
                values: arg
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_owned())
                    .collect(),
            }),
            None => arguments.push(ArgumentGrammar {
                shown: arg.to_string(),
                required: arg.is_required_set(),
                many: arg.get_num_args().is_some_and(|n| n.max_values() > 1),
            }),
        }
    }
    let asked = |flag: &'static str| match name {
        Some(name) => says(&[name, flag]),
        None => says(&[flag]),
    };
    CommandGrammar {
        name: name.unwrap_or_default().to_owned(),
        usage: usage(name),
        help: asked("-h"),
        long_help: asked("--help"),
        options,
        arguments,
    }
}
