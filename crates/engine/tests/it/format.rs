//! Native tests of reading flow files, formats 1 and 2: every validation
//! error with its kind, node, JSON path, line and column and message, in
//! realistic pretty-printed files; files of the wrong shape or not JSON at
//! all, in sentences for a person; format 1 files loading unchanged; and no
//! panic or unlocated problem on any damaged file.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use dw_engine::*;
use serde_json::Value;

use crate::common::{arr, builtin, file, o, parse, q, valid, Rng};

// ---------------------------------------------------------------------------
// Files and places in them

/// The several-answer example file, whose lines and columns the tables
/// below name.
const FILE: &str = crate::common::DATABASE_FLOW;

/// `text` with `from`, which must occur in it exactly once, replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once");
    text.replacen(from, to, 1)
}

/// [`FILE`] with one edit.
fn file_with(from: &str, to: &str) -> String {
    edit(FILE, from, to)
}

/// The built-in flow's file (format 1) with one edit.
fn builtin_with(from: &str, to: &str) -> String {
    edit(BUILTIN_FLOW_JSON, from, to)
}

/// The line and column of the `‸` in `marked`, a piece of `text` that, with
/// the `‸` taken out, occurs in `text` exactly once. Counted here by plain
/// string search, independently of the engine's lookup.
fn position(text: &str, marked: &str) -> Location {
    let (before, after) = marked.split_once('‸').unwrap_or_else(|| panic!("no ‸ in `{marked}`"));
    let piece = format!("{before}{after}");
    let found: Vec<usize> = text.match_indices(&piece).map(|(at, _)| at).collect();
    assert_eq!(found.len(), 1, "`{piece}` should occur once in the file");
    let offset = found[0] + before.len();
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    Location {
        line: text[..offset].matches('\n').count() as u32 + 1,
        column: text[line_start..offset].chars().count() as u32 + 1,
    }
}

#[test]
fn positions_count_lines_and_characters() {
    // The helper the tables below rely on, against positions counted by
    // hand in FILE.
    let at = |marked| {
        let l = position(FILE, marked);
        (l.line, l.column)
    };
    assert_eq!(at("‸{\n  \"$schema\""), (1, 1));
    assert_eq!(at("\"version\": ‸3"), (5, 14));
    assert_eq!(at("\"next\": ‸\"document-db\""), (38, 58));
    assert_eq!(at("‸{ \"id\": \"sqlite\""), (58, 5));
    let l = position("{\"a\":\n  \"Wählen 🚀 Sie\", x", "Sie\", ‸x");
    assert_eq!((l.line, l.column), (2, 19), "columns count characters, not bytes");
}

#[test]
fn paths_are_written_and_found_like_an_author_reads_them() {
    use dw_engine::locate::locate;
    let root = JsonPath::root();
    // (path, where its value starts in FILE, or `None` where it has none)
    let cases: Vec<(JsonPath, &str, Option<&str>)> = vec![
        (root.clone(), "", Some("‸{\n  \"$schema\"")),
        (root.key("version"), "version", Some("\"version\": ‸3")),
        (
            root.key("labels").key("start-over"),
            "labels.start-over",
            Some("\"start-over\": ‸\"Begin again\""),
        ),
        (
            root.key("questions").index(2).key("choices").index(1).key("next"),
            "questions[2].choices[1].next",
            Some("\"next\": ‸\"document-db\""),
        ),
        (
            root.key("outcomes").index(1),
            "outcomes[1]",
            Some("‸{ \"id\": \"sqlite\""),
        ),
        (
            root.key("outcomes").index(0).key("reasons").index(0).key("section"),
            "outcomes[0].reasons[0].section",
            Some("\"section\": ‸\"relational\""),
        ),
        (root.key("questions").index(9), "questions[9]", None),
        (
            root.key("questions").index(1).key("choices"),
            "questions[1].choices",
            None,
        ),
        (root.key("colour"), "colour", None),
    ];
    for (path, written, at) in cases {
        assert_eq!(path.to_string(), written);
        assert_eq!(path.is_root(), written.is_empty());
        assert_eq!(locate(FILE, &path), at.map(|m| position(FILE, m)), "{written}");
    }
    // A value cut off is placed where it would start; text that is not JSON
    // up to the value has no place for it.
    let cut = "{\"version\": ";
    assert_eq!(
        locate(cut, &root.key("version")),
        Some(Location { line: 1, column: 13 })
    );
    assert_eq!(locate("not json", &root.key("version")), None);
    assert_eq!(locate("[1, 2]", &root.key("version")), None);
}

#[test]
fn the_example_files_are_valid() {
    assert_eq!(Flow::from_json(FILE), check(FILE), "one way in");
    let flow = valid(FILE);
    assert_eq!(flow.id().as_str(), "picking-a-database");
    assert_eq!(flow.lang(), Some("en"));
    assert_eq!(flow.label("yes"), Some("Yes, we do"));
    assert_eq!(flow.label("no"), None);
    builtin();
}

// ---------------------------------------------------------------------------
// Validation: every kind of problem, its node, path, place and message

/// An expected problem: the node, what is wrong, the JSON path, where in
/// the file (a piece of it with `‸` at the spot), and the message.
type Expected = (Place, FlowErrorKind, &'static str, &'static str, &'static str);

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

/// A message built at run time, kept for the rest of the test run.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A name per error kind; the match has no wildcard, so a new kind fails to
/// compile here until it is named, and then `every_error_kind_is_tested`
/// fails until a case covers it.
fn kind_name(kind: &FlowErrorKind) -> &'static str {
    match kind {
        FlowErrorKind::UnsupportedFormat { .. } => "UnsupportedFormat",
        FlowErrorKind::NeedsFormat2 { .. } => "NeedsFormat2",
        FlowErrorKind::BadId { .. } => "BadId",
        FlowErrorKind::BadSection { .. } => "BadSection",
        FlowErrorKind::EmptyText { .. } => "EmptyText",
        FlowErrorKind::EmptyChoiceLabel { .. } => "EmptyChoiceLabel",
        FlowErrorKind::EmptyLabel { .. } => "EmptyLabel",
        FlowErrorKind::DuplicateId => "DuplicateId",
        FlowErrorKind::DuplicateChoice { .. } => "DuplicateChoice",
        FlowErrorKind::UnknownStart { .. } => "UnknownStart",
        FlowErrorKind::UnknownTarget { .. } => "UnknownTarget",
        FlowErrorKind::MissingAnswer { .. } => "MissingAnswer",
        FlowErrorKind::NoChoices => "NoChoices",
        FlowErrorKind::MixedChoices => "MixedChoices",
        FlowErrorKind::ChoiceCount { .. } => "ChoiceCount",
        FlowErrorKind::Cycle { .. } => "Cycle",
        FlowErrorKind::NeverEnds => "NeverEnds",
        FlowErrorKind::Unreachable => "Unreachable",
        FlowErrorKind::NoOutcomes => "NoOutcomes",
        FlowErrorKind::TooManyNodes { .. } => "TooManyNodes",
        FlowErrorKind::BadVersion => "BadVersion",
        FlowErrorKind::BadLang { .. } => "BadLang",
        FlowErrorKind::UnknownLabel { .. } => "UnknownLabel",
        FlowErrorKind::UnknownPlaceholder { .. } => "UnknownPlaceholder",
        FlowErrorKind::Syntax { .. } => "Syntax",
    }
}

const ALL_KINDS: &[&str] = &[
    "UnsupportedFormat",
    "NeedsFormat2",
    "BadId",
    "BadSection",
    "EmptyText",
    "EmptyChoiceLabel",
    "EmptyLabel",
    "DuplicateId",
    "DuplicateChoice",
    "UnknownStart",
    "UnknownTarget",
    "MissingAnswer",
    "NoChoices",
    "MixedChoices",
    "ChoiceCount",
    "Cycle",
    "NeverEnds",
    "Unreachable",
    "NoOutcomes",
    "TooManyNodes",
    "BadVersion",
    "BadLang",
    "UnknownLabel",
    "UnknownPlaceholder",
    "Syntax",
];

/// A compact format 1 file around the given start, questions and outcomes.
fn f1(start: &str, questions: &str, outcomes: &str) -> String {
    file("t", 1, start, questions, outcomes)
}

/// Every case: a name, a flow file, and every problem it must produce, in
/// file order. Format 1 cases use small one-line files; format 2 cases are
/// edits of [`FILE`].
fn validation_cases() -> Vec<(&'static str, String, Vec<Expected>)> {
    use FlowErrorKind::*;
    let ok_questions = arr(&[q("a", "r", "r")]);
    let ok_outcomes = arr(&[o("r")]);
    let valid = f1("a", &ok_questions, &ok_outcomes);
    let long = "x".repeat(65);
    vec![
        // Format 1.
        (
            "unknown target",
            f1("style", &arr(&[q("style", "fine_tune", "rag")]), &arr(&[o("rag")])),
            vec![(
                question("style"),
                UnknownTarget {
                    choice: "yes".into(),
                    target: "fine_tune".into(),
                },
                "questions[0].yes",
                r#""yes":‸"fine_tune""#,
                "question `style`: answer `yes` leads to unknown node `fine_tune`",
            )],
        ),
        (
            "unknown target on no",
            f1("a", &arr(&[q("a", "r", "gone")]), &ok_outcomes),
            vec![(
                question("a"),
                UnknownTarget {
                    choice: "no".into(),
                    target: "gone".into(),
                },
                "questions[0].no",
                r#""no":‸"gone""#,
                "question `a`: answer `no` leads to unknown node `gone`",
            )],
        ),
        (
            "duplicate outcome id",
            f1("a", &ok_questions, &arr(&[o("r"), o("r")])),
            vec![(
                outcome("r"),
                DuplicateId,
                "outcomes[1].id",
                r#""title":"r"},{"id":‸"r""#,
                "outcome `r`: this id is used by another node too",
            )],
        ),
        (
            "question and outcome share an id",
            f1("a", &arr(&[q("a", "r", "r"), q("r", "a", "a")]), &arr(&[o("a")])),
            vec![(
                outcome("a"),
                DuplicateId,
                "outcomes[0].id",
                r#""outcomes":[{"id":‸"a""#,
                "outcome `a`: this id is used by another node too",
            )],
        ),
        (
            "self loop",
            f1("a", &arr(&[q("a", "a", "r")]), &ok_outcomes),
            vec![(
                question("a"),
                through(&["a", "a"]),
                "questions[0]",
                r#""questions":[‸{"#,
                "question `a`: answers lead in a circle: a → a",
            )],
        ),
        (
            "two-node loop",
            f1("a", &arr(&[q("a", "b", "r"), q("b", "a", "r")]), &ok_outcomes),
            vec![(
                question("a"),
                through(&["a", "b", "a"]),
                "questions[0]",
                r#""questions":[‸{"#,
                "question `a`: answers lead in a circle: a → b → a",
            )],
        ),
        (
            "unreachable question and outcome",
            f1("a", &arr(&[q("a", "r", "r"), q("b", "r", "s")]), &arr(&[o("r"), o("s")])),
            vec![
                (
                    question("b"),
                    Unreachable,
                    "questions[1]",
                    r#",‸{"id":"b""#,
                    "question `b`: no path from `start` reaches this node",
                ),
                (
                    outcome("s"),
                    Unreachable,
                    "outcomes[1]",
                    r#",‸{"id":"s""#,
                    "outcome `s`: no path from `start` reaches this node",
                ),
            ],
        ),
        (
            "missing yes",
            f1("a", r#"[{"id":"a","text":"A?","no":"r"}]"#, &ok_outcomes),
            vec![(
                question("a"),
                MissingAnswer { answer: "yes" },
                "questions[0]",
                r#""questions":[‸{"#,
                "question `a`: answer `yes` is missing; a yes/no question needs both `yes` and `no`",
            )],
        ),
        (
            "missing no",
            f1("a", r#"[{"id":"a","text":"A?","yes":"r"}]"#, &ok_outcomes),
            vec![(
                question("a"),
                MissingAnswer { answer: "no" },
                "questions[0]",
                r#""questions":[‸{"#,
                "question `a`: answer `no` is missing; a yes/no question needs both `yes` and `no`",
            )],
        ),
        (
            // Format 1 has only yes/no questions, so a question without
            // answers lacks both.
            "no answers in format 1",
            f1("a", r#"[{"id":"a","text":"A?"}]"#, &ok_outcomes),
            vec![
                (
                    question("a"),
                    MissingAnswer { answer: "yes" },
                    "questions[0]",
                    r#""questions":[‸{"#,
                    "question `a`: answer `yes` is missing; a yes/no question needs both `yes` and `no`",
                ),
                (
                    question("a"),
                    MissingAnswer { answer: "no" },
                    "questions[0]",
                    r#""questions":[‸{"#,
                    "question `a`: answer `no` is missing; a yes/no question needs both `yes` and `no`",
                ),
            ],
        ),
        (
            "branches that never end",
            f1(
                "a",
                &arr(&[q("a", "r", "b"), q("b", "c", "c"), q("c", "b", "c")]),
                &ok_outcomes,
            ),
            vec![
                (
                    question("b"),
                    NeverEnds,
                    "questions[1]",
                    r#",‸{"id":"b""#,
                    "question `b`: no outcome can be reached from here",
                ),
                (
                    question("b"),
                    through(&["b", "c", "b"]),
                    "questions[1]",
                    r#",‸{"id":"b""#,
                    "question `b`: answers lead in a circle: b → c → b",
                ),
                (
                    question("c"),
                    NeverEnds,
                    "questions[2]",
                    r#",‸{"id":"c""#,
                    "question `c`: no outcome can be reached from here",
                ),
                (
                    question("c"),
                    through(&["c", "c"]),
                    "questions[2]",
                    r#",‸{"id":"c""#,
                    "question `c`: answers lead in a circle: c → c",
                ),
            ],
        ),
        (
            "empty question text",
            f1("a", r#"[{"id":"a","text":"  ","yes":"r","no":"r"}]"#, &ok_outcomes),
            vec![(
                question("a"),
                EmptyText { field: "text" },
                "questions[0].text",
                r#""text":‸"  ""#,
                "question `a`: `text` is empty",
            )],
        ),
        (
            "empty outcome title and label",
            f1("a", &ok_questions, r#"[{"id":"r","title":"","label":"\n"}]"#),
            vec![
                (
                    outcome("r"),
                    EmptyText { field: "title" },
                    "outcomes[0].title",
                    r#""title":‸"","#,
                    "outcome `r`: `title` is empty",
                ),
                (
                    outcome("r"),
                    EmptyText { field: "label" },
                    "outcomes[0].label",
                    r#""label":‸"\n""#,
                    "outcome `r`: `label` is empty",
                ),
            ],
        ),
        (
            "empty flow title",
            edit(&valid, r#""title":"T""#, r#""title":"""#),
            vec![(
                Place::Flow,
                EmptyText { field: "title" },
                "title",
                r#""title":‸"""#,
                "flow: `title` is empty",
            )],
        ),
        (
            "bad question id",
            f1("Bad_Id", &arr(&[q("Bad_Id", "r", "r")]), &ok_outcomes),
            vec![(
                question("Bad_Id"),
                BadId { id: "Bad_Id".into() },
                "questions[0].id",
                r#"[{"id":‸"Bad_Id""#,
                "question `Bad_Id`: id `Bad_Id` must be 1 to 64 lowercase letters, digits and inner hyphens",
            )],
        ),
        (
            "bad outcome id: trailing hyphen",
            f1("a", &arr(&[q("a", "r-", "r-")]), &arr(&[o("r-")])),
            vec![(
                outcome("r-"),
                BadId { id: "r-".into() },
                "outcomes[0].id",
                r#""outcomes":[{"id":‸"r-""#,
                "outcome `r-`: id `r-` must be 1 to 64 lowercase letters, digits and inner hyphens",
            )],
        ),
        (
            "bad flow id: too long",
            edit(&valid, r#""id":"t""#, &format!(r#""id":"{long}""#)),
            vec![(
                Place::Flow,
                BadId { id: long.clone() },
                "id",
                leak(format!(r#""id":‸"{long}""#)),
                leak(format!(
                    "flow: id `{long}` must be 1 to 64 lowercase letters, digits and inner hyphens"
                )),
            )],
        ),
        (
            "bad section anchor",
            f1(
                "a",
                &ok_questions,
                r##"[{"id":"r","title":"R","reasons":[{"text":"Why.","section":"#why"}]}]"##,
            ),
            vec![(
                outcome("r"),
                BadSection { section: "#why".into() },
                "outcomes[0].reasons[0].section",
                r##""section":‸"#why""##,
                "outcome `r`: section `#why` must be the id of a heading on the article page, without `#` or spaces",
            )],
        ),
        (
            "unknown start",
            f1("nope", &ok_questions, &ok_outcomes),
            vec![(
                Place::Flow,
                UnknownStart { target: "nope".into() },
                "start",
                r#""start":‸"nope""#,
                "flow: `start` names unknown node `nope`",
            )],
        ),
        (
            "no outcomes",
            f1("a", &arr(&[q("a", "a", "a")]), "[]"),
            vec![(
                Place::Flow,
                NoOutcomes,
                "outcomes",
                r#""outcomes":‸[]"#,
                "flow: there are no outcomes",
            )],
        ),
        (
            "unsupported format",
            edit(&valid, r#""format":1"#, r#""format":3"#),
            vec![(
                Place::Flow,
                UnsupportedFormat { found: 3 },
                "format",
                r#""format":‸3"#,
                "flow: format 3 is not supported (this widget reads formats 1 and 2)",
            )],
        ),
        (
            "version 0",
            edit(&valid, r#""version":1"#, r#""version":0"#),
            vec![(
                Place::Flow,
                BadVersion,
                "version",
                r#""version":‸0"#,
                "flow: `version` must be 1 or more",
            )],
        ),
        (
            "too many nodes",
            f1(
                "a",
                &ok_questions,
                &arr(&(0..500).map(|i| o(&format!("o{i}"))).collect::<Vec<_>>()),
            ),
            vec![(
                Place::Flow,
                TooManyNodes { count: 501, max: 500 },
                "",
                r#"‸{"format""#,
                "flow: 501 questions and outcomes is more than the 500 allowed",
            )],
        ),
        // Format 2, in a realistic file.
        (
            "format 2 fields in a format 1 file",
            file_with(r#""format": 2"#, r#""format": 1"#),
            vec![
                (
                    Place::Flow,
                    NeedsFormat2 { field: "lang" },
                    "lang",
                    r#""lang": ‸"en""#,
                    r#"flow: `lang` needs `"format": 2` (this file says format 1)"#,
                ),
                (
                    Place::Flow,
                    NeedsFormat2 { field: "labels" },
                    "labels",
                    r#""labels": ‸{"#,
                    r#"flow: `labels` needs `"format": 2` (this file says format 1)"#,
                ),
                (
                    question("data-shape"),
                    NeedsFormat2 { field: "choices" },
                    "questions[0].choices",
                    "your data?\",\n      \"choices\": ‸[",
                    r#"question `data-shape`: `choices` needs `"format": 2` (this file says format 1)"#,
                ),
                (
                    question("scale"),
                    NeedsFormat2 { field: "choices" },
                    "questions[2].choices",
                    "you keep?\",\n      \"choices\": ‸[",
                    r#"question `scale`: `choices` needs `"format": 2` (this file says format 1)"#,
                ),
                (
                    question("hosting"),
                    NeedsFormat2 { field: "choices" },
                    "questions[3].choices",
                    "it run?\",\n      \"choices\": ‸[",
                    r#"question `hosting`: `choices` needs `"format": 2` (this file says format 1)"#,
                ),
            ],
        ),
        (
            "two choices with one id",
            file_with(r#"{ "id": "documents", "label": "Documents""#, r#"{ "id": "tables", "label": "Documents""#),
            vec![(
                question("data-shape"),
                DuplicateChoice { choice: "tables".into() },
                "questions[0].choices[1].id",
                r#"{ "id": ‸"tables", "label": "Documents""#,
                "question `data-shape`: choice id `tables` is used by another choice of this question too",
            )],
        ),
        (
            "a choice that leads nowhere",
            file_with(r#""next": "document-db""#, r#""next": "documentdb""#),
            vec![(
                question("scale"),
                UnknownTarget {
                    choice: "millions".into(),
                    target: "documentdb".into(),
                },
                "questions[2].choices[1].next",
                r#""next": ‸"documentdb""#,
                "question `scale`: answer `millions` leads to unknown node `documentdb`",
            )],
        ),
        (
            "one choice",
            file_with(
                ",\n        { \"id\": \"embedded\", \"label\": \"Inside the app\", \"next\": \"sqlite\" }",
                "",
            ),
            vec![
                (
                    question("hosting"),
                    ChoiceCount { count: 1 },
                    "questions[3].choices",
                    "it run?\",\n      \"choices\": ‸[",
                    "question `hosting`: has 1 choice; a question offers 2 to 8",
                ),
            ],
        ),
        (
            "nine choices",
            file_with(
                r#""next": "graph-db" }"#,
                &(1..=6).fold(String::from(r#""next": "graph-db" }"#), |list, i| {
                    list + &format!(",\n        {{ \"id\": \"other-{i}\", \"label\": \"Other {i}\", \"next\": \"graph-db\" }}")
                }),
            ),
            vec![(
                question("data-shape"),
                ChoiceCount { count: 9 },
                "questions[0].choices",
                "your data?\",\n      \"choices\": ‸[",
                "question `data-shape`: has 9 choices; a question offers 2 to 8",
            )],
        ),
        (
            "an empty list of choices",
            file_with(
                "\"choices\": [\n        { \"id\": \"managed\", \"label\": \"A managed service\", \"next\": \"postgres\" },\n        { \"id\": \"embedded\", \"label\": \"Inside the app\", \"next\": \"sqlite\" }\n      ]",
                "\"choices\": []",
            ),
            vec![
                (
                    question("hosting"),
                    ChoiceCount { count: 0 },
                    "questions[3].choices",
                    "\"choices\": ‸[]",
                    "question `hosting`: has 0 choices; a question offers 2 to 8",
                ),
            ],
        ),
        (
            "neither yes/no nor choices",
            file_with(",\n      \"yes\": \"hosting\",\n      \"no\": \"scale\"", ""),
            vec![(
                question("transactions"),
                NoChoices,
                "questions[1]",
                "‸{\n      \"id\": \"transactions\"",
                "question `transactions`: has no answers; give it `yes` and `no`, or `choices` (format 2)",
            )],
        ),
        (
            "both yes/no and choices",
            file_with(r#""text": "Where will it run?","#, "\"text\": \"Where will it run?\",\n      \"yes\": \"sqlite\","),
            vec![(
                question("hosting"),
                MixedChoices,
                "questions[3].choices",
                "\"sqlite\",\n      \"choices\": ‸[",
                "question `hosting`: has both `yes`/`no` and `choices`; a question has one or the other",
            )],
        ),
        (
            "bad choice id",
            file_with(r#""id": "graph""#, r#""id": "A graph""#),
            vec![(
                question("data-shape"),
                BadId { id: "A graph".into() },
                "questions[0].choices[2].id",
                r#""id": ‸"A graph""#,
                "question `data-shape`: id `A graph` must be 1 to 64 lowercase letters, digits and inner hyphens",
            )],
        ),
        (
            "empty choice label",
            file_with(r#""label": "Millions""#, r#""label": "  ""#),
            vec![(
                question("scale"),
                EmptyChoiceLabel {
                    choice: "millions".into(),
                },
                "questions[2].choices[1].label",
                r#""label": ‸"  ""#,
                "question `scale`: the `label` of choice `millions` is empty",
            )],
        ),
        (
            "a cycle through choices",
            file_with(r#""next": "sqlite""#, r#""next": "data-shape""#),
            vec![
                (
                    question("data-shape"),
                    through(&["data-shape", "transactions", "hosting", "data-shape"]),
                    "questions[0]",
                    "‸{\n      \"id\": \"data-shape\"",
                    "question `data-shape`: answers lead in a circle: data-shape → transactions → hosting → data-shape",
                ),
                (
                    outcome("sqlite"),
                    Unreachable,
                    "outcomes[1]",
                    r#"‸{ "id": "sqlite""#,
                    "outcome `sqlite`: no path from `start` reaches this node",
                ),
            ],
        ),
        (
            "an unreachable outcome",
            file_with(r#""next": "graph-db""#, r#""next": "sqlite""#),
            vec![(
                outcome("graph-db"),
                Unreachable,
                "outcomes[3]",
                r#"‸{ "id": "graph-db""#,
                "outcome `graph-db`: no path from `start` reaches this node",
            )],
        ),
        (
            "bad language tag",
            file_with(r#""lang": "en""#, r#""lang": "english!""#),
            vec![(
                Place::Flow,
                BadLang { lang: "english!".into() },
                "lang",
                r#""lang": ‸"english!""#,
                "flow: `lang` is `english!`, not a language tag such as `en`, `de` or `pt-BR`",
            )],
        ),
        (
            "unknown word in labels",
            file_with(r#""start-over": "Begin again""#, r#""start-again": "Begin again""#),
            vec![(
                Place::Flow,
                UnknownLabel { key: "start-again".into() },
                "labels.start-again",
                r#""start-again": ‸"Begin again""#,
                "flow: `labels` has `start-again`, which is not one of the widget's words",
            )],
        ),
        (
            "a placeholder the word does not fill",
            file_with(r#""start-over": "Begin again""#, r#""start-over": "Begin {step} again""#),
            vec![(
                Place::Flow,
                UnknownPlaceholder {
                    key: "start-over".into(),
                    placeholder: "step".into(),
                },
                "labels.start-over",
                r#""start-over": ‸"Begin {step} again""#,
                "flow: `labels.start-over` has `{step}`, which the word `start-over` does not fill; it would show as written",
            )],
        ),
        (
            "empty word in labels",
            file_with(r#""yes": "Yes, we do""#, r#""yes": " ""#),
            vec![(
                Place::Flow,
                EmptyLabel { key: "yes".into() },
                "labels.yes",
                r#""yes": ‸" ""#,
                "flow: the word for `yes` in `labels` is empty",
            )],
        ),
    ]
}

#[test]
fn validation_errors_name_kind_node_path_and_place() {
    for (name, text, expected) in validation_cases() {
        let errors = match parse(&text) {
            Ok(_) => panic!("{name}: the flow validated but should not"),
            Err(errors) => errors,
        };
        let got: Vec<(Place, FlowErrorKind, String, Option<Location>)> = errors
            .0
            .iter()
            .map(|e| (e.place.clone(), e.kind.clone(), e.path.to_string(), e.at))
            .collect();
        let want: Vec<(Place, FlowErrorKind, String, Option<Location>)> = expected
            .iter()
            .map(|(place, kind, path, marked, _)| {
                (
                    place.clone(),
                    kind.clone(),
                    path.to_string(),
                    Some(position(&text, marked)),
                )
            })
            .collect();
        assert_eq!(got, want, "{name}: errors");
        for (error, (place, _, _, _, message)) in errors.0.iter().zip(&expected) {
            assert_eq!(error.to_string(), *message, "{name}: message");
            // The message names the node (or the flow), then the detail.
            assert_eq!(format!("{place}: {}", error.detail()), *message, "{name}: detail");
            let node = match place {
                Place::Flow => None,
                place => Some(place.to_string()),
            };
            assert_eq!(error.node(), node, "{name}: node");
        }
        // All problems together, one a line, each with its line and column.
        let all: Vec<String> = errors
            .0
            .iter()
            .zip(&expected)
            .map(|(e, (.., message))| {
                let at = e.at.expect("located");
                format!("line {}, column {}: {message}", at.line, at.column)
            })
            .collect();
        assert_eq!(errors.to_string(), all.join("\n"), "{name}: FlowErrors display");
    }
}

#[test]
fn every_error_kind_is_tested() {
    let mut covered: BTreeSet<&str> = validation_cases()
        .iter()
        .flat_map(|(_, _, expected)| expected.iter().map(|(_, k, ..)| kind_name(k)).collect::<Vec<_>>())
        .collect();
    // Syntax errors have their own table below.
    assert!(!shape_cases().is_empty());
    covered.insert("Syntax");
    let all: BTreeSet<&str> = ALL_KINDS.iter().copied().collect();
    assert_eq!(covered, all);
}

#[test]
fn several_errors_are_all_reported_in_file_order() {
    let text = f1(
        "a",
        &arr(&[
            q("a", "b", "r"),
            q("Bad", "r", "r"),
            r#"{"id":"b","text":"","yes":"nowhere"}"#.to_owned(),
            q("a", "r", "r"),
        ]),
        &arr(&[o("r")]),
    );
    let text = edit(
        &edit(&text, r#""format":1"#, r#""format":3"#),
        r#""version":1"#,
        r#""version":0"#,
    );
    let errors = parse(&text).expect_err("a broken file");
    let got: Vec<(Place, FlowErrorKind, Option<Location>)> = errors
        .0
        .iter()
        .map(|e| (e.place.clone(), e.kind.clone(), e.at))
        .collect();
    let at = |marked| Some(position(&text, marked));
    assert_eq!(
        got,
        vec![
            (
                Place::Flow,
                FlowErrorKind::UnsupportedFormat { found: 3 },
                at(r#""format":‸3"#)
            ),
            (Place::Flow, FlowErrorKind::BadVersion, at(r#""version":‸0"#)),
            (
                question("Bad"),
                FlowErrorKind::BadId { id: "Bad".into() },
                at(r#"{"id":‸"Bad""#)
            ),
            (
                question("b"),
                FlowErrorKind::MissingAnswer { answer: "no" },
                at(r#",‸{"id":"b""#)
            ),
            (
                question("b"),
                FlowErrorKind::EmptyText { field: "text" },
                at(r#""text":‸"""#)
            ),
            (
                question("b"),
                FlowErrorKind::UnknownTarget {
                    choice: "yes".into(),
                    target: "nowhere".into()
                },
                at(r#""yes":‸"nowhere""#)
            ),
            (
                question("a"),
                FlowErrorKind::DuplicateId,
                at(r#"},{"id":‸"a","text":"a?","yes":"r""#)
            ),
        ]
    );
    assert_eq!(errors.to_string().lines().count(), 7);
}

#[test]
fn boundaries_of_choices_ids_and_languages() {
    // Two and eight choices are allowed; so is a choice to the node another
    // choice leads to, and choice ids that are also node ids or `yes`/`no`.
    let eight: Vec<(String, &str)> = (1..=8).map(|i| (format!("c{i}"), "r")).collect();
    let eight: Vec<(&str, &str)> = eight.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    for choices in [
        &[("x", "r"), ("y", "r")][..],
        &eight,
        &[("no", "r"), ("yes", "r"), ("r", "r")],
    ] {
        let text = crate::common::file2("t", 1, "a", &arr(&[crate::common::qc("a", choices)]), &arr(&[o("r")]));
        let flow = valid(&text);
        let question = flow.question(flow.start()).expect("a question");
        assert_eq!(question.choices.len(), choices.len());
        assert!(!question.is_yes_no(), "choices named yes and no are still choices");
    }
    // A 64-character choice id is the longest allowed.
    let long = "c".repeat(64);
    let choices = [(long.as_str(), "r"), ("b", "r")];
    valid(&crate::common::file2(
        "t",
        1,
        "a",
        &arr(&[crate::common::qc("a", &choices)]),
        &arr(&[o("r")]),
    ));

    // Language tags: a 2 or 3 letter language, then subtags.
    for tag in ["en", "pt-BR", "zh-Hant-TW", "de-CH-1996", "ast", "ar"] {
        let flow = valid(&file_with(r#""lang": "en""#, &format!(r#""lang": "{tag}""#)));
        assert_eq!(flow.lang(), Some(tag));
    }
    for tag in [
        "",
        "e",
        "english",
        "en_US",
        "en-",
        "-en",
        "1234",
        "en--us",
        "en-toolongsubtag",
    ] {
        let errors = parse(&file_with(r#""lang": "en""#, &format!(r#""lang": "{tag}""#))).expect_err(tag);
        assert_eq!(
            errors.kinds().collect::<Vec<_>>(),
            [&FlowErrorKind::BadLang { lang: tag.into() }],
            "{tag}"
        );
    }
    // Every word of the widget may be replaced; `labels` may be empty.
    let labels = "{\n    \"yes\": \"Yes, we do\",\n    \"start-over\": \"Begin again\"\n  }";
    for key in words::keys() {
        let flow = valid(&file_with(labels, &format!(r#"{{ "{key}": "Mine" }}"#)));
        assert_eq!(flow.label(&key), Some("Mine"), "{key}");
    }
    for key in ["yes", "no", "back", "start-over", "copy-link"] {
        assert!(
            words::is_key(key),
            "DESIGN.md names `{key}` as a word authors may replace"
        );
    }
    let text = file_with(
        "{\n    \"yes\": \"Yes, we do\",\n    \"start-over\": \"Begin again\"\n  }",
        "{}",
    );
    assert_eq!(valid(&text).labels(), []);
}

// ---------------------------------------------------------------------------
// Files of the wrong shape, or not JSON at all

/// A file that is not a flow: its name, its text, the JSON path the
/// sentence is about, where in the file (`None` for an empty file), and the
/// sentence.
type ShapeCase = (&'static str, String, &'static str, Option<&'static str>, &'static str);

fn shape_cases() -> Vec<ShapeCase> {
    let mut cut = FILE[..FILE.find("\"questions\": [").expect("questions")].to_owned();
    cut.push_str("\"questions\": [");
    vec![
        // Wrong types, in words rather than serde's.
        (
            "a version with a fraction",
            file_with(r#""version": 3"#, r#""version": 1.5"#),
            "version",
            Some(r#""version": ‸1.5"#),
            "`version` must be a whole number, not the number 1.5",
        ),
        (
            "a version in quotes",
            file_with(r#""version": 3"#, r#""version": "3""#),
            "version",
            Some(r#""version": ‸"3""#),
            r#"`version` must be a whole number, not the text "3""#,
        ),
        (
            "a negative version",
            file_with(r#""version": 3"#, r#""version": -3"#),
            "version",
            Some(r#""version": ‸-3"#),
            "`version` is -3; it must not be negative",
        ),
        (
            "a version too large",
            file_with(r#""version": 3"#, r#""version": 4294967296"#),
            "version",
            Some(r#""version": ‸4294967296"#),
            "`version` is 4294967296, more than the largest allowed, 4294967295",
        ),
        (
            "a format that is not a number",
            file_with(r#""format": 2"#, r#""format": true"#),
            "format",
            Some(r#""format": ‸true"#),
            "`format` must be a whole number, not true",
        ),
        (
            "an answer in a list",
            file_with(r#""yes": "hosting""#, r#""yes": ["hosting"]"#),
            "questions[1].yes",
            Some(r#""yes": ‸["hosting"]"#),
            "`questions[1].yes` must be text, not a list",
        ),
        (
            "outcomes in an object",
            file_with(r#""outcomes": ["#, r#""outcomes": {"all": ["#),
            "outcomes",
            Some(r#""outcomes": ‸{"#),
            "`outcomes` must be a list, not an object",
        ),
        (
            "questions as null",
            file_with(r#""questions": ["#, r#""questions": null, "list": ["#),
            "questions",
            Some(r#""questions": ‸null"#),
            "`questions` must be a list, not null",
        ),
        (
            "a word that is not text",
            file_with(r#""yes": "Yes, we do""#, r#""yes": 3"#),
            "labels.yes",
            Some(r#""yes": ‸3"#),
            "`labels.yes` must be text, not the number 3",
        ),
        // A list where an object belongs.
        (
            "an outcome as a list",
            file_with(r#"{ "id": "sqlite", "title": "SQLite" }"#, r#"["sqlite", "SQLite"]"#),
            "outcomes[1]",
            Some(r#"‸["sqlite""#),
            "`outcomes[1]` must be an object, not a list",
        ),
        (
            "a choice as a list",
            file_with(
                r#"{ "id": "graph", "label": "A graph", "next": "graph-db" }"#,
                r#"["graph", "A graph", "graph-db"]"#,
            ),
            "questions[0].choices[2]",
            Some(r#"‸["graph""#),
            "`questions[0].choices[2]` must be an object, not a list",
        ),
        (
            "the practice note as a list",
            file_with(
                r#"{ "text": "Start with what your team knows.", "section": "practice" }"#,
                r#"["Start with what your team knows."]"#,
            ),
            "practice",
            Some(r#""practice": ‸["#),
            "`practice` must be an object, not a list",
        ),
        (
            "labels as a list",
            file_with(
                "{\n    \"yes\": \"Yes, we do\",\n    \"start-over\": \"Begin again\"\n  }",
                r#"["Yes"]"#,
            ),
            "labels",
            Some(r#""labels": ‸["#),
            "`labels` must be an object of texts, not a list",
        ),
        (
            "the file as a list",
            "[]".into(),
            "",
            Some("‸[]"),
            "the file must be an object, not a list",
        ),
        // Fields that are not there, or should not be.
        (
            "an unknown field",
            file_with(
                r#""title": "Which database?","#,
                r#""title": "Which database?", "colour": "red","#,
            ),
            "",
            Some(r#"‸"colour""#),
            "the file has an unknown field `colour` (a field here is one of `$schema`, `format`, `id`, `version`, \
             `lang`, `title`, `intro`, `start`, `labels`, `practice`, `questions`, `outcomes`)",
        ),
        (
            "an unknown field in a question",
            file_with(r#""help": "Moving money"#, r#""hint": "Moving money"#),
            "questions[1]",
            Some(r#"‸"hint""#),
            "`questions[1]` has an unknown field `hint` (a field here is one of `id`, `label`, `text`, `help`, `yes`, \
             `no`, `choices`)",
        ),
        (
            "an unknown field in a choice",
            file_with(
                r#""next": "transactions" }"#,
                r#""next": "transactions", "default": true }"#,
            ),
            "questions[0].choices[0]",
            Some(r#"‸"default""#),
            "`questions[0].choices[0]` has an unknown field `default` (a field here is one of `id`, `label`, `next`)",
        ),
        (
            "a missing title",
            file_with("  \"title\": \"Which database?\",\n", ""),
            "",
            Some("‸{\n  \"$schema\""),
            "the file is missing the field `title`",
        ),
        (
            "an outcome without a title",
            file_with(r#"{ "id": "sqlite", "title": "SQLite" }"#, r#"{ "id": "sqlite" }"#),
            "outcomes[1]",
            Some(r#"‸{ "id": "sqlite" }"#),
            "`outcomes[1]` is missing the field `title`",
        ),
        (
            "a choice without its next node",
            file_with(r#", "next": "scale" }"#, " }"),
            "questions[0].choices[1]",
            Some(r#"‸{ "id": "documents", "label": "Documents" }"#),
            "`questions[0].choices[1]` is missing the field `next`",
        ),
        // Keys given twice, which JSON leaves open and a flow file refuses.
        (
            "a field twice",
            file_with(
                r#""id": "picking-a-database","#,
                r#""id": "picking-a-database", "id": "other","#,
            ),
            "",
            Some(r#", ‸"id": "other""#),
            "the file has the field `id` twice",
        ),
        (
            "a field twice in a choice",
            file_with(
                r#""next": "transactions" }"#,
                r#""next": "transactions", "label" : "T" }"#,
            ),
            "questions[0].choices[0]",
            Some(r#"‸"label" : "T""#),
            "`questions[0].choices[0]` has the field `label` twice",
        ),
        (
            "a word twice in labels",
            file_with(r#""yes": "Yes, we do","#, r#""yes": "Yes, we do", "yes": "Yes","#),
            "labels",
            Some(r#"‸"yes": "Yes","#),
            "`labels` has the key `yes` twice",
        ),
        // Not JSON.
        (
            "a leading zero",
            file_with(r#""version": 3"#, r#""version": 03"#),
            "",
            Some(r#""version": 0‸3"#),
            "the file is not valid JSON: a number is not written as JSON allows (no leading zeros, no `+`)",
        ),
        (
            "a lone surrogate",
            file_with(r#""title": "SQLite""#, r#""title": "SQ\ud800Lite""#),
            "",
            Some(r#"\ud800‸Lite"#),
            "the file is not valid JSON: a `\\u` escape is not a whole character (lone surrogate)",
        ),
        (
            "a trailing comma in an object",
            file_with(r#""title": "SQLite" }"#, r#""title": "SQLite", }"#),
            "",
            Some(r#""SQLite", ‸}"#),
            "the file is not valid JSON: a comma must not follow the last item (JSON has no trailing commas)",
        ),
        (
            "a trailing comma in a list",
            file_with("\"A wide-column store\" }\n", "\"A wide-column store\" },\n"),
            "",
            Some("store\" },\n  ‸]"),
            "the file is not valid JSON: a comma must not follow the last item (JSON has no trailing commas)",
        ),
        (
            "a line break in a string",
            file_with(r#""title": "SQLite""#, "\"title\": \"SQ\nLite\""),
            "",
            Some("\"SQ‸\nLite"),
            "the file is not valid JSON: a string holds a line break or control character; write it as `\\n` or \
             `\\u00XX`",
        ),
        (
            "single quotes",
            file_with(r#""title": "SQLite""#, "'title': 'SQLite'"),
            "",
            Some("‸'title'"),
            "the file is not valid JSON: a field name must be text in double quotes",
        ),
        (
            "curly quotes from a word processor",
            file_with(r#""title": "Which database?""#, "\"title\": “Which database?”"),
            "",
            Some("\"title\": ‸“"),
            "the file is not valid JSON: expected a value (text, a number, a list, an object, true, false or null)",
        ),
        (
            "more after the flow",
            format!("{FILE}{{}}\n"),
            "",
            Some("}\n‸{}"),
            "the file is not valid JSON: there is more after the flow's closing `}`",
        ),
        (
            "a file cut off",
            cut,
            "",
            Some("\"questions\": ‸["),
            "the file is not valid JSON: it ends before its last list or object is closed",
        ),
        (
            "Markdown instead of JSON",
            "# Which database?\n".into(),
            "",
            Some("‸# Which"),
            "the file is not valid JSON: expected a value (text, a number, a list, an object, true, false or null)",
        ),
        ("an empty file", String::new(), "", None, "the file is empty"),
        ("a file of spaces", " \n\t\n".into(), "", None, "the file is empty"),
    ]
}

#[test]
fn files_of_the_wrong_shape_say_what_and_where() {
    for (name, text, path, marked, message) in shape_cases() {
        let errors = match parse(&text) {
            Ok(_) => panic!("{name}: the file was read but should not"),
            Err(errors) => errors,
        };
        assert_eq!(errors.0.len(), 1, "{name}: one problem\n{errors}");
        let error = &errors.0[0];
        assert!(
            matches!(&error.kind, FlowErrorKind::Syntax { .. }),
            "{name}: {:?}",
            error.kind
        );
        assert_eq!(error.place, Place::Flow, "{name}");
        assert_eq!(error.path.to_string(), path, "{name}: path");
        assert_eq!(error.at, marked.map(|m| position(&text, m)), "{name}: place");
        assert_eq!(error.to_string(), message, "{name}: message");
        assert_eq!(error.detail(), message, "{name}: a syntax error names no node");
        assert_eq!(error.node(), None, "{name}");
        // The same problem from the raw reader alone.
        assert_eq!(RawFlow::parse(&text).expect_err(name), errors, "{name}: RawFlow::parse");
    }
}

#[test]
fn null_is_the_same_as_leaving_a_field_out() {
    let with_null = file_with(
        r#""intro": "A few questions about your data.""#,
        r#""intro": null, "$schema": null"#,
    );
    let with_null = edit(
        &with_null,
        "  \"$schema\": \"https://example.com/flow.schema.json\",\n",
        "",
    );
    let without = edit(FILE, "  \"intro\": \"A few questions about your data.\",\n", "");
    let without = edit(
        &without,
        "  \"$schema\": \"https://example.com/flow.schema.json\",\n",
        "",
    );
    assert_eq!(valid(&with_null), valid(&without));
    assert_eq!(valid(&with_null).intro(), None);
}

// ---------------------------------------------------------------------------
// The model is the file: format 1 unchanged, format 2 as written

/// Checks that `flow` holds exactly what `text` says, reading the file with
/// serde_json's untyped `Value` as the oracle: every id, text, answer and
/// choice, in file order.
fn check_model_matches_file(flow: &Flow, text: &str, ctx: &str) {
    let file: Value = serde_json::from_str(text).expect("the file is JSON");
    let opt = |v: &Value| v.as_str().map(str::to_owned);
    assert_eq!(flow.id().as_str(), file["id"], "{ctx}");
    assert_eq!(Value::from(flow.version()), file["version"], "{ctx}");
    assert_eq!(flow.title(), file["title"], "{ctx}");
    assert_eq!(flow.intro().map(str::to_owned), opt(&file["intro"]), "{ctx}");
    assert_eq!(flow.lang().map(str::to_owned), opt(&file["lang"]), "{ctx}");
    let labels: Vec<(String, String)> = file["labels"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let mut got: Vec<(String, String)> = flow.labels().to_vec();
    got.sort();
    let mut labels = labels;
    labels.sort();
    assert_eq!(got, labels, "{ctx}: labels");
    assert_eq!(flow.node(flow.start()).id.as_str(), file["start"], "{ctx}");
    let note = |n: Option<&Note>| n.map(|n| (n.text.clone(), n.section.clone()));
    let file_note = |v: &Value| {
        v.is_object()
            .then(|| (v["text"].as_str().unwrap_or_default().to_owned(), opt(&v["section"])))
    };
    assert_eq!(note(flow.practice()), file_note(&file["practice"]), "{ctx}: practice");

    // Questions first, then outcomes, each in file order.
    let questions = file["questions"].as_array().cloned().unwrap_or_default();
    let outcomes = file["outcomes"].as_array().cloned().unwrap_or_default();
    assert_eq!(flow.nodes().len(), questions.len() + outcomes.len(), "{ctx}");
    let id_of = |ix: NodeIx| flow.node(ix).id.as_str().to_owned();
    for (node, q) in flow.nodes().iter().zip(&questions) {
        let ctx = format!("{ctx}, question {}", q["id"]);
        assert_eq!(node.id.as_str(), q["id"], "{ctx}");
        let question = node.question().unwrap_or_else(|| panic!("{ctx}: not a question"));
        assert_eq!(question.text, q["text"], "{ctx}");
        assert_eq!(
            node.label,
            opt(&q["label"]).unwrap_or_else(|| question.text.clone()),
            "{ctx}: label"
        );
        assert_eq!(question.help, opt(&q["help"]), "{ctx}");
        let choices: Vec<(String, ChoiceLabel, String)> = question
            .choices
            .iter()
            .map(|c| (c.id.to_string(), c.label.clone(), id_of(c.next)))
            .collect();
        let expected: Vec<(String, ChoiceLabel, String)> = match q["choices"].as_array() {
            Some(list) => list
                .iter()
                .map(|c| {
                    let label = ChoiceLabel::Text(c["label"].as_str().unwrap_or_default().to_owned());
                    (
                        opt(&c["id"]).unwrap_or_default(),
                        label,
                        opt(&c["next"]).unwrap_or_default(),
                    )
                })
                .collect(),
            None => vec![
                ("yes".into(), ChoiceLabel::Yes, opt(&q["yes"]).unwrap_or_default()),
                ("no".into(), ChoiceLabel::No, opt(&q["no"]).unwrap_or_default()),
            ],
        };
        assert_eq!(choices, expected, "{ctx}: choices");
        assert_eq!(question.is_yes_no(), q["choices"].is_null(), "{ctx}");
    }
    for (node, o) in flow.nodes()[questions.len()..].iter().zip(&outcomes) {
        let ctx = format!("{ctx}, outcome {}", o["id"]);
        assert_eq!(node.id.as_str(), o["id"], "{ctx}");
        let outcome = node.outcome().unwrap_or_else(|| panic!("{ctx}: not an outcome"));
        assert_eq!(outcome.title, o["title"], "{ctx}");
        assert_eq!(
            node.label,
            opt(&o["label"]).unwrap_or_else(|| outcome.title.clone()),
            "{ctx}: label"
        );
        assert_eq!(outcome.summary, opt(&o["summary"]), "{ctx}");
        let reasons: Vec<Option<(String, Option<String>)>> = outcome.reasons.iter().map(|r| note(Some(r))).collect();
        let expected: Vec<Option<(String, Option<String>)>> = o["reasons"]
            .as_array()
            .map_or(Vec::new(), |list| list.iter().map(file_note).collect());
        assert_eq!(reasons, expected, "{ctx}: reasons");
    }
}

/// Checks that the raw form of `text` writes back to the same JSON.
fn check_raw_round_trip(text: &str, ctx: &str) {
    let raw = RawFlow::parse(text).unwrap_or_else(|e| panic!("{ctx}: {e}"));
    let written = raw.to_json_pretty();
    assert_eq!(RawFlow::parse(&written).as_ref(), Ok(&raw), "{ctx}: read back");
    let original: Value = serde_json::from_str(text).expect("JSON");
    let rewritten: Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(rewritten, original, "{ctx}: nothing lost or added");
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_file() {
    // Some editors on Windows begin a UTF-8 file with one.
    let with_mark = format!("\u{feff}{BUILTIN_FLOW_JSON}");
    assert_eq!(
        check(&with_mark).map(|f| f.id().to_string()),
        Ok("rag-vs-fine-tuning".to_owned())
    );
    // Positions are counted as an editor shows them, without the mark.
    let broken = format!("\u{feff}{}", BUILTIN_FLOW_JSON.replacen("{", "{,", 1));
    let errors = check(&broken).expect_err("a comma too many");
    assert_eq!(errors.0[0].at, Some(Location { line: 1, column: 2 }));
}

#[test]
fn format_1_files_load_unchanged() {
    // The built-in flow is a format 1 file: every field arrives in the model.
    let flow = builtin();
    check_model_matches_file(&flow, BUILTIN_FLOW_JSON, "built-in");
    check_raw_round_trip(BUILTIN_FLOW_JSON, "built-in");
    assert_eq!(RawFlow::parse(BUILTIN_FLOW_JSON).expect("readable").format, 1);
    assert_eq!(flow.lang(), None);
    assert_eq!(flow.labels(), []);
    // Its texts, as the article's table has them.
    let texts: Vec<(&str, &str)> = flow.nodes().iter().map(|n| (n.id.as_str(), n.label.as_str())).collect();
    assert_eq!(
        texts,
        [
            ("data-freshness", "Data changes more than monthly?"),
            ("citations", "Answers must cite sources?"),
            ("style", "Mainly style or format?"),
            ("latency-privacy", "Hard latency or privacy limits?"),
            ("rag", "RAG"),
            ("fine-tune", "Fine-tune for style"),
            ("fine-tune-small-open-weight", "Small open-weight model"),
        ]
    );

    // Format 1 files may carry `$schema` (the built-in one does) or not,
    // and a minimal file needs no optional field at all.
    assert!(BUILTIN_FLOW_JSON.contains("\"$schema\": \"../flow.schema.json\""));
    let without_schema = builtin_with("\"$schema\": \"../flow.schema.json\",\n  ", "");
    assert_eq!(valid(&without_schema), flow);
    let minimal = file("t", 1, "a", &arr(&[q("a", "r", "r")]), &arr(&[o("r")]));
    let minimal_flow = valid(&minimal);
    check_model_matches_file(&minimal_flow, &minimal, "minimal");
    check_raw_round_trip(&minimal, "minimal");
}

#[test]
fn format_2_files_load_as_written() {
    check_model_matches_file(&valid(FILE), FILE, "FILE");
    check_raw_round_trip(FILE, "FILE");
    // The example flow shipped in static/flows/.
    let example = include_str!("../../../../static/flows/data-pipeline-schedule.json");
    check_model_matches_file(&valid(example), example, "example");
    check_raw_round_trip(example, "example");
    for size in [
        crate::common::SMALL,
        crate::common::SMALL_CHOICES,
        crate::common::LARGE_CHOICES,
    ] {
        for seed in 1..=40 {
            let text = crate::common::random_flow(seed, size);
            check_model_matches_file(&valid(&text), &text, &format!("{size:?} seed {seed}"));
            check_raw_round_trip(&text, &format!("{size:?} seed {seed}"));
        }
    }
}

// ---------------------------------------------------------------------------
// No panic and no unplaced problem on any damaged file

/// Pieces to insert into a flow file: JSON syntax, wrong values, unicode.
const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "0",
    "-1",
    "1.5",
    "1e999",
    "true",
    "null",
    " ",
    "\n",
    "\t",
    "é",
    "🚀",
    "“",
    "\u{feff}",
    "\"id\": \"x\",",
    "\"yes\": \"rag\",",
    "\"choices\": [],",
    "\"next\": \"nowhere\"",
    "\"lang\": \"??\",",
    "\"labels\": {\"zoom\": \"\"},",
    "x",
];

/// Strings to put in place of one of a file's strings: ids known and
/// unknown, bad ids, language tags, empty and blank texts.
const STRINGS: &[&str] = &[
    "data-shape",
    "transactions",
    "scale",
    "hosting",
    "postgres",
    "sqlite",
    "graph-db",
    "rag",
    "citations",
    "style",
    "yes",
    "no",
    "start-over",
    "zoom",
    "en",
    "pt-BR",
    "english",
    "Bad Id",
    "x-",
    "",
    " ",
];

/// `text` damaged at random: cut, with JSON syntax or unicode inserted, or
/// (keeping it JSON) with some of its string values replaced.
fn damage(rng: &mut Rng, text: &str) -> String {
    let mut text = text.to_owned();
    let semantic = rng.below(3) != 0;
    for _ in 0..1 + rng.below(3) {
        if semantic {
            // The strings that are values, not keys.
            let quotes: Vec<usize> = text.match_indices('"').map(|(at, _)| at).collect();
            let values: Vec<(usize, usize)> = quotes
                .chunks_exact(2)
                .map(|pair| (pair[0], pair[1] + 1))
                .filter(|&(_, end)| !text[end..].trim_start().starts_with(':'))
                .collect();
            let (start, end) = values[rng.below(values.len())];
            text.replace_range(start..end, &format!("\"{}\"", STRINGS[rng.below(STRINGS.len())]));
        } else {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + rng.below(12)).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let piece = if rng.below(3) == 0 {
                ""
            } else {
                PIECES[rng.below(PIECES.len())]
            };
            text.replace_range(at..end, piece);
        }
    }
    text
}

#[test]
fn damaged_files_never_panic_and_every_problem_is_placed() {
    let mut rng = Rng(0xF11E_5EED);
    let originals = [FILE, BUILTIN_FLOW_JSON];
    let (mut refused, mut validation) = (0, 0);
    for i in 0..2_000 {
        let text = damage(&mut rng, originals[i % 2]);
        let Err(errors) = parse(&text) else {
            continue;
        };
        refused += 1;
        assert!(!errors.0.is_empty(), "{text}");
        for error in &errors.0 {
            validation += usize::from(!matches!(error.kind, FlowErrorKind::Syntax { .. }));
            // Every problem is placed on a line and column of the file.
            let Some(at) = error.at else {
                panic!("unplaced: {error}\n{text}");
            };
            let line = text.split('\n').nth(at.line as usize - 1);
            let line = line.unwrap_or_else(|| panic!("line {} is past the end: {error}\n{text}", at.line));
            assert!(
                at.column >= 1 && at.column as usize <= line.chars().count() + 1,
                "column {} is past line {}: {error}\n{text}",
                at.column,
                at.line
            );
        }
    }
    assert!(
        refused > 1_000 && validation > 1_000,
        "{refused} refused, {validation} validation errors"
    );
}
