//! The chart as shapes: what to draw for a flow and a reader's walk, once,
//! for every renderer. The widget's SVG (Yew, styled by CSS classes) and
//! the exported SVG file (presentation attributes) both draw a [`Drawing`],
//! so the two cannot drift apart.

use std::rc::Rc;

use super::layout::{edge_label, edge_label_width, Chart, LINE_HEIGHT};
use super::model::{Answer, Flow, NodeIx};
use super::walk::{EdgeState, NodeState, Walk};
use super::words::Words;

/// Height of an edge's label pill.
pub const EDGE_LABEL_HEIGHT: i32 = 18;

/// Everything to draw, in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width of the drawing.
    pub width: i32,
    /// Height of the drawing.
    pub height: i32,
    /// The edges: dimmed, then open, then taken, so the lit path is on top.
    pub edges: Vec<EdgeShape>,
    /// The edges' answer labels, in the same order.
    pub labels: Vec<LabelShape>,
    /// The nodes, in flow order.
    pub nodes: Vec<NodeShape>,
}

/// Whether a node box is a question or an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRole {
    /// A question.
    Question,
    /// An outcome.
    Outcome,
}

/// One line of text at its baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLine {
    /// Centre of the line.
    pub x: i32,
    /// Baseline.
    pub y: i32,
    /// The text.
    pub text: Rc<str>,
}

/// A node's box and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeShape {
    /// The flow node.
    pub node: NodeIx,
    /// Question or outcome.
    pub role: NodeRole,
    /// How it stands on the reader's walk.
    pub state: NodeState,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: i32,
    /// Height.
    pub height: i32,
    /// The label's lines, centred.
    pub lines: Vec<TextLine>,
}

/// An edge's line and arrowhead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeShape {
    /// The question it leaves.
    pub from: NodeIx,
    /// The answer it stands for.
    pub answer: Answer,
    /// How it stands on the reader's walk.
    pub state: EdgeState,
    /// SVG path data of the line.
    pub path: Rc<str>,
    /// SVG path data of the arrowhead.
    pub arrow: Rc<str>,
}

/// An edge's answer label: a pill with text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelShape {
    /// How its edge stands on the reader's walk.
    pub state: EdgeState,
    /// Left edge of the pill.
    pub x: i32,
    /// Top edge of the pill.
    pub y: i32,
    /// Width of the pill.
    pub width: i32,
    /// Height of the pill.
    pub height: i32,
    /// The text, centred at (`x + width / 2`, `text_y`).
    pub text: Rc<str>,
    /// The text's baseline.
    pub text_y: i32,
}

impl Drawing {
    /// The shapes of `chart` (the layout of `flow`) for `walk`, with the
    /// answer labels in `words`.
    pub fn new(flow: &Flow, chart: &Chart, walk: &Walk, words: &Words) -> Drawing {
        let states = walk.node_states(flow);
        let ordered = chart.edges_in_drawing_order(&states);
        let edges = ordered
            .iter()
            .map(|(edge, state)| EdgeShape {
                from: edge.from,
                answer: edge.answer,
                state: *state,
                path: Rc::clone(&edge.path),
                arrow: Rc::clone(&edge.arrow),
            })
            .collect();
        let labels = ordered
            .iter()
            .map(|(edge, state)| {
                let text = flow
                    .question(edge.from)
                    .and_then(|q| q.choice(edge.answer))
                    .map_or("", |c| words.choice(c));
                let text = edge_label(text);
                let width = edge_label_width(&text);
                let (x, y) = edge.label;
                LabelShape {
                    state: *state,
                    // Centred on the edge, but kept on the chart where the
                    // edge runs close to its side.
                    x: (x - width / 2).min(chart.width - width).max(0),
                    y: y - EDGE_LABEL_HEIGHT / 2,
                    width,
                    height: EDGE_LABEL_HEIGHT,
                    text: Rc::from(text),
                    text_y: y + 4,
                }
            })
            .collect();
        let nodes = chart
            .nodes
            .iter()
            .map(|n| {
                let base = n.first_baseline();
                NodeShape {
                    node: n.node,
                    role: match flow.node(n.node).question() {
                        Some(_) => NodeRole::Question,
                        None => NodeRole::Outcome,
                    },
                    state: states[n.node.get()],
                    x: n.x,
                    y: n.y,
                    width: n.width,
                    height: n.height,
                    lines: n
                        .lines
                        .iter()
                        .enumerate()
                        .map(|(i, line)| TextLine {
                            x: n.center_x(),
                            y: base + i as i32 * LINE_HEIGHT,
                            text: Rc::clone(line),
                        })
                        .collect(),
                }
            })
            .collect();
        Drawing {
            width: chart.width,
            height: chart.height,
            edges,
            labels,
            nodes,
        }
    }
}
