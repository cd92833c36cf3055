//! The entry points JavaScript calls: mount a widget into an element and
//! destroy it. `static/embed.js` wraps them in the `<decision-widget>`
//! custom element.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::AppHandle;

use crate::engine::{Answer, Flow, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};
use crate::ui::state::open_link;
use crate::ui::{LoadError, Widget, WidgetProps};
use crate::web;

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

    /// Sets the answers from a share-link code, as when the host changes
    /// the `answers` attribute. A code for another flow, or one that
    /// cannot be read, leaves the answers as they are.
    #[wasm_bindgen(js_name = setAnswers)]
    pub fn set_answers(&mut self, code: &str) {
        let Ok(flow) = &self.props.flow else {
            return;
        };
        let Some((decision, notices)) = open_link(flow, code) else {
            return;
        };
        self.props.answers = Rc::new(decision.answers().to_vec());
        self.props.notices = Rc::new(notices);
        if let Some(app) = &mut self.app {
            app.update(self.props.clone());
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

/// The answers a widget opens with, and what could not be restored: the
/// page URL's share link when it is for this flow, else the `answers`
/// attribute, else none.
pub fn initial_answers(flow: &Flow, fragment: &str, attribute: Option<&str>) -> (Vec<Answer>, Vec<String>) {
    [Some(fragment), attribute]
        .into_iter()
        .flatten()
        .find_map(|code| open_link(flow, code))
        .map(|(decision, notices)| (decision.answers().to_vec(), notices))
        .unwrap_or_default()
}

/// Mounts a widget into `root`, sending its events to `host`.
///
/// `flow` is the element's `flow` attribute: a built-in flow id, or empty
/// for the default flow. `answers` is the `answers` attribute, a share-link
/// code. With `sync_url` the widget keeps the page URL in step.
#[wasm_bindgen]
pub fn mount(
    host: Element,
    root: Element,
    flow: Option<String>,
    answers: Option<String>,
    sync_url: bool,
) -> WidgetHandle {
    let flow = load_flow(flow.as_deref());
    let (answers, notices) = match &flow {
        Ok(flow) => initial_answers(flow, &web::location_fragment(), answers.as_deref()),
        Err(_) => Default::default(),
    };
    let props = WidgetProps {
        flow,
        answers: Rc::new(answers),
        host: Some(host),
        notices: Rc::new(notices),
        sync_url,
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(root, props.clone()).render();
    WidgetHandle { app: Some(app), props }
}
