//! Chart layout: where each node and edge of a flow is drawn.
//!
//! A layered drawing in the Sugiyama style, computed from the flow alone:
//! nodes sit in rows by their longest distance from the start, so every
//! edge points down; long edges pass through invisible waypoints so they
//! route between nodes rather than through them; rows are ordered to cut
//! crossings, then each node slides towards its neighbours as far as the
//! row's spacing allows. The result is plain numbers and path strings that
//! any renderer draws as is (see `engine::chart`).
//!
//! Every step is near-linear in the size of the drawing, so a flow of any
//! allowed size lays out in milliseconds. In a large flow, where edges that
//! skip many rows would need a waypoint per row each, the long edges into
//! one node share a lane of waypoints instead, like a bus.

use std::rc::Rc;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::model::{Answer, ChoiceLabel, Flow, NodeIx};
use super::viewport::Rect;
use super::walk::{EdgeState, NodeState, Walk};

/// Width of every node box.
pub const NODE_WIDTH: i32 = 152;
/// Height of one line of node text.
pub const LINE_HEIGHT: i32 = 16;
/// Padding above and below a node's text.
pub const NODE_PADDING: i32 = 10;
/// Most columns on one line of a node's text (at the chart's font size), as
/// unicode-width counts them: one for most characters, two for a wide one
/// (Chinese, Japanese, Hangul, emoji).
pub const LINE_CHARS: usize = 19;
/// Most lines of text in a node; longer labels end in an ellipsis.
pub const MAX_LINES: usize = 4;

/// Space between rows.
const ROW_GAP: f32 = 52.0;
/// Space between rows below a question whose edges carry choice labels.
const ROW_GAP_CHOICES: f32 = 64.0;
const MARGIN: f32 = 12.0;
const GAP_NODES: f32 = 20.0;
const GAP_WAYPOINT: f32 = 14.0;
const SWEEPS: usize = 12;
/// Above this many waypoints (one per row an edge skips), long edges into
/// the same node share one lane.
const SHARE_LANES_ABOVE: usize = 1_000;

/// A node's box and text in chart coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartNode {
    /// The flow node drawn.
    pub node: NodeIx,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub width: i32,
    /// Height.
    pub height: i32,
    /// The label, wrapped into lines.
    pub lines: Vec<Rc<str>>,
}

impl ChartNode {
    /// Horizontal centre.
    pub fn center_x(&self) -> i32 {
        self.x + self.width / 2
    }

    /// Baseline of the first text line, so the block sits centred.
    pub fn first_baseline(&self) -> i32 {
        let text_height = self.lines.len() as i32 * LINE_HEIGHT;
        self.y + (self.height - text_height) / 2 + LINE_HEIGHT - 4
    }
}

/// An edge drawn as an SVG path.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartEdge {
    /// Question the edge leaves.
    pub from: NodeIx,
    /// The answer it stands for.
    pub answer: Answer,
    /// Node it enters.
    pub to: NodeIx,
    /// SVG path data (`d` attribute), in chart coordinates.
    pub path: Rc<str>,
    /// The points the path passes, from the source to the target: between
    /// two points with the same x it runs straight down, between others it
    /// is an S-curve (see [`svg_path`]). A renderer draws part of it from
    /// these (see `Drawing::edge_batches`).
    pub points: Rc<[(f32, f32)]>,
    /// SVG path data of the arrowhead at the target.
    pub arrow: Rc<str>,
    /// Centre of the edge's answer label.
    pub label: (i32, i32),
    /// A rectangle holding the line and its arrowhead, so a renderer can
    /// leave out edges far from what it shows.
    pub bounds: Rect,
}

/// A whole chart: its size, nodes and edges.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Width of the drawing.
    pub width: i32,
    /// Height of the drawing.
    pub height: i32,
    /// Every node of the flow, in flow order.
    pub nodes: Vec<ChartNode>,
    /// Every edge, in flow order of their questions and each question's
    /// order of choices.
    pub edges: Vec<ChartEdge>,
}

impl Chart {
    /// The edges with their state on the reader's walk, in drawing order:
    /// dimmed first, then open, then taken, so the lit path sits on top.
    /// Within a state, edges keep flow order.
    pub fn edges_in_drawing_order(&self, states: &[NodeState]) -> Vec<(&ChartEdge, EdgeState)> {
        let with_state: Vec<(&ChartEdge, EdgeState)> = self
            .edges
            .iter()
            .map(|e| (e, Walk::edge_state(states, e.from, e.answer)))
            .collect();
        // One pass per state keeps flow order within a state without a sort,
        // whose code would cost the WebAssembly more than these passes.
        [EdgeState::Dimmed, EdgeState::Open, EdgeState::Taken]
            .into_iter()
            .flat_map(|state| with_state.iter().filter(move |(_, s)| *s == state).copied())
            .collect()
    }
}

/// A node or an invisible waypoint of a long edge, in one row.
#[derive(Debug, Clone)]
struct Vertex {
    node: Option<NodeIx>,
    row: usize,
    width: f32,
    /// The widest answer label on an edge whose first step ends here (0
    /// for none): neighbours in the row keep room for the labels between.
    label_width: f32,
    x: f32,
    up: Vec<usize>,
    down: Vec<usize>,
}

impl Vertex {
    fn new(node: Option<NodeIx>, row: usize) -> Vertex {
        Vertex {
            node,
            row,
            width: if node.is_some() { NODE_WIDTH as f32 } else { 0.0 },
            label_width: 0.0,
            x: 0.0,
            up: Vec::new(),
            down: Vec::new(),
        }
    }
}

/// An edge of the flow as a chain of vertices, one per row it crosses.
struct Chain {
    from: NodeIx,
    answer: Answer,
    to: NodeIx,
    vertices: Vec<usize>,
}

/// Lays out `flow`.
pub fn layout(flow: &Flow) -> Chart {
    let rows_of = rows(flow);
    let mut vertices: Vec<Vertex> = flow
        .indexed()
        .map(|(ix, _)| Vertex::new(Some(ix), rows_of[ix.get()]))
        .collect();
    let (chains, shared) = chains(flow, &rows_of, &mut vertices);
    reserve_label_room(flow, &chains, &mut vertices);

    let row_count = rows_of.iter().max().map_or(1, |m| m + 1);
    let mut order = initial_order(flow, &vertices, &chains, row_count);
    reduce_crossings(&mut order, &vertices);
    place_horizontally(&order, &mut vertices, shared);

    // Rows are as tall as their tallest node, and further apart below a
    // row whose edges carry the labels of several choices.
    let texts: Vec<Vec<Rc<str>>> = flow
        .nodes()
        .iter()
        .map(|n| {
            wrap(&n.label, LINE_CHARS, MAX_LINES)
                .into_iter()
                .map(Rc::from)
                .collect()
        })
        .collect();
    let heights: Vec<f32> = texts.iter().map(|t| node_height(t.len()) as f32).collect();
    let mut row_height = vec![0.0f32; row_count];
    let mut row_gap = vec![ROW_GAP; row_count];
    let mut choices_row = vec![false; row_count];
    for v in &vertices {
        if let Some(ix) = v.node {
            row_height[v.row] = row_height[v.row].max(heights[ix.get()]);
            choices_row[v.row] |= flow.question(ix).is_some_and(|q| !q.is_yes_no());
        }
    }
    // Where several choices of one question take the same first step (they
    // lead to the same node), their labels stack on that one line; the gap
    // below grows to hold the stack.
    let stacks = label_stacks(&chains);
    for (chain, &(place, of)) in chains.iter().zip(&stacks) {
        let row = vertices[chain.vertices[0]].row;
        if choices_row[row] && place == 0 {
            let needed = ROW_GAP_CHOICES + (of as f32 - 1.0) * LABEL_STEP;
            row_gap[row] = row_gap[row].max(needed);
        }
    }
    for (row, gap) in row_gap.iter_mut().enumerate() {
        if choices_row[row] {
            *gap = gap.max(ROW_GAP_CHOICES);
        }
    }
    let mut row_top = vec![MARGIN; row_count];
    for row in 1..row_count {
        row_top[row] = row_top[row - 1] + row_height[row - 1] + row_gap[row - 1];
    }

    let left = vertices
        .iter()
        .map(|v| v.x - v.width / 2.0)
        .fold(f32::INFINITY, f32::min);
    let shift = MARGIN - left;
    for v in &mut vertices {
        v.x += shift;
    }
    let width = vertices.iter().map(|v| v.x + v.width / 2.0).fold(0.0f32, f32::max) + MARGIN;
    let height = row_top[row_count - 1] + row_height[row_count - 1] + MARGIN;

    let nodes: Vec<ChartNode> = flow
        .indexed()
        .map(|(ix, _)| {
            let v = &vertices[ix.get()];
            let h = heights[ix.get()];
            // Centre a short node vertically in a taller row.
            let top = row_top[v.row] + (row_height[v.row] - h) / 2.0;
            ChartNode {
                node: ix,
                x: (v.x - v.width / 2.0).round() as i32,
                y: top.round() as i32,
                width: NODE_WIDTH,
                height: h as i32,
                lines: texts[ix.get()].clone(),
            }
        })
        .collect();

    let mut edges: Vec<ChartEdge> = chains
        .iter()
        .zip(&stacks)
        .map(|(chain, &stack)| {
            let points = edge_points(&chain.vertices, &vertices, &nodes, &row_top, &row_height);
            let row = vertices[chain.vertices[0]].row;
            // Below a row that offers several choices, every label sits low
            // in the gap, where the edges have fanned out.
            let low = choices_row[row].then_some(stack);
            ChartEdge {
                from: chain.from,
                answer: chain.answer,
                to: chain.to,
                path: Rc::from(svg_path(&points)),
                points: Rc::from(points.as_slice()),
                arrow: Rc::from(arrowhead(points[points.len() - 1])),
                label: label_point(&points, low, (row_top[row] + row_height[row], row_top[row + 1])),
                bounds: bounds(&points),
            }
        })
        .collect();
    spread_labels(flow, &mut edges, &chains, &vertices, width.ceil() as i32);

    Chart {
        width: width.ceil() as i32,
        height: height.ceil() as i32,
        nodes,
        edges,
    }
}

/// Longest-path layering: a node's row is the length of the longest path
/// from the start to it, so every edge points to a lower row.
fn rows(flow: &Flow) -> Vec<usize> {
    let mut row = vec![0usize; flow.nodes().len()];
    for &ix in flow.topological() {
        for (_, to) in flow.node(ix).edges() {
            row[to.get()] = row[to.get()].max(row[ix.get()] + 1);
        }
    }
    row
}

/// Each edge as a chain of vertices, adding the waypoints of long edges to
/// `vertices` and linking every vertex to its neighbours above and below.
/// Also says whether long edges share lanes.
fn chains(flow: &Flow, rows_of: &[usize], vertices: &mut Vec<Vertex>) -> (Vec<Chain>, bool) {
    let waypoints: usize = flow
        .indexed()
        .flat_map(|(from, node)| node.edges().map(move |(_, to)| (from, to)))
        .map(|(from, to)| rows_of[to.get()] - rows_of[from.get()] - 1)
        .sum();
    let share = waypoints > SHARE_LANES_ABOVE;
    // Shared lanes: for each target node, its lane's vertex in each row.
    // Indexed by the target's node index, then by row; `NONE` where the
    // lane has no vertex yet.
    const NONE: usize = usize::MAX;
    let mut lanes: Vec<Vec<usize>> = vec![Vec::new(); flow.nodes().len()];

    let mut chains = Vec::new();
    for (from, node) in flow.indexed() {
        for (answer, to) in node.edges() {
            let mut chain = vec![from.get()];
            for row in rows_of[from.get()] + 1..rows_of[to.get()] {
                let lane = &mut lanes[to.get()];
                if share && lane.is_empty() {
                    lane.resize(rows_of[to.get()], NONE);
                }
                let w = match lane.get(row) {
                    Some(&w) if w != NONE => w,
                    _ => {
                        vertices.push(Vertex::new(None, row));
                        let w = vertices.len() - 1;
                        if share {
                            lane[row] = w;
                        }
                        w
                    }
                };
                chain.push(w);
            }
            chain.push(to.get());
            for pair in chain.windows(2) {
                // A shared lane's links are made once.
                if !vertices[pair[0]].down.contains(&pair[1]) {
                    vertices[pair[0]].down.push(pair[1]);
                    vertices[pair[1]].up.push(pair[0]);
                }
            }
            chains.push(Chain {
                from,
                answer,
                to,
                vertices: chain,
            });
        }
    }
    (chains, share)
}

/// Rows ordered by a depth-first walk from the start. A yes/no question's
/// "no" is visited first, so the chain of questions forms a spine and each
/// "yes" branches off to the side; several choices are visited in the
/// author's order, so they read left to right.
fn initial_order(flow: &Flow, vertices: &[Vertex], chains: &[Chain], row_count: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); row_count];
    let mut placed = vec![false; vertices.len()];
    let mut out_of: Vec<Vec<&Chain>> = vec![Vec::new(); flow.nodes().len()];
    for chain in chains {
        out_of[chain.from.get()].push(chain);
    }
    let mut stack = vec![flow.start().get()];
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut placed[v], true) {
            continue;
        }
        order[vertices[v].row].push(v);
        let Some(ix) = vertices[v].node else {
            stack.extend(vertices[v].down.iter().rev());
            continue;
        };
        let mut heads: Vec<usize> = out_of[ix.get()].iter().map(|c| c.vertices[1]).collect();
        // The stack pops last in first, so push in reverse visiting order:
        // yes then no for a yes/no question, choices last to first.
        if !flow.question(ix).is_some_and(|q| q.is_yes_no()) {
            heads.reverse();
        }
        stack.extend(heads);
    }
    order
}

/// Barycentre sweeps down and up; keeps the ordering with fewest crossings.
fn reduce_crossings(order: &mut [Vec<usize>], vertices: &[Vertex]) {
    let mut pos = vec![0usize; vertices.len()];
    let mut best = order.to_vec();
    let mut best_crossings = crossings(order, vertices, &mut pos);
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let rows: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for row in rows {
            let neighbour_row = if down { row - 1 } else { row + 1 };
            for (i, &v) in order[neighbour_row].iter().enumerate() {
                pos[v] = i;
            }
            let mut keyed: Vec<(f32, usize)> = order[row]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let links = if down { &vertices[v].up } else { &vertices[v].down };
                    let key = if links.is_empty() {
                        i as f32
                    } else {
                        links.iter().map(|&w| pos[w] as f32).sum::<f32>() / links.len() as f32
                    };
                    (key, v)
                })
                .collect();
            // Stable: ties keep the row's current order.
            sort_small(&mut keyed, |a, b| a.0 < b.0);
            order[row] = keyed.into_iter().map(|(_, v)| v).collect();
        }
        let c = crossings(order, vertices, &mut pos);
        if c < best_crossings {
            best_crossings = c;
            best = order.to_vec();
        }
    }
    order.clone_from_slice(&best);
}

/// A stable insertion sort. The lists sorted here are a row's vertices or
/// a vertex's edges, and short in practice; the standard library's sorts
/// would add about 4 KiB brotli to the WebAssembly for these three uses.
fn sort_small<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Number of edge crossings between consecutive rows: for each pair of
/// rows, the inversions among the edges' lower ends once they are sorted by
/// their upper ends, counted with a Fenwick tree in `O(E log V)`.
fn crossings(order: &[Vec<usize>], vertices: &[Vertex], pos: &mut [usize]) -> usize {
    for row in order {
        for (i, &v) in row.iter().enumerate() {
            pos[v] = i;
        }
    }
    let mut total = 0;
    let mut tree: Vec<usize> = Vec::new();
    for pair in order.windows(2) {
        let (upper, lower) = (&pair[0], &pair[1]);
        // Edges in order of their upper end, then their lower end.
        let mut ends: Vec<usize> = Vec::new();
        for &v in upper {
            let start = ends.len();
            ends.extend(vertices[v].down.iter().map(|&w| pos[w]));
            sort_small(&mut ends[start..], |a, b| a < b);
        }
        tree.clear();
        tree.resize(lower.len() + 1, 0);
        // Walking the edges in that order, each crosses every edge seen
        // before it that ends further right.
        for (seen, &end) in ends.iter().enumerate() {
            let mut at = end + 1;
            let mut not_right = 0;
            while at > 0 {
                not_right += tree[at];
                at &= at - 1;
            }
            total += seen - not_right;
            let mut at = end + 1;
            while at < tree.len() {
                tree[at] += 1;
                at += at & at.wrapping_neg();
            }
        }
    }
    total
}

/// Space each row's vertices apart and pull each towards the mean of its
/// neighbours in the row above (then below), keeping the row's order.
///
/// With shared lanes, a node follows only its neighbouring nodes and a
/// waypoint only its neighbouring waypoints, where it has any: so a lane
/// runs straight down beside the questions that join it, instead of each
/// pulling the other sideways row after row.
fn place_horizontally(order: &[Vec<usize>], vertices: &mut [Vertex], shared: bool) {
    for row in order {
        let mut x = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                x += separation(&vertices[row[i - 1]], &vertices[v]);
            }
            vertices[v].x = x;
        }
    }
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let rows: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for r in rows {
            let row = &order[r];
            let desired: Vec<f32> = row
                .iter()
                .map(|&v| {
                    let links = if down { &vertices[v].up } else { &vertices[v].down };
                    let kind = vertices[v].node.is_some();
                    let alike = |w: &&usize| vertices[**w].node.is_some() == kind;
                    let prefer_alike = shared && links.iter().any(|w| alike(&w));
                    let (sum, count) = links
                        .iter()
                        .filter(|w| !prefer_alike || alike(w))
                        .fold((0.0f32, 0usize), |(sum, n), &w| (sum + vertices[w].x, n + 1));
                    if count == 0 {
                        vertices[v].x
                    } else {
                        sum / count as f32
                    }
                })
                .collect();
            let gaps: Vec<f32> = (0..row.len())
                .map(|i| {
                    if i == 0 {
                        0.0
                    } else {
                        separation(&vertices[row[i - 1]], &vertices[row[i]])
                    }
                })
                .collect();
            for (v, x) in row.iter().zip(spaced_closest(&desired, &gaps)) {
                vertices[*v].x = x;
            }
        }
    }
}

/// Minimum distance between the centres of two neighbours in a row.
fn separation(a: &Vertex, b: &Vertex) -> f32 {
    let gap = if a.node.is_some() && b.node.is_some() {
        GAP_NODES
    } else {
        GAP_WAYPOINT
    };
    let boxes = a.width / 2.0 + b.width / 2.0 + gap;
    // Labels sit most of the way across to where their edges' first step
    // ends, so two such ends this far apart keep their labels apart.
    let labels = match a.label_width > 0.0 && b.label_width > 0.0 {
        true => ((a.label_width + b.label_width) / 2.0 + LABEL_GAP) / LABEL_ACROSS,
        false => 0.0,
    };
    boxes.max(labels)
}

/// Positions as close as possible (least squares) to `desired` while each
/// stays at least `gaps[i]` right of the one before: isotonic regression by
/// pool-adjacent-violators on the positions less their cumulative gaps.
fn spaced_closest(desired: &[f32], gaps: &[f32]) -> Vec<f32> {
    let mut offset = Vec::with_capacity(gaps.len());
    let mut sum = 0.0;
    for g in gaps {
        sum += g;
        offset.push(sum);
    }
    // Blocks of pooled values: (mean, count).
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (d, o) in desired.iter().zip(&offset) {
        let mut block = (d - o, 1);
        while let Some(&(mean, count)) = blocks.last() {
            if mean <= block.0 {
                break;
            }
            blocks.pop();
            let c = count + block.1;
            block = ((mean * count as f32 + block.0 * block.1 as f32) / c as f32, c);
        }
        blocks.push(block);
    }
    blocks
        .into_iter()
        .flat_map(|(m, c)| std::iter::repeat_n(m, c))
        .zip(&offset)
        .map(|(y, o)| y + o)
        .collect()
}

/// The points an edge passes: the source's bottom, each waypoint's top and
/// bottom of its row, the target's top. Ports spread out sideways so edges
/// that share a node do not overlap. Points in the middle of a straight
/// vertical run are left out, so a long lane is one line; the first
/// waypoint's top stays, since the answer's label sits on the way to it,
/// in the gap below the source's row.
fn edge_points(
    chain: &[usize],
    vertices: &[Vertex],
    nodes: &[ChartNode],
    row_top: &[f32],
    row_height: &[f32],
) -> Vec<(f32, f32)> {
    let first = &nodes[chain[0]];
    let last = &nodes[chain[chain.len() - 1]];
    let port = |node: &ChartNode, towards: f32| {
        let cx = node.center_x() as f32;
        let limit = node.width as f32 / 3.0;
        // `max` then `min` rather than `clamp`: the same result for this
        // positive limit, without clamp's panic message, whose float
        // formatting adds about 8.7 KiB brotli to the WebAssembly.
        cx + ((towards - cx) * 0.3).max(-limit).min(limit)
    };
    let mut points = vec![(port(first, vertices[chain[1]].x), (first.y + first.height) as f32)];
    for &w in &chain[1..chain.len() - 1] {
        let v = &vertices[w];
        for y in [row_top[v.row], row_top[v.row] + row_height[v.row]] {
            let vertical = |a: (f32, f32)| (a.0 - v.x).abs() < 0.5;
            let n = points.len();
            if n >= 3 && vertical(points[n - 1]) && vertical(points[n - 2]) {
                points[n - 1] = (v.x, y);
            } else {
                points.push((v.x, y));
            }
        }
    }
    points.push((port(last, vertices[chain[chain.len() - 2]].x), last.y as f32));
    points
}

/// SVG path data through `points`: vertical S-curves between rows, straight
/// lines down through a row.
pub fn svg_path(points: &[(f32, f32)]) -> String {
    let pair = |(x, y): (f32, f32)| format!("{},{}", x.round() as i32, y.round() as i32);
    let mut d = format!("M{}", pair(points[0]));
    for step in points.windows(2) {
        let ((ax, ay), (bx, by)) = (step[0], step[1]);
        if (ax - bx).abs() < 0.5 {
            d += &format!(" L{}", pair((bx, by)));
        } else {
            let mid = (ay + by) / 2.0;
            d += &format!(" C{} {} {}", pair((ax, mid)), pair((bx, mid)), pair((bx, by)));
        }
    }
    d
}

/// The rectangle around `points` and the arrowhead at the last (which
/// reaches 5 units either side of its tip), with room for the line's width.
fn bounds(points: &[(f32, f32)]) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0).expanded(6.0, 2.0)
}

/// A small downward triangle with its tip at `tip`.
fn arrowhead((x, y): (f32, f32)) -> String {
    let (x, y) = (x.round() as i32, y.round() as i32);
    format!("M{},{} L{},{} L{x},{y} Z", x - 5, y - 8, x + 5, y - 8)
}

/// Where the answer label sits, in the gap between the source's row and the
/// next (`gap_top`, `gap_bottom`), clear of taller nodes a short source may
/// stand between. A yes/no label sits a little below the source, on the
/// curve; below a row of several choices (`low`: the label's place in the
/// stack on its line, and the stack's size), labels sit low in the gap,
/// where the edges have fanned out.
fn label_point(points: &[(f32, f32)], low: Option<(usize, usize)>, (gap_top, gap_bottom): (f32, f32)) -> (i32, i32) {
    let ((ax, ay), (bx, by)) = (points[0], points[1]);
    let top = ay.max(gap_top);
    let (x, y) = match low {
        // Low in the gap, where edges have fanned out to their next row:
        // three quarters of the way down (at one height for every label of
        // the gap, however its target sits in its row), on the S-curve; a
        // stack of labels on one line climbs from there.
        Some((place, of)) => {
            let y = gap_top + (gap_bottom - gap_top) * 0.75 - (of - 1 - place) as f32 * LABEL_STEP;
            let across = curve_across((y - ay) / (by - ay).max(1.0));
            (ax + (bx - ax) * across, y)
        }
        // On a vertical S-curve the x at a quarter of the way down is close
        // to the start; nudge it a sixth of the way across.
        None => (ax + (bx - ax) * 0.16, top + 18.0),
    };
    (x.round() as i32, y.round() as i32)
}

/// How far across an edge's S-curve (`svg_path`) is at the share `down` of
/// the way down: the curve's y is `1.5t(1 − t) + t³` and its x `3t² − 2t³`
/// at parameter `t`, found here by bisection.
// `max` then `min` rather than `clamp`, as in `edge_points`: clamp's panic
// message would bring float formatting into the WebAssembly.
#[allow(clippy::manual_clamp)]
fn curve_across(down: f32) -> f32 {
    let down = down.max(0.0).min(1.0);
    let (mut low, mut high) = (0.0f32, 1.0f32);
    for _ in 0..20 {
        let t = (low + high) / 2.0;
        if 1.5 * t * (1.0 - t) + t * t * t < down {
            low = t;
        } else {
            high = t;
        }
    }
    let t = (low + high) / 2.0;
    3.0 * t * t - 2.0 * t * t * t
}

/// For each edge, its place in the stack of labels that share its line
/// (edges of one question with the same first step), and the stack's size.
fn label_stacks(chains: &[Chain]) -> Vec<(usize, usize)> {
    let key = |c: &Chain| (c.from, c.vertices[1]);
    chains
        .iter()
        .enumerate()
        .map(|(i, chain)| {
            // Edges of one question are next to each other in `chains`.
            let same = |other: &&Chain| key(other) == key(chain);
            let place = chains[..i]
                .iter()
                .rev()
                .take_while(|c| c.from == chain.from)
                .filter(same)
                .count();
            let after = chains[i + 1..]
                .iter()
                .take_while(|c| c.from == chain.from)
                .filter(same)
                .count();
            (place, place + 1 + after)
        })
        .collect()
}

/// Most characters (grapheme clusters, as a reader counts them) of a
/// choice's label on a chart edge; longer ones end in an ellipsis (the
/// wizard shows them whole).
pub const EDGE_LABEL_CHARS: usize = 18;

/// A choice's label as an edge shows it: cut to [`EDGE_LABEL_CHARS`]
/// clusters, never inside one, the last an ellipsis when cut.
pub fn edge_label(text: &str) -> String {
    let clusters = text.graphemes(true);
    if clusters.clone().nth(EDGE_LABEL_CHARS).is_none() {
        return text.to_owned();
    }
    let mut out: String = clusters.take(EDGE_LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

/// The width of an edge's label pill for `text` at the chart's 11 px bold
/// type: about 7 px a column as unicode-width counts them (two for a wide
/// character or an emoji sequence), plus padding.
pub fn edge_label_width(text: &str) -> i32 {
    (text.width() as i32 * 7 + 14).max(28)
}

/// Room kept for a yes/no label, whose words depend on the reader's
/// language: enough for "Yes", "Nein" or "はい".
const YES_NO_LABEL_WIDTH: i32 = 44;
/// Space between two labels side by side.
const LABEL_GAP: f32 = 6.0;
/// Distance between labels stacked on one line.
const LABEL_STEP: f32 = 21.0;
/// How far across from its question an answer label sits below a row of
/// several choices, as a share of the way to its edge's first step.
const LABEL_ACROSS: f32 = 0.9;
/// How far sideways a label may move from its edge to make room.
const MAX_LABEL_SHIFT: f32 = 72.0;

/// The width an edge's answer label takes, when it is one of several
/// choices; a yes/no label takes the room of the longest common words.
fn label_width_of(flow: &Flow, from: NodeIx, answer: Answer) -> i32 {
    match flow.question(from).and_then(|q| q.choice(answer)).map(|c| &c.label) {
        Some(ChoiceLabel::Text(text)) => edge_label_width(&edge_label(text)),
        _ => YES_NO_LABEL_WIDTH,
    }
}

/// Marks where each edge leaving a row of several choices first steps
/// down, with the width of its label, so that placement keeps those points
/// far enough apart for the labels that sit above them.
fn reserve_label_room(flow: &Flow, chains: &[Chain], vertices: &mut [Vertex]) {
    let several = |ix: NodeIx| flow.question(ix).is_some_and(|q| !q.is_yes_no());
    let mut rows_with_choices = vec![false; vertices.len()];
    for v in vertices.iter() {
        if v.node.is_some_and(several) {
            rows_with_choices[v.row] = true;
        }
    }
    for chain in chains {
        if rows_with_choices[vertices[chain.vertices[0]].row] {
            let width = label_width_of(flow, chain.from, chain.answer) as f32;
            let hop = &mut vertices[chain.vertices[1]];
            hop.label_width = hop.label_width.max(width);
        }
    }
}

/// Moves the labels that share a gap between rows apart sideways, as little
/// as it takes (the least-squares placement the nodes use), so that the
/// labels of edges fanning out to nearby targets never cover each other.
fn spread_labels(flow: &Flow, edges: &mut [ChartEdge], chains: &[Chain], vertices: &[Vertex], chart_width: i32) {
    let width = |edge: &ChartEdge| label_width_of(flow, edge.from, edge.answer);
    // Labels by the row their edge leaves, then by height in the gap.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, chain) in chains.iter().enumerate() {
        let row = vertices[chain.vertices[0]].row;
        if groups.len() <= row {
            groups.resize(row + 1, Vec::new());
        }
        groups[row].push(i);
    }
    for group in groups.iter_mut().filter(|g| g.len() > 1) {
        sort_small(group, |&a, &b| {
            (edges[a].label.1, edges[a].label.0) < (edges[b].label.1, edges[b].label.0)
        });
        // Labels at one height form a band to spread; labels at another
        // height (a yes/no label near its question) do not meet them.
        let heights: Vec<i32> = group.iter().map(|&i| edges[i].label.1).collect();
        let mut start = 0;
        while start < group.len() {
            let end = start + heights[start..].iter().take_while(|&&h| h == heights[start]).count();
            let band = &group[start..end];
            let desired: Vec<f32> = band.iter().map(|&i| edges[i].label.0 as f32).collect();
            let gaps: Vec<f32> = band
                .iter()
                .enumerate()
                .map(|(k, &i)| match k {
                    0 => 0.0,
                    _ => (width(&edges[band[k - 1]]) + width(&edges[i])) as f32 / 2.0 + LABEL_GAP,
                })
                .collect();
            for ((&i, x), want) in band.iter().zip(spaced_closest(&desired, &gaps)).zip(&desired) {
                // A label stays beside its edge: in a crowded gap it moves
                // at most this far, and never off the chart.
                let x = x.max(want - MAX_LABEL_SHIFT).min(want + MAX_LABEL_SHIFT);
                edges[i].label.0 = (x.round() as i32).max(0).min(chart_width);
            }
            start = end;
        }
    }
}

/// The height of a node with `lines` lines of text.
fn node_height(lines: usize) -> i32 {
    lines.max(1) as i32 * LINE_HEIGHT + 2 * NODE_PADDING
}

/// Whether a line may break before and after `cluster` without a space:
/// the characters of scripts written without spaces (Chinese, Japanese
/// kana, CJK punctuation and full-width forms) break between any two.
/// Korean is written with spaces between words, so Hangul is not among
/// them: its words stay whole, like Latin ones. This says where lines may
/// break, not how wide anything is (that is [`columns`]).
fn breaks_anywhere(cluster: &str) -> bool {
    cluster.chars().next().is_some_and(|c| {
        matches!(c,
            '\u{3000}'..='\u{30FF}'   // CJK punctuation, Hiragana, Katakana
            | '\u{3400}'..='\u{4DBF}' // CJK Extension A
            | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
            | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
            | '\u{FF00}'..='\u{FFEF}' // Full-width forms
        )
    })
}

/// How many columns of a line `text` takes, cluster by cluster, as
/// unicode-width counts them: two for a wide character (Chinese, Japanese,
/// Hangul, an emoji or a whole emoji sequence), one for most others, none
/// for a mark that combines with the one before. A column is about half
/// the chart type's em.
fn columns(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Greedy word wrap to `width` columns and at most `max_lines` lines, by
/// grapheme cluster, so that a line never starts inside one (an accent
/// stays on its letter, an emoji sequence stays whole). Words longer than a
/// line are split between clusters, text in scripts without spaces
/// (Japanese, Chinese) breaks between any two of its clusters, and
/// overflow ends in "…". Widths are [`columns`].
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for (mut word, spaced) in words(text) {
        let mut size = columns(word);
        // A word wider than a line takes lines of its own, cut between
        // clusters; a single cluster wider than the line stays whole.
        while size > width {
            let (cut, cut_size) = fitting(word, width);
            if cut == word.len() {
                break;
            }
            if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                line_len = 0;
            }
            lines.push(word[..cut].to_owned());
            word = &word[cut..];
            size -= cut_size;
        }
        // A space only where the text has one: none between the characters
        // of a script written without spaces.
        let joined = line_len > 0 && spaced;
        let needed = size + usize::from(joined);
        if line_len > 0 && line_len + needed > width {
            lines.push(std::mem::take(&mut line));
            line_len = 0;
        } else if joined {
            line.push(' ');
            line_len += 1;
        }
        line_len += size;
        line.push_str(word);
    }
    if line_len > 0 {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut used = 0;
            let keep: String = last
                .graphemes(true)
                .take_while(|cluster| {
                    used += cluster.width();
                    used < width
                })
                .collect();
            *last = keep + "…";
        }
    }
    lines
}

/// The longest start of `word` in whole clusters that fits in `width`
/// columns, or its first cluster if even that is wider: its length in
/// bytes and its columns.
fn fitting(word: &str, width: usize) -> (usize, usize) {
    let (mut end, mut used) = (0, 0);
    for (at, cluster) in word.grapheme_indices(true) {
        let size = cluster.width();
        if end > 0 && used + size > width {
            break;
        }
        end = at + cluster.len();
        used += size;
    }
    (end, used)
}

/// The pieces `wrap` may break between, each with whether a space comes
/// before it in the text: runs of clusters separated by spaces, and each
/// cluster of a script written without spaces on its own (so a Japanese
/// label wraps anywhere, and a Latin word inside it stays whole). A space
/// that carries a combining mark is a cluster of the word, not a break.
fn words(text: &str) -> Vec<(&str, bool)> {
    let mut pieces = Vec::new();
    // Where the run of clusters being read began, if one is.
    let mut run: Option<usize> = None;
    let mut spaced = false;
    for (at, cluster) in text.grapheme_indices(true) {
        let blank = cluster.chars().all(char::is_whitespace);
        let alone = breaks_anywhere(cluster);
        if blank || alone {
            if let Some(start) = run.take() {
                pieces.push((&text[start..at], spaced));
                spaced = false;
            }
        }
        if blank {
            spaced = !pieces.is_empty();
        } else if alone {
            pieces.push((cluster, spaced));
            spaced = false;
        } else if run.is_none() {
            run = Some(at);
        }
    }
    if let Some(start) = run {
        pieces.push((&text[start..], spaced));
    }
    pieces
}
