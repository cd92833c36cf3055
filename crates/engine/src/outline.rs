//! The whole flow as an HTML outline, for readers without JavaScript: the
//! release build puts it into the pages inside `<noscript>`, so that such a
//! reader still gets everything the widget would tell them. It renders the
//! same [`FlowText`] as the widget's "flowchart as text".

use std::fmt::Write as _;

use super::export::xml;
use super::model::{Flow, NodeIx, Note};
use super::text::{FlowText, Target};
use super::words::Words;

/// Renders `flow` as an outline for the host page's own markup (not the
/// widget's shadow root), with the outline's own words in `words`. Element
/// ids start with `id_prefix`; `section_title` names the article section
/// behind an anchor id, or says the page has no such section (then the
/// reason goes without a link).
pub fn html(flow: &Flow, words: &Words, id_prefix: &str, section_title: &dyn Fn(&str) -> Option<String>) -> String {
    let text = FlowText::new(flow, None, words);
    let anchor = |ix: NodeIx| xml(&format!("{id_prefix}{}", flow.node(ix).id));
    let mut out = String::new();
    let prefix = xml(id_prefix);
    let _ = write!(
        out,
        "<section class=\"dw-outline\" lang=\"{}\" dir=\"{}\" aria-labelledby=\"{prefix}outline\">\n<h3 id=\"{prefix}outline\">{}</h3>\n<p>{}",
        xml(words.lang()),
        words.dir().as_str(),
        xml(&words.fill("outline-title", &[("title", flow.title())])),
        xml(words.get("outline-intro")),
    );
    if let Some(intro) = flow.intro() {
        let _ = write!(out, "{}{}", xml(words.get("sentence-gap")), xml(intro));
    }
    out.push_str("</p>\n<ol class=\"dw-outline-questions\">\n");
    for question in &text.questions {
        let _ = writeln!(
            out,
            "<li id=\"{}\"><p><strong>{}</strong></p>",
            anchor(question.node),
            xml(question.text)
        );
        if let Some(help) = question.help {
            let _ = writeln!(out, "<p>{}</p>", xml(help));
        }
        out.push_str("<ul>\n");
        for answer in &question.answers {
            let target = match answer.target {
                Target::Question(number, _) => words.fill("outline-go-to", &[("number", &words.number(number as u32))]),
                Target::Outcome(title) => words.fill("to-outcome", &[("title", title)]),
            };
            let label = words.fill("label-colon", &[("label", answer.label)]);
            let _ = writeln!(
                out,
                "<li>{} <a href=\"#{}\">{}</a></li>",
                xml(&label),
                anchor(answer.to),
                xml(&target)
            );
        }
        out.push_str("</ul></li>\n");
    }
    let _ = write!(
        out,
        "</ol>\n<h4>{}</h4>\n<ul class=\"dw-outline-outcomes\">\n",
        xml(words.get("recommendations"))
    );
    for outcome in &text.outcomes {
        let title = match outcome.summary {
            Some(_) => words.fill("label-colon", &[("label", outcome.title)]),
            None => outcome.title.to_owned(),
        };
        let _ = write!(
            out,
            "<li id=\"{}\"><p><strong>{}</strong>",
            anchor(outcome.node),
            xml(&title)
        );
        if let Some(summary) = outcome.summary {
            let _ = write!(out, " {}", xml(summary));
        }
        out.push_str("</p>\n");
        if !outcome.reasons.is_empty() {
            out.push_str("<ul>\n");
            for reason in outcome.reasons {
                let _ = writeln!(out, "<li>{}</li>", note(reason, words, section_title));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    if let Some(practice) = text.practice {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong> {}</p>",
            xml(&words.fill("label-colon", &[("label", words.get("in-practice"))])),
            note(practice, words, section_title)
        );
    }
    out.push_str("</section>\n");
    out
}

/// A note's sentence, then a link to its article section when the page has
/// that section.
fn note(note: &Note, words: &Words, section_title: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = xml(&note.text);
    if let Some((section, title)) = note.section.as_ref().and_then(|s| Some((s, section_title(s)?))) {
        let _ = write!(
            out,
            " <a href=\"#{}\">{}</a>",
            xml(section),
            xml(&words.fill("read-section", &[("section", &title)]))
        );
    }
    out
}
