//! Native tests of the Mermaid import: what the Mermaid export writes comes
//! back as the same flow (questions, outcomes, answers and labels, yes/no
//! questions and several-answer ones, hostile texts included); charts an
//! author drew by hand import as described; every problem names its line;
//! and no text makes the import panic.
#![cfg(not(target_arch = "wasm32"))]

use dw_engine::export::{self, ExportContext};
use dw_engine::mermaid::{import, Options};
use dw_engine::words::Words;
use dw_engine::*;
use serde_json::json;

use crate::common::{big_flow, builtin, random_flow, valid, Rng, DATABASE_FLOW, LARGE_CHOICES, SMALL, SMALL_CHOICES};

/// Import options naming the flow `imported`.
fn options() -> Options {
    Options {
        id: "imported".into(),
        ..Options::default()
    }
}

/// Imports `text`, which must import.
fn imported(text: &str) -> Flow {
    let raw = import(text, &options()).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("import refused:\n{}\n{text}", lines.join("\n"))
    });
    Flow::try_from(raw).expect("an import always validates")
}

/// `text` as a Mermaid label comes back: on one line, runs of white space
/// as one space.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A flow's shape as the Mermaid export can carry it: each node by id with
/// its chart label, and each question's answers in order, as `yes`/`no` or
/// a choice's label, with where they lead. Imported ids carry the export's
/// `n-` prefix; `strip` takes it off.
fn shape(flow: &Flow, strip: bool) -> Vec<String> {
    let id = |ix: NodeIx| {
        let id = flow.node(ix).id.as_str();
        match strip {
            true => id
                .strip_prefix("n-")
                .unwrap_or_else(|| panic!("`{id}` lacks the prefix"))
                .to_owned(),
            false => id.to_owned(),
        }
    };
    flow.indexed()
        .map(|(ix, node)| match node.question() {
            Some(q) => {
                // An import has no chart label apart from the text.
                let label = if strip { &q.text } else { &node.label };
                let answers: Vec<String> = q
                    .choices
                    .iter()
                    .map(|c| {
                        let said = match &c.label {
                            ChoiceLabel::Yes => "yes".to_owned(),
                            ChoiceLabel::No => "no".to_owned(),
                            ChoiceLabel::Text(text) => collapsed(text),
                        };
                        format!("{said} -> {}", id(c.next))
                    })
                    .collect();
                format!("question {}: {} [{}]", id(ix), collapsed(label), answers.join("; "))
            }
            None => {
                let label = if strip {
                    &node.outcome().expect("an outcome").title
                } else {
                    &node.label
                };
                format!("outcome {}: {}", id(ix), collapsed(label))
            }
        })
        .collect()
}

/// Exports `flow` to Mermaid (with the widget's own words for yes and no)
/// and imports it back, checking that nothing of its shape is lost.
fn check_round_trip(flow: &Flow, ctx: &str) {
    let words = Words::default();
    let context = ExportContext {
        link: "",
        page_url: "",
        date: "",
        words: &words,
    };
    // Any walk: the styling of the reader's path is not part of the flow.
    let walk = flow.walk(&[Answer::NO]);
    let text = export::mermaid(flow, &walk, &context);
    let back = imported(&text);
    assert_eq!(shape(&back, true), shape(flow, false), "{ctx}:\n{text}");
    assert_eq!(back.title(), collapsed(flow.title()).replace('"', "'"), "{ctx}");
    assert_eq!(
        back.node(back.start()).id.as_str(),
        format!("n-{}", flow.node(flow.start()).id),
        "{ctx}"
    );
}

#[test]
fn exported_flows_come_back() {
    check_round_trip(&builtin(), "built-in");
    check_round_trip(&valid(DATABASE_FLOW), "database");
    for size in [SMALL, SMALL_CHOICES, LARGE_CHOICES] {
        for seed in 1..=60 {
            check_round_trip(&valid(&random_flow(seed, size)), &format!("{size:?} seed {seed}"));
        }
    }
    check_round_trip(&valid(&big_flow(7, 500, 50)), "500 nodes");
}

#[test]
fn hostile_texts_come_back() {
    let file = json!({
        "format": 2,
        "id": "hostile",
        "version": 1,
        "title": "Quote \" backslash \\ C:\\data <script> & 🚀 # C# |pipe|",
        "start": "first",
        "questions": [
            {
                "id": "first",
                "label": "# Heading? * [x](y) `code` <b>\"q\"</b> & #quot; {braces} (parens) ;semi;",
                "text": "First?",
                "choices": [
                    { "id": "pipe", "label": "A | B -->|x| C", "next": "second" },
                    { "id": "quote", "label": "\"quoted\" `code` #35; #amp;", "next": "done" },
                    { "id": "markup", "label": "<b>bold</b> & [link](http://x) ]]> -->", "next": "done" },
                    { "id": "end", "label": "end", "next": "other" }
                ]
            },
            { "id": "second", "label": "100%% sure?", "text": "Sure?", "yes": "done", "no": "other" }
        ],
        "outcomes": [
            { "id": "done", "title": "Done <script>alert(1)</script>" },
            { "id": "other", "label": "Other ]] ]) }", "title": "Other" }
        ]
    });
    check_round_trip(&valid(&file.to_string()), "hostile");
}

// ---------------------------------------------------------------------------
// Charts drawn by hand

#[test]
fn hand_drawn_charts_import_as_described() {
    let text = "\
---
title: \"Which database?\"
---
%% An author's chart, in several styles.
graph LR
  shape{What shape is the data?} -->|Tables| tx{Transactions?}
  shape -- Documents --> scale{How many records?}
  shape ==>|\"A graph\"| graphdb[Graph database]
  tx -->|yes| pg([PostgreSQL])
  tx -.->|No| scale
  scale -->|Few| pg; scale -->|Many| wide(Wide-column store)
  classDef hot fill:#f00
  class pg hot
  style scale stroke:#333
  linkStyle 0 stroke:#f00
";
    let flow = imported(text);
    assert_eq!(flow.title(), "Which database?");
    assert_eq!(flow.id().as_str(), "imported");
    assert_eq!(
        shape(&flow, false),
        [
            "question shape: What shape is the data? [Tables -> tx; Documents -> scale; A graph -> graphdb]",
            "question tx: Transactions? [yes -> pg; no -> scale]",
            "question scale: How many records? [Few -> pg; Many -> wide]",
            "outcome graphdb: Graph database",
            "outcome pg: PostgreSQL",
            "outcome wide: Wide-column store",
        ]
    );
    let choices: Vec<&str> = flow
        .question(flow.start())
        .expect("a question")
        .choices
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        choices,
        ["tables", "documents", "a-graph"],
        "choice ids from their labels"
    );
    // The caller's title wins over the chart's.
    let raw = import(
        text,
        &Options {
            title: "Mine".into(),
            ..options()
        },
    )
    .expect("imports");
    assert_eq!(raw.title, "Mine");
}

#[test]
fn problems_name_their_line() {
    // (chart, the line and the start of every problem)
    let cases: &[(&str, &[(u32, &str)])] = &[
        ("", &[(1, "the file is empty")]),
        ("%% only a comment\n", &[(1, "the file is empty")]),
        ("sequenceDiagram\n  a->>b: hi\n", &[(1, "a Mermaid flowchart starts with")]),
        ("flowchart XY\n  a{A?} -->|Yes| b[B]\n  a -->|No| b\n", &[(1, "`XY` is not a flowchart direction")]),
        ("flowchart TD\n  a{A? -->|Yes| b[B]\n", &[(2, "the label of node `a` is not closed")]),
        ("flowchart TD\n  a{{A?}} -->|Yes| b[B]\n", &[(2, "node `a` is a hexagon")]),
        ("flowchart TD\n  a{A?} -->|Yes| b & c[C]\n", &[(2, "`&` (several nodes at once) is not supported")]),
        ("flowchart TD\n  a{A?} -->|Yes b[B]\n", &[(2, "an edge label `|…` is not closed")]),
        ("flowchart TD\n  a{A?} --- b[B]\n", &[(2, "an edge must end in an arrow")]),
        ("flowchart TD\n\n  a{A?} -->|Yes| b[B]\n", &[(3, "question `a` has 1 edges out")]),
        ("flowchart TD\n  a{A?} -->|Yes| b[B]\n  a --> c[C]\n", &[(3, "the edge from question `a` to `c` has no label")]),
        ("flowchart TD\n  a[A] -->|Yes| b[B]\n", &[(2, "`a` has an edge out but is not a question")]),
        ("flowchart TD\n  a{A?}\n  a[A]\n", &[(3, "node `a` is drawn as a question and as an outcome")]),
        (
            "flowchart TD\n  a{A?} -->|Yes| b{B?}\n  b -->|Yes| a\n  a -->|No| b\n  b -->|No| a\n",
            &[(2, "every node has an edge into it")],
        ),
        (
            "flowchart TD\n  q{Q?} -->|1| r[R]\n  q -->|2| r\n  q -->|3| r\n  q -->|4| r\n  q -->|5| r\n  q -->|6| r\n  q -->|7| r\n  q -->|8| r\n  q -->|9| r\n",
            &[(2, "question `q` has 9 edges out")],
        ),
    ];
    for (text, expected) in cases {
        let problems = import(text, &options()).expect_err(text);
        let got: Vec<(u32, &str)> = problems.iter().map(|p| (p.line, p.message.as_str())).collect();
        assert_eq!(got.len(), expected.len(), "{text}\n{got:?}");
        for ((line, message), (want_line, start)) in got.iter().zip(*expected) {
            assert_eq!(line, want_line, "{text}\n{message}");
            assert!(
                message.starts_with(start),
                "{text}\n`{message}` should start with `{start}`"
            );
        }
        assert_eq!(
            problems[0].to_string(),
            format!("line {}: {}", problems[0].line, problems[0].message)
        );
    }
}

// ---------------------------------------------------------------------------
// Any text

/// Pieces of Mermaid and not: shapes, links, labels, entities, styling,
/// front matter, unicode and junk.
const PIECES: &[&str] = &[
    "flowchart TD\n",
    "graph LR\n",
    "---\n",
    "title: \"T\"\n",
    "\n",
    "  ",
    ";",
    "a",
    "b",
    "c",
    "q1",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "([",
    "])",
    "{{",
    "((",
    "\"",
    "|",
    "-->",
    "---",
    "==>",
    "-.->",
    "-- ",
    " -->",
    "|Yes|",
    "|No|",
    "|\"x\"|",
    "Yes",
    "No",
    "#quot;",
    "#35;",
    "#",
    "&",
    "%%",
    "classDef a fill:#fff\n",
    "class a b\n",
    "linkStyle 0 x\n",
    "subgraph s\n",
    "end\n",
    ":::cls",
    "é",
    "🚀",
    "<br>",
    "`",
    "\\",
];

#[test]
fn any_text_imports_or_says_why_without_panic() {
    let mut rng = Rng(0x3E43_A1D0);
    let (mut ok, mut refused) = (0, 0);
    for i in 0..20_000 {
        let mut text = String::new();
        if i % 2 == 0 {
            text.push_str("flowchart TD\n");
        }
        for _ in 0..rng.below(40) {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
        match import(&text, &options()) {
            Ok(raw) => {
                ok += 1;
                Flow::try_from(raw).unwrap_or_else(|e| panic!("an import that does not validate: {e}\n{text}"));
            }
            Err(problems) => {
                refused += 1;
                assert!(!problems.is_empty(), "{text:?}");
                let lines = text.lines().count().max(1) as u32;
                for p in &problems {
                    assert!(
                        (1..=lines).contains(&p.line),
                        "line {} of {lines}: {p}\n{text:?}",
                        p.line
                    );
                    assert!(!p.message.is_empty());
                }
            }
        }
    }
    assert!(ok > 50 && refused > 10_000, "{ok} imported, {refused} refused");
}
