//! Exports of a decision: Markdown, JSON, plain text, SVG and Mermaid, one
//! module each.
//!
//! Every export is a pure function of the flow, the reader's walk, the
//! widget's words and what the caller knows about the page (its URL, the
//! share link, today's date), so the same decision always exports to the
//! same bytes. Flow texts come from authors, so each format escapes them
//! for its own syntax: nothing an author writes can break a Markdown
//! heading, a JSON string, an SVG element or a Mermaid label.

mod json;
mod markdown;
mod mermaid;
mod svg;
mod text;

pub use json::{document, is_script_unsafe, json, Document, JSON_SCHEMA, JSON_SCHEMA_VERSION};
pub use markdown::markdown;
pub use mermaid::mermaid;
pub use svg::{push_xml, svg, xml};
pub use text::plain_text;

use super::model::{Flow, Node, Outcome};
use super::walk::Walk;
use super::words::Words;

/// What every export needs besides the flow and walk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportContext<'a> {
    /// Share URL that reopens the decision; may be empty.
    pub link: &'a str,
    /// URL of the article page without a fragment; may be empty. Reasons
    /// tied to a section link to `page_url#section`.
    pub page_url: &'a str,
    /// ISO date such as `2026-11-24`, given by the caller (the engine has no
    /// clock); may be empty.
    pub date: &'a str,
    /// The widget's words: answer labels and the exports' own headings.
    pub words: &'a Words,
}

/// The outcome reached, with its node.
fn reached<'f>(flow: &'f Flow, walk: &Walk) -> Option<(&'f Node, &'f Outcome)> {
    let node = flow.node(walk.outcome()?);
    Some((node, node.outcome()?))
}

/// Each step's question text with the label of the answer given.
fn answered<'f>(flow: &'f Flow, walk: &Walk, words: &'f Words) -> Vec<(&'f str, &'f str)> {
    walk.steps
        .iter()
        .filter_map(|s| {
            let question = flow.question(s.question)?;
            Some((question.text.as_str(), words.choice(question.choice(s.answer)?)))
        })
        .collect()
}

/// The text of the question waiting for an answer, if any.
fn next_question<'f>(flow: &'f Flow, walk: &Walk) -> Option<&'f str> {
    Some(flow.node(walk.current()?).text())
}

/// "2 of at most 4 questions answered", in the widget's words.
fn progress(flow: &Flow, walk: &Walk, words: &Words) -> String {
    let answered = words.number(walk.steps.len() as u32);
    words.count("doc-progress", walk.progress(flow).at_most, &[("answered", &answered)])
}

/// `text` on one line: line breaks (U+2028 and U+2029 too) and other
/// control characters become spaces, so a text can never start a new line
/// of its own.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if breaks_line(c) { ' ' } else { c }).collect()
}

/// Whether `c` ends a line, or is a control character, in some reader.
fn breaks_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}
