//! Native tests of the exports (Markdown, JSON, plain text, SVG, Mermaid) and of the shared
//! "what would change it" sentences: every path of the built-in flow, partial paths, and a flow
//! whose texts try to break each format.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use decision_widget::engine::export::{self, ExportContext, JSON_SCHEMA, JSON_SCHEMA_VERSION};
use decision_widget::engine::layout::layout;
use decision_widget::engine::*;
use serde_json::Value;

mod common;
use common::builtin;

use Answer::{No, Yes};

// ---------------------------------------------------------------------------
// Helpers

const PAGE: &str = "https://example.com/rag-or-fine-tuning";
const LINK: &str = "https://example.com/rag-or-fine-tuning#d=rag-vs-fine-tuning.1.nny";
const DATE: &str = "2026-11-24";

const CTX: ExportContext<'static> = ExportContext {
    link: LINK,
    page_url: PAGE,
    date: DATE,
};

/// Parses and validates a flow file, which must be valid.
fn parse(json: &str) -> Flow {
    common::parse(json).expect("test flows are valid")
}

/// One walk to export: its answers and the outcome it ends in (`None` while
/// in progress).
struct Case {
    answers: &'static [Answer],
    outcome: Option<&'static str>,
}

/// The five paths of the built-in flow, then two partial ones.
const CASES: &[Case] = &[
    Case {
        answers: &[Yes],
        outcome: Some("rag"),
    },
    Case {
        answers: &[No, Yes],
        outcome: Some("rag"),
    },
    Case {
        answers: &[No, No, Yes],
        outcome: Some("fine-tune"),
    },
    Case {
        answers: &[No, No, No, Yes],
        outcome: Some("fine-tune-small-open-weight"),
    },
    Case {
        answers: &[No, No, No, No],
        outcome: Some("rag"),
    },
    Case {
        answers: &[No, No],
        outcome: None,
    },
    Case {
        answers: &[],
        outcome: None,
    },
];

/// The question text of `ix`.
fn question_text(flow: &Flow, ix: NodeIx) -> &str {
    &flow.node(ix).question().expect("steps are questions").text
}

/// The outcome reached by `walk`, if any.
fn outcome_of<'f>(flow: &'f Flow, walk: &Walk) -> Option<&'f Outcome> {
    walk.outcome().and_then(|ix| flow.node(ix).outcome())
}

/// Every edge of the flow in flow order, yes before no: the order of the
/// chart's edges and of the Mermaid edge lines.
fn edges(flow: &Flow) -> Vec<(NodeIx, Answer, NodeIx)> {
    flow.indexed()
        .flat_map(|(from, node)| node.edges().map(move |(a, to)| (from, a, to)))
        .collect()
}

/// A flow whose every text tries to break out of its export format: quotes,
/// backslashes, line breaks, markup, Markdown syntax, control characters,
/// U+2028/2029 and emoji. Its ids start with a digit and include Mermaid's
/// keyword `end`.
fn hostile() -> Flow {
    let file = serde_json::json!({
        "format": 1,
        "id": "hostile",
        "version": 7,
        "title": "Quote \" backslash \\ <script>alert(1)</script> & 🚀 # C#",
        "start": "1st-check",
        "practice": {
            "text": "***bold*** _x_ ~~y~~ | cell | `code` [link](http://x) &amp; \u{1}bell",
            "section": "a)b(\"c\""
        },
        "questions": [
            {
                "id": "1st-check",
                "label": "# Heading? * [x](y) `code` <b>\"q\"</b> & #quot;",
                "text": "Line one\nline two \"quoted\" \\ <script>alert('x')</script> 🚀\u{2028}end?",
                "yes": "end",
                "no": "second"
            },
            {
                "id": "second",
                "text": "- a list?\r\n> a quote?\u{2029}",
                "yes": "end",
                "no": "other"
            }
        ],
        "outcomes": [
            {
                "id": "end",
                "title": "- Not a list <script>x</script> ]]> --> \"end\"",
                "summary": "1. Not ordered & done </text></svg> \u{1f}",
                "reasons": [
                    { "text": "</text><script>alert(1)</script> \"r\" \\ 🚀", "section": "a)b" },
                    { "text": "No section here\nat all." }
                ]
            },
            { "id": "other", "title": "=== Other", "label": "Other `o`" }
        ]
    });
    parse(&file.to_string())
}

// ---------------------------------------------------------------------------
// change_sentences

#[test]
fn change_sentences_match_the_panel() {
    let flow = builtin();
    let cases: &[(&[Answer], &[&str])] = &[
        (
            &[No, Yes],
            &[
                "You answered No to “Does the answer depend on data that changes more often than once a month?”. \
                 Yes would lead to the same recommendation.",
                "You answered Yes to “Do answers need to cite the sources they came from?”. \
                 No would lead to the question “Is the task mainly about style or format rather than knowledge?”, \
                 which can end in Retrieval-augmented generation, Fine-tune for style or format or \
                 Fine-tune a small open-weight model in your own environment.",
            ],
        ),
        (
            &[No, No, Yes],
            &[
                "You answered No to “Does the answer depend on data that changes more often than once a month?”. \
                 Yes would lead to Retrieval-augmented generation.",
                "You answered No to “Do answers need to cite the sources they came from?”. \
                 Yes would lead to Retrieval-augmented generation.",
                "You answered Yes to “Is the task mainly about style or format rather than knowledge?”. \
                 No would lead to the question “Are there hard limits on latency (answers in under 200 ms) or on \
                 privacy (the data may not leave a dedicated environment)?”, which can end in \
                 Retrieval-augmented generation or Fine-tune a small open-weight model in your own environment.",
            ],
        ),
        (&[], &[]),
    ];
    for (answers, expected) in cases {
        let walk = flow.walk(answers);
        assert_eq!(export::change_sentences(&flow, &walk), *expected, "answers {answers:?}");
    }
}

#[test]
fn change_sentences_one_per_answer() {
    let flow = builtin();
    for case in CASES {
        let walk = flow.walk(case.answers);
        let sentences = export::change_sentences(&flow, &walk);
        assert_eq!(sentences.len(), case.answers.len(), "answers {:?}", case.answers);
        for (sentence, step) in sentences.iter().zip(&walk.steps) {
            let start = String::from("You answered ")
                + step.answer.label()
                + " to “"
                + question_text(&flow, step.question)
                + "”. "
                + step.answer.other().label()
                + " would lead to ";
            assert!(sentence.starts_with(&start), "{sentence}");
            assert!(sentence.ends_with('.'), "{sentence}");
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown

/// The lines of `md` that are headings.
fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('#')).collect()
}

#[test]
fn markdown_is_a_decision_record() {
    let flow = builtin();
    for case in CASES {
        let walk = flow.walk(case.answers);
        let md = export::markdown(&flow, &walk, &CTX);
        let ctx = format!("answers {:?}:\n{md}", case.answers);
        let outcome = outcome_of(&flow, &walk);

        let first = match outcome {
            Some(o) => format!("# Decision: {}", o.title),
            None => String::from("# Decision in progress"),
        };
        let mut expected = vec![first.as_str(), "## Context", "## Decision", "## Consequences"];
        if outcome.is_some() {
            expected.push("### Why");
        }
        expected.push("### In practice");
        if !case.answers.is_empty() {
            expected.push("### What would change it");
        }
        expected.push("## Links");
        assert_eq!(headings(&md), expected, "{ctx}");

        let status = match outcome {
            Some(_) => String::from("Date: 2026-11-24 · Status: Proposed"),
            None => {
                let at_most = walk.progress(&flow).at_most;
                format!(
                    "Date: 2026-11-24 · Status: In progress ({} of at most {at_most} questions answered)",
                    case.answers.len()
                )
            }
        };
        assert!(md.lines().any(|l| l == status), "status line {status:?} in {ctx}");
        assert!(
            md.contains("The decision flow “RAG or fine-tuning?” (`rag-vs-fine-tuning`, version 1)"),
            "{ctx}"
        );

        // Every answer, numbered, in path order.
        for (i, step) in walk.steps.iter().enumerate() {
            let line = format!(
                "{}. {} **{}**",
                i + 1,
                question_text(&flow, step.question),
                step.answer.label()
            );
            assert!(md.lines().any(|l| l == line), "answer line {line:?} in {ctx}");
        }

        match outcome {
            Some(o) => {
                assert!(md.contains(&format!("## Decision\n\n**{}**\n", o.title)), "{ctx}");
                let summary = o.summary.as_deref().expect("built-in outcomes have summaries");
                assert!(md.lines().any(|l| l == summary), "{ctx}");
                for reason in &o.reasons {
                    let section = reason.section.as_deref().expect("built-in reasons have sections");
                    let line = format!("- {} [Read]({PAGE}#{section})", reason.text);
                    assert!(md.lines().any(|l| l == line), "reason line {line:?} in {ctx}");
                }
            }
            None => {
                let next = question_text(&flow, walk.current().expect("a partial walk asks"));
                assert!(
                    md.contains(&format!("No recommendation yet. The next question is “{next}”.")),
                    "{ctx}"
                );
                assert!(!md.contains("### Why"), "{ctx}");
            }
        }

        let practice = flow.practice().expect("the built-in flow has a practice note");
        let line = format!(
            "{} [Read]({PAGE}#{})",
            practice.text,
            practice.section.as_deref().unwrap_or_default()
        );
        assert!(md.lines().any(|l| l == line), "practice line in {ctx}");

        for sentence in export::change_sentences(&flow, &walk) {
            let line = String::from("- ") + &sentence;
            assert!(md.lines().any(|l| l == line), "change {line:?} in {ctx}");
        }

        assert!(md.contains(&format!("- [Reopen this decision]({LINK})\n")), "{ctx}");
        assert!(md.contains(&format!("- [The article]({PAGE})\n")), "{ctx}");
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"), "{ctx}");
    }
}

#[test]
fn markdown_without_urls_or_date() {
    let flow = builtin();
    let walk = flow.walk(&[No, No, Yes]);
    let md = export::markdown(&flow, &walk, &ExportContext::default());
    assert!(md.lines().any(|l| l == "Status: Proposed"), "{md}");
    assert!(!md.contains("Date:"), "{md}");
    assert!(!md.contains("[Read]"), "{md}");
    assert!(!md.contains("## Links"), "{md}");
    assert!(!md.contains("]("), "no links at all: {md}");

    // Only the link: the Links section has just it.
    let ctx = ExportContext {
        link: "https://x.test/#d=a b(c)",
        ..ExportContext::default()
    };
    let md = export::markdown(&flow, &walk, &ctx);
    assert!(
        md.ends_with("## Links\n\n- [Reopen this decision](https://x.test/#d=a%20b%28c%29)\n"),
        "{md}"
    );
}

#[test]
fn markdown_escapes_author_text() {
    let flow = hostile();
    let ctx = ExportContext {
        date: "2026-11-24 <b>",
        ..CTX
    };
    for answers in [&[Yes][..], &[No, No], &[No]] {
        let walk = flow.walk(answers);
        let md = export::markdown(&flow, &walk, &ctx);
        let report = format!("answers {answers:?}:\n{md}");

        // The structure is ours alone: the same headings as a tame flow.
        let decided = walk.outcome().is_some();
        let mut expected = vec![];
        let first;
        if decided {
            let title = &outcome_of(&flow, &walk).expect("decided").title;
            let mut escaped = String::new();
            for (i, c) in title.chars().enumerate() {
                if "\\`*_[]<>#|~&".contains(c) || (i == 0 && c == '-') || (i == 0 && c == '=') {
                    escaped.push('\\');
                }
                escaped.push(c);
            }
            first = String::from("# Decision: ") + &escaped;
            expected.push(first.as_str());
        } else {
            expected.push("# Decision in progress");
        }
        expected.extend(["## Context", "## Decision", "## Consequences"]);
        if decided
            && walk
                .outcome()
                .and_then(|o| flow.node(o).outcome())
                .is_some_and(|o| !o.reasons.is_empty())
        {
            expected.push("### Why");
        }
        expected.extend(["### In practice", "### What would change it", "## Links"]);
        assert_eq!(headings(&md), expected, "{report}");

        // No text opens a list, quote, setext heading or HTML block, and
        // every markup character of author text is escaped.
        for line in md.lines() {
            assert!(
                !line.starts_with("- -") && !line.starts_with("> ") && !line.starts_with('='),
                "{line}"
            );
            assert!(!line.starts_with("1. 1."), "{line}");
        }
        for (i, c) in md.char_indices() {
            if c == '<' || c == '>' || c == '`' && !md[..i].ends_with('(') && !md[i + 1..].starts_with(')') {
                if c == '`' && (md[i + 1..].starts_with("hostile`") || md[..i].ends_with("hostile")) {
                    continue; // the flow id in a code span
                }
                assert!(md[..i].ends_with('\\'), "unescaped {c:?} at {i} in {report}");
            }
        }
        assert!(md.contains("\\<script\\>"), "{report}");
        assert!(
            !md.contains('\u{1}') && !md.contains('\r'),
            "control characters become spaces"
        );
        assert!(md.contains("Date: 2026-11-24 \\<b\\>"), "{report}");

        // Links are only ours: reopen, article, and a Read per sectioned note.
        let links = md
            .match_indices("](")
            .filter(|(i, _)| !md[..*i].ends_with('\\'))
            .count();
        let sectioned =
            outcome_of(&flow, &walk).map_or(0, |o| o.reasons.iter().filter(|r| r.section.is_some()).count());
        assert_eq!(links, 2 + 1 + sectioned, "{report}");
        // A section with parentheses and quotes stays inside its link.
        assert!(md.contains(&format!("[Read]({PAGE}#a%29b%28%22c%22)")), "{report}");
        if walk.outcome() == flow.find("end") {
            assert!(md.contains(&format!("[Read]({PAGE}#a%29b)")), "{report}");
            // The multi-line reason stays one list item.
            assert!(md.lines().any(|l| l == "- No section here at all."), "{report}");
            // A summary that looks like an ordered list does not become one.
            assert!(
                md.lines().any(|l| l.starts_with("1\\. Not ordered \\& done")),
                "{report}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// JSON

/// The documented top-level keys, in order.
const JSON_KEYS: &[&str] = &[
    "schema",
    "schemaVersion",
    "flow",
    "flowVersion",
    "flowTitle",
    "answers",
    "path",
    "outcome",
    "link",
    "steps",
    "recommendation",
    "practice",
    "date",
];

/// The keys of a JSON object, in the order they appear in `text`, found by
/// scanning: serde_json's map does not keep order. Only keys at the given
/// indentation are counted.
fn keys_at(text: &str, indent: usize) -> Vec<String> {
    let prefix = " ".repeat(indent) + "\"";
    text.lines()
        .filter(|l| l.starts_with(&prefix) && !l[indent..].starts_with("\"\"") && l.as_bytes()[indent + 1] != b' ')
        .filter_map(|l| l[indent + 1..].split_once("\": ").map(|(k, _)| k.to_owned()))
        .collect()
}

fn note_json(note: &Note) -> Value {
    serde_json::json!({ "text": note.text, "section": note.section })
}

/// The JSON export of `walk` as the schema documents it, built independently
/// with serde_json.
fn expected_json(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> Value {
    let id = |ix: NodeIx| flow.node(ix).id.as_str().to_owned();
    let mut answers = serde_json::Map::new();
    for step in &walk.steps {
        answers.insert(id(step.question), Value::from(step.answer.as_str()));
    }
    let steps: Vec<Value> = walk
        .steps
        .iter()
        .map(|s| {
            serde_json::json!({
                "question": id(s.question),
                "text": question_text(flow, s.question),
                "answer": s.answer.as_str(),
            })
        })
        .collect();
    let recommendation = match walk.outcome() {
        Some(ix) => {
            let o = flow.node(ix).outcome().expect("an outcome");
            serde_json::json!({
                "id": id(ix),
                "title": o.title,
                "summary": o.summary,
                "reasons": o.reasons.iter().map(note_json).collect::<Vec<_>>(),
            })
        }
        None => Value::Null,
    };
    serde_json::json!({
        "schema": "decision-widget/decision",
        "schemaVersion": 1,
        "flow": flow.id().as_str(),
        "flowVersion": flow.version(),
        "flowTitle": flow.title(),
        "answers": answers,
        "path": walk.path().into_iter().map(id).collect::<Vec<_>>(),
        "outcome": walk.outcome().map(id),
        "link": ctx.link,
        "steps": steps,
        "recommendation": recommendation,
        "practice": flow.practice().map(note_json),
        "date": ctx.date,
    })
}

#[test]
fn json_constants() {
    assert_eq!(JSON_SCHEMA, "decision-widget/decision");
    assert_eq!(JSON_SCHEMA_VERSION, 1);
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let flow = builtin();
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::json(&flow, &walk, &CTX);
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e} in\n{text}"));
        assert_eq!(value, expected_json(&flow, &walk, &CTX), "answers {:?}", case.answers);
        assert_eq!(keys_at(&text, 2), JSON_KEYS, "key order in\n{text}");

        // The event's fields agree with the summary sent to host pages.
        let summary: Value =
            serde_json::from_str(&summary::Summary::new(&flow, &walk, LINK.to_owned()).to_json()).expect("valid JSON");
        for (key, field) in summary.as_object().expect("an object") {
            assert_eq!(&value[key], field, "field {key}");
        }

        // Answers in path order.
        let answer_keys = text
            .split("\"answers\": {")
            .nth(1)
            .and_then(|rest| rest.split('}').next())
            .map(|body| keys_at(body, 4))
            .unwrap_or_default();
        let expected: Vec<String> = walk
            .steps
            .iter()
            .map(|s| flow.node(s.question).id.to_string())
            .collect();
        assert_eq!(answer_keys, expected);

        match case.outcome {
            Some(id) => {
                assert_eq!(value["outcome"], id);
                assert_eq!(value["recommendation"]["id"], id);
            }
            None => {
                assert!(value["outcome"].is_null());
                assert!(value["recommendation"].is_null());
            }
        }
    }
}

#[test]
fn json_is_pretty_printed() {
    let flow = builtin();
    let walk = flow.walk(&[No, Yes]);
    let text = export::json(&flow, &walk, &CTX);
    assert!(text.starts_with("{\n  \"schema\": \"decision-widget/decision\",\n  \"schemaVersion\": 1,\n"));
    assert!(text.contains("\n  \"answers\": {\n    \"data-freshness\": \"no\",\n    \"citations\": \"yes\"\n  },\n"));
    assert!(text.contains("\n  \"path\": [\n    \"data-freshness\",\n    \"citations\",\n    \"rag\"\n  ],\n"));
    assert!(text.ends_with("  \"date\": \"2026-11-24\"\n}\n"));
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 2, 0, "two-space indentation: {line:?}");
    }

    // Empty containers stay on one line; missing context is "".
    let empty = export::json(&flow, &flow.walk(&[]), &ExportContext::default());
    assert!(empty.contains("\n  \"answers\": {},\n"), "{empty}");
    assert!(empty.contains("\n  \"steps\": [],\n"), "{empty}");
    assert!(empty.contains("\n  \"outcome\": null,\n"), "{empty}");
    assert!(empty.contains("\n  \"link\": \"\",\n"), "{empty}");
    assert!(empty.ends_with("  \"date\": \"\"\n}\n"), "{empty}");
}

#[test]
fn json_round_trips_hostile_text() {
    let flow = hostile();
    let ctx = ExportContext {
        link: "https://x.test/?a=1&b=<2>#\"d\"\u{2028}",
        page_url: "",
        date: "\\\n",
    };
    for answers in [&[Yes][..], &[No, No], &[No]] {
        let walk = flow.walk(answers);
        let text = export::json(&flow, &walk, &ctx);
        let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e} in\n{text}"));
        assert_eq!(value, expected_json(&flow, &walk, &ctx), "answers {answers:?}");
        assert_eq!(
            value["flowTitle"],
            "Quote \" backslash \\ <script>alert(1)</script> & 🚀 # C#"
        );
        assert_eq!(value["link"], ctx.link);

        // Safe to drop into HTML or JavaScript as is.
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}', '\n', '\r', '\u{1}', '\u{1f}'] {
            let body: String = text.lines().collect();
            assert!(!body.contains(bad), "raw {bad:?} in\n{text}");
        }
        assert!(text.contains("\\u003C/script\\u003E"), "{text}");
        assert!(text.contains("\\u2028") && text.contains("\\u000A"), "{text}");
        assert!(text.contains("🚀"), "non-ASCII is kept as is");
    }
}

// ---------------------------------------------------------------------------
// Plain text

#[test]
fn plain_text_is_a_short_message() {
    let flow = builtin();
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::plain_text(&flow, &walk, &CTX);
        let lines: Vec<&str> = text.lines().collect();
        let report = format!("answers {:?}:\n{text}", case.answers);

        match outcome_of(&flow, &walk) {
            Some(o) => {
                assert_eq!(lines[0], format!("Recommendation: {}", o.title), "{report}");
                assert_eq!(Some(lines[1]), o.summary.as_deref(), "{report}");
                let reasons: Vec<String> = o.reasons.iter().map(|r| format!("- {}", r.text)).collect();
                let found: Vec<String> = lines
                    .iter()
                    .filter(|l| l.starts_with("- "))
                    .map(|l| l.to_string())
                    .collect();
                assert_eq!(found, reasons, "{report}");
            }
            None => {
                assert!(lines[0].starts_with("Decision in progress: "), "{report}");
                assert!(!text.contains("- "), "{report}");
            }
        }
        assert!(lines.contains(&"RAG or fine-tuning?"), "{report}");
        for (i, step) in walk.steps.iter().enumerate() {
            let line = format!(
                "{}. {} {}",
                i + 1,
                question_text(&flow, step.question),
                step.answer.label()
            );
            assert!(lines.contains(&line.as_str()), "{line:?} in {report}");
        }
        assert_eq!(lines.last(), Some(&LINK), "{report}");
        assert!(
            !text.contains("[Read]") && !text.contains('#') || text.contains(LINK),
            "{report}"
        );
    }

    // Without a share link, the article's URL; with neither, no URL at all.
    let walk = flow.walk(&[Yes]);
    let ctx = ExportContext { link: "", ..CTX };
    assert!(export::plain_text(&flow, &walk, &ctx).ends_with(&format!("\n{PAGE}\n")));
    let bare = export::plain_text(&flow, &walk, &ExportContext::default());
    assert!(!bare.contains("http"), "{bare}");
}

#[test]
fn plain_text_keeps_each_answer_on_one_line() {
    let flow = hostile();
    let walk = flow.walk(&[No, Yes]);
    let text = export::plain_text(&flow, &walk, &CTX);
    assert!(
        text.lines().any(|l| l == "2. - a list?  > a quote? Yes"),
        "line breaks inside a question become spaces:\n{text}"
    );
    assert!(text.lines().any(|l| l == "- No section here at all."), "{text}");
}

// ---------------------------------------------------------------------------
// SVG

/// One element of an XML document: its name and raw attribute text.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: String,
}

/// Checks that `xml` is well-formed in the subset the SVG export writes
/// (a declaration, elements, attributes in double quotes, escaped text), and
/// returns its elements in document order.
fn check_xml(xml: &str) -> Vec<Element> {
    let mut elements = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    let mut roots = 0;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open]);
        assert!(
            !stack.is_empty() || rest[..open].trim().is_empty(),
            "text outside the root: {:?}",
            &rest[..open]
        );
        let close = rest[open..].find('>').expect("every tag closes") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag:?}");
        if let Some(decl) = tag.strip_prefix('?') {
            assert!(
                decl.ends_with('?') && elements.is_empty(),
                "a declaration only first: {tag:?}"
            );
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "closing tag matches");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "element name {name:?}"
        );
        check_attrs(attrs);
        if stack.is_empty() {
            roots += 1;
        }
        elements.push(Element {
            name: name.to_owned(),
            attrs: attrs.to_owned(),
        });
        if !self_closing {
            stack.push(name.to_owned());
        }
    }
    check_text(rest);
    assert!(rest.trim().is_empty(), "text after the root");
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "one root element");
    elements
}

/// Text content: no '>' and every '&' starts a known entity.
fn check_text(text: &str) {
    assert!(!text.contains('>'), "raw '>' in text {text:?}");
    check_ampersands(text);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control character in {text:?}"
    );
}

fn check_ampersands(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
        assert!(entity.iter().any(|e| text[i..].starts_with(e)), "bare '&' in {text:?}");
    }
}

/// Attributes: `name="value"` pairs separated by single spaces, values
/// without '"' or '<'.
fn check_attrs(attrs: &str) {
    let mut rest = attrs.trim_start();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once("=\"")
            .unwrap_or_else(|| panic!("attribute in {attrs:?}"));
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "attribute name {name:?}"
        );
        let end = after.find('"').expect("attribute value closes");
        check_ampersands(&after[..end]);
        rest = after[end + 1..].trim_start();
    }
}

/// The value of attribute `name` in `attrs`.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = String::from(" ") + name + "=\"";
    let padded_start = (String::from(" ") + attrs).find(&key)?;
    let value = &attrs[padded_start + key.len() - 1..];
    value.split('"').next()
}

/// The id of the group for the edge from `from` by `answer`.
fn edge_id(flow: &Flow, from: NodeIx, answer: Answer) -> String {
    String::from("dw-edge-") + flow.node(from).id.as_str() + "-" + answer.as_str()
}

/// Edge groups of an SVG export: id → whether it is drawn lit.
fn svg_edges(elements: &[Element]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for (i, e) in elements.iter().enumerate() {
        let Some(id) = attr(&e.attrs, "id").filter(|id| id.starts_with("dw-edge-")) else {
            continue;
        };
        let line = &elements[i + 1];
        assert_eq!(line.name, "path");
        let lit = attr(&line.attrs, "stroke") == Some("#1f5fbf") && attr(&line.attrs, "stroke-width") == Some("3");
        out.push((id.to_owned(), lit));
    }
    out
}

#[test]
fn svg_is_a_standalone_chart_with_the_path_lit() {
    let flow = builtin();
    let chart = layout(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        let svg = export::svg(&flow, &walk);
        let report = format!("answers {:?}:\n{svg}", case.answers);
        let elements = check_xml(&svg);

        let root = &elements[0];
        assert_eq!(root.name, "svg");
        assert_eq!(attr(&root.attrs, "xmlns"), Some("http://www.w3.org/2000/svg"));
        let (w, h) = (chart.width.to_string(), chart.height.to_string());
        assert_eq!(attr(&root.attrs, "width"), Some(w.as_str()));
        assert_eq!(attr(&root.attrs, "height"), Some(h.as_str()));
        assert_eq!(attr(&root.attrs, "viewBox"), Some(format!("0 0 {w} {h}").as_str()));
        assert!(attr(&root.attrs, "font-family").is_some() && attr(&root.attrs, "font-size").is_some());
        assert_eq!(elements.iter().filter(|e| e.name == "title").count(), 1);
        assert_eq!(elements.iter().filter(|e| e.name == "desc").count(), 1);
        let title = match outcome_of(&flow, &walk) {
            Some(o) => format!("<title id=\"dw-title\">RAG or fine-tuning?: {}</title>", o.title),
            None => String::from("<title id=\"dw-title\">RAG or fine-tuning?: decision in progress</title>"),
        };
        assert!(svg.contains(&title), "{report}");

        // Presentation attributes, not classes or CSS.
        assert!(
            !svg.contains("class=") && !svg.contains("<style") && !svg.contains("style="),
            "{report}"
        );
        assert!(!svg.to_lowercase().contains("<script"), "{report}");

        // One group per node and per edge.
        let node_ids: Vec<&str> = elements
            .iter()
            .filter_map(|e| attr(&e.attrs, "id"))
            .filter_map(|id| id.strip_prefix("dw-node-"))
            .collect();
        let expected: Vec<&str> = flow.nodes().iter().map(|n| n.id.as_str()).collect();
        assert_eq!(node_ids, expected, "{report}");
        let drawn = svg_edges(&elements);
        let drawn_ids: BTreeSet<&str> = drawn.iter().map(|(id, _)| id.as_str()).collect();
        let all: BTreeSet<String> = edges(&flow).iter().map(|&(f, a, _)| edge_id(&flow, f, a)).collect();
        assert_eq!(drawn.len(), chart.edges.len());
        assert_eq!(drawn_ids, all.iter().map(String::as_str).collect(), "{report}");

        // Lit edges are exactly the answers, and are drawn on top.
        let lit: BTreeSet<String> = drawn.iter().filter(|(_, l)| *l).map(|(id, _)| id.clone()).collect();
        let taken: BTreeSet<String> = walk
            .steps
            .iter()
            .map(|s| edge_id(&flow, s.question, s.answer))
            .collect();
        assert_eq!(lit.len(), case.answers.len(), "{report}");
        assert_eq!(lit, taken, "{report}");
        let first_lit = drawn.iter().position(|(_, l)| *l).unwrap_or(drawn.len());
        assert!(drawn[first_lit..].iter().all(|(_, l)| *l), "taken edges last");

        // Every node rectangle is where the layout put it, and a text line
        // per wrapped label line.
        assert_eq!(
            elements.iter().filter(|e| e.name == "tspan").count(),
            chart.nodes.iter().map(|n| n.lines.len()).sum::<usize>()
        );
        for node in &chart.nodes {
            let id = String::from("dw-node-") + flow.node(node.node).id.as_str();
            let at = elements
                .iter()
                .position(|e| attr(&e.attrs, "id") == Some(id.as_str()))
                .expect("node group");
            let rect = &elements[at + 1];
            assert_eq!(rect.name, "rect");
            assert_eq!(attr(&rect.attrs, "x"), Some(node.x.to_string().as_str()));
            assert_eq!(attr(&rect.attrs, "y"), Some(node.y.to_string().as_str()));
        }

        // The reached outcome is filled with the accent, the current
        // question outlined in the "current" colour.
        let states = walk.node_states(&flow);
        for (ix, node) in flow.indexed() {
            let id = String::from("dw-node-") + node.id.as_str();
            let at = elements
                .iter()
                .position(|e| attr(&e.attrs, "id") == Some(id.as_str()))
                .expect("node group");
            let rect = &elements[at + 1].attrs;
            match states[ix.get()] {
                NodeState::Reached => assert_eq!(attr(rect, "fill"), Some("#1f5fbf")),
                NodeState::Current => assert_eq!(attr(rect, "stroke"), Some("#a34700")),
                NodeState::Answered(_) => assert_eq!(attr(rect, "stroke"), Some("#1f5fbf")),
                NodeState::Dimmed => assert_eq!(attr(rect, "stroke-dasharray"), Some("5 4")),
                NodeState::Open => assert_eq!(attr(rect, "stroke"), Some("#8a94a3")),
            }
        }
    }
}

#[test]
fn svg_escapes_author_text() {
    let flow = hostile();
    for answers in [&[Yes][..], &[No, No], &[No]] {
        let walk = flow.walk(answers);
        let svg = export::svg(&flow, &walk);
        let elements = check_xml(&svg);
        assert!(!svg.to_lowercase().contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{svg}");
        assert!(svg.contains("&quot;"), "{svg}");
        assert!(
            !svg.contains(']') || !svg.contains("]]>") || svg.contains("]]&gt;"),
            "{svg}"
        );
        assert_eq!(
            svg_edges(&elements).iter().filter(|(_, lit)| *lit).count(),
            walk.steps.len()
        );
        assert_eq!(
            elements
                .iter()
                .filter(|e| attr(&e.attrs, "id").is_some_and(|id| id.starts_with("dw-node-")))
                .count(),
            flow.nodes().len()
        );
    }
}

// ---------------------------------------------------------------------------
// Mermaid

/// `n_` and the id with `-` as `_`.
fn mermaid_id(flow: &Flow, ix: NodeIx) -> String {
    String::from("n_") + &flow.node(ix).id.as_str().replace('-', "_")
}

/// The `linkStyle` indexes on the line that applies `style`.
fn link_styles(text: &str, style: &str) -> Vec<usize> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("linkStyle "))
        .filter_map(|l| l.strip_suffix(style).map(str::trim))
        .flat_map(|indexes| indexes.split(',').map(|k| k.parse::<usize>().expect("an index")))
        .collect()
}

/// The members of `class <ids> <name>` lines for `name`.
fn class_members(text: &str, name: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("class "))
        .filter_map(|l| l.strip_suffix(name).map(str::trim))
        .flat_map(|ids| ids.split(',').map(str::to_owned))
        .collect()
}

/// Checks a label inside `"…"` from `text` at `start`: it ends at the next
/// quote, on the same line, and uses only known entities for `#`.
fn check_mermaid_label(line: &str) {
    let open = line.find('"').expect("a quoted label");
    let close = line.rfind('"').expect("a quoted label");
    let label = &line[open + 1..close];
    assert!(!label.contains('"'), "quote inside label {line:?}");
    assert!(
        !label.contains('<') && !label.contains('>') && !label.contains('`'),
        "{line:?}"
    );
    for (i, _) in label.match_indices('#') {
        let entities = ["#quot;", "#35;", "#lt;", "#gt;", "#amp;", "#96;"];
        assert!(
            entities.iter().any(|e| label[i..].starts_with(e)),
            "bare '#' in {line:?}"
        );
    }
    for (i, _) in label.match_indices('&') {
        assert!(i > 0 && label[..i].ends_with('#'), "bare '&' in {line:?}");
    }
}

fn check_mermaid(flow: &Flow, walk: &Walk, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "flowchart TD");
    let report = format!("answers {:?}:\n{text}", walk.answers());

    // A definition per node: questions diamonds, outcomes stadiums.
    for (ix, node) in flow.indexed() {
        let id = mermaid_id(flow, ix);
        let open = if node.question().is_some() { "{\"" } else { "([\"" };
        let prefix = String::from("  ") + &id + open;
        let defs: Vec<&&str> = lines.iter().filter(|l| l.starts_with(&prefix)).collect();
        assert_eq!(defs.len(), 1, "definition of {id} in {report}");
        let close = if node.question().is_some() { "\"}" } else { "\"])" };
        assert!(defs[0].ends_with(close), "{report}");
        check_mermaid_label(defs[0]);
        assert!(
            id[2..]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{id}"
        );
    }

    // The edges in flow order, each labelled.
    let edge_lines: Vec<&str> = lines.iter().copied().filter(|l| l.contains(" -->|")).collect();
    let all = edges(flow);
    assert_eq!(edge_lines.len(), all.len(), "{report}");
    for (line, &(from, answer, to)) in edge_lines.iter().zip(&all) {
        let expected =
            String::from("  ") + &mermaid_id(flow, from) + " -->|" + answer.label() + "| " + &mermaid_id(flow, to);
        assert_eq!(*line, expected, "{report}");
    }

    // linkStyle points at the taken edges.
    let taken: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (from, answer, _))| walk.steps.iter().any(|s| s.question == *from && s.answer == *answer))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(taken.len(), walk.steps.len());
    assert_eq!(link_styles(text, "stroke:#1f5fbf,stroke-width:3px"), taken, "{report}");
    let states = walk.node_states(flow);
    let dimmed: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, (from, answer, _))| Walk::edge_state(&states, *from, *answer) == EdgeState::Dimmed)
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        link_styles(text, "stroke:#b4bcc8,stroke-dasharray:4 4"),
        dimmed,
        "{report}"
    );

    // Node classes follow the node states.
    let ids_where = |f: &dyn Fn(NodeState) -> bool| -> BTreeSet<String> {
        flow.indexed()
            .filter(|(ix, _)| f(states[ix.get()]))
            .map(|(ix, _)| mermaid_id(flow, ix))
            .collect()
    };
    assert_eq!(
        class_members(text, "answered"),
        ids_where(&|s| matches!(s, NodeState::Answered(_)))
    );
    assert_eq!(class_members(text, "reached"), ids_where(&|s| s == NodeState::Reached));
    assert_eq!(class_members(text, "current"), ids_where(&|s| s == NodeState::Current));
    assert_eq!(class_members(text, "dimmed"), ids_where(&|s| s == NodeState::Dimmed));
    for class in ["answered", "reached", "current", "dimmed"] {
        let defined = lines.iter().any(|l| l.starts_with(&format!("  classDef {class} ")));
        assert_eq!(
            defined,
            !class_members(text, class).is_empty(),
            "classDef {class} in {report}"
        );
    }

    // Nothing else: every line is a known statement.
    for line in &lines[1..] {
        let l = line.trim_start();
        assert!(
            l.starts_with("%% Flow: ")
                || l.starts_with("n_")
                || l.starts_with("classDef ")
                || l.starts_with("class ")
                || l.starts_with("linkStyle "),
            "unexpected line {line:?}"
        );
    }
}

#[test]
fn mermaid_has_every_node_and_edge_and_styles_the_path() {
    let flow = builtin();
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::mermaid(&flow, &walk);
        check_mermaid(&flow, &walk, &text);
        assert!(
            text.contains("  n_data_freshness{\"Data changes more than monthly?\"}\n"),
            "{text}"
        );
        assert!(text.contains("  n_rag([\"RAG\"])\n"), "{text}");
    }
    let text = export::mermaid(&flow, &flow.walk(&[No, Yes]));
    assert!(text.contains("\n  n_data_freshness -->|Yes| n_rag\n  n_data_freshness -->|No| n_citations\n"));
    assert!(
        text.contains("\n  linkStyle 1,2 stroke:#1f5fbf,stroke-width:3px\n"),
        "{text}"
    );
}

#[test]
fn mermaid_escapes_author_text() {
    let flow = hostile();
    for answers in [&[Yes][..], &[No, No], &[No]] {
        let walk = flow.walk(answers);
        let text = export::mermaid(&flow, &walk);
        check_mermaid(&flow, &walk, &text);
        assert!(
            text.contains(
                "n_1st_check{\"#35; Heading? * [x](y) #96;code#96; #lt;b#gt;#quot;q#quot;#lt;/b#gt; #amp; #35;quot;\"}"
            ),
            "{text}"
        );
        assert!(text.contains("  n_end([\""), "{text}");
        // The flow title is a comment on one line.
        assert_eq!(text.lines().filter(|l| l.contains("%%")).count(), 1);
    }
}

// ---------------------------------------------------------------------------
// All exports

#[test]
fn exports_are_deterministic_and_partial_walks_work() {
    let flow = builtin();
    for case in CASES {
        let walk = flow.walk(case.answers);
        assert_eq!(
            export::markdown(&flow, &walk, &CTX),
            export::markdown(&flow, &walk, &CTX)
        );
        assert_eq!(export::json(&flow, &walk, &CTX), export::json(&flow, &walk, &CTX));
        assert_eq!(
            export::plain_text(&flow, &walk, &CTX),
            export::plain_text(&flow, &walk, &CTX)
        );
        assert_eq!(export::svg(&flow, &walk), export::svg(&flow, &walk));
        assert_eq!(export::mermaid(&flow, &walk), export::mermaid(&flow, &walk));
    }
}

#[test]
fn export_of_a_flow_that_starts_at_its_outcome() {
    let flow = parse(
        r#"{"format":1,"id":"t","version":1,"title":"T","start":"o",
            "questions":[],"outcomes":[{"id":"o","title":"Only"}]}"#,
    );
    let walk = flow.walk(&[]);
    let md = export::markdown(&flow, &walk, &ExportContext::default());
    assert_eq!(
        headings(&md),
        ["# Decision: Only", "## Context", "## Decision", "## Consequences"]
    );
    assert!(md.contains("no questions answered yet"), "{md}");
    assert!(md.contains("\nNone yet.\n"), "{md}");
    let value: Value = serde_json::from_str(&export::json(&flow, &walk, &ExportContext::default())).expect("JSON");
    assert_eq!(value["recommendation"]["summary"], Value::Null);
    assert_eq!(value["practice"], Value::Null);
    assert_eq!(value["path"], serde_json::json!(["o"]));
    check_xml(&export::svg(&flow, &walk));
    let mermaid = export::mermaid(&flow, &walk);
    assert!(!mermaid.contains("-->") && !mermaid.contains("linkStyle"), "{mermaid}");
    assert!(export::change_sentences(&flow, &walk).is_empty());
}
