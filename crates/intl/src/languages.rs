//! The widget's language tables for the native tools: the command line's
//! exports (`--lang`) and pages prerendered in their own language. The
//! files in `static/lang/` are built into the binary, so an installed
//! `decision-widget` needs nothing beside it; the widget itself loads them
//! from beside `embed.js` instead.

use std::rc::Rc;

use dw_engine::words::{language_for, Table};

/// Each language file, by its language.
const FILES: &[(&str, &str)] = &[
    ("de", include_str!("../../../static/lang/de.json")),
    ("fr", include_str!("../../../static/lang/fr.json")),
    ("es", include_str!("../../../static/lang/es.json")),
    ("pt", include_str!("../../../static/lang/pt.json")),
    ("ja", include_str!("../../../static/lang/ja.json")),
    ("ar", include_str!("../../../static/lang/ar.json")),
];

/// The table of the language the widget speaks for the BCP 47 tag `tag`:
/// `None` for English, and for a language it does not speak (which it
/// shows in English too).
pub fn table_for(tag: &str) -> Option<Rc<Table>> {
    let language = language_for(tag)?;
    let (_, text) = FILES.iter().find(|(lang, _)| *lang == language)?;
    let table = serde_json::from_str(text).expect("the built-in language files are valid tables (tests/words.rs)");
    Some(Rc::new(table))
}

/// The text of the language file for `language` (one of
/// [`dw_engine::words::LANGUAGES`] other than English).
pub fn file(language: &str) -> Option<&'static str> {
    FILES.iter().find(|(lang, _)| *lang == language).map(|(_, text)| *text)
}
