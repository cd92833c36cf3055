//! The decision as JSON: schema `decision-widget/decision`.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::{reached, ExportContext};
use crate::model::{ChoiceId, Flow, FlowId, Note};
use crate::summary::{AnswerMap, Summary};
use crate::walk::Walk;
use crate::NodeId;

/// The `schema` field of every JSON export.
pub const JSON_SCHEMA: &str = "decision-widget/decision";

/// The `schemaVersion` field of every JSON export. Bumped when a field is
/// removed or changes meaning; new fields may be added within a version.
/// Version 2 names answers by choice id (questions may have several
/// choices) and adds each step's `answerLabel`.
pub const JSON_SCHEMA_VERSION: u32 = 2;

/// The exported document, as a serde type: every key is always present, in
/// this order. [`json`] writes it; the widget has the browser write it
/// (see `web::json_text`), which keeps a JSON writer out of its wasm.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document<'a> {
    schema: &'static str,
    schema_version: u32,
    flow: &'a FlowId,
    flow_version: u32,
    flow_title: &'a str,
    answers: &'a AnswerMap,
    path: &'a [NodeId],
    outcome: Option<&'a NodeId>,
    link: &'a str,
    steps: Vec<Step<'a>>,
    recommendation: Option<Recommendation<'a>>,
    practice: Option<NoteOut<'a>>,
    date: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Step<'a> {
    question: &'a NodeId,
    text: &'a str,
    answer: &'a ChoiceId,
    answer_label: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Recommendation<'a> {
    id: &'a NodeId,
    title: &'a str,
    summary: Option<&'a str>,
    reasons: Vec<NoteOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NoteOut<'a> {
    text: &'a str,
    section: Option<&'a str>,
}

impl<'a> From<&'a Note> for NoteOut<'a> {
    fn from(note: &'a Note) -> NoteOut<'a> {
        NoteOut {
            text: &note.text,
            section: note.section.as_deref(),
        }
    }
}

/// The decision as JSON, pretty-printed with two-space indentation.
///
/// Schema `decision-widget/decision`, version 2. It holds every field of the
/// `decision-change` event's `detail` (`flow`, `flowVersion`, `answers`,
/// `path`, `outcome`, `link`) with the same names and values, plus the texts
/// the reader saw:
///
/// ```json
/// {
///   "schema": "decision-widget/decision",   // always this string
///   "schemaVersion": 2,                     // bumped only on breaking changes
///   "flow": "rag-vs-fine-tuning",           // the flow's id
///   "flowVersion": 1,                       // the flow's content version
///   "flowTitle": "RAG or fine-tuning?",
///   "answers": { "data-freshness": "no", "citations": "yes" },  // question id → choice id, in path order
///   "path": ["data-freshness", "citations", "rag"],             // node ids from the start
///   "outcome": "rag",                       // outcome id, or null while in progress
///   "link": "https://…#…",                  // share link reopening the decision, "" if none
///   "steps": [                              // the answers with their texts, in path order
///     { "question": "data-freshness", "text": "Does the answer …?", "answer": "no", "answerLabel": "No" }
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
/// Strings escape `"`, `\`, control characters and also `<`, `>`, `&`,
/// U+2028 and U+2029 (as `\u` escapes), so the text is safe to paste into
/// HTML `<script>` blocks and JavaScript source as is.
pub fn json(flow: &Flow, walk: &Walk, ctx: &ExportContext) -> String {
    let summary = Summary::new(flow, walk, ctx.link.to_owned());
    let document = document(flow, walk, ctx, &summary);
    let mut out = Vec::with_capacity(2048);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ScriptSafe(PrettyFormatter::new()));
    // Serialising strings, numbers and lists into memory cannot fail, and
    // serde_json writes UTF-8.
    let _ = document.serialize(&mut serializer);
    let mut text = String::from_utf8(out).unwrap_or_default();
    text.push('\n');
    text
}

/// The document [`json`] writes, for a writer of the caller's choosing;
/// `summary` is the walk's summary with the context's link.
pub fn document<'a>(flow: &'a Flow, walk: &Walk, ctx: &ExportContext<'a>, summary: &'a Summary) -> Document<'a> {
    let steps = walk
        .steps
        .iter()
        .zip(&summary.answers.0)
        .filter_map(|(step, (question, answer))| {
            let q = flow.question(step.question)?;
            Some(Step {
                question,
                text: &q.text,
                answer,
                answer_label: ctx.words.choice(q.choice(step.answer)?),
            })
        })
        .collect();
    Document {
        schema: JSON_SCHEMA,
        schema_version: JSON_SCHEMA_VERSION,
        flow: &summary.flow,
        flow_version: summary.flow_version,
        flow_title: flow.title(),
        answers: &summary.answers,
        path: &summary.path,
        outcome: summary.outcome.as_ref(),
        link: &summary.link,
        steps,
        recommendation: reached(flow, walk).map(|(node, outcome)| Recommendation {
            id: &node.id,
            title: &outcome.title,
            summary: outcome.summary.as_deref(),
            reasons: outcome.reasons.iter().map(NoteOut::from).collect(),
        }),
        practice: flow.practice().map(NoteOut::from),
        date: ctx.date,
    }
}

/// Whether `c` is escaped as `\u00XX` in every JSON export although JSON
/// allows it plain: the characters that could end a `<script>` block or a
/// JavaScript string around the JSON.
pub fn is_script_unsafe(c: char) -> bool {
    matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}')
}

/// serde_json's pretty printer, also escaping the characters that could end
/// a `<script>` block or a JavaScript string around the JSON.
struct ScriptSafe(PrettyFormatter<'static>);

impl Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_script_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}
