//! The widget's own words, by key: what a flow's `labels` may replace.
//!
//! Keys are stable, documented names (`yes`, `start-over`, …); a flow file
//! that names another key is refused, so a typo never goes unnoticed.

use super::model::{Choice, ChoiceLabel, Flow};

/// Every key of the widget's words with its English text, in the order the
/// README lists them.
const ENGLISH: &[(&str, &str)] = &[
    ("yes", "Yes"),
    ("no", "No"),
    ("back", "Back"),
    ("start-over", "Start over"),
    ("change", "Change"),
    ("copy-link", "Copy link"),
    ("share", "Share…"),
    ("recommendation", "Recommendation"),
    ("why", "Why"),
    ("what-would-change-it", "What would change it"),
    ("in-practice", "In practice"),
    ("export", "Export"),
    ("save", "Save in this browser"),
    ("print", "Print"),
    ("zoom-in", "Zoom in"),
    ("zoom-out", "Zoom out"),
    ("fit", "Fit"),
];

/// Whether `key` names one of the widget's words.
pub fn is_key(key: &str) -> bool {
    ENGLISH.iter().any(|(k, _)| *k == key)
}

/// Every key of the widget's words.
pub fn keys() -> impl Iterator<Item = &'static str> {
    ENGLISH.iter().map(|(k, _)| *k)
}

/// The words one widget speaks: its language's table with the flow's own
/// `labels` over it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    /// The flow author's replacements, by key.
    labels: Vec<(String, String)>,
}

impl Words {
    /// The words for `flow`: English, with the flow's labels.
    pub fn for_flow(flow: &Flow) -> Words {
        Words {
            labels: flow.labels().to_vec(),
        }
    }

    /// The text of word `key`; an unknown key is shown as itself.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        if let Some((_, text)) = self.labels.iter().find(|(k, _)| k == key) {
            return text;
        }
        ENGLISH.iter().find(|(k, _)| *k == key).map_or(key, |(_, text)| text)
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
