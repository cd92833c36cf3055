//! The validated flow model.
//!
//! A `Flow` can only be built by validation (`Flow::try_from(RawFlow)`), so
//! every node index in it resolves, its start is a question or outcome that
//! exists, and every path from the start ends in an outcome.

use std::fmt;

/// Stable id of a flow, such as `rag-vs-fine-tuning`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FlowId(pub(crate) String);

/// Stable id of a question or an outcome, such as `data-freshness`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) String);

macro_rules! id_impls {
    ($ty:ident) => {
        impl $ty {
            /// The id as written in the flow file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
id_impls!(FlowId);
id_impls!(NodeId);

/// Longest id accepted for flows, questions and outcomes.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` is a well-formed id: lowercase ASCII letters, digits and
/// inner hyphens, at most [`MAX_ID_LEN`] long. Ids appear in links, exports
/// and events, so they are kept to characters that need no escaping.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// A reader's answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// The "yes" branch.
    Yes,
    /// The "no" branch.
    No,
}

impl Answer {
    /// Both answers, yes first, in the order they are offered.
    pub const BOTH: [Answer; 2] = [Answer::Yes, Answer::No];

    /// The other answer.
    pub fn other(self) -> Answer {
        match self {
            Answer::Yes => Answer::No,
            Answer::No => Answer::Yes,
        }
    }

    /// `"yes"` or `"no"`, as in events and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
        }
    }

    /// `"Yes"` or `"No"`, as shown to the reader.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
        }
    }
}

/// Position of a node in its flow's node list.
///
/// Nodes are capped at [`MAX_NODES`], so a `u16` always holds one; it is
/// never encoded or stored, only used to index the flow it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeIx(pub(crate) u16);

impl NodeIx {
    /// The index into `Flow::nodes`.
    pub fn get(self) -> usize {
        usize::from(self.0)
    }
}

/// Most questions plus outcomes a flow may have.
pub const MAX_NODES: usize = 500;

/// A sentence, optionally tied to a section of the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The sentence.
    pub text: String,
    /// Anchor id of the article section, without `#`.
    pub section: Option<String>,
}

/// A yes/no question and where each answer leads.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The question as the reader sees it.
    pub text: String,
    /// Optional hint below the question.
    pub help: Option<String>,
    /// Where "yes" leads.
    pub yes: NodeIx,
    /// Where "no" leads.
    pub no: NodeIx,
}

impl Question {
    /// The node an answer leads to.
    pub fn next(&self, answer: Answer) -> NodeIx {
        match answer {
            Answer::Yes => self.yes,
            Answer::No => self.no,
        }
    }
}

/// A recommendation at the end of a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The recommendation's headline.
    pub title: String,
    /// One sentence on what to build.
    pub summary: Option<String>,
    /// Why this outcome fits.
    pub reasons: Vec<Note>,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A question with two branches.
    Question(Question),
    /// An end of the flow.
    Outcome(Outcome),
}

/// A question or an outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable id.
    pub id: NodeId,
    /// Short text for the chart.
    pub label: String,
    /// Question or outcome.
    pub kind: NodeKind,
}

impl Node {
    /// The question, if this node is one.
    pub fn question(&self) -> Option<&Question> {
        match &self.kind {
            NodeKind::Question(q) => Some(q),
            NodeKind::Outcome(_) => None,
        }
    }

    /// The outcome, if this node is one.
    pub fn outcome(&self) -> Option<&Outcome> {
        match &self.kind {
            NodeKind::Outcome(o) => Some(o),
            NodeKind::Question(_) => None,
        }
    }

    /// The nodes this node leads to, with the answer that leads there.
    pub fn edges(&self) -> impl Iterator<Item = (Answer, NodeIx)> + '_ {
        self.question()
            .into_iter()
            .flat_map(|q| Answer::BOTH.into_iter().map(move |a| (a, q.next(a))))
    }
}

/// A validated decision flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub(crate) id: FlowId,
    pub(crate) version: u32,
    pub(crate) title: String,
    pub(crate) intro: Option<String>,
    pub(crate) start: NodeIx,
    pub(crate) practice: Option<Note>,
    pub(crate) nodes: Vec<Node>,
    /// Nodes in an order where every edge points forward (a topological
    /// order from the start); computed once by validation.
    pub(crate) order: Vec<NodeIx>,
}

impl Flow {
    /// The flow's stable id.
    pub fn id(&self) -> &FlowId {
        &self.id
    }

    /// The version of the flow's content.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The title shown above the widget.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The sentence shown before the first question.
    pub fn intro(&self) -> Option<&str> {
        self.intro.as_deref()
    }

    /// The first node.
    pub fn start(&self) -> NodeIx {
        self.start
    }

    /// Advice shown with every outcome.
    pub fn practice(&self) -> Option<&Note> {
        self.practice.as_ref()
    }

    /// All nodes, questions first, in file order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The node at `ix`.
    pub fn node(&self, ix: NodeIx) -> &Node {
        // Every NodeIx handed out by a Flow indexes that flow's node list.
        &self.nodes[ix.get()]
    }

    /// Every node with its index.
    pub fn indexed(&self) -> impl Iterator<Item = (NodeIx, &Node)> {
        self.nodes.iter().enumerate().map(|(i, n)| (NodeIx(i as u16), n))
    }

    /// The node with this id.
    pub fn find(&self, id: &str) -> Option<NodeIx> {
        self.indexed().find(|(_, n)| n.id.0 == id).map(|(ix, _)| ix)
    }

    /// Nodes in topological order from the start: every edge points forward.
    pub fn topological(&self) -> &[NodeIx] {
        &self.order
    }

    /// The outcomes reachable from `from`, in node order.
    pub fn reachable_outcomes(&self, from: NodeIx) -> Vec<NodeIx> {
        let seen = self.reachable_from(from);
        self.indexed()
            .filter(|(ix, n)| seen[ix.get()] && n.outcome().is_some())
            .map(|(ix, _)| ix)
            .collect()
    }

    /// Which nodes can be reached from `from`, itself included.
    pub fn reachable_from(&self, from: NodeIx) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![from];
        while let Some(ix) = stack.pop() {
            if std::mem::replace(&mut seen[ix.get()], true) {
                continue;
            }
            stack.extend(self.node(ix).edges().map(|(_, to)| to));
        }
        seen
    }

    /// The most questions any path from `from` can still ask, `from` included.
    pub fn longest_questions_from(&self, from: NodeIx) -> u32 {
        let mut depth = vec![0u32; self.nodes.len()];
        for &ix in self.order.iter().rev() {
            let node = self.node(ix);
            if node.question().is_some() {
                depth[ix.get()] = 1 + node.edges().map(|(_, to)| depth[to.get()]).max().unwrap_or(0);
            }
        }
        depth[from.get()]
    }
}
