//! Share links: the decision in a short, readable URL fragment.
//!
//! A link names the flow, the flow's version and the answers by question id,
//! in path order: `y` or `n` for a yes/no question, the choice's id for a
//! question with several choices:
//!
//! ```text
//! dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y
//! dw1/picking-a-database@1/data-shape=documents/scale=millions/hosting=managed
//! ```
//!
//! `dw1` is the link format. Every link ever issued keeps opening, so reading
//! one never fails hard: [`decode`] turns any text into the best
//! [`LinkState`] it can plus a list of [`LinkIssue`]s, and [`restore`] fits
//! that state to a flow, reporting what it could not use. Fragments that are
//! not widget links at all (a section anchor such as `#build-rag-first`) are
//! ignored without a word, because they belong to the article.
//!
//! Nothing a link contains is ever echoed back raw: issues quote at most a
//! short excerpt of id-safe characters.

use std::borrow::Cow;
use std::fmt;

use super::decision::Decision;
use super::model::{is_valid_id, Answer, ChoiceId, Flow, FlowId, NodeId, NodeIx, Question};
use super::walk::Walk;
use super::words::Words;

/// The link format this build writes and reads.
pub const FORMAT: u32 = 1;

/// Longest fragment read; longer input is cut to this before any work.
pub const MAX_LINK_LEN: usize = 2048;

/// Longest excerpt of a link an issue quotes.
pub const MAX_EXCERPT_LEN: usize = 40;

/// Most issues one call reports; the rest are counted in [`LinkIssue::More`].
pub const MAX_ISSUES: usize = 10;

/// What a link says, read but not yet fitted to a flow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkState {
    /// The flow's id, unless it could not be read.
    pub flow: Option<FlowId>,
    /// The flow version the link was made with, if it could be read.
    pub flow_version: Option<u32>,
    /// Answers by question id in link order, each question id valid and
    /// given once; each answer as written (`y`, `no`, a choice id), an id.
    pub answers: Vec<(NodeId, ChoiceId)>,
    /// The link format, such as 1 for `dw1/…`.
    pub format: u32,
}

/// Whether `c` may appear in an [`Excerpt`]: it needs no escaping anywhere.
fn is_excerpt_char(c: &char) -> bool {
    c.is_ascii_alphanumeric() || *c == '-'
}

/// A short, sanitised piece of a link, safe to show: only ASCII letters,
/// digits and hyphens, at most [`MAX_EXCERPT_LEN`] of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Excerpt(String);

impl Excerpt {
    /// The id-safe characters of `raw`, cut to [`MAX_EXCERPT_LEN`].
    pub fn of(raw: &str) -> Excerpt {
        Excerpt(raw.chars().filter(is_excerpt_char).take(MAX_EXCERPT_LEN).collect())
    }

    /// The excerpt's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Something a link said that could not be used as it stands.
///
/// Each has a short sentence for the reader, in any language
/// ([`LinkIssue::describe`]; `Display` gives the English one). Ids held here are
/// valid ids (`model::is_valid_id`); any other text is an [`Excerpt`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkIssue {
    /// The link was longer than [`MAX_LINK_LEN`]; its end was dropped.
    Truncated,
    /// The link is in a format this build does not read, such as `dw9/…`.
    UnsupportedFormat { format: u32 },
    /// A `%`-escape was malformed or did not decode to text.
    BadEscape,
    /// The link does not name its flow.
    MissingFlow,
    /// The flow's id is not a valid id.
    BadFlowId { excerpt: Excerpt },
    /// The flow's id has no `@version` after it.
    MissingVersion,
    /// The version after `@` is not a number from 1 up.
    BadVersion { excerpt: Excerpt },
    /// A part of the link is neither `question=answer` nor a question id.
    Unreadable { excerpt: Excerpt },
    /// An answer's question id is not a valid id.
    BadQuestionId { excerpt: Excerpt },
    /// A question id with no `=answer` after it.
    MissingAnswer { question: String },
    /// An answer to a yes/no question other than `y`, `n`, `yes` or `no`,
    /// or an answer that is not an id at all.
    BadAnswer { question: String, excerpt: Excerpt },
    /// An answer naming a choice the question does not have (any more).
    UnknownChoice { question: String, choice: String },
    /// A question answered again; the first answer was kept.
    DuplicateAnswer { question: String },
    /// The link is for another flow; nothing was restored.
    DifferentFlow { flow: String },
    /// The link was made with another version of the flow. `reset_from` is
    /// the question, counted from 1 along the path, where the walk stopped
    /// with link answers still unused.
    VersionChanged {
        link: u32,
        current: u32,
        reset_from: Option<u32>,
    },
    /// The flow has no question with this id.
    UnknownQuestion { question: String },
    /// An answer to a question the path does not pass: it contradicts the
    /// earlier answers and was ignored.
    OffPath { question: String },
    /// The link has no answer for this question (counted from 1 along the
    /// path), so the answers after it were not used.
    AnswersReset { from_step: u32 },
    /// More issues than [`MAX_ISSUES`]; this many were not listed.
    More { count: u32 },
}

/// “text” for a reader, in the language's quotation marks: sanitised and
/// shortened like an [`Excerpt`] even when `text` is an id, so no message
/// can carry markup.
fn quote(words: &Words, text: &str) -> String {
    let mut safe: String = text.chars().filter(is_excerpt_char).take(MAX_EXCERPT_LEN).collect();
    if text.chars().filter(is_excerpt_char).nth(MAX_EXCERPT_LEN).is_some() {
        safe.push('…');
    }
    words.quote(&safe)
}

/// ` (“excerpt”)` when there is anything to quote.
fn excerpt(words: &Words, excerpt: &Excerpt) -> String {
    match excerpt.as_str().is_empty() {
        true => String::new(),
        false => words.fill("link-excerpt", &[("text", &quote(words, excerpt.as_str()))]),
    }
}

impl LinkIssue {
    /// The issue in a short sentence for the reader, in `words`.
    pub fn describe(&self, words: &Words) -> String {
        let number = |n: u32| words.number(n);
        let question = |q: &str| quote(words, q);
        match self {
            LinkIssue::Truncated => words.fill("link-truncated", &[("max", &number(MAX_LINK_LEN as u32))]),
            LinkIssue::UnsupportedFormat { format } => words.fill(
                if *format > FORMAT {
                    "link-newer-format"
                } else {
                    "link-unknown-format"
                },
                &[("format", &number(*format))],
            ),
            LinkIssue::BadEscape => words.get("link-bad-escape").to_owned(),
            LinkIssue::MissingFlow => words.get("link-missing-flow").to_owned(),
            LinkIssue::BadFlowId { excerpt: e } => words.fill("link-bad-flow", &[("excerpt", &excerpt(words, e))]),
            LinkIssue::MissingVersion => words.get("link-missing-version").to_owned(),
            LinkIssue::BadVersion { excerpt: e } => words.fill("link-bad-version", &[("excerpt", &excerpt(words, e))]),
            LinkIssue::Unreadable { excerpt: e } => words.fill("link-unreadable", &[("excerpt", &excerpt(words, e))]),
            LinkIssue::BadQuestionId { excerpt: e } => {
                words.fill("link-bad-question", &[("excerpt", &excerpt(words, e))])
            }
            LinkIssue::MissingAnswer { question: q } => {
                words.fill("link-missing-answer", &[("question", &question(q))])
            }
            LinkIssue::BadAnswer {
                question: q,
                excerpt: e,
            } if e.as_str().is_empty() => words.fill("link-not-yes-no", &[("question", &question(q))]),
            LinkIssue::BadAnswer {
                question: q,
                excerpt: e,
            } => words.fill(
                "link-bad-answer",
                &[("question", &question(q)), ("answer", &quote(words, e.as_str()))],
            ),
            LinkIssue::UnknownChoice { question: q, choice } => words.fill(
                "link-unknown-choice",
                &[("question", &question(q)), ("answer", &quote(words, choice))],
            ),
            LinkIssue::DuplicateAnswer { question: q } => words.fill("link-duplicate", &[("question", &question(q))]),
            LinkIssue::DifferentFlow { flow } => words.fill("link-other-flow", &[("flow", &quote(words, flow))]),
            LinkIssue::VersionChanged {
                link,
                current,
                reset_from,
            } => {
                let key = match (link < current, reset_from.is_some()) {
                    (true, false) => "link-older-version",
                    (false, false) => "link-newer-version",
                    (true, true) => "link-older-version-reset",
                    (false, true) => "link-newer-version-reset",
                };
                let step = reset_from.map(number).unwrap_or_default();
                words.fill(key, &[("version", &number(*link)), ("step", &step)])
            }
            LinkIssue::UnknownQuestion { question: q } => {
                words.fill("link-unknown-question", &[("question", &question(q))])
            }
            LinkIssue::OffPath { question: q } => words.fill("link-off-path", &[("question", &question(q))]),
            LinkIssue::AnswersReset { from_step } => words.fill("link-reset", &[("step", &number(*from_step))]),
            LinkIssue::More { count } => words.count("link-more", *count, &[]),
        }
    }
}

impl fmt::Display for LinkIssue {
    /// The issue in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&Words::default()))
    }
}

impl std::error::Error for LinkIssue {}

/// Issues of one call, without repeats and capped at [`MAX_ISSUES`].
#[derive(Default)]
struct Issues {
    listed: Vec<LinkIssue>,
    more: u32,
}

impl Issues {
    fn push(&mut self, issue: LinkIssue) {
        if self.listed.contains(&issue) {
            return;
        }
        if self.listed.len() < MAX_ISSUES {
            self.listed.push(issue);
        } else {
            self.more = self.more.saturating_add(1);
        }
    }

    fn into_vec(mut self) -> Vec<LinkIssue> {
        if self.more > 0 {
            self.listed.push(LinkIssue::More { count: self.more });
        }
        self.listed
    }
}

/// The fragment (without `#`) that reopens `walk` through `flow`.
///
/// `walk` must come from `flow`. A link longer than [`MAX_LINK_LEN`] (only
/// possible for flows with very long paths of long ids) reopens the part of
/// the path that fits, with [`LinkIssue::Truncated`].
pub fn encode(flow: &Flow, walk: &Walk) -> String {
    let mut out = format!("dw{FORMAT}/{}@{}", flow.id(), flow.version());
    for step in &walk.steps {
        let Some(question) = flow.question(step.question) else {
            continue;
        };
        out.push('/');
        out.push_str(flow.node(step.question).id.as_str());
        out.push('=');
        out.push_str(&answer_code(question, step.answer));
    }
    out
}

/// How a link writes an answer: `y` or `n` on a yes/no question (as every
/// link has since the first), the choice's id otherwise.
fn answer_code(question: &Question, answer: Answer) -> String {
    match (question.is_yes_no(), answer) {
        (true, Answer::YES) => "y".to_owned(),
        (true, Answer::NO) => "n".to_owned(),
        _ => question
            .choice(answer)
            .map_or_else(String::new, |c| c.id.as_str().to_owned()),
    }
}

/// The answer a link's `value` gives to `question`: on a yes/no question
/// `y`, `n`, `yes` or `no`; otherwise the id of one of its choices (with
/// `y` and `n` standing for choices named `yes` and `no`).
fn read_answer_value(question: &Question, value: &str) -> Option<Answer> {
    let long = match value {
        "y" => "yes",
        "n" => "no",
        other => other,
    };
    question.find(value).or_else(|| question.find(long))
}

/// Splits `dw<digits>/` off the start of `fragment` (after an optional
/// `#`): the format number, saturated at `u32::MAX`, and the rest.
fn split_prefix(fragment: &str) -> Option<(u32, &str)> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    let after = text.strip_prefix("dw")?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || after.as_bytes().get(digits) != Some(&b'/') {
        return None;
    }
    let format = after.as_bytes()[..digits]
        .iter()
        .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(u32::from(d - b'0')));
    Some((format, &after[digits + 1..]))
}

/// Whether `fragment` (with or without a leading `#`) is a widget link of
/// any format: `dw`, one or more digits, then `/`. Anything else, such as a
/// section anchor, belongs to the page.
pub fn is_widget_link(fragment: &str) -> bool {
    split_prefix(fragment).is_some()
}

/// The value of an ASCII hex digit.
fn hex(b: u8) -> Option<u8> {
    char::from(b).to_digit(16).map(|d| d as u8)
}

/// Decodes `%XX` escapes. A malformed escape is kept as written and bytes
/// that are not UTF-8 become U+FFFD; either sets the returned flag.
fn percent_decode(text: &str) -> (Cow<'_, str>, bool) {
    if !text.contains('%') {
        return (Cow::Borrowed(text), false);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut bad = false;
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1).copied(), bytes.get(i + 2).copied()) {
            (b'%', Some(hi), Some(lo)) => hex(hi).zip(hex(lo)).map(|(hi, lo)| (hi << 4) | lo),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                bad |= bytes[i] == b'%';
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(text) => (Cow::Owned(text), bad),
        Err(e) => (Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()), true),
    }
}

/// Reads a flow version: decimal digits for a number from 1 up.
fn parse_version(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|&v| v > 0)
}

/// Reads the `<flow-id>@<version>` part into `state`.
fn read_flow(part: &str, state: &mut LinkState, issues: &mut Issues) {
    let (id, version) = match part.split_once('@') {
        Some((id, version)) => (id, Some(version)),
        None => (part, None),
    };
    if is_valid_id(id) {
        state.flow = Some(FlowId::from(id));
    } else {
        issues.push(LinkIssue::BadFlowId {
            excerpt: Excerpt::of(id),
        });
    }
    match version {
        None => issues.push(LinkIssue::MissingVersion),
        Some(text) => match parse_version(text) {
            Some(v) => state.flow_version = Some(v),
            None => issues.push(LinkIssue::BadVersion {
                excerpt: Excerpt::of(text),
            }),
        },
    }
}

/// Reads one `<question-id>=<answer>` part into `state`.
fn read_answer(part: &str, state: &mut LinkState, issues: &mut Issues) {
    let Some((id, value)) = part.split_once('=') else {
        issues.push(if is_valid_id(part) {
            LinkIssue::MissingAnswer {
                question: part.to_owned(),
            }
        } else {
            LinkIssue::Unreadable {
                excerpt: Excerpt::of(part),
            }
        });
        return;
    };
    if !is_valid_id(id) {
        issues.push(LinkIssue::BadQuestionId {
            excerpt: Excerpt::of(id),
        });
        return;
    }
    // Which answers a question takes depends on the flow; here an answer
    // only has to be an id (`y`, `no`, `weekly`).
    if !is_valid_id(value) {
        issues.push(LinkIssue::BadAnswer {
            question: id.to_owned(),
            excerpt: Excerpt::of(value),
        });
        return;
    }
    if state.answers.iter().any(|(seen, _)| *seen == *id) {
        issues.push(LinkIssue::DuplicateAnswer {
            question: id.to_owned(),
        });
        return;
    }
    state.answers.push((NodeId::from(id), ChoiceId::from(value)));
}

/// Reads a fragment, with or without its leading `#`, into the best state
/// it can, never failing hard.
///
/// Returns `None` with no issues for text that is not a widget link at all,
/// so section anchors are ignored silently; `None` with an issue for a link
/// in a format this build does not read. Otherwise every readable part is
/// kept and every unreadable one is skipped with an issue.
pub fn decode(fragment: &str) -> (Option<LinkState>, Vec<LinkIssue>) {
    let mut issues = Issues::default();

    // Cut first, at a character boundary, so no later step sees more.
    let truncated = fragment.len() > MAX_LINK_LEN;
    let fragment = &fragment[..fragment.floor_char_boundary(MAX_LINK_LEN)];

    let Some((format, mut rest)) = split_prefix(fragment) else {
        return (None, Vec::new());
    };
    if format != FORMAT {
        issues.push(LinkIssue::UnsupportedFormat { format });
        return (None, issues.into_vec());
    }
    if truncated {
        issues.push(LinkIssue::Truncated);
        // The last part was cut somewhere inside; drop it whole.
        rest = rest.rfind('/').map_or("", |end| &rest[..end]);
    }

    let (text, bad_escape) = percent_decode(rest);
    if bad_escape {
        issues.push(LinkIssue::BadEscape);
    }

    let mut state = LinkState {
        format,
        ..LinkState::default()
    };
    // Surrounding spaces are trimmed and empty parts skipped: both come from
    // copying and pasting, not from anything that changes the meaning.
    let mut parts = text.split('/').map(str::trim).filter(|p| !p.is_empty()).peekable();
    match parts.peek() {
        // A link that lost its flow part but still has answers.
        Some(first) if first.contains('=') && !first.contains('@') => issues.push(LinkIssue::MissingFlow),
        Some(first) => {
            read_flow(first, &mut state, &mut issues);
            parts.next();
        }
        None => issues.push(LinkIssue::MissingFlow),
    }
    for part in parts {
        read_answer(part, &mut state, &mut issues);
    }
    (Some(state), issues.into_vec())
}

/// Fits a decoded link to `flow`: walks from the start, taking the link's
/// answer to each question on the path, and stops at the first question the
/// link does not answer.
///
/// A link for another flow restores nothing. A link whose flow id could not
/// be read is tried anyway. Answers that the walk did not use are reported:
/// unknown ids, answers that contradict the path, and answers lost because a
/// question before them was unanswered or the flow's version changed.
pub fn restore(flow: &Flow, state: &LinkState) -> (Decision, Vec<LinkIssue>) {
    let mut issues = Issues::default();
    if let Some(other) = state.flow.as_ref().filter(|id| *id != flow.id()) {
        issues.push(LinkIssue::DifferentFlow {
            flow: other.to_string(),
        });
        return (Decision::default(), issues.into_vec());
    }

    // An answer that names no choice of its question is dropped and said
    // first, in link order, whether or not the path passes its question.
    let fitted: Vec<Option<Answer>> = state
        .answers
        .iter()
        .map(|(id, value)| {
            let question = flow.find(id.as_str()).and_then(|ix| flow.question(ix))?;
            let answer = read_answer_value(question, value.as_str());
            if answer.is_none() {
                issues.push(misfit(question, id.as_str(), value.as_str()));
            }
            answer
        })
        .collect();

    let mut used = vec![false; state.answers.len()];
    let mut path: Vec<NodeIx> = Vec::new();
    let mut answers = Vec::new();
    let mut at = flow.start();
    let stopped_at = loop {
        let node = flow.node(at);
        let Some(question) = node.question() else {
            break None;
        };
        let Some(i) = state.answers.iter().position(|(id, _)| id == node.id.as_str()) else {
            break Some(at);
        };
        used[i] = true;
        let Some((answer, next)) = fitted[i].and_then(|a| Some((a, question.next(a)?))) else {
            break Some(at);
        };
        path.push(at);
        answers.push(answer);
        at = next;
    };

    // Sort the other answers: those the open question could still reach
    // were reset; the rest are unknown or contradict the path.
    let reachable = match stopped_at {
        Some(q) if used.contains(&false) => Some(flow.reachable_from(q)),
        _ => None,
    };
    let mut reset = false;
    let mut unused = Vec::new();
    for (i, (id, _)) in state.answers.iter().enumerate() {
        let question = id.to_string();
        let ix = flow.find(id.as_str()).filter(|&ix| flow.question(ix).is_some());
        match (ix, used[i], fitted[i]) {
            (None, _, _) => unused.push(LinkIssue::UnknownQuestion { question }),
            // Used by the walk, or already said not to fit.
            (_, true, _) | (_, _, None) => {}
            (Some(ix), false, Some(_)) if path.contains(&ix) => unused.push(LinkIssue::DuplicateAnswer { question }),
            (Some(ix), false, Some(_)) if reachable.as_ref().is_some_and(|r| r[ix.get()]) => reset = true,
            (Some(_), false, Some(_)) => unused.push(LinkIssue::OffPath { question }),
        }
    }

    let step = u32::try_from(answers.len()).unwrap_or(u32::MAX).saturating_add(1);
    let reset_from = reset.then_some(step);
    match state.flow_version {
        Some(link) if link != flow.version() => issues.push(LinkIssue::VersionChanged {
            link,
            current: flow.version(),
            reset_from,
        }),
        _ => {
            if let Some(from_step) = reset_from {
                issues.push(LinkIssue::AnswersReset { from_step });
            }
        }
    }
    for issue in unused {
        issues.push(issue);
    }
    (Decision::new(flow, &answers), issues.into_vec())
}

/// Why `value` cannot be an answer to `question` (with id `id`).
fn misfit(question: &Question, id: &str, value: &str) -> LinkIssue {
    match question.is_yes_no() {
        true => LinkIssue::BadAnswer {
            question: id.to_owned(),
            excerpt: Excerpt::of(value),
        },
        false => LinkIssue::UnknownChoice {
            question: id.to_owned(),
            choice: value.to_owned(),
        },
    }
}

/// A decoding issue as said of `flow`. An answer that is not even an id
/// (`Tables`, markup) is reported before the flow is known, as one that is
/// not yes or no; to a question with choices it is one that names none of
/// them.
pub fn fit_issue(flow: &Flow, issue: LinkIssue) -> LinkIssue {
    match issue {
        LinkIssue::BadAnswer { question, excerpt }
            if !excerpt.as_str().is_empty()
                && flow
                    .find(&question)
                    .and_then(|ix| flow.question(ix))
                    .is_some_and(|q| !q.is_yes_no()) =>
        {
            LinkIssue::UnknownChoice {
                question,
                choice: excerpt.as_str().to_owned(),
            }
        }
        issue => issue,
    }
}

/// Decodes `fragment` and restores it in `flow`, with the issues of both
/// (decoding's fitted to the flow, see [`fit_issue`]).
///
/// `None` when the fragment is not a widget link at all, so the caller
/// leaves the decision alone; a link that cannot be opened gives the empty
/// decision and says why.
pub fn open(flow: &Flow, fragment: &str) -> Option<(Decision, Vec<LinkIssue>)> {
    match decode(fragment) {
        (None, issues) if issues.is_empty() => None,
        (None, issues) => Some((Decision::default(), issues)),
        (Some(state), issues) => {
            let mut issues: Vec<LinkIssue> = issues.into_iter().map(|issue| fit_issue(flow, issue)).collect();
            let (decision, more) = restore(flow, &state);
            issues.extend(more);
            Some((decision, issues))
        }
    }
}
