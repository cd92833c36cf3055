//! The host page: events to it, focus, the article's sections, and the
//! reader's motion preference.

use gloo_events::EventListener;
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions};
use yew::NodeRef;

use dw_engine::summary::Summary;

use super::{document, window};

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `host`
/// with the decision summary as its `detail`.
pub fn dispatch_summary(host: &Element, name: &str, summary: &Summary) {
    dispatch(host, name, summary);
}

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `host`
/// with `detail` as a plain object, as JSON would give (maps as objects,
/// `null` for none).
pub fn dispatch(host: &Element, name: &str, detail: &impl Serialize) {
    let detail = detail
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(wasm_bindgen::JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A host listener that throws must not break the widget.
        let _ = host.dispatch_event(&event);
    }
}

/// Asks the host's `exporter` (a function `embed.js` provides, which loads
/// the engine's tools) for the decision `code` written as `format`, with
/// `options` (`{ link, pageUrl, date }`). `None` when there is no exporter
/// or it fails.
pub async fn request_export(
    exporter: Option<&js_sys::Function>,
    format: &str,
    code: &str,
    options: &impl Serialize,
) -> Option<String> {
    let options = options
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    let promise = exporter?
        .call3(&wasm_bindgen::JsValue::NULL, &format.into(), &code.into(), &options)
        .ok()?;
    let text = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .ok()?;
    text.as_string()
}

/// Lets the host's `exporter` load what it needs before the reader asks for
/// an export, so the export is written at once when they do.
pub fn prepare_export(exporter: Option<&js_sys::Function>) {
    if let Some(exporter) = exporter {
        let _ = exporter.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Moves keyboard focus to the element behind `node`, if it is rendered.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Takes focus off the element `event` happened on (a button holding only
/// text), if it has it.
pub fn blur_target(event: &web_sys::Event) {
    if let Some(element) = event.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        element.blur().ok();
    }
}

/// Focuses the text field (input or textarea) behind `node` and selects
/// its contents.
pub fn focus_and_select(node: &NodeRef) {
    if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    } else if let Some(area) = node.cast::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    }
}

fn section(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into::<HtmlElement>().ok()
}

/// The heading text of the article section with anchor `id`, when the
/// host page has one.
pub fn section_title(id: &str) -> Option<String> {
    let text = section(id)?.text_content()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Scrolls the section with anchor `id` into view and gives it focus, so
/// keyboard and screen reader users land where sighted readers look.
/// Returns whether the section was found.
pub fn reveal_section(id: &str) -> bool {
    let Some(target) = section(id) else {
        return false;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(if prefers_reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    target.scroll_into_view_with_scroll_into_view_options(&options);
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let focus_options = web_sys::FocusOptions::new();
    focus_options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&focus_options);
    true
}

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";

fn reduced_motion_query() -> Option<web_sys::MediaQueryList> {
    window()?.match_media(REDUCED_MOTION).ok().flatten()
}

/// Whether the reader asked the system for less motion.
pub fn prefers_reduced_motion() -> bool {
    reduced_motion_query().is_some_and(|m| m.matches())
}

/// Calls `on_change` with the new preference whenever the reader changes
/// their motion setting; the listener goes when the value is dropped.
pub fn on_reduced_motion_change(on_change: impl Fn(bool) + 'static) -> Option<EventListener> {
    let query = reduced_motion_query()?;
    let target = query.clone();
    Some(EventListener::new(&target, "change", move |_| {
        on_change(query.matches())
    }))
}

/// Says `message` and `value` on the console as a warning: for what the
/// page's author should know and the reader need not see.
pub fn warn(message: &str, value: &wasm_bindgen::JsValue) {
    web_sys::console::warn_2(&message.into(), value);
}
