//! Native tests of the share-link codec: golden vectors that every released
//! link must keep matching (yes/no flows and a flow with several-answer
//! questions), messages, round trips through the built-in and random flows,
//! and a property test over a million hostile fragments.
//!
//! They run natively and, with `cargo test --target wasm32-unknown-unknown`,
//! in headless Chromium too: the codec is the widget's, and must read links
//! the same in the browser (the property test then takes fewer inputs).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use dw_engine::link::{
    decode, encode, fit_issue, is_widget_link, open, restore, Excerpt, LinkIssue, LinkState, MAX_EXCERPT_LEN,
    MAX_ISSUES, MAX_LINK_LEN,
};
use dw_engine::model::is_valid_id;
use dw_engine::*;

use crate::common::{all_paths, arr, builtin, file, file2, o, q, qc, random_flows, Rng, SMALL, SMALL_CHOICES};

const YES: Answer = Answer::YES;
const NO: Answer = Answer::NO;

// ---------------------------------------------------------------------------
// Helpers

/// Parses and validates a flow file, which must be valid.
fn parse(json: &str) -> Flow {
    crate::common::parse(json).unwrap_or_else(|e| panic!("test flow is invalid:\n{e}\n{json}"))
}

/// `"nny"` for `[NO, NO, YES]`.
fn letters(answers: &[Answer]) -> String {
    answers.iter().map(|a| if *a == YES { 'y' } else { 'n' }).collect()
}

/// How a link writes each answer of `decision`, joined by `/`:
/// `"tables/y/managed"`.
fn codes(flow: &Flow, decision: &Decision) -> String {
    let walk = decision.walk(flow);
    walk.steps
        .iter()
        .map(|s| {
            let question = flow.question(s.question).expect("steps are questions");
            match (question.is_yes_no(), s.answer) {
                (true, YES) => "y".to_owned(),
                (true, _) => "n".to_owned(),
                (false, a) => question.choice(a).expect("a choice").id.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The id of the node a decision's walk stands at.
fn at(flow: &Flow, decision: &Decision) -> String {
    flow.node(decision.walk(flow).position.node()).id.as_str().to_owned()
}

/// A compact, stable description of an issue for the golden vectors. The
/// match is exhaustive, so a new kind cannot be added without a name here.
fn describe(issue: &LinkIssue) -> String {
    let opt = |n: &Option<u32>| n.map_or("-".to_owned(), |n| n.to_string());
    match issue {
        LinkIssue::Truncated => "truncated".into(),
        LinkIssue::UnsupportedFormat { format } => format!("unsupported-format:{format}"),
        LinkIssue::BadEscape => "bad-escape".into(),
        LinkIssue::MissingFlow => "missing-flow".into(),
        LinkIssue::BadFlowId { excerpt } => format!("bad-flow-id:{}", excerpt.as_str()),
        LinkIssue::MissingVersion => "missing-version".into(),
        LinkIssue::BadVersion { excerpt } => format!("bad-version:{}", excerpt.as_str()),
        LinkIssue::Unreadable { excerpt } => format!("unreadable:{}", excerpt.as_str()),
        LinkIssue::BadQuestionId { excerpt } => format!("bad-question-id:{}", excerpt.as_str()),
        LinkIssue::MissingAnswer { question } => format!("missing-answer:{question}"),
        LinkIssue::BadAnswer { question, excerpt } => format!("bad-answer:{question}:{}", excerpt.as_str()),
        LinkIssue::UnknownChoice { question, choice } => format!("unknown-choice:{question}:{choice}"),
        LinkIssue::DuplicateAnswer { question } => format!("duplicate-answer:{question}"),
        LinkIssue::DifferentFlow { flow } => format!("different-flow:{flow}"),
        LinkIssue::VersionChanged {
            link,
            current,
            reset_from,
        } => format!("version:{link}:{current}:{}", opt(reset_from)),
        LinkIssue::UnknownQuestion { question } => format!("unknown-question:{question}"),
        LinkIssue::OffPath { question } => format!("off-path:{question}"),
        LinkIssue::AnswersReset { from_step } => format!("answers-reset:{from_step}"),
        LinkIssue::More { count } => format!("more:{count}"),
    }
}

/// The kind part of a description, `off-path` for `off-path:style`.
fn kind_of(description: &str) -> &str {
    description.split(':').next().unwrap_or(description)
}

/// Every kind [`describe`] can name.
const ALL_KINDS: &[&str] = &[
    "truncated",
    "unsupported-format",
    "bad-escape",
    "missing-flow",
    "bad-flow-id",
    "missing-version",
    "bad-version",
    "unreadable",
    "bad-question-id",
    "missing-answer",
    "bad-answer",
    "unknown-choice",
    "duplicate-answer",
    "different-flow",
    "version",
    "unknown-question",
    "off-path",
    "answers-reset",
    "more",
];

// ---------------------------------------------------------------------------
// 1. Frozen flows for the golden vectors

/// The shape of the built-in flow as released in version 1: its ids and
/// edges, which are all a link depends on. Frozen like the vectors: when the
/// built-in flow changes, add a fixture for the new version, never edit this.
fn frozen_v1() -> Flow {
    parse(&file(
        "rag-vs-fine-tuning",
        1,
        "data-freshness",
        &arr(&[
            q("data-freshness", "rag", "citations"),
            q("citations", "rag", "style"),
            q("style", "fine-tune", "latency-privacy"),
            q("latency-privacy", "fine-tune-small-open-weight", "rag"),
        ]),
        &arr(&[o("rag"), o("fine-tune"), o("fine-tune-small-open-weight")]),
    ))
}

/// A made-up version 2 of the built-in flow, never released: it asks a new
/// question `eval-set` third. It stands in for any later version, to test
/// links made with an older one (and, opened by version 1, a newer one).
fn made_up_v2() -> Flow {
    parse(&file(
        "rag-vs-fine-tuning",
        2,
        "data-freshness",
        &arr(&[
            q("data-freshness", "rag", "citations"),
            q("citations", "rag", "eval-set"),
            q("eval-set", "style", "rag"),
            q("style", "fine-tune", "latency-privacy"),
            q("latency-privacy", "fine-tune-small-open-weight", "rag"),
        ]),
        &arr(&[o("rag"), o("fine-tune"), o("fine-tune-small-open-weight")]),
    ))
}

/// A made-up flow with several-answer questions and a yes/no question,
/// released in version 1 for the purpose of these vectors. Frozen like
/// [`frozen_v1`]: never edit it.
fn frozen_choices_v1() -> Flow {
    parse(&file2(
        "picking-a-database",
        1,
        "data-shape",
        &arr(&[
            qc(
                "data-shape",
                &[
                    ("tables", "transactions"),
                    ("documents", "scale"),
                    ("graph", "graph-db"),
                    ("events", "scale"),
                ],
            ),
            q("transactions", "hosting", "scale"),
            qc(
                "scale",
                &[
                    ("thousands", "hosting"),
                    ("millions", "document-db"),
                    ("billions", "wide-column"),
                ],
            ),
            qc(
                "hosting",
                &[
                    ("managed", "managed-postgres"),
                    ("self-hosted", "postgres"),
                    ("embedded", "sqlite"),
                ],
            ),
        ]),
        &arr(&[
            o("managed-postgres"),
            o("postgres"),
            o("sqlite"),
            o("document-db"),
            o("graph-db"),
            o("wide-column"),
        ]),
    ))
}

/// A made-up version 2 of [`frozen_choices_v1`]: the choice `events` and
/// the choice `embedded` (with its outcome) are gone, `serverless` is new.
fn made_up_choices_v2() -> Flow {
    parse(&file2(
        "picking-a-database",
        2,
        "data-shape",
        &arr(&[
            qc(
                "data-shape",
                &[
                    ("tables", "transactions"),
                    ("documents", "scale"),
                    ("graph", "graph-db"),
                ],
            ),
            q("transactions", "hosting", "scale"),
            qc(
                "scale",
                &[
                    ("thousands", "hosting"),
                    ("millions", "document-db"),
                    ("billions", "wide-column"),
                ],
            ),
            qc(
                "hosting",
                &[
                    ("managed", "managed-postgres"),
                    ("self-hosted", "postgres"),
                    ("serverless", "managed-postgres"),
                ],
            ),
        ]),
        &arr(&[
            o("managed-postgres"),
            o("postgres"),
            o("document-db"),
            o("graph-db"),
            o("wide-column"),
        ]),
    ))
}

/// The shape of the example flow shipped in `static/flows/`, as released in
/// version 1. Frozen like [`frozen_v1`]: never edit it.
fn frozen_pipeline_v1() -> Flow {
    parse(&file2(
        "data-pipeline-schedule",
        1,
        "change-rate",
        &arr(&[
            qc(
                "change-rate",
                &[
                    ("constantly", "staleness"),
                    ("daily", "staleness"),
                    ("weekly", "volume"),
                    ("rarely", "scheduled-by-hand"),
                ],
            ),
            qc(
                "staleness",
                &[
                    ("seconds", "change-log"),
                    ("minutes", "micro-batch"),
                    ("hours", "volume"),
                ],
            ),
            q("change-log", "change-data-capture", "application-events"),
            qc(
                "volume",
                &[
                    ("small", "full-reload"),
                    ("medium", "updated-at"),
                    ("large", "updated-at"),
                ],
            ),
            q("updated-at", "incremental-load", "snapshot-compare"),
        ]),
        &arr(&[
            o("scheduled-by-hand"),
            o("micro-batch"),
            o("change-data-capture"),
            o("application-events"),
            o("full-reload"),
            o("incremental-load"),
            o("snapshot-compare"),
        ]),
    ))
}

/// A flow's id, version and start, then every node's id with where its
/// answers lead, one line each.
fn shape(flow: &Flow) -> Vec<String> {
    let id = |ix: NodeIx| flow.node(ix).id.as_str();
    let mut nodes: Vec<String> = flow
        .nodes()
        .iter()
        .map(|n| match n.question() {
            Some(q) if q.is_yes_no() => {
                format!("{}: yes {}, no {}", n.id, id(q.choices[0].next), id(q.choices[1].next))
            }
            Some(q) => {
                let choices: Vec<String> = q.choices.iter().map(|c| format!("{} {}", c.id, id(c.next))).collect();
                format!("{}: {}", n.id, choices.join(", "))
            }
            None => format!("{}: outcome", n.id),
        })
        .collect();
    nodes.sort();
    nodes.insert(0, format!("{}@{} from {}", flow.id(), flow.version(), id(flow.start())));
    nodes
}

#[test]
fn builtin_flow_has_a_frozen_fixture() {
    // The golden vectors run against frozen fixtures so they never need
    // editing; this ties the fixture to what is actually shipped.
    let flow = builtin();
    assert_eq!(
        flow.version(),
        1,
        "the built-in flow has a new version: add a frozen fixture for it (keep frozen_v1) and vectors for it"
    );
    assert_eq!(shape(&flow), shape(&frozen_v1()));
}

#[test]
fn shipped_example_flow_has_a_frozen_fixture() {
    let flow = parse(include_str!("../../../../static/flows/data-pipeline-schedule.json"));
    assert_eq!(
        flow.version(),
        1,
        "the example flow has a new version: add a frozen fixture for it (keep frozen_pipeline_v1) and vectors for it"
    );
    assert_eq!(shape(&flow), shape(&frozen_pipeline_v1()));
    // Its links stay short too.
    for path in all_paths(&flow) {
        let link = encode(&flow, &flow.walk(&path.answers));
        assert!(link.len() < 100, "{} characters: {link}", link.len());
    }
}

// ---------------------------------------------------------------------------
// 2. Golden vectors

/// Which frozen flow a vector opens its link in.
#[derive(Clone, Copy, Debug)]
enum Fixture {
    V1,
    V2,
    /// [`frozen_choices_v1`].
    C1,
    /// [`made_up_choices_v2`].
    C2,
    /// [`frozen_pipeline_v1`].
    P1,
}

/// The frozen flows, by fixture.
struct Fixtures {
    v1: Flow,
    v2: Flow,
    c1: Flow,
    c2: Flow,
    p1: Flow,
}

impl Fixtures {
    fn new() -> Fixtures {
        Fixtures {
            v1: frozen_v1(),
            v2: made_up_v2(),
            c1: frozen_choices_v1(),
            c2: made_up_choices_v2(),
            p1: frozen_pipeline_v1(),
        }
    }

    fn get(&self, fixture: Fixture) -> &Flow {
        match fixture {
            Fixture::V1 => &self.v1,
            Fixture::V2 => &self.v2,
            Fixture::C1 => &self.c1,
            Fixture::C2 => &self.c2,
            Fixture::P1 => &self.p1,
        }
    }
}

/// One link and what opening it must give.
struct Vector {
    flow: Fixture,
    link: &'static str,
    /// The restored answers: `y`/`n` letters in the yes/no fixtures, each
    /// answer as a link writes it joined by `/` in the several-answer ones
    /// (`"tables/y/managed"`); `None` when the fragment is not a widget link
    /// and is ignored.
    answers: Option<&'static str>,
    /// Id of the node the restored walk stands at.
    at: &'static str,
    /// The issues, as [`describe`] writes them, in order.
    issues: &'static [&'static str],
}

const fn v(
    flow: Fixture,
    link: &'static str,
    answers: Option<&'static str>,
    at: &'static str,
    issues: &'static [&'static str],
) -> Vector {
    Vector {
        flow,
        link,
        answers,
        at,
        issues,
    }
}

use Fixture::{C1, C2, P1, V1, V2};

// Link format 1. These vectors are append-only: every link ever issued must
// keep opening the same way, so never edit or delete a row. When behaviour
// must change for new links, that is a new format with new rows.
#[rustfmt::skip]
const VECTORS: &[Vector] = &[
    // The five paths of the built-in flow.
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=y", Some("y"), "rag", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=y", Some("ny"), "rag", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y", Some("nny"), "fine-tune", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y", Some("nnny"), "fine-tune-small-open-weight", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=n", Some("nnnn"), "rag", &[]),
    // Spelling variants that mean the same.
    v(V1, "#dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y", Some("nny"), "fine-tune", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=no/citations=no/style=no/latency-privacy=yes", Some("nnny"), "fine-tune-small-open-weight", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/style=y/citations=n/data-freshness=n", Some("nny"), "fine-tune", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1//data-freshness=y//", Some("y"), "rag", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n%20/%20citations=y", Some("ny"), "rag", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data%2Dfreshness=y", Some("y"), "rag", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1%2Fdata-freshness%3Dn%2Fcitations%3Dy", Some("ny"), "rag", &[]),
    v(V1, "dw01/rag-vs-fine-tuning@1/data-freshness=y", Some("y"), "rag", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@01/data-freshness=y", Some("y"), "rag", &[]),
    // Partial paths.
    v(V1, "dw1/rag-vs-fine-tuning@1", Some(""), "data-freshness", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/", Some(""), "data-freshness", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n", Some("n"), "citations", &[]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n", Some("nnn"), "latency-privacy", &[]),
    // Links made with an older version of the flow.
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y", Some("nn"), "eval-set", &["version:1:2:3"]),
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y", Some("nn"), "eval-set", &["version:1:2:3"]),
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=y", Some("y"), "rag", &["version:1:2:-"]),
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=y", Some("ny"), "rag", &["version:1:2:-"]),
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=n", Some("n"), "citations", &["version:1:2:-"]),
    v(V2, "dw1/rag-vs-fine-tuning@1", Some(""), "data-freshness", &["version:1:2:-"]),
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=x/style=y", Some("n"), "citations", &["bad-answer:citations:x", "version:1:2:2"]),
    v(V2, "dw1/rag-vs-fine-tuning@1/data-freshness=y/citations=n", Some("y"), "rag", &["version:1:2:-", "off-path:citations"]),
    // Links made with a newer version of the flow than the page has.
    v(V1, "dw1/rag-vs-fine-tuning@2/data-freshness=n/citations=n/eval-set=y/style=y", Some("nny"), "fine-tune", &["version:2:1:-", "unknown-question:eval-set"]),
    v(V1, "dw1/rag-vs-fine-tuning@2/data-freshness=n/citations=n/eval-set=n", Some("nn"), "style", &["version:2:1:-", "unknown-question:eval-set"]),
    v(V2, "dw1/rag-vs-fine-tuning@2/data-freshness=n/citations=n/eval-set=y/style=y", Some("nnyy"), "fine-tune", &[]),
    // Links for another flow.
    v(V1, "dw1/other-flow@1/data-freshness=y", Some(""), "data-freshness", &["different-flow:other-flow"]),
    v(V1, "dw1/other-flow@7", Some(""), "data-freshness", &["different-flow:other-flow"]),
    // Not widget links: section anchors and the like are ignored silently.
    v(V1, "", None, "data-freshness", &[]),
    v(V1, "#", None, "data-freshness", &[]),
    v(V1, "rag-is-the-default", None, "data-freshness", &[]),
    v(V1, "#rag-is-the-default", None, "data-freshness", &[]),
    v(V1, "#dw/rag-vs-fine-tuning@1", None, "data-freshness", &[]),
    v(V1, "dw1", None, "data-freshness", &[]),
    v(V1, "DW1/rag-vs-fine-tuning@1/data-freshness=y", None, "data-freshness", &[]),
    v(V1, "##dw1/rag-vs-fine-tuning@1/data-freshness=y", None, "data-freshness", &[]),
    v(V1, " dw1/rag-vs-fine-tuning@1/data-freshness=y", None, "data-freshness", &[]),
    v(V1, "dw1%2Frag-vs-fine-tuning@1/data-freshness=y", None, "data-freshness", &[]),
    // Link formats this build does not read.
    v(V1, "dw9/rag-vs-fine-tuning@1/data-freshness=y", Some(""), "data-freshness", &["unsupported-format:9"]),
    v(V1, "#dw2/anything", Some(""), "data-freshness", &["unsupported-format:2"]),
    v(V1, "dw0/rag-vs-fine-tuning@1", Some(""), "data-freshness", &["unsupported-format:0"]),
    v(V1, "dw99999999999/x", Some(""), "data-freshness", &["unsupported-format:4294967295"]),
    // Damaged flow part: the answers are still used.
    v(V1, "dw1/rag-vs-fine-tuning/data-freshness=y", Some("y"), "rag", &["missing-version"]),
    v(V1, "dw1/rag-vs-fine-tuning@/data-freshness=y", Some("y"), "rag", &["bad-version:"]),
    v(V1, "dw1/rag-vs-fine-tuning@one/data-freshness=y", Some("y"), "rag", &["bad-version:one"]),
    v(V1, "dw1/rag-vs-fine-tuning@0/data-freshness=y", Some("y"), "rag", &["bad-version:0"]),
    v(V1, "dw1/rag-vs-fine-tuning@-1", Some(""), "data-freshness", &["bad-version:-1"]),
    v(V1, "dw1/rag-vs-fine-tuning@99999999999/data-freshness=y", Some("y"), "rag", &["bad-version:99999999999"]),
    v(V1, "dw1/", Some(""), "data-freshness", &["missing-flow"]),
    v(V1, "dw1/data-freshness=n/citations=y", Some("ny"), "rag", &["missing-flow"]),
    v(V1, "dw1/Rag_vs_Fine_Tuning@1/data-freshness=y", Some("y"), "rag", &["bad-flow-id:RagvsFineTuning"]),
    v(V1, "dw1/@1/data-freshness=y", Some("y"), "rag", &["bad-flow-id:"]),
    // Damaged answers: skipped, the rest kept.
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness", Some(""), "data-freshness", &["missing-answer:data-freshness"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=", Some(""), "data-freshness", &["bad-answer:data-freshness:"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=Y", Some(""), "data-freshness", &["bad-answer:data-freshness:Y"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n=y", Some(""), "data-freshness", &["bad-answer:data-freshness:ny"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=maybe/style=y", Some("n"), "citations", &["bad-answer:citations:maybe", "answers-reset:2"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/style=y", Some("n"), "citations", &["answers-reset:2"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/Data_Freshness=y", Some(""), "data-freshness", &["bad-question-id:DataFreshness"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/=y", Some(""), "data-freshness", &["bad-question-id:"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/données=y/data-freshness=y", Some("y"), "rag", &["bad-question-id:donnes"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/data-freshness=y/citations=y", Some("ny"), "rag", &["duplicate-answer:data-freshness"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=y/citations=n", Some("y"), "rag", &["off-path:citations"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=y/style=n/latency-privacy=y", Some("ny"), "rag", &["off-path:style", "off-path:latency-privacy"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/unknown-q=y/data-freshness=y", Some("y"), "rag", &["unknown-question:unknown-q"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/rag=y", Some(""), "data-freshness", &["unknown-question:rag"]),
    // Broken escapes and text that is not UTF-8.
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=%ZZ", Some("n"), "citations", &["bad-escape", "bad-answer:citations:ZZ"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=%FF", Some(""), "data-freshness", &["bad-escape", "bad-answer:data-freshness:"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=y%", Some(""), "data-freshness", &["bad-escape", "bad-answer:data-freshness:y"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=y/%E2%82", Some("y"), "rag", &["bad-escape", "unreadable:"]),
    // Markup is never echoed back.
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=n/%3Cscript%3Ealert(1)%3C/script%3E=y", Some("n"), "citations", &["unreadable:scriptalert1", "bad-question-id:script"]),
    v(V1, "dw1/<script>alert(1)</script>@1", Some(""), "data-freshness", &["bad-flow-id:scriptalert1", "missing-version", "unreadable:script1"]),
    v(V1, "dw1/rag-vs-fine-tuning@1/data-freshness=<img src=x onerror=alert(1)>", Some(""), "data-freshness", &["bad-answer:data-freshness:imgsrcxonerroralert1"]),
    // Many problems: the first ten are listed, the rest counted.
    v(V1, "dw1/rag-vs-fine-tuning@1/a1/a2/a3/a4/a5/a6/a7/a8/a9/a10/a11/a12/a1", Some(""), "data-freshness", &["missing-answer:a1", "missing-answer:a2", "missing-answer:a3", "missing-answer:a4", "missing-answer:a5", "missing-answer:a6", "missing-answer:a7", "missing-answer:a8", "missing-answer:a9", "missing-answer:a10", "more:2"]),
    // A flow with several-answer questions: answers name choice ids, and its
    // yes/no question still takes `y` and `n`.
    v(C1, "dw1/picking-a-database@1/data-shape=tables/transactions=y/hosting=managed", Some("tables/y/managed"), "managed-postgres", &[]),
    v(C1, "dw1/picking-a-database@1/data-shape=tables/transactions=n/scale=billions", Some("tables/n/billions"), "wide-column", &[]),
    v(C1, "dw1/picking-a-database@1/data-shape=documents/scale=millions", Some("documents/millions"), "document-db", &[]),
    v(C1, "dw1/picking-a-database@1/data-shape=graph", Some("graph"), "graph-db", &[]),
    v(C1, "dw1/picking-a-database@1/data-shape=events/scale=thousands/hosting=embedded", Some("events/thousands/embedded"), "sqlite", &[]),
    // Spelling variants that mean the same.
    v(C1, "#dw1/picking-a-database@1/data-shape=tables/transactions=yes/hosting=self-hosted", Some("tables/y/self-hosted"), "postgres", &[]),
    v(C1, "dw1/picking-a-database@1/hosting=embedded/transactions=y/data-shape=tables", Some("tables/y/embedded"), "sqlite", &[]),
    v(C1, "dw1/picking-a-database@1/data-shape=t%61bles/transactions=n", Some("tables/n"), "scale", &[]),
    // Partial paths.
    v(C1, "dw1/picking-a-database@1", Some(""), "data-shape", &[]),
    v(C1, "dw1/picking-a-database@1/data-shape=events", Some("events"), "scale", &[]),
    // A question answered twice: the first answer is used.
    v(C1, "dw1/picking-a-database@1/data-shape=tables/data-shape=graph/transactions=n/scale=thousands/hosting=managed", Some("tables/n/thousands/managed"), "managed-postgres", &["duplicate-answer:data-shape"]),
    // Choices the question does not have: dropped, keeping the best state.
    v(C1, "dw1/picking-a-database@1/data-shape=tables/transactions=y/hosting=on-prem", Some("tables/y"), "hosting", &["unknown-choice:hosting:on-prem"]),
    v(C1, "dw1/picking-a-database@1/data-shape=spreadsheets/transactions=y/hosting=managed", Some(""), "data-shape", &["unknown-choice:data-shape:spreadsheets", "answers-reset:1"]),
    v(C1, "dw1/picking-a-database@1/data-shape=y", Some(""), "data-shape", &["unknown-choice:data-shape:y"]),
    v(C1, "dw1/picking-a-database@1/data-shape=tables/transactions=managed", Some("tables"), "transactions", &["bad-answer:transactions:managed"]),
    v(C1, "dw1/picking-a-database@1/data-shape=Tables", Some(""), "data-shape", &["unknown-choice:data-shape:Tables"]),
    v(C1, "dw1/picking-a-database@1/data-shape=%3Cb%3Etables", Some(""), "data-shape", &["unknown-choice:data-shape:btables"]),
    // Answers off the path, after a missing one, or to no question.
    v(C1, "dw1/picking-a-database@1/data-shape=graph/scale=millions", Some("graph"), "graph-db", &["off-path:scale"]),
    v(C1, "dw1/picking-a-database@1/data-shape=documents/hosting=managed", Some("documents"), "scale", &["answers-reset:2"]),
    v(C1, "dw1/picking-a-database@1/data-shape=graph/colour=red", Some("graph"), "graph-db", &["unknown-question:colour"]),
    // Links made with an older version, whose choices have since changed.
    v(C2, "dw1/picking-a-database@1/data-shape=tables/transactions=y/hosting=managed", Some("tables/y/managed"), "managed-postgres", &["version:1:2:-"]),
    v(C2, "dw1/picking-a-database@1/data-shape=tables/transactions=y/hosting=embedded", Some("tables/y"), "hosting", &["unknown-choice:hosting:embedded", "version:1:2:-"]),
    v(C2, "dw1/picking-a-database@1/data-shape=events/scale=thousands/hosting=managed", Some(""), "data-shape", &["unknown-choice:data-shape:events", "version:1:2:1"]),
    v(C2, "dw1/picking-a-database@2/data-shape=tables/transactions=y/hosting=serverless", Some("tables/y/serverless"), "managed-postgres", &[]),
    // A link made with a newer version than the page has.
    v(C1, "dw1/picking-a-database@2/data-shape=tables/transactions=y/hosting=serverless", Some("tables/y"), "hosting", &["unknown-choice:hosting:serverless", "version:2:1:-"]),
    // Links for the other flow.
    v(C1, "dw1/rag-vs-fine-tuning@1/data-freshness=y", Some(""), "data-shape", &["different-flow:rag-vs-fine-tuning"]),
    v(V1, "dw1/picking-a-database@1/data-shape=tables", Some(""), "data-freshness", &["different-flow:picking-a-database"]),
    // The example flow shipped with the widget.
    v(P1, "dw1/data-pipeline-schedule@1/change-rate=constantly/staleness=seconds/change-log=y", Some("constantly/seconds/y"), "change-data-capture", &[]),
    v(P1, "dw1/data-pipeline-schedule@1/change-rate=daily/staleness=hours/volume=small", Some("daily/hours/small"), "full-reload", &[]),
    v(P1, "dw1/data-pipeline-schedule@1/change-rate=weekly/volume=large/updated-at=n", Some("weekly/large/n"), "snapshot-compare", &[]),
    v(P1, "dw1/data-pipeline-schedule@1/change-rate=rarely", Some("rarely"), "scheduled-by-hand", &[]),
    v(P1, "dw1/data-pipeline-schedule@1/change-rate=weekly", Some("weekly"), "volume", &[]),
    v(P1, "dw1/data-pipeline-schedule@1/change-rate=hourly/staleness=seconds", Some(""), "change-rate", &["unknown-choice:change-rate:hourly", "answers-reset:1"]),
];

/// Opens `link` in `fixture`'s flow and describes the outcome like a vector.
fn open_described(fixture: Fixture, flow: &Flow, link: &str) -> (Option<String>, String, Vec<String>) {
    match open(flow, link) {
        None => (None, at(flow, &Decision::default()), Vec::new()),
        Some((decision, issues)) => (
            Some(match fixture {
                V1 | V2 => letters(decision.answers()),
                C1 | C2 | P1 => codes(flow, &decision),
            }),
            at(flow, &decision),
            issues.iter().map(describe).collect(),
        ),
    }
}

#[test]
fn golden_vectors() {
    let fixtures = Fixtures::new();
    let mut failures = Vec::new();
    for vector in VECTORS {
        let flow = fixtures.get(vector.flow);
        let got = open_described(vector.flow, flow, vector.link);
        let want = (
            vector.answers.map(str::to_owned),
            vector.at.to_owned(),
            vector.issues.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        );
        if got != want {
            failures.push(format!(
                "{:?} {:?}\n   want {want:?}\n    got {got:?}",
                vector.flow, vector.link
            ));
        }
    }
    assert!(failures.is_empty(), "golden vectors failed:\n{}", failures.join("\n"));
}

#[test]
fn golden_vectors_cover_every_issue_kind() {
    let mut covered: Vec<&str> = VECTORS
        .iter()
        .flat_map(|v| v.issues.iter().map(|d| kind_of(d)))
        .collect();
    // Truncation needs links longer than a table row; its own test covers it.
    covered.push("truncated");
    for kind in ALL_KINDS {
        assert!(covered.contains(kind), "no golden vector has an issue of kind `{kind}`");
    }
}

#[test]
fn golden_vectors_agree_with_decode_and_restore() {
    // `open` is decode then restore (decoding's issues fitted to the
    // flow); check it against the steps.
    let fixtures = Fixtures::new();
    for vector in VECTORS {
        let flow = fixtures.get(vector.flow);
        let (state, issues) = decode(vector.link);
        let expected = match state {
            None if issues.is_empty() => None,
            None => Some((Decision::default(), issues)),
            Some(state) => {
                assert_eq!(state.format, 1, "{:?}", vector.link);
                let mut issues: Vec<LinkIssue> = issues.into_iter().map(|i| fit_issue(flow, i)).collect();
                let (decision, more) = restore(flow, &state);
                issues.extend(more);
                Some((decision, issues))
            }
        };
        assert_eq!(open(flow, vector.link), expected, "{:?}", vector.link);
        assert_eq!(
            is_widget_link(vector.link),
            vector.answers.is_some(),
            "{:?}",
            vector.link
        );
    }
}

// ---------------------------------------------------------------------------
// 3. Messages

#[test]
fn issue_messages() {
    let ex = |s: &str| Excerpt::of(s);
    let cases: Vec<(LinkIssue, &str)> =
        vec![
        (
            LinkIssue::Truncated,
            "This link was longer than 2048 characters; its end was cut off and any answers there were dropped.",
        ),
        (
            LinkIssue::UnsupportedFormat { format: 9 },
            "This link was made by a newer version of the widget (link format 9), so it could not be opened.",
        ),
        (
            LinkIssue::UnsupportedFormat { format: 0 },
            "This link is in a format the widget does not know (link format 0), so it could not be opened.",
        ),
        (
            LinkIssue::BadEscape,
            "Part of this link was garbled (a broken %-escape) and could not be read.",
        ),
        (LinkIssue::MissingFlow, "This link does not say which flow it is for."),
        (
            LinkIssue::BadFlowId { excerpt: ex("Rag_Flow") },
            "This link names its flow in a way that cannot be read (“RagFlow”).",
        ),
        (
            LinkIssue::BadFlowId { excerpt: ex("<>") },
            "This link names its flow in a way that cannot be read.",
        ),
        (
            LinkIssue::MissingVersion,
            "This link does not say which version of the flow it was made with.",
        ),
        (
            LinkIssue::BadVersion { excerpt: ex("one") },
            "This link gives a flow version that cannot be read (“one”).",
        ),
        (
            LinkIssue::Unreadable { excerpt: ex("x y") },
            "Part of this link could not be read as an answer (“xy”) and was skipped.",
        ),
        (
            LinkIssue::BadQuestionId { excerpt: ex("Q!") },
            "An answer in this link is for a question whose id cannot be read (“Q”); it was skipped.",
        ),
        (
            LinkIssue::MissingAnswer {
                question: "style".into(),
            },
            "This link names question “style” without an answer; it was skipped.",
        ),
        (
            LinkIssue::BadAnswer {
                question: "style".into(),
                excerpt: ex("maybe"),
            },
            "This link's answer to “style” is “maybe” rather than yes or no; it was skipped.",
        ),
        (
            LinkIssue::BadAnswer {
                question: "style".into(),
                excerpt: ex(""),
            },
            "This link's answer to “style” is not yes or no; it was skipped.",
        ),
        (
            LinkIssue::UnknownChoice {
                question: "hosting".into(),
                choice: "on-prem".into(),
            },
            "This link's answer to “hosting” is “on-prem”, which is not one of its choices; it was dropped.",
        ),
        (
            LinkIssue::DuplicateAnswer {
                question: "style".into(),
            },
            "This link answers “style” more than once; only the first answer was used.",
        ),
        (
            LinkIssue::DifferentFlow {
                flow: "other-flow".into(),
            },
            "This link is for a different flow (“other-flow”), so it was not opened here.",
        ),
        (
            LinkIssue::VersionChanged {
                link: 1,
                current: 2,
                reset_from: Some(3),
            },
            "This link was made with an older version of this flow (version 1); answers from question 3 on were reset.",
        ),
        (
            LinkIssue::VersionChanged {
                link: 1,
                current: 2,
                reset_from: None,
            },
            "This link was made with an older version of this flow (version 1).",
        ),
        (
            LinkIssue::VersionChanged {
                link: 3,
                current: 2,
                reset_from: Some(2),
            },
            "This link was made with a newer version of this flow (version 3); answers from question 2 on were reset.",
        ),
        (
            LinkIssue::UnknownQuestion {
                question: "eval-set".into(),
            },
            "This flow has no question “eval-set”; the link's answer to it was ignored.",
        ),
        (
            LinkIssue::OffPath {
                question: "citations".into(),
            },
            "This link's answer to “citations” does not fit its other answers and was ignored.",
        ),
        (
            LinkIssue::AnswersReset { from_step: 2 },
            "This link has no answer for question 2, so answers from question 2 on were reset.",
        ),
        (
            LinkIssue::More { count: 4 },
            "This link has 4 more problems not listed here.",
        ),
    ];
    for (issue, want) in &cases {
        assert_eq!(issue.to_string(), *want, "{issue:?}");
    }
    // Every kind has a message above.
    for kind in ALL_KINDS {
        assert!(
            cases.iter().any(|(issue, _)| kind_of(&describe(issue)) == *kind),
            "no message test for `{kind}`"
        );
    }
}

#[test]
fn quotes_are_short_and_safe() {
    // Excerpts keep only id-safe characters, at most 40 of them.
    assert_eq!(
        Excerpt::of("<script>alert('x')</script>").as_str(),
        "scriptalertxscript"
    );
    assert_eq!(Excerpt::of(&"ab".repeat(100)).as_str().len(), MAX_EXCERPT_LEN);
    assert_eq!(Excerpt::of("日本🦀").as_str(), "");
    // Ids longer than an excerpt are shortened in messages, with an ellipsis.
    let long = format!("q-{}", "a".repeat(62));
    let text = LinkIssue::OffPath { question: long }.to_string();
    assert_eq!(
        text,
        format!(
            "This link's answer to “q-{}…” does not fit its other answers and was ignored.",
            "a".repeat(38)
        )
    );
    // Even a hand-made issue holding markup cannot carry it into a message.
    let text = LinkIssue::UnknownQuestion {
        question: "<b onmouseover=x>".into(),
    }
    .to_string();
    assert!(!text.contains('<') && !text.contains('>'), "{text}");
}

// ---------------------------------------------------------------------------
// 4. Encoding the built-in flow

#[test]
fn builtin_links() {
    let flow = builtin();
    let cases: &[(&[Answer], &str)] = &[
        (&[], "dw1/rag-vs-fine-tuning@1"),
        (&[YES], "dw1/rag-vs-fine-tuning@1/data-freshness=y"),
        (&[NO], "dw1/rag-vs-fine-tuning@1/data-freshness=n"),
        (&[NO, YES], "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=y"),
        (
            &[NO, NO, YES],
            "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y",
        ),
        (
            &[NO, NO, NO, YES],
            "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y",
        ),
        (
            &[NO, NO, NO, NO],
            "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=n",
        ),
        // Answers past the outcome are not part of the walk, so not of the link.
        (&[YES, NO, NO], "dw1/rag-vs-fine-tuning@1/data-freshness=y"),
    ];
    for (answers, want) in cases {
        let link = encode(&flow, &flow.walk(answers));
        assert_eq!(link, *want, "{answers:?}");
        assert!(is_widget_link(&link));
    }
}

#[test]
fn builtin_links_are_short() {
    // DESIGN.md: well under 100 characters for the built-in flow, on every
    // path and every part of one.
    let flow = builtin();
    for path in all_paths(&flow) {
        let path = path.answers;
        for k in 0..=path.len() {
            let link = encode(&flow, &flow.walk(&path[..k]));
            assert!(link.len() < 100, "{} characters: {link}", link.len());
        }
    }
    let longest = all_paths(&flow)
        .iter()
        .map(|p| encode(&flow, &flow.walk(&p.answers)).len())
        .max();
    assert_eq!(longest, Some(79));
}

// ---------------------------------------------------------------------------
// 5. Decoding details

#[test]
fn widget_links_are_told_from_anchors() {
    for yes in ["dw1/", "#dw1/", "dw1/x", "dw12/", "dw0/", "#dw99999999999999999999/"] {
        assert!(is_widget_link(yes), "{yes:?}");
    }
    for no in [
        "",
        "#",
        "dw",
        "dw/",
        "dw1",
        "#dw1",
        "dwx/",
        "d1/",
        "Dw1/",
        "##dw1/",
        " dw1/",
        "build-rag-first",
    ] {
        assert!(!is_widget_link(no), "{no:?}");
    }
}

#[test]
fn decode_reads_a_link_into_its_parts() {
    let (state, issues) = decode("#dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=yes");
    assert_eq!(issues, []);
    assert_eq!(
        state,
        Some(LinkState {
            flow: Some("rag-vs-fine-tuning".into()),
            flow_version: Some(1),
            answers: vec![
                ("data-freshness".into(), "n".into()),
                ("citations".into(), "yes".into())
            ],
            format: 1,
        })
    );
    // Unreadable parts leave their field empty; the rest is kept.
    let (state, issues) = decode("dw1/Bad!@x/citations=y");
    assert_eq!(
        issues.iter().map(describe).collect::<Vec<_>>(),
        ["bad-flow-id:Bad", "bad-version:x"]
    );
    assert_eq!(
        state,
        Some(LinkState {
            flow: None,
            flow_version: None,
            answers: vec![("citations".into(), "y".into())],
            format: 1,
        })
    );
}

#[test]
fn truncated_links_keep_what_fits() {
    let flow = frozen_v1();
    let base = "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y";
    let describe_all = |issues: &[LinkIssue]| issues.iter().map(describe).collect::<Vec<_>>();

    // A long last part is dropped whole.
    let link = format!("{base}/{}", "x".repeat(3000));
    let (decision, issues) = open(&flow, &link).expect("a widget link");
    assert_eq!(letters(decision.answers()), "nny");
    assert_eq!(describe_all(&issues), ["truncated"]);

    // Answers past the limit are dropped.
    let link = format!(
        "dw1/rag-vs-fine-tuning@1/data-freshness=n{}/citations=y",
        "/".repeat(3000)
    );
    let (decision, issues) = open(&flow, &link).expect("a widget link");
    assert_eq!(letters(decision.answers()), "n");
    assert_eq!(describe_all(&issues), ["truncated"]);

    // The cut falls inside a multi-byte character or a %-escape at every
    // offset around the limit, without a panic or a stray issue.
    for pad in 0..8 {
        for tail in ["é", "日", "🦀", "%2D", "%C3%A9"] {
            let link = format!(
                "{base}/{}{}",
                "x".repeat(MAX_LINK_LEN - base.len() - 4 + pad),
                tail.repeat(8)
            );
            let (decision, issues) = open(&flow, &link).expect("a widget link");
            assert_eq!(letters(decision.answers()), "nny", "pad {pad}, {tail}");
            assert_eq!(describe_all(&issues), ["truncated"], "pad {pad}, {tail}");
        }
    }

    // A link of exactly the limit is not cut.
    let link = format!("{base}/{}", "/".repeat(MAX_LINK_LEN - base.len() - 1));
    assert_eq!(link.len(), MAX_LINK_LEN);
    assert_eq!(describe_all(&decode(&link).1), Vec::<String>::new());

    // A long fragment that is not a widget link is still ignored silently.
    assert_eq!(decode(&format!("#{}", "a".repeat(10_000))), (None, vec![]));
    assert_eq!(decode(&"é".repeat(10_000)), (None, vec![]));
}

#[test]
fn long_paths_reopen_the_part_that_fits() {
    // Forty questions with 60-character ids make a link longer than the
    // limit; it reopens the first part of the path and says so.
    let ids: Vec<String> = (0..40).map(|i| format!("q{i:02}-{}", "a".repeat(56))).collect();
    let questions: Vec<String> = (0..40)
        .map(|i| {
            let next = ids.get(i + 1).map_or("end", String::as_str);
            q(&ids[i], next, next)
        })
        .collect();
    let flow = parse(&file("long", 1, &ids[0], &arr(&questions), &arr(&[o("end")])));
    let walk = flow.walk(&[YES; 40]);
    let link = encode(&flow, &walk);
    assert!(link.len() > MAX_LINK_LEN);
    let (decision, issues) = open(&flow, &link).expect("a widget link");
    assert_eq!(issues, [LinkIssue::Truncated]);
    let kept = decision.answers().len();
    assert!((25..40).contains(&kept), "kept {kept} answers");
    assert_eq!(decision.answers(), &[YES; 40][..kept]);
}

#[test]
fn restore_handles_hand_made_states() {
    // LinkState has public fields, so restore must cope with states decode
    // never makes: repeated ids, an unknown flow, no version.
    let flow = frozen_v1();
    let state = LinkState {
        flow: None,
        flow_version: None,
        answers: vec![
            ("data-freshness".into(), "n".into()),
            ("data-freshness".into(), "y".into()),
            ("style".into(), "y".into()),
        ],
        format: 1,
    };
    let (decision, issues) = restore(&flow, &state);
    assert_eq!(decision.answers(), [NO]);
    assert_eq!(
        issues.iter().map(describe).collect::<Vec<_>>(),
        ["answers-reset:2", "duplicate-answer:data-freshness"]
    );

    // A flow that starts at its outcome uses no answer.
    let flow = parse(&file("t", 1, "r", "[]", &arr(&[o("r")])));
    let state = LinkState {
        flow: Some("t".into()),
        flow_version: Some(1),
        answers: vec![("r".into(), "y".into())],
        format: 1,
    };
    let (decision, issues) = restore(&flow, &state);
    assert_eq!(decision, Decision::default());
    assert_eq!(issues.iter().map(describe).collect::<Vec<_>>(), ["unknown-question:r"]);

    // Answers that decode would have refused: not ids at all, on a yes/no
    // question and on one with choices. Messages still carry no markup.
    let flow = frozen_choices_v1();
    let state = LinkState {
        flow: Some("picking-a-database".into()),
        flow_version: Some(1),
        answers: vec![
            ("data-shape".into(), "tables".into()),
            ("transactions".into(), "<b>Y</b>".into()),
            ("scale".into(), "<script>".into()),
        ],
        format: 1,
    };
    let (decision, issues) = restore(&flow, &state);
    assert_eq!(codes(&flow, &decision), "tables");
    assert_eq!(
        issues.iter().map(describe).collect::<Vec<_>>(),
        ["bad-answer:transactions:bYb", "unknown-choice:scale:<script>"]
    );
    for issue in &issues {
        check_message(issue, "hand-made");
    }
}

// ---------------------------------------------------------------------------
// 6. Round trips

/// The link for `walk`, built the obvious way, to check `encode` against:
/// `y` or `n` for a yes/no question, the choice's id otherwise.
fn reference_link(flow: &Flow, walk: &Walk) -> String {
    let mut link = format!("dw1/{}@{}", flow.id(), flow.version());
    for step in &walk.steps {
        let question = flow.question(step.question).expect("steps are questions");
        let choice = question.choice(step.answer).expect("answers are choices");
        let value = match (question.is_yes_no(), choice.id.as_str()) {
            (true, "yes") => "y",
            (true, _) => "n",
            (false, id) => id,
        };
        link += &format!("/{}={value}", flow.node(step.question).id);
    }
    link
}

/// Encodes every partial and complete path of `flow` and checks that each
/// link reopens exactly that decision, without issues.
fn check_round_trips(flow: &Flow, ctx: &str) -> usize {
    let mut count = 0;
    for path in all_paths(flow) {
        let path = path.answers;
        for k in 0..=path.len() {
            let decision = Decision::new(flow, &path[..k]);
            let walk = decision.walk(flow);
            let link = encode(flow, &walk);
            assert_eq!(link, reference_link(flow, &walk), "{ctx}");

            let (state, issues) = decode(&link);
            assert_eq!(issues, [], "{ctx}: {link}");
            let state = state.unwrap_or_else(|| panic!("{ctx}: {link} did not decode"));
            let ids: Vec<String> = walk
                .steps
                .iter()
                .map(|s| flow.node(s.question).id.to_string())
                .collect();
            assert_eq!(
                state.answers.iter().map(|(id, _)| id.to_string()).collect::<Vec<_>>(),
                ids
            );
            // Each answer is the link's own spelling of it, and an id.
            for (step, (_, value)) in walk.steps.iter().zip(&state.answers) {
                let question = flow.question(step.question).expect("a question");
                let value = value.as_str();
                assert!(is_valid_id(value), "{ctx}: {link}");
                match question.is_yes_no() {
                    true => assert!(value == "y" || value == "n", "{ctx}: {link}"),
                    false => assert_eq!(question.find(value), Some(step.answer), "{ctx}: {link}"),
                }
            }

            let (restored, issues) = restore(flow, &state);
            assert_eq!(issues, [], "{ctx}: {link}");
            assert_eq!(restored, decision, "{ctx}: {link}");
            // With and without the '#', as the browser hands it over.
            assert_eq!(open(flow, &format!("#{link}")), Some((decision, vec![])), "{ctx}");
            count += 1;
        }
    }
    count
}

#[test]
fn builtin_round_trips() {
    let flow = builtin();
    // Five complete paths, each with its partial ones.
    assert_eq!(all_paths(&flow).len(), 5);
    assert_eq!(check_round_trips(&flow, "built-in"), 2 + 3 + 4 + 5 + 5);
}

#[test]
fn choices_round_trips() {
    let flow = frozen_choices_v1();
    // Nineteen complete paths, each with its partial ones.
    assert_eq!(all_paths(&flow).len(), 19);
    assert!(check_round_trips(&flow, "choices") > 19);
    assert!(check_round_trips(&made_up_choices_v2(), "choices v2") > 15);
    // Links of several-answer flows stay readable and short.
    let longest = all_paths(&flow)
        .iter()
        .map(|p| encode(&flow, &flow.walk(&p.answers)))
        .max_by_key(String::len)
        .expect("paths");
    assert_eq!(
        longest,
        "dw1/picking-a-database@1/data-shape=tables/transactions=n/scale=thousands/hosting=self-hosted"
    );
    assert!(longest.len() < 100);
}

#[test]
fn random_flow_round_trips() {
    let mut links = 0;
    for (seed, flow) in random_flows(SMALL) {
        links += check_round_trips(&flow, &format!("seed {seed}"));
    }
    assert!(links > 3_000, "only {links} links checked");
    let mut links = 0;
    for (seed, flow) in random_flows(SMALL_CHOICES) {
        links += check_round_trips(&flow, &format!("choices, seed {seed}"));
    }
    assert!(links > 3_000, "only {links} links checked in flows with choices");
}

// ---------------------------------------------------------------------------
// 7. Hostile input

/// Pieces of fragments: link syntax, ids, answers, broken escapes, unicode
/// and markup.
const TOKENS: &[&str] = &[
    "dw1/",
    "#dw1/",
    "dw9/",
    "dw0/",
    "dw",
    "#",
    "/",
    "/",
    "/",
    "=",
    "=",
    "@",
    "@1",
    "@2",
    "%",
    "%2",
    "%2F",
    "%3D",
    "%40",
    "%FF",
    "%C3%A9",
    "%E2%82",
    "%ZZ",
    "%3Cscript%3E",
    "y",
    "n",
    "yes",
    "no",
    "Y",
    "maybe",
    "1",
    "0",
    "4294967296",
    "rag-vs-fine-tuning",
    "data-freshness",
    "citations",
    "style",
    "latency-privacy",
    "eval-set",
    "rag",
    "question-0",
    "question-1",
    "question-2",
    "question-3",
    "flow-1",
    "-",
    "a-",
    "A_B",
    " ",
    "\n",
    "\0",
    "é",
    "日本語",
    "🦀",
    "\u{202e}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg/onload=alert(1)>",
    "&lt;b&gt;",
    "`",
    "picking-a-database",
    "data-shape",
    "transactions",
    "tables",
    "events",
    "on-prem",
];

/// Questions of the several-answer fixtures, and answers to put to them:
/// their choices, choices that are gone or never were, and `y`/`n`.
const CHOICE_QUESTIONS: &[&str] = &["data-shape", "transactions", "scale", "hosting"];
const CHOICE_VALUES: &[&str] = &[
    "tables",
    "documents",
    "graph",
    "events",
    "y",
    "n",
    "thousands",
    "millions",
    "billions",
    "managed",
    "self-hosted",
    "embedded",
    "serverless",
    "on-prem",
];

/// A random fragment: usually link-shaped, sometimes very long. Its
/// well-formed answers are mostly of the kind its flow asks: `y`/`n` for
/// the built-in flow, choices for the several-answer one.
fn random_fragment(rng: &mut Rng) -> String {
    let mut s = String::new();
    let choices = match rng.below(5) {
        0 => rng.below(2) == 0,
        1 => {
            s.push_str("dw1/");
            rng.below(2) == 0
        }
        2 => {
            s.push_str("dw1/picking-a-database@1/");
            true
        }
        _ => {
            s.push_str("dw1/rag-vs-fine-tuning@1/");
            false
        }
    };
    let long = rng.below(2_000) == 0;
    let parts = if long { 2_000 } else { rng.below(14) };
    for _ in 0..parts {
        if rng.below(3) == 0 {
            // A well-formed answer among the junk.
            if choices != (rng.below(8) == 0) {
                s.push_str(CHOICE_QUESTIONS[rng.below(CHOICE_QUESTIONS.len())]);
                s.push('=');
                s.push_str(CHOICE_VALUES[rng.below(CHOICE_VALUES.len())]);
                s.push('/');
            } else {
                s.push_str(TOKENS[34 + rng.below(11)]);
                s.push_str(if rng.below(2) == 0 { "=y/" } else { "=n/" });
            }
        } else {
            s.push_str(TOKENS[rng.below(TOKENS.len())]);
        }
    }
    s
}

/// Checks that an issue's message is safe to show: no markup characters,
/// and every quote a short run of id-safe characters.
fn check_message(issue: &LinkIssue, input: &str) {
    let text = issue.to_string();
    assert!(
        !text.contains('<') && !text.contains('>'),
        "{input:?}: markup in {text:?}"
    );
    assert!(text.len() < 300, "{input:?}: long message {text:?}");
    assert_eq!(
        text.matches('“').count(),
        text.matches('”').count(),
        "{input:?}: {text:?}"
    );
    for quoted in text.split('“').skip(1) {
        let quoted = quoted.split('”').next().unwrap_or_default();
        let quoted = quoted.strip_suffix('…').unwrap_or(quoted);
        assert!(
            quoted.len() <= MAX_EXCERPT_LEN && quoted.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{input:?}: unsafe quote in {text:?}"
        );
    }
}

/// Checks everything that must hold for any input opened in `flow`; with
/// `reencode`, also that the restored decision makes a clean link.
fn check_any_input(flow: &Flow, input: &str, reencode: bool) {
    let (state, issues) = decode(input);
    assert!(issues.len() <= MAX_ISSUES + 1, "{input:?}: {issues:?}");
    for issue in &issues {
        check_message(issue, input);
    }
    let Some(state) = state else {
        return;
    };
    assert!(is_widget_link(input), "{input:?}");
    assert_eq!(state.format, 1);
    assert!(
        state.flow.as_ref().is_none_or(|id| is_valid_id(id.as_str())),
        "{input:?}: flow {:?}",
        state.flow
    );
    for (i, (id, _)) in state.answers.iter().enumerate() {
        assert!(is_valid_id(id.as_str()), "{input:?}: id {id:?}");
        assert!(
            state.answers[..i].iter().all(|(seen, _)| seen != id),
            "{input:?}: {id} twice"
        );
    }

    let (decision, issues) = restore(flow, &state);
    for issue in &issues {
        check_message(issue, input);
    }
    // A decision valid for the flow: normalised, every answer on its path.
    assert_eq!(Decision::new(flow, decision.answers()), decision, "{input:?}");
    let walk = decision.walk(flow);
    assert_eq!(walk.steps.len(), decision.answers().len(), "{input:?}");

    // What was restored makes a clean link of its own.
    if reencode {
        assert_eq!(open(flow, &encode(flow, &walk)), Some((decision, vec![])), "{input:?}");
    }
}

#[test]
fn any_input_opens_safely() {
    // A million natively; in the browser's debug build, fewer.
    const INPUTS: u64 = if cfg!(target_arch = "wasm32") {
        20_000
    } else {
        1_000_000
    };
    let mut flows = vec![builtin(), made_up_v2(), frozen_choices_v1(), made_up_choices_v2()];
    flows.extend(random_flows(SMALL).take(3).map(|(_, f)| f));
    flows.extend(random_flows(SMALL_CHOICES).take(3).map(|(_, f)| f));
    let run = |t: u64, every: u64| {
        let mut rng = Rng((0x5EED_0000 + t * 0x1_0000_0001) | 1);
        for i in (t..INPUTS).step_by(every as usize) {
            let input = random_fragment(&mut rng);
            check_any_input(&flows[i as usize % flows.len()], &input, i % 4 == 0);
        }
    };
    // Natively, split over threads so the debug build stays fast; each
    // thread has its own seeds, so a failure still names a reproducible
    // input.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(4, |n| n.get()).min(8) as u64;
        std::thread::scope(|scope| {
            for t in 0..threads {
                let run = &run;
                scope.spawn(move || run(t, threads));
            }
        });
    }
    #[cfg(target_arch = "wasm32")]
    run(0, 1);
}

#[test]
fn random_fragments_reach_every_corner() {
    // Guards the generator: the property above means little unless its
    // inputs open links, hit damaged parts and run long.
    let flows = [builtin(), frozen_choices_v1()];
    let mut rng = Rng(7);
    let mut kinds = std::collections::BTreeSet::new();
    let (mut opened, mut long) = (0, 0);
    let mut decided = [0; 2];
    for i in 0..20_000 {
        let flow = &flows[i % 2];
        let input = random_fragment(&mut rng);
        long += usize::from(input.len() > MAX_LINK_LEN);
        if let Some((decision, issues)) = open(flow, &input) {
            opened += 1;
            decided[i % 2] += usize::from(decision.walk(flow).outcome().is_some());
            kinds.extend(issues.iter().map(|i| kind_of(&describe(i)).to_owned()));
        }
    }
    assert!(
        opened > 10_000 && decided[0] > 150 && decided[1] > 30 && long > 3,
        "{opened} {decided:?} {long}"
    );
    for kind in ALL_KINDS {
        // Every flow here is at version 1, as are the links made up.
        if *kind != "version" {
            assert!(kinds.contains(*kind), "random fragments never raise `{kind}`");
        }
    }
}
