//! The root component: loads the decision, wires the reducer, moves focus,
//! announces results and tells the host page about every change.
//!
//! The layout, in reading order: the step (the question, or the
//! recommendation with what to do with it), the flowchart (folded behind a
//! "Show the flowchart" button on a narrow screen, so the question stays
//! first), and what comes after (the answers given, the saved decisions).
//! On a wide screen the flowchart sits beside the other two.

use std::rc::Rc;

use yew::prelude::*;

use super::answers::answer_list;
use super::chart::Chart;
use super::chart_text::ChartText;
use super::error_view::{error_view, LoadError};
use super::hooks;
use super::outcome::outcome_panel;
use super::saved::{use_saved, SavedPanel};
use super::state::{open_link, WidgetState};
use super::takeaway::Takeaway;
use super::wizard::wizard;
use crate::web;
use dw_engine::link::{self, LinkIssue};
use dw_engine::summary::Summary;
use dw_engine::words::{flow_direction, Direction, Table, Words};
use dw_engine::{Action, Answer, Decision, Flow};

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
    pub notices: Rc<Vec<LinkIssue>>,
    /// The reader's language, when it is not English (`static/lang/`).
    #[prop_or_default]
    pub table: Option<Rc<Table>>,
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
            table: None,
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
    let words = use_memo((props.table.clone(), props.flow.clone()), |(table, flow)| {
        let words = Words::new(table.clone(), dw_intl::RULES);
        match flow {
            Ok(flow) => words.with_flow(flow),
            Err(_) => words,
        }
    });
    match &props.flow {
        Ok(flow) => html! {
            <FlowView flow={Rc::clone(flow)} {words} answers={Rc::clone(&props.answers)}
                answers_revision={props.answers_revision} host={props.host.clone()}
                notices={Rc::clone(&props.notices)} sync_url={props.sync_url} hydrating={props.hydrating}
                link_base={props.link_base.clone()} exporter={props.exporter.clone()} />
        },
        Err(error) => error_view(error, &words),
    }
}

#[derive(Properties, PartialEq)]
struct FlowViewProps {
    /// The flow to walk.
    flow: Rc<Flow>,
    /// The widget's words.
    words: Rc<Words>,
    /// Answers to start from.
    answers: Rc<Vec<Answer>>,
    /// Raised each time the host sets answers.
    answers_revision: u32,
    /// Where events go.
    host: Option<web_sys::Element>,
    /// What a link could not restore.
    notices: Rc<Vec<LinkIssue>>,
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
    let words = Rc::clone(&props.words);
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
    hooks::use_host_answers(
        state.dispatcher(),
        Rc::clone(&props.answers),
        props.answers_revision,
        live.clone(),
    );
    hooks::use_follow_changes(
        hooks::Follow {
            host: props.host.clone(),
            summary: Summary::new(&state.flow, &state.walk, share_url.to_string()),
            fragment: props.sync_url.then(|| {
                if state.walk.steps.is_empty() {
                    AttrValue::default()
                } else {
                    code.clone()
                }
            }),
            focus: state.by_reader.then(|| heading.clone()),
        },
        state.revision,
        *live,
        ready_at,
    );

    let saved = use_saved();
    // On a narrow screen the flowchart folds away under the step; the
    // reader unfolds it (a wide screen always shows it, beside the step).
    let map_open = use_state(|| false);
    let toggle_map = {
        let map_open = map_open.clone();
        Callback::from(move |_: MouseEvent| map_open.set(!*map_open))
    };

    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let flow = &state.flow;
    let title_id = AttrValue::from(prefix.to_string() + "title");
    let map_id = AttrValue::from(prefix.to_string() + "map");
    let announcement = announcement(flow, &state, &words);
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
    let flow_lang = flow.lang().map(|l| AttrValue::from(l.to_owned()));
    // The chart's texts are the flow's: they run its way, whatever the
    // widget's language (its caption, in the widget's words, does not).
    let flow_dir = match flow_direction(flow) {
        Direction::Rtl => "is-rtl",
        Direction::Ltr => "is-ltr",
    };
    let outcome = state.walk.outcome().is_some();
    let map_class = classes!("dw-map", (!*map_open).then_some("is-folded"));
    let map_label = words
        .get(if *map_open { "hide-chart" } else { "show-chart" })
        .to_owned();

    html! {
        <section class="dw" lang={words.lang().to_owned()} dir={words.dir().as_str()} aria-labelledby={title_id.clone()}>
            <header class="dw-head" lang={flow_lang.clone()}>
                <h2 class="dw-title" id={title_id} dir="auto">{ flow.title() }</h2>
                if let Some(intro) = flow.intro() {
                    <p class="dw-intro" dir="auto">{ intro }</p>
                }
            </header>
            <div class="dw-body">
                <div class="dw-step">
                    if !notices.is_empty() {
                        <div class="dw-notice" role="status">
                            <ul class="dw-plain">{ for notices.iter().map(|n| html! { <li>{ n.describe(&words) }</li> }) }</ul>
                            <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" onclick={dismiss}>{ words.get("dismiss") }</button>
                        </div>
                    }
                    if outcome {
                        { outcome_panel(flow, &state.walk, &words, &heading, &on_action, html! {
                            <Takeaway flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} code={code.clone()}
                                link={share_url.clone()} page={page.clone()} exporter={props.exporter.clone()} saved={saved.clone()}
                                prefix={prefix.clone()} />
                        }) }
                    } else {
                        { wizard(flow, &state.walk, &words, &heading, &on_action) }
                    }
                </div>
                <div class={map_class}>
                    <button type="button" class="dw-btn dw-btn-quiet dw-map-toggle" aria-expanded={(*map_open).to_string()}
                        aria-controls={map_id.clone()} onclick={toggle_map}>{ map_label }</button>
                    <div class={classes!("dw-map-chart", flow_dir)} id={map_id} lang={flow_lang.clone()}>
                        <Chart flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} prefix={prefix.clone()} on_action={on_action.clone()} />
                    </div>
                    <ChartText flow={Rc::clone(flow)} walk={Rc::clone(&state.walk)} words={Rc::clone(&words)} />
                </div>
                <div class="dw-more">
                    if !state.walk.steps.is_empty() {
                        { answer_list(flow, &state.walk, &words, &on_action, words.get(if outcome { "your-answers" } else { "answers-so-far" })) }
                    }
                    // One list in one place for every step, so its status
                    // and undo survive reaching or leaving an outcome.
                    <SavedPanel flow={Rc::clone(flow)} words={Rc::clone(&words)} saved={saved} on_open={open_saved.clone()} prefix={prefix.clone()} />
                </div>
            </div>
            <p class="dw-visually-hidden dw-live" role="status" aria-live="polite" aria-atomic="true">{ announcement }</p>
        </section>
    }
}

/// What the live region says: the recommendation, once there is one.
fn announcement(flow: &Flow, state: &WidgetState, words: &Words) -> String {
    let Some(outcome) = state.walk.outcome().and_then(|ix| flow.node(ix).outcome()) else {
        return String::new();
    };
    let mut out = words.fill("announce-outcome", &[("title", &outcome.title)]);
    if let Some(summary) = &outcome.summary {
        out.push_str(words.get("sentence-gap"));
        out.push_str(summary);
    }
    out
}
