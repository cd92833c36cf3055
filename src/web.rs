//! The browser edges: events to the host page, focus, article sections and
//! flow parsing. Small functions that never panic; a browser API that is
//! missing or refuses simply leaves things as they were.

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Document, Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions};
use yew::NodeRef;

use crate::engine::summary::Summary;
use crate::engine::{Flow, FlowErrors, RawFlow};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Turns a serialisable value into a plain JavaScript object (maps become
/// objects, `None` becomes `null`).
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `host`
/// with the decision summary as its `detail`.
pub fn dispatch_summary(host: &Element, name: &str, summary: &Summary) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&to_js(summary));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A host listener that throws must not break the widget.
        let _ = host.dispatch_event(&event);
    }
}

/// Moves keyboard focus to the element behind `node`, if it is rendered.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
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

/// Whether the reader asked the system for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Parses and validates a flow file with the browser's own JSON parser,
/// which keeps a JSON library out of the WebAssembly.
pub fn parse_flow(json: &str) -> Result<Flow, FlowErrors> {
    let value = js_sys::JSON::parse(json).map_err(|e| {
        let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
        FlowErrors::syntax(message.unwrap_or_else(|| String::from("the file is not JSON")))
    })?;
    let raw: RawFlow = serde_wasm_bindgen::from_value(value).map_err(|e| FlowErrors::syntax(e.to_string()))?;
    Flow::try_from(raw)
}
