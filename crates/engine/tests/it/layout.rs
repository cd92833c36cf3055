//! Native tests of the chart layout and its drawing: node boxes, edges and
//! their paths and labels for the built-in flow, random flows with yes/no
//! and several-answer questions, and flows of the largest allowed size (a
//! chain of 498 questions, rows of 8-way questions, random 500-node flows);
//! and label wrapping, in Latin and full-width scripts, by grapheme
//! cluster (Hangul, Japanese, emoji sequences, combining marks).
//!
//! No test here measures time: the benchmark does. These run in well under
//! a second each in a debug build.
#![cfg(not(target_arch = "wasm32"))]

use dw_engine::chart::Drawing;
use dw_engine::layout::{layout, wrap, Chart, ChartNode, LINE_CHARS, LINE_HEIGHT, MAX_LINES, NODE_PADDING, NODE_WIDTH};
use dw_engine::words::Words;
use dw_engine::*;
use serde_json::json;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::common::{
    big_flow, builtin, chain_flow, parse, random_flow, random_flows, random_text, valid, wide_flow, Rng, LARGE,
    LARGE_CHOICES,
};

// ---------------------------------------------------------------------------
// Chart properties

/// One step of an SVG path: `M`, `L` or `C` with its points.
#[derive(Debug)]
struct Command {
    letter: char,
    points: Vec<(i32, i32)>,
}

/// The commands of SVG path data, each point two whole numbers.
fn commands(d: &str) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    for token in d.split(' ') {
        let (letter, pair) = match token.chars().next() {
            Some(c) if c.is_ascii_uppercase() => (Some(c), &token[1..]),
            _ => (None, token),
        };
        let (x, y) = pair
            .split_once(',')
            .unwrap_or_else(|| panic!("`{pair}` in `{d}` is not x,y"));
        let point = (
            x.parse()
                .unwrap_or_else(|_| panic!("x `{x}` in `{d}` is not a whole number")),
            y.parse()
                .unwrap_or_else(|_| panic!("y `{y}` in `{d}` is not a whole number")),
        );
        match letter {
            Some(letter) => out.push(Command {
                letter,
                points: vec![point],
            }),
            None => out.last_mut().expect("a command first").points.push(point),
        }
    }
    out
}

/// Whether the open rectangles `a` and `b` (x, y, width, height) overlap.
fn overlap(a: (i32, i32, i32, i32), b: (i32, i32, i32, i32)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// Checks every layout rule on `chart`, the layout of `flow`.
fn check_chart(flow: &Flow, chart: &Chart, ctx: &str) {
    assert!(chart.width > 0 && chart.height > 0, "{ctx}: empty chart");

    // One box per node, in flow order, sized for its wrapped label.
    assert_eq!(chart.nodes.len(), flow.nodes().len(), "{ctx}");
    for ((ix, node), cn) in flow.indexed().zip(&chart.nodes) {
        let at = format!("{ctx}, node `{}`", node.id);
        assert_eq!(cn.node, ix, "{at}");
        let lines: Vec<String> = cn.lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(lines, wrap(&node.label, LINE_CHARS, MAX_LINES), "{at}");
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

    // No two boxes overlap (touching is allowed). Sorted by left edge, a
    // box can only meet the boxes that start before it ends.
    let boxes: Vec<(i32, i32, i32, i32)> = chart.nodes.iter().map(|n| (n.x, n.y, n.width, n.height)).collect();
    let mut by_x: Vec<usize> = (0..boxes.len()).collect();
    by_x.sort_by_key(|&i| boxes[i].0);
    for (k, &i) in by_x.iter().enumerate() {
        for &j in by_x[k + 1..]
            .iter()
            .take_while(|&&j| boxes[j].0 < boxes[i].0 + boxes[i].2)
        {
            assert!(
                !overlap(boxes[i], boxes[j]),
                "{ctx}: `{}` at {:?} overlaps `{}` at {:?}",
                flow.nodes()[i].id,
                boxes[i],
                flow.nodes()[j].id,
                boxes[j]
            );
        }
    }

    // An edge per choice, in flow order and each question's order.
    let expected: Vec<(NodeIx, Answer, NodeIx)> = flow
        .indexed()
        .flat_map(|(from, node)| node.edges().map(move |(a, to)| (from, a, to)))
        .collect();
    let got: Vec<(NodeIx, Answer, NodeIx)> = chart.edges.iter().map(|e| (e.from, e.answer, e.to)).collect();
    assert_eq!(got, expected, "{ctx}: edges");

    // Nodes from the top down, to find the ones beside a stretch of edge.
    let mut by_y: Vec<&ChartNode> = chart.nodes.iter().collect();
    by_y.sort_by_key(|n| n.y);
    let tallest = chart.nodes.iter().map(|n| n.height).max().unwrap_or(0);
    let between = |top: i32, bottom: i32| {
        let first = by_y.partition_point(|n| n.y + tallest <= top);
        by_y[first..].iter().take_while(move |n| n.y < bottom).copied()
    };

    for edge in &chart.edges {
        let from = &chart.nodes[edge.from.get()];
        let to = &chart.nodes[edge.to.get()];
        let at = format!(
            "{ctx}, edge `{}` {:?} → `{}`",
            flow.node(edge.from).id,
            edge.answer,
            flow.node(edge.to).id
        );
        // Every edge points down, to a row below its source.
        assert!(
            to.y > from.y + from.height,
            "{at}: target at y {} is not below {}",
            to.y,
            from.y + from.height
        );

        // The path is plain SVG path data with whole numbers: a move, then
        // lines and curves.
        let path = commands(&edge.path);
        assert!(
            edge.path.chars().all(|c| c.is_ascii_digit() || " ,-MLC".contains(c)),
            "{at}: unexpected character in `{}`",
            edge.path
        );
        assert_eq!(path[0].letter, 'M', "{at}: `{}`", edge.path);
        assert_eq!(path[0].points.len(), 1, "{at}");
        assert!(path.len() >= 2, "{at}: `{}`", edge.path);
        for c in &path[1..] {
            let n = match c.letter {
                'L' => 1,
                'C' => 3,
                other => panic!("{at}: command {other} in `{}`", edge.path),
            };
            assert_eq!(c.points.len(), n, "{at}: `{}`", edge.path);
        }
        // It leaves the bottom of the source and enters the top of the
        // target, staying inside the drawing on the way.
        let (sx, sy) = path[0].points[0];
        let (ex, ey) = *path.last().and_then(|c| c.points.last()).expect("an end");
        assert_eq!(sy, from.y + from.height, "{at}: start `{}`", edge.path);
        assert!(sx >= from.x && sx <= from.x + from.width, "{at}: start `{}`", edge.path);
        assert_eq!(ey, to.y, "{at}: end `{}`", edge.path);
        assert!(ex >= to.x && ex <= to.x + to.width, "{at}: end `{}`", edge.path);
        for &(x, y) in path.iter().flat_map(|c| &c.points) {
            assert!(
                (0..=chart.width).contains(&x) && (0..=chart.height).contains(&y),
                "{at}: ({x}, {y}) outside"
            );
        }
        // It goes downwards, and its straight runs (through the rows a long
        // edge skips) pass beside the nodes there, never through one.
        let mut last = (sx, sy);
        for c in &path[1..] {
            let end = *c.points.last().expect("a point");
            assert!(end.1 >= last.1, "{at}: goes up in `{}`", edge.path);
            if c.letter == 'L' {
                // Straight down, give or take the rounding of its two ends.
                assert!((end.0 - last.0).abs() <= 1, "{at}: a slanted line in `{}`", edge.path);
                let (left, right) = (last.0.min(end.0), last.0.max(end.0));
                for node in between(last.1, end.1) {
                    let beside = right <= node.x || node.x + node.width <= left;
                    let across = node.y < end.1 && last.1 < node.y + node.height;
                    assert!(beside || !across, "{at}: runs through `{}`", flow.node(node.node).id);
                }
            }
            last = end;
        }
        assert!(
            edge.arrow.starts_with('M') && edge.arrow.ends_with('Z'),
            "{at}: arrow `{}`",
            edge.arrow
        );
        // Its bounds hold the line and the arrowhead, so a renderer that
        // leaves out edges outside what it shows never leaves out a visible
        // one.
        let arrow = commands(&edge.arrow.replace(" Z", ""));
        for &(x, y) in path.iter().chain(&arrow).flat_map(|c| &c.points) {
            assert!(
                edge.bounds.contains_point((x as f32, y as f32)),
                "{at}: ({x}, {y}) outside its bounds {:?}",
                edge.bounds
            );
        }
        // The answer's label sits between the two nodes.
        let (lx, ly) = edge.label;
        assert!(
            (0..=chart.width).contains(&lx) && ly > sy && ly < ey,
            "{at}: label at ({lx}, {ly})"
        );
    }
    check_drawing(flow, chart, ctx);
}

/// Checks the drawing both renderers draw: every edge's label pill is
/// inside the chart and clear of every node.
fn check_drawing(flow: &Flow, chart: &Chart, ctx: &str) {
    let words = Words::for_flow(flow);
    let drawing = Drawing::new(flow, chart, &flow.walk(&[]), &words);
    assert_eq!((drawing.width, drawing.height), (chart.width, chart.height), "{ctx}");
    assert_eq!(drawing.nodes.len(), chart.nodes.len(), "{ctx}");
    assert_eq!(drawing.edges.len(), chart.edges.len(), "{ctx}");
    assert_eq!(drawing.labels.len(), chart.edges.len(), "{ctx}");
    for (edge, label) in drawing.edges.iter().zip(&drawing.labels) {
        let at = format!("{ctx}, label {:?} of `{}`", label.text, flow.node(edge.from).id);
        let pill = (label.x, label.y, label.width, label.height);
        assert!(
            pill.0 >= 0 && pill.1 >= 0 && pill.0 + pill.2 <= chart.width && pill.1 + pill.3 <= chart.height,
            "{at}: pill {pill:?} outside the {}×{} chart",
            chart.width,
            chart.height
        );
        for node in &chart.nodes {
            assert!(
                !overlap(pill, (node.x, node.y, node.width, node.height)),
                "{at}: pill {pill:?} over `{}`",
                flow.node(node.node).id
            );
        }
        let question = flow.question(edge.from).expect("edges leave questions");
        let choice = question.choice(edge.answer).expect("a choice");
        let full = words.choice(choice);
        let shown = label.text.strip_suffix('…').unwrap_or(&label.text);
        assert!(full.starts_with(shown), "{at}: `{full}` shortened");
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
fn several_answer_chart() {
    let flow = valid(crate::common::DATABASE_FLOW);
    let chart = layout(&flow);
    check_chart(&flow, &chart, "database flow");
    assert_eq!(chart.edges.len(), 3 + 2 + 3 + 2);
    // Choices read left to right in the author's order.
    let data_shape = flow.question(flow.start()).expect("a question");
    let xs: Vec<i32> = data_shape
        .choices
        .iter()
        .map(|c| chart.nodes[c.next.get()].center_x())
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
}

#[test]
fn random_charts() {
    for (name, size) in [("yes/no", LARGE), ("choices", LARGE_CHOICES)] {
        for (seed, flow) in random_flows(size).step_by(2) {
            check_chart(&flow, &layout(&flow), &format!("{name} {seed}"));
        }
    }
}

#[test]
fn layout_is_deterministic() {
    let flow = builtin();
    assert_eq!(layout(&flow), layout(&flow));
    assert_eq!(layout(&builtin()), layout(&flow));
    for size in [LARGE, LARGE_CHOICES] {
        for seed in (1..=crate::common::RANDOM_FLOWS).step_by(17) {
            let text = random_flow(seed, size);
            let (flow, again) = (valid(&text), valid(&text));
            assert_eq!(layout(&flow), layout(&again), "seed {seed}");
        }
    }
    let text = big_flow(9, 500, 50);
    assert_eq!(layout(&valid(&text)), layout(&valid(&text)), "500 nodes");
}

// ---------------------------------------------------------------------------
// Flows of the largest size

/// The 498-question chain of [`crate::common::chain_flow`].
fn chain() -> Flow {
    valid(&chain_flow())
}

/// The 500-node flow of 8-way questions of [`crate::common::wide_flow`].
fn wide() -> Flow {
    valid(&wide_flow())
}

#[test]
fn the_end_to_end_fixtures_are_these_flows() {
    // The browser tests and the benchmark load these files; regenerate
    // them with `cargo run -p dw-engine --example big_flows -- write tests/e2e/flows`.
    for (name, flow) in [("chain", chain_flow()), ("wide", wide_flow())] {
        let path = crate::common::repo(&format!("tests/e2e/flows/{name}.json"));
        let file = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(file, flow, "{} is out of date", path.display());
    }
}

#[test]
fn a_chain_of_498_questions() {
    let flow = chain();
    assert_eq!(flow.nodes().len(), 500);
    let chart = layout(&flow);
    check_chart(&flow, &chart, "chain");
    // Every question in a row of its own, top to bottom.
    let ys: Vec<i32> = (0..498)
        .map(|i| chart.nodes[flow.find(&format!("q{i}")).expect("a question").get()].y)
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn a_wide_flow_of_8_way_questions() {
    let flow = wide();
    assert_eq!(flow.nodes().len(), 500);
    let chart = layout(&flow);
    check_chart(&flow, &chart, "wide");
    // The widest row holds every outcome side by side.
    assert!(chart.width > 300 * NODE_WIDTH, "{} wide", chart.width);
}

/// Lays out and checks a random flow of about 500 nodes, `several` percent
/// of its questions with several choices.
fn check_500_nodes(seed: u64, several: usize) {
    let flow = parse(&big_flow(seed, 500, several)).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    assert!(flow.nodes().len() > 460, "seed {seed}: {} nodes", flow.nodes().len());
    check_chart(&flow, &layout(&flow), &format!("500 nodes, seed {seed}"));
}

#[test]
fn random_yes_no_flows_of_500_nodes() {
    check_500_nodes(1, 0);
    check_500_nodes(2, 0);
}

#[test]
fn random_flows_of_500_nodes_with_choices() {
    check_500_nodes(3, 50);
}

#[test]
fn random_flows_of_500_nodes_all_choices() {
    check_500_nodes(5, 100);
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
        // Full-width characters take two columns and break anywhere.
        (
            "データは月に一度より頻繁に変わりますか",
            LINE_CHARS,
            MAX_LINES,
            &["データは月に一度よ", "り頻繁に変わります", "か"],
        ),
        ("数据每月变化吗？", 8, 3, &["数据每月", "变化吗？"]),
        ("ＡＢＣＤ", 4, 3, &["ＡＢ", "ＣＤ"]),
        ("RAGと微調整", 7, 3, &["RAGと微", "調整"]),
        ("日本", 1, 3, &["日", "本"]),
        // An author's spaces between Latin and Japanese words are kept.
        ("Claude と GPT", LINE_CHARS, 3, &["Claude と GPT"]),
        ("Claude と GPT", 8, 3, &["Claude", "と GPT"]),
        (
            "一二三四五六七八九十一二三四五六七八九十",
            LINE_CHARS,
            1,
            &["一二三四五六七八九…"],
        ),
        // Hangul is two columns a syllable, and Korean words stay whole.
        ("데이터가 자주 바뀝니까", 8, 3, &["데이터가", "자주", "바뀝니까"]),
        // A cluster is never cut: an emoji sequence joined by zero-width
        // joiners is one, two columns wide, and so is a letter with its
        // combining accents.
        (
            "👩\u{200D}👩\u{200D}👧\u{200D}👦👩\u{200D}👩\u{200D}👧\u{200D}👦👩\u{200D}👩\u{200D}👧\u{200D}👦",
            4,
            3,
            &[
                "👩\u{200D}👩\u{200D}👧\u{200D}👦👩\u{200D}👩\u{200D}👧\u{200D}👦",
                "👩\u{200D}👩\u{200D}👧\u{200D}👦",
            ],
        ),
        ("e\u{301}e\u{301}e\u{301}", 2, 3, &["e\u{301}e\u{301}", "e\u{301}"]),
        ("テ\u{3099}ータ", 4, 3, &["テ\u{3099}ー", "タ"]),
        ("a\u{301}bcd", 3, 1, &["a\u{301}b…"]),
    ];
    for (text, width, max, expected) in cases {
        assert_eq!(wrap(text, *width, *max), *expected, "wrap({text:?}, {width}, {max})");
    }
}

/// Random text of Latin words and runs of Japanese, in any mix.
fn mixed_text(rng: &mut Rng) -> String {
    const KANA: &[char] = &['デ', 'ー', 'タ', 'は', '月', 'に', '一', '度', 'よ', '変', '。'];
    match rng.below(3) {
        0 => random_text(rng),
        _ => (0..1 + rng.below(8))
            .map(|_| match rng.below(2) {
                0 => random_text(rng).split(' ').next().unwrap_or("x").to_owned(),
                _ => (0..1 + rng.below(12)).map(|_| KANA[rng.below(KANA.len())]).collect(),
            })
            .collect::<Vec<_>>()
            .join(if rng.below(2) == 0 { " " } else { "" }),
    }
}

#[test]
fn wrap_properties() {
    let mut rng = Rng(0x5EED);
    for _ in 0..3000 {
        let text = mixed_text(&mut rng);
        let width = 1 + rng.below(25);
        let max = 1 + rng.below(6);
        let lines = wrap(&text, width, max);
        let ctx = format!("wrap({text:?}, {width}, {max}) = {lines:?}");
        assert!(lines.len() <= max, "{ctx}");
        for line in &lines {
            // A line fits, unless it is one full-width character on a line
            // narrower than it.
            assert!(
                !line.is_empty() && (line.width() <= width || line.chars().count() == 1),
                "{ctx}"
            );
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
            for word in text
                .split_whitespace()
                .filter(|w| w.width() <= width && w.width() == w.chars().count())
            {
                assert!(lines.iter().any(|l| l.contains(word)), "{ctx}: `{word}` was split");
            }
        }
    }
}

/// Labels whose characters are more than one code point, or two columns
/// wide: Hangul (as syllables, and as conjoining jamo, three code points a
/// syllable), Japanese (with a voiced mark written apart), emoji sequences
/// (families joined by zero-width joiners, skin tones, flags, keycaps) and
/// letters with combining marks (Vietnamese written decomposed, Devanagari
/// conjuncts, Thai vowels above and below, a letter under many accents).
fn cluster_labels() -> Vec<String> {
    let family = "👩\u{200D}👩\u{200D}👧\u{200D}👦";
    let jamo = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}\u{110B}\u{1165}";
    vec![
        "데이터가 한 달에 한 번보다 자주 바뀝니까? 검색 증강 생성부터 해 볼까요".to_owned(),
        jamo.repeat(6),
        "データは月に一度より頻繁に変わりますか？検索拡張生成と微調整のどちらを先に試すべきですか".to_owned(),
        "テ\u{3099}ータヘ\u{3099}ースか\u{3099}と\u{3099}こにあるかを調へ\u{3099}る".to_owned(),
        family.repeat(12),
        format!("Our {family} family of {}", family.repeat(9)),
        "Team 👩🏽\u{200D}💻👨🏿\u{200D}🔬 ships 🇯🇵🇰🇷🇩🇪🇫🇷🇧🇷🇮🇳 builds 1\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}3\u{FE0F}\u{20E3} ❤\u{FE0F}\u{200D}🔥🏳\u{FE0F}\u{200D}🌈 👍🏽👍🏿 weekly"
            .to_owned(),
        "Tie\u{302}\u{301}ng Vie\u{323}\u{302}t co\u{301} da\u{302}\u{301}u: chu\u{301}ng to\u{302}i muo\u{302}\u{301}n thu\u{31B}\u{309} nghie\u{323}\u{302}m tru\u{31B}o\u{31B}\u{301}c"
            .to_owned(),
        "क्षत्रिय अनुच्छेद स्वतन्त्रता प्रतिष्ठान".to_owned(),
        "ภาษาไทยเขียนติดกันโดยไม่มีช่องว่างระหว่างคำที่นี่".to_owned(),
        "Z\u{324}\u{354}\u{367}\u{311}\u{313}a\u{308}\u{356}\u{32D}\u{308}\u{307}".repeat(12),
    ]
}

/// Checks that `lines`, `label` wrapped, hold the label's grapheme clusters
/// in order, each whole: no line starts or ends inside a cluster. The
/// spaces between words are left out, and a last line that ends in "…"
/// holds a shorter start of the label.
fn check_whole_clusters(label: &str, lines: &[&str], ctx: &str) {
    let visible = |text: &'_ str| -> Vec<String> {
        text.graphemes(true)
            .filter(|c| !c.chars().all(char::is_whitespace))
            .map(str::to_owned)
            .collect()
    };
    let want = visible(label);
    // Each line is cut into clusters on its own, as a renderer sees it: a
    // line that starts inside a cluster of the label starts with a piece
    // that is not one of the label's clusters.
    let got: Vec<String> = lines.iter().flat_map(|line| visible(line)).collect();
    if got != want {
        let kept = got
            .strip_suffix(&["…".to_owned()])
            .unwrap_or_else(|| panic!("{ctx}: the lines are not the label's clusters, in order: {got:?}"));
        assert!(
            kept.len() < want.len() && want.starts_with(kept),
            "{ctx}: the lines are not the label's first clusters, each whole: {got:?}"
        );
    }
    for line in lines {
        let first = line.chars().next();
        assert!(
            !matches!(
                first,
                Some('\u{200D}' | '\u{FE0F}' | '\u{20E3}' | '\u{300}'..='\u{36F}')
            ),
            "{ctx}: {line:?} starts with a lone joiner or mark"
        );
    }
}

#[test]
fn labels_wrap_between_grapheme_clusters() {
    let labels = cluster_labels();
    let family = "👩\u{200D}👩\u{200D}👧\u{200D}👦";
    // Answer labels on the edges, cut to a few clusters when long.
    let choices = [
        family.repeat(20),
        "Vie\u{323}\u{302}t ".repeat(6),
        "한국어로 된 아주 긴 선택지입니다".to_owned(),
    ];
    let mut questions: Vec<serde_json::Value> = vec![json!({
        "id": "pick", "text": "Which one?",
        "choices": choices.iter().enumerate()
            .map(|(k, label)| json!({ "id": format!("c{k}"), "label": label, "next": "q0" }))
            .collect::<Vec<_>>(),
    })];
    questions.extend(labels.iter().enumerate().map(|(i, label)| {
        let next = if i + 1 == labels.len() {
            "done".to_owned()
        } else {
            format!("q{}", i + 1)
        };
        json!({ "id": format!("q{i}"), "text": format!("Question {i}?"), "label": label, "yes": next, "no": "stop" })
    }));
    let file = json!({
        "format": 2, "id": "clusters", "version": 1, "title": "Clusters", "start": "pick",
        "questions": questions,
        "outcomes": [
            { "id": "done", "title": format!("한국어, 日本語, {family} and Vie\u{323}\u{302}t") },
            { "id": "stop", "title": "Stopped" },
        ],
    });
    let flow = valid(&file.to_string());
    let chart = layout(&flow);
    check_chart(&flow, &chart, "cluster labels");
    let drawing = Drawing::new(&flow, &chart, &flow.walk(&[]), &Words::for_flow(&flow));

    // The chart's node text is 13 px: a column is about half an em, so a
    // line of LINE_CHARS columns fits inside the box.
    assert!(LINE_CHARS as f32 * 6.5 < NODE_WIDTH as f32);
    let mut wrapped = 0;
    for (node, shape) in flow.nodes().iter().zip(&drawing.nodes) {
        let ctx = format!("node `{}` ({:?})", node.id, node.label);
        let lines: Vec<&str> = shape.lines.iter().map(|l| &*l.text).collect();
        assert_eq!(shape.width, NODE_WIDTH, "{ctx}");
        for line in &lines {
            // Measured as a whole by unicode-width, which knows the
            // sequences that draw as one (an emoji family is two columns).
            assert!(
                line.width() <= LINE_CHARS,
                "{ctx}: {line:?} is {} columns",
                line.width()
            );
        }
        check_whole_clusters(&node.label, &lines, &ctx);
        wrapped += usize::from(lines.len() > 1);
    }
    assert!(
        wrapped >= labels.len(),
        "every label above takes several lines, but only {wrapped} nodes do"
    );

    // An answer's pill is cut between clusters too, and is wide enough for
    // its text at the 11 px bold type (about 7 px a column).
    let pick = flow.find("pick").expect("the first question");
    let mut pills = 0;
    for (edge, pill) in drawing.edges.iter().zip(&drawing.labels) {
        if edge.from != pick {
            continue;
        }
        let choice = &choices[edge.answer.index()];
        let ctx = format!("answer {choice:?}");
        check_whole_clusters(choice, &[&pill.text], &ctx);
        assert!(pill.width >= 7 * pill.text.width() as i32, "{ctx}: {pill:?}");
        pills += 1;
    }
    assert_eq!(pills, choices.len());
}

#[test]
fn answer_labels_never_cover_each_other_in_the_examples() {
    // Choices that fan out to nearby nodes, and several choices that lead
    // to the same node, both in the shipped example and the test flow.
    let example = include_str!("../../../../static/flows/data-pipeline-schedule.json");
    for (name, text) in [("example", example), ("database", crate::common::DATABASE_FLOW)] {
        let flow = parse(text).expect("a valid flow");
        let words = dw_engine::words::Words::for_flow(&flow);
        let drawing = dw_engine::chart::Drawing::new(&flow, &layout(&flow), &flow.walk(&[]), &words);
        for (i, a) in drawing.labels.iter().enumerate() {
            for b in &drawing.labels[i + 1..] {
                let apart =
                    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
                assert!(
                    apart,
                    "{name}: “{}” at ({}, {}) covers “{}” at ({}, {})",
                    a.text, a.x, a.y, b.text, b.x, b.y
                );
            }
        }
    }
}
