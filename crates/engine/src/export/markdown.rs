//! The decision as an architecture decision record, in CommonMark.

use super::{answered, next_question, progress, reached, ExportContext};
use crate::change;
use crate::model::{Flow, Note};
use crate::walk::Walk;

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
    let words = ctx.words;
    // A word is escaped like any text (a flow's labels may replace it),
    // then its placeholders take values escaped already.
    let say = |key: &str, args: &[(&str, &str)]| words.fill_text(&md(words.get(key)), args);
    let mut out = String::with_capacity(2048);
    let outcome = reached(flow, walk);

    match outcome {
        Some((_, o)) => out += &format!("# {}", say("doc-decision", &[("title", &md(&o.title))])),
        None => out += &format!("# {}", say("doc-in-progress", &[])),
    }
    out.push_str("\n\n");
    if !ctx.date.is_empty() {
        out += &format!("{} · ", say("doc-date", &[("date", &md(ctx.date))]));
    }
    match outcome {
        Some(_) => out += &say("doc-status-proposed", &[]),
        None => {
            out += &say(
                "doc-status-in-progress",
                &[("progress", &md(&progress(flow, walk, words)))],
            )
        }
    }

    let steps = answered(flow, walk, words);
    let context = say(
        if steps.is_empty() {
            "doc-flow-unanswered"
        } else {
            "doc-flow-answered"
        },
        &[
            (
                "title",
                &words.fill_text(&md(words.get("quote")), &[("text", &md(flow.title()))]),
            ),
            ("id", &format!("`{}`", flow.id())),
            ("version", &md(&words.number(flow.version()))),
        ],
    );
    out += &format!("\n\n## {}\n\n{context}\n", say("doc-context", &[]));
    if !steps.is_empty() {
        out.push('\n');
        for (i, (text, answer)) in steps.iter().enumerate() {
            out += &format!("{}. {} **{}**\n", i + 1, md(text), md(answer));
        }
    }

    out += &format!("\n## {}\n\n", say("doc-decision-heading", &[]));
    match outcome {
        Some((_, o)) => {
            out += &format!("**{}**\n", md(&o.title));
            if let Some(summary) = &o.summary {
                out += &format!("\n{}\n", md(summary));
            }
        }
        None => {
            out += &say("doc-no-recommendation", &[]);
            if let Some(next) = next_question(flow, walk) {
                let next = words.fill_text(&md(words.get("quote")), &[("text", &md(next))]);
                out += &md(words.get("sentence-gap"));
                out += &say("doc-next-question", &[("question", &next)]);
            }
            out.push('\n');
        }
    }

    out += &format!("\n## {}\n", say("doc-consequences", &[]));
    let changes = change::sentences(flow, walk, words);
    let reasons = outcome.map_or(&[][..], |(_, o)| &o.reasons[..]);
    if reasons.is_empty() && flow.practice().is_none() && changes.is_empty() {
        out += &format!("\n{}\n", say("doc-none-yet", &[]));
    }
    let read = say("doc-read", &[]);
    if !reasons.is_empty() {
        out += &format!("\n### {}\n\n", say("why", &[]));
        for reason in reasons {
            out += &format!("- {}\n", note(reason, ctx.page_url, &read));
        }
    }
    if let Some(practice) = flow.practice() {
        out += &format!(
            "\n### {}\n\n{}\n",
            say("in-practice", &[]),
            note(practice, ctx.page_url, &read)
        );
    }
    if !changes.is_empty() {
        out += &format!("\n### {}\n\n", say("what-would-change-it", &[]));
        for change in &changes {
            out += &format!("- {}\n", md(change));
        }
    }

    if !ctx.link.is_empty() || !ctx.page_url.is_empty() {
        out += &format!("\n## {}\n\n", say("doc-links", &[]));
        if !ctx.link.is_empty() {
            out += &format!("- [{}]({})\n", say("doc-reopen", &[]), md_url(ctx.link));
        }
        if !ctx.page_url.is_empty() {
            out += &format!("- [{}]({})\n", say("doc-article", &[]), md_url(ctx.page_url));
        }
    }
    out
}

/// A note's text, then ` [Read](page_url#section)` when both are known;
/// `read` is escaped already.
fn note(note: &Note, page_url: &str, read: &str) -> String {
    match (&note.section, page_url.is_empty()) {
        (Some(section), false) => format!("{} [{read}]({}#{})", md(&note.text), md_url(page_url), md_url(section)),
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
