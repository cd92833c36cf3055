//! The `decision-widget` command line, run as a program on real files in
//! `tests/fixtures/`: what it prints, where, and its exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dw_engine::check;
use serde_json::Value;

/// Runs the command line with `args` from the repository's root.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_decision-widget"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the command line runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 on stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 on stderr")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code")
}

/// A scratch copy of `tests/fixtures/` the test may change.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dw-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for entry in std::fs::read_dir("tests/fixtures").expect("the fixtures") {
        let path = entry.expect("a fixture").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copied");
    }
    dir
}

#[test]
fn check_is_quiet_and_succeeds_on_valid_files() {
    let out = run(&[
        "check",
        "tests/fixtures/good.json",
        "static/flows/rag-vs-fine-tuning.json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("2 flow files valid"), "{}", stderr(&out));
}

#[test]
fn check_names_file_line_column_and_node_for_each_problem() {
    let out = run(&["check", "tests/fixtures/good.json", "tests/fixtures/broken.json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "tests/fixtures/broken.json:13:17: question `time`: choice id `morning` is used by another choice of this question too\n\
         tests/fixtures/broken.json:14:35: question `time`: the `label` of choice `night` is empty\n\
         tests/fixtures/broken.json:14:47: question `time`: answer `night` leads to unknown node `bed`\n\
         tests/fixtures/broken.json:17:5: question `milk`: answer `no` is missing; a yes/no question needs both `yes` and `no`\n"
    );
    assert!(
        stderr(&out).contains("1 of 2 flow files with problems"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_places_a_json_syntax_error() {
    let out = run(&["check", "tests/fixtures/not-json.json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "tests/fixtures/not-json.json:6:1: the file is not valid JSON: a comma must not follow the last item (JSON has no trailing commas)\n"
    );
}

#[test]
fn check_speaks_json_for_machines() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/good.json",
        "tests/fixtures/broken.json",
    ]);
    assert_eq!(code(&out), 1);
    let report: Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(report[0]["file"], "tests/fixtures/good.json");
    assert_eq!(report[0]["valid"], true);
    assert_eq!(report[0]["problems"], Value::Array(Vec::new()));
    let problem = &report[1]["problems"][2];
    assert_eq!(report[1]["valid"], false);
    assert_eq!(problem["line"], 14);
    assert_eq!(problem["column"], 47);
    assert_eq!(problem["path"], "questions[0].choices[2].next");
    assert_eq!(problem["node"], "question `time`");
    assert_eq!(problem["message"], "answer `night` leads to unknown node `bed`");
}

#[test]
fn misuse_exits_2_and_says_why() {
    let missing = run(&["check", "tests/fixtures/good.json", "tests/fixtures/no-such-file.json"]);
    assert_eq!(code(&missing), 2);
    assert_eq!(stdout(&missing), "", "nothing is checked when a file is missing");
    assert!(
        stderr(&missing).contains("tests/fixtures/no-such-file.json"),
        "{}",
        stderr(&missing)
    );

    assert_eq!(
        stderr(&missing),
        "decision-widget: tests/fixtures/no-such-file.json: no such file\n"
    );

    let unknown = run(&["check", "--strict", "tests/fixtures/good.json"]);
    assert_eq!(code(&unknown), 2);
    assert_eq!(
        stderr(&unknown),
        "decision-widget check: unknown option `--strict`\n\n\
         Usage: decision-widget check [OPTIONS] <FILE>...\n\n\
         For more, try `decision-widget check --help`.\n"
    );
    let twice = run(&["check", "--format", "json", "--format=text", "tests/fixtures/good.json"]);
    assert_eq!(code(&twice), 2);
    assert!(
        stderr(&twice).starts_with("decision-widget check: `--format <FORMAT>` is given more than once\n"),
        "{}",
        stderr(&twice)
    );
    let value = run(&["check", "--format", "yaml", "tests/fixtures/good.json"]);
    assert!(
        stderr(&value)
            .starts_with("decision-widget check: `--format <FORMAT>` cannot be `yaml`; it takes text, json, github\n"),
        "{}",
        stderr(&value)
    );
    let folder = run(&["check", "tests/fixtures"]);
    assert_eq!(code(&folder), 2);
    assert_eq!(
        stderr(&folder),
        "decision-widget: tests/fixtures: a folder, not a file\n"
    );

    for args in [&["check"][..], &["export", "tests/fixtures/good.json"], &["frobnicate"]] {
        assert_eq!(code(&run(args)), 2, "{args:?}");
    }
}

#[test]
fn every_command_has_help() {
    for command in ["check", "import-mermaid", "prerender", "export"] {
        let out = run(&[command, "--help"]);
        assert_eq!(code(&out), 0, "{command}");
        assert!(
            stdout(&out).contains(&format!("Usage: decision-widget {command}")),
            "{command}: {}",
            stdout(&out)
        );
    }
    let out = run(&["--help"]);
    assert_eq!(code(&out), 0);
    for command in ["check", "import-mermaid", "prerender", "export"] {
        assert!(stdout(&out).contains(command), "{command} is listed");
    }
}

#[test]
fn check_annotates_for_github_actions() {
    let out = run(&[
        "check",
        "--format",
        "github",
        "tests/fixtures/good.json",
        "tests/fixtures/broken.json",
    ]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "one annotation a problem: {lines:?}");
    assert_eq!(
        lines[2],
        "::error file=tests/fixtures/broken.json,line=14,col=47::question `time`: answer `night` leads to unknown node `bed`"
    );
    assert!(stderr(&out).contains("1 of 2 flow files with problems"));
}

#[test]
fn a_file_of_dash_is_the_standard_input() {
    let text = std::fs::read_to_string("tests/fixtures/broken.json").expect("broken.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_decision-widget"))
        .args(["check", "-", "tests/fixtures/good.json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the command line starts");
    std::io::Write::write_all(&mut child.stdin.take().expect("its stdin"), text.as_bytes()).expect("written");
    let out = child.wait_with_output().expect("it ends");
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).starts_with("<stdin>:13:17: question `time`: "),
        "{}",
        stdout(&out)
    );
}

/// `npm/bin/grammar.json`, the grammar and help texts the package's command
/// line under Node parses and prints by, is this command line's: written
/// again by `DW_WRITE_GRAMMAR=1 cargo test --test it grammar`.
#[test]
fn the_node_command_line_has_this_grammar() {
    let grammar = decision_widget::cli::grammar();
    let text = serde_json::to_string_pretty(&grammar).expect("a grammar is JSON") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/bin/grammar.json");
    if std::env::var_os("DW_WRITE_GRAMMAR").is_some() {
        std::fs::write(&path, &text).expect("npm/bin/grammar.json written");
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == text,
        "npm/bin/grammar.json is not this command line's grammar: write it with DW_WRITE_GRAMMAR=1 cargo test --test it grammar"
    );
    // The texts in it are what this command line prints.
    let check = grammar.commands.iter().find(|c| c.name == "check").expect("check");
    assert_eq!(stdout(&run(&["check", "--help"])), check.long_help);
    assert_eq!(stdout(&run(&["check", "-h"])), check.help);
    assert_eq!(stdout(&run(&["help", "check"])), check.long_help);
    assert_eq!(stdout(&run(&["--help"])), grammar.main.long_help);
    assert_eq!(stdout(&run(&["--version"])), grammar.version);
    assert_eq!(stderr(&run(&[])), grammar.no_command, "no command: the help, on stderr");
    assert_eq!(stdout(&run(&["help"])), grammar.main.long_help);
    let format = &check.options[0];
    assert_eq!(format.shown, "--format <FORMAT>");
    assert_eq!(format.values, ["text", "json", "github"]);
    assert_eq!(format.default.as_deref(), Some("text"));
    assert_eq!(check.arguments[0].shown, "<FILE>...");
    assert!(check.arguments[0].many && check.arguments[0].required);
}

#[test]
fn import_mermaid_writes_a_flow_that_passes_check() {
    let out = run(&["import-mermaid", "tests/fixtures/chart.mmd"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let flow = check(&text).unwrap_or_else(|e| panic!("the import passes check:\n{e}\n{text}"));
    assert_eq!(flow.title(), "Which coffee?", "the title from the front matter");
    let time = flow
        .question(flow.find("time").expect("question `time`"))
        .expect("a question");
    let labels: Vec<String> = time.choices.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(
        labels,
        ["morning", "afternoon", "night"],
        "choices from the edge labels, in order"
    );
    let milk = flow
        .question(flow.find("milk").expect("question `milk`"))
        .expect("a question");
    assert!(milk.is_yes_no(), "edges labelled Yes and No make a yes/no question");
    assert_eq!(flow.nodes().iter().filter(|n| n.outcome().is_some()).count(), 4);
}

#[test]
fn import_mermaid_names_the_line_of_each_problem() {
    let out = run(&["import-mermaid", "tests/fixtures/bad-chart.mmd"]);
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "", "no flow is written");
    assert_eq!(
        stderr(&out),
        "tests/fixtures/bad-chart.mmd:3: the edge from question `time` to `espresso` has no label; label each answer, as in `-->|Yes|`\n\
         tests/fixtures/bad-chart.mmd:4: `latte` has an edge out but is not a question; draw it as a rhombus, `latte{…}`\n"
    );
}

#[test]
fn prerender_puts_the_widget_and_the_outline_into_a_page() {
    let dir = scratch("prerender");
    let page = dir.join("page.html");
    let out = run(&["prerender", page.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(!html.contains("<!-- decision-widget:"), "both marks are replaced");
    assert!(html.contains(r#"<template shadowrootmode="open">"#));
    assert!(
        html.contains(r#"data-prerendered="good.json""#),
        "the flow file the element names"
    );
    assert!(html.contains("What time is it?"), "the first question is on the page");
    assert!(html.contains("<noscript>"));
    assert!(html.contains("The flow as text: Which coffee?"));
    assert!(
        html.contains("recommendation: Decaf, or better, sleep"),
        "the outline names where answers lead"
    );
}

#[test]
fn prerender_finds_the_flow_file_the_page_names_as_a_browser_reads_it() {
    let dir = scratch("prerender-references");
    std::fs::copy(dir.join("good.json"), dir.join("café.json")).expect("copied");
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        "<!doctype html><HTML LANG=en><DECISION-WIDGET\n\tFLOW=\"caf&eacute;.json?v=1&amp;t=2\"><!-- decision-widget:prerender --></DECISION-WIDGET>",
    )
    .expect("written");
    let out = run(&["prerender", page.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains(r#"data-prerendered="café.json?v=1&amp;t=2""#), "{html}");
    assert!(html.contains("What time is it?"), "the flow of café.json");
}

#[test]
fn prerender_refuses_a_page_without_marks_and_leaves_it_alone() {
    let dir = scratch("no-marks");
    let page = dir.join("plain.html");
    std::fs::write(&page, "<!doctype html><p>No widget here.</p>\n").expect("written");
    let out = run(&["prerender", page.to_str().expect("a UTF-8 path")]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("plain.html"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&page).expect("the page"),
        "<!doctype html><p>No widget here.</p>\n"
    );
}

#[test]
fn export_writes_every_format() {
    let answers = "dw1/coffee@1/time=morning/milk=n";
    for (format, expected) in [
        ("markdown", "# Decision: Filter coffee"),
        ("text", "Recommendation: Filter coffee"),
        ("svg", "<svg xmlns=\"http://www.w3.org/2000/svg\""),
        ("mermaid", "flowchart TD"),
    ] {
        let out = run(&[
            "export",
            "--format",
            format,
            "tests/fixtures/good.json",
            "--answers",
            answers,
        ]);
        assert_eq!(code(&out), 0, "{format}: {}", stderr(&out));
        assert!(stdout(&out).contains(expected), "{format}: {}", stdout(&out));
    }
    let out = run(&[
        "export",
        "--format",
        "json",
        "tests/fixtures/good.json",
        "--answers",
        answers,
        "--page",
        "https://example.blog/coffee/",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let data: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(data["answers"]["time"], "morning");
    assert_eq!(data["answers"]["milk"], "no");
    assert_eq!(data["steps"][1]["answerLabel"], "Nope", "the flow's own words for no");
    assert_eq!(data["outcome"], "filter");
    assert_eq!(
        data["link"],
        "https://example.blog/coffee/#dw1/coffee@1/time=morning/milk=n"
    );
    assert_eq!(data["date"], "2026-12-01");
}

#[test]
fn export_of_a_damaged_link_says_what_it_dropped() {
    let out = run(&[
        "export",
        "--format",
        "text",
        "tests/fixtures/good.json",
        "--answers",
        "dw1/coffee@1/time=noon",
    ]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).starts_with("Decision in progress"), "{}", stdout(&out));
    assert!(stderr(&out).contains("“noon”"), "{}", stderr(&out));
}

#[test]
fn export_of_a_broken_flow_names_its_problems() {
    let out = run(&["export", "--format", "text", "tests/fixtures/broken.json"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("tests/fixtures/broken.json:13:17:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_fixtures_are_what_the_tests_say() {
    assert!(check(&std::fs::read_to_string(Path::new("tests/fixtures/good.json")).expect("good.json")).is_ok());
    assert!(check(&std::fs::read_to_string(Path::new("tests/fixtures/broken.json")).expect("broken.json")).is_err());
}
