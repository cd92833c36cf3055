//! The public summary of a decision: the `detail` of the `decision-ready`
//! and `decision-change` events and the core of the JSON export.
//!
//! Its field names are a public contract (DESIGN.md) and never change.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::model::{ChoiceId, Flow, FlowId, NodeId};
use super::walk::Walk;

/// A decision as host pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The flow's id.
    pub flow: FlowId,
    /// The flow's content version.
    pub flow_version: u32,
    /// Question id → choice id (`"yes"` / `"no"` on yes/no questions), in
    /// path order.
    pub answers: AnswerMap,
    /// Ids of the nodes on the path, from the start.
    pub path: Vec<NodeId>,
    /// The outcome's id once one is reached.
    pub outcome: Option<NodeId>,
    /// A URL that reopens this decision (empty where none can be made).
    pub link: String,
}

/// Answers keyed by question id, kept in path order; written as a JSON
/// object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerMap(pub Vec<(NodeId, ChoiceId)>);

impl Serialize for AnswerMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (question, choice) in &self.0 {
            map.serialize_entry(question, choice)?;
        }
        map.end()
    }
}

impl Summary {
    /// The summary of `walk` through `flow`, with the share link `link`.
    pub fn new(flow: &Flow, walk: &Walk, link: String) -> Summary {
        let id = |ix| flow.node(ix).id.clone();
        let answers = walk
            .steps
            .iter()
            .filter_map(|s| {
                let choice = flow.question(s.question)?.choice(s.answer)?;
                Some((id(s.question), choice.id.clone()))
            })
            .collect();
        Summary {
            flow: flow.id().clone(),
            flow_version: flow.version(),
            answers: AnswerMap(answers),
            path: walk.path().into_iter().map(id).collect(),
            outcome: walk.outcome().map(id),
            link,
        }
    }
}
