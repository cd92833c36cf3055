//! The engine's JSON reader and writer, and flow files read through them:
//! agreement with serde_json on valid input, clear places for invalid input,
//! and no panic on anything.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Rng;
use decision_widget::engine::json::{self, push_string, Value, Writer};
use decision_widget::engine::{FlowErrorKind, RawFlow, BUILTIN_FLOW_JSON};

/// Our value as serde_json's, to compare the two readers.
fn to_serde(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::json!(*n),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(fields) => {
            serde_json::Value::Object(fields.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
        }
    }
}

/// serde_json's value with every number as a float, like ours.
fn floats(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Number(n) => serde_json::json!(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::Array(items) => serde_json::Value::Array(items.into_iter().map(floats).collect()),
        serde_json::Value::Object(map) => {
            serde_json::Value::Object(map.into_iter().map(|(k, v)| (k, floats(v))).collect())
        }
        other => other,
    }
}

#[test]
fn valid_documents_read_like_serde_json() {
    let cases = [
        "null",
        "true",
        " [1, -2, 30, 0] ",
        r#"{"a": {"b": [true, false, null]}, "c": ""}"#,
        r#""quote \" backslash \\ slash \/ tab \t newline \n""#,
        r#""\u00e9 \u2028 \ud83d\ude80 é 🚀""#,
        r#"{"n": 1700000000000, "e": 2e3, "f": 1.5}"#,
        BUILTIN_FLOW_JSON,
    ];
    for text in cases {
        let ours = json::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let theirs: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(to_serde(&ours), floats(theirs), "{text}");
    }
}

#[test]
fn invalid_documents_say_where() {
    let cases = [
        ("", 1, 1, "the text ends where a value should be"),
        ("{", 1, 2, "expected a key in double quotes"),
        ("{\"a\" 1}", 1, 6, "expected ':' after a key"),
        ("[1 2]", 1, 4, "expected ',' or ']' in a list"),
        ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "expected a JSON value"),
        ("\"abc", 1, 5, "the text ends inside a string"),
        ("\"a\u{1}\"", 1, 3, "a control character inside a string"),
        ("\"\\x\"", 1, 4, "an unknown escape in a string"),
        ("\"\\u12\"", 1, 4, "a \\u escape needs four hex digits"),
        ("-", 1, 2, "a number needs digits"),
        ("1.", 1, 3, "a number needs digits after '.'"),
        ("[1] x", 1, 5, "unexpected text after the end of the JSON value"),
        ("'single'", 1, 1, "expected a JSON value"),
    ];
    for (text, line, column, message) in cases {
        let error = json::parse(text).expect_err(text);
        assert_eq!(
            (error.line, error.column, error.message),
            (line, column, message),
            "{text:?}"
        );
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err(),
            "serde_json agrees {text:?} is invalid"
        );
    }
    let deep = "[".repeat(40) + &"]".repeat(40);
    assert_eq!(json::parse(&deep).expect_err("too deep").message, "nested too deeply");
}

#[test]
fn any_text_parses_or_fails_without_panic() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let pieces = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "1", "-", ".", "e", "true", "null", " ", "é", "🚀",
        "\n", "\u{0}", "x",
    ];
    for _ in 0..200_000 {
        let len = rng.below(24);
        let text: String = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
        let ours = json::parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        // Where serde_json reads a document, so do we, to the same value.
        if let Ok(theirs) = theirs {
            let ours = ours.unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(to_serde(&ours), floats(theirs), "{text:?}");
        }
    }
}

#[test]
fn written_strings_read_back_unchanged() {
    for text in [
        "",
        "plain",
        "quote \" and \\",
        "<script>&</script>",
        "\u{2028}\u{2029}\u{0}\u{1f}\n\t",
        "é 🚀",
    ] {
        let mut out = String::new();
        push_string(&mut out, text);
        assert!(!out.contains('<') && !out.contains('\u{2028}'), "{out}");
        assert_eq!(json::parse(&out).expect("valid"), Value::String(text.to_owned()));
        let theirs: String = serde_json::from_str(&out).expect("serde_json reads it too");
        assert_eq!(theirs, text);
    }
}

#[test]
fn writer_pretty_and_compact() {
    let write = |mut w: Writer| {
        w.open('{');
        w.key("a");
        w.number(1);
        w.key("b");
        w.open('[');
        w.item();
        w.string("x");
        w.item();
        w.null();
        w.close(']');
        w.key("c");
        w.open('{');
        w.close('}');
        w.close('}');
        w.finish()
    };
    assert_eq!(write(Writer::compact()), r#"{"a":1,"b":["x",null],"c":{}}"#);
    assert_eq!(
        write(Writer::default()),
        "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    null\n  ],\n  \"c\": {}\n}"
    );
}

#[test]
fn flow_files_of_the_wrong_shape_name_the_place() {
    let base = r#"{"format":1,"id":"f","version":1,"title":"T","start":"q",
        "questions":[{"id":"q","text":"Q?","yes":"a","no":"a"}],"outcomes":[{"id":"a","title":"A"}]}"#;
    assert!(RawFlow::from_json(base).is_ok());
    let cases = [
        (
            base.replace(r#""version":1"#, r#""version":"1""#),
            "`version` must be a whole number, not a string",
        ),
        (
            base.replace(r#""version":1"#, r#""version":1.5"#),
            "`version` must be a whole number, not a number",
        ),
        (base.replace(r#""title":"T","#, ""), "`title` is missing from the file"),
        (
            base.replace(r#""yes":"a""#, r#""yes":["a"]"#),
            "`questions[0].yes` must be text, not a list",
        ),
        (
            base.replace(r#""text":"Q?""#, r#""text":"Q?","colour":"red""#),
            "`questions[0]` has an unknown field `colour`",
        ),
        (
            base.replace(r#""outcomes":[{"id":"a","title":"A"}]"#, r#""outcomes":{"id":"a"}"#),
            "`outcomes` must be a list, not an object",
        ),
        (
            base.replace(r#"{"id":"a","title":"A"}"#, r#"{"id":"a"}"#),
            "`outcomes[0].title` is missing",
        ),
        (String::from("[]"), "the file must be an object, not a list"),
        (
            String::from("{\"format\": 1,"),
            "line 1, column 14: expected a key in double quotes",
        ),
    ];
    for (text, expected) in cases {
        let errors = RawFlow::from_json(&text).expect_err(expected);
        assert!(matches!(errors.0[0].kind, FlowErrorKind::Syntax { .. }));
        assert_eq!(
            errors.to_string(),
            String::from("flow: not a valid flow file: ") + expected
        );
    }
    // `null` for an optional field is the same as leaving it out.
    let with_null = base.replace(r#""text":"Q?""#, r#""text":"Q?","help":null"#);
    assert_eq!(RawFlow::from_json(&with_null).expect("valid").questions[0].help, None);
}
