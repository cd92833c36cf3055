//! Native tests of the exports (Markdown, JSON, plain text, SVG, Mermaid)
//! and of the shared "what would change it" sentences: every path of the
//! built-in flow, partial paths, a several-answer flow, and flows whose
//! texts try to break each format. Real parsers are the oracles: a
//! CommonMark parser reads the Markdown, an XML parser the SVG, serde_json
//! the JSON, so the tests say what a reader's tools will see rather than
//! re-stating the escaping rules.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use dw_engine::change;
use dw_engine::chart::Drawing;
use dw_engine::export::{self, ExportContext, JSON_SCHEMA, JSON_SCHEMA_VERSION};
use dw_engine::layout::layout;
use dw_engine::summary::Summary;
use dw_engine::words::Words;
use dw_engine::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{json, Value};

use crate::common::{answers, builtin, valid, DATABASE_FLOW};

const YES: Answer = Answer::YES;
const NO: Answer = Answer::NO;

// ---------------------------------------------------------------------------
// Helpers

const PAGE: &str = "https://example.com/rag-or-fine-tuning";
const LINK: &str = "https://example.com/rag-or-fine-tuning#dw1/rag-vs-fine-tuning@1/data-freshness=n";
const DATE: &str = "2026-11-24";

/// The context a page gives: its URL, the share link and today's date.
fn ctx(words: &Words) -> ExportContext<'_> {
    ExportContext {
        link: LINK,
        page_url: PAGE,
        date: DATE,
        words,
    }
}

/// A context with nothing known but the words.
fn bare(words: &Words) -> ExportContext<'_> {
    ExportContext {
        link: "",
        page_url: "",
        date: "",
        words,
    }
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
        answers: &[YES],
        outcome: Some("rag"),
    },
    Case {
        answers: &[NO, YES],
        outcome: Some("rag"),
    },
    Case {
        answers: &[NO, NO, YES],
        outcome: Some("fine-tune"),
    },
    Case {
        answers: &[NO, NO, NO, YES],
        outcome: Some("fine-tune-small-open-weight"),
    },
    Case {
        answers: &[NO, NO, NO, NO],
        outcome: Some("rag"),
    },
    Case {
        answers: &[NO, NO],
        outcome: None,
    },
    Case {
        answers: &[],
        outcome: None,
    },
];

/// The question text of `ix`.
fn question_text(flow: &Flow, ix: NodeIx) -> &str {
    &flow.question(ix).expect("steps are questions").text
}

/// What the reader's answer at `step` says.
fn answer_label<'a>(flow: &'a Flow, words: &'a Words, step: &Step) -> &'a str {
    let question = flow.question(step.question).expect("steps are questions");
    words.choice(question.choice(step.answer).expect("answers are choices"))
}

/// The outcome reached by `walk`, if any.
fn outcome_of<'f>(flow: &'f Flow, walk: &Walk) -> Option<&'f Outcome> {
    walk.outcome().and_then(|ix| flow.node(ix).outcome())
}

/// Every edge of the flow in flow order and each question's order: the
/// order of the chart's edges and of the Mermaid edge lines.
fn edges(flow: &Flow) -> Vec<(NodeIx, Answer, NodeIx)> {
    flow.indexed()
        .flat_map(|(from, node)| node.edges().map(move |(a, to)| (from, a, to)))
        .collect()
}

/// `text` on one line, as the exports keep author texts: control
/// characters and line breaks (U+2028 and U+2029 too) become spaces.
fn one_line(text: &str) -> String {
    let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    text.chars().map(|c| if breaks(c) { ' ' } else { c }).collect()
}

/// `%XX` escapes decoded: what a browser follows for a link destination.
fn percent_decoded(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            url.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// A flow whose every text tries to break out of its export format: quotes,
/// backslashes, line breaks, markup, Markdown syntax, control characters,
/// U+2028/2029 and emoji. Its ids start with a digit and include Mermaid's
/// keyword `end`.
fn hostile() -> Flow {
    let file = json!({
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
    valid(&file.to_string())
}

/// A several-answer flow whose choice labels and word overrides try to
/// break out too: Mermaid's `|` and `-->`, quotes, markup, Markdown.
fn hostile_choices() -> Flow {
    let file = json!({
        "format": 2,
        "id": "hostile-choices",
        "version": 1,
        "title": "Pick | one",
        "start": "pick",
        "labels": { "yes": "Yes | sure -->", "no": "<i>No</i> \"way\"" },
        "questions": [
            {
                "id": "pick",
                "text": "Which <one>?",
                "choices": [
                    { "id": "pipe", "label": "A | B -->|x| C", "next": "confirm" },
                    { "id": "quote", "label": "\"quoted\" `code` #35;", "next": "done" },
                    { "id": "markup", "label": "<b>bold</b> & [link](http://x)", "next": "done" },
                    { "id": "heading", "label": "# Heading\n- item", "next": "other" }
                ]
            },
            { "id": "confirm", "text": "Sure?", "yes": "done", "no": "other" }
        ],
        "outcomes": [
            { "id": "done", "title": "Done <script>" },
            { "id": "other", "title": "Other ]]>" }
        ]
    });
    valid(&file.to_string())
}

/// Every walk worth exporting in `flow`: each complete path, and each
/// path's every partial walk, without repeats.
fn walks(flow: &Flow) -> Vec<Walk> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for path in crate::common::all_paths(flow) {
        for k in 0..=path.answers.len() {
            if seen.insert(path.answers[..k].to_vec()) {
                out.push(flow.walk(&path.answers[..k]));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// What would change it

#[test]
fn change_sentences_match_the_panel() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    let cases: &[(&[Answer], &[&str])] = &[
        (
            &[NO, YES],
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
            &[NO, NO, YES],
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
    for (given, expected) in cases {
        let walk = flow.walk(given);
        assert_eq!(change::sentences(&flow, &walk, &words), *expected, "answers {given:?}");
    }
}

#[test]
fn change_sentences_one_per_answer() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        let sentences = change::sentences(&flow, &walk, &words);
        assert_eq!(sentences.len(), case.answers.len(), "answers {:?}", case.answers);
        for (sentence, step) in sentences.iter().zip(&walk.steps) {
            let (given, other) = if step.answer == YES {
                ("Yes", "No")
            } else {
                ("No", "Yes")
            };
            let start = format!(
                "You answered {given} to “{}”. {other} would lead to ",
                question_text(&flow, step.question)
            );
            assert!(sentence.starts_with(&start), "{sentence}");
            assert!(sentence.ends_with('.'), "{sentence}");
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown, read by a CommonMark parser

/// A Markdown document as a CommonMark parser (with GitHub's tables and
/// strikethrough) reads it.
#[derive(Debug, Default)]
struct Markdown {
    /// Headings: level and text.
    headings: Vec<(u8, String)>,
    /// Paragraphs outside lists, as text.
    paragraphs: Vec<String>,
    /// List items as text, each with whether its list is numbered.
    items: Vec<(bool, String)>,
    /// Links: their text and destination.
    links: Vec<(String, String)>,
    /// Strong emphasis, as text.
    strong: Vec<String>,
    /// Code spans.
    code: Vec<String>,
    /// Anything else that is not plain text: raw HTML, emphasis, tables,
    /// quotes, code blocks, images, strikethrough.
    other: Vec<String>,
}

/// Parses `text` with pulldown-cmark.
fn read_markdown(text: &str) -> Markdown {
    #[derive(PartialEq)]
    enum Open {
        Heading(u8),
        Paragraph,
        Item(bool),
        Link(String),
        Strong,
    }
    let mut md = Markdown::default();
    let mut open: Vec<(Open, String)> = Vec::new();
    let mut lists: Vec<bool> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => open.push((Open::Heading(level as u8), String::new())),
                Tag::Paragraph => open.push((Open::Paragraph, String::new())),
                Tag::List(first) => lists.push(first.is_some()),
                Tag::Item => open.push((Open::Item(*lists.last().expect("an item in a list")), String::new())),
                Tag::Link { dest_url, .. } => open.push((Open::Link(dest_url.to_string()), String::new())),
                Tag::Strong => open.push((Open::Strong, String::new())),
                other => md.other.push(format!("{other:?}")),
            },
            Event::End(end) => {
                let kind = match end {
                    TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::Link | TagEnd::Strong => open.pop(),
                    TagEnd::List(_) => {
                        lists.pop();
                        None
                    }
                    _ => None,
                };
                let in_item = open.iter().any(|(o, _)| matches!(o, Open::Item(_)));
                match kind {
                    Some((Open::Heading(level), text)) => md.headings.push((level, text)),
                    Some((Open::Paragraph, text)) if !in_item => md.paragraphs.push(text),
                    Some((Open::Item(numbered), text)) => md.items.push((numbered, text)),
                    Some((Open::Link(dest), text)) => md.links.push((text, dest)),
                    Some((Open::Strong, text)) => md.strong.push(text),
                    _ => {}
                }
            }
            Event::Text(text) => open.iter_mut().for_each(|(_, t)| t.push_str(&text)),
            Event::Code(code) => {
                open.iter_mut().for_each(|(_, t)| t.push_str(&code));
                md.code.push(code.to_string());
            }
            Event::SoftBreak | Event::HardBreak => open.iter_mut().for_each(|(_, t)| t.push(' ')),
            other => md.other.push(format!("{other:?}")),
        }
    }
    md
}

/// Checks the Markdown export of `walk` against what a reader's Markdown
/// tool shows: headings, status, every answer, the decision, reasons with
/// their links, the practice note, what would change it, and no markup or
/// link that is not the export's own.
fn check_markdown(flow: &Flow, walk: &Walk, ctx: &ExportContext, text: &str) {
    let md = read_markdown(text);
    let report = format!("answers {:?}:\n{text}\n{md:#?}", walk.answers());
    let words = ctx.words;
    let outcome = outcome_of(flow, walk);

    // Nothing but headings, paragraphs, lists, links, strong and code.
    assert_eq!(md.other, Vec::<String>::new(), "{report}");

    // The headings are the export's own, whatever the flow's texts say.
    let mut headings = vec![(
        1,
        match outcome {
            Some(o) => format!("Decision: {}", one_line(&o.title)),
            None => "Decision in progress".to_owned(),
        },
    )];
    headings.extend([(2, "Context"), (2, "Decision"), (2, "Consequences")].map(|(l, h)| (l, h.to_owned())));
    let reasons = outcome.map_or(&[][..], |o| &o.reasons[..]);
    let sentences = change::sentences(flow, walk, words);
    if !reasons.is_empty() {
        headings.push((3, "Why".into()));
    }
    if flow.practice().is_some() {
        headings.push((3, "In practice".into()));
    }
    if !sentences.is_empty() {
        headings.push((3, "What would change it".into()));
    }
    if !ctx.link.is_empty() || !ctx.page_url.is_empty() {
        headings.push((2, "Links".into()));
    }
    assert_eq!(md.headings, headings, "{report}");

    // The status line.
    let status = match outcome {
        Some(_) => "Status: Proposed".to_owned(),
        None => format!(
            "Status: In progress ({} of at most {} questions answered)",
            walk.steps.len(),
            walk.progress(flow).at_most
        ),
    };
    let status = match ctx.date {
        "" => status,
        date => format!("Date: {} · {status}", one_line(date)),
    };
    assert_eq!(md.paragraphs[0], status, "{report}");
    let context = format!(
        "The decision flow “{}” ({}, version {}){}",
        one_line(flow.title()),
        flow.id(),
        flow.version(),
        if walk.steps.is_empty() {
            ", no questions answered yet."
        } else {
            ", answered in this order:"
        }
    );
    assert_eq!(md.paragraphs[1], context, "{report}");
    assert!(md.code.contains(&flow.id().to_string()), "{report}");

    // Every answer, numbered, in path order; then the reasons, what would
    // change it and the links, as bullets.
    let numbered: Vec<String> = md.items.iter().filter(|(n, _)| *n).map(|(_, t)| t.clone()).collect();
    let expected: Vec<String> = walk
        .steps
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                one_line(question_text(flow, s.question)),
                one_line(answer_label(flow, words, s))
            )
        })
        .collect();
    assert_eq!(numbered, expected, "{report}");
    // In bold: each answer given, then the recommendation.
    let mut strong: Vec<String> = walk
        .steps
        .iter()
        .map(|s| one_line(answer_label(flow, words, s)))
        .collect();
    match outcome {
        Some(o) => {
            strong.push(one_line(&o.title));
            if let Some(summary) = &o.summary {
                let summary = one_line(summary).trim().to_owned();
                assert!(md.paragraphs.contains(&summary), "summary {summary:?} in {report}");
            }
        }
        None => {
            let next = flow.node(walk.current().expect("a partial walk asks")).text();
            let line = format!("No recommendation yet. The next question is “{}”.", one_line(next));
            assert!(md.paragraphs.contains(&line), "{line} in {report}");
        }
    }
    assert_eq!(md.strong, strong, "{report}");

    let read = |section: &Option<String>| match (section, ctx.page_url) {
        (Some(_), "") | (None, _) => String::new(),
        (Some(_), _) => " Read".to_owned(),
    };
    let mut bullets: Vec<String> = reasons.iter().map(|r| one_line(&r.text) + &read(&r.section)).collect();
    bullets.extend(sentences.iter().map(|s| one_line(s)));
    if !ctx.link.is_empty() {
        bullets.push("Reopen this decision".into());
    }
    if !ctx.page_url.is_empty() {
        bullets.push("The article".into());
    }
    let got: Vec<String> = md.items.iter().filter(|(n, _)| !*n).map(|(_, t)| t.clone()).collect();
    assert_eq!(got, bullets, "{report}");
    if let Some(practice) = flow.practice() {
        let line = one_line(&practice.text) + &read(&practice.section);
        assert!(md.paragraphs.contains(&line), "practice `{line}` in {report}");
    }

    // The only links are the export's: a Read per sectioned note, the
    // share link and the article, each leading exactly where it should.
    let mut links: Vec<(String, String)> = Vec::new();
    let notes = reasons.iter().chain(flow.practice());
    if !ctx.page_url.is_empty() {
        for note in notes.filter(|n| n.section.is_some()) {
            let section = note.section.as_deref().unwrap_or_default();
            links.push(("Read".into(), format!("{}#{section}", ctx.page_url)));
        }
    }
    if !ctx.link.is_empty() {
        links.push(("Reopen this decision".into(), ctx.link.to_owned()));
    }
    if !ctx.page_url.is_empty() {
        links.push(("The article".into(), ctx.page_url.to_owned()));
    }
    let mut got: Vec<(String, String)> = md.links.iter().map(|(t, d)| (t.clone(), percent_decoded(d))).collect();
    got.sort();
    links.sort();
    assert_eq!(got, links, "{report}");

    assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{report}");
}

#[test]
fn markdown_is_a_decision_record() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::markdown(&flow, &walk, &ctx(&words));
        check_markdown(&flow, &walk, &ctx(&words), &text);
        // Every built-in outcome has reasons, each linked to its section.
        let md = read_markdown(&text);
        let reasons = outcome_of(&flow, &walk).map_or(0, |o| o.reasons.len());
        assert_eq!(case.outcome.is_some(), reasons > 0);
        assert_eq!(
            md.links.iter().filter(|(t, _)| t == "Read").count(),
            reasons + 1,
            "and the practice note"
        );
    }
}

#[test]
fn markdown_without_urls_or_date() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    let walk = flow.walk(&[NO, NO, YES]);
    let text = export::markdown(&flow, &walk, &bare(&words));
    check_markdown(&flow, &walk, &bare(&words), &text);
    assert!(read_markdown(&text).links.is_empty(), "no links at all: {text}");

    // Only the link, one that needs escaping in a link destination.
    let ctx = ExportContext {
        link: "https://x.test/#d=a b(c)<d>",
        ..bare(&words)
    };
    let text = export::markdown(&flow, &walk, &ctx);
    check_markdown(&flow, &walk, &ctx, &text);
}

#[test]
fn markdown_keeps_author_text_as_text() {
    for flow in [hostile(), hostile_choices()] {
        let words = Words::for_flow(&flow);
        let ctx = ExportContext {
            date: "2026-11-24 <b>",
            ..ctx(&words)
        };
        for walk in walks(&flow) {
            let text = export::markdown(&flow, &walk, &ctx);
            check_markdown(&flow, &walk, &ctx, &text);
        }
    }
}

#[test]
fn markdown_of_several_answers() {
    let flow = valid(DATABASE_FLOW);
    let words = Words::for_flow(&flow);
    for walk in walks(&flow) {
        let text = export::markdown(&flow, &walk, &ctx(&words));
        check_markdown(&flow, &walk, &ctx(&words), &text);
    }
    let walk = flow.walk(&answers(&flow, "data-shape=tables transactions=yes"));
    let md = read_markdown(&export::markdown(&flow, &walk, &ctx(&words)));
    assert!(md
        .items
        .contains(&(true, "What shape is most of your data? Tables".into())));
    assert!(md
        .items
        .contains(&(true, "Do you need transactions across several rows? Yes, we do".into())));
}

// ---------------------------------------------------------------------------
// JSON, read by serde_json

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
    json!({ "text": note.text, "section": note.section })
}

/// The JSON export of `walk` as the schema documents it, built independently
/// with serde_json.
fn expected_json(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> Value {
    let id = |ix: NodeIx| flow.node(ix).id.as_str().to_owned();
    let choice = |s: &Step| {
        let question = flow.question(s.question).expect("a question");
        question.choice(s.answer).expect("a choice").id.to_string()
    };
    let mut answers = serde_json::Map::new();
    for step in &walk.steps {
        answers.insert(id(step.question), Value::from(choice(step)));
    }
    let steps: Vec<Value> = walk
        .steps
        .iter()
        .map(|s| {
            json!({
                "question": id(s.question),
                "text": question_text(flow, s.question),
                "answer": choice(s),
                "answerLabel": answer_label(flow, ctx.words, s),
            })
        })
        .collect();
    let recommendation = match walk.outcome() {
        Some(ix) => {
            let o = flow.node(ix).outcome().expect("an outcome");
            json!({
                "id": id(ix),
                "title": o.title,
                "summary": o.summary,
                "reasons": o.reasons.iter().map(note_json).collect::<Vec<_>>(),
            })
        }
        None => Value::Null,
    };
    json!({
        "schema": "decision-widget/decision",
        "schemaVersion": 2,
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

/// Checks the JSON export of `walk`: exactly the documented document, every
/// key in order, and the event's fields as the summary has them.
fn check_json(flow: &Flow, walk: &Walk, ctx: &ExportContext, text: &str) {
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e} in\n{text}"));
    let report = format!("answers {:?}:\n{text}", walk.answers());
    assert_eq!(value, expected_json(flow, walk, ctx), "{report}");
    assert_eq!(keys_at(text, 2), JSON_KEYS, "key order in {report}");

    // The event's fields agree with the summary sent to host pages.
    let summary = serde_json::to_value(Summary::new(flow, walk, ctx.link.to_owned())).expect("a summary");
    for (key, field) in summary.as_object().expect("an object") {
        assert_eq!(&value[key], field, "field {key} in {report}");
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
    assert_eq!(answer_keys, expected, "{report}");

    // Safe to drop into HTML or JavaScript as is.
    let body: String = text.lines().collect();
    for bad in ['<', '>', '&', '\u{2028}', '\u{2029}', '\n', '\r', '\u{1}', '\u{1f}'] {
        assert!(!body.contains(bad), "raw {bad:?} in {report}");
    }
}

#[test]
fn json_constants() {
    assert_eq!(JSON_SCHEMA, "decision-widget/decision");
    assert_eq!(JSON_SCHEMA_VERSION, 2);
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::json(&flow, &walk, &ctx(&words));
        check_json(&flow, &walk, &ctx(&words), &text);
        let value: Value = serde_json::from_str(&text).expect("JSON");
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
    let words = Words::for_flow(&flow);
    let walk = flow.walk(&[NO, YES]);
    let text = export::json(&flow, &walk, &ctx(&words));
    assert!(text.starts_with("{\n  \"schema\": \"decision-widget/decision\",\n  \"schemaVersion\": 2,\n"));
    assert!(text.contains("\n  \"answers\": {\n    \"data-freshness\": \"no\",\n    \"citations\": \"yes\"\n  },\n"));
    assert!(text.contains("\n  \"path\": [\n    \"data-freshness\",\n    \"citations\",\n    \"rag\"\n  ],\n"));
    assert!(text.ends_with("  \"date\": \"2026-11-24\"\n}\n"));
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 2, 0, "two-space indentation: {line:?}");
    }

    // Empty containers stay on one line; missing context is "".
    let empty = export::json(&flow, &flow.walk(&[]), &bare(&words));
    assert!(empty.contains("\n  \"answers\": {},\n"), "{empty}");
    assert!(empty.contains("\n  \"steps\": [],\n"), "{empty}");
    assert!(empty.contains("\n  \"outcome\": null,\n"), "{empty}");
    assert!(empty.contains("\n  \"link\": \"\",\n"), "{empty}");
    assert!(empty.ends_with("  \"date\": \"\"\n}\n"), "{empty}");
}

#[test]
fn json_round_trips_hostile_text() {
    for flow in [hostile(), hostile_choices()] {
        let words = Words::for_flow(&flow);
        let ctx = ExportContext {
            link: "https://x.test/?a=1&b=<2>#\"d\"\u{2028}",
            page_url: "",
            date: "\\\n",
            words: &words,
        };
        for walk in walks(&flow) {
            let text = export::json(&flow, &walk, &ctx);
            check_json(&flow, &walk, &ctx, &text);
            let value: Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(value["flowTitle"], flow.title());
            assert_eq!(value["link"], ctx.link);
            assert!(text.contains("\\u003c") || !flow.title().contains('<'), "{text}");
        }
    }
}

#[test]
fn json_of_several_answers() {
    let flow = valid(DATABASE_FLOW);
    let words = Words::for_flow(&flow);
    for walk in walks(&flow) {
        check_json(&flow, &walk, &ctx(&words), &export::json(&flow, &walk, &ctx(&words)));
    }
    let walk = flow.walk(&answers(&flow, "data-shape=tables transactions=yes hosting=embedded"));
    let value: Value = serde_json::from_str(&export::json(&flow, &walk, &ctx(&words))).expect("JSON");
    assert_eq!(
        value["answers"],
        json!({"data-shape": "tables", "transactions": "yes", "hosting": "embedded"})
    );
    let labels: Vec<&str> = value["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["answerLabel"].as_str())
        .collect();
    assert_eq!(labels, ["Tables", "Yes, we do", "Inside the app"]);
}

// ---------------------------------------------------------------------------
// Plain text

#[test]
fn plain_text_is_a_short_message() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::plain_text(&flow, &walk, &ctx(&words));
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
                let progress = format!(
                    "Decision in progress: {} of at most {} questions answered.",
                    walk.steps.len(),
                    walk.progress(&flow).at_most
                );
                assert_eq!(lines[0], progress, "{report}");
                assert!(!text.contains("- "), "{report}");
            }
        }
        assert!(lines.contains(&"RAG or fine-tuning?"), "{report}");
        for (i, step) in walk.steps.iter().enumerate() {
            let line = format!(
                "{}. {} {}",
                i + 1,
                question_text(&flow, step.question),
                answer_label(&flow, &words, step)
            );
            assert!(lines.contains(&line.as_str()), "{line:?} in {report}");
        }
        assert_eq!(lines.last(), Some(&LINK), "{report}");
    }

    // Without a share link, the article's URL; with neither, no URL at all.
    let walk = flow.walk(&[YES]);
    let only_page = ExportContext {
        link: "",
        ..ctx(&words)
    };
    assert!(export::plain_text(&flow, &walk, &only_page).ends_with(&format!("\n{PAGE}\n")));
    let text = export::plain_text(&flow, &walk, &bare(&words));
    assert!(!text.contains("http"), "{text}");
}

#[test]
fn plain_text_keeps_each_answer_on_one_line() {
    let flow = hostile();
    let words = Words::for_flow(&flow);
    let walk = flow.walk(&[NO, YES]);
    let text = export::plain_text(&flow, &walk, &ctx(&words));
    assert!(
        text.lines().any(|l| l == "2. - a list?  > a quote? Yes"),
        "line breaks inside a question become spaces:\n{text}"
    );
    assert!(text.lines().any(|l| l == "- No section here at all."), "{text}");

    // Several answers, with the flow's own word for yes.
    let flow = valid(DATABASE_FLOW);
    let words = Words::for_flow(&flow);
    let walk = flow.walk(&answers(&flow, "data-shape=tables transactions=yes hosting=embedded"));
    let text = export::plain_text(&flow, &walk, &ctx(&words));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..6],
        [
            "Recommendation: SQLite",
            "",
            "Which database?",
            "1. What shape is most of your data? Tables",
            "2. Do you need transactions across several rows? Yes, we do",
            "3. Where will it run? Inside the app",
        ]
    );
}

// ---------------------------------------------------------------------------
// SVG, read by an XML parser

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The text of `node` and everything in it.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The element with id `id`.
fn by_id<'a, 'i>(doc: &'a roxmltree::Document<'i>, id: &str) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no element with id {id:?}"))
}

/// The element children of `node`.
fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children().filter(|n| n.is_element()).collect()
}

/// The id of the group for the edge from `from` by `answer`.
fn edge_id(flow: &Flow, from: NodeIx, answer: Answer) -> String {
    let question = flow.question(from).expect("a question");
    format!(
        "dw-edge-{}-{}",
        flow.node(from).id,
        question.choice(answer).expect("a choice").id
    )
}

/// Checks the SVG export of `walk` as an XML parser reads it: a standalone
/// SVG of the chart, every node and edge in a group of its own whose text
/// is the flow's, the reader's path lit and drawn on top, and nothing that
/// could run or restyle it.
fn check_svg(flow: &Flow, walk: &Walk, words: &Words, svg: &str) {
    let report = format!("answers {:?}:\n{svg}", walk.answers());
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{report}"));
    let chart = layout(flow);
    let drawing = Drawing::new(flow, &chart, walk, words);

    let root = doc.root_element();
    assert_eq!(
        (root.tag_name().namespace(), root.tag_name().name()),
        (Some(SVG_NS), "svg"),
        "{report}"
    );
    let (w, h) = (chart.width.to_string(), chart.height.to_string());
    assert_eq!(root.attribute("width"), Some(w.as_str()));
    assert_eq!(root.attribute("height"), Some(h.as_str()));
    assert_eq!(root.attribute("viewBox"), Some(format!("0 0 {w} {h}").as_str()));
    assert!(root.attribute("font-family").is_some() && root.attribute("font-size").is_some());

    // A title and a description a screen reader reads out.
    let verdict = outcome_of(flow, walk).map_or("decision in progress".to_owned(), |o| o.title.clone());
    let title = format!("{}: {verdict}", flow.title());
    assert_eq!(text_of(by_id(&doc, "dw-title")), one_line_xml(&title), "{report}");
    let desc = text_of(by_id(&doc, "dw-desc"));
    for step in &walk.steps {
        let said = format!(
            " {} {}.",
            question_text(flow, step.question),
            answer_label(flow, words, step)
        );
        assert!(desc.contains(&one_line_xml(&said)), "{said:?} in {desc:?}");
    }

    // Presentation attributes only: no script, style, class or handler.
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "style", "foreignObject", "a", "image", "use"].contains(&name),
            "<{name}> in {report}"
        );
        for attr in node.attributes() {
            let attr = attr.name();
            assert!(
                attr != "class" && attr != "style" && !attr.starts_with("on"),
                "{attr} in {report}"
            );
        }
    }

    // One group per node, in flow order, where the layout put it, with the
    // wrapped label as its lines of text.
    let groups: Vec<roxmltree::Node> = children(root).into_iter().filter(|n| n.has_tag_name("g")).collect();
    let nodes: Vec<&roxmltree::Node> = groups
        .iter()
        .filter(|g| g.attribute("id").is_some_and(|id| id.starts_with("dw-node-")))
        .collect();
    let ids: Vec<String> = nodes
        .iter()
        .map(|g| g.attribute("id").unwrap_or_default().to_owned())
        .collect();
    let expected: Vec<String> = flow.nodes().iter().map(|n| format!("dw-node-{}", n.id)).collect();
    assert_eq!(ids, expected, "{report}");
    for (group, shape) in nodes.iter().zip(&drawing.nodes) {
        let rect = children(**group)[0];
        assert_eq!(rect.attribute("x"), Some(shape.x.to_string().as_str()));
        assert_eq!(rect.attribute("y"), Some(shape.y.to_string().as_str()));
        let lines: Vec<String> = group
            .descendants()
            .filter(|n| n.has_tag_name("tspan"))
            .map(text_of)
            .collect();
        let expected: Vec<String> = shape.lines.iter().map(|l| one_line_xml(&l.text)).collect();
        assert_eq!(lines, expected, "{report}");
    }

    // One group per edge, named by its question and choice, in drawing
    // order; the taken ones lit and last. Each label group's text is the
    // answer, as the drawing shortens it.
    let edge_groups: Vec<&roxmltree::Node> = groups
        .iter()
        .filter(|g| g.attribute("id").is_some_and(|id| id.starts_with("dw-edge-")))
        .collect();
    let drawn: Vec<(String, bool)> = edge_groups
        .iter()
        .map(|g| {
            let line = children(**g)[0];
            let lit = line.attribute("stroke") == Some("#1f5fbf") && line.attribute("stroke-width") == Some("3");
            (g.attribute("id").unwrap_or_default().to_owned(), lit)
        })
        .collect();
    let order: Vec<String> = drawing.edges.iter().map(|e| edge_id(flow, e.from, e.answer)).collect();
    assert_eq!(
        drawn.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(),
        order,
        "{report}"
    );
    let all: BTreeSet<String> = edges(flow).iter().map(|&(f, a, _)| edge_id(flow, f, a)).collect();
    assert_eq!(
        order.iter().cloned().collect::<BTreeSet<_>>(),
        all,
        "every edge once: {report}"
    );
    let lit: BTreeSet<String> = drawn.iter().filter(|(_, l)| *l).map(|(id, _)| id.clone()).collect();
    let taken: BTreeSet<String> = walk.steps.iter().map(|s| edge_id(flow, s.question, s.answer)).collect();
    assert_eq!(lit, taken, "{report}");
    let first_lit = drawn.iter().position(|(_, l)| *l).unwrap_or(drawn.len());
    assert!(drawn[first_lit..].iter().all(|(_, l)| *l), "taken edges last: {report}");

    let labels: Vec<String> = groups
        .iter()
        .filter(|g| g.attribute("id").is_none())
        .map(|g| {
            text_of(
                g.descendants()
                    .find(|n| n.has_tag_name("text"))
                    .expect("a label's text"),
            )
        })
        .collect();
    let expected: Vec<String> = drawing.labels.iter().map(|l| one_line_xml(&l.text)).collect();
    assert_eq!(labels, expected, "{report}");

    // The reached outcome is filled with the accent, the current question
    // outlined in the "current" colour.
    let states = walk.node_states(flow);
    for (group, (ix, _)) in nodes.iter().zip(flow.indexed()) {
        let rect = children(**group)[0];
        let attr = |name| rect.attribute(name);
        match states[ix.get()] {
            NodeState::Reached => assert_eq!(attr("fill"), Some("#1f5fbf")),
            NodeState::Current => assert_eq!(attr("stroke"), Some("#a34700")),
            NodeState::Answered(_) => assert_eq!(attr("stroke"), Some("#1f5fbf")),
            NodeState::Dimmed => assert_eq!(attr("stroke-dasharray"), Some("5 4")),
            NodeState::Open => assert_eq!(attr("stroke"), Some("#8a94a3")),
        }
    }
}

/// `text` as it arrives through XML: control characters, which XML 1.0
/// cannot carry, as spaces.
fn one_line_xml(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[test]
fn svg_is_a_standalone_chart_with_the_path_lit() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        check_svg(&flow, &walk, &words, &export::svg(&flow, &walk, &ctx(&words)));
    }
}

#[test]
fn svg_keeps_author_text_as_text() {
    for flow in [hostile(), hostile_choices()] {
        let words = Words::for_flow(&flow);
        for walk in walks(&flow) {
            let svg = export::svg(&flow, &walk, &ctx(&words));
            check_svg(&flow, &walk, &words, &svg);
            assert!(!svg.to_lowercase().contains("<script"), "{svg}");
        }
    }
}

#[test]
fn svg_of_several_answers() {
    let flow = valid(DATABASE_FLOW);
    let words = Words::for_flow(&flow);
    for walk in walks(&flow) {
        check_svg(&flow, &walk, &words, &export::svg(&flow, &walk, &ctx(&words)));
    }
    let svg = export::svg(&flow, &flow.walk(&[]), &ctx(&words));
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    for id in [
        "dw-edge-data-shape-tables",
        "dw-edge-data-shape-graph",
        "dw-edge-transactions-yes",
        "dw-edge-hosting-embedded",
    ] {
        by_id(&doc, id);
    }
}

// ---------------------------------------------------------------------------
// Mermaid

/// `n_` and the id with `-` as `_`.
fn mermaid_id(flow: &Flow, ix: NodeIx) -> String {
    String::from("n_") + &flow.node(ix).id.as_str().replace('-', "_")
}

/// A Mermaid label with its `#…;` entity codes decoded, as Mermaid shows it.
fn unmermaid(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let entity = rest[at..].find(';').map(|end| &rest[at..=at + end]);
        let decoded = match entity {
            Some("#quot;") => '"',
            Some("#35;") => '#',
            Some("#lt;") => '<',
            Some("#gt;") => '>',
            Some("#amp;") => '&',
            Some("#96;") => '`',
            Some("#124;") => '|',
            _ => panic!("a bare or unknown `#` in {label:?}"),
        };
        out.push(decoded);
        rest = &rest[at + entity.map_or(1, str::len)..];
    }
    out + rest
}

/// A quoted Mermaid label (`"…"`): no quote, bracket or pipe of its own
/// that Mermaid would read as syntax; returns it decoded.
fn quoted_label(quoted: &str, line: &str) -> String {
    let label = quoted
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not quoted: {quoted:?} in {line:?}"));
    check_label(label, line);
    unmermaid(label)
}

/// A label holds nothing Mermaid could read as syntax or markup.
fn check_label(label: &str, line: &str) {
    for c in ['"', '|', '<', '>', '`', '\n', '\r'] {
        assert!(!label.contains(c), "{c:?} in label of {line:?}");
    }
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

/// A YAML double-quoted string (`"…"`) decoded, as Mermaid's front matter
/// parser reads it; panics where YAML would refuse it.
fn yaml_string(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a double-quoted YAML string: {quoted}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => panic!("an unescaped quote ends the YAML string early: {quoted}"),
            '\\' => {
                let decoded = match chars.next() {
                    Some('\\') => '\\',
                    Some('"') => '"',
                    Some('/') => '/',
                    Some(' ') => ' ',
                    Some('t') => '\t',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('0') => '\0',
                    other => panic!("`\\{}` is not a YAML escape: {quoted}", other.unwrap_or(' ')),
                };
                out.push(decoded);
            }
            c => out.push(c),
        }
    }
    out
}

fn check_mermaid(flow: &Flow, walk: &Walk, words: &Words, text: &str) {
    let report = format!("answers {:?}:\n{text}", walk.answers());
    // The title in the front matter, where Mermaid shows it above the chart
    // (its double quotes as single ones); then the chart.
    let all: Vec<&str> = text.lines().collect();
    assert_eq!((all[0], all[2], all[3]), ("---", "---", "flowchart TD"), "{report}");
    let title = all[1].strip_prefix("title: ").unwrap_or_else(|| panic!("{report}"));
    assert_eq!(yaml_string(title), one_line(flow.title()).replace('"', "'"), "{report}");
    let lines = &all[3..];

    // A definition per node: questions diamonds, outcomes stadiums, each
    // with the node's label.
    for (ix, node) in flow.indexed() {
        let id = mermaid_id(flow, ix);
        let (open, close) = if node.question().is_some() {
            ("{", "}")
        } else {
            ("([", "])")
        };
        let prefix = format!("  {id}{open}");
        let defs: Vec<&&str> = lines.iter().filter(|l| l.starts_with(&prefix)).collect();
        assert_eq!(defs.len(), 1, "definition of {id} in {report}");
        let quoted = defs[0][prefix.len()..]
            .strip_suffix(close)
            .unwrap_or_else(|| panic!("{report}"));
        assert_eq!(quoted_label(quoted, defs[0]), one_line(&node.label), "{report}");
        assert!(
            id[2..]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{id}"
        );
    }

    // One labelled edge per choice, in flow order: a yes/no answer's word as
    // it is, a choice's label in quotes.
    let edge_lines: Vec<&str> = lines.iter().copied().filter(|l| l.contains(" -->|")).collect();
    let all = edges(flow);
    assert_eq!(edge_lines.len(), all.len(), "{report}");
    for (line, &(from, answer, to)) in edge_lines.iter().zip(&all) {
        let question = flow.question(from).expect("a question");
        let start = format!("  {} -->|", mermaid_id(flow, from));
        let end = format!("| {}", mermaid_id(flow, to));
        let label = line
            .strip_prefix(&start)
            .and_then(|l| l.strip_suffix(&end))
            .unwrap_or_else(|| panic!("{line:?} in {report}"));
        let shown = match question.is_yes_no() {
            true => {
                check_label(label, line);
                unmermaid(label)
            }
            false => quoted_label(label, line),
        };
        let expected = one_line(words.choice(question.choice(answer).expect("a choice")));
        assert_eq!(shown, expected, "{report}");
    }

    // linkStyle points at the taken edges, and at the dimmed ones.
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
            l.starts_with("n_") || l.starts_with("classDef ") || l.starts_with("class ") || l.starts_with("linkStyle "),
            "unexpected line {line:?}"
        );
    }
}

#[test]
fn mermaid_has_every_node_and_edge_and_styles_the_path() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    for case in CASES {
        let walk = flow.walk(case.answers);
        let text = export::mermaid(&flow, &walk, &ctx(&words));
        check_mermaid(&flow, &walk, &words, &text);
        assert!(
            text.contains("  n_data_freshness{\"Data changes more than monthly?\"}\n"),
            "{text}"
        );
        assert!(text.contains("  n_rag([\"RAG\"])\n"), "{text}");
    }
    let text = export::mermaid(&flow, &flow.walk(&[NO, YES]), &ctx(&words));
    assert!(text.contains("\n  n_data_freshness -->|Yes| n_rag\n  n_data_freshness -->|No| n_citations\n"));
    assert!(
        text.contains("\n  linkStyle 1,2 stroke:#1f5fbf,stroke-width:3px\n"),
        "{text}"
    );
}

#[test]
fn mermaid_keeps_author_text_as_text() {
    for flow in [hostile(), hostile_choices()] {
        let words = Words::for_flow(&flow);
        for walk in walks(&flow) {
            check_mermaid(&flow, &walk, &words, &export::mermaid(&flow, &walk, &ctx(&words)));
        }
    }
}

#[test]
fn mermaid_of_several_answers() {
    let flow = valid(DATABASE_FLOW);
    let words = Words::for_flow(&flow);
    for walk in walks(&flow) {
        check_mermaid(&flow, &walk, &words, &export::mermaid(&flow, &walk, &ctx(&words)));
    }
    let text = export::mermaid(&flow, &flow.walk(&[]), &ctx(&words));
    assert!(
        text.contains("\n  n_data_shape -->|\"Tables\"| n_transactions\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  n_transactions -->|Yes, we do| n_hosting\n"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// All exports

#[test]
fn exports_are_deterministic_and_partial_walks_work() {
    let flow = builtin();
    let words = Words::for_flow(&flow);
    let ctx = ctx(&words);
    for case in CASES {
        let walk = flow.walk(case.answers);
        assert_eq!(
            export::markdown(&flow, &walk, &ctx),
            export::markdown(&flow, &walk, &ctx)
        );
        assert_eq!(export::json(&flow, &walk, &ctx), export::json(&flow, &walk, &ctx));
        assert_eq!(
            export::plain_text(&flow, &walk, &ctx),
            export::plain_text(&flow, &walk, &ctx)
        );
        assert_eq!(export::svg(&flow, &walk, &ctx), export::svg(&flow, &walk, &ctx));
        assert_eq!(export::mermaid(&flow, &walk, &ctx), export::mermaid(&flow, &walk, &ctx));
    }
}

#[test]
fn export_of_a_flow_that_starts_at_its_outcome() {
    let flow = valid(
        r#"{"format":1,"id":"t","version":1,"title":"T","start":"o",
            "questions":[],"outcomes":[{"id":"o","title":"Only"}]}"#,
    );
    let words = Words::for_flow(&flow);
    let walk = flow.walk(&[]);
    let text = export::markdown(&flow, &walk, &bare(&words));
    check_markdown(&flow, &walk, &bare(&words), &text);
    let md = read_markdown(&text);
    assert_eq!(
        md.headings.iter().map(|(_, h)| h.as_str()).collect::<Vec<_>>(),
        ["Decision: Only", "Context", "Decision", "Consequences"]
    );
    assert!(md.paragraphs.contains(&"None yet.".to_owned()), "{text}");
    let value: Value = serde_json::from_str(&export::json(&flow, &walk, &bare(&words))).expect("JSON");
    assert_eq!(value["recommendation"]["summary"], Value::Null);
    assert_eq!(value["practice"], Value::Null);
    assert_eq!(value["path"], json!(["o"]));
    check_svg(&flow, &walk, &words, &export::svg(&flow, &walk, &bare(&words)));
    let mermaid = export::mermaid(&flow, &walk, &bare(&words));
    assert!(!mermaid.contains("-->") && !mermaid.contains("linkStyle"), "{mermaid}");
    assert!(change::sentences(&flow, &walk, &words).is_empty());
}
