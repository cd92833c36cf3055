//! Native tests of questions with several answers: walks, progress ("of at
//! most N" counts the longest remaining path), decisions, node and edge
//! states, alternatives covering every other choice, what would change the
//! decision (grouped per question), and summaries naming choice ids.
#![cfg(not(target_arch = "wasm32"))]

use dw_engine::change::{self, Change, Consequence};
use dw_engine::summary::Summary;
use dw_engine::words::Words;
use dw_engine::*;

use crate::common::{answer, answers, described, ids, ix, random_flows, valid, DATABASE_FLOW, SMALL_CHOICES};

/// The example flow: which database, by the shape of the data, whether it
/// needs transactions (yes/no), its scale and where it runs.
fn database() -> Flow {
    valid(DATABASE_FLOW)
}

// ---------------------------------------------------------------------------
// Walks and progress

/// A path through the database flow: its answers (`question=choice`), the
/// nodes it passes, and progress (step, at most) before each answer, then
/// once decided.
struct PathCase {
    answers: &'static str,
    path: &'static [&'static str],
    progress: &'static [(u32, u32)],
}

const PATHS: &[PathCase] = &[
    // The longest path: four questions.
    PathCase {
        answers: "data-shape=tables transactions=no scale=thousands hosting=embedded",
        path: &["data-shape", "transactions", "scale", "hosting", "sqlite"],
        progress: &[(1, 4), (2, 4), (3, 4), (4, 4), (4, 4)],
    },
    // "Yes" skips the question of scale, so at most three are asked.
    PathCase {
        answers: "data-shape=tables transactions=yes hosting=managed",
        path: &["data-shape", "transactions", "hosting", "postgres"],
        progress: &[(1, 4), (2, 4), (3, 3), (3, 3)],
    },
    PathCase {
        answers: "data-shape=documents scale=millions",
        path: &["data-shape", "scale", "document-db"],
        progress: &[(1, 4), (2, 3), (2, 2)],
    },
    PathCase {
        answers: "data-shape=documents scale=billions",
        path: &["data-shape", "scale", "wide-column"],
        progress: &[(1, 4), (2, 3), (2, 2)],
    },
    // One answer can decide.
    PathCase {
        answers: "data-shape=graph",
        path: &["data-shape", "graph-db"],
        progress: &[(1, 4), (1, 1)],
    },
];

#[test]
fn walks_follow_choices() {
    let flow = database();
    assert_eq!(crate::common::all_paths(&flow).len(), 11);
    for case in PATHS {
        let given = answers(&flow, case.answers);
        let walk = flow.walk(&given);
        assert_eq!(ids(&flow, &walk.path()), case.path, "{}", case.answers);
        assert_eq!(
            walk.outcome(),
            Some(ix(&flow, case.path[case.path.len() - 1])),
            "{}",
            case.answers
        );
        assert_eq!(described(&flow, &walk), case.answers);

        assert_eq!(case.progress.len(), given.len() + 1);
        for (k, &(step, at_most)) in case.progress.iter().enumerate() {
            let partial = flow.walk(&given[..k]);
            assert_eq!(
                partial.progress(&flow),
                Progress { step, at_most },
                "{} after {k}",
                case.answers
            );
            if k < given.len() {
                assert_eq!(partial.current(), Some(ix(&flow, case.path[k])));
            }
        }
    }
}

#[test]
fn an_answer_is_a_position_in_its_own_question() {
    let flow = database();
    // The first choice of `data-shape` and the "yes" of `transactions` are
    // the same answer value; what it means depends on the question.
    assert_eq!(answer(&flow, "data-shape", "tables"), Answer::YES);
    assert_eq!(answer(&flow, "transactions", "yes"), Answer::YES);
    assert_eq!(answer(&flow, "transactions", "no"), Answer::NO);
    let third = answer(&flow, "data-shape", "graph");
    assert_eq!(third.index(), 2);
    let data_shape = flow.question(ix(&flow, "data-shape")).expect("a question");
    assert_eq!(data_shape.next(third), Some(ix(&flow, "graph-db")));
    assert_eq!(data_shape.find("Graph"), None, "choice ids are matched exactly");
    assert_eq!(data_shape.find("yes"), None);
    let listed: Vec<(usize, &str)> = data_shape.answers().map(|(a, c)| (a.index(), c.id.as_str())).collect();
    assert_eq!(listed, [(0, "tables"), (1, "documents"), (2, "graph")]);

    // A question without that position stops the walk there.
    let transactions = flow.question(ix(&flow, "transactions")).expect("a question");
    assert_eq!(transactions.next(third), None);
    let walk = flow.walk(&[Answer::YES, third, Answer::YES]);
    assert_eq!(ids(&flow, &walk.path()), ["data-shape", "transactions"]);
    assert_eq!(walk.current(), Some(ix(&flow, "transactions")));
}

// ---------------------------------------------------------------------------
// Decisions

#[test]
fn decisions_with_choices() {
    let flow = database();
    let graph = answer(&flow, "data-shape", "graph");
    let full = answers(
        &flow,
        "data-shape=tables transactions=no scale=thousands hosting=managed",
    );

    // Answering one choice at a time.
    let mut d = Decision::default();
    for &a in &full {
        d = d.apply(&flow, Action::Answer(a));
    }
    assert_eq!(d.answers(), full);
    assert_eq!(d.walk(&flow).outcome(), Some(ix(&flow, "postgres")));

    // Revisiting a question keeps the answers before it; then another
    // choice takes another way.
    let revisited = d.apply(&flow, Action::Revisit(ix(&flow, "scale")));
    assert_eq!(
        described(&flow, &revisited.walk(&flow)),
        "data-shape=tables transactions=no"
    );
    let other = revisited.apply(&flow, Action::Answer(answer(&flow, "scale", "billions")));
    assert_eq!(other.walk(&flow).outcome(), Some(ix(&flow, "wide-column")));
    assert_eq!(d.apply(&flow, Action::Back).answers(), &full[..3]);
    assert_eq!(d.apply(&flow, Action::Restart), Decision::default());

    // An answer the current question does not have changes nothing, and a
    // replacement keeps only the answers its path can use.
    let at_transactions = Decision::new(&flow, &full[..1]);
    assert_eq!(at_transactions.apply(&flow, Action::Answer(graph)), at_transactions);
    let replaced = d.apply(&flow, Action::Replace(vec![full[0], graph, full[2]]));
    assert_eq!(replaced, at_transactions);
    let replaced = d.apply(&flow, Action::Replace(vec![graph, Answer::NO, Answer::YES]));
    assert_eq!(described(&flow, &replaced.walk(&flow)), "data-shape=graph");
}

// ---------------------------------------------------------------------------
// Node and edge states, alternatives

#[test]
fn node_and_edge_states_with_choices() {
    let flow = database();
    let walk = flow.walk(&answers(&flow, "data-shape=tables transactions=no"));
    let states = walk.node_states(&flow);
    let state = |id: &str| states[ix(&flow, id).get()];
    assert_eq!(
        state("data-shape"),
        NodeState::Answered(answer(&flow, "data-shape", "tables"))
    );
    assert_eq!(state("transactions"), NodeState::Answered(Answer::NO));
    assert_eq!(state("scale"), NodeState::Current);
    for open in ["hosting", "postgres", "sqlite", "document-db", "wide-column"] {
        assert_eq!(state(open), NodeState::Open, "{open}");
    }
    assert_eq!(state("graph-db"), NodeState::Dimmed);

    let edge =
        |question: &str, choice: &str| Walk::edge_state(&states, ix(&flow, question), answer(&flow, question, choice));
    let expected = [
        ("data-shape", "tables", EdgeState::Taken),
        ("data-shape", "documents", EdgeState::Dimmed),
        ("data-shape", "graph", EdgeState::Dimmed),
        ("transactions", "yes", EdgeState::Dimmed),
        ("transactions", "no", EdgeState::Taken),
        ("scale", "thousands", EdgeState::Open),
        ("scale", "millions", EdgeState::Open),
        ("scale", "billions", EdgeState::Open),
        ("hosting", "managed", EdgeState::Open),
        ("hosting", "embedded", EdgeState::Open),
    ];
    for (question, choice, want) in expected {
        assert_eq!(edge(question, choice), want, "{question}={choice}");
    }
}

#[test]
fn alternatives_cover_every_other_choice() {
    let flow = database();
    let walk = flow.walk(&answers(&flow, "data-shape=documents scale=thousands hosting=managed"));
    let got: Vec<(String, String, String, Vec<String>)> = walk
        .alternatives(&flow)
        .iter()
        .map(|a| {
            let question = flow.question(a.step.question).expect("a question");
            (
                flow.node(a.step.question).id.to_string(),
                question.choice(a.answer).expect("a choice").id.to_string(),
                flow.node(a.leads_to).id.to_string(),
                ids(&flow, &a.outcomes),
            )
        })
        .collect();
    let want: Vec<(String, String, String, Vec<String>)> = [
        (
            "data-shape",
            "tables",
            "transactions",
            &["postgres", "sqlite", "document-db", "wide-column"][..],
        ),
        ("data-shape", "graph", "graph-db", &["graph-db"]),
        ("scale", "millions", "document-db", &["document-db"]),
        ("scale", "billions", "wide-column", &["wide-column"]),
        ("hosting", "embedded", "sqlite", &["sqlite"]),
    ]
    .iter()
    .map(|(q, c, to, outs)| {
        (
            q.to_string(),
            c.to_string(),
            to.to_string(),
            outs.iter().map(|o| o.to_string()).collect(),
        )
    })
    .collect();
    assert_eq!(got, want);
    // Each alternative carries the step it replaces.
    for alt in walk.alternatives(&flow) {
        assert!(walk.steps.contains(&alt.step));
        assert_ne!(alt.answer, alt.step.answer);
    }
}

// ---------------------------------------------------------------------------
// What would change it

/// A flow whose first question has five choices, several of them leading to
/// the same place, then a yes/no question.
const STRATEGY: &str = r#"{
  "format": 2,
  "id": "data-strategy",
  "version": 1,
  "title": "Data strategy",
  "start": "data-change",
  "questions": [
    {
      "id": "data-change",
      "text": "How often does your data change?",
      "choices": [
        { "id": "hourly", "label": "Hourly", "next": "rag" },
        { "id": "daily", "label": "Daily", "next": "rag" },
        { "id": "weekly", "label": "Weekly", "next": "rag" },
        { "id": "monthly", "label": "Monthly", "next": "fine-tune" },
        { "id": "rarely", "label": "Rarely", "next": "citations" }
      ]
    },
    { "id": "citations", "text": "Must answers cite sources?", "yes": "rag", "no": "fine-tune" }
  ],
  "outcomes": [
    { "id": "rag", "title": "Retrieval" },
    { "id": "fine-tune", "title": "Fine-tuning" }
  ]
}"#;

#[test]
fn change_sentences_group_the_other_choices() {
    let flow = valid(STRATEGY);
    let words = Words::for_flow(&flow);
    let cases: &[(&str, &[&str])] = &[
        (
            "data-change=rarely citations=no",
            &[
                "You answered “Rarely” to “How often does your data change?”. \
                 “Hourly”, “Daily” or “Weekly” would lead to Retrieval. “Monthly” would lead to the same recommendation.",
                "You answered No to “Must answers cite sources?”. Yes would lead to Retrieval.",
            ],
        ),
        (
            "data-change=rarely citations=yes",
            &[
                "You answered “Rarely” to “How often does your data change?”. \
                 “Hourly”, “Daily” or “Weekly” would lead to the same recommendation. “Monthly” would lead to Fine-tuning.",
                "You answered Yes to “Must answers cite sources?”. No would lead to Fine-tuning.",
            ],
        ),
        (
            "data-change=daily",
            &["You answered “Daily” to “How often does your data change?”. \
               “Hourly” or “Weekly” would lead to the same recommendation. “Monthly” would lead to Fine-tuning. \
               “Rarely” would lead to the question “Must answers cite sources?”, which can end in Retrieval or Fine-tuning."],
        ),
        // In progress, nothing is "the same recommendation" yet.
        (
            "data-change=rarely",
            &["You answered “Rarely” to “How often does your data change?”. \
               “Hourly”, “Daily” or “Weekly” would lead to Retrieval. “Monthly” would lead to Fine-tuning."],
        ),
        ("", &[]),
    ];
    for (given, expected) in cases {
        let walk = flow.walk(&answers(&flow, given));
        assert_eq!(change::sentences(&flow, &walk, &words), *expected, "{given}");
    }

    // The flow's own words for yes and no name those answers.
    let relabelled = valid(&STRATEGY.replacen(
        "\"start\": \"data-change\",",
        "\"start\": \"data-change\",\n  \"labels\": { \"yes\": \"Yep\", \"no\": \"Nope\" },",
        1,
    ));
    let walk = relabelled.walk(&answers(&relabelled, "data-change=rarely citations=no"));
    assert_eq!(
        change::sentences(&relabelled, &walk, &Words::for_flow(&relabelled))[1],
        "You answered Nope to “Must answers cite sources?”. Yep would lead to Retrieval."
    );
}

#[test]
fn changes_are_grouped_by_consequence_in_choice_order() {
    let flow = valid(STRATEGY);
    let a = |choice: &str| answer(&flow, "data-change", choice);
    let walk = flow.walk(&[a("daily")]);
    assert_eq!(
        change::changes(&flow, &walk),
        [Change {
            question: ix(&flow, "data-change"),
            answered: a("daily"),
            others: vec![
                (vec![a("hourly"), a("weekly")], Consequence::Same),
                (vec![a("monthly")], Consequence::Outcome(ix(&flow, "fine-tune"))),
                (
                    vec![a("rarely")],
                    Consequence::Question(ix(&flow, "citations"), vec![ix(&flow, "rag"), ix(&flow, "fine-tune")])
                ),
            ],
        }]
    );
    let words = Words::default();
    assert_eq!(words.join_or(&[]), "");
    assert_eq!(words.join_or(&["A".into()]), "A");
    assert_eq!(words.join_or(&["A".into(), "B".into()]), "A or B");
    assert_eq!(words.join_or(&["A".into(), "B".into(), "C".into()]), "A, B or C");
}

#[test]
fn change_sentences_of_random_flows() {
    for (seed, flow) in random_flows(SMALL_CHOICES).step_by(3) {
        let words = Words::for_flow(&flow);
        for path in crate::common::all_paths(&flow).iter().take(50) {
            let walk = flow.walk(&path.answers);
            let sentences = change::sentences(&flow, &walk, &words);
            assert_eq!(sentences.len(), walk.steps.len(), "seed {seed}");
            let changes = change::changes(&flow, &walk);
            for ((sentence, change), step) in sentences.iter().zip(&changes).zip(&walk.steps) {
                let question = flow.question(step.question).expect("a question");
                let name = |a: Answer| {
                    let label = words.choice(question.choice(a).expect("a choice"));
                    match question.is_yes_no() {
                        true => label.to_owned(),
                        false => format!("“{label}”"),
                    }
                };
                let ctx = format!("seed {seed}: {sentence}");
                assert_eq!(change.question, step.question, "{ctx}");
                assert!(
                    sentence.starts_with(&format!("You answered {} to “{}”. ", name(step.answer), question.text)),
                    "{ctx}"
                );
                // Every other answer is named once, in one group.
                let grouped: Vec<Answer> = change.others.iter().flat_map(|(a, _)| a.iter().copied()).collect();
                let others: Vec<Answer> = question
                    .answers()
                    .map(|(a, _)| a)
                    .filter(|&a| a != step.answer)
                    .collect();
                let mut sorted = grouped.clone();
                sorted.sort();
                assert_eq!(sorted, others, "{ctx}");
                for answer in grouped {
                    assert!(sentence.contains(&name(answer)), "{ctx}: names {}", name(answer));
                }
                // Groups are distinct, in the order of their first answer.
                for (i, (answers, consequence)) in change.others.iter().enumerate() {
                    assert!(change.others[..i].iter().all(|(_, c)| c != consequence), "{ctx}");
                    assert!(answers.windows(2).all(|w| w[0] < w[1]), "{ctx}");
                    if i > 0 {
                        assert!(change.others[i - 1].0[0] < answers[0], "{ctx}");
                    }
                }
                assert!(sentence.ends_with('.'), "{ctx}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Summaries name choice ids

#[test]
fn summaries_name_choice_ids() {
    let flow = database();
    let walk = flow.walk(&answers(&flow, "data-shape=tables transactions=no scale=billions"));
    let summary = Summary::new(&flow, &walk, String::new());
    assert_eq!(
        serde_json::to_string(&summary).expect("a summary serialises"),
        r#"{"flow":"picking-a-database","flowVersion":3,"answers":{"data-shape":"tables","transactions":"no","scale":"billions"},"path":["data-shape","transactions","scale","wide-column"],"outcome":"wide-column","link":""}"#
    );
}
