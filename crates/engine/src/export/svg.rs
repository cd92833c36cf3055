//! The chart as a standalone SVG file: the widget's drawing in its light
//! theme, styled by presentation attributes.

use std::fmt::Write as _;

use super::{answered, next_question, reached, ExportContext};
use crate::chart::{Drawing, EdgeShape, LabelShape, NodeRole, NodeShape};
use crate::layout;
use crate::model::Flow;
use crate::walk::{EdgeState, NodeState, Walk};

/// The chart's light-theme colours (static/widget.css).
mod colour {
    pub const BG: &str = "#ffffff";
    pub const SURFACE: &str = "#f5f7fa";
    pub const FG: &str = "#1d2330";
    pub const BORDER: &str = "#8a94a3";
    pub const ACCENT: &str = "#1f5fbf";
    pub const ACCENT_FG: &str = "#ffffff";
    pub const ACCENT_SOFT: &str = "#e6eefb";
    pub const CURRENT: &str = "#a34700";
    pub const CURRENT_SOFT: &str = "#fff1e5";
    pub const DIM: &str = "#5f6877";
    pub const DIM_LINE: &str = "#b4bcc8";
}

const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/// A standalone SVG file of the whole chart with the reader's path lit, as
/// the widget draws it in its light theme.
///
/// Styling is in presentation attributes, not CSS classes, so the file
/// renders the same in a browser, an image viewer or a slide deck. Each node
/// is a `<g id="dw-node-<id>">` and each edge a `<g id="dw-edge-<id>-<choice>">`
/// (`-yes` or `-no` on a yes/no question); taken edges are drawn last, on top.
pub fn svg(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let drawing = Drawing::new(flow, &layout::layout(flow), walk, ctx.words);
    let mut out = String::with_capacity(4096 + 512 * (drawing.nodes.len() + drawing.edges.len()));
    let (w, h) = (drawing.width, drawing.height);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"dw-title dw-desc\" font-family=\"{FONT_FAMILY}\" font-size=\"13\">\n"
    );
    let words = ctx.words;
    let verdict = match reached(flow, walk) {
        Some((_, o)) => o.title.clone(),
        None => words.get("svg-in-progress").to_owned(),
    };
    let title = words.fill("label-colon", &[("label", flow.title())]);
    let _ = writeln!(out, "<title id=\"dw-title\">{} {}</title>", xml(&title), xml(&verdict));
    let gap = words.get("sentence-gap");
    let _ = write!(out, "<desc id=\"dw-desc\">{}", xml(words.get("svg-description")));
    for (text, answer) in answered(flow, walk, words) {
        let step = words.fill("svg-step", &[("question", text), ("answer", answer)]);
        let _ = write!(out, "{}{}", xml(gap), xml(&step));
    }
    let last = match (reached(flow, walk), next_question(flow, walk)) {
        (Some((_, o)), _) => Some(words.fill("announce-outcome", &[("title", &o.title)])),
        (None, Some(next)) => Some(words.fill("svg-next-question", &[("question", next)])),
        (None, None) => None,
    };
    if let Some(last) = last {
        let _ = write!(out, "{}{}", xml(gap), xml(&last));
    }
    let _ = writeln!(
        out,
        "</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        colour::BG
    );

    for edge in &drawing.edges {
        svg_edge(&mut out, flow, edge);
    }
    for label in &drawing.labels {
        svg_label(&mut out, label);
    }
    for node in &drawing.nodes {
        svg_node(&mut out, flow, node);
    }
    out.push_str("</svg>\n");
    out
}

fn svg_edge(out: &mut String, flow: &Flow, edge: &EdgeShape) {
    let (stroke, width, dash) = match edge.state {
        EdgeState::Taken => (colour::ACCENT, "3", ""),
        EdgeState::Open => (colour::BORDER, "1.5", ""),
        EdgeState::Dimmed => (colour::DIM_LINE, "1.5", " stroke-dasharray=\"4 4\""),
    };
    let choice = flow
        .question(edge.from)
        .and_then(|q| q.choice(edge.answer))
        .map_or("", |c| c.id.as_str());
    let _ = write!(
        out,
        "<g id=\"dw-edge-{}-{choice}\">\n<path d=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>\n\
         <path d=\"{}\" fill=\"{stroke}\"/>\n</g>\n",
        flow.node(edge.from).id,
        edge.path,
        edge.arrow
    );
}

fn svg_label(out: &mut String, label: &LabelShape) {
    let (fill, stroke, text) = match label.state {
        EdgeState::Taken => (colour::ACCENT, colour::ACCENT, colour::ACCENT_FG),
        EdgeState::Open => (colour::BG, colour::BORDER, colour::FG),
        EdgeState::Dimmed => (colour::BG, colour::DIM_LINE, colour::DIM),
    };
    let _ = write!(
        out,
        "<g>\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"9\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"{text}\">{}</text>\n</g>\n",
        label.x,
        label.y,
        label.width,
        label.height,
        label.x + label.width / 2,
        label.text_y,
        xml(&label.text)
    );
}

fn svg_node(out: &mut String, flow: &Flow, node: &NodeShape) {
    let resting = match node.role {
        NodeRole::Outcome => colour::SURFACE,
        NodeRole::Question => colour::BG,
    };
    // (fill, stroke, stroke width, dash, text colour, bold)
    let (fill, stroke, width, dash, text, bold) = match node.state {
        NodeState::Answered(_) => (colour::ACCENT_SOFT, colour::ACCENT, "2.5", "", colour::FG, ""),
        NodeState::Current => (
            colour::CURRENT_SOFT,
            colour::CURRENT,
            "3",
            "",
            colour::FG,
            " font-weight=\"700\"",
        ),
        NodeState::Reached => (
            colour::ACCENT,
            colour::ACCENT,
            "2.5",
            "",
            colour::ACCENT_FG,
            " font-weight=\"700\"",
        ),
        NodeState::Open => (resting, colour::BORDER, "1.5", "", colour::FG, ""),
        NodeState::Dimmed => (
            colour::BG,
            colour::DIM_LINE,
            "1.5",
            " stroke-dasharray=\"5 4\"",
            colour::DIM,
            "",
        ),
    };
    let _ = write!(
        out,
        "<g id=\"dw-node-{}\">\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>\n\
         <text text-anchor=\"middle\" fill=\"{text}\"{bold}>",
        flow.node(node.node).id,
        node.x,
        node.y,
        node.width,
        node.height
    );
    for line in &node.lines {
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            line.x,
            line.y,
            xml(&line.text)
        );
    }
    out.push_str("</text>\n</g>\n");
}

/// `text` escaped for XML text and attribute values.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml(&mut out, text);
    out
}

/// Appends `text` escaped for XML text and attribute values. Characters XML
/// 1.0 does not allow become spaces (controls) or U+FFFD (non-characters).
pub fn push_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}
