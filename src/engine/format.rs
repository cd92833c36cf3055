//! The flow file format, exactly as authors write it.
//!
//! These types mirror the JSON one to one and check nothing beyond its
//! shape: fields an author may forget are `Option`s, so that a missing answer
//! becomes our own error naming the question instead of a parser message.
//! `RawFlow::from_json` reads them with the engine's own JSON reader, naming
//! the place of any problem (`questions[2].yes`); `Flow::try_from` turns a
//! `RawFlow` into the validated model.

use super::error::FlowErrors;
use super::json::{self, Value};
use super::layout::push_u64;
use super::model::Flow;

/// The only file format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A flow file: metadata, questions and outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFlow {
    /// File format version; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Stable id of the flow, used in links and events.
    pub id: String,
    /// Version of the flow's content; bump it when questions change.
    pub version: u32,
    /// Title shown above the widget.
    pub title: String,
    /// One or two sentences shown before the first question.
    pub intro: Option<String>,
    /// Id of the first question.
    pub start: String,
    /// Advice shown with every outcome.
    pub practice: Option<RawNote>,
    /// The questions, in the order an author reads them.
    pub questions: Vec<RawQuestion>,
    /// The outcomes a path can end in.
    pub outcomes: Vec<RawOutcome>,
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq)]
pub struct RawQuestion {
    /// Stable id, unique among questions and outcomes.
    pub id: String,
    /// Short text for the chart; defaults to `text`.
    pub label: Option<String>,
    /// The question as the reader sees it.
    pub text: String,
    /// Optional hint below the question.
    pub help: Option<String>,
    /// Id of the node a "yes" leads to.
    pub yes: Option<String>,
    /// Id of the node a "no" leads to.
    pub no: Option<String>,
}

/// An outcome: a recommendation with its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct RawOutcome {
    /// Stable id, unique among questions and outcomes.
    pub id: String,
    /// Short text for the chart; defaults to `title`.
    pub label: Option<String>,
    /// The recommendation's headline.
    pub title: String,
    /// One sentence on what to build.
    pub summary: Option<String>,
    /// Why this outcome fits, each optionally tied to an article section.
    pub reasons: Vec<RawNote>,
}

/// A sentence, optionally tied to a section of the article by its anchor id.
#[derive(Debug, Clone, PartialEq)]
pub struct RawNote {
    /// The sentence.
    pub text: String,
    /// Anchor id of the article section it comes from, without `#`.
    pub section: Option<String>,
}

/// Reads the fields of one JSON object, refusing unknown ones, with errors
/// that name the place in the file.
struct Fields<'a> {
    place: String,
    fields: &'a [(String, Value)],
}

fn shape_error(place: &str, message: &str) -> FlowErrors {
    let mut text = String::new();
    if place.is_empty() {
        text.push_str("the file ");
    } else {
        text.push('`');
        text.push_str(place);
        text.push_str("` ");
    }
    text.push_str(message);
    FlowErrors::syntax(text)
}

fn wrong_kind(place: &str, wanted: &str, found: &Value) -> FlowErrors {
    let mut message = String::from("must be ");
    message.push_str(wanted);
    message.push_str(", not ");
    message.push_str(found.kind());
    shape_error(place, &message)
}

impl<'a> Fields<'a> {
    fn new(place: String, value: &'a Value, known: &[&str]) -> Result<Fields<'a>, FlowErrors> {
        let Value::Object(fields) = value else {
            return Err(wrong_kind(&place, "an object", value));
        };
        if let Some((key, _)) = fields.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            let mut message = String::from("has an unknown field `");
            message.push_str(key);
            message.push('`');
            return Err(shape_error(&place, &message));
        }
        Ok(Fields { place, fields })
    }

    fn at(&self, key: &str) -> String {
        let mut place = self.place.clone();
        if !place.is_empty() {
            place.push('.');
        }
        place.push_str(key);
        place
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Value::Null)
    }

    fn required(&self, key: &str) -> Result<&'a Value, FlowErrors> {
        self.get(key).ok_or_else(|| {
            let mut message = String::from("is missing");
            if self.place.is_empty() {
                message = String::from("is missing from the file");
            }
            shape_error(&self.at(key), &message)
        })
    }

    fn string(&self, key: &str) -> Result<String, FlowErrors> {
        let value = self.required(key)?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| wrong_kind(&self.at(key), "text", value))
    }

    fn opt_string(&self, key: &str) -> Result<Option<String>, FlowErrors> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_str()
                .map(|s| Some(s.to_owned()))
                .ok_or_else(|| wrong_kind(&self.at(key), "text", value)),
        }
    }

    fn number(&self, key: &str) -> Result<u32, FlowErrors> {
        let value = self.required(key)?;
        value
            .as_u32()
            .ok_or_else(|| wrong_kind(&self.at(key), "a whole number", value))
    }

    fn list<T>(&self, key: &str, item: impl Fn(String, &Value) -> Result<T, FlowErrors>) -> Result<Vec<T>, FlowErrors> {
        let Some(value) = self.get(key) else {
            return Ok(Vec::new());
        };
        let items = value
            .as_array()
            .ok_or_else(|| wrong_kind(&self.at(key), "a list", value))?;
        // A loop rather than `collect` into a `Result`: the same result
        // with less code for each item type.
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            let mut place = self.at(key);
            place.push('[');
            push_u64(&mut place, i as u64);
            place.push(']');
            out.push(item(place, v)?);
        }
        Ok(out)
    }
}

fn note(place: String, value: &Value) -> Result<RawNote, FlowErrors> {
    let f = Fields::new(place, value, &["text", "section"])?;
    Ok(RawNote {
        text: f.string("text")?,
        section: f.opt_string("section")?,
    })
}

fn question(place: String, value: &Value) -> Result<RawQuestion, FlowErrors> {
    let f = Fields::new(place, value, &["id", "label", "text", "help", "yes", "no"])?;
    Ok(RawQuestion {
        id: f.string("id")?,
        label: f.opt_string("label")?,
        text: f.string("text")?,
        help: f.opt_string("help")?,
        yes: f.opt_string("yes")?,
        no: f.opt_string("no")?,
    })
}

fn outcome(place: String, value: &Value) -> Result<RawOutcome, FlowErrors> {
    let f = Fields::new(place, value, &["id", "label", "title", "summary", "reasons"])?;
    Ok(RawOutcome {
        id: f.string("id")?,
        label: f.opt_string("label")?,
        title: f.string("title")?,
        summary: f.opt_string("summary")?,
        reasons: f.list("reasons", note)?,
    })
}

impl RawFlow {
    /// Reads a flow file's JSON text into its raw form, refusing anything
    /// that is not JSON or not shaped like a flow, with the place it fails.
    pub fn from_json(text: &str) -> Result<RawFlow, FlowErrors> {
        let value = json::parse(text).map_err(|e| FlowErrors::syntax(e.to_string()))?;
        RawFlow::from_value(&value)
    }

    /// Reads an already parsed JSON value.
    pub fn from_value(value: &Value) -> Result<RawFlow, FlowErrors> {
        let known = [
            "format",
            "id",
            "version",
            "title",
            "intro",
            "start",
            "practice",
            "questions",
            "outcomes",
        ];
        let f = Fields::new(String::new(), value, &known)?;
        Ok(RawFlow {
            format: f.number("format")?,
            id: f.string("id")?,
            version: f.number("version")?,
            title: f.string("title")?,
            intro: f.opt_string("intro")?,
            start: f.string("start")?,
            practice: f.get("practice").map(|v| note(f.at("practice"), v)).transpose()?,
            questions: f.list("questions", question)?,
            outcomes: f.list("outcomes", outcome)?,
        })
    }
}

impl Flow {
    /// Reads and validates a flow file.
    pub fn from_json(text: &str) -> Result<Flow, FlowErrors> {
        Flow::try_from(RawFlow::from_json(text)?)
    }
}
