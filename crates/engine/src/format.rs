//! The flow file format, exactly as authors write it: serde types for
//! formats 1 and 2.
//!
//! These types mirror the JSON one to one and check nothing beyond its
//! shape: fields an author may forget are `Option`s, so that a missing
//! answer becomes our own error naming the question instead of a parser
//! message. [`RawFlow::parse`] reads a file with serde_json, refusing what
//! JSON refuses (duplicate keys, leading zeros, lone surrogates) and
//! unknown fields, and turns serde's messages into sentences that name the
//! place (`questions[2].yes`) and its line and column; `Flow::try_from`
//! then validates a `RawFlow` into the model.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{FlowErrors, JsonPath, Segment};
use super::locate;

/// The format version new files are written in.
pub const FORMAT_VERSION: u32 = 2;

/// A flow file: metadata, questions and outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawFlow {
    /// The JSON Schema an editor checks the file against; ignored here.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// File format version: 1 or 2.
    #[serde(deserialize_with = "whole_number")]
    pub format: u32,
    /// Stable id of the flow, used in links and events.
    pub id: String,
    /// Version of the flow's content; bump it when questions change.
    #[serde(deserialize_with = "whole_number")]
    pub version: u32,
    /// The language of the flow's texts, a BCP 47 tag (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Title shown above the widget.
    pub title: String,
    /// One or two sentences shown before the first question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Id of the first question.
    pub start: String,
    /// The author's replacements for the widget's own words (format 2).
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub labels: Labels,
    /// Advice shown with every outcome.
    #[serde(
        default,
        deserialize_with = "optional_object",
        skip_serializing_if = "Option::is_none"
    )]
    pub practice: Option<RawNote>,
    /// The questions, in the order an author reads them.
    #[serde(default, deserialize_with = "objects")]
    pub questions: Vec<RawQuestion>,
    /// The outcomes a path can end in.
    #[serde(default, deserialize_with = "objects")]
    pub outcomes: Vec<RawOutcome>,
}

/// A question: `yes` and `no`, or (format 2) a list of `choices`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawQuestion {
    /// Stable id, unique among questions and outcomes.
    pub id: String,
    /// Short text for the chart; defaults to `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The question as the reader sees it.
    pub text: String,
    /// Optional hint below the question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Id of the node a "yes" leads to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<String>,
    /// Id of the node a "no" leads to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<String>,
    /// The choices, in the order they are offered (format 2).
    #[serde(
        default,
        deserialize_with = "optional_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub choices: Option<Vec<RawChoice>>,
}

/// One of a question's choices (format 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawChoice {
    /// Stable id, unique within the question.
    pub id: String,
    /// What the button and the chart's edge say.
    pub label: String,
    /// Id of the node this choice leads to.
    pub next: String,
}

/// An outcome: a recommendation with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawOutcome {
    /// Stable id, unique among questions and outcomes.
    pub id: String,
    /// Short text for the chart; defaults to `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The recommendation's headline.
    pub title: String,
    /// One sentence on what to build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Why this outcome fits, each optionally tied to an article section.
    #[serde(default, deserialize_with = "objects", skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<RawNote>,
}

/// A sentence, optionally tied to a section of the article by its anchor id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawNote {
    /// The sentence.
    pub text: String,
    /// Anchor id of the article section it comes from, without `#`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// The `labels` object: the widget's word keys and the author's texts, in
/// file order. A key given twice is refused, as for every other object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels(pub Vec<(String, String)>);

impl Labels {
    /// Whether no word is replaced.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Labels, D::Error> {
        struct LabelsVisitor;
        impl<'de> Visitor<'de> for LabelsVisitor {
            type Value = Labels;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Labels, A::Error> {
                let mut labels: Vec<(String, String)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if labels.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format_args!("has the key `{key}` twice")));
                    }
                    let value = map.next_value::<String>()?;
                    labels.push((key, value));
                }
                Ok(Labels(labels))
            }
        }
        deserializer.deserialize_map(LabelsVisitor)
    }
}

/// A struct read only from a JSON object. (serde's derived structs also
/// take a list of their fields' values, which a flow file must not use.)
struct AsObject<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for AsObject<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<AsObject<T>, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = AsObject<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AsObject<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(AsObject)
            }
        }
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }
}

fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    let list = Vec::<AsObject<T>>::deserialize(deserializer)?;
    Ok(list.into_iter().map(|o| o.0).collect())
}

fn optional_objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    let list = Option::<Vec<AsObject<T>>>::deserialize(deserializer)?;
    Ok(list.map(|list| list.into_iter().map(|o| o.0).collect()))
}

fn optional_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    Ok(Option::<AsObject<T>>::deserialize(deserializer)?.map(|o| o.0))
}

/// Reads a whole number from 0 up that fits in 32 bits, with messages that
/// say so ("must be a whole number, not 1.5").
fn whole_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    struct WholeVisitor;
    impl Visitor<'_> for WholeVisitor {
        type Value = u32;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<u32, E> {
            u32::try_from(n).map_err(|_| E::custom(format_args!("is {n}, more than the largest allowed, {}", u32::MAX)))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<u32, E> {
            match u64::try_from(n) {
                Ok(n) => self.visit_u64(n),
                Err(_) => Err(E::custom(format_args!("is {n}; it must not be negative"))),
            }
        }
    }
    deserializer.deserialize_u32(WholeVisitor)
}

impl RawFlow {
    /// Reads a flow file's JSON text into its raw form, refusing anything
    /// that is not JSON or not shaped like a flow, with the place it fails
    /// and its line and column.
    pub fn parse(text: &str) -> Result<RawFlow, FlowErrors> {
        if text.trim().is_empty() {
            return Err(FlowErrors::syntax("is empty", JsonPath::root(), None));
        }
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let AsObject(flow) = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| shape_error(text, e))?;
        // Anything after the flow's object is an error too.
        deserializer.end().map_err(|e| {
            let at = locate::serde_position(text, &e);
            FlowErrors::syntax(syntax_sentence(&serde_message(&e)), JsonPath::root(), at)
        })?;
        Ok(flow)
    }

    /// Reads a flow file from any serde deserializer, which must hold an
    /// object (as every struct of the format must be).
    pub fn deserialize_object<'de, D: Deserializer<'de>>(deserializer: D) -> Result<RawFlow, D::Error> {
        AsObject::deserialize(deserializer).map(|flow| flow.0)
    }

    /// The file as JSON, pretty-printed with two-space indentation.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain strings, numbers and lists cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Turns serde's error into one of ours: the path, a sentence, the position.
fn shape_error(text: &str, error: serde_path_to_error::Error<serde_json::Error>) -> FlowErrors {
    let path = JsonPath(
        error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
                serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
                serde_path_to_error::Segment::Enum { variant } => Some(Segment::Key(variant.clone())),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect(),
    );
    let inner = error.into_inner();
    let syntax = inner.is_syntax() || inner.is_eof();
    let message = serde_message(&inner);
    if syntax {
        let at = locate::serde_position(text, &inner);
        return FlowErrors::syntax(syntax_sentence(&message), JsonPath::root(), at);
    }
    // Problems with an object's fields are said of the object; a field it
    // should not have, or has twice, is shown at its key, where serde met it.
    let mut shown = path.clone();
    let unknown = message.starts_with("unknown field ");
    if unknown {
        shown.0.pop();
    }
    let at = if unknown || message.starts_with("duplicate field ") || message.starts_with("has the key ") {
        locate::serde_key_position(text, &inner)
    } else {
        locate::locate(text, &path)
    };
    let at = at.or_else(|| locate::serde_position(text, &inner));
    FlowErrors::syntax(sentence(&message), shown, at)
}

/// serde_json's message without the " at line L column C" it appends.
fn serde_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_owned()
}

/// serde's messages, reworded for a person who writes flow files.
fn sentence(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, wanted)) = rest.split_once(", expected ") {
            return format!("must be {}, not {}", kind_name(wanted), value_name(found));
        }
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(", expected").next().unwrap_or(rest);
        let known = rest
            .split_once("expected one of ")
            .or_else(|| rest.split_once("expected "))
            .map(|(_, known)| known);
        return match known {
            Some(known) => format!("has an unknown field {field} (a field here is one of {known})"),
            None => format!("has an unknown field {field}"),
        };
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("is missing the field {field}");
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return format!("has the field {field} twice");
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        return format!("has the wrong length ({rest})");
    }
    message.to_owned()
}

/// serde_json's syntax messages as sentences about the file.
fn syntax_sentence(message: &str) -> String {
    let text = match message {
        "EOF while parsing a value" | "EOF while parsing a list" | "EOF while parsing an object" => {
            "it ends before its last list or object is closed"
        }
        "EOF while parsing a string" => "a string is not closed before the file ends",
        "expected `,` or `]`" => "expected `,` or `]` after a list item",
        "expected `,` or `}`" => "expected `,` or `}` after a field",
        "expected `:`" => "expected `:` after a field name",
        "expected value" => "expected a value (text, a number, a list, an object, true, false or null)",
        "key must be a string" => "a field name must be text in double quotes",
        "trailing comma" => "a comma must not follow the last item (JSON has no trailing commas)",
        "trailing characters" => "there is more after the flow's closing `}`",
        "invalid number" => "a number is not written as JSON allows (no leading zeros, no `+`)",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" | "invalid unicode code point" => {
            "a `\\u` escape is not a whole character (lone surrogate)"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a string holds a line break or control character; write it as `\\n` or `\\u00XX`"
        }
        "recursion limit exceeded" => "the JSON nests too deeply",
        other => return format!("is not valid JSON: {other}"),
    };
    format!("is not valid JSON: {text}")
}

/// serde's name of what it expected, in our words.
fn kind_name(wanted: &str) -> String {
    match wanted {
        "a string" => "text".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "an object".to_owned(),
        w if w.starts_with("struct ") => "an object".to_owned(),
        w => w.to_owned(),
    }
}

/// serde's name of what it found (`integer \`3\``), in our words.
fn value_name(found: &str) -> String {
    let quoted = |prefix: &str| found.strip_prefix(prefix).map(|v| v.trim_matches('`').to_owned());
    if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {n}");
    }
    if let Some(b) = quoted("boolean ") {
        return b;
    }
    if let Some(s) = found.strip_prefix("string") {
        // serde quotes the text with `Debug`, which the widget's release
        // build leaves out (see scripts/lib.sh): then the text is unnamed.
        return match s.trim() {
            "" => "text".to_owned(),
            s => format!("the text {s}"),
        };
    }
    match found {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        f => f.to_owned(),
    }
}
