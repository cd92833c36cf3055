//! The flow file format, exactly as authors write it.
//!
//! These types mirror the JSON one to one and check nothing beyond its
//! shape: fields an author may forget are `Option`s, so that a missing answer
//! becomes our own error naming the question instead of a parser message.
//! `Flow::try_from` turns a `RawFlow` into the validated model.

use serde::Deserialize;

/// The only file format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A flow file: metadata, questions and outcomes.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
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
    #[serde(default)]
    pub intro: Option<String>,
    /// Id of the first question.
    pub start: String,
    /// Advice shown with every outcome.
    #[serde(default)]
    pub practice: Option<RawNote>,
    /// The questions, in the order an author reads them.
    pub questions: Vec<RawQuestion>,
    /// The outcomes a path can end in.
    pub outcomes: Vec<RawOutcome>,
}

/// A yes/no question.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable id, unique among questions and outcomes.
    pub id: String,
    /// Short text for the chart; defaults to `text`.
    #[serde(default)]
    pub label: Option<String>,
    /// The question as the reader sees it.
    pub text: String,
    /// Optional hint below the question.
    #[serde(default)]
    pub help: Option<String>,
    /// Id of the node a "yes" leads to.
    #[serde(default)]
    pub yes: Option<String>,
    /// Id of the node a "no" leads to.
    #[serde(default)]
    pub no: Option<String>,
}

/// An outcome: a recommendation with its reasons.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    /// Stable id, unique among questions and outcomes.
    pub id: String,
    /// Short text for the chart; defaults to `title`.
    #[serde(default)]
    pub label: Option<String>,
    /// The recommendation's headline.
    pub title: String,
    /// One sentence on what to build.
    #[serde(default)]
    pub summary: Option<String>,
    /// Why this outcome fits, each optionally tied to an article section.
    #[serde(default)]
    pub reasons: Vec<RawNote>,
}

/// A sentence, optionally tied to a section of the article by its anchor id.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    /// The sentence.
    pub text: String,
    /// Anchor id of the article section it comes from, without `#`.
    #[serde(default)]
    pub section: Option<String>,
}
