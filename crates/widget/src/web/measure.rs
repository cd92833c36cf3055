//! Measuring the page for the chart: an element's box, watching elements
//! change size, keeping a pointer on an element while it drags, and the
//! window's events (printing).

use gloo_events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};
use yew::NodeRef;

use super::window;

/// The box of the element behind `node` in CSS pixels: left, top (in the
/// window), width and height. `None` when it is not rendered.
pub fn element_box(node: &NodeRef) -> Option<(f32, f32, f32, f32)> {
    window()?;
    let rect = node.cast::<Element>()?.get_bounding_client_rect();
    Some((
        rect.left() as f32,
        rect.top() as f32,
        rect.width() as f32,
        rect.height() as f32,
    ))
}

/// Watches elements for changes of size (a `ResizeObserver`); stops when
/// dropped. gloo has no wrapper for it in the version Yew uses.
pub struct SizeObserver {
    observer: web_sys::ResizeObserver,
    // Kept alive while the observer may call it.
    _on_change: Closure<dyn FnMut()>,
}

impl Drop for SizeObserver {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_change` once each of `nodes` has been laid out and whenever
/// one changes size. `None` where the browser has no `ResizeObserver`.
pub fn observe_size(nodes: &[&NodeRef], on_change: impl FnMut() + 'static) -> Option<SizeObserver> {
    window()?;
    let on_change = Closure::<dyn FnMut()>::new(on_change);
    let observer = web_sys::ResizeObserver::new(on_change.as_ref().unchecked_ref()).ok()?;
    for node in nodes {
        if let Some(element) = node.cast::<Element>() {
            observer.observe(&element);
        }
    }
    Some(SizeObserver {
        observer,
        _on_change: on_change,
    })
}

/// Sends the pointer `id`'s events to the element behind `node` until it
/// is released, so a drag continues outside it.
pub fn capture_pointer(node: &NodeRef, id: i32) {
    if let Some(element) = node.cast::<Element>() {
        let _ = element.set_pointer_capture(id);
    }
}

/// Listens on the window for each event of `names` with `handler`; the
/// listeners go when dropped. None while rendering natively.
pub fn on_window(names: &[&'static str], handler: impl FnMut(&Event) + Clone + 'static) -> Vec<EventListener> {
    let Some(window) = window() else {
        return Vec::new();
    };
    names
        .iter()
        .map(|name| EventListener::new(&window, *name, handler.clone()))
        .collect()
}
