//! The flow as Mermaid `flowchart TD` source, with the reader's path styled.

use std::fmt::Write as _;

use super::ExportContext;
use crate::model::{Flow, Node};
use crate::walk::{EdgeState, NodeState, Walk};

/// The whole flow as Mermaid `flowchart TD` source, with the reader's path
/// styled and the flow's title in the front matter.
///
/// Node ids become `n_` plus the id with `-` as `_` (ids are lowercase
/// letters, digits and hyphens, so this is one to one and never a Mermaid
/// keyword). Questions are diamonds, outcomes stadiums, labels the chart's
/// short labels in quotes with Mermaid entities for `"`, `#`, `<`, `>`, `&`
/// and `` ` ``. Edges are labelled with their answer (`Yes`, `No`, or the
/// choice's label in quotes), written in flow order and each question's
/// order, so edge `k` in the file is `linkStyle` index `k`; taken edges are
/// lit and untaken ones dashed, and nodes get `classDef` classes by their
/// state.
pub fn mermaid(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let states = walk.node_states(flow);
    let mut out = String::with_capacity(1024 + 96 * flow.nodes().len());
    // The title goes in Mermaid's front matter, where Mermaid shows it above
    // the chart and the import reads it back: a YAML double-quoted string,
    // in which a backslash starts an escape.
    let title = super::one_line(flow.title()).replace('\\', "\\\\").replace('"', "'");
    let _ = writeln!(out, "---\ntitle: \"{title}\"\n---\nflowchart TD");

    for node in flow.nodes() {
        let (open, close) = match node.question() {
            Some(_) => ("{\"", "\"}"),
            None => ("([\"", "\"])"),
        };
        let _ = writeln!(out, "  {}{open}{}{close}", mermaid_id(node), label(&node.label));
    }

    let mut taken = Vec::new();
    let mut dimmed = Vec::new();
    let mut k = 0usize;
    for (from, node) in flow.indexed() {
        let Some(question) = node.question() else { continue };
        for (answer, choice) in question.answers() {
            let text = ctx.words.choice(choice);
            let edge_label = match question.is_yes_no() {
                // Yes and No are plain words, as Mermaid authors write them,
                // escaped all the same: a flow's `labels` may reword them.
                true => label(text),
                false => format!("\"{}\"", label(text)),
            };
            let _ = writeln!(
                out,
                "  {} -->|{edge_label}| {}",
                mermaid_id(node),
                mermaid_id(flow.node(choice.next))
            );
            match crate::Walk::edge_state(&states, from, answer) {
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
        let members: Vec<String> = flow
            .indexed()
            .filter(|(ix, _)| state_class(states[ix.get()]) == Some(class))
            .map(|(_, n)| mermaid_id(n))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {class} {style}\n  class {} {class}", members.join(","));
        }
    }
    link_style(&mut out, &taken, "stroke:#1f5fbf,stroke-width:3px");
    link_style(&mut out, &dimmed, "stroke:#b4bcc8,stroke-dasharray:4 4");
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

fn link_style(out: &mut String, indexes: &[usize], style: &str) {
    if !indexes.is_empty() {
        let list: Vec<String> = indexes.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
    }
}

/// `n_` and the node id with `-` as `_`.
fn mermaid_id(node: &Node) -> String {
    format!("n_{}", node.id.as_str().replace('-', "_"))
}

/// A label for inside `"…"`, on one line, with Mermaid's `#…;` entities
/// for the characters that would end the string or be read as markup.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
