//! The decision as an architecture decision record, in CommonMark.

use super::{answered, next_question, progress, reached, ExportContext};
use crate::engine::change;
use crate::engine::model::{Flow, Note};
use crate::engine::walk::Walk;

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
        Some((_, o)) => out += &format!("# Decision: {}", md(&o.title)),
        None => out.push_str("# Decision in progress"),
    }
    out.push_str("\n\n");
    if !ctx.date.is_empty() {
        out += &format!("Date: {} · ", md(ctx.date));
    }
    match outcome {
        Some(_) => out.push_str("Status: Proposed"),
        None => out += &format!("Status: In progress ({})", progress(flow, walk)),
    }

    out += &format!(
        "\n\n## Context\n\nThe decision flow “{}” (`{}`, version {}",
        md(flow.title()),
        flow.id(),
        flow.version()
    );
    let steps = answered(flow, walk, ctx.words);
    if steps.is_empty() {
        out.push_str("), no questions answered yet.\n");
    } else {
        out.push_str("), answered in this order:\n\n");
        for (i, (text, answer)) in steps.iter().enumerate() {
            out += &format!("{}. {} **{}**\n", i + 1, md(text), md(answer));
        }
    }

    out.push_str("\n## Decision\n\n");
    match outcome {
        Some((_, o)) => {
            out += &format!("**{}**\n", md(&o.title));
            if let Some(summary) = &o.summary {
                out += &format!("\n{}\n", md(summary));
            }
        }
        None => {
            out.push_str("No recommendation yet.");
            if let Some(next) = next_question(flow, walk) {
                out += &format!(" The next question is “{}”.", md(next));
            }
            out.push('\n');
        }
    }

    out.push_str("\n## Consequences\n");
    let changes = change::sentences(flow, walk, ctx.words);
    let reasons = outcome.map_or(&[][..], |(_, o)| &o.reasons[..]);
    if reasons.is_empty() && flow.practice().is_none() && changes.is_empty() {
        out.push_str("\nNone yet.\n");
    }
    if !reasons.is_empty() {
        out.push_str("\n### Why\n\n");
        for reason in reasons {
            out += &format!("- {}\n", note(reason, ctx.page_url));
        }
    }
    if let Some(practice) = flow.practice() {
        out += &format!("\n### In practice\n\n{}\n", note(practice, ctx.page_url));
    }
    if !changes.is_empty() {
        out.push_str("\n### What would change it\n\n");
        for change in &changes {
            out += &format!("- {}\n", md(change));
        }
    }

    if !ctx.link.is_empty() || !ctx.page_url.is_empty() {
        out.push_str("\n## Links\n\n");
        if !ctx.link.is_empty() {
            out += &format!("- [Reopen this decision]({})\n", md_url(ctx.link));
        }
        if !ctx.page_url.is_empty() {
            out += &format!("- [The article]({})\n", md_url(ctx.page_url));
        }
    }
    out
}

/// A note's text, then ` [Read](page_url#section)` when both are known.
fn note(note: &Note, page_url: &str) -> String {
    match (&note.section, page_url.is_empty()) {
        (Some(section), false) => format!("{} [Read]({}#{})", md(&note.text), md_url(page_url), md_url(section)),
        _ => md(&note.text),
    }
}

/// `text` as literal Markdown inline text on one line.
///
/// Escapes the punctuation that opens inline syntax (emphasis, code, links,
/// HTML, entities, headings' closing `#`), and, since every text may start a
/// line or a list item, a leading block marker (`-`, `+`, `=`, `1.`).
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
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
        out.push(if super::breaks_line(c) { ' ' } else { c });
    }
    out
}

/// A link destination, percent-encoding what would end or break it.
fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_control() || matches!(c, ' ' | '"' | '<' | '>' | '(' | ')' | '[' | ']' | '\\' | '`') {
            out += &format!("%{:02X}", c as u8);
        } else {
            out.push(c);
        }
    }
    out
}
