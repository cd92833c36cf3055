//! Chart layout: where each node and edge of a flow is drawn.
//!
//! A layered drawing in the Sugiyama style, computed from the flow alone:
//! nodes sit in rows by their longest distance from the start, so every
//! edge points down; long edges pass through invisible waypoints so they
//! route between nodes rather than through them; rows are ordered to cut
//! crossings, then each node slides towards its neighbours as far as the
//! row's spacing allows. The result is plain numbers and path strings that
//! any renderer (the widget's SVG, an exported file) draws as is.

use super::model::{Answer, Flow, NodeIx};
use super::walk::{EdgeState, NodeState, Walk};

/// Width of every node box.
pub const NODE_WIDTH: i32 = 152;
/// Height of one line of node text.
pub const LINE_HEIGHT: i32 = 16;
/// Padding above and below a node's text.
pub const NODE_PADDING: i32 = 10;
/// Most characters on one line of a node's text (at the chart's font size).
pub const LINE_CHARS: usize = 19;
/// Most lines of text in a node; longer labels end in an ellipsis.
pub const MAX_LINES: usize = 4;

const ROW_GAP: f32 = 52.0;
const MARGIN: f32 = 12.0;
const GAP_NODES: f32 = 20.0;
const GAP_WAYPOINT: f32 = 14.0;
const SWEEPS: usize = 12;

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
    pub lines: Vec<String>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartEdge {
    /// Question the edge leaves.
    pub from: NodeIx,
    /// The answer it stands for.
    pub answer: Answer,
    /// Node it enters.
    pub to: NodeIx,
    /// SVG path data (`d` attribute), in chart coordinates.
    pub path: String,
    /// SVG path data of the arrowhead at the target.
    pub arrow: String,
    /// Centre of the edge's "Yes"/"No" label.
    pub label: (i32, i32),
}

/// A whole chart: its size, nodes and edges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Width of the drawing.
    pub width: i32,
    /// Height of the drawing.
    pub height: i32,
    /// Every node of the flow, in flow order.
    pub nodes: Vec<ChartNode>,
    /// Every edge, yes before no, in flow order of their questions.
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
        // whose code would cost more than these passes.
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
    x: f32,
    up: Vec<usize>,
    down: Vec<usize>,
}

/// Lays out `flow`.
pub fn layout(flow: &Flow) -> Chart {
    let rows_of = rows(flow);
    let mut vertices: Vec<Vertex> = flow
        .indexed()
        .map(|(ix, _)| Vertex {
            node: Some(ix),
            row: rows_of[ix.get()],
            width: NODE_WIDTH as f32,
            x: 0.0,
            up: Vec::new(),
            down: Vec::new(),
        })
        .collect();

    // Each edge becomes a chain of vertices, one per row it crosses.
    let mut chains: Vec<(NodeIx, Answer, NodeIx, Vec<usize>)> = Vec::new();
    for (from, node) in flow.indexed() {
        for (answer, to) in node.edges() {
            let mut chain = vec![from.get()];
            for row in rows_of[from.get()] + 1..rows_of[to.get()] {
                vertices.push(Vertex {
                    node: None,
                    row,
                    width: 0.0,
                    x: 0.0,
                    up: Vec::new(),
                    down: Vec::new(),
                });
                chain.push(vertices.len() - 1);
            }
            chain.push(to.get());
            for pair in chain.windows(2) {
                vertices[pair[0]].down.push(pair[1]);
                vertices[pair[1]].up.push(pair[0]);
            }
            chains.push((from, answer, to, chain));
        }
    }

    let row_count = rows_of.iter().max().map_or(1, |m| m + 1);
    let mut order = initial_order(flow, &vertices, &chains, row_count);
    reduce_crossings(&mut order, &vertices);
    place_horizontally(&order, &mut vertices);

    // Rows are as tall as their tallest node.
    let texts: Vec<Vec<String>> = flow
        .nodes()
        .iter()
        .map(|n| wrap(&n.label, LINE_CHARS, MAX_LINES))
        .collect();
    let heights: Vec<f32> = texts.iter().map(|t| node_height(t.len()) as f32).collect();
    let mut row_top = vec![MARGIN; row_count];
    let mut row_height = vec![0.0f32; row_count];
    for v in &vertices {
        if let Some(ix) = v.node {
            row_height[v.row] = row_height[v.row].max(heights[ix.get()]);
        }
    }
    for row in 1..row_count {
        row_top[row] = row_top[row - 1] + row_height[row - 1] + ROW_GAP;
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

    let edges = chains
        .iter()
        .map(|(from, answer, to, chain)| {
            let points = edge_points(chain, &vertices, &nodes, &row_top, &row_height);
            ChartEdge {
                from: *from,
                answer: *answer,
                to: *to,
                path: svg_path(&points),
                arrow: arrowhead(points[points.len() - 1]),
                label: label_point(&points),
            }
        })
        .collect();

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

/// Rows ordered by a depth-first walk from the start, "no" before "yes",
/// so the chain of questions forms a spine and each "yes" branches off to
/// the side.
fn initial_order(
    flow: &Flow,
    vertices: &[Vertex],
    chains: &[(NodeIx, Answer, NodeIx, Vec<usize>)],
    row_count: usize,
) -> Vec<Vec<usize>> {
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); row_count];
    let mut placed = vec![false; vertices.len()];
    let mut stack = vec![flow.start().get()];
    while let Some(v) = stack.pop() {
        if std::mem::replace(&mut placed[v], true) {
            continue;
        }
        order[vertices[v].row].push(v);
        // Push "yes" first so "no" is visited first.
        for (_, _, _, chain) in chains.iter().filter(|c| c.3[0] == v) {
            for &w in chain[1..].iter().rev() {
                stack.push(w);
            }
        }
    }
    order
}

/// Barycentre sweeps down and up; keeps the ordering with fewest crossings.
fn reduce_crossings(order: &mut [Vec<usize>], vertices: &[Vertex]) {
    let mut best = order.to_vec();
    let mut best_crossings = crossings(order, vertices);
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let rows: Vec<usize> = if down {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for row in rows {
            let neighbour_row = if down { row - 1 } else { row + 1 };
            let mut pos = vec![f32::NAN; vertices.len()];
            for (i, &v) in order[neighbour_row].iter().enumerate() {
                pos[v] = i as f32;
            }
            let mut keyed: Vec<(f32, usize, usize)> = order[row]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let links = if down { &vertices[v].up } else { &vertices[v].down };
                    let known: Vec<f32> = links.iter().map(|&w| pos[w]).filter(|p| !p.is_nan()).collect();
                    let key = if known.is_empty() {
                        i as f32
                    } else {
                        known.iter().sum::<f32>() / known.len() as f32
                    };
                    (key, i, v)
                })
                .collect();
            sort_small(&mut keyed, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_lt());
            order[row] = keyed.into_iter().map(|(_, _, v)| v).collect();
        }
        let c = crossings(order, vertices);
        if c < best_crossings {
            best_crossings = c;
            best = order.to_vec();
        }
    }
    order.clone_from_slice(&best);
}

/// Insertion sort. Rows are short, and `crossings` already takes time
/// quadratic in a row's length; the standard library's sorts would add
/// several kilobytes of code to the WebAssembly for each element type.
pub(crate) fn sort_small<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Number of edge crossings between consecutive rows.
fn crossings(order: &[Vec<usize>], vertices: &[Vertex]) -> usize {
    let mut pos = vec![0usize; vertices.len()];
    for row in order {
        for (i, &v) in row.iter().enumerate() {
            pos[v] = i;
        }
    }
    let mut total = 0;
    for row in order {
        let edges: Vec<(usize, usize)> = row
            .iter()
            .flat_map(|&v| vertices[v].down.iter().map(move |&w| (v, w)))
            .map(|(v, w)| (pos[v], pos[w]))
            .collect();
        for (i, a) in edges.iter().enumerate() {
            for b in &edges[i + 1..] {
                if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                    total += 1;
                }
            }
        }
    }
    total
}

/// Space each row's vertices apart and pull each towards the mean of its
/// neighbours in the row above (then below), keeping the row's order.
fn place_horizontally(order: &[Vec<usize>], vertices: &mut [Vertex]) {
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
                    if links.is_empty() {
                        vertices[v].x
                    } else {
                        links.iter().map(|&w| vertices[w].x).sum::<f32>() / links.len() as f32
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
    a.width / 2.0 + b.width / 2.0 + gap
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
        blocks.push((d - o, 1));
        while blocks.len() > 1 && blocks[blocks.len() - 2].0 > blocks[blocks.len() - 1].0 {
            let (m2, c2) = blocks.pop().unwrap_or((0.0, 0));
            let (m1, c1) = blocks.pop().unwrap_or((0.0, 0));
            let c = c1 + c2;
            blocks.push(((m1 * c1 as f32 + m2 * c2 as f32) / c as f32, c));
        }
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
/// that share a node do not overlap.
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
        // formatting would add about 15 KB to the WebAssembly.
        cx + ((towards - cx) * 0.3).max(-limit).min(limit)
    };
    let mut points = vec![(port(first, vertices[chain[1]].x), (first.y + first.height) as f32)];
    for &w in &chain[1..chain.len() - 1] {
        let v = &vertices[w];
        points.push((v.x, row_top[v.row]));
        points.push((v.x, row_top[v.row] + row_height[v.row]));
    }
    points.push((port(last, vertices[chain[chain.len() - 2]].x), last.y as f32));
    points
}

/// SVG path data through `points`: vertical S-curves between rows, straight
/// lines down through a row.
fn svg_path(points: &[(f32, f32)]) -> String {
    let mut d = String::with_capacity(24 * points.len());
    let (x0, y0) = points[0];
    d.push('M');
    push_pair(&mut d, x0, y0);
    for pair in points.windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        if (ax - bx).abs() < 0.5 {
            d.push_str(" L");
        } else {
            let mid = (ay + by) / 2.0;
            d.push_str(" C");
            push_pair(&mut d, ax, mid);
            d.push(' ');
            push_pair(&mut d, bx, mid);
            d.push(' ');
        }
        push_pair(&mut d, bx, by);
    }
    d
}

/// A small downward triangle with its tip at `tip`.
fn arrowhead((x, y): (f32, f32)) -> String {
    let mut d = String::with_capacity(32);
    d.push('M');
    push_pair(&mut d, x - 5.0, y - 8.0);
    d.push_str(" L");
    push_pair(&mut d, x + 5.0, y - 8.0);
    d.push_str(" L");
    push_pair(&mut d, x, y);
    d.push_str(" Z");
    d
}

/// Where the answer label sits: a little below the source, on the curve.
fn label_point(points: &[(f32, f32)]) -> (i32, i32) {
    let ((ax, ay), (bx, _)) = (points[0], points[1]);
    let y = ay + 18.0;
    // On a vertical S-curve the x at a quarter of the way down is close to
    // the start; nudge it a quarter of the way across.
    let x = ax + (bx - ax) * 0.16;
    (x.round() as i32, y.round() as i32)
}

/// Appends "x,y" with whole numbers: enough precision for a drawing and
/// cheaper than float formatting.
fn push_pair(out: &mut String, x: f32, y: f32) {
    push_int(out, x.round() as i32);
    out.push(',');
    push_int(out, y.round() as i32);
}

/// Appends an integer in decimal without `format!`.
pub fn push_int(out: &mut String, n: i32) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, u64::from(n.unsigned_abs()));
}

/// Appends a whole number in decimal. Every number the engine writes goes
/// through here rather than `to_string`, so the WebAssembly carries one
/// small digit loop instead of the formatting machinery for each integer
/// type.
pub fn push_u64(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in digits[..len].iter().rev() {
        out.push(char::from(d));
    }
}

/// The height of a node with `lines` lines of text.
fn node_height(lines: usize) -> i32 {
    lines.max(1) as i32 * LINE_HEIGHT + 2 * NODE_PADDING
}

/// Greedy word wrap to `width` characters and at most `max_lines` lines;
/// words longer than a line are split, and overflow ends in "…".
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word[..width].iter().collect());
            word.drain(..width);
        }
        let len = line.chars().count();
        if len > 0 && len + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.extend(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = keep + "…";
        }
    }
    lines
}
