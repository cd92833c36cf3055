//! The chart as shapes: what to draw for a flow and a reader's walk, once,
//! for every renderer. The widget's SVG (Yew, styled by CSS classes) and
//! the exported SVG file (presentation attributes) both draw a [`Drawing`],
//! so the two cannot drift apart.
//!
//! For large flows the widget also draws shapes in batches: every edge of
//! one state as one path, and, zoomed far out, every node of one state as
//! one path of rectangles, so the browser has a handful of elements to lay
//! out instead of thousands.

use std::rc::Rc;

use super::layout::{edge_label, edge_label_width, Chart, LINE_HEIGHT};
use super::model::{Answer, Flow, NodeIx};
use super::viewport::{Point, Rect};
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
#[derive(Debug, Clone, PartialEq)]
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
    /// A rectangle holding the line and the arrowhead.
    pub bounds: Rect,
    /// The points the line passes (see `ChartEdge::points`).
    pub points: Rc<[(f32, f32)]>,
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
                bounds: edge.bounds,
                points: Rc::clone(&edge.points),
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

impl NodeShape {
    /// The node's box.
    pub fn rect(&self) -> Rect {
        Rect::new(self.x as f32, self.y as f32, self.width as f32, self.height as f32)
    }
}

impl LabelShape {
    /// The pill's box.
    pub fn rect(&self) -> Rect {
        Rect::new(self.x as f32, self.y as f32, self.width as f32, self.height as f32)
    }
}

/// Every edge of one state as one path: the lines, and the arrowheads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeBatch {
    /// The edges' state.
    pub state: EdgeState,
    /// SVG path data of every line, one subpath each.
    pub lines: String,
    /// SVG path data of every arrowhead.
    pub arrows: String,
    /// How many edges it draws (in part, within a window: an edge whose
    /// part there another edge drew already is not counted).
    pub count: usize,
}

/// How a node stands on the walk, without the answer: what its batch is
/// drawn like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeLook {
    /// On a branch not taken.
    Dimmed,
    /// Still possible.
    Open,
    /// Answered.
    Answered,
    /// The current question.
    Current,
    /// The reached outcome.
    Reached,
}

impl NodeLook {
    /// Every look, in drawing order: the lit ones on top.
    pub const ALL: [NodeLook; 5] = [
        NodeLook::Dimmed,
        NodeLook::Open,
        NodeLook::Answered,
        NodeLook::Current,
        NodeLook::Reached,
    ];

    /// The look of a node in `state`.
    pub fn of(state: NodeState) -> NodeLook {
        match state {
            NodeState::Answered(_) => NodeLook::Answered,
            NodeState::Current => NodeLook::Current,
            NodeState::Reached => NodeLook::Reached,
            NodeState::Open => NodeLook::Open,
            NodeState::Dimmed => NodeLook::Dimmed,
        }
    }
}

/// Every node of one look as one path of rectangles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBatch {
    /// The nodes' look.
    pub look: NodeLook,
    /// SVG path data: a closed rectangle per node.
    pub path: String,
    /// How many nodes.
    pub count: usize,
}

impl Drawing {
    /// The edges by state, in drawing order (dimmed, open, taken), each
    /// state's edges as one path. With `within`, only the parts of edges
    /// inside it, and a stretch several edges share (the lane that long
    /// edges into one node run down together) once: a long dashed line
    /// costs the browser a dash at a time however little of it shows, so
    /// 400 edges down one lane would make every frame of a zoom slow.
    /// States without edges are left out.
    pub fn edge_batches(&self, within: Option<&Rect>) -> Vec<EdgeBatch> {
        let mut batches = Vec::new();
        for state in [EdgeState::Dimmed, EdgeState::Open, EdgeState::Taken] {
            let mut batch = EdgeBatch {
                state,
                lines: String::new(),
                arrows: String::new(),
                count: 0,
            };
            let mut drawn: Vec<(i32, i32, i32)> = Vec::new();
            for edge in self.edges.iter().filter(|e| e.state == state) {
                let shown = match within {
                    None => {
                        batch.lines += " ";
                        batch.lines += &edge.path;
                        true
                    }
                    Some(w) => clip_into(&edge.points, w, &mut batch.lines, &mut drawn),
                };
                let tip = edge.points[edge.points.len() - 1];
                if within.is_none_or(|w| w.intersects(&Rect::new(tip.0 - 5.0, tip.1 - 8.0, 10.0, 8.0))) {
                    batch.arrows += " ";
                    batch.arrows += &edge.arrow;
                }
                batch.count += usize::from(shown);
            }
            if batch.count > 0 {
                batches.push(batch);
            }
        }
        batches
    }

    /// The nodes by look, in drawing order, each look's nodes as one path
    /// of plain rectangles: the chart zoomed out too far for text. Looks
    /// without nodes are left out.
    pub fn node_batches(&self) -> Vec<NodeBatch> {
        let mut batches = Vec::new();
        for look in NodeLook::ALL {
            let mut batch = NodeBatch {
                look,
                path: String::new(),
                count: 0,
            };
            for n in &self.nodes {
                if NodeLook::of(n.state) == look {
                    batch.path += &format!("M{},{}h{}v{}h-{}z", n.x, n.y, n.width, n.height, n.width);
                    batch.count += 1;
                }
            }
            if batch.count > 0 {
                batches.push(batch);
            }
        }
        batches
    }

    /// The node whose box holds `point`, if any.
    pub fn node_at(&self, point: Point) -> Option<&NodeShape> {
        self.nodes.iter().find(|n| n.rect().contains_point(point))
    }

    /// The box of the current question or the reached outcome: what the
    /// chart keeps in view.
    pub fn focus(&self) -> Option<Rect> {
        self.nodes
            .iter()
            .find(|n| matches!(n.state, NodeState::Current | NodeState::Reached))
            .map(NodeShape::rect)
    }
}

/// Writes to `out` the SVG path data of the parts of the line through
/// `points` that reach into `window` (as `layout::svg_path` draws it:
/// straight down between points with the same x, an S-curve between
/// others), cutting straight runs at the window's edges and leaving out
/// those already in `drawn`. Returns whether it wrote anything.
fn clip_into(points: &[(f32, f32)], window: &Rect, out: &mut String, drawn: &mut Vec<(i32, i32, i32)>) -> bool {
    let whole = |v: f32| v.round() as i32;
    // Where the path written so far ends, so that a stretch going on from
    // there needs no move.
    let mut pen: Option<(i32, i32)> = None;
    let mut wrote = false;
    for step in points.windows(2) {
        let ((ax, ay), (bx, by)) = (step[0], step[1]);
        let to = if (ax - bx).abs() < 0.5 {
            let (top, bottom) = (ay.max(window.y), by.min(window.bottom()));
            let run = (whole(ax), whole(top), whole(bottom));
            if top > bottom || ax < window.x || ax > window.right() || drawn.contains(&run) {
                pen = None;
                continue;
            }
            drawn.push(run);
            if pen != Some((run.0, run.1)) {
                *out += &format!(" M{},{}", run.0, run.1);
            }
            *out += &format!(" L{},{}", run.0, run.2);
            (run.0, run.2)
        } else {
            let reach = Rect::new(ax.min(bx), ay, (ax - bx).abs(), by - ay);
            if !window.intersects(&reach) {
                pen = None;
                continue;
            }
            let (from, to) = ((whole(ax), whole(ay)), (whole(bx), whole(by)));
            if pen != Some(from) {
                *out += &format!(" M{},{}", from.0, from.1);
            }
            let mid = whole((ay + by) / 2.0);
            *out += &format!(" C{},{mid} {},{mid} {},{}", from.0, to.0, to.0, to.1);
            to
        };
        pen = Some(to);
        wrote = true;
    }
    wrote
}
