//! Errors found while validating a flow file, written for the flow's author.

use std::fmt;

/// What is wrong with a flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlowErrorKind {
    /// The file declares a format this build does not read.
    UnsupportedFormat { found: u32 },
    /// The flow, a question or an outcome has an id that is not of the form
    /// `lowercase-words-and-digits`.
    BadId { id: String },
    /// A reason's `section` is not usable as an anchor id on the page.
    BadSection { section: String },
    /// A required text is empty.
    EmptyText { field: &'static str },
    /// Two nodes share an id.
    DuplicateId,
    /// `start` names no question or outcome.
    UnknownStart { target: String },
    /// An answer leads to an id that is neither a question nor an outcome.
    UnknownTarget { answer: &'static str, target: String },
    /// A question lacks one of its two answers.
    MissingAnswer { answer: &'static str },
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
    /// The file is not a flow at all (not JSON, or the wrong shape).
    Syntax { message: String },
}

/// One problem in a flow file, with the node it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowError {
    /// What is wrong.
    pub kind: FlowErrorKind,
    /// Where: `question \`x\``, `outcome \`y\`` or `flow`.
    pub place: Place,
}

/// The part of a flow file an error is about.
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

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.place)?;
        match &self.kind {
            FlowErrorKind::UnsupportedFormat { found } => write!(
                f,
                "format {found} is not supported (this widget reads format {})",
                super::format::FORMAT_VERSION
            ),
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
            FlowErrorKind::DuplicateId => f.write_str("this id is used by another node too"),
            FlowErrorKind::UnknownStart { target } => {
                write!(f, "`start` names unknown node `{target}`")
            }
            FlowErrorKind::UnknownTarget { answer, target } => {
                write!(f, "answer `{answer}` leads to unknown node `{target}`")
            }
            FlowErrorKind::MissingAnswer { answer } => {
                write!(f, "answer `{answer}` is missing; a question needs both `yes` and `no`")
            }
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
            FlowErrorKind::Syntax { message } => write!(f, "not a valid flow file: {message}"),
        }
    }
}

impl std::error::Error for FlowError {}

/// Every problem found in one flow file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowErrors(pub Vec<FlowError>);

impl FlowErrors {
    /// A single error about the file as a whole, such as a JSON syntax error.
    pub fn syntax(message: impl Into<String>) -> FlowErrors {
        FlowErrors(vec![FlowError {
            kind: FlowErrorKind::Syntax {
                message: message.into(),
            },
            place: Place::Flow,
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
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FlowErrors {}
