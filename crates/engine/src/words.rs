//! The widget's own words, by key, in the reader's language: every button,
//! heading, notice and message the widget says, as opposed to the flow's
//! texts, which stay as their author wrote them.
//!
//! English is built in ([`ENGLISH`]); every other language is a [`Table`],
//! a small JSON file (`static/lang/<lang>.json`) that the widget loads on
//! demand, so an English reader downloads nothing more. A flow's `labels`
//! have the same shape as a table's `words` and go over it, so an author can
//! replace any word in any language ("Yep" / "Nope").
//!
//! Keys are stable, documented names (`yes`, `start-over`, …); a flow file
//! that names another key is refused, so a typo never goes unnoticed. A
//! text may hold placeholders such as `{step}`, filled in by
//! [`Words::fill`]. A word that counts something has one text per CLDR
//! plural category, under `key.one`, `key.other` and so on
//! ([`Words::count`]); which category a number takes is the language's
//! rule, given by the caller as [`Rules`] (the browser's `Intl.PluralRules`
//! in the widget, CLDR data natively), since the engine carries no locale
//! data of its own.

use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::format::Labels;
use super::model::{Choice, ChoiceLabel, Flow};

/// The languages the widget speaks: English, built in, and a table in
/// `static/lang/<code>.json` for each of the others. (`static/embed.js`
/// lists them too, to fetch the table while the wasm loads.)
pub const LANGUAGES: &[&str] = &["en", "de", "fr", "es", "pt", "ja", "ar"];

/// The language of [`LANGUAGES`] that speaks for the BCP 47 tag `tag`:
/// the whole tag when it is one, else its language part (`pt-BR` → `pt`,
/// `de-CH` → `de`); `None` for a language the widget does not speak.
pub fn language_for(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let language = tag.split('-').next().unwrap_or_default();
    LANGUAGES
        .iter()
        .copied()
        .find(|l| *l == tag)
        .or_else(|| LANGUAGES.iter().copied().find(|l| *l == language))
}

/// Every key of the widget's words with its English text, in the order the
/// book lists them (`docs/src/languages-keys.md`, which `scripts/book.mjs`
/// writes from this table and `ELSEWHERE`: one entry a line, each group
/// after a `// Group` comment). A counting word has a key per plural
/// category English uses (`.one`, `.other`); other languages add the
/// categories they need.
pub const ENGLISH: &[(&str, &str)] = &[
    // Answering
    ("yes", "Yes"),
    ("no", "No"),
    ("back", "Back"),
    ("start-over", "Start over"),
    ("change", "Change"),
    ("change-answer", "Change your answer to: {question}"),
    ("progress", "Question {step} of at most {total}"),
    ("progress-last", "Question {step} of {total}"),
    ("answers-so-far", "Your answers so far"),
    ("your-answers", "Your answers"),
    ("dismiss", "Dismiss"),
    ("quote", "“{text}”"),
    ("list-comma", ", "),
    ("sentence-gap", " "),
    ("list-or", "{first} or {last}"),
    ("label-colon", "{label}:"),
    // The recommendation
    ("recommendation", "Recommendation"),
    ("announce-outcome", "Recommendation: {title}."),
    ("why", "Why"),
    ("read-section", "Read: {section}"),
    ("what-would-change-it", "What would change it"),
    ("change-you-answered", "You answered {answer} to {question}."),
    ("change-same", "{answers} would lead to the same recommendation."),
    ("change-outcome", "{answers} would lead to {outcome}."),
    ("change-question", "{answers} would lead to the question {question}, which can end in {outcomes}."),
    ("in-practice", "In practice"),
    // Taking it along
    ("copy-link", "Copy link"),
    ("share", "Share…"),
    ("shared", "Shared."),
    ("link-copied", "Link copied. It reopens this decision."),
    ("link-copy-refused", "Your browser did not allow copying. The link is selected below: copy it with Ctrl+C or ⌘C."),
    ("link-field", "Link to this decision"),
    ("export", "Export"),
    ("format-markdown", "Markdown"),
    ("format-json", "JSON"),
    ("format-text", "Plain text"),
    ("format-svg", "Flowchart SVG"),
    ("format-mermaid", "Mermaid"),
    ("hint-markdown", "a decision record for a design doc or pull request"),
    ("hint-json", "the decision as data"),
    ("hint-text", "a short message for chat"),
    ("hint-svg", "the chart with your path"),
    ("hint-mermaid", "the flow as diagram source"),
    ("copy", "Copy"),
    ("download", "Download"),
    ("copy-format", "Copy {format}"),
    ("download-format", "Download {format}"),
    ("print", "Print"),
    ("export-copied", "{format} copied to the clipboard."),
    ("export-copy-refused", "Your browser did not allow copying. The export is selected below: copy it with Ctrl+C or ⌘C."),
    ("export-downloaded", "{format} downloaded as {file}."),
    ("download-refused", "Your browser did not allow the download; use Copy instead."),
    ("export-failed", "The export could not be made: its code did not load. Check your connection and try again."),
    // Saving
    ("save-toggle", "Save"),
    ("save", "Save in this browser"),
    ("title-optional", "Title (optional)"),
    ("note-optional", "Note (optional)"),
    ("title", "Title"),
    ("note", "Note"),
    ("save-changes", "Save changes"),
    ("cancel", "Cancel"),
    ("saved-as", "Saved “{title}”."),
    ("deleted", "Deleted “{title}”."),
    ("restored", "Restored “{title}”."),
    ("renamed", "Renamed to “{title}”."),
    ("undo", "Undo"),
    ("saved-count.one", "{count} saved decision"),
    ("saved-count.other", "{count} saved decisions"),
    ("open", "Open"),
    ("rename", "Rename"),
    ("delete", "Delete"),
    ("open-item", "Open {title}"),
    ("rename-item", "Rename {title}"),
    ("delete-item", "Delete {title}"),
    ("saved-meta", "{outcome} · saved {date}"),
    ("no-recommendation", "No recommendation yet"),
    ("storage-blocked", "Saving is unavailable: this browser blocks storage here. The link still reopens this decision."),
    ("storage-unreadable", "Saved decisions in this browser could not be read, so they are left untouched and saving is off."),
    ("storage-newer", "Saved decisions in this browser were made by a newer version of this widget; they are left untouched and saving is off."),
    ("storage-full", "The list of saved decisions is full; delete one to save another."),
    ("storage-refused", "Could not save: the browser's storage is full or refused the write."),
    // The chart
    ("zoom-in", "Zoom in"),
    ("zoom-out", "Zoom out"),
    ("fit", "Fit"),
    ("show-chart", "Show the flowchart"),
    ("hide-chart", "Hide the flowchart"),
    ("chart-caption", "The whole flowchart. Your path is highlighted; select an answered question to change it."),
    ("chart-help", "Drag or use the arrow keys to move around; pinch, Ctrl + scroll (⌘ + scroll on a Mac) or + and − to zoom; 0 shows it whole."),
    ("chart-answered", "{label} You answered {answer}. Change this answer."),
    ("text-chart", "The flowchart as text"),
    ("questions-in-order", "Questions, in order"),
    ("recommendations", "Recommendations"),
    ("to-question", "question {question}"),
    ("to-outcome", "recommendation: {title}"),
    ("your-answer", "(your answer)"),
    // Share links that could not be restored in full
    ("link-truncated", "This link was longer than {max} characters; its end was cut off and any answers there were dropped."),
    ("link-newer-format", "This link was made by a newer version of the widget (link format {format}), so it could not be opened."),
    ("link-unknown-format", "This link is in a format the widget does not know (link format {format}), so it could not be opened."),
    ("link-bad-escape", "Part of this link was garbled (a broken %-escape) and could not be read."),
    ("link-missing-flow", "This link does not say which flow it is for."),
    ("link-excerpt", " ({text})"),
    ("link-bad-flow", "This link names its flow in a way that cannot be read{excerpt}."),
    ("link-missing-version", "This link does not say which version of the flow it was made with."),
    ("link-bad-version", "This link gives a flow version that cannot be read{excerpt}."),
    ("link-unreadable", "Part of this link could not be read as an answer{excerpt} and was skipped."),
    ("link-bad-question", "An answer in this link is for a question whose id cannot be read{excerpt}; it was skipped."),
    ("link-missing-answer", "This link names question {question} without an answer; it was skipped."),
    ("link-not-yes-no", "This link's answer to {question} is not yes or no; it was skipped."),
    ("link-bad-answer", "This link's answer to {question} is {answer} rather than yes or no; it was skipped."),
    ("link-unknown-choice", "This link's answer to {question} is {answer}, which is not one of its choices; it was dropped."),
    ("link-duplicate", "This link answers {question} more than once; only the first answer was used."),
    ("link-other-flow", "This link is for a different flow ({flow}), so it was not opened here."),
    ("link-older-version", "This link was made with an older version of this flow (version {version})."),
    ("link-newer-version", "This link was made with a newer version of this flow (version {version})."),
    ("link-older-version-reset", "This link was made with an older version of this flow (version {version}); answers from question {step} on were reset."),
    ("link-newer-version-reset", "This link was made with a newer version of this flow (version {version}); answers from question {step} on were reset."),
    ("link-unknown-question", "This flow has no question {question}; the link's answer to it was ignored."),
    ("link-off-path", "This link's answer to {question} does not fit its other answers and was ignored."),
    ("link-reset", "This link has no answer for question {step}, so answers from question {step} on were reset."),
    ("link-more.one", "This link has {count} more problem not listed here."),
    ("link-more.other", "This link has {count} more problems not listed here."),
    // When the flow cannot be shown
    ("error-title", "This decision flow could not be shown"),
    ("error-no-builtin", "There is no built-in flow named “{name}”. The built-in flow is “{builtin}”."),
    ("error-problems", "The flow {source} has problems:"),
    ("error-inline-problems", "The flow written in this page has problems:"),
];

/// The English of a word the widget itself never says, written by the
/// engine's tools (exports, the outline for readers without JavaScript) or
/// by `embed.js` before the wasm runs (which keeps its own English copy,
/// tests/words.rs checks it): the text everywhere else, nothing in the
/// widget's wasm, which needs only the key (to check a flow's labels).
/// About 0.9 KiB brotli of the widget, which turns on the engine's
/// `lean-english` feature.
macro_rules! elsewhere {
    ($text:literal) => {
        if cfg!(all(target_arch = "wasm32", feature = "lean-english")) {
            ""
        } else {
            $text
        }
    };
}

/// The words the widget never says itself (see `elsewhere!`), after
/// [`ENGLISH`]'s: the errors `embed.js` gives before the wasm runs, the
/// outline's, the exports'.
const ELSEWHERE: &[(&str, &str)] = &[
    ("outline-title", elsewhere!("The flow as text: {title}")),
    ("outline-intro", elsewhere!("The interactive flowchart needs JavaScript. Here is all of it: every question, where each answer leads, and every recommendation with its reasons.")),
    ("outline-go-to", elsewhere!("go on to question {number}")),
    ("error-at", elsewhere!("Line {line}, column {column}: {problem}")),
    ("error-bad-url", elsewhere!("The flow file “{url}” is not a valid URL.")),
    ("error-url-scheme", elsewhere!("The flow file “{url}” must be an http or https URL.")),
    ("error-fetch", elsewhere!("The flow file {url} could not be loaded: the request failed. The server may be unreachable, the page's Content Security Policy (connect-src) may not allow it, or the file is on another site that does not send Access-Control-Allow-Origin.")),
    ("error-status", elsewhere!("The flow file {url} could not be loaded: the server answered {status}.")),
    ("error-interrupted", elsewhere!("The flow file {url} could not be loaded: the download was interrupted.")),
    ("error-too-large", elsewhere!("The flow file {url} could not be loaded: it is larger than a flow file can be (1 MB).")),
    ("error-wasm", elsewhere!("The decision widget could not start: its WebAssembly did not load.")),
    ("doc-decision", elsewhere!("Decision: {title}")),
    ("doc-in-progress", elsewhere!("Decision in progress")),
    ("doc-date", elsewhere!("Date: {date}")),
    ("doc-status-proposed", elsewhere!("Status: Proposed")),
    ("doc-status-in-progress", elsewhere!("Status: In progress ({progress})")),
    ("doc-progress.one", elsewhere!("{answered} of at most {count} question answered")),
    ("doc-progress.other", elsewhere!("{answered} of at most {count} questions answered")),
    ("doc-context", elsewhere!("Context")),
    ("doc-flow-answered", elsewhere!("The decision flow {title} ({id}, version {version}), answered in this order:")),
    ("doc-flow-unanswered", elsewhere!("The decision flow {title} ({id}, version {version}), no questions answered yet.")),
    ("doc-decision-heading", elsewhere!("Decision")),
    ("doc-no-recommendation", elsewhere!("No recommendation yet.")),
    ("doc-next-question", elsewhere!("The next question is {question}.")),
    ("doc-consequences", elsewhere!("Consequences")),
    ("doc-none-yet", elsewhere!("None yet.")),
    ("doc-links", elsewhere!("Links")),
    ("doc-reopen", elsewhere!("Reopen this decision")),
    ("doc-article", elsewhere!("The article")),
    ("doc-read", elsewhere!("Read")),
    ("doc-in-progress-line", elsewhere!("Decision in progress: {progress}.")),
    ("svg-in-progress", elsewhere!("decision in progress")),
    ("svg-description", elsewhere!("The flowchart with the reader's path highlighted.")),
    ("svg-step", elsewhere!("{question} {answer}.")),
    ("svg-next-question", elsewhere!("Next question: {question}")),
];

/// The CLDR plural categories, in CLDR's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plural {
    /// `zero` (Arabic 0, …).
    Zero,
    /// `one` (English 1, …).
    One,
    /// `two` (Arabic 2, …).
    Two,
    /// `few` (Arabic 3–10, …).
    Few,
    /// `many` (Arabic 11–99, French 1,000,000, …).
    Many,
    /// `other`: every language has it.
    Other,
}

impl Plural {
    /// Every category, in CLDR's order.
    pub const ALL: [Plural; 6] = [
        Plural::Zero,
        Plural::One,
        Plural::Two,
        Plural::Few,
        Plural::Many,
        Plural::Other,
    ];

    /// The category's CLDR name, which ends a counting word's key.
    pub fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// How a language counts and writes numbers: its plural rule and its digits.
/// Both take the language tag of the table in use.
#[derive(Clone, Copy)]
pub struct Rules {
    /// The plural category of the whole number `n`.
    pub plural: fn(lang: &str, n: u32) -> Plural,
    /// The whole number `n` as the language writes it.
    pub number: fn(lang: &str, n: u32) -> String,
}

impl Rules {
    /// English's rule and ASCII digits: what the engine knows by itself,
    /// used where the caller has no locale data (tests, the fallback).
    pub const ENGLISH: Rules = Rules {
        plural: english_plural,
        number: ascii_number,
    };
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Rules")
    }
}

fn english_plural(_: &str, n: u32) -> Plural {
    if n == 1 {
        Plural::One
    } else {
        Plural::Other
    }
}

fn ascii_number(_: &str, n: u32) -> String {
    n.to_string()
}

/// Which way a language is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left (Arabic, Hebrew, …).
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A language's words, as `static/lang/<lang>.json` holds them:
/// `{ "lang": "de", "words": { "yes": "Ja", … } }`. Which way they are
/// written follows from the language ([`is_rtl_language`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The language, a BCP 47 tag such as `de` or `pt`.
    pub lang: String,
    /// Its text for each key, the same keys as [`ENGLISH`] (with the plural
    /// categories the language uses for counting words).
    pub words: Labels,
}

/// Whether `key` names one of the widget's words: a key of [`ENGLISH`], or
/// a counting word's key with any plural category.
pub fn is_key(key: &str) -> bool {
    match key.split_once('.') {
        None => english(key).is_some(),
        Some((base, category)) => {
            Plural::ALL.iter().any(|p| p.name() == category)
                && ENGLISH
                    .iter()
                    .chain(ELSEWHERE)
                    .any(|(k, _)| k.strip_prefix(base) == Some(".other"))
        }
    }
}

/// Every key of the widget's words: each key of [`ENGLISH`], and for a
/// counting word its key with every plural category, in CLDR's order.
pub fn keys() -> impl Iterator<Item = String> {
    ENGLISH
        .iter()
        .chain(ELSEWHERE)
        .filter_map(|(key, _)| match key.split_once('.') {
            None => Some(vec![(*key).to_owned()]),
            Some((base, "other")) => Some(Plural::ALL.iter().map(|p| format!("{base}.{}", p.name())).collect()),
            Some(_) => None,
        })
        .flatten()
}

/// The first placeholder of `text` that the word `key` does not fill (the
/// placeholders of its English, the `other` form's for a counting word).
pub fn unknown_placeholder<'t>(key: &str, text: &'t str) -> Option<&'t str> {
    let key = match key.split_once('.') {
        Some((base, _)) => format!("{base}.other"),
        None => key.to_owned(),
    };
    let known = placeholders(english(&key).unwrap_or_default());
    placeholders(text).into_iter().find(|p| !known.contains(p))
}

/// The placeholders of `text`, such as `step` for `{step}`, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// The English text of `key`.
pub fn english(key: &str) -> Option<&'static str> {
    ENGLISH
        .iter()
        .chain(ELSEWHERE)
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

/// First Strong Isolate and Pop Directional Isolate: around a text put into
/// a sentence, so that a right-to-left text in a left-to-right sentence
/// (or the other way round) keeps its own direction and its neighbours'.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The words one widget speaks: its language's table (none for English),
/// with the flow's own `labels` over it.
#[derive(Debug, Clone)]
pub struct Words {
    /// The language's table; `None` for English.
    table: Option<Rc<Table>>,
    /// The flow author's replacements, by key.
    labels: Rc<[(String, String)]>,
    /// Whether texts put into sentences are isolated (see [`FSI`]): when
    /// the words or the flow are right to left.
    isolate: bool,
    /// How the language counts and writes numbers.
    rules: Rules,
}

impl PartialEq for Words {
    /// Words are equal when they say the same: the rules come with the
    /// environment, not the words, and are not compared.
    fn eq(&self, other: &Words) -> bool {
        self.table == other.table && self.labels == other.labels && self.isolate == other.isolate
    }
}

impl Eq for Words {}

impl Default for Words {
    fn default() -> Words {
        Words {
            table: None,
            labels: Rc::from(Vec::new()),
            isolate: false,
            rules: Rules::ENGLISH,
        }
    }
}

impl Words {
    /// The words for `flow` in English, with the flow's labels.
    pub fn for_flow(flow: &Flow) -> Words {
        Words::new(None, Rules::ENGLISH).with_flow(flow)
    }

    /// The widget's own words in the language of `table` (English for
    /// `None`), counting and writing numbers by `rules`.
    pub fn new(table: Option<Rc<Table>>, rules: Rules) -> Words {
        let isolate = table.as_ref().is_some_and(|t| is_rtl_language(&t.lang));
        Words {
            table,
            labels: Rc::from(Vec::new()),
            isolate,
            rules,
        }
    }

    /// These words with the labels of `flow` over them. Texts put into
    /// sentences are isolated when the words or the flow are right to left.
    pub fn with_flow(self, flow: &Flow) -> Words {
        Words {
            labels: Rc::from(flow.labels().to_vec()),
            isolate: self.isolate || flow_direction(flow) == Direction::Rtl,
            ..self
        }
    }

    /// The language of these words, a BCP 47 tag (`en` for English).
    pub fn lang(&self) -> &str {
        self.table.as_ref().map_or("en", |t| t.lang.as_str())
    }

    /// Which way these words are written.
    pub fn dir(&self) -> Direction {
        match is_rtl_language(self.lang()) {
            true => Direction::Rtl,
            false => Direction::Ltr,
        }
    }

    /// The text of word `key`: the flow's label, else the language's
    /// text, else the English one; an unknown key is shown as itself.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.find(key).unwrap_or(key)
    }

    fn find(&self, key: &str) -> Option<&str> {
        self.label(key)
            .or_else(|| self.table_text(key))
            .or_else(|| english(key))
    }

    /// The flow's label for `key`.
    fn label(&self, key: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, text)| text.as_str())
    }

    /// The language's text for `key`.
    fn table_text(&self, key: &str) -> Option<&str> {
        let table = self.table.as_ref()?;
        table
            .words
            .0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, text)| text.as_str())
    }

    /// The text of `key` with each `{name}` replaced by its value in `args`.
    /// A value is isolated from the sentence around it where the words or
    /// the flow are right to left.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.fill_text(self.get(key), args)
    }

    /// `text` (a word's text, such as an export's escaped copy of it) with
    /// its placeholders filled as [`Words::fill`] does.
    pub fn fill_text(&self, text: &str, args: &[(&str, &str)]) -> String {
        self.fill_isolated(text, args, self.isolate)
    }

    fn fill_isolated(&self, text: &str, args: &[(&str, &str)], isolate: bool) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            match args.iter().find(|(name, _)| *name == &rest[open + 1..close]) {
                // A number takes the sentence's direction: no need.
                Some((_, value)) if isolate && !value.bytes().all(|b| b.is_ascii_digit()) => {
                    out.push(FSI);
                    out.push_str(value);
                    out.push(PDI);
                }
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[open..=close]),
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The counting word `key` for `n` (its `{count}` is `n` as the
    /// language writes it), in the plural category the language gives `n`.
    /// Each source (labels, the language, English) is asked for that
    /// category, then for `other`.
    pub fn count(&self, key: &str, n: u32, args: &[(&str, &str)]) -> String {
        let category = (self.rules.plural)(self.lang(), n);
        let exact = format!("{key}.{}", category.name());
        let other = format!("{key}.other");
        // English has only `one` and `other`, chosen by its own rule.
        let english_key = format!("{key}.{}", english_plural("en", n).name());
        let text = (self.label(&exact).or_else(|| self.label(&other)))
            .or_else(|| self.table_text(&exact).or_else(|| self.table_text(&other)))
            .or_else(|| english(&english_key))
            .unwrap_or(key);
        // The number is filled first, and not isolated: digits take the
        // sentence's direction.
        let text = self.fill_isolated(text, &[("count", &self.number(n))], false);
        self.fill_text(&text, args)
    }

    /// The whole number `n` as the language writes it.
    pub fn number(&self, n: u32) -> String {
        (self.rules.number)(self.lang(), n)
    }

    /// `text` in the language's quotation marks. (Not isolated: a quoted
    /// text is isolated, marks and all, where it is put into a sentence.)
    pub fn quote(&self, text: &str) -> String {
        self.fill_isolated(self.get("quote"), &[("text", text)], false)
    }

    /// `items` as the language lists alternatives: "A", "A or B",
    /// "A, B or C".
    pub fn join_or(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [first @ .., last] => {
                let first = first.join(self.get("list-comma"));
                self.fill_text(self.get("list-or"), &[("first", &first), ("last", last)])
            }
        }
    }

    /// What a choice's button and chart edge say.
    pub fn choice<'a>(&'a self, choice: &'a Choice) -> &'a str {
        match &choice.label {
            ChoiceLabel::Yes => self.get("yes"),
            ChoiceLabel::No => self.get("no"),
            ChoiceLabel::Text(text) => text,
        }
    }
}

/// Which way `text` runs, by its first letter, as an HTML `dir="auto"`
/// decides (a letter of the Hebrew or Arabic blocks is right to left, any
/// other letter left to right); left to right when it has no letter.
pub fn text_direction(text: &str) -> Direction {
    let rtl = |c: char| matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF);
    match text.chars().find(|c| c.is_alphabetic()) {
        Some(c) if rtl(c) => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// Which way the texts of `flow` run: its language's way when the file
/// names one, else its title's.
pub fn flow_direction(flow: &Flow) -> Direction {
    match flow.lang() {
        Some(lang) if is_rtl_language(lang) => Direction::Rtl,
        Some(_) => Direction::Ltr,
        None => text_direction(flow.title()),
    }
}

/// Languages whose usual script is written right to left (ISO 639 codes).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Whether the language of `tag` is written right to left: Arabic, Hebrew,
/// Persian, Urdu and the other languages whose usual script is.
pub fn is_rtl_language(tag: &str) -> bool {
    let language = tag.split(['-', '_']).next().unwrap_or_default();
    RTL_LANGUAGES.iter().any(|l| l.eq_ignore_ascii_case(language))
}
