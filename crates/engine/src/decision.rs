//! The reader's decision as plain data, and the one closed set of actions
//! that change it.
//!
//! `Decision::apply` is a pure function; the UI's reducer is a thin adapter
//! over it, so every state change is tested natively.

use super::model::{Answer, Flow, NodeIx};
use super::walk::Walk;

/// Everything a reader can do to a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Answer the current question.
    Answer(Answer),
    /// Undo the last answer.
    Back,
    /// Clear every answer.
    Restart,
    /// Go back to a question on the path to answer it again.
    Revisit(NodeIx),
    /// Replace every answer, as when a link or the host page sets them.
    Replace(Vec<Answer>),
}

/// The reader's answers along their path.
///
/// Always normalised: exactly the answers the path uses, so two decisions
/// that lead the same way compare equal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    answers: Vec<Answer>,
}

impl Decision {
    /// A decision with the given answers, trimmed to the ones its path uses.
    pub fn new(flow: &Flow, answers: &[Answer]) -> Decision {
        Decision {
            answers: flow.walk(answers).answers(),
        }
    }

    /// The answers along the path, in order.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// The path these answers take through `flow`.
    pub fn walk(&self, flow: &Flow) -> Walk {
        flow.walk(&self.answers)
    }

    /// The decision after `action`. Actions that do not apply (answering
    /// after an outcome, going back from the start, revisiting a question
    /// off the path) leave it unchanged.
    pub fn apply(&self, flow: &Flow, action: Action) -> Decision {
        let mut answers = self.answers.clone();
        match action {
            Action::Answer(answer) => {
                if self.walk(flow).current().is_some() {
                    answers.push(answer);
                }
            }
            Action::Back => {
                answers.pop();
            }
            Action::Restart => answers.clear(),
            Action::Revisit(question) => {
                if let Some(step) = self.walk(flow).step_of(question) {
                    answers.truncate(step);
                }
            }
            Action::Replace(new) => answers = new,
        }
        Decision::new(flow, &answers)
    }
}
