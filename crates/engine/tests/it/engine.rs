//! Native tests of the decision engine's evaluation: the built-in flow's
//! paths, progress, alternatives and node states; properties of random flows
//! (yes/no and several-answer); decisions and summaries; and the engine's
//! independence from browser crates. Reading and validating flow files is
//! in `format.rs`, several-answer flows in detail in `choices.rs`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use dw_engine::summary::{AnswerMap, Summary};
use dw_engine::*;

use crate::common::{all_paths, builtin, ids, ix, random_flows, ref_longest, Size, RANDOM_FLOWS, SMALL, SMALL_CHOICES};

const YES: Answer = Answer::YES;
const NO: Answer = Answer::NO;

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
        answers: &[YES],
        path: &["data-freshness", "rag"],
        outcome: "rag",
        progress: &[(1, 4), (1, 1)],
    },
    BuiltinPath {
        answers: &[NO, YES],
        path: &["data-freshness", "citations", "rag"],
        outcome: "rag",
        progress: &[(1, 4), (2, 4), (2, 2)],
    },
    BuiltinPath {
        answers: &[NO, NO, YES],
        path: &["data-freshness", "citations", "style", "fine-tune"],
        outcome: "fine-tune",
        progress: &[(1, 4), (2, 4), (3, 4), (3, 3)],
    },
    BuiltinPath {
        answers: &[NO, NO, NO, YES],
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
        answers: &[NO, NO, NO, NO],
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
    // Every question is a yes/no question: yes, then no.
    for node in flow.nodes() {
        if let Some(q) = node.question() {
            assert!(q.is_yes_no(), "{}", node.id);
            let choices: Vec<(&str, &ChoiceLabel)> = q.choices.iter().map(|c| (c.id.as_str(), &c.label)).collect();
            assert_eq!(
                choices,
                [("yes", &ChoiceLabel::Yes), ("no", &ChoiceLabel::No)],
                "{}",
                node.id
            );
            assert_eq!(q.find("yes"), Some(YES));
            assert_eq!(q.find("no"), Some(NO));
        }
    }
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
        extra.extend([YES, NO, YES]);
        assert_eq!(flow.walk(&extra), walk);
    }
}

/// An expected alternative: the question, the answer taken, the other
/// answer, where it leads, and the outcomes it can reach.
type ExpectedAlternative = (&'static str, Answer, Answer, &'static str, &'static [&'static str]);

#[test]
fn builtin_flow_alternatives() {
    let flow = builtin();
    let cases: &[(&[Answer], &[ExpectedAlternative])] = &[
        (
            &[YES],
            &[(
                "data-freshness",
                YES,
                NO,
                "citations",
                &["rag", "fine-tune", "fine-tune-small-open-weight"],
            )],
        ),
        (
            &[NO, NO, YES],
            &[
                ("data-freshness", NO, YES, "rag", &["rag"]),
                ("citations", NO, YES, "rag", &["rag"]),
                (
                    "style",
                    YES,
                    NO,
                    "latency-privacy",
                    &["rag", "fine-tune-small-open-weight"],
                ),
            ],
        ),
        (
            &[NO, NO, NO, NO],
            &[
                ("data-freshness", NO, YES, "rag", &["rag"]),
                ("citations", NO, YES, "rag", &["rag"]),
                ("style", NO, YES, "fine-tune", &["fine-tune"]),
                (
                    "latency-privacy",
                    NO,
                    YES,
                    "fine-tune-small-open-weight",
                    &["fine-tune-small-open-weight"],
                ),
            ],
        ),
        (
            &[NO, NO, NO, YES],
            &[
                ("data-freshness", NO, YES, "rag", &["rag"]),
                ("citations", NO, YES, "rag", &["rag"]),
                ("style", NO, YES, "fine-tune", &["fine-tune"]),
                ("latency-privacy", YES, NO, "rag", &["rag"]),
            ],
        ),
        // An unfinished walk has alternatives for the questions answered so far.
        (&[NO], &[("data-freshness", NO, YES, "rag", &["rag"])]),
        (&[], &[]),
    ];
    for (answers, expected) in cases {
        let walk = flow.walk(answers);
        let got: Vec<(String, Answer, Answer, String, Vec<String>)> = walk
            .alternatives(&flow)
            .iter()
            .map(|a| {
                (
                    flow.node(a.step.question).id.as_str().to_owned(),
                    a.step.answer,
                    a.answer,
                    flow.node(a.leads_to).id.as_str().to_owned(),
                    ids(&flow, &a.outcomes),
                )
            })
            .collect();
        let want: Vec<(String, Answer, Answer, String, Vec<String>)> = expected
            .iter()
            .map(|(q, a, other, to, outs)| {
                (
                    q.to_string(),
                    *a,
                    *other,
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
    let walk = flow.walk(&[NO, NO]);
    let states = walk.node_states(&flow);
    let state = |id: &str| states[ix(&flow, id).get()];
    assert_eq!(state("data-freshness"), NodeState::Answered(NO));
    assert_eq!(state("citations"), NodeState::Answered(NO));
    assert_eq!(state("style"), NodeState::Current);
    assert_eq!(state("latency-privacy"), NodeState::Open);
    assert_eq!(state("rag"), NodeState::Open);
    assert_eq!(state("fine-tune"), NodeState::Open);

    let walk = flow.walk(&[NO, YES]);
    let states = walk.node_states(&flow);
    let state = |id: &str| states[ix(&flow, id).get()];
    assert_eq!(state("citations"), NodeState::Answered(YES));
    assert_eq!(state("rag"), NodeState::Reached);
    assert_eq!(state("style"), NodeState::Dimmed);
    assert_eq!(state("fine-tune"), NodeState::Dimmed);
    let citations = ix(&flow, "citations");
    assert_eq!(Walk::edge_state(&states, citations, YES), EdgeState::Taken);
    assert_eq!(Walk::edge_state(&states, citations, NO), EdgeState::Dimmed);
    assert_eq!(Walk::edge_state(&states, ix(&flow, "style"), NO), EdgeState::Dimmed);
}

// ---------------------------------------------------------------------------
// 2. Properties of random valid flows

/// The reference answers for every node of a flow, by plain recursion
/// over the graph (remembering each node's answer, so that flows with
/// hundreds of paths stay quick): the most questions a path from the node
/// can ask, and the outcomes it can reach, in node order.
struct Reference {
    longest: Vec<u32>,
    outcomes: Vec<Vec<NodeIx>>,
}

impl Reference {
    fn new(flow: &Flow) -> Reference {
        fn go(flow: &Flow, at: NodeIx, memo: &mut [Option<(u32, BTreeSet<NodeIx>)>]) -> (u32, BTreeSet<NodeIx>) {
            if let Some(known) = &memo[at.get()] {
                return known.clone();
            }
            let answer = match &flow.node(at).kind {
                NodeKind::Outcome(_) => (0, BTreeSet::from([at])),
                NodeKind::Question(q) => {
                    let mut longest = 0;
                    let mut outcomes = BTreeSet::new();
                    for c in &q.choices {
                        let (l, o) = go(flow, c.next, memo);
                        longest = longest.max(l);
                        outcomes.extend(o);
                    }
                    (1 + longest, outcomes)
                }
            };
            memo[at.get()] = Some(answer.clone());
            answer
        }
        let mut memo = vec![None; flow.nodes().len()];
        let (longest, outcomes) = flow
            .indexed()
            .map(|(ix, _)| {
                let (l, o) = go(flow, ix, &mut memo);
                (l, o.into_iter().collect())
            })
            .unzip();
        Reference { longest, outcomes }
    }
}

/// Every answer of the question at `at` other than `taken`.
fn others(flow: &Flow, at: NodeIx, taken: Answer) -> Vec<Answer> {
    let question = flow.question(at).expect("a question");
    question.answers().map(|(a, _)| a).filter(|&a| a != taken).collect()
}

/// Both kinds of random flow: yes/no only, and with several choices.
const SIZES: [(&str, Size); 2] = [("yes/no", SMALL), ("choices", SMALL_CHOICES)];

#[test]
fn random_flows_are_generated_with_variety() {
    // Guards the generator itself: the properties below mean little if every
    // flow were trivial.
    for (name, size) in SIZES {
        let flows: Vec<Flow> = random_flows(size).map(|(_, f)| f).collect();
        assert_eq!(flows.len() as u64, RANDOM_FLOWS, "{name}");
        assert!(flows.iter().any(|f| f.nodes().len() >= 10), "{name}");
        assert!(flows.iter().any(|f| f.node(f.start()).outcome().is_some()), "{name}");
        assert!(flows.iter().any(|f| ref_longest(f, f.start()) >= 6), "{name}");
        assert!(flows.iter().any(|f| all_paths(f).len() >= 20), "{name}");
    }
    // Several-answer flows mix every count of choices with yes/no questions.
    let mut counts = BTreeSet::new();
    let mut mixed = 0;
    for (_, flow) in random_flows(SMALL_CHOICES) {
        let questions: Vec<&Question> = flow.nodes().iter().filter_map(Node::question).collect();
        counts.extend(questions.iter().filter(|q| !q.is_yes_no()).map(|q| q.choices.len()));
        mixed += usize::from(questions.iter().any(|q| q.is_yes_no()) && questions.iter().any(|q| !q.is_yes_no()));
    }
    assert_eq!(counts, (2..=8).collect(), "choice counts");
    assert!(mixed > 50, "only {mixed} flows mix yes/no with several choices");
}

#[test]
fn random_flows_topological_order() {
    for (name, size) in SIZES {
        for (seed, flow) in random_flows(size) {
            let order = flow.topological();
            assert_eq!(order.len(), flow.nodes().len(), "{name} {seed}: every node is ordered");
            assert_eq!(order[0], flow.start(), "{name} {seed}");
            let mut pos = vec![usize::MAX; flow.nodes().len()];
            for (i, n) in order.iter().enumerate() {
                pos[n.get()] = i;
            }
            for (from, node) in flow.indexed() {
                for (_, to) in node.edges() {
                    assert!(pos[from.get()] < pos[to.get()], "{name} {seed}: edge points backwards");
                }
            }
        }
    }
}

#[test]
fn random_flows_walks() {
    for (name, size) in SIZES {
        for (seed, flow) in random_flows(size) {
            check_walks(&flow, &format!("{name} {seed}"));
        }
    }
}

/// Every property of walks along every path of `flow`.
fn check_walks(flow: &Flow, ctx: &str) {
    let paths = all_paths(flow);
    let reference = Reference::new(flow);
    let longest = reference.longest[flow.start().get()];
    assert_eq!(
        flow.walk(&[]).progress(flow).at_most,
        longest,
        "{ctx}: at most as many questions as the longest path"
    );
    assert_eq!(
        paths.iter().map(|p| p.answers.len() as u32).max(),
        Some(longest),
        "{ctx}"
    );

    for p in &paths {
        let answers = &p.answers;
        let walk = flow.walk(answers);
        let ctx = format!("{ctx}, answers {answers:?}");

        // The walk ends in an outcome, along the graph.
        let end = walk.outcome().unwrap_or_else(|| panic!("{ctx}: no outcome"));
        assert!(flow.node(end).outcome().is_some(), "{ctx}");
        assert_eq!(walk.path(), p.nodes, "{ctx}");
        assert_eq!(&walk.answers(), answers, "{ctx}");
        let n = answers.len() as u32;
        assert_eq!(walk.progress(flow), Progress { step: n, at_most: n }, "{ctx}");

        // Progress along the way: step counts up, "at most" never grows.
        let mut last_at_most = u32::MAX;
        for k in 0..answers.len() {
            let partial = flow.walk(&answers[..k]);
            assert_eq!(partial.current(), Some(p.nodes[k]), "{ctx}, after {k}");
            let progress = partial.progress(flow);
            assert_eq!(progress.step, k as u32 + 1, "{ctx}, after {k}");
            assert_eq!(
                progress.at_most,
                k as u32 + reference.longest[p.nodes[k].get()],
                "{ctx}, after {k}"
            );
            assert!(
                progress.at_most >= n && progress.at_most <= last_at_most,
                "{ctx}, after {k}"
            );
            last_at_most = progress.at_most;
        }

        // Changing answer i to any other keeps the steps before it.
        for (i, step) in walk.steps.iter().enumerate() {
            for other in others(flow, step.question, step.answer) {
                let mut changed = answers.clone();
                changed[i] = other;
                let walked = flow.walk(&changed);
                assert_eq!(walked.steps[..i], walk.steps[..i], "{ctx}, changing {i}");
                assert_eq!(walked.steps[i].question, step.question, "{ctx}, changing {i}");
                assert_eq!(walked.steps[i].answer, other, "{ctx}, changing {i}");
            }
        }

        // Alternatives: every other answer of every step, in path order and
        // each question's order, with where it leads and what it can reach.
        let alternatives = walk.alternatives(flow);
        let expected: Vec<(Step, Answer)> = walk
            .steps
            .iter()
            .flat_map(|&s| others(flow, s.question, s.answer).into_iter().map(move |a| (s, a)))
            .collect();
        let got: Vec<(Step, Answer)> = alternatives.iter().map(|a| (a.step, a.answer)).collect();
        assert_eq!(got, expected, "{ctx}");
        for alt in &alternatives {
            let i = walk
                .steps
                .iter()
                .position(|s| *s == alt.step)
                .expect("a step of the walk");
            let mut prefix = answers[..i].to_vec();
            prefix.push(alt.answer);
            assert_eq!(alt.leads_to, flow.walk(&prefix).position.node(), "{ctx}, {alt:?}");
            assert_eq!(alt.outcomes, reference.outcomes[alt.leads_to.get()], "{ctx}, {alt:?}");
            assert!(!alt.outcomes.is_empty(), "{ctx}");
        }

        // Node states: the path is answered then reached, nothing open.
        let states = walk.node_states(flow);
        for step in &walk.steps {
            assert_eq!(states[step.question.get()], NodeState::Answered(step.answer), "{ctx}");
        }
        assert_eq!(states[end.get()], NodeState::Reached, "{ctx}");
        assert!(
            !states.contains(&NodeState::Open) && !states.contains(&NodeState::Current),
            "{ctx}"
        );
        // Edges: exactly the answers taken are lit.
        for (from, node) in flow.indexed() {
            for (answer, _) in node.edges() {
                let taken = walk.steps.iter().any(|s| s.question == from && s.answer == answer);
                let state = Walk::edge_state(&states, from, answer);
                assert_eq!(state == EdgeState::Taken, taken, "{ctx}: edge {from:?} {answer:?}");
            }
        }
    }
}

#[test]
fn random_flows_decisions() {
    for (name, size) in SIZES {
        for (seed, flow) in random_flows(size) {
            check_decisions(&flow, &format!("{name} {seed}"));
        }
    }
}

/// Every property of `Decision::apply` along every path of `flow`.
fn check_decisions(flow: &Flow, ctx: &str) {
    let paths = all_paths(flow);
    let start = Decision::default();
    assert_eq!(start.apply(flow, Action::Back), start, "{ctx}: back at the start");
    assert_eq!(start.apply(flow, Action::Restart), start, "{ctx}");

    for p in &paths {
        let answers = &p.answers;
        let ctx = format!("{ctx}, answers {answers:?}");

        // Answering one by one reaches the same decision as building it.
        let mut d = Decision::default();
        for (k, &a) in answers.iter().enumerate() {
            assert_eq!(d, Decision::new(flow, &answers[..k]), "{ctx}");
            d = d.apply(flow, Action::Answer(a));
        }
        assert_eq!(d.answers(), &answers[..], "{ctx}");
        assert_eq!(d.walk(flow).outcome(), p.nodes.last().copied(), "{ctx}");

        // Answering after the outcome changes nothing.
        assert_eq!(d.apply(flow, Action::Answer(YES)), d, "{ctx}");
        assert_eq!(d.apply(flow, Action::Answer(NO)), d, "{ctx}");

        // Back drops the last answer; Restart drops them all.
        let back = d.apply(flow, Action::Back);
        assert_eq!(back.answers(), &answers[..answers.len().saturating_sub(1)], "{ctx}");
        assert_eq!(d.apply(flow, Action::Restart), Decision::default(), "{ctx}");

        // Revisiting question i keeps the answers before it.
        for (i, step) in d.walk(flow).steps.iter().enumerate() {
            assert_eq!(
                d.apply(flow, Action::Revisit(step.question)).answers(),
                &answers[..i],
                "{ctx}"
            );
        }
        // Revisiting a node off the path (or the outcome) changes nothing.
        for (node, _) in flow
            .indexed()
            .filter(|(n, _)| !p.nodes[..p.nodes.len() - 1].contains(n))
        {
            assert_eq!(d.apply(flow, Action::Revisit(node)), d, "{ctx}, revisit {node:?}");
        }

        // Replace normalises: extra answers past the outcome are dropped.
        let mut extra = answers.clone();
        extra.extend([YES, NO, NO, YES]);
        assert_eq!(start.apply(flow, Action::Replace(extra.clone())), d, "{ctx}");
        assert_eq!(Decision::new(flow, &extra), d, "{ctx}");

        // Any replacement is normalised: its walk uses every answer.
        for (i, step) in d.walk(flow).steps.iter().enumerate() {
            for other in others(flow, step.question, step.answer) {
                let mut changed = answers.clone();
                changed[i] = other;
                let r = d.apply(flow, Action::Replace(changed.clone()));
                let report = format!("{ctx}, replace {changed:?}");
                assert_eq!(r.walk(flow).steps.len(), r.answers().len(), "{report}");
                assert_eq!(r.answers(), &changed[..r.answers().len()], "{report}");
                assert_eq!(r.answers()[..=i], changed[..=i], "{report}");
            }
        }
    }
}

#[test]
fn boundary_flows() {
    use crate::common::{arr, file, o, q, valid};
    // Exactly the node limit: a chain of 499 questions and one outcome.
    let questions: Vec<String> = (0..499)
        .map(|i| {
            let next = if i == 498 {
                "r".to_owned()
            } else {
                format!("q{}", i + 1)
            };
            q(&format!("q{i}"), &next, "r")
        })
        .collect();
    let flow = valid(&file("t", 1, "q0", &arr(&questions), &arr(&[o("r")])));
    assert_eq!(flow.nodes().len(), 500);
    assert_eq!(flow.walk(&[]).progress(&flow), Progress { step: 1, at_most: 499 });
    assert_eq!(flow.walk(&[YES; 600]).steps.len(), 499);
    assert_eq!(flow.walk(&[YES; 600]).outcome(), Some(ix(&flow, "r")));

    // A flow may start at an outcome, and both answers may lead to one node.
    let flow = valid(&file("t", 1, "r", "[]", &arr(&[o("r")])));
    assert_eq!(flow.walk(&[YES]).outcome(), Some(ix(&flow, "r")));
    assert_eq!(flow.walk(&[]).progress(&flow), Progress { step: 0, at_most: 0 });
    let flow = valid(&file("t", 1, "a", &arr(&[q("a", "r", "r")]), &arr(&[o("r")])));
    assert_eq!(flow.walk(&[NO]).outcome(), flow.walk(&[YES]).outcome());

    // A 64-character id is the longest allowed.
    let long = "a".repeat(64);
    valid(&file(&long, 1, &long, &arr(&[q(&long, "r", "r")]), &arr(&[o("r")])));
}

// ---------------------------------------------------------------------------
// 3. Summary

#[test]
fn summary_of_builtin_decisions() {
    let flow = builtin();
    let walk = flow.walk(&[NO, NO, YES]);
    let summary = Summary::new(&flow, &walk, "https://example.com/post#d=nny".to_owned());
    assert_eq!(
        summary,
        Summary {
            flow: "rag-vs-fine-tuning".into(),
            flow_version: 1,
            answers: AnswerMap(vec![
                ("data-freshness".into(), "no".into()),
                ("citations".into(), "no".into()),
                ("style".into(), "yes".into()),
            ]),
            path: vec![
                "data-freshness".into(),
                "citations".into(),
                "style".into(),
                "fine-tune".into()
            ],
            outcome: Some("fine-tune".into()),
            link: "https://example.com/post#d=nny".to_owned(),
        }
    );

    // The JSON shape is a public contract: exact keys, answers in path order.
    let json = serde_json::to_string(&summary).expect("a summary serialises");
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
    let walk = flow.walk(&[NO]);
    let summary = Summary::new(&flow, &walk, String::new());
    assert_eq!(summary.path, ["data-freshness", "citations"].map(NodeId::from));
    assert_eq!(summary.outcome, None);
    assert_eq!(
        serde_json::to_string(&summary).expect("a summary serialises"),
        r#"{"flow":"rag-vs-fine-tuning","flowVersion":1,"answers":{"data-freshness":"no"},"path":["data-freshness","citations"],"outcome":null,"link":""}"#
    );
}

// ---------------------------------------------------------------------------
// 4. The engine is an island

/// Crates of the browser, of a UI or of an async runtime, by name prefix.
const NOT_IN_THE_ENGINE: &[&str] = &[
    "yew",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "gloo",
    "serde-wasm-bindgen",
    "tokio",
    "icu",
];

/// The engine's dependency tree (what it is built from, for any target) holds
/// no browser, UI or async crate: the compiler then refuses any use of one
/// in the engine, and this test refuses the dependency.
#[test]
fn engine_is_an_island() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["tree", "-p", "dw-engine", "-e", "normal,build", "--target", "all"])
        .args(["--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).expect("cargo tree writes UTF-8");
    let crates: BTreeSet<&str> = tree.lines().filter_map(|line| line.split_whitespace().next()).collect();
    assert!(
        crates.contains("dw-engine") && crates.contains("serde"),
        "the tree lists the engine's crates: {crates:?}"
    );
    let found: Vec<&&str> = crates
        .iter()
        .filter(|name| NOT_IN_THE_ENGINE.iter().any(|p| name.starts_with(p)))
        .collect();
    assert!(found.is_empty(), "the engine must not depend on {found:?}");
}
