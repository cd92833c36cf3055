//! Component tests: the Yew widget mounted into a fresh element in headless
//! Chromium, driven by clicks and keys, checked by its text and events.

use std::cell::RefCell;
use std::rc::Rc;

use dw_engine::link::LinkIssue;
use dw_engine::words::Words;
use dw_engine::{Answer, Flow, FlowErrorKind};
use dw_widget::embed::load_flow;
use dw_widget::ui::{Widget, WidgetProps};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::scheduler::flush;

/// A widget mounted in its own element, with every event it sent.
struct Mounted {
    root: Element,
    events: Rc<RefCell<Vec<(String, JsValue)>>>,
    app: Option<yew::AppHandle<Widget>>,
    _listeners: Vec<Closure<dyn FnMut(web_sys::CustomEvent)>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .expect("a browser window")
        .document()
        .expect("a document")
}

async fn mount_with(flow: Option<&str>, answers: Vec<Answer>) -> Mounted {
    mount_over(flow, answers, Vec::new(), None).await
}

/// Mounts a widget; with `prerendered` markup in its element, it hydrates
/// that markup as `embed.js` does on a prerendered page.
async fn mount_over(
    flow: Option<&str>,
    answers: Vec<Answer>,
    notices: Vec<LinkIssue>,
    prerendered: Option<&str>,
) -> Mounted {
    let root = document().create_element("div").expect("a div");
    if let Some(markup) = prerendered {
        root.set_inner_html(markup);
    }
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attached");
    let events: Rc<RefCell<Vec<(String, JsValue)>>> = Rc::default();
    let listeners = ["decision-ready", "decision-change"]
        .into_iter()
        .map(|name| {
            let events = Rc::clone(&events);
            let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
                events.borrow_mut().push((e.type_(), e.detail()));
            });
            root.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("listener added");
            listener
        })
        .collect();
    let props = WidgetProps {
        answers: Rc::new(answers),
        host: Some(root.clone()),
        notices: Rc::new(notices),
        hydrating: prerendered.is_some(),
        ..WidgetProps::new(load_flow(flow, &Words::default()))
    };
    let renderer = yew::Renderer::<Widget>::with_root_and_props(root.clone(), props);
    let app = if prerendered.is_some() {
        renderer.hydrate()
    } else {
        renderer.render()
    };
    flush().await;
    Mounted {
        root,
        events,
        app: Some(app),
        _listeners: listeners,
    }
}

/// Lets Yew render, then waits until the browser has drawn the next frame,
/// after which the widget tells the host page and moves focus.
async fn settle() {
    flush().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let post = Closure::once_into_js(move || {
            web_sys::window()
                .expect("a browser window")
                .set_timeout_with_callback(&resolve)
                .expect("a task posted");
        });
        web_sys::window()
            .expect("a browser window")
            .request_animation_frame(post.unchecked_ref())
            .expect("a frame asked for");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the frame was drawn");
    flush().await;
}

/// Resolves when `target` next fires an event named `name`.
async fn next_event(target: &Element, name: &str) {
    let target = target.clone();
    let name = name.to_owned();
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        target
            .add_event_listener_with_callback_and_add_event_listener_options(&name, &resolve, &options)
            .expect("listener added");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("the event fires");
}

async fn mount() -> Mounted {
    mount_with(None, Vec::new()).await
}

impl Mounted {
    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).expect("a valid selector");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn one(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .expect("a valid selector")
            .unwrap_or_else(|| panic!("no {selector}"))
    }

    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }

    /// Clicks the button whose text is `label`, then lets Yew render and
    /// the browser draw the result.
    async fn click(&self, label: &str) {
        let button = self
            .all("button")
            .into_iter()
            .find(|b| b.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no button {label}"));
        button.unchecked_into::<HtmlElement>().click();
        settle().await;
    }

    async fn answer(&self, answers: &[&str]) {
        for a in answers {
            self.click(a).await;
        }
    }

    fn last_event(&self) -> (String, JsValue) {
        self.events.borrow().last().cloned().expect("an event")
    }
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).expect("an object")
}

#[wasm_bindgen_test]
async fn first_question_and_progress_show_on_mount() {
    let w = mount().await;
    assert_eq!(w.text(".dw-title"), "RAG or fine-tuning?");
    assert_eq!(w.text(".dw-progress"), "Question 1 of at most 4");
    assert!(w
        .text(".dw-question-text")
        .contains("changes more often than once a month"));
    // No Back or Start over before the first answer.
    assert!(w.all(".dw-nav button").is_empty());
    assert_eq!(w.all(".dw-node.is-current").len(), 1);
}

#[wasm_bindgen_test]
async fn a_first_yes_reaches_rag_and_announces_it() {
    let w = mount().await;
    w.click("Yes").await;
    assert_eq!(w.text(".dw-outcome-title"), "Retrieval-augmented generation");
    assert!(w
        .text(".dw-live")
        .starts_with("Recommendation: Retrieval-augmented generation."));
    assert_eq!(w.all(".dw-node.is-reached").len(), 1);
    // The lit path: one edge, drawn as the one subpath of the taken edges' path.
    let taken = w.all("path.dw-edge-line.is-taken");
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].get_attribute("d").unwrap_or_default().matches('M').count(), 1);
}

#[wasm_bindgen_test]
async fn the_last_question_decides_between_small_model_and_rag() {
    let w = mount().await;
    w.answer(&["No", "No", "No"]).await;
    assert_eq!(w.text(".dw-progress"), "Question 4 of 4");
    w.click("Yes").await;
    assert_eq!(
        w.text(".dw-outcome-title"),
        "Fine-tune a small open-weight model in your own environment"
    );
    let changes = w.all(".dw-changes li");
    assert_eq!(changes.len(), 4, "one counterfactual per answer");
    let last = changes[3].text_content().unwrap_or_default();
    assert!(
        last.contains("No would lead to Retrieval-augmented generation."),
        "{last}"
    );
    let first = changes[0].text_content().unwrap_or_default();
    assert!(
        first.contains("Yes would lead to Retrieval-augmented generation."),
        "{first}"
    );
}

#[wasm_bindgen_test]
async fn a_counterfactual_through_a_question_names_its_outcomes() {
    let w = mount().await;
    w.answer(&["No", "No", "Yes"]).await;
    assert_eq!(w.text(".dw-outcome-title"), "Fine-tune for style or format");
    let third = w.all(".dw-changes li")[2].text_content().unwrap_or_default();
    assert!(
        third.contains(
            "which can end in Retrieval-augmented generation or Fine-tune a small open-weight model in your own environment."
        ),
        "{third}"
    );
}

#[wasm_bindgen_test]
async fn back_and_start_over_undo_answers() {
    let w = mount().await;
    w.answer(&["No", "No"]).await;
    assert_eq!(w.text(".dw-progress"), "Question 3 of at most 4");
    w.click("Back").await;
    assert_eq!(w.text(".dw-progress"), "Question 2 of at most 4");
    w.click("Start over").await;
    assert_eq!(w.text(".dw-progress"), "Question 1 of at most 4");
    assert!(w.all(".dw-answer-row").is_empty());
}

#[wasm_bindgen_test]
async fn focus_moves_to_the_new_question_after_an_answer() {
    let w = mount().await;
    w.click("No").await;
    let active = document().active_element().expect("something focused");
    assert!(active.class_list().contains("dw-question-text"));
    assert!(active.text_content().unwrap_or_default().contains("cite"));
    w.click("Yes").await;
    let active = document().active_element().expect("something focused");
    assert!(active.class_list().contains("dw-outcome-title"));
}

#[wasm_bindgen_test]
async fn clicking_an_answered_node_in_the_chart_revisits_it() {
    let w = mount().await;
    w.answer(&["No", "No", "No"]).await;
    let answered = w.all("g.dw-node.is-answered");
    assert_eq!(answered.len(), 3);
    // A click bubbles, as a real one does: the chart takes its nodes'
    // clicks on its figure.
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    let click = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).expect("an event");
    answered[0].dispatch_event(&click).expect("dispatched");
    settle().await;
    assert_eq!(w.text(".dw-progress"), "Question 1 of at most 4");
    let (name, detail) = w.last_event();
    assert_eq!(name, "decision-change");
    assert_eq!(
        js_sys::Object::keys(&js_sys::Object::from(field(&detail, "answers"))).length(),
        0
    );
}

#[wasm_bindgen_test]
async fn an_answer_keeps_the_charts_shapes_in_place_and_changes_their_classes() {
    let w = mount().await;
    let nodes = w.all("g.dw-node");
    let labels = w.all("g.dw-edge-label");
    assert!(!nodes.is_empty() && !labels.is_empty());
    w.answer(&["No", "No"]).await;
    // The same elements, in the same order: an answer redraws no shape.
    for (what, before, after) in [
        ("node", &nodes, w.all("g.dw-node")),
        ("label", &labels, w.all("g.dw-edge-label")),
    ] {
        assert_eq!(before.len(), after.len(), "as many {what}s");
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            assert!(b.is_same_node(Some(a)), "{what} {i} is the element drawn first");
        }
    }
    assert_eq!(w.all("g.dw-node.is-answered").len(), 2);
    assert_eq!(w.all("g.dw-edge-label.is-taken").len(), 2);
}

#[wasm_bindgen_test]
async fn enter_on_a_chart_node_revisits_it() {
    let w = mount().await;
    w.answer(&["No", "No"]).await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("an event");
    w.all("g.dw-node.is-answered")[1]
        .dispatch_event(&key)
        .expect("dispatched");
    flush().await;
    assert_eq!(w.text(".dw-progress"), "Question 2 of at most 4");
}

#[wasm_bindgen_test]
async fn events_carry_the_public_detail() {
    let w = mount().await;
    {
        let events = w.events.borrow();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].0, "decision-ready");
        assert!(field(&events[0].1, "outcome").is_null());
    }
    w.answer(&["No", "Yes"]).await;
    let (name, detail) = w.last_event();
    assert_eq!(name, "decision-change");
    assert_eq!(
        field(&detail, "flow").as_string().as_deref(),
        Some("rag-vs-fine-tuning")
    );
    assert_eq!(field(&detail, "flowVersion").as_f64(), Some(1.0));
    assert_eq!(field(&detail, "outcome").as_string().as_deref(), Some("rag"));
    let answers = field(&detail, "answers");
    assert_eq!(field(&answers, "data-freshness").as_string().as_deref(), Some("no"));
    assert_eq!(field(&answers, "citations").as_string().as_deref(), Some("yes"));
    let path: Vec<String> = js_sys::Array::from(&field(&detail, "path"))
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(path, ["data-freshness", "citations", "rag"]);
    assert_eq!(w.events.borrow().len(), 3, "ready plus one change per answer");
}

#[wasm_bindgen_test]
async fn starting_answers_open_at_their_outcome_without_stealing_focus() {
    let w = mount_with(None, vec![Answer::NO, Answer::NO, Answer::YES]).await;
    assert_eq!(w.text(".dw-outcome-title"), "Fine-tune for style or format");
    let active = document().active_element();
    assert!(active.is_none_or(|a| !a.class_list().contains("dw-outcome-title")));
}

#[wasm_bindgen_test]
async fn the_text_chart_lists_every_question_and_outcome() {
    let w = mount().await;
    w.click("No").await;
    assert!(w.all(".dw-text-chart > ol > li").is_empty(), "drawn only once opened");
    let details = w.one(".dw-text-chart");
    let toggled = next_event(&details, "toggle");
    w.one(".dw-text-chart > summary")
        .unchecked_into::<HtmlElement>()
        .click();
    toggled.await;
    flush().await;
    assert_eq!(w.all(".dw-text-chart > ol > li").len(), 4);
    assert_eq!(w.all(".dw-text-chart > ul > li").len(), 3);
    assert_eq!(w.all(".dw-text-mark").len(), 1, "the reader's answer is marked");
}

#[wasm_bindgen_test]
async fn an_unknown_flow_shows_an_error_in_the_widget() {
    let w = mount_with(Some("no-such-flow"), Vec::new()).await;
    let alert = w.text("[role=alert]");
    assert!(alert.contains("no built-in flow named “no-such-flow”"), "{alert}");
    assert!(w.all("button").is_empty());
}

#[wasm_bindgen_test]
fn parse_flow_reports_syntax_and_validation_errors() {
    let syntax = Flow::from_json("{ not json").expect_err("not JSON");
    assert!(matches!(syntax.0[0].kind, FlowErrorKind::Syntax { .. }));
    let shape = Flow::from_json("{\"format\": 1}").expect_err("missing fields");
    assert!(matches!(shape.0[0].kind, FlowErrorKind::Syntax { .. }));
    let bad = Flow::from_json(
        r#"{"format":1,"id":"f","version":1,"title":"T","start":"q",
            "questions":[{"id":"q","text":"Q?","yes":"a","no":"b"}],
            "outcomes":[{"id":"a","title":"A"}]}"#,
    )
    .expect_err("unknown target");
    assert_eq!(
        bad.0[0].to_string(),
        "question `q`: answer `no` leads to unknown node `b`"
    );
}

/// The built-in flow at its start, rendered as the release build
/// prerenders it into the pages.
async fn prerendered_start() -> String {
    yew::LocalServerRenderer::<Widget>::with_props(WidgetProps::new(load_flow(None, &Words::default())))
        .render()
        .await
}

#[wasm_bindgen_test]
async fn hydrating_takes_over_the_prerendered_markup() {
    let markup = prerendered_start().await;
    assert!(markup.contains("Question 1 of at most 4"), "{markup}");
    let w = mount_over(None, Vec::new(), Vec::new(), Some(&markup)).await;
    assert_eq!(w.all(".dw").len(), 1, "one widget, not the markup plus a new one");
    w.click("No").await;
    assert_eq!(w.text(".dw-progress"), "Question 2 of at most 4");
    let events = w.events.borrow();
    assert_eq!(events.len(), 2, "one decision-ready, then one decision-change");
    assert_eq!(events[0].0, "decision-ready");
    assert_eq!(events[1].0, "decision-change");
}

#[wasm_bindgen_test]
async fn hydrated_markup_keeps_its_elements() {
    let markup = prerendered_start().await;
    let root = document().create_element("div").expect("a div");
    root.set_inner_html(&markup);
    let svg = root.query_selector("svg").expect("a selector").expect("the chart");
    let question = root.query_selector("h3").expect("a selector").expect("the question");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attached");
    let props = WidgetProps {
        hydrating: true,
        ..WidgetProps::new(load_flow(None, &Words::default()))
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(root.clone(), props).hydrate();
    flush().await;
    assert!(
        svg.is_connected() && question.is_connected(),
        "prerendered nodes were replaced"
    );
    let now = root.query_selector("h3").expect("a selector").expect("the question");
    assert!(now.is_same_node(Some(&question)));
    // Hydrated, the buttons answer.
    let no = root
        .query_selector_all(".dw-btn-answer")
        .expect("a selector")
        .item(1)
        .expect("No");
    no.unchecked_into::<HtmlElement>().click();
    flush().await;
    assert!(
        question.text_content().unwrap_or_default().contains("cite"),
        "the second question shows"
    );
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_link_takes_over_once_hydrated_and_ready_carries_it() {
    let markup = prerendered_start().await;
    let issue = LinkIssue::VersionChanged {
        link: 2,
        current: 1,
        reset_from: None,
    };
    let notice = String::from("This link was made with a newer version of this flow (version 2).");
    let w = mount_over(None, vec![Answer::NO, Answer::NO], vec![issue], Some(&markup)).await;
    assert_eq!(w.text(".dw-progress"), "Question 3 of at most 4");
    assert!(w.text(".dw-notice").contains(&notice));
    let events = w.events.borrow();
    assert_eq!(events.len(), 1, "only decision-ready, and only after the link applied");
    assert_eq!(events[0].0, "decision-ready");
    let answers = field(&events[0].1, "answers");
    assert_eq!(field(&answers, "data-freshness").as_string().as_deref(), Some("no"));
    assert_eq!(field(&answers, "citations").as_string().as_deref(), Some("no"));
}
