//! The root component: loads the decision, wires the reducer, moves focus,
//! announces results and tells the host page about every change.

use std::rc::Rc;

use yew::prelude::*;

use super::chart::Chart;
use super::chart_text::ChartText;
use super::error_view::{ErrorView, LoadError};
use super::export::ExportPanel;
use super::hooks;
use super::outcome::OutcomePanel;
use super::saved::SavedPanel;
use super::share::ShareBar;
use super::state::{open_link, WidgetState};
use super::wizard::Wizard;
use crate::engine::link;
use crate::engine::summary::Summary;
use crate::engine::words::Words;
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
    /// Raised each time the host sets answers, so that they apply even when
    /// equal to the ones it set before.
    #[prop_or_default]
    pub answers_revision: u32,
    /// The element that receives `decision-ready` and `decision-change`.
    #[prop_or_default]
    pub host: Option<web_sys::Element>,
    /// What a share link could not restore, shown once on mount.
    #[prop_or_default]
    pub notices: Rc<Vec<String>>,
    /// Whether the widget keeps the page URL's fragment in step with the
    /// answers (the host page asks for it with the `sync-url` attribute).
    #[prop_or_default]
    pub sync_url: bool,
    /// Whether the widget takes over markup rendered before the WebAssembly
    /// arrived. That markup shows the start of the flow with no notices, so
    /// the first render does too; `answers` and `notices` apply right after.
    #[prop_or_default]
    pub hydrating: bool,
    /// The article share links lead to, when it is not this page: the iframe
    /// page names the page that embeds it. An http(s) URL without fragment.
    #[prop_or_default]
    pub link_base: Option<AttrValue>,
    /// Writes exports (see `ui::export`); `embed.js` gives one.
    #[prop_or_default]
    pub exporter: Option<js_sys::Function>,
}

impl WidgetProps {
    /// A widget of `flow` at its start, telling no host, leaving the URL alone.
    pub fn new(flow: Result<Rc<Flow>, Rc<LoadError>>) -> WidgetProps {
        WidgetProps {
            flow,
            answers: Rc::default(),
            answers_revision: 0,
            host: None,
            notices: Rc::default(),
            sync_url: false,
            hydrating: false,
            link_base: None,
            exporter: None,
        }
    }
}

/// The decision widget: a flow, or the error that kept it from loading.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    match &props.flow {
        Ok(flow) => html! {
            <FlowView flow={Rc::clone(flow)} answers={Rc::clone(&props.answers)}
                answers_revision={props.answers_revision} host={props.host.clone()}
                notices={Rc::clone(&props.notices)} sync_url={props.sync_url} hydrating={props.hydrating}
                link_base={props.link_base.clone()} exporter={props.exporter.clone()} />
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
    /// Raised each time the host sets answers.
    answers_revision: u32,
    /// Where events go.
    host: Option<web_sys::Element>,
    /// What a link could not restore.
    notices: Rc<Vec<String>>,
    /// Whether to keep the page URL in step.
    sync_url: bool,
    /// Whether the first render must match prerendered markup.
    hydrating: bool,
    /// The article links lead to, if not this page.
    link_base: Option<AttrValue>,
    /// Writes exports.
    exporter: Option<js_sys::Function>,
}

#[component]
fn FlowView(props: &FlowViewProps) -> Html {
    // When hydrating, the first render is the start of the flow, like the
    // prerendered page; the effects below then apply the answers and the
    // notices, and the host hears of the widget only once they have.
    let state = {
        let flow = Rc::clone(&props.flow);
        let answers = if props.hydrating {
            Rc::default()
        } else {
            Rc::clone(&props.answers)
        };
        use_reducer(move || WidgetState::new(Rc::clone(&flow), Decision::new(&flow, &answers)))
    };
    let words = use_memo(Rc::clone(&props.flow), |flow| Words::for_flow(flow));
    let live = use_state(|| !props.hydrating);
    let ready_at: hooks::ReadyAt = use_mut_ref(|| None);
    let prefix = use_memo((), |_| super::next_instance_prefix());
    let heading = use_node_ref();
    let notices = use_state(|| {
        if props.hydrating {
            Vec::new()
        } else {
            (*props.notices).clone()
        }
    });
    // The notices of the opening link, and new notices from the host (a
    // changed `answers` attribute), replace the old.
    {
        let notices = notices.clone();
        use_effect_with(Rc::clone(&props.notices), move |new| {
            if !new.is_empty() {
                notices.set((**new).clone());
            }
        });
    }
    let code = AttrValue::from(link::encode(&state.flow, &state.walk));
    // The article the decision belongs to: share links and the exports'
    // section links lead there.
    let page = AttrValue::from(props.link_base.as_ref().map_or_else(web::page_url, ToString::to_string));
    let share_url = AttrValue::from(web::link_to(&page, &code));

    // Opening a link (pasted into this tab, or a saved decision) restores
    // its decision and says what it could not restore.
    let open = {
        let (dispatcher, notices, flow) = (state.dispatcher(), notices.clone(), Rc::clone(&state.flow));
        Callback::from(move |fragment: AttrValue| {
            if let Some((decision, notes)) = open_link(&flow, &fragment) {
                dispatcher.dispatch(Action::Replace(decision.answers().to_vec()));
                notices.set(notes);
            }
        })
    };
    // Opening a saved decision is the reader's doing: focus follows to its
    // question or recommendation (the panel they clicked in may be redrawn
    // elsewhere), once the new state is on screen.
    let open_requests = use_state(|| 0u32);
    hooks::use_focus_on_request(heading.clone(), *open_requests);
    let open_saved = {
        let (open, open_requests) = (open.clone(), open_requests.clone());
        Callback::from(move |fragment: AttrValue| {
            open.emit(fragment);
            open_requests.set(open_requests.wrapping_add(1));
        })
    };
    hooks::use_hash_links(open);
    hooks::use_url_sync(
        props.sync_url,
        state.revision,
        code.clone(),
        state.walk.steps.is_empty(),
        Rc::clone(&ready_at),
    );
    hooks::use_host_answers(
        state.dispatcher(),
        Rc::clone(&props.answers),
        props.answers_revision,
        live.clone(),
    );
    hooks::use_focus_follow(heading.clone(), state.revision, state.by_reader);
    hooks::use_host_events(
        props.host.clone(),
        Summary::new(&state.flow, &state.walk, share_url.to_string()),
        state.revision,
        *live,
        ready_at,
    );

    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let flow = &state.flow;
    let title_id = AttrValue::from(prefix.to_string() + "title");
    let announcement = announcement(flow, &state);
    let takeaway_id = AttrValue::from(prefix.to_string() + "takeaway");
    // The Dismiss button goes away with the notice: focus moves on to the
    // question or recommendation heading rather than falling to the page.
    let dismiss = {
        let (notices, heading) = (notices.clone(), heading.clone());
        Callback::from(move |_: MouseEvent| {
            notices.set(Vec::new());
            web::focus(&heading);
        })
    };
    let prefix = AttrValue::from((*prefix).clone());

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
                    if !notices.is_empty() {
                        <div class="dw-notice" role="status">
                            <ul class="dw-plain">{ for notices.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                            <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" onclick={dismiss}>{ "Dismiss" }</button>
                        </div>
                    }
                    if state.walk.outcome().is_some() {
                        <OutcomePanel flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} heading={heading.clone()} on_action={on_action.clone()} />
                        <section class="dw-card dw-takeaway" aria-labelledby={takeaway_id.clone()}>
                            <h3 class="dw-card-title" id={takeaway_id}>{ "Take it with you" }</h3>
                            <ShareBar link={share_url.clone()} title={AttrValue::from(flow.title().to_owned())} prefix={prefix.clone()} />
                            <h4 class="dw-subhead">{ "Export" }</h4>
                            <ExportPanel flow={Rc::clone(flow)} code={code.clone()} link={share_url.clone()} page={page.clone()} exporter={props.exporter.clone()} prefix={prefix.clone()} />
                        </section>
                    } else {
                        <Wizard flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} heading={heading.clone()} on_action={on_action.clone()} />
                    }
                    // One panel in one place for every step, so its status
                    // and undo survive reaching or leaving an outcome.
                    <SavedPanel flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} code={code.clone()} on_open={open_saved.clone()} prefix={prefix.clone()} />
                </div>
                <div class="dw-side">
                    <Chart flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} prefix={prefix.clone()} on_action={on_action.clone()} />
                    <ChartText flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} />
                </div>
            </div>
            <p class="dw-visually-hidden dw-live" role="status" aria-live="polite" aria-atomic="true">{ announcement }</p>
        </section>
    }
}

/// What the live region says: the recommendation, once there is one.
fn announcement(flow: &Flow, state: &WidgetState) -> String {
    let Some(outcome) = state.walk.outcome().and_then(|ix| flow.node(ix).outcome()) else {
        return String::new();
    };
    match &outcome.summary {
        Some(summary) => format!("Recommendation: {}. {summary}", outcome.title),
        None => format!("Recommendation: {}.", outcome.title),
    }
}
