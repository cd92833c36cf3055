//! Native tests of the decision engine: the built-in flow's paths, every
//! validation error, properties of random flows, decisions and summaries, and
//! the engine's independence from browser crates.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use decision_widget::engine::summary::{AnswerMap, Summary};
use decision_widget::engine::*;

mod common;
use common::{all_paths, arr, builtin, o, parse, q, random_flows, RANDOM_FLOWS, SMALL};

use Answer::{No, Yes};

// ---------------------------------------------------------------------------
// Helpers

/// The index of the node `id`, which the test expects to exist.
fn ix(flow: &Flow, id: &str) -> NodeIx {
    flow.find(id).unwrap_or_else(|| panic!("no node `{id}`"))
}

/// The ids of `nodes`.
fn ids(flow: &Flow, nodes: &[NodeIx]) -> Vec<String> {
    nodes.iter().map(|&n| flow.node(n).id.as_str().to_owned()).collect()
}

/// A minimal flow file around the given start, questions and outcomes
/// (each a JSON array).
fn file(start: &str, questions: &str, outcomes: &str) -> String {
    common::file("t", 1, start, questions, outcomes)
}

// ---------------------------------------------------------------------------
// 1. The built-in flow

/// One row of the article's table: answers, the path and the outcome.
struct BuiltinPath {
    answers: &'static [Answer],
    path: &'static [&'static str],
    outcome: &'static str,
    /// (step, at most) before each answer, then after the outcome.
    progress: &'static [(u32, u32)],
}

const BUILTIN_PATHS: &[BuiltinPath] = &[
    BuiltinPath {
        answers: &[Yes],
        path: &["data-freshness", "rag"],
        outcome: "rag",
        progress: &[(1, 4), (1, 1)],
    },
    BuiltinPath {
        answers: &[No, Yes],
        path: &["data-freshness", "citations", "rag"],
        outcome: "rag",
        progress: &[(1, 4), (2, 4), (2, 2)],
    },
    BuiltinPath {
        answers: &[No, No, Yes],
        path: &["data-freshness", "citations", "style", "fine-tune"],
        outcome: "fine-tune",
        progress: &[(1, 4), (2, 4), (3, 4), (3, 3)],
    },
    BuiltinPath {
        answers: &[No, No, No, Yes],
        path: &[
            "data-freshness",
            "citations",
            "style",
            "latency-privacy",
            "fine-tune-small-open-weight",
        ],
        outcome: "fine-tune-small-open-weight",
        progress: &[(1, 4), (2, 4), (3, 4), (4, 4), (4, 4)],
    },
    BuiltinPath {
        answers: &[No, No, No, No],
        path: &["data-freshness", "citations", "style", "latency-privacy", "rag"],
        outcome: "rag",
        progress: &[(1, 4), (2, 4), (3, 4), (4, 4), (4, 4)],
    },
];

#[test]
fn builtin_flow_metadata() {
    let flow = builtin();
    assert_eq!(flow.id().as_str(), BUILTIN_FLOW_ID);
    assert_eq!(flow.version(), 1);
    assert_eq!(flow.node(flow.start()).id.as_str(), "data-freshness");
    let questions: Vec<&str> = flow
        .nodes()
        .iter()
        .filter(|n| n.question().is_some())
        .map(|n| n.id.as_str())
        .collect();
    let outcomes: Vec<&str> = flow
        .nodes()
        .iter()
        .filter(|n| n.outcome().is_some())
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(questions, ["data-freshness", "citations", "style", "latency-privacy"]);
    assert_eq!(outcomes, ["rag", "fine-tune", "fine-tune-small-open-weight"]);
}

#[test]
fn builtin_flow_paths() {
    let flow = builtin();
    for case in BUILTIN_PATHS {
        let walk = flow.walk(case.answers);
        assert_eq!(ids(&flow, &walk.path()), case.path, "path of {:?}", case.answers);
        assert_eq!(
            walk.outcome().map(|o| flow.node(o).id.as_str()),
            Some(case.outcome),
            "outcome of {:?}",
            case.answers
        );
        assert_eq!(walk.answers(), case.answers);
        assert_eq!(walk.current(), None);

        // Progress before each answer, then once decided.
        assert_eq!(case.progress.len(), case.answers.len() + 1);
        for (k, &(step, at_most)) in case.progress.iter().enumerate() {
            let partial = flow.walk(&case.answers[..k]);
            let expected = Progress { step, at_most };
            assert_eq!(
                partial.progress(&flow),
                expected,
                "progress after {:?}",
                &case.answers[..k]
            );
            if k < case.answers.len() {
                assert_eq!(partial.current(), Some(ix(&flow, case.path[k])));
            }
        }

        // Answers past the outcome are ignored.
        let mut extra = case.answers.to_vec();
        extra.extend([Yes, No, Yes]);
        assert_eq!(flow.walk(&extra), walk);
    }
}

/// An expected alternative: the question, the answer taken, where the other
/// answer leads, and the outcomes it can reach.
type ExpectedAlternative = (&'static str, Answer, &'static str, &'static [&'static str]);

#[test]
fn builtin_flow_alternatives() {
    let flow = builtin();
    let cases: &[(&[Answer], &[ExpectedAlternative])] = &[
        (
            &[Yes],
            &[(
                "data-freshness",
                Yes,
                "citations",
                &["rag", "fine-tune", "fine-tune-small-open-weight"],
            )],
        ),
        (
            &[No, No, Yes],
            &[
                ("data-freshness", No, "rag", &["rag"]),
                ("citations", No, "rag", &["rag"]),
                ("style", Yes, "latency-privacy", &["rag", "fine-tune-small-open-weight"]),
            ],
        ),
        (
            &[No, No, No, No],
            &[
                ("data-freshness", No, "rag", &["rag"]),
                ("citations", No, "rag", &["rag"]),
                ("style", No, "fine-tune", &["fine-tune"]),
                (
                    "latency-privacy",
                    No,
                    "fine-tune-small-open-weight",
                    &["fine-tune-small-open-weight"],
                ),
            ],
        ),
        (
            &[No, No, No, Yes],
            &[
                ("data-freshness", No, "rag", &["rag"]),
                ("citations", No, "rag", &["rag"]),
                ("style", No, "fine-tune", &["fine-tune"]),
                ("latency-privacy", Yes, "rag", &["rag"]),
            ],
        ),
        // An unfinished walk has alternatives for the questions answered so far.
        (&[No], &[("data-freshness", No, "rag", &["rag"])]),
        (&[], &[]),
    ];
    for (answers, expected) in cases {
        let walk = flow.walk(answers);
        let got: Vec<(String, Answer, String, Vec<String>)> = walk
            .alternatives(&flow)
            .iter()
            .map(|a| {
                (
                    flow.node(a.step.question).id.as_str().to_owned(),
                    a.step.answer,
                    flow.node(a.leads_to).id.as_str().to_owned(),
                    ids(&flow, &a.outcomes),
                )
            })
            .collect();
        let want: Vec<(String, Answer, String, Vec<String>)> = expected
            .iter()
            .map(|(q, a, to, outs)| {
                (
                    q.to_string(),
                    *a,
                    to.to_string(),
                    outs.iter().map(|s| s.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "alternatives of {answers:?}");
    }
}

#[test]
fn builtin_flow_node_states() {
    let flow = builtin();
    let walk = flow.walk(&[No, No]);
    let states = walk.node_states(&flow);
    let state = |id: &str| states[ix(&flow, id).get()];
    assert_eq!(state("data-freshness"), NodeState::Answered(No));
    assert_eq!(state("citations"), NodeState::Answered(No));
    assert_eq!(state("style"), NodeState::Current);
    assert_eq!(state("latency-privacy"), NodeState::Open);
    assert_eq!(state("rag"), NodeState::Open);
    assert_eq!(state("fine-tune"), NodeState::Open);

    let walk = flow.walk(&[No, Yes]);
    let states = walk.node_states(&flow);
    let state = |id: &str| states[ix(&flow, id).get()];
    assert_eq!(state("citations"), NodeState::Answered(Yes));
    assert_eq!(state("rag"), NodeState::Reached);
    assert_eq!(state("style"), NodeState::Dimmed);
    assert_eq!(state("fine-tune"), NodeState::Dimmed);
    let citations = ix(&flow, "citations");
    assert_eq!(Walk::edge_state(&states, citations, Yes), EdgeState::Taken);
    assert_eq!(Walk::edge_state(&states, citations, No), EdgeState::Dimmed);
    assert_eq!(Walk::edge_state(&states, ix(&flow, "style"), No), EdgeState::Dimmed);
}

// ---------------------------------------------------------------------------
// 2. Validation errors

/// A name per error kind; the match has no wildcard, so a new kind fails to
/// compile here until it is named, and then `every_error_kind_is_tested`
/// fails until a case covers it.
fn kind_name(kind: &FlowErrorKind) -> &'static str {
    match kind {
        FlowErrorKind::UnsupportedFormat { .. } => "UnsupportedFormat",
        FlowErrorKind::BadId { .. } => "BadId",
        FlowErrorKind::BadSection { .. } => "BadSection",
        FlowErrorKind::EmptyText { .. } => "EmptyText",
        FlowErrorKind::DuplicateId => "DuplicateId",
        FlowErrorKind::UnknownStart { .. } => "UnknownStart",
        FlowErrorKind::UnknownTarget { .. } => "UnknownTarget",
        FlowErrorKind::MissingAnswer { .. } => "MissingAnswer",
        FlowErrorKind::Cycle { .. } => "Cycle",
        FlowErrorKind::NeverEnds => "NeverEnds",
        FlowErrorKind::Unreachable => "Unreachable",
        FlowErrorKind::NoOutcomes => "NoOutcomes",
        FlowErrorKind::TooManyNodes { .. } => "TooManyNodes",
        FlowErrorKind::BadVersion => "BadVersion",
        FlowErrorKind::Syntax { .. } => "Syntax",
    }
}

const ALL_KINDS: &[&str] = &[
    "UnsupportedFormat",
    "BadId",
    "BadSection",
    "EmptyText",
    "DuplicateId",
    "UnknownStart",
    "UnknownTarget",
    "MissingAnswer",
    "Cycle",
    "NeverEnds",
    "Unreachable",
    "NoOutcomes",
    "TooManyNodes",
    "BadVersion",
    "Syntax",
];

/// An expected error: where, what, and the message a person reads.
type Expected = (Place, FlowErrorKind, &'static str);

/// A message built at run time, kept for the rest of the test run.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn question(id: &str) -> Place {
    Place::Question(id.to_owned())
}

fn outcome(id: &str) -> Place {
    Place::Outcome(id.to_owned())
}

fn through(ids: &[&str]) -> FlowErrorKind {
    FlowErrorKind::Cycle {
        through: ids.iter().map(|s| s.to_string()).collect(),
    }
}

/// Every case: a name, a flow file, and every error it must produce, in order.
fn error_cases() -> Vec<(&'static str, String, Vec<Expected>)> {
    let ok_questions = arr(&[q("a", "r", "r")]);
    let ok_outcomes = arr(&[o("r")]);
    let valid = file("a", &ok_questions, &ok_outcomes);
    vec![
        (
            "unknown target",
            file("style", &arr(&[q("style", "fine_tune", "rag")]), &arr(&[o("rag")])),
            vec![(
                question("style"),
                FlowErrorKind::UnknownTarget {
                    answer: "yes",
                    target: "fine_tune".into(),
                },
                "question `style`: answer `yes` leads to unknown node `fine_tune`",
            )],
        ),
        (
            "unknown target on no",
            file("a", &arr(&[q("a", "r", "gone")]), &ok_outcomes),
            vec![(
                question("a"),
                FlowErrorKind::UnknownTarget {
                    answer: "no",
                    target: "gone".into(),
                },
                "question `a`: answer `no` leads to unknown node `gone`",
            )],
        ),
        (
            "duplicate outcome id",
            file("a", &ok_questions, &arr(&[o("r"), o("r")])),
            vec![(
                outcome("r"),
                FlowErrorKind::DuplicateId,
                "outcome `r`: this id is used by another node too",
            )],
        ),
        (
            "question and outcome share an id",
            file("a", &arr(&[q("a", "r", "r"), q("r", "a", "a")]), &arr(&[o("a")])),
            vec![(
                outcome("a"),
                FlowErrorKind::DuplicateId,
                "outcome `a`: this id is used by another node too",
            )],
        ),
        (
            "self loop",
            file("a", &arr(&[q("a", "a", "r")]), &ok_outcomes),
            vec![(
                question("a"),
                through(&["a", "a"]),
                "question `a`: answers lead in a circle: a → a",
            )],
        ),
        (
            "two-node loop",
            file("a", &arr(&[q("a", "b", "r"), q("b", "a", "r")]), &ok_outcomes),
            vec![(
                question("a"),
                through(&["a", "b", "a"]),
                "question `a`: answers lead in a circle: a → b → a",
            )],
        ),
        (
            "unreachable question and outcome",
            file(
                "a",
                &arr(&[q("a", "r", "r"), q("b", "r", "s")]),
                &arr(&[o("r"), o("s")]),
            ),
            vec![
                (
                    question("b"),
                    FlowErrorKind::Unreachable,
                    "question `b`: no path from `start` reaches this node",
                ),
                (
                    outcome("s"),
                    FlowErrorKind::Unreachable,
                    "outcome `s`: no path from `start` reaches this node",
                ),
            ],
        ),
        (
            "missing yes",
            file("a", r#"[{"id":"a","text":"A?","no":"r"}]"#, &ok_outcomes),
            vec![(
                question("a"),
                FlowErrorKind::MissingAnswer { answer: "yes" },
                "question `a`: answer `yes` is missing; a question needs both `yes` and `no`",
            )],
        ),
        (
            "missing no",
            file("a", r#"[{"id":"a","text":"A?","yes":"r"}]"#, &ok_outcomes),
            vec![(
                question("a"),
                FlowErrorKind::MissingAnswer { answer: "no" },
                "question `a`: answer `no` is missing; a question needs both `yes` and `no`",
            )],
        ),
        (
            "branches that never end",
            file(
                "a",
                &arr(&[q("a", "r", "b"), q("b", "c", "c"), q("c", "b", "c")]),
                &ok_outcomes,
            ),
            vec![
                (
                    question("b"),
                    FlowErrorKind::NeverEnds,
                    "question `b`: no outcome can be reached from here",
                ),
                (
                    question("c"),
                    FlowErrorKind::NeverEnds,
                    "question `c`: no outcome can be reached from here",
                ),
                (
                    question("b"),
                    through(&["b", "c", "b"]),
                    "question `b`: answers lead in a circle: b → c → b",
                ),
                (
                    question("c"),
                    through(&["c", "c"]),
                    "question `c`: answers lead in a circle: c → c",
                ),
            ],
        ),
        (
            "empty question text",
            file("a", r#"[{"id":"a","text":"  ","yes":"r","no":"r"}]"#, &ok_outcomes),
            vec![(
                question("a"),
                FlowErrorKind::EmptyText { field: "text" },
                "question `a`: `text` is empty",
            )],
        ),
        (
            "empty outcome title and label",
            file("a", &ok_questions, r#"[{"id":"r","title":"","label":"\n"}]"#),
            vec![
                (
                    outcome("r"),
                    FlowErrorKind::EmptyText { field: "title" },
                    "outcome `r`: `title` is empty",
                ),
                (
                    outcome("r"),
                    FlowErrorKind::EmptyText { field: "label" },
                    "outcome `r`: `label` is empty",
                ),
            ],
        ),
        (
            "empty flow title",
            valid.replace(r#""title":"T""#, r#""title":"""#),
            vec![(
                Place::Flow,
                FlowErrorKind::EmptyText { field: "title" },
                "flow: `title` is empty",
            )],
        ),
        (
            "bad question id",
            file("Bad_Id", &arr(&[q("Bad_Id", "r", "r")]), &ok_outcomes),
            vec![(
                question("Bad_Id"),
                FlowErrorKind::BadId { id: "Bad_Id".into() },
                "question `Bad_Id`: id `Bad_Id` must be 1 to 64 lowercase letters, digits and inner hyphens",
            )],
        ),
        (
            "bad outcome id: trailing hyphen",
            file("a", &arr(&[q("a", "r-", "r-")]), &arr(&[o("r-")])),
            vec![(
                outcome("r-"),
                FlowErrorKind::BadId { id: "r-".into() },
                "outcome `r-`: id `r-` must be 1 to 64 lowercase letters, digits and inner hyphens",
            )],
        ),
        (
            "bad flow id: too long",
            valid.replace(r#""id":"t""#, &format!(r#""id":"{}""#, "x".repeat(65))),
            vec![(
                Place::Flow,
                FlowErrorKind::BadId { id: "x".repeat(65) },
                leak(format!(
                    "flow: id `{}` must be 1 to 64 lowercase letters, digits and inner hyphens",
                    "x".repeat(65)
                )),
            )],
        ),
        (
            "bad section anchor",
            file(
                "a",
                &ok_questions,
                r##"[{"id":"r","title":"R","reasons":[{"text":"Why.","section":"#why"}]}]"##,
            ),
            vec![(
                outcome("r"),
                FlowErrorKind::BadSection { section: "#why".into() },
                "outcome `r`: section `#why` must be the id of a heading on the article page, without `#` or spaces",
            )],
        ),
        (
            "unknown start",
            file("nope", &ok_questions, &ok_outcomes),
            vec![(
                Place::Flow,
                FlowErrorKind::UnknownStart { target: "nope".into() },
                "flow: `start` names unknown node `nope`",
            )],
        ),
        (
            "no outcomes",
            file("a", &arr(&[q("a", "a", "a")]), "[]"),
            vec![(Place::Flow, FlowErrorKind::NoOutcomes, "flow: there are no outcomes")],
        ),
        (
            "unsupported format",
            valid.replace(r#""format":1"#, r#""format":2"#),
            vec![(
                Place::Flow,
                FlowErrorKind::UnsupportedFormat { found: 2 },
                "flow: format 2 is not supported (this widget reads format 1)",
            )],
        ),
        (
            "version 0",
            valid.replace(r#""version":1"#, r#""version":0"#),
            vec![(
                Place::Flow,
                FlowErrorKind::BadVersion,
                "flow: `version` must be 1 or more",
            )],
        ),
        (
            "too many nodes",
            file(
                "a",
                &ok_questions,
                &arr(&(0..500).map(|i| o(&format!("o{i}"))).collect::<Vec<_>>()),
            ),
            vec![(
                Place::Flow,
                FlowErrorKind::TooManyNodes { count: 501, max: 500 },
                "flow: 501 questions and outcomes is more than the 500 allowed",
            )],
        ),
    ]
}

#[test]
fn validation_errors_name_kind_and_place() {
    for (name, json, expected) in error_cases() {
        let errors = match parse(&json) {
            Ok(_) => panic!("{name}: the flow validated but should not"),
            Err(errors) => errors,
        };
        let got: Vec<(Place, FlowErrorKind)> = errors.0.iter().map(|e| (e.place.clone(), e.kind.clone())).collect();
        let want: Vec<(Place, FlowErrorKind)> = expected.iter().map(|(p, k, _)| (p.clone(), k.clone())).collect();
        assert_eq!(got, want, "{name}: errors");
        for (error, (place, _, text)) in errors.0.iter().zip(&expected) {
            let shown = error.to_string();
            assert_eq!(shown, *text, "{name}: message");
            // The message starts by naming the node (or the flow).
            assert!(
                shown.starts_with(&format!("{place}: ")),
                "{name}: `{shown}` does not name {place}"
            );
        }
        // All errors together, one a line.
        let all: Vec<&str> = expected.iter().map(|(_, _, t)| *t).collect();
        assert_eq!(errors.to_string(), all.join("\n"), "{name}: FlowErrors display");
    }
}

#[test]
fn syntax_errors_are_reported_for_the_flow() {
    // A file with an unknown field is rejected by the parser; the caller wraps
    // the parser's message.
    let json = file("a", &arr(&[q("a", "r", "r")]), &arr(&[o("r")]))
        .replace(r#""title":"T""#, r#""title":"T","colour":"red""#);
    let message = RawFlow::from_json(&json)
        .expect_err("unknown fields are rejected")
        .to_string();
    assert!(message.contains("colour"), "parser message names the field: {message}");
    let errors = FlowErrors::syntax(message.clone());
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].place, Place::Flow);
    assert_eq!(
        errors.0[0].kind,
        FlowErrorKind::Syntax {
            message: message.clone()
        }
    );
    assert_eq!(errors.to_string(), format!("flow: not a valid flow file: {message}"));
}

#[test]
fn every_error_kind_is_tested() {
    let mut covered: BTreeSet<&str> = error_cases()
        .iter()
        .flat_map(|(_, _, expected)| expected.iter().map(|(_, k, _)| kind_name(k)).collect::<Vec<_>>())
        .collect();
    covered.insert(kind_name(&FlowErrors::syntax("x").0[0].kind));
    let all: BTreeSet<&str> = ALL_KINDS.iter().copied().collect();
    assert_eq!(covered, all);
}

#[test]
fn several_errors_are_all_reported() {
    let json = file(
        "a",
        &arr(&[
            q("a", "b", "r"),
            q("Bad", "r", "r"),
            r#"{"id":"b","text":"","yes":"nowhere"}"#.to_owned(),
            q("a", "r", "r"),
        ]),
        &arr(&[o("r")]),
    )
    .replace(r#""format":1"#, r#""format":3"#)
    .replace(r#""version":1"#, r#""version":0"#);
    let errors = parse(&json).expect_err("a broken file");
    let got: Vec<(Place, FlowErrorKind)> = errors.0.iter().map(|e| (e.place.clone(), e.kind.clone())).collect();
    assert_eq!(
        got,
        vec![
            (Place::Flow, FlowErrorKind::UnsupportedFormat { found: 3 }),
            (Place::Flow, FlowErrorKind::BadVersion),
            (question("Bad"), FlowErrorKind::BadId { id: "Bad".into() }),
            (question("b"), FlowErrorKind::EmptyText { field: "text" }),
            (question("a"), FlowErrorKind::DuplicateId),
            (
                question("b"),
                FlowErrorKind::UnknownTarget {
                    answer: "yes",
                    target: "nowhere".into()
                }
            ),
            (question("b"), FlowErrorKind::MissingAnswer { answer: "no" }),
        ]
    );
    assert_eq!(errors.to_string().lines().count(), 7);
}

#[test]
fn boundary_flows_validate() {
    // Exactly the node limit: a chain of 499 questions and one outcome.
    let questions: Vec<String> = (0..499)
        .map(|i| {
            q(
                &format!("q{i}"),
                &if i == 498 {
                    "r".to_owned()
                } else {
                    format!("q{}", i + 1)
                },
                "r",
            )
        })
        .collect();
    let flow = parse(&file("q0", &arr(&questions), &arr(&[o("r")]))).expect("500 nodes are allowed");
    assert_eq!(flow.nodes().len(), 500);
    assert_eq!(flow.walk(&[]).progress(&flow), Progress { step: 1, at_most: 499 });
    assert_eq!(flow.walk(&[Yes; 600]).steps.len(), 499);

    // A flow may start at an outcome, and both answers may lead to one node.
    let flow = parse(&file("r", "[]", &arr(&[o("r")]))).expect("an outcome-only flow");
    assert_eq!(flow.walk(&[Yes]).outcome(), Some(ix(&flow, "r")));
    assert_eq!(flow.walk(&[]).progress(&flow), Progress { step: 0, at_most: 0 });
    let flow = parse(&file("a", &arr(&[q("a", "r", "r")]), &arr(&[o("r")]))).expect("both answers to one node");
    assert_eq!(flow.walk(&[No]).outcome(), flow.walk(&[Yes]).outcome());

    // A 64-character id is the longest allowed.
    let long = "a".repeat(64);
    assert!(parse(&file(&long, &arr(&[q(&long, "r", "r")]), &arr(&[o("r")]))).is_ok());
}

// ---------------------------------------------------------------------------
// 3. Properties of random valid flows

/// The most questions a path from `at` can ask, by plain recursion.
fn ref_longest(flow: &Flow, at: NodeIx) -> u32 {
    match &flow.node(at).kind {
        NodeKind::Outcome(_) => 0,
        NodeKind::Question(q) => 1 + ref_longest(flow, q.yes).max(ref_longest(flow, q.no)),
    }
}

/// The outcomes reachable from `at`, in node order, by plain recursion.
fn ref_outcomes(flow: &Flow, at: NodeIx) -> Vec<NodeIx> {
    fn go(flow: &Flow, at: NodeIx, out: &mut BTreeSet<NodeIx>) {
        match &flow.node(at).kind {
            NodeKind::Outcome(_) => {
                out.insert(at);
            }
            NodeKind::Question(q) => {
                go(flow, q.yes, out);
                go(flow, q.no, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    go(flow, at, &mut out);
    out.into_iter().collect()
}

#[test]
fn random_flows_are_generated_with_variety() {
    // Guards the generator itself: the properties below mean little if every
    // flow were trivial.
    let flows: Vec<Flow> = random_flows(SMALL).map(|(_, f)| f).collect();
    assert_eq!(flows.len() as u64, RANDOM_FLOWS);
    assert!(flows.iter().any(|f| f.nodes().len() >= 10));
    assert!(flows.iter().any(|f| f.node(f.start()).outcome().is_some()));
    assert!(flows.iter().any(|f| ref_longest(f, f.start()) >= 6));
    assert!(flows.iter().any(|f| all_paths(f).len() >= 20));
}

#[test]
fn random_flows_topological_order() {
    for (seed, flow) in random_flows(SMALL) {
        let order = flow.topological();
        assert_eq!(order.len(), flow.nodes().len(), "seed {seed}: every node is ordered");
        assert_eq!(order[0], flow.start(), "seed {seed}");
        let mut pos = vec![usize::MAX; flow.nodes().len()];
        for (i, n) in order.iter().enumerate() {
            pos[n.get()] = i;
        }
        for (from, node) in flow.indexed() {
            for (_, to) in node.edges() {
                assert!(pos[from.get()] < pos[to.get()], "seed {seed}: edge points backwards");
            }
        }
    }
}

#[test]
fn random_flows_walks() {
    for (seed, flow) in random_flows(SMALL) {
        let paths = all_paths(&flow);
        let longest = ref_longest(&flow, flow.start());
        assert_eq!(
            flow.walk(&[]).progress(&flow).at_most,
            longest,
            "seed {seed}: at most as many questions as the longest path"
        );
        assert_eq!(
            paths.iter().map(|p| p.answers.len() as u32).max(),
            Some(longest),
            "seed {seed}"
        );

        for p in &paths {
            let answers = &p.answers;
            let walk = flow.walk(answers);
            let ctx = format!("seed {seed}, answers {answers:?}");

            // The walk ends in an outcome, along the graph.
            let end = walk.outcome().unwrap_or_else(|| panic!("{ctx}: no outcome"));
            assert!(flow.node(end).outcome().is_some(), "{ctx}");
            assert_eq!(walk.path(), p.nodes, "{ctx}");
            assert_eq!(&walk.answers(), answers, "{ctx}");
            let n = answers.len() as u32;
            assert_eq!(walk.progress(&flow), Progress { step: n, at_most: n }, "{ctx}");

            // Progress along the way: step counts up, "at most" never grows.
            let mut last_at_most = u32::MAX;
            for k in 0..answers.len() {
                let partial = flow.walk(&answers[..k]);
                assert_eq!(partial.current(), Some(p.nodes[k]), "{ctx}, after {k}");
                let progress = partial.progress(&flow);
                assert_eq!(progress.step, k as u32 + 1, "{ctx}, after {k}");
                assert_eq!(
                    progress.at_most,
                    k as u32 + ref_longest(&flow, p.nodes[k]),
                    "{ctx}, after {k}"
                );
                assert!(
                    progress.at_most >= n && progress.at_most <= last_at_most,
                    "{ctx}, after {k}"
                );
                last_at_most = progress.at_most;
            }

            // Changing answer i keeps the steps before it.
            for i in 0..answers.len() {
                let mut changed = answers.clone();
                changed[i] = changed[i].other();
                let other = flow.walk(&changed);
                assert_eq!(other.steps[..i], walk.steps[..i], "{ctx}, changing {i}");
                assert_eq!(other.steps[i].question, walk.steps[i].question, "{ctx}, changing {i}");
                assert_eq!(other.steps[i].answer, answers[i].other(), "{ctx}, changing {i}");
            }

            // Alternatives: where the other answer leads and what it can reach.
            let alternatives = walk.alternatives(&flow);
            assert_eq!(alternatives.len(), answers.len(), "{ctx}");
            for (i, alt) in alternatives.iter().enumerate() {
                assert_eq!(alt.step, walk.steps[i], "{ctx}");
                let mut prefix = answers[..i].to_vec();
                prefix.push(answers[i].other());
                assert_eq!(
                    alt.leads_to,
                    flow.walk(&prefix).position.node(),
                    "{ctx}, alternative {i}"
                );
                assert_eq!(
                    alt.outcomes,
                    ref_outcomes(&flow, alt.leads_to),
                    "{ctx}, alternative {i}"
                );
                assert!(!alt.outcomes.is_empty(), "{ctx}");
            }

            // Node states: the path is answered then reached, nothing open.
            let states = walk.node_states(&flow);
            for step in &walk.steps {
                assert_eq!(states[step.question.get()], NodeState::Answered(step.answer), "{ctx}");
            }
            assert_eq!(states[end.get()], NodeState::Reached, "{ctx}");
            assert!(
                !states.contains(&NodeState::Open) && !states.contains(&NodeState::Current),
                "{ctx}"
            );
        }
    }
}

#[test]
fn random_flows_decisions() {
    for (seed, flow) in random_flows(SMALL) {
        let paths = all_paths(&flow);
        let start = Decision::default();
        assert_eq!(
            start.apply(&flow, Action::Back),
            start,
            "seed {seed}: back at the start"
        );
        assert_eq!(start.apply(&flow, Action::Restart), start, "seed {seed}");

        for p in &paths {
            let answers = &p.answers;
            let ctx = format!("seed {seed}, answers {answers:?}");

            // Answering one by one reaches the same decision as building it.
            let mut d = Decision::default();
            for (k, &a) in answers.iter().enumerate() {
                assert_eq!(d, Decision::new(&flow, &answers[..k]), "{ctx}");
                d = d.apply(&flow, Action::Answer(a));
            }
            assert_eq!(d.answers(), &answers[..], "{ctx}");
            assert_eq!(d.walk(&flow).outcome(), p.nodes.last().copied(), "{ctx}");

            // Answering after the outcome changes nothing.
            assert_eq!(d.apply(&flow, Action::Answer(Yes)), d, "{ctx}");
            assert_eq!(d.apply(&flow, Action::Answer(No)), d, "{ctx}");

            // Back drops the last answer; Restart drops them all.
            let back = d.apply(&flow, Action::Back);
            assert_eq!(back.answers(), &answers[..answers.len().saturating_sub(1)], "{ctx}");
            assert_eq!(d.apply(&flow, Action::Restart), Decision::default(), "{ctx}");

            // Revisiting question i keeps the answers before it.
            for (i, step) in d.walk(&flow).steps.iter().enumerate() {
                assert_eq!(
                    d.apply(&flow, Action::Revisit(step.question)).answers(),
                    &answers[..i],
                    "{ctx}"
                );
            }
            // Revisiting a node off the path (or the outcome) changes nothing.
            for (node, _) in flow
                .indexed()
                .filter(|(n, _)| !p.nodes[..p.nodes.len() - 1].contains(n))
            {
                assert_eq!(d.apply(&flow, Action::Revisit(node)), d, "{ctx}, revisit {node:?}");
            }

            // Replace normalises: extra answers past the outcome are dropped.
            let mut extra = answers.clone();
            extra.extend([Yes, No, No, Yes]);
            assert_eq!(start.apply(&flow, Action::Replace(extra.clone())), d, "{ctx}");
            assert_eq!(Decision::new(&flow, &extra), d, "{ctx}");

            // Any replacement is normalised: its walk uses every answer.
            for i in 0..answers.len() {
                let mut changed = answers.clone();
                changed[i] = changed[i].other();
                let r = d.apply(&flow, Action::Replace(changed.clone()));
                assert_eq!(
                    r.walk(&flow).steps.len(),
                    r.answers().len(),
                    "{ctx}, replace {changed:?}"
                );
                assert_eq!(r.answers(), &changed[..r.answers().len()], "{ctx}, replace {changed:?}");
                assert_eq!(r.answers()[..=i], changed[..=i], "{ctx}, replace {changed:?}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Summary

#[test]
fn summary_of_builtin_decisions() {
    let flow = builtin();
    let walk = flow.walk(&[No, No, Yes]);
    let summary = Summary::new(&flow, &walk, "https://example.com/post#d=nny".to_owned());
    assert_eq!(
        summary,
        Summary {
            flow: "rag-vs-fine-tuning".to_owned(),
            flow_version: 1,
            answers: AnswerMap(vec![
                ("data-freshness".to_owned(), No),
                ("citations".to_owned(), No),
                ("style".to_owned(), Yes),
            ]),
            path: vec![
                "data-freshness".into(),
                "citations".into(),
                "style".into(),
                "fine-tune".into()
            ],
            outcome: Some("fine-tune".to_owned()),
            link: "https://example.com/post#d=nny".to_owned(),
        }
    );

    // The JSON shape is a public contract: exact keys, answers in path order.
    let json = summary.to_json();
    assert_eq!(
        json,
        r#"{"flow":"rag-vs-fine-tuning","flowVersion":1,"answers":{"data-freshness":"no","citations":"no","style":"yes"},"path":["data-freshness","citations","style","fine-tune"],"outcome":"fine-tune","link":"https://example.com/post#d=nny"}"#
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let keys: BTreeSet<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["flow", "flowVersion", "answers", "path", "outcome", "link"])
    );

    // Before an outcome, `outcome` is null and the path ends at the question.
    let walk = flow.walk(&[No]);
    let summary = Summary::new(&flow, &walk, String::new());
    assert_eq!(summary.path, ["data-freshness", "citations"]);
    assert_eq!(summary.outcome, None);
    assert_eq!(
        summary.to_json(),
        r#"{"flow":"rag-vs-fine-tuning","flowVersion":1,"answers":{"data-freshness":"no"},"path":["data-freshness","citations"],"outcome":null,"link":""}"#
    );
}

// ---------------------------------------------------------------------------
// 6. The engine is an island

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The browser crates a line of engine code uses, if any.
fn browser_crates(line: &str) -> Vec<&'static str> {
    const CRATES: &[&str] = &["yew", "web_sys", "js_sys", "wasm_bindgen", "gloo"];
    let code = line.trim_start();
    let is_use = code.starts_with("use ") || code.starts_with("pub use ") || code.starts_with("extern crate ");
    let words: Vec<&str> = code.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
    CRATES
        .iter()
        .copied()
        .filter(|name| code.contains(&format!("{name}::")) || (is_use && words.contains(name)))
        .collect()
}

#[test]
fn browser_crate_detection() {
    assert_eq!(browser_crates("use yew::prelude::*;"), ["yew"]);
    assert_eq!(browser_crates("    let w = web_sys::window();"), ["web_sys"]);
    assert_eq!(browser_crates("use {js_sys, serde};"), ["js_sys"]);
    assert_eq!(
        browser_crates("#[wasm_bindgen::prelude::wasm_bindgen]"),
        ["wasm_bindgen"]
    );
    assert_eq!(browser_crates("extern crate gloo;"), ["gloo"]);
    assert!(browser_crates("//! The Yew ui calls into the engine.").is_empty());
    assert!(browser_crates("use super::model::Flow;").is_empty());
}

#[test]
fn engine_is_an_island() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    files.sort();
    assert!(files.len() >= 8, "expected the engine's files under {}", dir.display());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        for (n, line) in text.lines().enumerate() {
            for name in browser_crates(line) {
                found.push(format!("{}:{}: uses `{name}`", file.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the engine must not use browser crates:\n{}",
        found.join("\n")
    );
}
