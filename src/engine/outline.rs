//! The whole flow as an HTML outline: every question with where each answer
//! leads, and every recommendation with its reasons. The release build puts
//! it into the pages inside `<noscript>`, so that a reader without
//! JavaScript still gets everything the widget would tell them.

use super::export::push_xml;
use super::model::{Answer, Flow, Node, NodeIx, Note};

/// Renders `flow` as an outline for the host page's own markup (not the
/// widget's shadow root). Element ids start with `id_prefix`; `section_title`
/// names the article section behind an anchor id, or says the page has no
/// such section (then the reason goes without a link).
pub fn html(flow: &Flow, id_prefix: &str, section_title: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let anchor = |out: &mut String, node: &Node| {
        push_xml(out, id_prefix);
        push_xml(out, node.id.as_str());
    };
    // Questions are numbered in the order a reader meets them.
    let questions: Vec<NodeIx> = flow
        .topological()
        .iter()
        .copied()
        .filter(|&ix| flow.node(ix).question().is_some())
        .collect();
    let number = |ix: NodeIx| questions.iter().position(|&q| q == ix).map_or(0, |p| p + 1);

    out.push_str("<section class=\"dw-outline\" aria-labelledby=\"");
    push_xml(&mut out, id_prefix);
    out.push_str("outline\">\n<h3 id=\"");
    push_xml(&mut out, id_prefix);
    out.push_str("outline\">The flow as text: ");
    push_xml(&mut out, flow.title());
    out.push_str("</h3>\n<p>The interactive flowchart needs JavaScript. Here is all of it: ");
    out.push_str("every question, where each answer leads, and every recommendation with its reasons.");
    if let Some(intro) = flow.intro() {
        out.push(' ');
        push_xml(&mut out, intro);
    }
    out.push_str("</p>\n<ol class=\"dw-outline-questions\">\n");
    for &ix in &questions {
        let node = flow.node(ix);
        let Some(question) = node.question() else { continue };
        out.push_str("<li id=\"");
        anchor(&mut out, node);
        out.push_str("\"><p><strong>");
        push_xml(&mut out, &question.text);
        out.push_str("</strong></p>\n");
        if let Some(help) = &question.help {
            out.push_str("<p>");
            push_xml(&mut out, help);
            out.push_str("</p>\n");
        }
        out.push_str("<ul>\n");
        for answer in Answer::BOTH {
            let to = question.next(answer);
            let target = flow.node(to);
            out.push_str("<li>");
            out.push_str(answer.label());
            out.push_str(": <a href=\"#");
            anchor(&mut out, target);
            out.push_str("\">");
            match (target.question(), target.outcome()) {
                (Some(_), _) => {
                    out.push_str("go on to question ");
                    super::layout::push_int(&mut out, number(to) as i32);
                }
                (_, Some(outcome)) => {
                    out.push_str("recommendation: ");
                    push_xml(&mut out, &outcome.title);
                }
                _ => push_xml(&mut out, &target.label),
            }
            out.push_str("</a></li>\n");
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n<h4>Recommendations</h4>\n<ul class=\"dw-outline-outcomes\">\n");
    for node in flow.nodes() {
        let Some(outcome) = node.outcome() else { continue };
        out.push_str("<li id=\"");
        anchor(&mut out, node);
        out.push_str("\"><p><strong>");
        push_xml(&mut out, &outcome.title);
        out.push_str("</strong>");
        if let Some(summary) = &outcome.summary {
            out.push_str(": ");
            push_xml(&mut out, summary);
        }
        out.push_str("</p>\n");
        if !outcome.reasons.is_empty() {
            out.push_str("<ul>\n");
            for reason in &outcome.reasons {
                out.push_str("<li>");
                push_note(&mut out, reason, section_title);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    if let Some(practice) = flow.practice() {
        out.push_str("<p><strong>In practice:</strong> ");
        push_note(&mut out, practice, section_title);
        out.push_str("</p>\n");
    }
    out.push_str("</section>\n");
    out
}

/// A note's sentence, then a link to its article section when the page has
/// that section.
fn push_note(out: &mut String, note: &Note, section_title: &dyn Fn(&str) -> Option<String>) {
    push_xml(out, &note.text);
    let Some((section, title)) = note.section.as_ref().and_then(|s| Some((s, section_title(s)?))) else {
        return;
    };
    out.push_str(" <a href=\"#");
    push_xml(out, section);
    out.push_str("\">Read “");
    push_xml(out, &title);
    out.push_str("”</a>");
}
