//! Native tests of the chart layout: node boxes, edges and their paths for the
//! built-in flow and random flows, and label wrapping.
#![cfg(not(target_arch = "wasm32"))]

use decision_widget::engine::layout::{
    layout, push_int, wrap, Chart, LINE_CHARS, LINE_HEIGHT, MAX_LINES, NODE_PADDING, NODE_WIDTH,
};
use decision_widget::engine::*;

mod common;
use common::{builtin, parse, random_flow, random_flows, random_text, Rng, LARGE};

// ---------------------------------------------------------------------------
// Chart properties

/// The "x,y" pairs of an SVG path, in order.
fn path_points(d: &str) -> Vec<(i32, i32)> {
    d.split(|c: char| c == ' ' || c.is_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .map(|pair| {
            let (x, y) = pair
                .split_once(',')
                .unwrap_or_else(|| panic!("`{pair}` in `{d}` is not x,y"));
            (x.parse().expect("x is an integer"), y.parse().expect("y is an integer"))
        })
        .collect()
}

/// Checks every layout rule on `chart`, the layout of `flow`.
fn check_chart(flow: &Flow, chart: &Chart, ctx: &str) {
    assert!(chart.width > 0 && chart.height > 0, "{ctx}: empty chart");

    // One box per node, in flow order, sized for its wrapped label.
    assert_eq!(chart.nodes.len(), flow.nodes().len(), "{ctx}");
    for ((ix, node), cn) in flow.indexed().zip(&chart.nodes) {
        let at = format!("{ctx}, node `{}`", node.id);
        assert_eq!(cn.node, ix, "{at}");
        assert_eq!(cn.lines, wrap(&node.label, LINE_CHARS, MAX_LINES), "{at}");
        assert!(
            !cn.lines.is_empty() && cn.lines.len() <= MAX_LINES,
            "{at}: {:?}",
            cn.lines
        );
        assert_eq!(cn.width, NODE_WIDTH, "{at}");
        assert_eq!(
            cn.height,
            cn.lines.len() as i32 * LINE_HEIGHT + 2 * NODE_PADDING,
            "{at}"
        );
        // Inside the drawing.
        assert!(cn.x >= 0 && cn.y >= 0, "{at}: at ({}, {})", cn.x, cn.y);
        assert!(
            cn.x + cn.width <= chart.width,
            "{at}: right edge {} > {}",
            cn.x + cn.width,
            chart.width
        );
        assert!(
            cn.y + cn.height <= chart.height,
            "{at}: bottom {} > {}",
            cn.y + cn.height,
            chart.height
        );
        // The text block sits inside the box.
        let first = cn.first_baseline();
        assert!(
            first > cn.y && first + (cn.lines.len() as i32 - 1) * LINE_HEIGHT < cn.y + cn.height,
            "{at}"
        );
    }

    // No two boxes overlap (touching is allowed).
    for (i, a) in chart.nodes.iter().enumerate() {
        for b in &chart.nodes[i + 1..] {
            let apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
            assert!(
                apart,
                "{ctx}: `{}` at ({}, {}) overlaps `{}` at ({}, {})",
                flow.node(a.node).id,
                a.x,
                a.y,
                flow.node(b.node).id,
                b.x,
                b.y
            );
        }
    }

    // Two edges per question, yes before no, in flow order.
    let expected: Vec<(NodeIx, Answer, NodeIx)> = flow
        .indexed()
        .flat_map(|(from, node)| node.edges().map(move |(a, to)| (from, a, to)))
        .collect();
    let got: Vec<(NodeIx, Answer, NodeIx)> = chart.edges.iter().map(|e| (e.from, e.answer, e.to)).collect();
    assert_eq!(got, expected, "{ctx}: edges");

    for edge in &chart.edges {
        let from = &chart.nodes[edge.from.get()];
        let to = &chart.nodes[edge.to.get()];
        let at = format!(
            "{ctx}, edge `{}` {} → `{}`",
            flow.node(edge.from).id,
            edge.answer.as_str(),
            flow.node(edge.to).id
        );
        // Every edge points down, to a row below its source.
        assert!(
            to.y > from.y + from.height,
            "{at}: target at y {} is not below {}",
            to.y,
            from.y + from.height
        );

        // The path is plain SVG path data with whole numbers.
        assert!(edge.path.starts_with('M'), "{at}: `{}`", edge.path);
        assert!(
            edge.path.chars().all(|c| c.is_ascii_digit() || " ,-MLC".contains(c)),
            "{at}: unexpected character in `{}`",
            edge.path
        );
        // It leaves the bottom of the source and enters the top of the target,
        // staying inside the drawing on the way.
        let points = path_points(&edge.path);
        assert!(points.len() >= 2, "{at}: `{}`", edge.path);
        let (sx, sy) = points[0];
        let (ex, ey) = points[points.len() - 1];
        assert_eq!(sy, from.y + from.height, "{at}: start `{}`", edge.path);
        assert!(sx >= from.x && sx <= from.x + from.width, "{at}: start `{}`", edge.path);
        assert_eq!(ey, to.y, "{at}: end `{}`", edge.path);
        assert!(ex >= to.x && ex <= to.x + to.width, "{at}: end `{}`", edge.path);
        for (x, y) in points {
            assert!(
                (0..=chart.width).contains(&x) && (0..=chart.height).contains(&y),
                "{at}: ({x}, {y}) outside"
            );
        }
        assert!(
            edge.arrow.starts_with('M') && edge.arrow.ends_with('Z'),
            "{at}: arrow `{}`",
            edge.arrow
        );
        let (lx, ly) = edge.label;
        assert!(
            (0..=chart.width).contains(&lx) && ly > sy && ly < ey,
            "{at}: label at ({lx}, {ly})"
        );
    }
}

#[test]
fn builtin_chart() {
    let flow = builtin();
    let chart = layout(&flow);
    check_chart(&flow, &chart, "built-in flow");

    // The questions run down in the article's order.
    let y = |id: &str| chart.nodes[flow.find(id).expect("a built-in node").get()].y;
    assert!(y("data-freshness") < y("citations"));
    assert!(y("citations") < y("style"));
    assert!(y("style") < y("latency-privacy"));
    assert!(y("latency-privacy") < y("fine-tune-small-open-weight"));
    assert_eq!(chart.edges.len(), 8);
}

#[test]
fn random_charts() {
    for (seed, flow) in random_flows(LARGE) {
        let chart = layout(&flow);
        check_chart(&flow, &chart, &format!("seed {seed}"));
    }
}

#[test]
fn layout_is_deterministic() {
    let flow = builtin();
    assert_eq!(layout(&flow), layout(&flow));
    assert_eq!(layout(&builtin()), layout(&flow));
    for (seed, flow) in random_flows(LARGE).step_by(7) {
        let again = parse(&random_flow(seed, LARGE)).expect("the same flow again");
        assert_eq!(layout(&flow), layout(&again), "seed {seed}");
    }
}

// ---------------------------------------------------------------------------
// Wrapping

#[test]
fn wrap_cases() {
    // (text, width, max lines, expected lines)
    let cases: &[(&str, usize, usize, &[&str])] = &[
        ("", 10, 3, &[]),
        ("   \n ", 10, 3, &[]),
        ("hello world", 11, 3, &["hello world"]),
        ("hello world", 10, 3, &["hello", "world"]),
        ("  a \n b\tc  ", 5, 3, &["a b c"]),
        ("abcdefghijkl", 5, 4, &["abcde", "fghij", "kl"]),
        ("abcdefghij", 5, 4, &["abcde", "fghij"]),
        ("a abcdefghij", 4, 5, &["a", "abcd", "efgh", "ij"]),
        ("a abcdefghij b", 4, 5, &["a", "abcd", "efgh", "ij b"]),
        ("one two three four five six", 7, 2, &["one two", "three…"]),
        ("abcdefghij", 5, 1, &["abcd…"]),
        ("abcde", 5, 1, &["abcde"]),
        ("héllo wörld", 5, 3, &["héllo", "wörld"]),
        (
            "Data changes more than monthly?",
            LINE_CHARS,
            MAX_LINES,
            &["Data changes more", "than monthly?"],
        ),
    ];
    for (text, width, max, expected) in cases {
        assert_eq!(wrap(text, *width, *max), *expected, "wrap({text:?}, {width}, {max})");
    }
}

#[test]
fn wrap_properties() {
    let mut rng = Rng(0x5EED);
    for _ in 0..2000 {
        let text = random_text(&mut rng);
        let width = 1 + rng.below(25);
        let max = 1 + rng.below(6);
        let lines = wrap(&text, width, max);
        let ctx = format!("wrap({text:?}, {width}, {max}) = {lines:?}");
        assert!(lines.len() <= max, "{ctx}");
        for line in &lines {
            assert!(!line.is_empty() && line.chars().count() <= width, "{ctx}");
            assert_eq!(line.trim(), line, "{ctx}");
        }
        // Without truncation no character is lost; with it, the kept text is
        // a prefix and the last line says so.
        let all: String = text.split_whitespace().collect();
        let kept: String = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        if lines.last().is_some_and(|l| l.ends_with('…')) {
            let kept = kept.trim_end_matches('…');
            assert!(
                all.starts_with(kept) && kept.chars().count() < all.chars().count(),
                "{ctx}"
            );
            assert_eq!(lines.len(), max, "{ctx}");
        } else {
            assert_eq!(kept, all, "{ctx}");
            // Only words longer than a line are split.
            for word in text.split_whitespace().filter(|w| w.chars().count() <= width) {
                assert!(
                    lines.iter().any(|l| l.split(' ').any(|t| t == word)),
                    "{ctx}: `{word}` was split"
                );
            }
        }
    }
}

#[test]
fn push_int_cases() {
    for (n, expected) in [
        (0, "0"),
        (7, "7"),
        (-7, "-7"),
        (1200, "1200"),
        (i32::MAX, "2147483647"),
        (i32::MIN, "-2147483648"),
    ] {
        let mut out = String::from("x");
        push_int(&mut out, n);
        assert_eq!(out, format!("x{expected}"));
    }
}
