//! Saved decisions: the stored format, its versions (lists stored by
//! earlier builds still open; newer or damaged ones are left alone), and
//! every change a reader can make to the list.
#![cfg(not(target_arch = "wasm32"))]

use dw_engine::saved::{
    SavedDecision, SavedId, SavedList, StoreProblem, StoredList, MAX_ITEMS, MAX_NOTE, MAX_TITLE, STORE_VERSION,
};
use dw_engine::FlowId;

fn item(title: &str, saved_at: f64) -> SavedDecision {
    SavedDecision {
        id: SavedId::default(),
        flow: "rag-vs-fine-tuning".into(),
        flow_version: 1,
        link: "dw1/rag-vs-fine-tuning@1/data-freshness=y".into(),
        outcome: Some("rag".into()),
        title: title.into(),
        note: String::new(),
        saved_at,
    }
}

#[test]
fn stored_json_has_the_documented_shape() {
    let mut list = SavedList::default();
    list.add(item("First", 1_700_000_000_000.0)).expect("room");
    let json: serde_json::Value = serde_json::from_str(&list.to_stored().to_json()).expect("valid JSON");
    assert_eq!(json["version"], 1);
    let first = &json["items"][0];
    for key in [
        "id",
        "flow",
        "flowVersion",
        "link",
        "outcome",
        "title",
        "note",
        "savedAt",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["id"], "1700000000000");
}

#[test]
fn stored_lists_of_other_versions_are_refused() {
    let newer = StoredList {
        version: STORE_VERSION + 1,
        items: Vec::new(),
    };
    assert_eq!(SavedList::from_stored(newer), Err(StoreProblem::Newer { version: 2 }));
    let zero = StoredList {
        version: 0,
        items: Vec::new(),
    };
    assert_eq!(SavedList::from_stored(zero), Err(StoreProblem::Unreadable));
    assert_eq!(
        StoredList::from_json(r#"{"theme":"dark"}"#),
        Err(StoreProblem::Unreadable)
    );
    assert_eq!(StoredList::from_json("{not json"), Err(StoreProblem::Unreadable));
    assert_eq!(
        StoredList::from_json(r#"{"version": 9, "items": "renamed"}"#),
        Err(StoreProblem::Newer { version: 9 })
    );
    assert_eq!(
        StoredList::from_json(r#"{"version": 1, "items": [{"id": 3}]}"#),
        Err(StoreProblem::Unreadable),
        "an item missing its fields makes the list unreadable, not partly read"
    );
}

#[test]
fn a_round_trip_through_json_keeps_every_field() {
    let mut list = SavedList::default();
    list.add(item("One", 1.0)).expect("room");
    list.add(item("Two", 2.0)).expect("room");
    let text = list.to_stored().to_json();
    let back = SavedList::from_stored(StoredList::from_json(&text).expect("readable")).expect("current version");
    assert_eq!(back, list);
    assert_eq!(back.items()[0].title, "Two", "newest first");
}

#[test]
fn ids_are_unique_even_for_the_same_millisecond() {
    let mut list = SavedList::default();
    let a = list.add(item("A", 5.0)).expect("room");
    let b = list.add(item("B", 5.0)).expect("room");
    let c = list.add(item("C", 5.0)).expect("room");
    assert_eq!([a.as_str(), b.as_str(), c.as_str()], ["5", "5-2", "5-3"]);
}

#[test]
fn titles_and_notes_are_trimmed_and_clipped() {
    let mut list = SavedList::default();
    let mut long = item(&"x".repeat(500), 1.0);
    long.note = "  note  ".into();
    let id = list.add(long).expect("room");
    let saved = list.get(&id).expect("saved");
    assert_eq!(saved.title.chars().count(), MAX_TITLE);
    assert_eq!(saved.note, "note");
    // Clipping counts characters, so it never splits one.
    let mut wide = item(&"日".repeat(500), 2.0);
    wide.note = "🚀".repeat(MAX_NOTE + 5);
    let id = list.add(wide).expect("room");
    let saved = list.get(&id).expect("saved");
    assert_eq!(saved.title, "日".repeat(MAX_TITLE));
    assert_eq!(saved.note.chars().count(), MAX_NOTE);
}

#[test]
fn rename_changes_title_and_note_but_never_blanks_the_title() {
    let mut list = SavedList::default();
    let id = list.add(item("Old", 1.0)).expect("room");
    assert!(list.rename(&id, "New", "why"));
    assert_eq!(
        (
            list.get(&id).expect("kept").title.as_str(),
            list.get(&id).expect("kept").note.as_str()
        ),
        ("New", "why")
    );
    assert!(list.rename(&id, "   ", ""));
    assert_eq!(list.get(&id).expect("kept").title, "New");
    assert!(!list.rename(&SavedId("missing".into()), "x", ""));
}

#[test]
fn remove_then_undo_restores_the_same_place() {
    let mut list = SavedList::default();
    for (t, at) in [("A", 1.0), ("B", 2.0), ("C", 3.0)] {
        list.add(item(t, at)).expect("room");
    }
    let two = SavedId("2".into());
    let (at, removed) = list.remove(&two).expect("present");
    assert_eq!((at, removed.title.as_str()), (1, "B"));
    assert!(list.get(&two).is_none());
    list.undo_remove(at, removed.clone());
    let titles: Vec<&str> = list.items().iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["C", "B", "A"]);
    // Undoing twice does not duplicate.
    list.undo_remove(at, removed);
    assert_eq!(list.items().len(), 3);
    assert!(list.remove(&SavedId("missing".into())).is_none());
}

#[test]
fn a_full_list_refuses_new_saves_without_dropping_any() {
    let mut list = SavedList::default();
    for i in 0..MAX_ITEMS {
        list.add(item("n", i as f64)).expect("room");
    }
    assert_eq!(list.add(item("one more", 1e9)), Err(StoreProblem::Full));
    assert_eq!(list.items().len(), MAX_ITEMS);
}

#[test]
fn for_flow_filters_by_flow_id() {
    let mut list = SavedList::default();
    list.add(item("A", 1.0)).expect("room");
    let mut other = item("B", 2.0);
    other.flow = "other-flow".into();
    list.add(other).expect("room");
    let (builtin, other) = (FlowId::from("rag-vs-fine-tuning"), FlowId::from("other-flow"));
    assert_eq!(list.for_flow(&builtin).count(), 1);
    assert_eq!(list.for_flow(&other).next().map(|i| i.title.as_str()), Some("B"));
    assert_eq!(list.for_flow(&FlowId::from("none")).count(), 0);
}

/// A list as the previous build (its own JSON writer) stored it: compact,
/// keys in this order, `savedAt` a whole number of milliseconds.
const STORED_BY_THE_PREVIOUS_BUILD: &str = r#"{"version":1,"items":[{"id":"1700000000500","flow":"rag-vs-fine-tuning","flowVersion":1,"link":"dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y","outcome":"fine-tune","title":"Support bot","note":"Tone matters more than facts here.","savedAt":1700000000500},{"id":"1700000000000","flow":"rag-vs-fine-tuning","flowVersion":1,"link":"dw1/rag-vs-fine-tuning@1/data-freshness=n","outcome":null,"title":"Half done","note":"","savedAt":1700000000000}]}"#;

#[test]
fn lists_stored_by_earlier_builds_still_open() {
    let list = SavedList::from_stored(StoredList::from_json(STORED_BY_THE_PREVIOUS_BUILD).expect("readable"))
        .expect("the current version");
    let items = list.items();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].id, SavedId("1700000000500".into()));
    assert_eq!(items[0].flow, FlowId::from("rag-vs-fine-tuning"));
    assert_eq!(items[0].flow_version, 1);
    assert_eq!(
        items[0].link,
        "dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=y"
    );
    assert_eq!(items[0].outcome.as_ref().map(|o| o.as_str()), Some("fine-tune"));
    assert_eq!(items[0].title, "Support bot");
    assert_eq!(items[0].note, "Tone matters more than facts here.");
    assert_eq!(items[0].saved_at, 1_700_000_000_500.0);
    assert_eq!(items[1].outcome, None);
    // Written back, it is byte for byte what that build wrote.
    assert_eq!(list.to_stored().to_json(), STORED_BY_THE_PREVIOUS_BUILD);

    // The first builds wrote `savedAt` as a float and could leave out the
    // note; such lists open too.
    let first = r#"{"version":1,"items":[{"id":"5","flow":"rag-vs-fine-tuning","flowVersion":1,"link":"dw1/rag-vs-fine-tuning@1","outcome":null,"title":"Old","savedAt":1700000000000.0}]}"#;
    let list = SavedList::from_stored(StoredList::from_json(first).expect("readable")).expect("the current version");
    assert_eq!(list.items()[0].note, "");
    assert_eq!(list.items()[0].saved_at, 1_700_000_000_000.0);
    assert!(
        list.to_stored().to_json().contains(r#""savedAt":1700000000000}"#),
        "written as a whole number"
    );
}

#[test]
fn texts_of_any_kind_survive_a_round_trip() {
    let mut list = SavedList::default();
    let mut odd = item("Quote \" backslash \\ <script>&amp; \u{2028} 🚀 日本", 3.0);
    odd.note = "line one\nline two\t\u{0}".into();
    list.add(odd).expect("room");
    let text = list.to_stored().to_json();
    let back = SavedList::from_stored(StoredList::from_json(&text).expect("readable")).expect("current");
    assert_eq!(back, list);
}

#[test]
fn newer_or_damaged_lists_are_left_alone() {
    let open = |text: &str| StoredList::from_json(text).and_then(SavedList::from_stored);
    // Newer lists may hold anything; they are not read, only recognised.
    for (text, version) in [
        (r#"{"version": 2, "items": []}"#, 2),
        (r#"{"version": 9, "items": "renamed"}"#, 9),
        (r#"{"items": [{"x": 1}], "version": 3, "more": true}"#, 3),
    ] {
        assert_eq!(open(text), Err(StoreProblem::Newer { version }), "{text}");
    }
    // Anything else that is not a list of ours is unreadable.
    for text in [
        "",
        "{not json",
        "null",
        "[]",
        r#"{"theme":"dark"}"#,
        r#"{"version": 1}"#,
        r#"{"version": "1", "items": []}"#,
        r#"{"version": 1.5, "items": []}"#,
        r#"{"version": -1, "items": []}"#,
        r#"{"version": 0, "items": []}"#,
        r#"{"version": 1, "items": {}}"#,
        r#"{"version": 1, "items": [{"id": 3}]}"#,
        r#"{"version": 1, "items": [], "version": 1}"#,
    ] {
        assert_eq!(open(text), Err(StoreProblem::Unreadable), "{text}");
    }
    // One damaged item makes the whole list unreadable rather than partly read.
    let damaged = STORED_BY_THE_PREVIOUS_BUILD.replacen(r#""flowVersion":1"#, r#""flowVersion":"one""#, 1);
    assert_eq!(open(&damaged), Err(StoreProblem::Unreadable));
    // Cut anywhere, the previous build's list never reads as something else.
    for end in 0..STORED_BY_THE_PREVIOUS_BUILD.len() {
        assert_eq!(
            open(&STORED_BY_THE_PREVIOUS_BUILD[..end]),
            Err(StoreProblem::Unreadable),
            "cut at {end}"
        );
    }
}

#[test]
fn problems_are_sentences_for_the_reader() {
    for problem in [
        StoreProblem::Unreadable,
        StoreProblem::Newer { version: 2 },
        StoreProblem::Full,
    ] {
        let text = problem.to_string();
        assert!(text.ends_with('.') && text.len() > 30, "{text}");
    }
}
