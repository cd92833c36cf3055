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
//! misuse (a missing file, an unknown option).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::prerender::{self, PageFlow};
use dw_engine::export::{self, ExportContext};
use dw_engine::words::Words;
use dw_engine::{link, mermaid, Decision, Flow, FlowError, BUILTIN_FLOW_ID};

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
        /// The flow files (JSON).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to print the problems: lines for people and editors, or JSON
        /// for machines.
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
        /// The Mermaid file (`.mmd`, or any text file).
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
        /// The flow file (JSON), or the id of the built-in flow.
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

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout (exit 0), misuse to
            // stderr (exit 2).
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    run(cli)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check { files, format } => check(&files, format),
        Command::ImportMermaid { file, id, title } => import_mermaid(&file, id, title),
        Command::Prerender { pages, flow } => prerender_pages(&pages, flow.as_deref()),
        Command::Export {
            format,
            file,
            answers,
            page,
            date,
            lang,
        } => export_decision(format, &file, answers.as_deref(), &page, &date, &lang),
    };
    match result {
        Ok(code) => code,
        Err(Misuse(message)) => {
            eprintln!("decision-widget: {message}");
            ExitCode::from(2)
        }
    }
}

/// A command that could not run: a file that cannot be read or written.
struct Misuse(String);

fn read(path: &Path) -> Result<String, Misuse> {
    std::fs::read_to_string(path).map_err(|e| Misuse(format!("{}: {e}", path.display())))
}

/// One problem of one file, for `--format json`.
#[derive(Serialize)]
struct JsonProblem {
    line: u32,
    column: u32,
    path: String,
    node: Option<String>,
    message: String,
}

#[derive(Serialize)]
struct JsonFile {
    file: String,
    valid: bool,
    problems: Vec<JsonProblem>,
}

fn check(files: &[PathBuf], format: CheckFormat) -> Result<ExitCode, Misuse> {
    // Every file is read first, so a missing one is misuse before any
    // output.
    let texts = files.iter().map(|f| read(f)).collect::<Result<Vec<_>, _>>()?;
    let results: Vec<Vec<FlowError>> = texts
        .iter()
        .map(|text| dw_engine::check(text).err().map(|e| e.0).unwrap_or_default())
        .collect();
    let mut stdout = std::io::stdout().lock();
    match format {
        CheckFormat::Text => {
            for (file, problems) in files.iter().zip(&results) {
                for problem in problems {
                    let (line, column) = line_column(problem);
                    let _ = writeln!(stdout, "{}:{line}:{column}: {problem}", file.display());
                }
            }
        }
        CheckFormat::Json => {
            let report: Vec<JsonFile> = files
                .iter()
                .zip(&results)
                .map(|(file, problems)| JsonFile {
                    file: file.display().to_string(),
                    valid: problems.is_empty(),
                    problems: problems
                        .iter()
                        .map(|p| {
                            let (line, column) = line_column(p);
                            JsonProblem {
                                line,
                                column,
                                path: p.path.to_string(),
                                node: p.node(),
                                message: p.detail(),
                            }
                        })
                        .collect(),
                })
                .collect();
            let _ = serde_json::to_writer_pretty(&mut stdout, &report);
            let _ = writeln!(stdout);
        }
    }
    let failed = results.iter().filter(|p| !p.is_empty()).count();
    let summary = match failed {
        0 => format!("{} valid", plural(files.len(), "flow file", "flow files")),
        n => format!(
            "{n} of {} with problems",
            plural(files.len(), "flow file", "flow files")
        ),
    };
    eprintln!("decision-widget check: {summary}");
    Ok(ExitCode::from(u8::from(failed > 0)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Where a problem is, 1:1 when the file has no place to point at (an
/// empty file).
fn line_column(problem: &FlowError) -> (u32, u32) {
    problem.at.map_or((1, 1), |at| (at.line, at.column))
}

fn import_mermaid(file: &Path, id: Option<String>, title: Option<String>) -> Result<ExitCode, Misuse> {
    let text = read(file)?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = mermaid::Options {
        id: id.unwrap_or_else(|| mermaid::slug(&stem, "flow")),
        title: title.unwrap_or_default(),
        fallback_title: stem,
    };
    match mermaid::import(&text, &options) {
        Ok(flow) => {
            print!("{}", flow.to_json_pretty());
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("{}:{}: {}", file.display(), problem.line, problem.message);
            }
            Ok(ExitCode::from(1))
        }
    }
}

fn prerender_pages(pages: &[PathBuf], flow: Option<&Path>) -> Result<ExitCode, Misuse> {
    let given = flow.map(read).transpose()?;
    let mut failed = false;
    for page in pages {
        let html = read(page)?;
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
            Ok(out) => std::fs::write(page, out).map_err(|e| Misuse(format!("{}: {e}", page.display())))?,
            Err(why) => {
                eprintln!("{}: {why}", page.display());
                failed = true;
            }
        }
    }
    Ok(ExitCode::from(u8::from(failed)))
}

fn export_decision(
    format: ExportFormat,
    file: &str,
    answers: Option<&str>,
    page: &str,
    date: &str,
    lang: &str,
) -> Result<ExitCode, Misuse> {
    let text = match file {
        BUILTIN_FLOW_ID => dw_engine::BUILTIN_FLOW_JSON.to_owned(),
        path => read(Path::new(path))?,
    };
    let flow = match Flow::from_json(&text) {
        Ok(flow) => flow,
        Err(errors) => {
            for problem in &errors.0 {
                let (line, column) = line_column(problem);
                eprintln!("{file}:{line}:{column}: {problem}");
            }
            return Ok(ExitCode::from(1));
        }
    };
    let decision = match answers.map(str::trim).filter(|a| !a.is_empty()) {
        None => Decision::default(),
        Some(code) => {
            let code = code.rsplit_once('#').map_or(code, |(_, code)| code);
            let Some((decision, issues)) = link::open(&flow, code) else {
                return Err(Misuse(format!("--answers: `{code}` is not a decision link (dw1/…)")));
            };
            for issue in issues {
                eprintln!("decision-widget export: {issue}");
            }
            decision
        }
    };
    let walk = decision.walk(&flow);
    let words = Words::new(dw_intl::languages::table_for(lang), dw_intl::RULES).with_flow(&flow);
    let fragment = link::encode(&flow, &walk);
    let link = if page.is_empty() {
        String::new()
    } else {
        format!("{page}#{fragment}")
    };
    let ctx = ExportContext {
        link: &link,
        page_url: page,
        date,
        words: &words,
    };
    let out = match format {
        ExportFormat::Markdown => export::markdown(&flow, &walk, &ctx),
        ExportFormat::Json => export::json(&flow, &walk, &ctx),
        ExportFormat::Text => export::plain_text(&flow, &walk, &ctx),
        ExportFormat::Svg => export::svg(&flow, &walk, &ctx),
        ExportFormat::Mermaid => export::mermaid(&flow, &walk, &ctx),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
