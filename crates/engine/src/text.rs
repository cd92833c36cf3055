//! The whole flow as text: every question in the order a reader meets it,
//! where each of its answers leads, and every recommendation with its
//! reasons. One model for two renderers: the widget's "flowchart as text"
//! for screen readers, and the outline the build puts into pages for
//! readers without JavaScript (`engine::outline`).

use super::model::{Flow, NodeIx, Note};
use super::walk::Walk;
use super::words::Words;

/// The flow as text, with the reader's answers marked.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowText<'f> {
    /// The questions, numbered from 1 in the order a reader meets them.
    pub questions: Vec<QuestionText<'f>>,
    /// The outcomes, in file order.
    pub outcomes: Vec<OutcomeText<'f>>,
    /// The flow's practice note.
    pub practice: Option<&'f Note>,
}

/// One question and its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionText<'f> {
    /// The node.
    pub node: NodeIx,
    /// Its number, from 1.
    pub number: usize,
    /// The question.
    pub text: &'f str,
    /// Its hint.
    pub help: Option<&'f str>,
    /// Its answers, in the question's order.
    pub answers: Vec<AnswerText<'f>>,
}

/// One answer and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerText<'f> {
    /// What the answer says.
    pub label: &'f str,
    /// The node it leads to.
    pub to: NodeIx,
    /// Where that is.
    pub target: Target<'f>,
    /// Whether the reader gave this answer.
    pub chosen: bool,
}

/// Where an answer leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Target<'f> {
    /// To the question with this number and text.
    Question(usize, &'f str),
    /// To the recommendation with this title.
    Outcome(&'f str),
}

/// One recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeText<'f> {
    /// The node.
    pub node: NodeIx,
    /// The recommendation.
    pub title: &'f str,
    /// Its one-sentence summary.
    pub summary: Option<&'f str>,
    /// Why it fits.
    pub reasons: &'f [Note],
}

impl<'f> FlowText<'f> {
    /// The text of `flow`, marking the answers of `walk` (if any).
    pub fn new(flow: &'f Flow, walk: Option<&Walk>, words: &'f Words) -> FlowText<'f> {
        let order: Vec<NodeIx> = flow
            .topological()
            .iter()
            .copied()
            .filter(|&ix| flow.question(ix).is_some())
            .collect();
        // Numbers by node index, for the targets.
        let mut number = vec![0; flow.nodes().len()];
        for (i, ix) in order.iter().enumerate() {
            number[ix.get()] = i + 1;
        }
        let questions = order
            .iter()
            .filter_map(|&ix| {
                let question = flow.question(ix)?;
                let answers = question
                    .answers()
                    .map(|(answer, choice)| {
                        let node = flow.node(choice.next);
                        AnswerText {
                            label: words.choice(choice),
                            to: choice.next,
                            target: match node.outcome() {
                                Some(outcome) => Target::Outcome(&outcome.title),
                                None => Target::Question(number[choice.next.get()], node.text()),
                            },
                            chosen: walk
                                .is_some_and(|w| w.steps.iter().any(|s| s.question == ix && s.answer == answer)),
                        }
                    })
                    .collect();
                Some(QuestionText {
                    node: ix,
                    number: number[ix.get()],
                    text: &question.text,
                    help: question.help.as_deref(),
                    answers,
                })
            })
            .collect();
        let outcomes = flow
            .indexed()
            .filter_map(|(ix, node)| {
                let outcome = node.outcome()?;
                Some(OutcomeText {
                    node: ix,
                    title: &outcome.title,
                    summary: outcome.summary.as_deref(),
                    reasons: &outcome.reasons,
                })
            })
            .collect();
        FlowText {
            questions,
            outcomes,
            practice: flow.practice(),
        }
    }
}
