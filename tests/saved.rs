//! Saved decisions: the stored format, its versions, and every change a
//! reader can make to the list.
#![cfg(not(target_arch = "wasm32"))]

use decision_widget::engine::saved::{SavedDecision, SavedList, StoreProblem, StoredList, MAX_ITEMS, STORE_VERSION};

fn item(title: &str, saved_at: f64) -> SavedDecision {
    SavedDecision {
        id: String::new(),
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
    assert_eq!(saved.title.chars().count(), 120);
    assert_eq!(saved.note, "note");
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
    assert!(!list.rename("missing", "x", ""));
}

#[test]
fn remove_then_undo_restores_the_same_place() {
    let mut list = SavedList::default();
    for (t, at) in [("A", 1.0), ("B", 2.0), ("C", 3.0)] {
        list.add(item(t, at)).expect("room");
    }
    let (at, removed) = list.remove("2").expect("present");
    assert_eq!((at, removed.title.as_str()), (1, "B"));
    assert!(list.get("2").is_none());
    list.undo_remove(at, removed.clone());
    let titles: Vec<&str> = list.items().iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["C", "B", "A"]);
    // Undoing twice does not duplicate.
    list.undo_remove(at, removed);
    assert_eq!(list.items().len(), 3);
    assert!(list.remove("missing").is_none());
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
    assert_eq!(list.for_flow("rag-vs-fine-tuning").count(), 1);
    assert_eq!(list.for_flow("other-flow").next().map(|i| i.title.as_str()), Some("B"));
}
