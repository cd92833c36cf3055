//! The entry points JavaScript calls: mount a widget into an element and
//! destroy it. `static/embed.js` wraps them in the `<decision-widget>`
//! custom element.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::engine::{Flow, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};
use crate::ui::{LoadError, Widget, WidgetProps};
use crate::web;

/// A mounted widget, owned by the element that mounted it.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Widget>>,
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
}

/// Resolves the element's `flow` attribute to a flow or a readable error.
pub fn load_flow(name: Option<&str>) -> Result<Rc<Flow>, Rc<LoadError>> {
    let name = name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(BUILTIN_FLOW_ID);
    if name != BUILTIN_FLOW_ID {
        let mut headline = String::from("There is no built-in flow named “");
        headline.extend(name.chars().take(80));
        headline.push_str("”. The built-in flow is “");
        headline.push_str(BUILTIN_FLOW_ID);
        headline.push_str("”.");
        return Err(Rc::new(LoadError {
            headline,
            details: Vec::new(),
        }));
    }
    web::parse_flow(BUILTIN_FLOW_JSON)
        .map(Rc::new)
        .map_err(|errors| Rc::new(LoadError::invalid(BUILTIN_FLOW_ID, &errors)))
}

/// Mounts a widget into `root`, sending its events to `host`.
///
/// `flow` is the element's `flow` attribute: a built-in flow id, or empty
/// for the default flow.
#[wasm_bindgen]
pub fn mount(host: Element, root: Element, flow: Option<String>) -> WidgetHandle {
    let props = WidgetProps {
        flow: load_flow(flow.as_deref()),
        answers: Rc::default(),
        host: Some(host),
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(root, props).render();
    WidgetHandle { app: Some(app) }
}
