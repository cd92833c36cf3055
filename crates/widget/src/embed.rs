//! The entry points JavaScript calls: mount a widget into an element (with
//! a built-in flow, a flow file's text, or an error to show), set its
//! answers, and destroy it. `static/embed.js` wraps them in the
//! `<decision-widget>` custom element and the `mountWidget` API.

use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::{AppHandle, AttrValue};

use crate::engine::link::{self, LinkIssue, LinkState};
use crate::engine::words::{Table, Words};
use crate::engine::{Answer, ChoiceId, Decision, Flow, NodeId, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};
use crate::ui::state::open_link;
use crate::ui::{LoadError, Widget, WidgetProps};
use crate::web;

/// How many characters of a file name or URL an error message repeats.
const SOURCE_CHARS: usize = 200;

/// A mounted widget, owned by the element that mounted it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Widget>>,
    props: WidgetProps,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Unmounts the widget and releases everything it holds. Safe to call
    /// more than once.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// Why the widget shows an error instead of its flow (naming the flow
    /// or file), or `undefined` when it shows the flow.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> Option<String> {
        self.props.flow.as_ref().err().map(|e| e.headline.clone())
    }

    /// Each problem behind [`WidgetHandle::error`], naming the node.
    #[wasm_bindgen(getter, js_name = errorDetails)]
    pub fn error_details(&self) -> Vec<String> {
        self.props
            .flow
            .as_ref()
            .err()
            .map(|e| e.details.clone())
            .unwrap_or_default()
    }

    /// Makes share links (and the exports' links to the article's sections)
    /// lead to `page` instead of this page's URL, or back to this page's
    /// with `null`: the iframe page names the page that embeds it. Throws,
    /// changing nothing, unless `page` is an absolute http(s) URL without a
    /// user name or password; its fragment is dropped.
    #[wasm_bindgen(js_name = setLinkBase)]
    pub fn set_link_base(&mut self, page: Option<String>) -> Result<(), JsError> {
        let base = link_base(page.as_deref())?;
        if base == self.props.link_base {
            return Ok(());
        }
        self.props.link_base = base;
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
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
        if table == self.props.table {
            return Ok(());
        }
        self.props.table = table;
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
        Ok(())
    }

    /// The language the widget speaks, a BCP 47 tag (`en` for English).
    #[wasm_bindgen(getter)]
    pub fn lang(&self) -> String {
        self.props
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
    /// Returns 1 when a `decision-change` follows, 0 when the widget
    /// shows these answers already.
    #[wasm_bindgen(js_name = setAnswers)]
    pub fn set_answers(&mut self, value: JsValue, current: JsValue) -> Result<u8, JsError> {
        let Ok(flow) = &self.props.flow else {
            return Err(JsError::new(
                "this widget shows an error instead of a flow, so it has no answers to set",
            ));
        };
        let (answers, notices) = answers_from_js(flow, &value)?;
        let answers = Decision::new(flow, &answers).answers().to_vec();
        let current = answers_from_js(flow, &current)
            .map(|(a, _)| Decision::new(flow, &a).answers().to_vec())
            .ok();
        let next = u8::from(current.as_ref() != Some(&answers));
        // A new revision makes the widget apply the answers even when they
        // equal the ones it was last given and the reader has moved on.
        self.props.answers = Rc::new(answers);
        self.props.notices = Rc::new(notices);
        self.props.answers_revision = self.props.answers_revision.wrapping_add(1);
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
        }
        Ok(next)
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

fn render(
    host: Element,
    root: Element,
    flow: Result<Rc<Flow>, Rc<LoadError>>,
    table: Option<Rc<Table>>,
    options: MountOptions,
) -> Result<WidgetHandle, JsError> {
    let link_base = self::link_base(options.link_base.as_deref())?;
    let hydrate = options.hydrate && flow.is_ok();
    let answers = options.answers;
    let (answers, notices) = match &flow {
        // An object of answers from the JS API, unless the page URL holds
        // a link for this flow.
        Ok(flow) if answers.is_object() => match open_link(flow, &web::location_fragment()) {
            Some((decision, notices)) => (decision.answers().to_vec(), notices),
            None => answers_from_js(flow, &answers)?,
        },
        Ok(flow) => initial_answers(flow, &web::location_fragment(), answers.as_string().as_deref()),
        Err(_) => Default::default(),
    };
    let props = WidgetProps {
        answers: Rc::new(answers),
        host: Some(host),
        notices: Rc::new(notices),
        table,
        sync_url: options.sync_url,
        hydrating: hydrate,
        link_base,
        exporter: options.exporter.dyn_into().ok(),
        ..WidgetProps::new(flow)
    };
    let renderer = yew::Renderer::<Widget>::with_root_and_props(root, props.clone());
    // Only the build made to hydrate carries Yew's hydration; `embed.js`
    // loads it for pages that hold prerendered markup, and never asks the
    // other build to hydrate.
    #[cfg(feature = "hydration")]
    let app = if hydrate { renderer.hydrate() } else { renderer.render() };
    #[cfg(not(feature = "hydration"))]
    let app = renderer.render();
    Ok(WidgetHandle { app: Some(app), props })
}

/// Whether this build can take prerendered markup over (the build with
/// Yew's hydration, which `embed.js` loads for pages that hold some).
#[wasm_bindgen(js_name = canHydrate)]
pub fn can_hydrate() -> bool {
    cfg!(feature = "hydration")
}

/// The fingerprint of the sources this wasm was built from; markup
/// prerendered with another one must be drawn anew, not hydrated.
#[wasm_bindgen(js_name = markupFingerprint)]
pub fn markup_fingerprint() -> String {
    crate::ui::MARKUP_FINGERPRINT.to_owned()
}

/// How a widget is mounted, from JavaScript: `{ answers, syncUrl, hydrate,
/// linkBase, exporter, lang, words }`, each optional.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountOptions {
    /// The `answers` attribute (a share-link code), an object `{question
    /// id: choice id}` from the JS API, or `null`; a share link in the page
    /// URL for this flow wins over both.
    #[serde(with = "serde_wasm_bindgen::preserve", default = "null")]
    answers: JsValue,
    /// Whether the widget keeps the page URL in step.
    #[serde(default)]
    sync_url: bool,
    /// Whether `root` holds the widget prerendered at the start of the flow
    /// (by `decision-widget prerender`), to take over instead of drawing
    /// anew.
    #[serde(default)]
    hydrate: bool,
    /// The page share links lead to, when not this one (see
    /// [`WidgetHandle::set_link_base`]).
    #[serde(default)]
    link_base: Option<String>,
    /// Writes exports: `(format, code, options) => Promise<string>` (see
    /// `ui::export`).
    #[serde(with = "serde_wasm_bindgen::preserve", default = "null")]
    exporter: JsValue,
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
    fn read(options: JsValue) -> Result<MountOptions, JsError> {
        Ok(serde_wasm_bindgen::from_value(options)?)
    }

    /// The table of the reader's language, and the widget's words in it.
    /// With a language file that cannot be read the widget speaks English
    /// (`embed.js` sees it in [`WidgetHandle::lang`] and says so).
    fn words(&self) -> (Option<Rc<Table>>, Words) {
        let table = read_table(self.lang.clone(), self.words.clone()).ok().flatten();
        let words = Words::new(table.clone(), crate::intl::RULES);
        (table, words)
    }
}

impl Default for MountOptions {
    fn default() -> MountOptions {
        MountOptions {
            answers: JsValue::NULL,
            sync_url: false,
            hydrate: false,
            link_base: None,
            exporter: JsValue::NULL,
            lang: None,
            words: JsValue::NULL,
        }
    }
}

/// Mounts a widget for the flow file named `source` (its URL, or the id of
/// the built-in flow, whose file is `flows/<id>.json`), whose text the
/// caller fetched, sending its events to `host`. A file that is not valid JSON or not a valid flow
/// shows, in the widget, which file is wrong (and `embed.js` asks the
/// checker for each problem's line and node). With `hydrate`, `root` holds
/// that file's flow prerendered by `decision-widget prerender` (the caller
/// has checked it is of the same text, see [`flow_fingerprint`]).
/// `options` are [`MountOptions`]. Throws only when the options, an answers
/// object or the link base cannot be read.
#[wasm_bindgen(js_name = mountFlow)]
pub fn mount_flow(
    host: Element,
    root: Element,
    source: String,
    json: String,
    options: JsValue,
) -> Result<WidgetHandle, JsError> {
    let options = MountOptions::read(options)?;
    let (table, words) = options.words();
    render(host, root, parse_source(&source, &json, &words), table, options)
}

/// The fingerprint of a flow file's text that prerendered markup records,
/// so markup of another version of the file is drawn anew, not hydrated.
#[wasm_bindgen(js_name = flowFingerprint)]
pub fn flow_fingerprint(text: &str) -> String {
    crate::ui::flow_fingerprint(text)
}

/// Mounts the error view alone: the flow could not be fetched.
/// `headline` names the file and what went wrong; `lang` and `words` are
/// the reader's language, as in [`MountOptions`].
#[wasm_bindgen(js_name = mountError)]
pub fn mount_error(
    host: Element,
    root: Element,
    headline: String,
    details: Vec<String>,
    lang: Option<String>,
    words: JsValue,
) -> Result<WidgetHandle, JsError> {
    let error = LoadError { headline, details };
    let options = MountOptions {
        lang,
        words,
        ..MountOptions::default()
    };
    let (table, _) = options.words();
    render(host, root, Err(Rc::new(error)), table, options)
}
