//! The decision as plain text, for chat.

use super::{answered, one_line, progress, reached, ExportContext};
use crate::model::Flow;
use crate::walk::Walk;

/// A short message for chat: the recommendation and its summary, one line per
/// answer, the reasons as `- ` lines, and the link (or, without one, the
/// article's URL).
pub fn plain_text(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let words = ctx.words;
    let mut out = String::with_capacity(1024);
    let outcome = reached(flow, walk);
    match outcome {
        Some((_, o)) => {
            let title = words.fill("label-colon", &[("label", words.get("recommendation"))]);
            out += &format!("{title} {}", one_line(&o.title));
            if let Some(summary) = &o.summary {
                out += &format!("\n{}", one_line(summary));
            }
        }
        None => out += &words.fill("doc-in-progress-line", &[("progress", &progress(flow, walk, words))]),
    }
    out += &format!("\n\n{}\n", one_line(flow.title()));
    for (i, (text, answer)) in answered(flow, walk, words).iter().enumerate() {
        out += &format!(
            "{}. {} {}\n",
            words.number(i as u32 + 1),
            one_line(text),
            one_line(answer)
        );
    }
    if let Some((_, o)) = outcome.filter(|(_, o)| !o.reasons.is_empty()) {
        out += &format!("\n{}\n", words.fill("label-colon", &[("label", words.get("why"))]));
        for reason in &o.reasons {
            out += &format!("- {}\n", one_line(&reason.text));
        }
    }
    let url = if ctx.link.is_empty() { ctx.page_url } else { ctx.link };
    if !url.is_empty() {
        out += &format!("\n{}\n", one_line(url));
    }
    out
}
