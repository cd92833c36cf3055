//! "What would change it": for each question on the reader's path, where
//! its other answers would have led. Computed from the flow, worded once
//! here, and shown by the recommendation panel and every export.

use super::model::{Answer, Flow, NodeIx};
use super::walk::Walk;
use super::words::Words;

/// Where some other answers to one question would lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consequence {
    /// To the recommendation the reader reached anyway.
    Same,
    /// To this other outcome.
    Outcome(NodeIx),
    /// To this question, which can end in these outcomes.
    Question(NodeIx, Vec<NodeIx>),
}

/// One question on the path with where its other answers lead, answers
/// with the same consequence together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The question.
    pub question: NodeIx,
    /// The reader's answer.
    pub answered: Answer,
    /// The other answers, grouped by where they lead, in the question's
    /// order of their first answer.
    pub others: Vec<(Vec<Answer>, Consequence)>,
}

/// What would change the decision of `walk`, question by question along
/// the path.
pub fn changes(flow: &Flow, walk: &Walk) -> Vec<Change> {
    let reached = walk.outcome();
    let mut out: Vec<Change> = Vec::new();
    for alt in walk.alternatives(flow) {
        let consequence = if flow.node(alt.leads_to).outcome().is_some() {
            match Some(alt.leads_to) == reached {
                true => Consequence::Same,
                false => Consequence::Outcome(alt.leads_to),
            }
        } else {
            Consequence::Question(alt.leads_to, alt.outcomes.clone())
        };
        let change = match out.last_mut() {
            Some(last) if last.question == alt.step.question => last,
            _ => {
                out.push(Change {
                    question: alt.step.question,
                    answered: alt.step.answer,
                    others: Vec::new(),
                });
                out.last_mut().expect("a change was just pushed")
            }
        };
        match change.others.iter_mut().find(|(_, c)| *c == consequence) {
            Some((answers, _)) => answers.push(alt.answer),
            None => change.others.push((vec![alt.answer], consequence)),
        }
    }
    out
}

/// The sentences for `walk`, one per answered question, in the widget's
/// words: `You answered No to “…”. Yes would lead to …`.
pub fn sentences(flow: &Flow, walk: &Walk, words: &Words) -> Vec<String> {
    changes(flow, walk).iter().map(|c| sentence(flow, c, words)).collect()
}

/// One question's sentence: what the reader answered, then one sentence
/// per group of other answers with the same consequence. A yes/no answer
/// is named bare ("No"), one of several choices in quotes ("“Weekly”").
fn sentence(flow: &Flow, change: &Change, words: &Words) -> String {
    let Some(question) = flow.question(change.question) else {
        return String::new();
    };
    let name = |answer: Answer| {
        let label = question.choice(answer).map_or("", |c| words.choice(c));
        match question.is_yes_no() {
            true => label.to_owned(),
            false => words.quote(label),
        }
    };
    let mut out = words.fill(
        "change-you-answered",
        &[
            ("answer", &name(change.answered)),
            ("question", &words.quote(&question.text)),
        ],
    );
    for (answers, consequence) in &change.others {
        let names: Vec<String> = answers.iter().map(|&a| name(a)).collect();
        let names = words.join_or(&names);
        let next = match consequence {
            Consequence::Same => words.fill("change-same", &[("answers", &names)]),
            Consequence::Outcome(ix) => words.fill(
                "change-outcome",
                &[("answers", &names), ("outcome", outcome_title(flow, *ix))],
            ),
            Consequence::Question(ix, outcomes) => {
                let titles: Vec<String> = outcomes.iter().map(|&o| outcome_title(flow, o).to_owned()).collect();
                words.fill(
                    "change-question",
                    &[
                        ("answers", &names),
                        ("question", &words.quote(flow.node(*ix).text())),
                        ("outcomes", &words.join_or(&titles)),
                    ],
                )
            }
        };
        out.push_str(words.get("sentence-gap"));
        out.push_str(&next);
    }
    out
}

fn outcome_title(flow: &Flow, ix: NodeIx) -> &str {
    flow.node(ix).outcome().map_or("", |o| o.title.as_str())
}
