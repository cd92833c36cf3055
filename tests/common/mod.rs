//! Helpers shared by the native tests: parsing flows, small flow files, and
//! a generator of random valid flows.
//!
//! Each test file is its own crate and includes this module with `mod
//! common;`, using only some of it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use decision_widget::engine::*;

use Answer::{No, Yes};

// ---------------------------------------------------------------------------
// Flows

/// Parses and validates a flow file.
pub fn parse(json: &str) -> Result<Flow, FlowErrors> {
    let raw = RawFlow::from_json(json).expect("test flow files are well-formed JSON");
    Flow::try_from(raw)
}

/// The built-in flow, which must validate.
pub fn builtin() -> Flow {
    parse(BUILTIN_FLOW_JSON).expect("the built-in flow is valid")
}

/// A flow file with the given id, version, start, questions and outcomes
/// (each a JSON array).
pub fn file(id: &str, version: u32, start: &str, questions: &str, outcomes: &str) -> String {
    format!(
        r#"{{"format":1,"id":"{id}","version":{version},"title":"T","start":"{start}","questions":{questions},"outcomes":{outcomes}}}"#
    )
}

/// A question object with both answers.
pub fn q(id: &str, yes: &str, no: &str) -> String {
    format!(r#"{{"id":"{id}","text":"{id}?","yes":"{yes}","no":"{no}"}}"#)
}

/// An outcome object.
pub fn o(id: &str) -> String {
    format!(r#"{{"id":"{id}","title":"{id}"}}"#)
}

/// A JSON array of the given objects.
pub fn arr(items: &[String]) -> String {
    format!("[{}]", items.join(","))
}

// ---------------------------------------------------------------------------
// Random flows

/// xorshift64: a small deterministic generator, so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// How large random flows grow.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Fewer questions than this; possibly none.
    pub questions: usize,
    /// At least one outcome and at most this many.
    pub outcomes: usize,
}

/// Up to 10 questions and 4 outcomes: small enough to check every path, and
/// every decision along one.
pub const SMALL: Size = Size {
    questions: 11,
    outcomes: 4,
};

/// Up to 12 questions and 5 outcomes: wider rows, for the chart layout.
pub const LARGE: Size = Size {
    questions: 13,
    outcomes: 5,
};

/// How many random flows [`random_flows`] makes.
pub const RANDOM_FLOWS: u64 = 300;

/// A random valid flow file: questions whose answers point to later nodes,
/// mostly nearby questions, ending in outcomes, with only the nodes reachable
/// from the start kept and the file order shuffled (so validation and layout
/// cannot lean on it). Ids are hyphenated like real ones, labels are
/// [`random_text`], and the flow id and version vary.
pub fn random_flow(seed: u64, size: Size) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let questions = rng.below(size.questions);
    let outcomes = 1 + rng.below(size.outcomes);
    let total = questions + outcomes;
    let name = |i: usize| {
        if i < questions {
            format!("question-{i}")
        } else {
            format!("o{}", i - questions)
        }
    };
    // Mostly a nearby later question, so paths grow long; otherwise any
    // later node, outcomes included.
    let mut target = |i: usize| {
        if i + 1 < questions && rng.below(4) != 0 {
            i + 1 + rng.below(3.min(questions - i - 1))
        } else {
            i + 1 + rng.below(total - i - 1)
        }
    };
    let targets: Vec<(usize, usize)> = (0..questions).map(|i| (target(i), target(i))).collect();
    let mut reachable = vec![false; total];
    reachable[0] = true;
    for i in 0..questions {
        if reachable[i] {
            reachable[targets[i].0] = true;
            reachable[targets[i].1] = true;
        }
    }
    let mut qs: Vec<String> = (0..questions)
        .filter(|&i| reachable[i])
        .map(|i| {
            format!(
                r#"{{"id":"{}","label":"{}","text":"Question {i}?","yes":"{}","no":"{}"}}"#,
                name(i),
                random_text(&mut rng),
                name(targets[i].0),
                name(targets[i].1)
            )
        })
        .collect();
    let mut os: Vec<String> = (questions..total)
        .filter(|&i| reachable[i])
        .map(|i| {
            format!(
                r#"{{"id":"{}","label":"{}","title":"Outcome {i}"}}"#,
                name(i),
                random_text(&mut rng)
            )
        })
        .collect();
    rng.shuffle(&mut qs);
    rng.shuffle(&mut os);
    let version = 1 + rng.below(3) as u32;
    file(&format!("flow-{seed}"), version, &name(0), &arr(&qs), &arr(&os))
}

/// A few words, some longer than a chart line, some with non-ASCII letters.
pub fn random_text(rng: &mut Rng) -> String {
    const LETTERS: &[char] = &['a', 'b', 'e', 'é', 'o', 'ö', 'r', 's', 't', 'x'];
    let words = 1 + rng.below(12);
    (0..words)
        .map(|_| {
            let len = 1 + if rng.below(8) == 0 { rng.below(45) } else { rng.below(9) };
            (0..len).map(|_| LETTERS[rng.below(LETTERS.len())]).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`RANDOM_FLOWS`] random flows of `size`, each with its seed.
pub fn random_flows(size: Size) -> impl Iterator<Item = (u64, Flow)> {
    (1..=RANDOM_FLOWS).map(move |seed| {
        let json = random_flow(seed, size);
        match parse(&json) {
            Ok(flow) => (seed, flow),
            Err(e) => panic!("seed {seed}: generated flow is invalid:\n{e}\n{json}"),
        }
    })
}

// ---------------------------------------------------------------------------
// Reference walks

/// One complete path, found by following the graph directly (not `walk`).
pub struct RefPath {
    pub answers: Vec<Answer>,
    pub nodes: Vec<NodeIx>,
}

/// Every complete path of `flow`, yes before no at each question.
pub fn all_paths(flow: &Flow) -> Vec<RefPath> {
    fn go(flow: &Flow, at: NodeIx, answers: &mut Vec<Answer>, nodes: &mut Vec<NodeIx>, out: &mut Vec<RefPath>) {
        nodes.push(at);
        match &flow.node(at).kind {
            NodeKind::Outcome(_) => out.push(RefPath {
                answers: answers.clone(),
                nodes: nodes.clone(),
            }),
            NodeKind::Question(q) => {
                for (answer, to) in [(Yes, q.yes), (No, q.no)] {
                    answers.push(answer);
                    go(flow, to, answers, nodes, out);
                    answers.pop();
                }
            }
        }
        nodes.pop();
    }
    let mut out = Vec::new();
    go(flow, flow.start(), &mut Vec::new(), &mut Vec::new(), &mut out);
    out
}
