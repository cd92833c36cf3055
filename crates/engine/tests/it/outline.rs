//! Native tests of the flow outline the build puts into the pages for
//! readers without JavaScript: complete, linked within itself, several
//! answers in the author's order, and (read by an XML parser) showing every
//! text exactly as written; and the flow-as-text model it shares with the
//! widget's screen-reader text.
#![cfg(not(target_arch = "wasm32"))]

use dw_engine::outline;
use dw_engine::words::Words;

use crate::common::{arr, builtin, file, parse};

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
    let html = outline::html(&flow, &Words::for_flow(&flow), "flow-", &titled);
    let doc = roxmltree::Document::parse(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("li"))
        .map(text_of)
        .collect();
    for node in flow.nodes() {
        let entry = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("flow-{}", node.id)))
            .unwrap_or_else(|| panic!("no entry for {}", node.id));
        let entry = text_of(entry);
        if let Some(question) = node.question() {
            assert!(entry.starts_with(&question.text), "{entry}");
        }
        if let Some(outcome) = node.outcome() {
            assert!(entry.starts_with(&outcome.title), "{entry}");
            for reason in &outcome.reasons {
                let section = reason.section.as_deref().expect("built-in reasons have sections");
                let line = format!("{} Read: Section {section}", reason.text);
                assert!(texts.contains(&line), "{line}");
            }
        }
    }
    assert_eq!(html.matches("<li id=\"flow-").count(), flow.nodes().len());
    assert!(
        texts.contains(&"No: go on to question 2".to_owned()),
        "answers lead to numbered questions"
    );
    assert!(texts.contains(&"Yes: recommendation: Retrieval-augmented generation".to_owned()));
    assert!(html.contains("In practice:"), "the flow's practice note is there");
}

#[test]
fn answer_links_point_at_entries_of_the_outline() {
    let html = outline::html(&builtin(), &Words::default(), "flow-", &|_| None);
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
    let none = outline::html(&flow, &Words::for_flow(&flow), "flow-", &|_| None);
    assert!(!none.contains("Read:"), "no section, no link");
    let some = outline::html(&flow, &Words::for_flow(&flow), "flow-", &|id| {
        (id == "rag-is-the-default").then(|| "RAG".to_owned())
    });
    assert!(some.contains("<a href=\"#rag-is-the-default\">Read: RAG</a>"));
    assert!(
        !some.contains("#build-rag-first"),
        "a section the page lacks gets no link"
    );
}

/// The text of `node` and everything in it.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The elements named `name` with class `class`.
fn with_class<'a, 'i>(doc: &'a roxmltree::Document<'i>, name: &str, class: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(name) && n.attribute("class") == Some(class))
        .collect()
}

/// The items directly inside `list`.
fn items<'a, 'i>(list: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    list.children().filter(|n| n.has_tag_name("li")).collect()
}

#[test]
fn several_answers_are_listed_in_the_authors_order() {
    let flow = crate::common::valid(crate::common::DATABASE_FLOW);
    let html = outline::html(&flow, &Words::for_flow(&flow), "db-", &|_| None);
    // The outline is well-formed markup; an XML parser reads it whole.
    let doc = roxmltree::Document::parse(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
    let questions = with_class(&doc, "ol", "dw-outline-questions");
    let questions = items(questions[0]);
    // Numbered in the order a reader meets them; each answer says where it
    // leads, with the flow's own word for "yes".
    let got: Vec<(String, String, Vec<String>)> = questions
        .iter()
        .map(|q| {
            let answers = q
                .descendants()
                .filter(|n| n.has_tag_name("ul"))
                .flat_map(items)
                .map(text_of)
                .collect();
            let id = q.attribute("id").unwrap_or_default().to_owned();
            let text = text_of(
                q.descendants()
                    .find(|n| n.has_tag_name("strong"))
                    .expect("a question text"),
            );
            (id, text, answers)
        })
        .collect();
    let want = [
        (
            "db-data-shape",
            "What shape is most of your data?",
            &[
                "Tables: go on to question 2",
                "Documents: go on to question 3",
                "A graph: recommendation: A graph database",
            ][..],
        ),
        (
            "db-transactions",
            "Do you need transactions across several rows?",
            &["Yes, we do: go on to question 4", "No: go on to question 3"],
        ),
        (
            "db-scale",
            "How many records will you keep?",
            &[
                "Thousands: go on to question 4",
                "Millions: recommendation: A document database",
                "Billions: recommendation: A wide-column store",
            ],
        ),
        (
            "db-hosting",
            "Where will it run?",
            &[
                "A managed service: recommendation: PostgreSQL",
                "Inside the app: recommendation: SQLite",
            ],
        ),
    ];
    let want: Vec<(String, String, Vec<String>)> = want
        .iter()
        .map(|(id, text, answers)| {
            (
                id.to_string(),
                text.to_string(),
                answers.iter().map(|a| a.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(got, want);

    // Every answer links to an entry of the outline: one link per choice.
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let links: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("href")).collect();
    assert_eq!(links.len(), 3 + 2 + 3 + 2);
    for link in links {
        assert!(ids.contains(&&link[1..]), "{link} names nothing in the outline");
    }
    let outcomes = items(with_class(&doc, "ul", "dw-outline-outcomes")[0]);
    assert_eq!(outcomes.len(), 5);
}

#[test]
fn texts_arrive_unchanged_through_an_xml_parser() {
    // An XML parser, not a re-statement of the escaping rules, says what a
    // reader's browser will show.
    let question = "<script>x</script> & \"q\" 'quoted' 🚀?";
    let questions = arr(&[serde_json::json!({"id": "q", "text": question, "yes": "a", "no": "b"}).to_string()]);
    let outcomes = arr(&[
        serde_json::json!({"id": "a", "title": "<b>A</b> &amp;", "reasons": [{"text": "1 < 2 > 0", "section": "s\"x"}]})
            .to_string(),
        r#"{"id":"b","title":"B"}"#.to_owned(),
    ]);
    let flow = parse(&file("f", 1, "q", &questions, &outcomes)).expect("a valid flow");
    let html = outline::html(&flow, &Words::for_flow(&flow), "p\"<", &|_| Some("<i>T</i>".to_owned()));
    let doc = roxmltree::Document::parse(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
    let elements: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    for name in ["script", "b", "i"] {
        assert!(!elements.contains(&name), "<{name}> became an element:\n{html}");
    }
    let strong: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("strong"))
        .map(text_of)
        .collect();
    assert!(strong.contains(&question.to_owned()), "{strong:?}");
    assert!(strong.contains(&"<b>A</b> &amp;".to_owned()), "{strong:?}");
    let reason = doc
        .descendants()
        .find(|n| n.has_tag_name("li") && text_of(*n).starts_with("1 < 2 > 0"))
        .expect("the reason");
    assert_eq!(text_of(reason), "1 < 2 > 0 Read: <i>T</i>");
    let link = reason.descendants().find(|n| n.has_tag_name("a")).expect("a link");
    assert_eq!(link.attribute("href"), Some("#s\"x"));
    // Ids carry the prefix as given, escaped in the attribute.
    assert_eq!(doc.root_element().attribute("aria-labelledby"), Some("p\"<outline"));
}

#[test]
fn the_text_model_marks_the_readers_answers() {
    use dw_engine::text::{FlowText, Target};
    use dw_engine::words::Words;
    let flow = crate::common::valid(crate::common::DATABASE_FLOW);
    let words = Words::for_flow(&flow);
    let walk = flow.walk(&crate::common::answers(
        &flow,
        "data-shape=tables transactions=yes hosting=managed",
    ));
    let text = FlowText::new(&flow, Some(&walk), &words);
    // (number, question, its answers as `label -> where`, with `*` for the reader's)
    let got: Vec<(usize, &str, Vec<String>)> = text
        .questions
        .iter()
        .map(|q| {
            let answers = q
                .answers
                .iter()
                .map(|a| {
                    let to = match a.target {
                        Target::Question(n, text) => format!("{n}. {text}"),
                        Target::Outcome(title) => title.to_owned(),
                    };
                    format!("{}{} -> {to}", if a.chosen { "*" } else { "" }, a.label)
                })
                .collect();
            (q.number, q.text, answers)
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                "What shape is most of your data?",
                vec![
                    "*Tables -> 2. Do you need transactions across several rows?".to_owned(),
                    "Documents -> 3. How many records will you keep?".to_owned(),
                    "A graph -> A graph database".to_owned(),
                ]
            ),
            (
                2,
                "Do you need transactions across several rows?",
                vec![
                    "*Yes, we do -> 4. Where will it run?".to_owned(),
                    "No -> 3. How many records will you keep?".to_owned(),
                ]
            ),
            (
                3,
                "How many records will you keep?",
                vec![
                    "Thousands -> 4. Where will it run?".to_owned(),
                    "Millions -> A document database".to_owned(),
                    "Billions -> A wide-column store".to_owned(),
                ]
            ),
            (
                4,
                "Where will it run?",
                vec![
                    "*A managed service -> PostgreSQL".to_owned(),
                    "Inside the app -> SQLite".to_owned()
                ]
            ),
        ]
    );
    let titles: Vec<&str> = text.outcomes.iter().map(|o| o.title).collect();
    assert_eq!(
        titles,
        [
            "PostgreSQL",
            "SQLite",
            "A document database",
            "A graph database",
            "A wide-column store"
        ]
    );
    assert_eq!(
        text.practice.map(|p| p.text.as_str()),
        Some("Start with what your team knows.")
    );
    // Without a walk, nothing is marked.
    let unmarked = FlowText::new(&flow, None, &words);
    assert!(unmarked.questions.iter().flat_map(|q| &q.answers).all(|a| !a.chosen));
}
