//! The public summary of a decision: the `detail` of the `decision-change`
//! event and the core of every export.
//!
//! Its field names are a public contract (DESIGN.md) and never change.

use super::json::Writer;
use super::model::{Answer, Flow};
use super::walk::Walk;

/// A decision as host pages see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The flow's id.
    pub flow: String,
    /// The flow's content version.
    pub flow_version: u32,
    /// Question id → `"yes"` or `"no"`, in path order.
    pub answers: AnswerMap,
    /// Ids of the nodes on the path, from the start.
    pub path: Vec<String>,
    /// The outcome's id once one is reached.
    pub outcome: Option<String>,
    /// A URL that reopens this decision (empty where none can be made).
    pub link: String,
}

/// Answers keyed by question id, kept in path order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerMap(pub Vec<(String, Answer)>);

impl Summary {
    /// The summary as JSON, with the public field names: `flow`,
    /// `flowVersion`, `answers`, `path`, `outcome`, `link`.
    pub fn to_json(&self) -> String {
        let mut w = Writer::compact();
        w.open('{');
        w.key("flow");
        w.string(&self.flow);
        w.key("flowVersion");
        w.number(u64::from(self.flow_version));
        self.write_decision(&mut w);
        w.close('}');
        w.finish()
    }

    /// Writes the keys `answers`, `path`, `outcome` and `link` into an open
    /// object: the part of the summary the JSON export shares.
    pub fn write_decision(&self, w: &mut Writer) {
        w.key("answers");
        w.open('{');
        for (id, answer) in &self.answers.0 {
            w.key(id);
            w.string(answer.as_str());
        }
        w.close('}');
        w.key("path");
        w.open('[');
        for id in &self.path {
            w.item();
            w.string(id);
        }
        w.close(']');
        w.key("outcome");
        w.opt_string(self.outcome.as_deref());
        w.key("link");
        w.string(&self.link);
    }

    /// The summary of `walk` through `flow`, with the share link `link`.
    pub fn new(flow: &Flow, walk: &Walk, link: String) -> Summary {
        let id = |ix| flow.node(ix).id.as_str().to_owned();
        Summary {
            flow: flow.id().as_str().to_owned(),
            flow_version: flow.version(),
            answers: AnswerMap(walk.steps.iter().map(|s| (id(s.question), s.answer)).collect()),
            path: walk.path().into_iter().map(id).collect(),
            outcome: walk.outcome().map(id),
            link,
        }
    }
}
