//! Evaluation: from a reader's answers to a path, an outcome, and what
//! would have changed it.

use super::model::{Answer, Flow, NodeIx};

/// One answered question on a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The question.
    pub question: NodeIx,
    /// The reader's answer.
    pub answer: Answer,
}

/// Where a walk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Waiting for an answer to this question.
    Asking(NodeIx),
    /// Reached this outcome.
    Decided(NodeIx),
}

impl Position {
    /// The node the walk stands at.
    pub fn node(self) -> NodeIx {
        match self {
            Position::Asking(ix) | Position::Decided(ix) => ix,
        }
    }
}

/// "Question `step` of at most `at_most`".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Number of the current question, from 1; after an outcome, the number
    /// of questions answered.
    pub step: u32,
    /// The most questions this walk can take from here.
    pub at_most: u32,
}

/// Where another answer to a question on the path would have led.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// The question, as answered on the path.
    pub step: Step,
    /// The other answer.
    pub answer: Answer,
    /// The node the other answer leads to.
    pub leads_to: NodeIx,
    /// The outcomes reachable through the other answer.
    pub outcomes: Vec<NodeIx>,
}

/// How a node of the chart relates to the reader's walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeState {
    /// A question on the path, with the reader's answer.
    Answered(Answer),
    /// The question waiting for an answer.
    Current,
    /// The outcome the path ended in.
    Reached,
    /// Not yet decided: reachable from the current question.
    Open,
    /// On a branch the reader did not take.
    Dimmed,
}

/// How an edge of the chart relates to the reader's walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeState {
    /// Taken by the path.
    Taken,
    /// Still possible from the current question.
    Open,
    /// On a branch the reader did not take.
    Dimmed,
}

/// A reader's path through a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    /// The questions answered, in order.
    pub steps: Vec<Step>,
    /// Where the path stands now.
    pub position: Position,
}

impl Flow {
    /// Follows `answers` from the start, one per question, until they run
    /// out, one does not fit its question, or an outcome is reached; the
    /// answers after that are ignored.
    pub fn walk(&self, answers: &[Answer]) -> Walk {
        let mut at = self.start;
        let mut steps = Vec::new();
        let mut answers = answers.iter();
        loop {
            let Some(question) = self.node(at).question() else {
                return Walk {
                    steps,
                    position: Position::Decided(at),
                };
            };
            let Some((answer, choice)) = answers.next().and_then(|&a| Some((a, question.choice(a)?))) else {
                return Walk {
                    steps,
                    position: Position::Asking(at),
                };
            };
            steps.push(Step { question: at, answer });
            at = choice.next;
        }
    }
}

impl Walk {
    /// The answers along the path, in order.
    pub fn answers(&self) -> Vec<Answer> {
        self.steps.iter().map(|s| s.answer).collect()
    }

    /// Every node on the path: the answered questions, then where it stands.
    pub fn path(&self) -> Vec<NodeIx> {
        self.steps
            .iter()
            .map(|s| s.question)
            .chain([self.position.node()])
            .collect()
    }

    /// The outcome reached, if any.
    pub fn outcome(&self) -> Option<NodeIx> {
        match self.position {
            Position::Decided(ix) => Some(ix),
            Position::Asking(_) => None,
        }
    }

    /// The question waiting for an answer, if any.
    pub fn current(&self) -> Option<NodeIx> {
        match self.position {
            Position::Asking(ix) => Some(ix),
            Position::Decided(_) => None,
        }
    }

    /// Where in the path `question` was answered.
    pub fn step_of(&self, question: NodeIx) -> Option<usize> {
        self.steps.iter().position(|s| s.question == question)
    }

    /// "Question 2 of at most 4".
    pub fn progress(&self, flow: &Flow) -> Progress {
        let answered = self.steps.len() as u32;
        match self.position {
            Position::Asking(ix) => Progress {
                step: answered + 1,
                at_most: answered + flow.longest_questions_from(ix),
            },
            Position::Decided(_) => Progress {
                step: answered,
                at_most: answered,
            },
        }
    }

    /// For each answered question, where each of its other answers would
    /// have led, in the path's order and each question's order.
    pub fn alternatives(&self, flow: &Flow) -> Vec<Alternative> {
        let mut out = Vec::new();
        for &step in &self.steps {
            let Some(question) = flow.question(step.question) else {
                continue;
            };
            for (answer, choice) in question.answers().filter(|(a, _)| *a != step.answer) {
                out.push(Alternative {
                    step,
                    answer,
                    leads_to: choice.next,
                    outcomes: flow.reachable_outcomes(choice.next),
                });
            }
        }
        out
    }

    /// The state of every node in the flow, indexed like `Flow::nodes`.
    pub fn node_states(&self, flow: &Flow) -> Vec<NodeState> {
        let open = match self.position {
            Position::Asking(ix) => flow.reachable_from(ix),
            Position::Decided(_) => vec![false; flow.nodes().len()],
        };
        let mut states: Vec<NodeState> = open
            .into_iter()
            .map(|o| if o { NodeState::Open } else { NodeState::Dimmed })
            .collect();
        for step in &self.steps {
            states[step.question.get()] = NodeState::Answered(step.answer);
        }
        states[self.position.node().get()] = match self.position {
            Position::Asking(_) => NodeState::Current,
            Position::Decided(_) => NodeState::Reached,
        };
        states
    }

    /// The state of the edge from `from` taken by `answer`, given the node
    /// states from [`Walk::node_states`].
    pub fn edge_state(states: &[NodeState], from: NodeIx, answer: Answer) -> EdgeState {
        match states[from.get()] {
            NodeState::Answered(a) if a == answer => EdgeState::Taken,
            NodeState::Current | NodeState::Open => EdgeState::Open,
            _ => EdgeState::Dimmed,
        }
    }
}
