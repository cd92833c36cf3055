//! Native tests of the widget's words: every language table has every key
//! (each counting word with exactly the plural categories its language
//! uses), the same placeholders as English, nothing left in English; the
//! lists of languages in the engine, in `static/lang/` and in `embed.js`
//! agree, and so do `embed.js`'s own English sentences; plural forms and
//! numbers come out right per language; a flow's labels go over any
//! language.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use dw_engine::link::LinkIssue;
use dw_engine::words::{
    self, english, flow_direction, is_rtl_language, language_for, placeholders, text_direction, Direction, Plural,
    Rules, Table, Words, ENGLISH, LANGUAGES,
};
use dw_engine::Flow;
use dw_intl::languages::{file, table_for};
use dw_intl::RULES;

/// Every language file in `static/lang/`, by language.
fn tables() -> Vec<(&'static str, Table)> {
    LANGUAGES
        .iter()
        .filter(|l| **l != "en")
        .map(|lang| {
            let text = file(lang).unwrap_or_else(|| panic!("no language file for `{lang}`"));
            let table: Table = serde_json::from_str(text).unwrap_or_else(|e| panic!("lang/{lang}.json: {e}"));
            (*lang, table)
        })
        .collect()
}

/// The counting words: the keys of English with a `.other` form.
fn counting() -> Vec<&'static str> {
    ENGLISH
        .iter()
        .filter_map(|(key, _)| key.strip_suffix(".other"))
        .collect()
}

/// The plural categories `lang` gives whole numbers, by CLDR's rules.
fn categories(lang: &str) -> BTreeSet<Plural> {
    (0..=2_000u32)
        .chain([10_000, 100_000, 1_000_000, 2_000_000])
        .map(|n| (RULES.plural)(lang, n))
        .collect()
}

/// Keys whose text may be the same as English's in any language: patterns
/// of punctuation, and the names of file formats.
const THE_SAME_EVERYWHERE: &[&str] = &[
    "quote",
    "list-comma",
    "sentence-gap",
    "label-colon",
    "link-excerpt",
    "svg-step",
    "format-markdown",
    "format-json",
    "format-mermaid",
];

/// Words a language writes as English does (checked by a person).
const THE_SAME_IN: &[(&str, &[&str])] = &[
    ("es", &["no"]),
    ("fr", &["note", "to-question"]),
    ("de", &["doc-links"]),
    ("pt", &["doc-links"]),
];

#[test]
fn the_languages_are_the_files_in_static_lang() {
    let mut files: Vec<String> = std::fs::read_dir(crate::common::repo("static/lang"))
        .expect("static/lang")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = LANGUAGES
        .iter()
        .filter(|l| **l != "en")
        .map(|l| format!("{l}.json"))
        .collect();
    expected.sort();
    assert_eq!(files, expected, "static/lang/ holds one file per language but English");
    for (lang, table) in tables() {
        assert_eq!(table.lang, lang, "lang/{lang}.json names its own language");
    }
    for required in ["en", "de", "fr", "es", "pt", "ja", "ar"] {
        assert!(LANGUAGES.contains(&required), "DESIGN.md promises `{required}`");
    }
}

#[test]
fn embed_js_lists_the_same_languages() {
    let embed = std::fs::read_to_string(crate::common::repo("static/embed.js")).expect("static/embed.js");
    let line = embed
        .lines()
        .find(|l| l.starts_with("const LANGUAGES = ["))
        .expect("embed.js lists its languages");
    let listed: Vec<&str> = line
        .trim_start_matches("const LANGUAGES = [")
        .trim_end_matches("];")
        .split(',')
        .map(|l| l.trim().trim_matches('\''))
        .collect();
    assert_eq!(listed, LANGUAGES);
}

#[test]
fn embed_js_says_its_sentences_in_the_engines_english() {
    // `say(table, "key", "English", …)`: the English a page shows before
    // or without the wasm is the engine's, word for word.
    let embed = std::fs::read_to_string(crate::common::repo("static/embed.js")).expect("static/embed.js");
    let mut found = 0;
    let mut rest = embed.as_str();
    while let Some(at) = rest.find("say(") {
        rest = &rest[at + 4..];
        let quoted: Vec<&str> = rest.split('"').collect();
        if quoted.len() < 4 || !quoted[0].trim_end().ends_with(',') {
            continue;
        }
        let (key, text) = (quoted[1], quoted[3]);
        assert_eq!(english(key), Some(text), "embed.js's English for `{key}`");
        found += 1;
    }
    assert!(found >= 8, "embed.js says {found} sentences of its own");
}

#[test]
fn every_table_has_every_key_and_nothing_else() {
    for (lang, table) in tables() {
        let used = categories(lang);
        // Every key, the words only embed.js and the tools say included;
        // a counting word with the categories this language uses.
        let expected: BTreeSet<String> = words::keys()
            .filter(|key| match key.split_once('.') {
                None => true,
                Some((_, category)) => used.iter().any(|p| p.name() == category),
            })
            .collect();
        let keys: BTreeSet<String> = table.words.0.iter().map(|(k, _)| k.clone()).collect();
        let missing: Vec<&String> = expected.difference(&keys).collect();
        let extra: Vec<&String> = keys.difference(&expected).collect();
        assert!(missing.is_empty(), "lang/{lang}.json lacks {missing:?}");
        assert!(extra.is_empty(), "lang/{lang}.json has keys it should not: {extra:?}");
        assert_eq!(keys.len(), table.words.0.len(), "lang/{lang}.json names a key twice");
    }
}

#[test]
fn every_text_has_the_placeholders_of_its_english() {
    for (lang, table) in tables() {
        for (key, text) in &table.words.0 {
            let english_key = match key.split_once('.') {
                Some((base, _)) => format!("{base}.other"),
                None => key.clone(),
            };
            let english = english(&english_key).unwrap_or_else(|| panic!("no English for `{key}`"));
            let theirs: BTreeSet<&str> = placeholders(text).into_iter().collect();
            let ours: BTreeSet<&str> = placeholders(english).into_iter().collect();
            // A form for one (or two, or none) may leave its number out.
            let exact =
                !key.contains('.') || key.ends_with(".other") || key.ends_with(".many") || key.ends_with(".few");
            if exact {
                assert_eq!(theirs, ours, "lang/{lang}.json `{key}`: {text}");
            } else {
                assert!(theirs.is_subset(&ours), "lang/{lang}.json `{key}`: {text}");
            }
            let blank_in_english = english.trim().is_empty();
            assert!(
                !text.trim().is_empty() || blank_in_english,
                "lang/{lang}.json `{key}` is empty"
            );
        }
    }
}

#[test]
fn no_table_is_left_half_in_english() {
    for (lang, table) in tables() {
        let allowed: Vec<&str> = THE_SAME_IN
            .iter()
            .filter(|(l, _)| *l == lang)
            .flat_map(|(_, keys)| keys.iter().copied())
            .chain(THE_SAME_EVERYWHERE.iter().copied())
            .collect();
        let untranslated: Vec<&str> = table
            .words
            .0
            .iter()
            .filter(|(key, text)| english(key) == Some(text.as_str()) && !allowed.contains(&key.as_str()))
            .map(|(key, _)| key.as_str())
            .collect();
        assert_eq!(
            untranslated,
            Vec::<&str>::new(),
            "lang/{lang}.json still says these in English"
        );
    }
}

#[test]
fn english_has_every_key_once_with_one_and_other_for_counting_words() {
    let keys: Vec<String> = words::keys().collect();
    let unique: BTreeSet<&String> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "a key is listed twice");
    for base in counting() {
        assert!(english(&format!("{base}.one")).is_some(), "`{base}.one`");
        for category in Plural::ALL {
            assert!(words::is_key(&format!("{base}.{}", category.name())));
        }
    }
    assert!(!words::is_key("yes.one"), "only counting words take a category");
    assert!(!words::is_key("saved-count"), "a counting word needs its category");
    assert!(!words::is_key("saved-count.several"));
    for key in ["yes", "no", "back", "start-over", "copy-link"] {
        assert!(
            words::is_key(key),
            "DESIGN.md names `{key}` as a word authors may replace"
        );
    }
}

#[test]
fn languages_are_matched_by_their_tag() {
    let cases = [
        ("de", Some("de")),
        ("de-CH", Some("de")),
        ("pt-BR", Some("pt")),
        ("PT_pt", Some("pt")),
        (" ja ", Some("ja")),
        ("ar-EG", Some("ar")),
        ("en-GB", Some("en")),
        ("it", None),
        ("", None),
        ("zh-Hant", None),
    ];
    for (tag, expected) in cases {
        assert_eq!(language_for(tag), expected, "{tag}");
    }
    assert!(table_for("fr-CA").is_some_and(|t| t.lang == "fr"));
    assert!(table_for("en").is_none(), "English is built in");
    assert!(table_for("it").is_none(), "Italian is shown in English");
}

#[test]
fn plural_forms_follow_each_languages_rules() {
    let words = |lang: &str| Words::new(table_for(lang), RULES);
    let cases: &[(&str, u32, &str)] = &[
        ("en", 1, "1 saved decision"),
        ("en", 0, "0 saved decisions"),
        ("en", 2, "2 saved decisions"),
        ("de", 1, "1 gespeicherte Entscheidung"),
        ("de", 7, "7 gespeicherte Entscheidungen"),
        ("fr", 0, "0 décision enregistrée"),
        ("fr", 1, "1 décision enregistrée"),
        ("fr", 2, "2 décisions enregistrées"),
        ("fr", 1_000_000, "1000000 de décisions enregistrées"),
        ("es", 1, "1 decisión guardada"),
        ("es", 3, "3 decisiones guardadas"),
        ("pt", 0, "0 decisão salva"),
        ("pt", 2, "2 decisões salvas"),
        ("ja", 1, "保存した判断（1件）"),
        ("ja", 12, "保存した判断（12件）"),
        ("ar", 0, "لا قرارات محفوظة"),
        ("ar", 1, "قرار محفوظ واحد"),
        ("ar", 2, "قراران محفوظان"),
        ("ar", 3, "3 قرارات محفوظة"),
        ("ar", 11, "11 قرارًا محفوظًا"),
        ("ar", 100, "100 قرار محفوظ"),
    ];
    for (lang, n, expected) in cases {
        assert_eq!(words(lang).count("saved-count", *n, &[]), *expected, "{lang} {n}");
    }
    // The rules themselves: CLDR's, as the browser's Intl.PluralRules has them.
    assert_eq!((RULES.plural)("ar", 105), Plural::Few);
    assert_eq!((RULES.plural)("ar", 111), Plural::Many);
    assert_eq!((RULES.plural)("fr", 0), Plural::One);
    assert_eq!((RULES.plural)("pt-PT", 0), Plural::Other);
    assert_eq!((RULES.plural)("ja", 1), Plural::Other);
    assert_eq!(
        (RULES.plural)("!!", 1),
        Plural::One,
        "English's rule for what is not a tag"
    );
    // Without locale data, the engine counts in English.
    assert_eq!(
        Words::new(table_for("ar"), Rules::ENGLISH).count("saved-count", 2, &[]),
        "2 قرار محفوظ"
    );
}

#[test]
fn link_notices_and_placeholders_in_every_language() {
    let issue = LinkIssue::VersionChanged {
        link: 1,
        current: 2,
        reset_from: Some(3),
    };
    assert_eq!(
        issue.to_string(),
        "This link was made with an older version of this flow (version 1); answers from question 3 on were reset."
    );
    let de = Words::new(table_for("de"), RULES);
    assert_eq!(
        issue.describe(&de),
        "Dieser Link wurde mit einer älteren Version dieses Ablaufs erstellt (Version 1); die Antworten ab Frage 3 wurden zurückgesetzt."
    );
    let more = LinkIssue::More { count: 2 };
    assert_eq!(more.to_string(), "This link has 2 more problems not listed here.");
    assert_eq!(
        more.describe(&Words::new(table_for("ar"), RULES)),
        "في هذا الرابط مشكلتان أخريان غير مذكورتين هنا."
    );
    let unknown = LinkIssue::UnknownQuestion {
        question: "style".into(),
    };
    assert_eq!(
        unknown.describe(&Words::new(table_for("fr"), RULES)),
        "Ce parcours n’a pas de question «\u{202f}style\u{202f}»\u{202f}; la réponse du lien à celle-ci a été ignorée."
    );
    // Right to left, a text put into a sentence is isolated from it.
    let ar = Words::new(table_for("ar"), RULES);
    assert_eq!(
        unknown.describe(&ar),
        "لا يحتوي هذا المسار على السؤال \u{2068}«style»\u{2069}؛ فتم تجاهل إجابة الرابط عنه."
    );
    // A placeholder with no value stays as written; a key nobody knows is
    // shown as itself.
    assert_eq!(
        Words::default().fill("progress", &[("step", "2")]),
        "Question 2 of at most {total}"
    );
    assert_eq!(Words::default().get("no-such-word"), "no-such-word");
}

const FLOW: &str = r#"{
  "format": 2,
  "id": "labelled",
  "version": 1,
  "title": "Labelled",
  "start": "q",
  "lang": "de",
  "labels": { "yes": "Jawohl", "no": "Nö", "start-over": "Nochmal", "saved-count.other": "{count} Stück" },
  "questions": [{ "id": "q", "text": "Ja?", "yes": "a", "no": "b" }],
  "outcomes": [{ "id": "a", "title": "A" }, { "id": "b", "title": "B" }]
}"#;

#[test]
fn a_flows_labels_go_over_any_language() {
    let flow = Flow::from_json(FLOW).expect("a valid flow");
    for lang in ["en", "de", "ja", "ar"] {
        let words = Words::new(table_for(lang), RULES).with_flow(&flow);
        assert_eq!(words.get("yes"), "Jawohl", "{lang}");
        assert_eq!(words.get("no"), "Nö", "{lang}");
        assert_eq!(words.get("start-over"), "Nochmal", "{lang}");
        assert_eq!(words.count("saved-count", 4, &[]), "4 Stück", "{lang}");
    }
    // Where the labels say nothing, the language speaks.
    let de = Words::new(table_for("de"), RULES).with_flow(&flow);
    assert_eq!(de.get("back"), "Zurück");
    // A counting word's label for `other` serves every number the labels
    // have no form for: the author's words win over the language's.
    assert_eq!(de.count("saved-count", 1, &[]), "1 Stück");
    let unlabelled = Words::new(table_for("de"), RULES);
    assert_eq!(unlabelled.count("saved-count", 1, &[]), "1 gespeicherte Entscheidung");
    // A label with a placeholder the word does not have is refused.
    let bad = FLOW.replace("\"Nochmal\"", "\"Nochmal {count}\"");
    let errors = Flow::from_json(&bad).expect_err("an unknown placeholder");
    assert!(errors.to_string().contains("{count}"), "{errors}");
}

#[test]
fn directions_follow_the_language_or_the_text() {
    assert!(is_rtl_language("ar"));
    assert!(is_rtl_language("he-IL"));
    assert!(is_rtl_language("FA"));
    assert!(!is_rtl_language("en"));
    assert!(!is_rtl_language("ja"));
    assert_eq!(Words::new(table_for("ar"), RULES).dir(), Direction::Rtl);
    assert_eq!(Words::new(table_for("ja"), RULES).dir(), Direction::Ltr);
    assert_eq!(text_direction("هل البيانات؟"), Direction::Rtl);
    assert_eq!(text_direction("2026: שלום"), Direction::Rtl);
    assert_eq!(text_direction("RAG or fine-tuning?"), Direction::Ltr);
    assert_eq!(text_direction("123"), Direction::Ltr);
    let flow = Flow::from_json(FLOW).expect("a valid flow");
    assert_eq!(flow_direction(&flow), Direction::Ltr, "German");
    let arabic = Flow::from_json(&FLOW.replace("\"lang\": \"de\",\n", "").replace("Labelled", "قرار")).expect("valid");
    assert_eq!(flow_direction(&arabic), Direction::Rtl, "by its title");
}

/// The book's table of keys (`docs/src/languages-keys.md`, which
/// `scripts/book.mjs` writes from this crate's source) names every key, in
/// the engine's order, a counting word with English's two forms.
#[test]
fn the_book_lists_every_key() {
    let page = std::fs::read_to_string(crate::common::repo("docs/src/languages-keys.md"))
        .expect("docs/src/languages-keys.md, written by scripts/book.mjs");
    let listed: Vec<&str> = page
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .collect();
    let expected: Vec<String> = words::keys()
        .filter(|key| match key.split_once('.') {
            None => true,
            Some((_, category)) => category == "one" || category == "other",
        })
        .collect();
    assert_eq!(listed, expected, "run node scripts/book.mjs");
}

#[test]
fn exports_say_their_own_words_in_the_widgets_language() {
    use dw_engine::export::{self, ExportContext};
    use dw_engine::{Answer, BUILTIN_FLOW_JSON};

    let flow = Flow::from_json(BUILTIN_FLOW_JSON).expect("the built-in flow");
    let walk = flow.walk(&[Answer::NO, Answer::NO, Answer::YES]);
    let de = Words::new(table_for("de"), RULES).with_flow(&flow);
    let ctx = ExportContext {
        link: "https://example.org/#dw1",
        page_url: "https://example.org/",
        date: "2026-12-01",
        words: &de,
    };
    let markdown = export::markdown(&flow, &walk, &ctx);
    for heading in [
        "# Entscheidung: Fine-tune for style or format",
        "Datum: 2026-12-01 · Status: Vorgeschlagen",
        "## Kontext",
        "## Konsequenzen",
        "### Warum",
        "### Was die Empfehlung ändern würde",
        "- [Diese Entscheidung wieder öffnen](https://example.org/#dw1)",
    ] {
        assert!(markdown.contains(heading), "{heading}\n{markdown}");
    }
    // The flow's texts stay as written; the answers are the widget's words.
    assert!(markdown.contains("1. Does the answer depend on data that changes more often than once a month? **Nein**"));
    let text = export::plain_text(&flow, &walk, &ctx);
    assert!(
        text.starts_with("Empfehlung: Fine-tune for style or format\n"),
        "{text}"
    );
    // Still in progress, in Japanese: its plural-less count.
    let ja = Words::new(table_for("ja"), RULES).with_flow(&flow);
    let started = flow.walk(&[Answer::NO]);
    let ctx = ExportContext { words: &ja, ..ctx };
    assert!(export::plain_text(&flow, &started, &ctx).starts_with("判断の途中：最大4問中1問に回答済み。"));
}
