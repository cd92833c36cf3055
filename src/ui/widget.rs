//! The root component: loads the decision, wires the reducer, moves focus,
//! announces results and tells the host page about every change.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::Chart;
use super::chart_text::ChartText;
use super::error_view::{ErrorView, LoadError};
use super::outcome::OutcomePanel;
use super::state::WidgetState;
use super::wizard::Wizard;
use crate::engine::summary::Summary;
use crate::engine::{Action, Answer, Decision, Flow};
use crate::web;

/// Properties of [`Widget`].
#[derive(Properties, PartialEq, Clone)]
pub struct WidgetProps {
    /// The flow to walk, or why it could not be loaded.
    pub flow: Result<Rc<Flow>, Rc<LoadError>>,
    /// Answers to start from, along the path from the start.
    #[prop_or_default]
    pub answers: Rc<Vec<Answer>>,
    /// The element that receives `decision-ready` and `decision-change`.
    #[prop_or_default]
    pub host: Option<web_sys::Element>,
}

/// The decision widget: a flow, or the error that kept it from loading.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    match &props.flow {
        Ok(flow) => html! {
            <FlowView flow={Rc::clone(flow)} answers={Rc::clone(&props.answers)} host={props.host.clone()} />
        },
        Err(error) => html! { <ErrorView error={Rc::clone(error)} /> },
    }
}

#[derive(Properties, PartialEq)]
struct FlowViewProps {
    /// The flow to walk.
    flow: Rc<Flow>,
    /// Answers to start from.
    answers: Rc<Vec<Answer>>,
    /// Where events go.
    host: Option<web_sys::Element>,
}

#[component]
fn FlowView(props: &FlowViewProps) -> Html {
    let state = {
        let flow = Rc::clone(&props.flow);
        let answers = Rc::clone(&props.answers);
        use_reducer(move || WidgetState::new(Rc::clone(&flow), Decision::new(&flow, &answers)))
    };
    let prefix = use_memo((), |_| super::next_instance_prefix());
    let heading = use_node_ref();

    // The host page can set new answers (an attribute or the JS API).
    {
        let dispatcher = state.dispatcher();
        use_effect_with(Rc::clone(&props.answers), move |answers| {
            dispatcher.dispatch(Action::Replace(answers.to_vec()));
        });
    }

    // After a reader's action, focus follows to the new question or result.
    {
        let heading = heading.clone();
        let by_reader = state.by_reader;
        use_effect_with(state.revision, move |_| {
            if by_reader {
                web::focus(&heading);
            }
        });
    }

    // Tell the host page: `decision-ready` once, `decision-change` after.
    {
        let host = props.host.clone();
        let summary = Summary::new(&state.flow, &state.walk, String::new());
        use_effect_with(state.revision, move |revision| {
            if let Some(host) = host {
                let name = if *revision == 0 {
                    "decision-ready"
                } else {
                    "decision-change"
                };
                web::dispatch_summary(&host, name, &summary);
            }
        });
    }

    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let flow = &state.flow;
    let title_id = AttrValue::from(prefix.to_string() + "title");
    let announcement = announcement(flow, &state);

    html! {
        <section class="dw" aria-labelledby={title_id.clone()}>
            <header class="dw-head">
                <h2 class="dw-title" id={title_id}>{ flow.title() }</h2>
                if let Some(intro) = flow.intro() {
                    <p class="dw-intro">{ intro }</p>
                }
            </header>
            <div class="dw-body">
                <div class="dw-main">
                    if state.walk.outcome().is_some() {
                        <OutcomePanel flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} heading={heading.clone()} on_action={on_action.clone()} />
                    } else {
                        <Wizard flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} heading={heading.clone()} on_action={on_action.clone()} />
                    }
                </div>
                <div class="dw-side">
                    <Chart flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} prefix={(*prefix).clone()} on_action={on_action.clone()} />
                    <ChartText flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} />
                </div>
            </div>
            <p class="dw-visually-hidden" role="status" aria-live="polite" aria-atomic="true">{ announcement }</p>
        </section>
    }
}

/// What the live region says: the recommendation, once there is one.
fn announcement(flow: &Flow, state: &WidgetState) -> String {
    let Some(outcome) = state.walk.outcome().and_then(|ix| flow.node(ix).outcome()) else {
        return String::new();
    };
    let mut text = String::from("Recommendation: ");
    text.push_str(&outcome.title);
    text.push('.');
    if let Some(summary) = &outcome.summary {
        text.push(' ');
        text.push_str(summary);
    }
    text
}
