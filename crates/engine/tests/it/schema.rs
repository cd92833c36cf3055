//! The flow file's JSON Schema (`static/flow.schema.json`, served as
//! `dist/flow.schema.json`) against the engine: it accepts every flow the
//! checker accepts, rejects what it can express of what the checker
//! refuses, and names exactly the fields the serde types have.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use dw_engine::format::{Labels, RawChoice, RawNote, RawOutcome, RawQuestion};
use dw_engine::{check, words, RawFlow, BUILTIN_FLOW_JSON};
use serde_json::{json, Value};

use crate::common::{big_flow, random_flow, DATABASE_FLOW, LARGE_CHOICES, RANDOM_FLOWS, SMALL};

const SCHEMA: &str = include_str!("../../../../static/flow.schema.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema is a valid draft 2020-12 schema")
}

/// Why the schema refuses `text`, or `None` when it accepts it.
fn schema_verdict(validator: &jsonschema::Validator, text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
    (!errors.is_empty()).then(|| errors.join("; "))
}

fn example_flows() -> Vec<(String, String)> {
    let mut flows = vec![("built-in".to_owned(), BUILTIN_FLOW_JSON.to_owned())];
    for entry in std::fs::read_dir(crate::common::repo("static/flows")).expect("static/flows") {
        let path = entry.expect("a file").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        flows.push((path.display().to_string(), text));
    }
    flows.push(("the several-answer test flow".to_owned(), DATABASE_FLOW.to_owned()));
    flows
}

#[test]
fn the_schema_accepts_every_valid_flow() {
    let validator = validator();
    let mut flows = example_flows();
    for seed in 1..=RANDOM_FLOWS {
        flows.push((format!("random yes/no flow {seed}"), random_flow(seed, SMALL)));
        flows.push((
            format!("random flow with choices {seed}"),
            random_flow(seed, LARGE_CHOICES),
        ));
    }
    flows.push(("a 500-node flow".to_owned(), big_flow(7, 500, 40)));
    for (name, text) in flows {
        assert!(check(&text).is_ok(), "{name} is a valid flow");
        assert_eq!(schema_verdict(&validator, &text), None, "{name}");
    }
}

#[test]
fn example_flows_name_the_schema() {
    for entry in std::fs::read_dir(crate::common::repo("static/flows")).expect("static/flows") {
        let path = entry.expect("a file").path();
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        assert_eq!(value["$schema"], "../flow.schema.json", "{}", path.display());
    }
}

/// A valid format 2 flow to break: one yes/no question, one with choices.
fn base() -> Value {
    json!({
        "format": 2,
        "id": "pick",
        "version": 1,
        "title": "Pick",
        "start": "first",
        "questions": [
            { "id": "first", "text": "First?", "yes": "second", "no": "done" },
            { "id": "second", "text": "Which?", "choices": [
                { "id": "one", "label": "One", "next": "done" },
                { "id": "two", "label": "Two", "next": "other" }
            ] }
        ],
        "outcomes": [{ "id": "done", "title": "Done" }, { "id": "other", "title": "Other" }]
    })
}

/// `base()` changed by `edit`.
fn broken(edit: impl FnOnce(&mut Value)) -> String {
    let mut value = base();
    edit(&mut value);
    value.to_string()
}

#[test]
fn the_schema_and_the_checker_agree_on_broken_flows() {
    let nine: Vec<Value> = (0..9)
        .map(|i| json!({ "id": format!("c{i}"), "label": "C", "next": "done" }))
        .collect();
    // (what is broken, the file, whether a schema can say so)
    let cases: Vec<(&str, String, bool)> = vec![
        (
            "a missing title",
            broken(|v| drop(v.as_object_mut().map(|o| o.remove("title")))),
            true,
        ),
        (
            "an unknown top-level field",
            broken(|v| v["colour"] = json!("red")),
            true,
        ),
        (
            "an unknown field in a question",
            broken(|v| v["questions"][0]["colour"] = json!("red")),
            true,
        ),
        ("format 3", broken(|v| v["format"] = json!(3)), true),
        ("version 0", broken(|v| v["version"] = json!(0)), true),
        ("a fractional version", broken(|v| v["version"] = json!(1.5)), true),
        ("a version given as text", broken(|v| v["version"] = json!("1")), true),
        ("an id with capitals", broken(|v| v["id"] = json!("Pick")), true),
        (
            "an id with a leading hyphen",
            broken(|v| v["questions"][0]["id"] = json!("-first")),
            true,
        ),
        ("an empty title", broken(|v| v["title"] = json!("  ")), true),
        (
            "a question with no answers",
            broken(|v| {
                let q = v["questions"][0].as_object_mut().expect("an object");
                q.remove("yes");
                q.remove("no");
            }),
            true,
        ),
        (
            "a question with yes but no no",
            broken(|v| drop(v["questions"][0].as_object_mut().map(|q| q.remove("no")))),
            true,
        ),
        (
            "both yes/no and choices",
            broken(|v| v["questions"][1]["yes"] = json!("done")),
            true,
        ),
        (
            "one choice only",
            broken(|v| v["questions"][1]["choices"] = json!([{ "id": "one", "label": "One", "next": "done" }])),
            true,
        ),
        (
            "nine choices",
            broken(|v| v["questions"][1]["choices"] = json!(nine)),
            true,
        ),
        (
            "a choice without a label",
            broken(|v| {
                drop(
                    v["questions"][1]["choices"][0]
                        .as_object_mut()
                        .map(|c| c.remove("label")),
                )
            }),
            true,
        ),
        (
            "an empty choice label",
            broken(|v| v["questions"][1]["choices"][0]["label"] = json!("")),
            true,
        ),
        (
            "a bad choice id",
            broken(|v| v["questions"][1]["choices"][0]["id"] = json!("One!")),
            true,
        ),
        ("choices in a format 1 file", broken(|v| v["format"] = json!(1)), true),
        (
            "lang in a format 1 file",
            broken(|v| {
                v["format"] = json!(1);
                v["questions"][1] = json!({ "id": "second", "text": "Which?", "yes": "done", "no": "other" });
                v["lang"] = json!("en");
            }),
            true,
        ),
        (
            "a lang that is no language tag",
            broken(|v| v["lang"] = json!("english please")),
            true,
        ),
        (
            "an unknown label key",
            broken(|v| v["labels"] = json!({ "yep": "Yep" })),
            true,
        ),
        ("an empty label", broken(|v| v["labels"] = json!({ "yes": "" })), true),
        (
            "a section with #",
            broken(|v| v["practice"] = json!({ "text": "Do it.", "section": "#here" })),
            true,
        ),
        ("no outcomes", broken(|v| v["outcomes"] = json!([])), true),
        (
            "a list where an object belongs",
            broken(|v| v["practice"] = json!(["Do it."])),
            true,
        ),
        ("the file is a list", "[1, 2]".to_owned(), true),
        // What only the checker can tell: ids that must resolve, paths
        // that must end, ids that must be unique.
        (
            "an answer to an unknown node",
            broken(|v| v["questions"][0]["no"] = json!("nowhere")),
            false,
        ),
        (
            "a choice to an unknown node",
            broken(|v| v["questions"][1]["choices"][1]["next"] = json!("nowhere")),
            false,
        ),
        ("an unknown start", broken(|v| v["start"] = json!("nowhere")), false),
        (
            "two nodes with one id",
            broken(|v| v["outcomes"][1]["id"] = json!("done")),
            false,
        ),
        (
            "two choices with one id",
            broken(|v| v["questions"][1]["choices"][1]["id"] = json!("one")),
            false,
        ),
        (
            "a cycle through a choice",
            broken(|v| v["questions"][1]["choices"][1]["next"] = json!("first")),
            false,
        ),
        (
            "an unreachable outcome",
            broken(|v| {
                v["outcomes"]
                    .as_array_mut()
                    .expect("a list")
                    .push(json!({ "id": "lost", "title": "Lost" }))
            }),
            false,
        ),
    ];
    let validator = validator();
    assert_eq!(check(&base().to_string()).err(), None, "the base flow is valid");
    assert_eq!(schema_verdict(&validator, &base().to_string()), None);
    for (what, text, expressible) in cases {
        assert!(check(&text).is_err(), "the checker refuses {what}: {text}");
        let verdict = schema_verdict(&validator, &text);
        if expressible {
            assert!(verdict.is_some(), "the schema refuses {what}: {text}");
        } else {
            assert_eq!(verdict, None, "{what} is the checker's to find, not the schema's");
        }
    }
}

/// The names of every field the serde types have, by object kind, as a
/// fully filled flow serialises them.
fn serde_fields() -> Vec<(&'static str, BTreeSet<String>)> {
    let note = RawNote {
        text: "Why.".to_owned(),
        section: Some("here".to_owned()),
    };
    let flow = RawFlow {
        schema: Some("../flow.schema.json".to_owned()),
        format: 2,
        id: "f".to_owned(),
        version: 1,
        lang: Some("en".to_owned()),
        title: "T".to_owned(),
        intro: Some("I".to_owned()),
        start: "q".to_owned(),
        labels: Labels(vec![("yes".to_owned(), "Yep".to_owned())]),
        practice: Some(note.clone()),
        questions: vec![RawQuestion {
            id: "q".to_owned(),
            label: Some("L".to_owned()),
            text: "Q?".to_owned(),
            help: Some("H".to_owned()),
            yes: Some("o".to_owned()),
            no: Some("o".to_owned()),
            choices: Some(vec![RawChoice {
                id: "c".to_owned(),
                label: "C".to_owned(),
                next: "o".to_owned(),
            }]),
        }],
        outcomes: vec![RawOutcome {
            id: "o".to_owned(),
            label: Some("L".to_owned()),
            title: "O".to_owned(),
            summary: Some("S".to_owned()),
            reasons: vec![note],
        }],
    };
    let value = serde_json::to_value(&flow).expect("serialises");
    let keys = |v: &Value| {
        v.as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect::<BTreeSet<String>>()
    };
    vec![
        ("flow", keys(&value)),
        ("question", keys(&value["questions"][0])),
        ("choice", keys(&value["questions"][0]["choices"][0])),
        ("outcome", keys(&value["outcomes"][0])),
        ("note", keys(&value["practice"])),
    ]
}

#[test]
fn the_schema_names_the_fields_of_the_format() {
    let schema = schema();
    for (kind, fields) in serde_fields() {
        let object = if kind == "flow" {
            &schema
        } else {
            &schema["$defs"][kind]
        };
        let named: BTreeSet<String> = object["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("the schema describes a {kind}"))
            .keys()
            .cloned()
            .collect();
        assert_eq!(named, fields, "the schema's {kind} has the fields the format has");
        assert_eq!(
            object["additionalProperties"],
            json!(false),
            "a {kind} refuses unknown fields"
        );
    }
}

#[test]
fn the_schema_lists_the_widgets_words() {
    let schema = schema();
    let listed: Vec<&str> = schema["$defs"]["labels"]["propertyNames"]["enum"]
        .as_array()
        .expect("a list of keys")
        .iter()
        .map(|k| k.as_str().expect("a key"))
        .collect();
    assert_eq!(listed, words::keys().collect::<Vec<_>>());
}

#[test]
fn the_books_example_flow_is_valid() {
    // The example of the book's chapter on the format, which includes it.
    let example = include_str!("../../../../docs/snippets/flow.json");
    // The example names the schema where an author would publish it.
    let example = example.replace(
        "https://your.site/decision-widget/flow.schema.json",
        "../flow.schema.json",
    );
    assert!(check(&example).is_ok(), "{:?}", check(&example).err());
    assert_eq!(schema_verdict(&validator(), &example), None);
}
