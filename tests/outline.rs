//! Native tests of the flow outline the build puts into the pages for
//! readers without JavaScript: complete, linked within itself, and escaped.
#![cfg(not(target_arch = "wasm32"))]

use decision_widget::engine::outline;

mod common;
use common::{arr, builtin, file, parse};

/// Every value of `attribute="…"` in `html`, in order.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("a closed attribute")]
        })
        .collect()
}

fn titled(id: &str) -> Option<String> {
    Some(format!("Section {id}"))
}

#[test]
fn the_outline_holds_every_question_outcome_and_reason() {
    let flow = builtin();
    let html = outline::html(&flow, "flow-", &titled);
    for node in flow.nodes() {
        if let Some(question) = node.question() {
            assert!(
                html.contains(&question.text.replace('\'', "&#39;")),
                "{}",
                question.text
            );
        }
        if let Some(outcome) = node.outcome() {
            assert!(html.contains(&outcome.title), "{}", outcome.title);
            for reason in &outcome.reasons {
                assert!(html.contains(&reason.text.replace('\'', "&#39;")), "{}", reason.text);
            }
        }
    }
    assert_eq!(html.matches("<li id=\"flow-").count(), flow.nodes().len());
    assert!(
        html.contains("go on to question 2"),
        "answers lead to numbered questions"
    );
    assert!(html.contains("recommendation: Retrieval-augmented generation"));
    assert!(html.contains("In practice:"), "the flow's practice note is there");
}

#[test]
fn answer_links_point_at_entries_of_the_outline() {
    let html = outline::html(&builtin(), "flow-", &|_| None);
    let ids = attributes(&html, "id");
    let targets: Vec<&str> = attributes(&html, "href").into_iter().map(|h| &h[1..]).collect();
    assert_eq!(targets.len(), 8, "two answers for each of four questions");
    for target in targets {
        assert!(ids.contains(&target), "#{target} names nothing in the outline");
    }
}

#[test]
fn reasons_link_only_to_sections_the_page_has() {
    let flow = builtin();
    let none = outline::html(&flow, "flow-", &|_| None);
    assert!(!none.contains("Read “"), "no section, no link");
    let some = outline::html(&flow, "flow-", &|id| {
        (id == "rag-is-the-default").then(|| "RAG".to_owned())
    });
    assert!(some.contains("<a href=\"#rag-is-the-default\">Read “RAG”</a>"));
    assert!(
        !some.contains("#build-rag-first"),
        "a section the page lacks gets no link"
    );
}

#[test]
fn texts_are_escaped() {
    let questions = arr(&[r#"{"id":"q","text":"<script>x</script> & \"q\"?","yes":"a","no":"b"}"#.to_owned()]);
    let outcomes = arr(&[
        r#"{"id":"a","title":"<b>A</b>","reasons":[{"text":"1 < 2","section":"s\"x"}]}"#.to_owned(),
        r#"{"id":"b","title":"B"}"#.to_owned(),
    ]);
    let flow = parse(&file("f", 1, "q", &questions, &outcomes)).expect("a valid flow");
    let html = outline::html(&flow, "p-", &|_| Some("<i>T</i>".to_owned()));
    assert!(
        !html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;?"));
    assert!(html.contains("1 &lt; 2"));
}
