//! Exports of a decision: Markdown, JSON, plain text, SVG and Mermaid, plus
//! the "what would change it" sentences the recommendation panel shows.
//!
//! Every export is a pure function of the flow, the reader's walk and what
//! the caller knows about the page (its URL, the share link, today's date),
//! so the same decision always exports to the same bytes. Flow texts come
//! from authors, so each format escapes them for its own syntax: nothing an
//! author writes can break a Markdown heading, a JSON string, an SVG element
//! or a Mermaid label. Strings are built with `push_str` rather than
//! `format!` to keep the wasm small.

use super::json::Writer as JsonWriter;
use super::layout::{self, push_int, push_u64, ChartEdge, ChartNode};
use super::model::{Answer, Flow, Node, NodeIx, Note, Outcome};
use super::summary::Summary;
use super::walk::{EdgeState, NodeState, Walk};

/// What every export needs besides the flow and walk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportContext<'a> {
    /// Share URL that reopens the decision; may be empty.
    pub link: &'a str,
    /// URL of the article page without a fragment; may be empty. Reasons
    /// tied to a section link to `page_url#section`.
    pub page_url: &'a str,
    /// ISO date such as `2026-11-24`, given by the caller (the engine has no
    /// clock); may be empty.
    pub date: &'a str,
}

/// The `schema` field of every JSON export.
pub const JSON_SCHEMA: &str = "decision-widget/decision";

/// The `schemaVersion` field of every JSON export. Bumped only when a field
/// is removed or changes meaning; new fields may be added within a version.
pub const JSON_SCHEMA_VERSION: u32 = 1;

// ---------------------------------------------------------------------------
// Shared wording

/// The "what would change it" sentences for `walk`, one per answered
/// question: `You answered No to “…”. Yes would lead to …`.
///
/// The other answer leads either to an outcome ("the same recommendation."
/// when it is the one reached, else its title) or to a question, named with
/// the outcomes it can still end in.
pub fn change_sentences(flow: &Flow, walk: &Walk) -> Vec<String> {
    let reached = walk.outcome();
    walk.alternatives(flow)
        .iter()
        .map(|alt| {
            let question = flow.node(alt.step.question).question().map_or("", |q| q.text.as_str());
            let mut out = String::from("You answered ");
            out.push_str(alt.step.answer.label());
            out.push_str(" to “");
            out.push_str(question);
            out.push_str("”. ");
            out.push_str(alt.step.answer.other().label());
            out.push_str(" would lead to ");
            let target = flow.node(alt.leads_to);
            if let Some(outcome) = target.outcome() {
                if Some(alt.leads_to) == reached {
                    out.push_str("the same recommendation.");
                } else {
                    out.push_str(&outcome.title);
                    out.push('.');
                }
            } else {
                let next = target.question().map_or(target.label.as_str(), |q| q.text.as_str());
                let titles: Vec<&str> = alt.outcomes.iter().map(|&ix| outcome_title(flow, ix)).collect();
                out.push_str("the question “");
                out.push_str(next);
                out.push_str("”, which can end in ");
                push_join_or(&mut out, &titles);
                out.push('.');
            }
            out
        })
        .collect()
}

fn outcome_title(flow: &Flow, ix: NodeIx) -> &str {
    flow.node(ix).outcome().map_or("", |o| o.title.as_str())
}

/// Appends "A", "A or B", "A, B or C".
fn push_join_or(out: &mut String, items: &[&str]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " or " } else { ", " });
        }
        out.push_str(item);
    }
}

/// The outcome reached, with its node.
fn reached<'f>(flow: &'f Flow, walk: &Walk) -> Option<(&'f Node, &'f Outcome)> {
    let node = flow.node(walk.outcome()?);
    Some((node, node.outcome()?))
}

/// The question text of each step, with its answer.
fn answered<'f>(flow: &'f Flow, walk: &Walk) -> Vec<(&'f str, Answer)> {
    walk.steps
        .iter()
        .map(|s| {
            let node = flow.node(s.question);
            (
                node.question().map_or(node.label.as_str(), |q| q.text.as_str()),
                s.answer,
            )
        })
        .collect()
}

/// The text of the question waiting for an answer, if any.
fn next_question<'f>(flow: &'f Flow, walk: &Walk) -> Option<&'f str> {
    let node = flow.node(walk.current()?);
    Some(node.question().map_or(node.label.as_str(), |q| q.text.as_str()))
}

fn push_u32(out: &mut String, n: u32) {
    push_u64(out, u64::from(n));
}

fn push_count(out: &mut String, n: usize) {
    push_u32(out, u32::try_from(n).unwrap_or(u32::MAX));
}

/// "2 of at most 4 questions answered".
fn push_progress(out: &mut String, flow: &Flow, walk: &Walk) {
    let progress = walk.progress(flow);
    push_count(out, walk.steps.len());
    out.push_str(" of at most ");
    push_u32(out, progress.at_most);
    out.push_str(" questions answered");
}

/// Appends `text` on one line: line breaks and other control characters
/// become spaces, so a text can never start a new line of its own.
fn push_line(out: &mut String, text: &str) {
    for c in text.chars() {
        out.push(if c.is_control() { ' ' } else { c });
    }
}

// ---------------------------------------------------------------------------
// Markdown

/// An architecture decision record of the walk, in CommonMark.
///
/// Sections: `# Decision: <outcome title>` (or `# Decision in progress`), a
/// date and status line, `## Context` (the flow and each answer in path
/// order), `## Decision` (the recommendation and its summary),
/// `## Consequences` (the reasons with links to the article's sections, the
/// flow's practice note, what would change the decision) and `## Links` (the
/// share link and the article). Flow texts are escaped, and kept on one line,
/// so they cannot open headings, lists, links or HTML.
pub fn markdown(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let mut out = String::with_capacity(2048);
    let outcome = reached(flow, walk);

    match outcome {
        Some((_, o)) => {
            out.push_str("# Decision: ");
            push_md(&mut out, &o.title);
        }
        None => out.push_str("# Decision in progress"),
    }
    out.push_str("\n\n");
    if !ctx.date.is_empty() {
        out.push_str("Date: ");
        push_md(&mut out, ctx.date);
        out.push_str(" · ");
    }
    out.push_str("Status: ");
    if outcome.is_some() {
        out.push_str("Proposed");
    } else {
        out.push_str("In progress (");
        push_progress(&mut out, flow, walk);
        out.push(')');
    }

    out.push_str("\n\n## Context\n\nThe decision flow “");
    push_md(&mut out, flow.title());
    out.push_str("” (`");
    out.push_str(flow.id().as_str());
    out.push_str("`, version ");
    push_u32(&mut out, flow.version());
    let steps = answered(flow, walk);
    if steps.is_empty() {
        out.push_str("), no questions answered yet.\n");
    } else {
        out.push_str("), answered in this order:\n\n");
        for (i, (text, answer)) in steps.iter().enumerate() {
            push_count(&mut out, i + 1);
            out.push_str(". ");
            push_md(&mut out, text);
            out.push_str(" **");
            out.push_str(answer.label());
            out.push_str("**\n");
        }
    }

    out.push_str("\n## Decision\n\n");
    match outcome {
        Some((_, o)) => {
            out.push_str("**");
            push_md(&mut out, &o.title);
            out.push_str("**\n");
            if let Some(summary) = &o.summary {
                out.push('\n');
                push_md(&mut out, summary);
                out.push('\n');
            }
        }
        None => {
            out.push_str("No recommendation yet.");
            if let Some(next) = next_question(flow, walk) {
                out.push_str(" The next question is “");
                push_md(&mut out, next);
                out.push_str("”.");
            }
            out.push('\n');
        }
    }

    out.push_str("\n## Consequences\n");
    let changes = change_sentences(flow, walk);
    let reasons = outcome.map_or(&[][..], |(_, o)| &o.reasons[..]);
    if reasons.is_empty() && flow.practice().is_none() && changes.is_empty() {
        out.push_str("\nNone yet.\n");
    }
    if !reasons.is_empty() {
        out.push_str("\n### Why\n\n");
        for reason in reasons {
            out.push_str("- ");
            push_md_note(&mut out, reason, ctx.page_url);
            out.push('\n');
        }
    }
    if let Some(practice) = flow.practice() {
        out.push_str("\n### In practice\n\n");
        push_md_note(&mut out, practice, ctx.page_url);
        out.push('\n');
    }
    if !changes.is_empty() {
        out.push_str("\n### What would change it\n\n");
        for change in &changes {
            out.push_str("- ");
            push_md(&mut out, change);
            out.push('\n');
        }
    }

    if !ctx.link.is_empty() || !ctx.page_url.is_empty() {
        out.push_str("\n## Links\n\n");
        if !ctx.link.is_empty() {
            out.push_str("- [Reopen this decision](");
            push_md_url(&mut out, ctx.link);
            out.push_str(")\n");
        }
        if !ctx.page_url.is_empty() {
            out.push_str("- [The article](");
            push_md_url(&mut out, ctx.page_url);
            out.push_str(")\n");
        }
    }
    out
}

/// A note's text, then ` [Read](page_url#section)` when both are known.
fn push_md_note(out: &mut String, note: &Note, page_url: &str) {
    push_md(out, &note.text);
    if let (false, Some(section)) = (page_url.is_empty(), &note.section) {
        out.push_str(" [Read](");
        push_md_url(out, page_url);
        out.push('#');
        push_md_url(out, section);
        out.push(')');
    }
}

/// Appends `text` as literal Markdown inline text on one line.
///
/// Escapes the punctuation that opens inline syntax (emphasis, code, links,
/// HTML, entities, headings' closing `#`), and, since every text may start a
/// line or a list item, a leading block marker (`-`, `+`, `=`, `1.`).
fn push_md(out: &mut String, text: &str) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => true,
            '-' | '+' | '=' => i == 0,
            '.' | ')' => i == digits && digits > 0,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
}

/// Appends a link destination, percent-encoding what would end or break it.
fn push_md_url(out: &mut String, url: &str) {
    for c in url.chars() {
        if c.is_ascii_control() || matches!(c, ' ' | '"' | '<' | '>' | '(' | ')' | '[' | ']' | '\\' | '`') {
            push_percent(out, c as u8);
        } else {
            out.push(c);
        }
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_percent(out: &mut String, byte: u8) {
    out.push('%');
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 15)]));
}

// ---------------------------------------------------------------------------
// JSON

/// The decision as JSON, pretty-printed with two-space indentation.
///
/// Schema `decision-widget/decision`, version 1. It holds every field of the
/// `decision-change` event's `detail` (`flow`, `flowVersion`, `answers`,
/// `path`, `outcome`, `link`) with the same names and values, plus the texts
/// the reader saw. Every key is always present, in this order:
///
/// ```json
/// {
///   "schema": "decision-widget/decision",   // always this string
///   "schemaVersion": 1,                     // bumped only on breaking changes
///   "flow": "rag-vs-fine-tuning",           // the flow's id
///   "flowVersion": 1,                       // the flow's content version
///   "flowTitle": "RAG or fine-tuning?",
///   "answers": { "data-freshness": "no", "citations": "yes" },  // question id → "yes" | "no", in path order
///   "path": ["data-freshness", "citations", "rag"],             // node ids from the start
///   "outcome": "rag",                       // outcome id, or null while in progress
///   "link": "https://…#…",                  // share link reopening the decision, "" if none
///   "steps": [                              // the answers with their question texts, in path order
///     { "question": "data-freshness", "text": "Does the answer …?", "answer": "no" }
///   ],
///   "recommendation": {                     // null while in progress
///     "id": "rag",
///     "title": "Retrieval-augmented generation",
///     "summary": "Keep a frontier model …", // string or null
///     "reasons": [                          // why it fits, in the flow's order
///       { "text": "Answers stay fresh …", "section": "rag-is-the-default" }  // section: anchor id or null
///     ]
///   },
///   "practice": {                           // the flow's practice note, or null
///     "text": "Whichever way you go …",
///     "section": "build-rag-first"          // anchor id or null
///   },
///   "date": "2026-11-24"                    // ISO date given by the exporter, "" if none
/// }
/// ```
///
/// Strings escape `"`, `\`, control characters (as `\u00XX`) and also `<`,
/// `>`, `&`, U+2028 and U+2029, so the text is safe to paste into HTML
/// `<script>` blocks and JavaScript source as is.
pub fn json(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let summary = Summary::new(flow, walk, ctx.link.to_owned());
    let mut j = JsonWriter::default();
    j.open('{');
    j.key("schema");
    j.string(JSON_SCHEMA);
    j.key("schemaVersion");
    j.number(u64::from(JSON_SCHEMA_VERSION));
    j.key("flow");
    j.string(&summary.flow);
    j.key("flowVersion");
    j.number(u64::from(summary.flow_version));
    j.key("flowTitle");
    j.string(flow.title());

    summary.write_decision(&mut j);

    j.key("steps");
    j.open('[');
    for (step, (id, _)) in walk.steps.iter().zip(&summary.answers.0) {
        let node = flow.node(step.question);
        j.item();
        j.open('{');
        j.key("question");
        j.string(id);
        j.key("text");
        j.string(node.question().map_or(node.label.as_str(), |q| q.text.as_str()));
        j.key("answer");
        j.string(step.answer.as_str());
        j.close('}');
    }
    j.close(']');

    j.key("recommendation");
    match reached(flow, walk) {
        Some((node, outcome)) => {
            j.open('{');
            j.key("id");
            j.string(node.id.as_str());
            j.key("title");
            j.string(&outcome.title);
            j.key("summary");
            j.opt_string(outcome.summary.as_deref());
            j.key("reasons");
            j.open('[');
            for reason in &outcome.reasons {
                j.item();
                json_note(&mut j, reason);
            }
            j.close(']');
            j.close('}');
        }
        None => j.null(),
    }

    j.key("practice");
    match flow.practice() {
        Some(note) => json_note(&mut j, note),
        None => j.null(),
    }
    j.key("date");
    j.string(ctx.date);
    j.close('}');
    let mut out = j.finish();
    out.push('\n');
    out
}

/// `{"text": …, "section": … | null}`.
fn json_note(j: &mut JsonWriter, note: &Note) {
    j.open('{');
    j.key("text");
    j.string(&note.text);
    j.key("section");
    j.opt_string(note.section.as_deref());
    j.close('}');
}

// ---------------------------------------------------------------------------
// Plain text

/// A short message for chat: the recommendation and its summary, one line per
/// answer, the reasons as `- ` lines, and the link (or, without one, the
/// article's URL).
pub fn plain_text(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let mut out = String::with_capacity(1024);
    let outcome = reached(flow, walk);
    match outcome {
        Some((_, o)) => {
            out.push_str("Recommendation: ");
            push_line(&mut out, &o.title);
            if let Some(summary) = &o.summary {
                out.push('\n');
                push_line(&mut out, summary);
            }
        }
        None => {
            out.push_str("Decision in progress: ");
            push_progress(&mut out, flow, walk);
            out.push('.');
        }
    }
    out.push_str("\n\n");
    push_line(&mut out, flow.title());
    out.push('\n');
    for (i, (text, answer)) in answered(flow, walk).iter().enumerate() {
        push_count(&mut out, i + 1);
        out.push_str(". ");
        push_line(&mut out, text);
        out.push(' ');
        out.push_str(answer.label());
        out.push('\n');
    }
    if let Some((_, o)) = outcome.filter(|(_, o)| !o.reasons.is_empty()) {
        out.push_str("\nWhy:\n");
        for reason in &o.reasons {
            out.push_str("- ");
            push_line(&mut out, &reason.text);
            out.push('\n');
        }
    }
    let url = if ctx.link.is_empty() { ctx.page_url } else { ctx.link };
    if !url.is_empty() {
        out.push('\n');
        push_line(&mut out, url);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// SVG

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
/// is a `<g id="dw-node-<id>">` and each edge a `<g id="dw-edge-<id>-yes">` (or
/// `-no`); taken edges are drawn last, on top.
pub fn svg(flow: &Flow, walk: &Walk) -> String {
    let chart = layout::layout(flow);
    let states = walk.node_states(flow);
    let edges = chart.edges_in_drawing_order(&states);

    let mut out = String::with_capacity(4096 + 512 * (chart.nodes.len() + chart.edges.len()));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    push_int(&mut out, chart.width);
    out.push_str("\" height=\"");
    push_int(&mut out, chart.height);
    out.push_str("\" viewBox=\"0 0 ");
    push_int(&mut out, chart.width);
    out.push(' ');
    push_int(&mut out, chart.height);
    out.push_str("\" role=\"img\" aria-labelledby=\"dw-title dw-desc\" font-family=\"");
    out.push_str(FONT_FAMILY);
    out.push_str("\" font-size=\"13\">\n<title id=\"dw-title\">");
    push_xml(&mut out, flow.title());
    out.push_str(": ");
    match reached(flow, walk) {
        Some((_, o)) => push_xml(&mut out, &o.title),
        None => out.push_str("decision in progress"),
    }
    out.push_str("</title>\n<desc id=\"dw-desc\">The flowchart with the reader's path highlighted.");
    for (text, answer) in answered(flow, walk) {
        out.push(' ');
        push_xml(&mut out, text);
        out.push(' ');
        out.push_str(answer.label());
        out.push('.');
    }
    match reached(flow, walk) {
        Some((_, o)) => {
            out.push_str(" Recommendation: ");
            push_xml(&mut out, &o.title);
            out.push('.');
        }
        None => {
            if let Some(next) = next_question(flow, walk) {
                out.push_str(" Next question: ");
                push_xml(&mut out, next);
            }
        }
    }
    out.push_str("</desc>\n<rect width=\"100%\" height=\"100%\" fill=\"");
    out.push_str(colour::BG);
    out.push_str("\"/>\n");

    for (edge, state) in &edges {
        svg_edge(&mut out, flow, edge, *state);
    }
    for (edge, state) in &edges {
        svg_edge_label(&mut out, edge, *state);
    }
    for node in &chart.nodes {
        svg_node(&mut out, flow, node, states[node.node.get()]);
    }
    out.push_str("</svg>\n");
    out
}

/// Appends ` name="value"`.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(value);
    out.push('"');
}

fn attr_int(out: &mut String, name: &str, value: i32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_int(out, value);
    out.push('"');
}

fn edge_id(out: &mut String, flow: &Flow, edge: &ChartEdge) {
    out.push_str("dw-edge-");
    out.push_str(flow.node(edge.from).id.as_str());
    out.push('-');
    out.push_str(edge.answer.as_str());
}

fn svg_edge(out: &mut String, flow: &Flow, edge: &ChartEdge, state: EdgeState) {
    let (stroke, width, dash) = match state {
        EdgeState::Taken => (colour::ACCENT, "3", None),
        EdgeState::Open => (colour::BORDER, "1.5", None),
        EdgeState::Dimmed => (colour::DIM_LINE, "1.5", Some("4 4")),
    };
    out.push_str("<g id=\"");
    edge_id(out, flow, edge);
    out.push_str("\">\n<path");
    attr(out, "d", &edge.path);
    attr(out, "fill", "none");
    attr(out, "stroke", stroke);
    attr(out, "stroke-width", width);
    if let Some(dash) = dash {
        attr(out, "stroke-dasharray", dash);
    }
    out.push_str("/>\n<path");
    attr(out, "d", &edge.arrow);
    attr(out, "fill", stroke);
    out.push_str("/>\n</g>\n");
}

fn svg_edge_label(out: &mut String, edge: &ChartEdge, state: EdgeState) {
    let (fill, stroke, text) = match state {
        EdgeState::Taken => (colour::ACCENT, colour::ACCENT, colour::ACCENT_FG),
        EdgeState::Open => (colour::BG, colour::BORDER, colour::FG),
        EdgeState::Dimmed => (colour::BG, colour::DIM_LINE, colour::DIM),
    };
    let (x, y) = edge.label;
    let width = if edge.answer == Answer::Yes { 32 } else { 28 };
    out.push_str("<g>\n<rect");
    attr_int(out, "x", x - width / 2);
    attr_int(out, "y", y - 9);
    attr_int(out, "width", width);
    attr(out, "height", "18");
    attr(out, "rx", "9");
    attr(out, "fill", fill);
    attr(out, "stroke", stroke);
    attr(out, "stroke-width", "1");
    out.push_str("/>\n<text");
    attr_int(out, "x", x);
    attr_int(out, "y", y + 4);
    attr(out, "text-anchor", "middle");
    attr(out, "font-size", "11");
    attr(out, "font-weight", "600");
    attr(out, "fill", text);
    out.push('>');
    out.push_str(edge.answer.label());
    out.push_str("</text>\n</g>\n");
}

fn svg_node(out: &mut String, flow: &Flow, node: &ChartNode, state: NodeState) {
    let flow_node = flow.node(node.node);
    let resting = if flow_node.outcome().is_some() {
        colour::SURFACE
    } else {
        colour::BG
    };
    // (fill, stroke, stroke width, dash, text colour, bold)
    let (fill, stroke, width, dash, text, bold) = match state {
        NodeState::Answered(_) => (colour::ACCENT_SOFT, colour::ACCENT, "2.5", None, colour::FG, false),
        NodeState::Current => (colour::CURRENT_SOFT, colour::CURRENT, "3", None, colour::FG, true),
        NodeState::Reached => (colour::ACCENT, colour::ACCENT, "2.5", None, colour::ACCENT_FG, true),
        NodeState::Open => (resting, colour::BORDER, "1.5", None, colour::FG, false),
        NodeState::Dimmed => (colour::BG, colour::DIM_LINE, "1.5", Some("5 4"), colour::DIM, false),
    };
    out.push_str("<g id=\"dw-node-");
    out.push_str(flow_node.id.as_str());
    out.push_str("\">\n<rect");
    attr_int(out, "x", node.x);
    attr_int(out, "y", node.y);
    attr_int(out, "width", node.width);
    attr_int(out, "height", node.height);
    attr(out, "rx", "10");
    attr(out, "fill", fill);
    attr(out, "stroke", stroke);
    attr(out, "stroke-width", width);
    if let Some(dash) = dash {
        attr(out, "stroke-dasharray", dash);
    }
    out.push_str("/>\n<text");
    attr(out, "text-anchor", "middle");
    attr(out, "fill", text);
    if bold {
        attr(out, "font-weight", "700");
    }
    out.push('>');
    let base = node.first_baseline();
    for (i, line) in node.lines.iter().enumerate() {
        out.push_str("<tspan");
        attr_int(out, "x", node.center_x());
        attr_int(out, "y", base + i as i32 * layout::LINE_HEIGHT);
        out.push('>');
        push_xml(out, line);
        out.push_str("</tspan>");
    }
    out.push_str("</text>\n</g>\n");
}

/// Appends `text` escaped for XML text and attribute values. Characters XML
/// 1.0 does not allow become spaces (controls) or U+FFFD (non-characters).
pub(crate) fn push_xml(out: &mut String, text: &str) {
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

// ---------------------------------------------------------------------------
// Mermaid

/// The whole flow as Mermaid `flowchart TD` source, with the reader's path
/// styled.
///
/// Node ids become `n_` plus the id with `-` as `_` (ids are lowercase
/// letters, digits and hyphens, so this is one to one and never a Mermaid
/// keyword). Questions are diamonds, outcomes stadiums, labels the chart's
/// short labels in quotes with Mermaid entities for `"`, `#`, `<`, `>`, `&`
/// and `` ` ``. Edges are written yes before no, questions in flow order, so
/// edge `k` in the file is `linkStyle` index `k`; taken edges are lit and
/// untaken ones dashed, and nodes get `classDef` classes by their state.
pub fn mermaid(flow: &Flow, walk: &Walk) -> String {
    let states = walk.node_states(flow);
    let mut out = String::with_capacity(1024 + 96 * flow.nodes().len());
    out.push_str("flowchart TD\n  %% Flow: ");
    push_line(&mut out, flow.title());
    out.push('\n');

    for node in flow.nodes() {
        out.push_str("  ");
        push_mermaid_id(&mut out, node);
        let (open, close) = if node.question().is_some() {
            ("{\"", "\"}")
        } else {
            ("([\"", "\"])")
        };
        out.push_str(open);
        push_mermaid_label(&mut out, &node.label);
        out.push_str(close);
        out.push('\n');
    }

    let mut taken = Vec::new();
    let mut dimmed = Vec::new();
    let mut k = 0usize;
    for (from, node) in flow.indexed() {
        for (answer, to) in node.edges() {
            out.push_str("  ");
            push_mermaid_id(&mut out, node);
            out.push_str(" -->|");
            out.push_str(answer.label());
            out.push_str("| ");
            push_mermaid_id(&mut out, flow.node(to));
            out.push('\n');
            match Walk::edge_state(&states, from, answer) {
                EdgeState::Taken => taken.push(k),
                EdgeState::Dimmed => dimmed.push(k),
                EdgeState::Open => {}
            }
            k += 1;
        }
    }

    // Only classes in use are defined, so the source stays short.
    const CLASSES: [(&str, &str); 4] = [
        (
            "answered",
            "fill:#e6eefb,stroke:#1f5fbf,stroke-width:2.5px,color:#1d2330",
        ),
        (
            "current",
            "fill:#fff1e5,stroke:#a34700,stroke-width:3px,color:#1d2330,font-weight:bold",
        ),
        (
            "reached",
            "fill:#1f5fbf,stroke:#1f5fbf,stroke-width:2.5px,color:#ffffff,font-weight:bold",
        ),
        (
            "dimmed",
            "fill:#ffffff,stroke:#b4bcc8,stroke-dasharray:5 4,color:#5f6877",
        ),
    ];
    for (class, style) in CLASSES {
        let members: Vec<&Node> = flow
            .indexed()
            .filter(|(ix, _)| state_class(states[ix.get()]) == Some(class))
            .map(|(_, n)| n)
            .collect();
        if members.is_empty() {
            continue;
        }
        out.push_str("  classDef ");
        out.push_str(class);
        out.push(' ');
        out.push_str(style);
        out.push_str("\n  class ");
        for (i, node) in members.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_mermaid_id(&mut out, node);
        }
        out.push(' ');
        out.push_str(class);
        out.push('\n');
    }
    push_link_style(&mut out, &taken, "stroke:#1f5fbf,stroke-width:3px");
    push_link_style(&mut out, &dimmed, "stroke:#b4bcc8,stroke-dasharray:4 4");
    out
}

fn state_class(state: NodeState) -> Option<&'static str> {
    match state {
        NodeState::Answered(_) => Some("answered"),
        NodeState::Current => Some("current"),
        NodeState::Reached => Some("reached"),
        NodeState::Dimmed => Some("dimmed"),
        NodeState::Open => None,
    }
}

fn push_link_style(out: &mut String, indexes: &[usize], style: &str) {
    if indexes.is_empty() {
        return;
    }
    out.push_str("  linkStyle ");
    for (i, &k) in indexes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_count(out, k);
    }
    out.push(' ');
    out.push_str(style);
    out.push('\n');
}

/// `n_` and the node id with `-` as `_`.
fn push_mermaid_id(out: &mut String, node: &Node) {
    out.push_str("n_");
    for c in node.id.as_str().chars() {
        out.push(if c == '-' { '_' } else { c });
    }
}

/// Appends a label for inside `"…"`, on one line, with Mermaid's `#…;`
/// entities for the characters that would end the string or be read as
/// markup.
fn push_mermaid_label(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}
