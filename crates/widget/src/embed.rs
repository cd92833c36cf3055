//! The entry point JavaScript calls: [`mount`] puts a widget into an
//! element — taking over the markup prerendered there when it can, drawing
//! anew when it cannot, explaining a broken flow file through the engine's
//! tools — and returns a [`WidgetHandle`] to set its answers, links and
//! language, and to destroy it. `static/embed.js` wraps it in the
//! `<decision-widget>` custom element and the `mountWidget` API; what stays
//! in JavaScript is defining the element, fetching the wasm, the flow and
//! the language file, and saying that the wasm did not load.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::{AppHandle, AttrValue};

use crate::ui::state::open_link;
use crate::ui::{flow_fingerprint, LoadError, Widget, WidgetProps, INLINE_FLOW, MARKUP_FINGERPRINT};
use crate::web;
use dw_engine::link::{self, LinkIssue, LinkState};
use dw_engine::words::{Table, Words};
use dw_engine::{Answer, ChoiceId, Decision, Flow, NodeId, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};

/// How many characters of a file name or URL an error message repeats.
const SOURCE_CHARS: usize = 200;

/// A mounted widget, owned by the element that mounted it.
#[wasm_bindgen]
pub struct WidgetHandle {
    mounted: Rc<RefCell<Mounted>>,
    /// The element the widget renders into: the one given to [`mount`], or
    /// the fresh one that took the place of prerendered markup it could
    /// not take over.
    root: Element,
}

/// The widget's app and the props it was last given, shared with the task
/// that explains a broken flow file.
struct Mounted {
    app: Option<AppHandle<Widget>>,
    props: WidgetProps,
}

impl Mounted {
    /// Gives the widget `props`, when it is still mounted.
    fn update(&mut self) {
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and releases everything it holds. Safe to call
    /// more than once.
    pub fn destroy(&mut self) {
        if let Some(app) = self.mounted.borrow_mut().app.take() {
            app.destroy();
        }
    }

    /// The element the widget renders into (see [`mount`]).
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> Element {
        self.root.clone()
    }

    /// Makes share links (and the exports' links to the article's sections)
    /// lead to `page` instead of this page's URL, or back to this page's
    /// with `null`: the iframe page names the page that embeds it. Throws,
    /// changing nothing, unless `page` is an absolute http(s) URL without a
    /// user name or password; its fragment is dropped.
    #[wasm_bindgen(js_name = setLinkBase)]
    pub fn set_link_base(&mut self, page: Option<String>) -> Result<(), JsError> {
        let base = link_base(page.as_deref())?;
        let mut mounted = self.mounted.borrow_mut();
        if base != mounted.props.link_base {
            mounted.props.link_base = base;
            mounted.update();
        }
        Ok(())
    }

    /// Speaks `lang` with `words`, the `words` of its language file
    /// (`lang/<lang>.json`, read with `JSON.parse`), or English with `null`;
    /// the reader's answers stay. Words that cannot be read leave the
    /// widget as it is and throw.
    #[wasm_bindgen(js_name = setWords)]
    pub fn set_words(&mut self, lang: Option<String>, words: JsValue) -> Result<(), JsError> {
        let table = read_table(lang, words)?;
        let mut mounted = self.mounted.borrow_mut();
        if table != mounted.props.table {
            mounted.props.table = table;
            mounted.update();
        }
        Ok(())
    }

    /// The language the widget speaks, a BCP 47 tag (`en` for English).
    #[wasm_bindgen(getter)]
    pub fn lang(&self) -> String {
        self.mounted
            .borrow()
            .props
            .table
            .as_ref()
            .map_or_else(|| String::from("en"), |t| t.lang.clone())
    }

    /// Sets the reader's answers, as when the host changes the `answers`
    /// attribute or calls `setAnswers` on the element.
    ///
    /// `value` is a share-link code or a whole share link, an object
    /// `{question id: "yes" | "no"}`, or `null` / `""` for no answers.
    /// `current` is the `answers` object of the widget's last
    /// `decision-change` (or `null`). Throws, changing nothing, when `value`
    /// cannot be read for this flow.
    ///
    /// Returns whether a `decision-change` follows: `false` when the widget
    /// shows these answers already.
    #[wasm_bindgen(js_name = setAnswers)]
    pub fn set_answers(&mut self, value: JsValue, current: JsValue) -> Result<bool, JsError> {
        let mut mounted = self.mounted.borrow_mut();
        let Ok(flow) = &mounted.props.flow else {
            return Err(JsError::new(
                "this widget shows an error instead of a flow, so it has no answers to set",
            ));
        };
        let (answers, notices) = answers_from_js(flow, &value)?;
        let answers = Decision::new(flow, &answers).answers().to_vec();
        let current = answers_from_js(flow, &current)
            .map(|(a, _)| Decision::new(flow, &a).answers().to_vec())
            .ok();
        let changes = current.as_ref() != Some(&answers);
        // A new revision makes the widget apply the answers even when they
        // equal the ones it was last given and the reader has moved on.
        let props = &mut mounted.props;
        props.answers = Rc::new(answers);
        props.notices = Rc::new(notices);
        props.answers_revision = props.answers_revision.wrapping_add(1);
        mounted.update();
        Ok(changes)
    }
}

/// Reads answers a host page passed in: a share-link code or link, an
/// object of question ids to choice ids (`"yes"` / `"no"` on a yes/no
/// question), or nothing. An object is restored like a link, so it gets
/// the same notices; answers that name no question or no choice of this
/// flow are refused, changing nothing.
fn answers_from_js(flow: &Flow, value: &JsValue) -> Result<(Vec<Answer>, Vec<LinkIssue>), JsError> {
    if value.is_null() || value.is_undefined() {
        return Ok(Default::default());
    }
    if let Some(text) = value.as_string() {
        let text = text.trim();
        // A whole share link works as well as its fragment.
        let code = text.rsplit_once('#').map_or(text, |(_, code)| code);
        if code.is_empty() {
            return Ok(Default::default());
        }
        return open_link(flow, code)
            .map(|(decision, notices)| (decision.answers().to_vec(), notices))
            .ok_or_else(|| {
                let code: String = code.chars().take(SOURCE_CHARS).collect();
                JsError::new(&format!("not a decision link for the flow `{}`: {code}", flow.id()))
            });
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(JsError::new(
            "answers must be a decision link, an object {question id: choice id}, or null",
        ));
    }
    let mut answers = Vec::new();
    for entry in js_sys::Object::entries(value.unchecked_ref()).iter() {
        let pair = js_sys::Array::from(&entry);
        let (Some(id), Some(choice)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            return Err(JsError::new(
                "answers must map question ids to choice ids (\"yes\" or \"no\" for yes/no questions)",
            ));
        };
        let id: String = id.chars().take(SOURCE_CHARS).collect();
        let Some(question) = flow.find(&id).and_then(|ix| flow.question(ix)) else {
            return Err(JsError::new(&format!(
                "the flow `{}` has no question `{id}`",
                flow.id()
            )));
        };
        if question.find(&choice).is_none() {
            let choices: Vec<&str> = question.choices.iter().map(|c| c.id.as_str()).collect();
            let choice: String = choice.chars().take(SOURCE_CHARS).collect();
            return Err(JsError::new(&format!(
                "the answer to `{id}` must be one of its choices ({}), not `{choice}`",
                choices.join(", ")
            )));
        }
        answers.push((NodeId::from(id.as_str()), ChoiceId::from(choice.as_str())));
    }
    let state = LinkState {
        flow: Some(flow.id().clone()),
        flow_version: None,
        answers,
        format: link::FORMAT,
    };
    let (decision, issues) = link::restore(flow, &state);
    Ok((decision.answers().to_vec(), issues))
}

/// A language's table from its tag and its file's `words` (a plain object
/// of texts by key, which `embed.js` read with `JSON.parse`); `None`
/// (English) for no language.
fn read_table(lang: Option<String>, words: JsValue) -> Result<Option<Rc<Table>>, JsError> {
    let Some(lang) = lang else { return Ok(None) };
    let words = serde_wasm_bindgen::from_value(words)
        .map_err(|e| JsError::new(&format!("the language file cannot be read: {e}")))?;
    Ok(Some(Rc::new(Table { lang, words })))
}

/// A page for share links to lead to, checked: `None` for none, an error
/// for anything but an http(s) URL.
fn link_base(page: Option<&str>) -> Result<Option<AttrValue>, JsError> {
    let Some(page) = page else {
        return Ok(None);
    };
    let Some(url) = web::article_url(page) else {
        let mut message = String::from("links can lead only to an http or https page, not ");
        message.extend(page.chars().take(SOURCE_CHARS));
        return Err(JsError::new(&message));
    };
    Ok(Some(AttrValue::from(url)))
}

/// The built-in flow, or the error for another id, in `words`. (The
/// element fetches the built-in flow's file, `flows/<id>.json`, and mounts
/// it with [`mount_flow`], so that the wasm carries no second copy of it;
/// this is for tests and tools that mount a widget by hand.)
pub fn load_flow(name: Option<&str>, words: &Words) -> Result<Rc<Flow>, Rc<LoadError>> {
    let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(BUILTIN_FLOW_ID);
    if name != BUILTIN_FLOW_ID {
        let name: String = name.chars().take(80).collect();
        return Err(Rc::new(LoadError {
            headline: words.fill("error-no-builtin", &[("name", &name), ("builtin", BUILTIN_FLOW_ID)]),
            details: Vec::new(),
        }));
    }
    parse_source(BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON, words)
}

/// Parses and validates the text of the flow file named `source` (its URL
/// or file name); the error, in `words`, names the file and every node
/// that is wrong.
pub fn parse_source(source: &str, json: &str, words: &Words) -> Result<Rc<Flow>, Rc<LoadError>> {
    web::parse_flow(json).map(Rc::new).map_err(|errors| {
        let source: String = source.chars().take(SOURCE_CHARS).collect();
        Rc::new(LoadError::invalid(&source, &errors, words))
    })
}

/// The answers a widget opens with, and what could not be restored: the
/// page URL's share link when it is for this flow, else the `answers`
/// attribute, else none.
pub fn initial_answers(flow: &Flow, fragment: &str, attribute: Option<&str>) -> (Vec<Answer>, Vec<LinkIssue>) {
    [Some(fragment), attribute]
        .into_iter()
        .flatten()
        .find_map(|code| open_link(flow, code))
        .map(|(decision, notices)| (decision.answers().to_vec(), notices))
        .unwrap_or_default()
}

/// How a widget is mounted, from JavaScript: `{ flow, source, text, error,
/// answers, syncUrl, linkBase, exporter, explainer, lang, words }`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountOptions {
    /// The element's `flow` attribute as written, or `null`: the
    /// `decision-error` event names it.
    #[serde(default)]
    flow: Option<String>,
    /// What names the flow: the built-in flow's id, or the flow file's URL.
    #[serde(default)]
    source: String,
    /// The flow file's text, when it could be fetched.
    #[serde(default)]
    text: Option<String>,
    /// Why it could not be fetched, in the reader's words, instead of
    /// `text`.
    #[serde(default)]
    error: Option<String>,
    /// The `answers` attribute (a share-link code), an object `{question
    /// id: choice id}` from the JS API, or `null`; a share link in the page
    /// URL for this flow wins over both.
    #[serde(with = "serde_wasm_bindgen::preserve", default = "null")]
    answers: JsValue,
    /// Whether the widget keeps the page URL in step.
    #[serde(default)]
    sync_url: bool,
    /// The page share links lead to, when not this one (see
    /// [`WidgetHandle::set_link_base`]).
    #[serde(default)]
    link_base: Option<String>,
    /// Writes exports: `(format, code, options) => Promise<string>` (see
    /// `ui::export`).
    #[serde(with = "serde_wasm_bindgen::preserve", default = "null")]
    exporter: JsValue,
    /// Explains a flow file the widget cannot show: `(text) =>
    /// Promise<string[]>`, each problem with its line, column and node in
    /// the reader's language (the engine's checker, in `tools.js`).
    #[serde(with = "serde_wasm_bindgen::preserve", default = "null")]
    explainer: JsValue,
    /// The reader's language, a tag of `engine::words::LANGUAGES`, or
    /// `null` for English.
    #[serde(default)]
    lang: Option<String>,
    /// The `words` of that language's file (`lang/<lang>.json`): texts by
    /// key. Words that cannot be read leave the widget in English.
    #[serde(with = "serde_wasm_bindgen::preserve", default = "null")]
    words: JsValue,
}

fn null() -> JsValue {
    JsValue::NULL
}

impl MountOptions {
    /// The table of the reader's language, and the widget's words in it.
    /// With a language file that cannot be read the widget speaks English
    /// (`embed.js` sees it in [`WidgetHandle::lang`] and says so).
    fn words(&self) -> (Option<Rc<Table>>, Words) {
        let table = read_table(self.lang.clone(), self.words.clone()).ok().flatten();
        let words = Words::new(table.clone(), dw_intl::RULES);
        (table, words)
    }
}

/// The detail of the `decision-error` event: `{ flow, message, details }`.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    /// The element's `flow` attribute, or `null`.
    flow: Option<&'a str>,
    /// What went wrong, naming the flow or file.
    message: &'a str,
    /// Each problem, naming its place or node.
    details: &'a [String],
}

/// Mounts a widget into `root`, sending its events to `host`.
///
/// `options` are [`MountOptions`]: the flow file's `text` (or the `error`
/// that kept it from being fetched) and what the widget opens with. When
/// `root` holds the widget prerendered by `decision-widget prerender`
/// (`data-prerendered`), it is taken over if this build can hydrate and the
/// markup is of this build's sources, this flow file, this language and
/// this `source`; otherwise a fresh element takes its place (see
/// [`WidgetHandle::root`]). A flow that cannot be shown sends
/// `decision-error`, after asking the `explainer` for each problem. Throws
/// only when the options or the link base cannot be read.
#[wasm_bindgen]
pub fn mount(host: Element, root: Element, options: JsValue) -> Result<WidgetHandle, JsError> {
    let options: MountOptions = serde_wasm_bindgen::from_value(options)?;
    let (table, words) = options.words();
    let flow = match (&options.text, &options.error) {
        (Some(text), _) => parse_source(&options.source, text, &words),
        (None, error) => Err(Rc::new(LoadError {
            headline: error.clone().unwrap_or_default(),
            details: Vec::new(),
        })),
    };
    let lang = table.as_ref().map_or("en", |t| t.lang.as_str());
    let stale = root.has_attribute("data-prerendered") && !(flow.is_ok() && can_take_over(&root, &options, lang));
    let root = if stale { fresh_root(root) } else { root };
    let hydrate = root.has_attribute("data-prerendered");
    let link_base = link_base(options.link_base.as_deref())?;
    let (answers, notices) = match &flow {
        Ok(flow) => opening_answers(flow, &options.answers),
        Err(_) => Default::default(),
    };
    let props = WidgetProps {
        answers: Rc::new(answers),
        host: Some(host.clone()),
        notices: Rc::new(notices),
        table,
        sync_url: options.sync_url,
        hydrating: hydrate,
        link_base,
        exporter: options.exporter.dyn_into().ok(),
        ..WidgetProps::new(flow)
    };
    let renderer = yew::Renderer::<Widget>::with_root_and_props(root.clone(), props.clone());
    // Only the build made to hydrate carries Yew's hydration; `embed.js`
    // loads it for pages that hold prerendered markup.
    #[cfg(feature = "hydration")]
    let app = if hydrate { renderer.hydrate() } else { renderer.render() };
    #[cfg(not(feature = "hydration"))]
    let app = renderer.render();
    let _ = root.remove_attribute("data-prerendered");
    let mounted = Rc::new(RefCell::new(Mounted { app: Some(app), props }));
    if let Err(error) = &mounted.borrow().props.flow {
        let explainer = options.explainer.dyn_into::<js_sys::Function>().ok();
        match (explainer, options.text) {
            (Some(explainer), Some(text)) => {
                wasm_bindgen_futures::spawn_local(explain(Rc::downgrade(&mounted), explainer, text, host, options.flow))
            }
            _ => send_error(&host, options.flow.as_deref(), error),
        }
    }
    Ok(WidgetHandle { mounted, root })
}

/// Whether the markup prerendered into `root` is exactly what this build
/// would render first for this flow file in the language `lang`.
fn can_take_over(root: &Element, options: &MountOptions, lang: &str) -> bool {
    let data = |name: &str| root.get_attribute(name).unwrap_or_default();
    // Markup records the flow as the `flow` attribute named it (the
    // built-in flow by its id, a flow written in the page as `inline`), as
    // `decision-widget prerender` read it.
    let named = match options.source.as_str() {
        BUILTIN_FLOW_ID => BUILTIN_FLOW_ID,
        INLINE_FLOW => INLINE_FLOW,
        _ => options.flow.as_deref().map_or("", str::trim),
    };
    cfg!(feature = "hydration")
        && data("data-prerendered") == named
        && data("data-fingerprint") == MARKUP_FINGERPRINT
        && data("data-lang") == lang
        && options.text.as_deref().map(flow_fingerprint) == Some(data("data-flow"))
}

/// A fresh, empty root in the place of `stale`, markup from another build
/// of the widget (a page cached longer than the wasm), another version of
/// the flow file or another language, which is drawn anew instead.
fn fresh_root(stale: Element) -> Element {
    let fresh = stale
        .owner_document()
        .and_then(|document| document.create_element("div").ok());
    let Some(fresh) = fresh else {
        // No document to make one in: the stale markup is emptied instead.
        stale.set_text_content(None);
        let _ = stale.remove_attribute("data-prerendered");
        return stale;
    };
    fresh.set_class_name("dw-root");
    let _ = stale.replace_with_with_node_1(&fresh);
    fresh
}

/// The answers the widget opens with, and what could not be restored: a
/// share link for this flow in the page URL, else the `answers` attribute
/// or object. Answers the host gave as an object that cannot be read are
/// left out, with a warning on the console, and the flow opens at its
/// start.
fn opening_answers(flow: &Flow, answers: &JsValue) -> (Vec<Answer>, Vec<LinkIssue>) {
    if !answers.is_object() {
        return initial_answers(flow, &web::location_fragment(), answers.as_string().as_deref());
    }
    if let Some((decision, notices)) = open_link(flow, &web::location_fragment()) {
        return (decision.answers().to_vec(), notices);
    }
    answers_from_js(flow, answers).unwrap_or_else(|error| {
        let message = JsValue::from(error);
        web::warn("decision-widget: the initial answers were not applied:", &message);
        Default::default()
    })
}

/// Asks `explainer` for each problem of the flow file `text`, shows them in
/// place of the widget's shorter account (the places of the problems), and
/// sends `decision-error`. When the explainer fails, the shorter account
/// stands and is sent.
async fn explain(
    mounted: Weak<RefCell<Mounted>>,
    explainer: js_sys::Function,
    text: String,
    host: Element,
    flow: Option<String>,
) {
    let explained = match explainer.call1(&JsValue::NULL, &JsValue::from_str(&text)) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
            .await
            .ok(),
        Err(_) => None,
    };
    let details: Vec<String> = explained
        .and_then(|value| serde_wasm_bindgen::from_value(value).ok())
        .unwrap_or_default();
    // Gone while the tools loaded: the element sends nothing more.
    let Some(mounted) = mounted.upgrade() else { return };
    let mut mounted = mounted.borrow_mut();
    if mounted.app.is_none() {
        return;
    }
    let Err(error) = &mounted.props.flow else { return };
    let error = if details.is_empty() {
        Rc::clone(error)
    } else {
        let error = Rc::new(LoadError {
            headline: error.headline.clone(),
            details,
        });
        mounted.props.flow = Err(Rc::clone(&error));
        mounted.update();
        error
    };
    drop(mounted);
    send_error(&host, flow.as_deref(), &error);
}

/// Sends `decision-error` for `error` on `host`.
fn send_error(host: &Element, flow: Option<&str>, error: &LoadError) {
    let detail = ErrorDetail {
        flow,
        message: &error.headline,
        details: &error.details,
    };
    web::dispatch(host, "decision-error", &detail);
}
