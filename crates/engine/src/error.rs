//! Problems found in a flow file, written for the flow's author.
//!
//! Every problem says what is wrong (a [`FlowErrorKind`]), which node it is
//! about ([`Place`]), where in the file it is (a [`JsonPath`] such as
//! `questions[2].yes`) and, once located in the file's text, its line and
//! column. The widget, the command line and the editor all show these.

use std::fmt;

/// The file format versions this build reads.
pub const FORMATS: [u32; 2] = [1, 2];

/// What is wrong with a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowErrorKind {
    /// The file declares a format this build does not read.
    UnsupportedFormat { found: u32 },
    /// A field that only format 2 files may have, in a format 1 file.
    NeedsFormat2 { field: &'static str },
    /// The flow, a question, a choice or an outcome has an id that is not
    /// of the form `lowercase-words-and-digits`.
    BadId { id: String },
    /// A reason's `section` is not usable as an anchor id on the page.
    BadSection { section: String },
    /// A required text is empty.
    EmptyText { field: &'static str },
    /// A choice's label is empty.
    EmptyChoiceLabel { choice: String },
    /// A word in `labels` is empty.
    EmptyLabel { key: String },
    /// Two nodes share an id.
    DuplicateId,
    /// Two choices of one question share an id.
    DuplicateChoice { choice: String },
    /// `start` names no question or outcome.
    UnknownStart { target: String },
    /// An answer leads to an id that is neither a question nor an outcome.
    UnknownTarget { choice: String, target: String },
    /// A yes/no question lacks one of its two answers.
    MissingAnswer { answer: &'static str },
    /// A question has neither `yes`/`no` nor `choices`.
    NoChoices,
    /// A question has both `yes`/`no` and `choices`.
    MixedChoices,
    /// A question offers fewer than two or more than eight choices.
    ChoiceCount { count: usize },
    /// A question answers to itself or loops back; `through` lists the loop.
    Cycle { through: Vec<String> },
    /// No outcome can be reached from this question.
    NeverEnds,
    /// No path from the start reaches this node.
    Unreachable,
    /// The flow has no outcome at all.
    NoOutcomes,
    /// The flow has more nodes than the widget draws.
    TooManyNodes { count: usize, max: usize },
    /// The version must be 1 or more.
    BadVersion,
    /// `lang` is not a language tag such as `en` or `pt-BR`.
    BadLang { lang: String },
    /// `labels` has a key that names none of the widget's words.
    UnknownLabel { key: String },
    /// A text in `labels` has a placeholder, such as `{count}`, that the
    /// word it replaces does not fill.
    UnknownPlaceholder { key: String, placeholder: String },
    /// The file is not a flow at all: not JSON, or not shaped like a flow.
    /// `message` is a sentence about the place named by the error's path.
    Syntax { message: String },
}

/// The part of a flow an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The flow as a whole or its metadata.
    Flow,
    /// The question with this id.
    Question(String),
    /// The outcome with this id.
    Outcome(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Flow => f.write_str("flow"),
            Place::Question(id) => write!(f, "question `{id}`"),
            Place::Outcome(id) => write!(f, "outcome `{id}`"),
        }
    }
}

/// One step of a [`JsonPath`]: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A key of an object.
    Key(String),
    /// A position in an array, from 0.
    Index(usize),
}

/// Where a value sits in a JSON document, written like `questions[2].yes`;
/// empty for the document itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<Segment>);

impl JsonPath {
    /// The path of the document itself.
    pub fn root() -> JsonPath {
        JsonPath::default()
    }

    /// This path with `key` after it.
    pub fn key(&self, key: &str) -> JsonPath {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path with `[index]` after it.
    pub fn index(&self, index: usize) -> JsonPath {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// Whether this is the document itself.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A line and column in a flow file's text, both from 1; the column counts
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The line, from 1.
    pub line: u32,
    /// The character on the line, from 1.
    pub column: u32,
}

/// One problem in a flow file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    /// What is wrong.
    pub kind: FlowErrorKind,
    /// Which node it is about.
    pub place: Place,
    /// Where in the file: the value at fault.
    pub path: JsonPath,
    /// Where that value starts in the file's text, once looked up.
    pub at: Option<Location>,
}

impl FlowError {
    /// A problem with `kind` about `place`, at `path`, not yet located.
    pub fn new(kind: FlowErrorKind, place: Place, path: JsonPath) -> FlowError {
        FlowError {
            kind,
            place,
            path,
            at: None,
        }
    }

    /// The problem in a sentence, without the node it is about (which
    /// [`FlowError::place`] names): what the editor lists beside the node.
    pub fn detail(&self) -> String {
        Detail(self).to_string()
    }

    /// The node the problem is about, as the messages name it (`question
    /// \`style\``), or `None` for the file as a whole.
    pub fn node(&self) -> Option<String> {
        match (&self.kind, &self.place) {
            (FlowErrorKind::Syntax { .. }, _) | (_, Place::Flow) => None,
            (_, place) => Some(place.to_string()),
        }
    }
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !matches!(self.kind, FlowErrorKind::Syntax { .. }) {
            write!(f, "{}: ", self.place)?;
        }
        Detail(self).fmt(f)
    }
}

/// Writes a problem's sentence without its place.
struct Detail<'a>(&'a FlowError);

impl fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        match &error.kind {
            FlowErrorKind::Syntax { message } => match error.path.is_root() {
                true => write!(f, "the file {message}"),
                false => write!(f, "`{}` {message}", error.path),
            },
            FlowErrorKind::UnsupportedFormat { found } => {
                write!(f, "format {found} is not supported (this widget reads formats 1 and 2)")
            }
            FlowErrorKind::NeedsFormat2 { field } => {
                write!(f, "`{field}` needs `\"format\": 2` (this file says format 1)")
            }
            FlowErrorKind::BadId { id } => write!(
                f,
                "id `{id}` must be 1 to {} lowercase letters, digits and inner hyphens",
                super::model::MAX_ID_LEN
            ),
            FlowErrorKind::BadSection { section } => write!(
                f,
                "section `{section}` must be the id of a heading on the article page, without `#` or spaces"
            ),
            FlowErrorKind::EmptyText { field } => write!(f, "`{field}` is empty"),
            FlowErrorKind::EmptyChoiceLabel { choice } => write!(f, "the `label` of choice `{choice}` is empty"),
            FlowErrorKind::EmptyLabel { key } => write!(f, "the word for `{key}` in `labels` is empty"),
            FlowErrorKind::DuplicateId => f.write_str("this id is used by another node too"),
            FlowErrorKind::DuplicateChoice { choice } => {
                write!(f, "choice id `{choice}` is used by another choice of this question too")
            }
            FlowErrorKind::UnknownStart { target } => {
                write!(f, "`start` names unknown node `{target}`")
            }
            FlowErrorKind::UnknownTarget { choice, target } => {
                write!(f, "answer `{choice}` leads to unknown node `{target}`")
            }
            FlowErrorKind::MissingAnswer { answer } => {
                write!(
                    f,
                    "answer `{answer}` is missing; a yes/no question needs both `yes` and `no`"
                )
            }
            FlowErrorKind::NoChoices => f.write_str("has no answers; give it `yes` and `no`, or `choices` (format 2)"),
            FlowErrorKind::MixedChoices => {
                f.write_str("has both `yes`/`no` and `choices`; a question has one or the other")
            }
            FlowErrorKind::ChoiceCount { count } => write!(
                f,
                "has {count} {}; a question offers {} to {}",
                if *count == 1 { "choice" } else { "choices" },
                super::model::MIN_CHOICES,
                super::model::MAX_CHOICES
            ),
            FlowErrorKind::Cycle { through } => {
                write!(f, "answers lead in a circle: {}", through.join(" → "))
            }
            FlowErrorKind::NeverEnds => f.write_str("no outcome can be reached from here"),
            FlowErrorKind::Unreachable => f.write_str("no path from `start` reaches this node"),
            FlowErrorKind::NoOutcomes => f.write_str("there are no outcomes"),
            FlowErrorKind::TooManyNodes { count, max } => {
                write!(f, "{count} questions and outcomes is more than the {max} allowed")
            }
            FlowErrorKind::BadVersion => f.write_str("`version` must be 1 or more"),
            FlowErrorKind::BadLang { lang } => {
                write!(
                    f,
                    "`lang` is `{lang}`, not a language tag such as `en`, `de` or `pt-BR`"
                )
            }
            FlowErrorKind::UnknownLabel { key } => {
                write!(f, "`labels` has `{key}`, which is not one of the widget's words")
            }
            FlowErrorKind::UnknownPlaceholder { key, placeholder } => write!(
                f,
                "`labels.{key}` has `{{{placeholder}}}`, which the word `{key}` does not fill; it would show as written"
            ),
        }
    }
}

impl std::error::Error for FlowError {}

/// Every problem found in one flow file, in the order they appear in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowErrors(pub Vec<FlowError>);

impl FlowErrors {
    /// A single problem with the file as a whole, such as broken JSON.
    pub fn syntax(message: impl Into<String>, path: JsonPath, at: Option<Location>) -> FlowErrors {
        FlowErrors(vec![FlowError {
            kind: FlowErrorKind::Syntax {
                message: message.into(),
            },
            place: Place::Flow,
            path,
            at,
        }])
    }

    /// The kinds of error, for tests and tooling.
    pub fn kinds(&self) -> impl Iterator<Item = &FlowErrorKind> {
        self.0.iter().map(|e| &e.kind)
    }
}

impl fmt::Display for FlowErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            if let Some(at) = e.at {
                write!(f, "line {}, column {}: ", at.line, at.column)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FlowErrors {}
