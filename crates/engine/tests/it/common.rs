//! Helpers shared by the native tests: reading flows, small flow files in
//! formats 1 and 2, and a generator of random valid flows, from a handful
//! of yes/no questions up to 500 nodes with several-answer questions.
//!
//! Every test module of the engine's test binary uses some of it. Plain Rust, so the tests that run in
//! the browser too (the share-link codec's) share it.
#![allow(dead_code)]

use dw_engine::*;
use serde_json::{json, Value};

/// A file or folder of the repository, by its path from the root.
pub fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

// ---------------------------------------------------------------------------
// Flows

/// Reads and validates a flow file, as the widget and the command line do.
pub fn parse(json: &str) -> Result<Flow, FlowErrors> {
    check(json)
}

/// Reads a flow file that the test expects to be valid.
pub fn valid(json: &str) -> Flow {
    check(json).unwrap_or_else(|e| panic!("test flow is invalid:\n{e}\n{json}"))
}

/// The built-in flow, which must validate.
pub fn builtin() -> Flow {
    valid(BUILTIN_FLOW_JSON)
}

/// A format 2 flow file as an author writes it: pretty-printed, with a
/// schema, a language, word overrides, several-answer questions and a
/// yes/no question. `format.rs` names lines and columns in it, so any edit
/// here moves its expectations.
pub const DATABASE_FLOW: &str = r#"{
  "$schema": "https://example.com/flow.schema.json",
  "format": 2,
  "id": "picking-a-database",
  "version": 3,
  "lang": "en",
  "title": "Which database?",
  "intro": "A few questions about your data.",
  "start": "data-shape",
  "labels": {
    "yes": "Yes, we do",
    "start-over": "Begin again"
  },
  "practice": { "text": "Start with what your team knows.", "section": "practice" },
  "questions": [
    {
      "id": "data-shape",
      "label": "Shape of the data?",
      "text": "What shape is most of your data?",
      "choices": [
        { "id": "tables", "label": "Tables", "next": "transactions" },
        { "id": "documents", "label": "Documents", "next": "scale" },
        { "id": "graph", "label": "A graph", "next": "graph-db" }
      ]
    },
    {
      "id": "transactions",
      "text": "Do you need transactions across several rows?",
      "help": "Moving money, booking seats, keeping stock counts right.",
      "yes": "hosting",
      "no": "scale"
    },
    {
      "id": "scale",
      "text": "How many records will you keep?",
      "choices": [
        { "id": "thousands", "label": "Thousands", "next": "hosting" },
        { "id": "millions", "label": "Millions", "next": "document-db" },
        { "id": "billions", "label": "Billions", "next": "wide-column" }
      ]
    },
    {
      "id": "hosting",
      "text": "Where will it run?",
      "choices": [
        { "id": "managed", "label": "A managed service", "next": "postgres" },
        { "id": "embedded", "label": "Inside the app", "next": "sqlite" }
      ]
    }
  ],
  "outcomes": [
    {
      "id": "postgres",
      "title": "PostgreSQL",
      "summary": "A relational database that grows with you.",
      "reasons": [{ "text": "Transactions, joins and a huge ecosystem.", "section": "relational" }]
    },
    { "id": "sqlite", "title": "SQLite" },
    { "id": "document-db", "title": "A document database" },
    { "id": "graph-db", "title": "A graph database" },
    { "id": "wide-column", "title": "A wide-column store" }
  ]
}
"#;

/// A format 1 flow file with the given id, version, start, questions and
/// outcomes (each a JSON array).
pub fn file(id: &str, version: u32, start: &str, questions: &str, outcomes: &str) -> String {
    format!(
        r#"{{"format":1,"id":"{id}","version":{version},"title":"T","start":"{start}","questions":{questions},"outcomes":{outcomes}}}"#
    )
}

/// The same as [`file`], in format 2.
pub fn file2(id: &str, version: u32, start: &str, questions: &str, outcomes: &str) -> String {
    file(id, version, start, questions, outcomes).replacen(r#""format":1"#, r#""format":2"#, 1)
}

/// A yes/no question object.
pub fn q(id: &str, yes: &str, no: &str) -> String {
    format!(r#"{{"id":"{id}","text":"{id}?","yes":"{yes}","no":"{no}"}}"#)
}

/// A question object with several choices, each `(choice id, next)`; a
/// choice's label is its id in capitals.
pub fn qc(id: &str, choices: &[(&str, &str)]) -> String {
    let choices: Vec<Value> = choices
        .iter()
        .map(|(choice, next)| json!({ "id": choice, "label": choice.to_uppercase(), "next": next }))
        .collect();
    json!({ "id": id, "text": format!("{id}?"), "choices": choices }).to_string()
}

/// An outcome object.
pub fn o(id: &str) -> String {
    format!(r#"{{"id":"{id}","title":"{id}"}}"#)
}

/// A JSON array of the given objects.
pub fn arr(items: &[String]) -> String {
    format!("[{}]", items.join(","))
}

/// The index of the node `id`, which the test expects to exist.
pub fn ix(flow: &Flow, id: &str) -> NodeIx {
    flow.find(id).unwrap_or_else(|| panic!("no node `{id}`"))
}

/// The ids of `nodes`.
pub fn ids(flow: &Flow, nodes: &[NodeIx]) -> Vec<String> {
    nodes.iter().map(|&n| flow.node(n).id.as_str().to_owned()).collect()
}

/// The answer to question `question` whose choice has id `choice`.
pub fn answer(flow: &Flow, question: &str, choice: &str) -> Answer {
    let q = flow
        .question(ix(flow, question))
        .unwrap_or_else(|| panic!("`{question}` is not a question"));
    q.find(choice)
        .unwrap_or_else(|| panic!("`{question}` has no choice `{choice}`"))
}

/// The answers along a path given as `question=choice` pairs, checked
/// against the flow (`"data-shape=tables transactions=yes"`).
pub fn answers(flow: &Flow, pairs: &str) -> Vec<Answer> {
    pairs
        .split_whitespace()
        .map(|pair| {
            let (question, choice) = pair
                .split_once('=')
                .unwrap_or_else(|| panic!("`{pair}` is not q=choice"));
            answer(flow, question, choice)
        })
        .collect()
}

/// The choice ids of a walk's answers, as `question=choice` pairs.
pub fn described(flow: &Flow, walk: &Walk) -> String {
    walk.steps
        .iter()
        .map(|s| {
            let q = flow.question(s.question).expect("steps are questions");
            let choice = q.choice(s.answer).expect("steps' answers are choices");
            format!("{}={}", flow.node(s.question).id, choice.id)
        })
        .collect::<Vec<_>>()
        .join(" ")
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

/// How large random flows grow, and how their questions are asked.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    /// Fewer questions than this; possibly none.
    pub questions: usize,
    /// At least one outcome and at most this many.
    pub outcomes: usize,
    /// The share of questions, in percent, that offer 2 to 8 choices
    /// rather than yes and no. Flows with none are format 1 files, the
    /// others format 2.
    pub several: usize,
    /// The most complete paths a flow may have, so that tests can walk
    /// every one; choices that would exceed it lead to an outcome instead.
    pub max_paths: u64,
}

/// Up to 10 yes/no questions and 4 outcomes (format 1): small enough to
/// check every path, and every decision along one.
pub const SMALL: Size = Size {
    questions: 11,
    outcomes: 4,
    several: 0,
    max_paths: u64::MAX,
};

/// Up to 10 questions, half of them with 2 to 8 choices, and 4 outcomes
/// (format 2), with at most 400 paths.
pub const SMALL_CHOICES: Size = Size {
    questions: 11,
    outcomes: 4,
    several: 50,
    max_paths: 400,
};

/// Up to 12 yes/no questions and 5 outcomes: wider rows, for the chart.
pub const LARGE: Size = Size {
    questions: 13,
    outcomes: 5,
    several: 0,
    max_paths: u64::MAX,
};

/// Up to 16 questions, most with several choices, and 8 outcomes: the
/// wide rows and labelled edges of several-answer flows, for the chart.
pub const LARGE_CHOICES: Size = Size {
    questions: 17,
    outcomes: 8,
    several: 70,
    max_paths: u64::MAX,
};

/// How many random flows [`random_flows`] makes.
pub const RANDOM_FLOWS: u64 = 300;

/// Choice ids a random question picks from: real-looking words, digits,
/// and the ids `yes`, `no`, `y` and `n`, which links treat specially.
const CHOICE_IDS: &[&str] = &[
    "daily",
    "weekly",
    "monthly",
    "rarely",
    "yes",
    "no",
    "y",
    "n",
    "option-10",
    "2",
    "a-b-c",
    "never-ever",
];

/// A random valid flow file with fewer than `size.questions` questions and
/// at most `size.outcomes` outcomes: see [`generate`].
pub fn random_flow(seed: u64, size: Size) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let questions = rng.below(size.questions);
    let outcomes = 1 + rng.below(size.outcomes);
    generate(&mut rng, &format!("flow-{seed}"), questions, outcomes, size)
}

/// A random valid flow of `nodes` nodes, a tenth of them outcomes, with
/// `several` percent of its questions offering 2 to 8 choices, shaped like
/// a large real flow: questions branch out level by level (each question's
/// first answer, and some others, lead to the next new question), so rows
/// grow wide rather than deep; other answers jump ahead to a later question
/// or end in an outcome.
pub fn big_flow(seed: u64, nodes: usize, several: usize) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let outcomes = (nodes / 10).max(1);
    let questions = nodes - outcomes;
    let mut next_new = 1;
    let mut flow_questions = Vec::with_capacity(questions);
    let mut reached = vec![false; outcomes];
    for i in 0..questions {
        let count = if rng.below(100) < several { 2 + rng.below(7) } else { 2 };
        let targets: Vec<String> = (0..count)
            .map(|k| {
                if next_new < questions && (k == 0 || rng.below(2) == 0) {
                    next_new += 1;
                    format!("q{}", next_new - 1)
                } else if i + 1 < questions && rng.below(3) == 0 {
                    format!("q{}", i + 1 + rng.below(40.min(questions - i - 1)))
                } else {
                    let o = rng.below(outcomes);
                    reached[o] = true;
                    format!("o{o}")
                }
            })
            .collect();
        let label = random_text(&mut rng);
        let mut question = json!({ "id": format!("q{i}"), "label": label, "text": format!("Question {i}?") });
        if count == 2 && rng.below(2) == 0 {
            question["yes"] = Value::from(targets[0].clone());
            question["no"] = Value::from(targets[1].clone());
        } else {
            let choices: Vec<Value> = targets
                .iter()
                .enumerate()
                .map(|(k, next)| json!({ "id": format!("c{k}"), "label": random_text(&mut rng), "next": next }))
                .collect();
            question["choices"] = Value::from(choices);
        }
        flow_questions.push(question);
    }
    // Outcomes no answer reaches would be unreachable: left out.
    let flow_outcomes: Vec<Value> = (0..outcomes)
        .filter(|&o| reached[o])
        .map(|o| json!({ "id": format!("o{o}"), "label": random_text(&mut rng), "title": format!("Outcome {o}") }))
        .collect();
    let flow = json!({
        "format": 2,
        "id": format!("big-{seed}"),
        "version": 1,
        "title": "T",
        "start": "q0",
        "questions": flow_questions,
        "outcomes": flow_outcomes,
    });
    flow.to_string()
}

/// The largest flow of the longest paths: a chain of 498 yes/no questions,
/// each "yes" asking the next and each "no" ending at once, in one outcome
/// every question points at (500 nodes). The layout tests and the
/// benchmark (`examples/big_flows.rs`) share it.
pub fn chain_flow() -> String {
    let questions: Vec<Value> = (0..498)
        .map(|i| {
            let next = if i == 497 {
                "done".to_owned()
            } else {
                format!("q{}", i + 1)
            };
            json!({ "id": format!("q{i}"), "text": format!("Question {i}?"), "yes": next, "no": "stop" })
        })
        .collect();
    let file = json!({
        "format": 1, "id": "chain", "version": 1, "title": "Chain", "start": "q0",
        "questions": questions,
        "outcomes": [{ "id": "done", "title": "Done" }, { "id": "stop", "title": "Stopped" }],
    });
    file.to_string()
}

/// The widest flow: rows as wide as 8-way questions make them. One question
/// with 8 choices, 8 more with 8 each (one of which skips a row), then 56
/// with 8 each into 435 outcomes: 500 nodes. Shared like [`chain_flow`].
pub fn wide_flow() -> String {
    const OUTCOMES: usize = 435;
    let question = |id: String, targets: Vec<String>| {
        let choices: Vec<Value> = targets
            .iter()
            .enumerate()
            .map(|(k, next)| json!({ "id": format!("c{k}"), "label": format!("Answer number {k}"), "next": next }))
            .collect();
        json!({ "id": id, "text": "Which one?", "choices": choices })
    };
    let mut questions = vec![question("root".into(), (0..8).map(|i| format!("m{i}")).collect())];
    for i in 0..8 {
        let mut targets: Vec<String> = (0..7).map(|k| format!("l{}", i * 7 + k)).collect();
        targets.push(format!("o{i}"));
        questions.push(question(format!("m{i}"), targets));
    }
    for j in 0..56 {
        let targets = (0..8).map(|k| format!("o{}", (j * 8 + k) % OUTCOMES)).collect();
        questions.push(question(format!("l{j}"), targets));
    }
    let outcomes: Vec<Value> = (0..OUTCOMES)
        .map(|i| json!({ "id": format!("o{i}"), "title": format!("Outcome {i}") }))
        .collect();
    let file = json!({
        "format": 2, "id": "wide", "version": 1, "title": "Wide", "start": "root",
        "questions": questions, "outcomes": outcomes,
    });
    file.to_string()
}

/// A random valid flow file: questions whose answers point to later nodes,
/// mostly nearby questions, ending in outcomes, with only the nodes reachable
/// from the start kept and the file order shuffled (so validation and layout
/// cannot lean on it). Ids are hyphenated like real ones, labels are
/// [`random_text`], and the flow id and version vary.
fn generate(rng: &mut Rng, id: &str, questions: usize, outcomes: usize, size: Size) -> String {
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
    let target = |rng: &mut Rng, i: usize| {
        if i + 1 < questions && rng.below(4) != 0 {
            i + 1 + rng.below(3.min(questions - i - 1))
        } else {
            i + 1 + rng.below(total - i - 1)
        }
    };
    // Answers are chosen from the last question back, so that the number
    // of paths from each node is known and can be kept within the budget.
    let mut paths = vec![1u64; total];
    let mut answers: Vec<Vec<(String, usize)>> = vec![Vec::new(); questions];
    let mut several = vec![false; questions];
    for i in (0..questions).rev() {
        several[i] = rng.below(100) < size.several;
        let ids: Vec<&str> = if several[i] {
            let mut pool = CHOICE_IDS.to_vec();
            rng.shuffle(&mut pool);
            pool.truncate(2 + rng.below(7));
            pool
        } else {
            vec!["yes", "no"]
        };
        let mut sum = 0u64;
        for choice in ids {
            let mut to = target(rng, i);
            if sum.saturating_add(paths[to]) > size.max_paths {
                to = questions + rng.below(outcomes);
            }
            sum = sum.saturating_add(paths[to]);
            answers[i].push((choice.to_owned(), to));
        }
        paths[i] = sum;
    }
    let mut reachable = vec![false; total];
    reachable[0] = true;
    for i in 0..questions {
        if reachable[i] {
            for (_, to) in &answers[i] {
                reachable[*to] = true;
            }
        }
    }
    let mut qs: Vec<Value> = (0..questions)
        .filter(|&i| reachable[i])
        .map(|i| {
            let label = random_text(rng);
            let mut question = json!({ "id": name(i), "label": label, "text": format!("Question {i}?") });
            if several[i] {
                let choices: Vec<Value> = answers[i]
                    .iter()
                    .map(|(choice, to)| json!({ "id": choice, "label": random_text(rng), "next": name(*to) }))
                    .collect();
                question["choices"] = Value::from(choices);
            } else {
                question["yes"] = Value::from(name(answers[i][0].1));
                question["no"] = Value::from(name(answers[i][1].1));
            }
            question
        })
        .collect();
    let mut os: Vec<Value> = (questions..total)
        .filter(|&i| reachable[i])
        .map(|i| json!({ "id": name(i), "label": random_text(rng), "title": format!("Outcome {i}") }))
        .collect();
    rng.shuffle(&mut qs);
    rng.shuffle(&mut os);
    let version = 1 + rng.below(3);
    let format = if size.several > 0 { 2 } else { 1 };
    let flow = json!({
        "format": format,
        "id": id,
        "version": version,
        "title": "T",
        "start": name(0),
        "questions": qs,
        "outcomes": os,
    });
    serde_json::to_string_pretty(&flow).expect("a JSON value serialises")
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

/// Most paths [`all_paths`] enumerates before it gives up: the generator's
/// budgets keep test flows well below it.
const MAX_REF_PATHS: usize = 50_000;

/// Every complete path of `flow`, each question's choices in order.
pub fn all_paths(flow: &Flow) -> Vec<RefPath> {
    fn go(flow: &Flow, at: NodeIx, answers: &mut Vec<Answer>, nodes: &mut Vec<NodeIx>, out: &mut Vec<RefPath>) {
        assert!(
            out.len() < MAX_REF_PATHS,
            "flow `{}` has too many paths to walk",
            flow.id()
        );
        nodes.push(at);
        match &flow.node(at).kind {
            NodeKind::Outcome(_) => out.push(RefPath {
                answers: answers.clone(),
                nodes: nodes.clone(),
            }),
            NodeKind::Question(q) => {
                for (answer, choice) in q.answers() {
                    answers.push(answer);
                    go(flow, choice.next, answers, nodes, out);
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

/// The most questions a path from `at` can ask, by plain recursion.
pub fn ref_longest(flow: &Flow, at: NodeIx) -> u32 {
    match &flow.node(at).kind {
        NodeKind::Outcome(_) => 0,
        NodeKind::Question(q) => 1 + q.choices.iter().map(|c| ref_longest(flow, c.next)).max().unwrap_or(0),
    }
}
