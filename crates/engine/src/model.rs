//! The validated flow model.
//!
//! A `Flow` can only be built by validation (`Flow::try_from(RawFlow)`), so
//! every node index in it resolves, its start is a question or outcome that
//! exists, every question has 2 to 8 choices that lead somewhere, and every
//! path from the start ends in an outcome.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $ty:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(pub(crate) String);

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

        impl From<&str> for $ty {
            fn from(id: &str) -> $ty {
                $ty(id.to_owned())
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
    };
}

id_type!(
    /// Stable id of a flow, such as `rag-vs-fine-tuning`.
    FlowId
);
id_type!(
    /// Stable id of a question or an outcome, such as `data-freshness`.
    NodeId
);
id_type!(
    /// Stable id of one of a question's choices, unique within the question:
    /// `yes` and `no` for a yes/no question, the author's id otherwise.
    ChoiceId
);

/// Longest id accepted for flows, questions, choices and outcomes.
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

/// Fewest choices a question offers.
pub const MIN_CHOICES: usize = 2;
/// Most choices a question offers.
pub const MAX_CHOICES: usize = 8;

/// A reader's answer to a question: which of its choices they took, by
/// position in the question's list (below [`MAX_CHOICES`]).
///
/// Only ever used with the question it came from; links, events and stored
/// data name the choice by its [`ChoiceId`] instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Answer(pub(crate) u8);

impl Answer {
    /// "Yes" on a yes/no question, whose choices are yes then no.
    pub const YES: Answer = Answer(0);
    /// "No" on a yes/no question.
    pub const NO: Answer = Answer(1);

    /// The position of the choice in its question's list.
    pub fn index(self) -> usize {
        usize::from(self.0)
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

/// What a choice's button and chart edge say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceLabel {
    /// The widget's own word for "yes", in the reader's language.
    Yes,
    /// The widget's own word for "no".
    No,
    /// The author's label for one of several choices.
    Text(String),
}

/// One answer a question offers and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Stable id, unique within the question.
    pub id: ChoiceId,
    /// What the button says.
    pub label: ChoiceLabel,
    /// The node this choice leads to.
    pub next: NodeIx,
}

/// A question and its choices, in the author's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The question as the reader sees it.
    pub text: String,
    /// Optional hint below the question.
    pub help: Option<String>,
    /// The choices: yes then no for a yes/no question, otherwise the
    /// author's 2 to 8.
    pub choices: Vec<Choice>,
}

impl Question {
    /// The node an answer leads to, if the question has that answer.
    pub fn next(&self, answer: Answer) -> Option<NodeIx> {
        self.choice(answer).map(|c| c.next)
    }

    /// The choice behind `answer`, if the question has it.
    pub fn choice(&self, answer: Answer) -> Option<&Choice> {
        self.choices.get(answer.index())
    }

    /// Whether this is a yes/no question (`yes` and `no` in the file).
    pub fn is_yes_no(&self) -> bool {
        self.choices.first().is_some_and(|c| c.label == ChoiceLabel::Yes)
    }

    /// The answer whose choice has id `id`.
    pub fn find(&self, id: &str) -> Option<Answer> {
        self.choices
            .iter()
            .position(|c| c.id.as_str() == id)
            .map(|at| Answer(at as u8))
    }

    /// Every answer with its choice, in order.
    pub fn answers(&self) -> impl Iterator<Item = (Answer, &Choice)> {
        self.choices.iter().enumerate().map(|(i, c)| (Answer(i as u8), c))
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
    /// A question with its choices.
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

    /// The nodes this node leads to, with the answer that leads there, in
    /// the question's order.
    pub fn edges(&self) -> impl Iterator<Item = (Answer, NodeIx)> + '_ {
        self.question()
            .into_iter()
            .flat_map(|q| q.answers().map(|(a, c)| (a, c.next)))
    }

    /// The text that names this node to a reader: a question's full text
    /// or an outcome's title.
    pub fn text(&self) -> &str {
        match &self.kind {
            NodeKind::Question(q) => &q.text,
            NodeKind::Outcome(o) => &o.title,
        }
    }
}

/// A validated decision flow.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub(crate) id: FlowId,
    pub(crate) version: u32,
    pub(crate) title: String,
    pub(crate) intro: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) labels: Vec<(String, String)>,
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

    /// The language of the flow's texts (a BCP 47 tag), if the file says.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// The author's replacements for the widget's own words, by key, in
    /// file order.
    pub fn labels(&self) -> &[(String, String)] {
        &self.labels
    }

    /// The author's replacement for the widget's word `key`, if any.
    pub fn label(&self, key: &str) -> Option<&str> {
        self.labels.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
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

    /// The question at `ix`, if that node is one.
    pub fn question(&self, ix: NodeIx) -> Option<&Question> {
        self.node(ix).question()
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
