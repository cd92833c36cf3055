//! The recommendation: what to build, why, the answers that led here, what
//! would change it, and the article's practice note.

use std::rc::Rc;

use yew::prelude::*;

use super::answers::AnswerList;
use super::section_link::SectionLink;
use crate::engine::change;
use crate::engine::words::Words;
use crate::engine::{Action, Flow, Note, Walk};

/// Properties of [`OutcomePanel`].
#[derive(Properties, PartialEq)]
pub struct OutcomePanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path; its position is an outcome.
    pub walk: Rc<Walk>,
    /// The widget's words.
    pub words: Rc<Words>,
    /// The heading that receives focus when the outcome is reached.
    pub heading: NodeRef,
    /// Where the reader's actions go.
    pub on_action: Callback<Action>,
}

fn note_item(note: &Note) -> Html {
    html! {
        <li>
            { &note.text }
            if let Some(section) = &note.section {
                { " " }<SectionLink section={AttrValue::from(section.clone())} />
            }
        </li>
    }
}

/// The recommendation panel.
#[component]
pub fn OutcomePanel(props: &OutcomePanelProps) -> Html {
    let flow = &props.flow;
    let Some(ix) = props.walk.outcome() else {
        return Html::default();
    };
    let Some(outcome) = flow.node(ix).outcome() else {
        return Html::default();
    };
    let changes = change::sentences(flow, &props.walk, &props.words);
    let send = |action: Action| props.on_action.reform(move |_: MouseEvent| action.clone());

    html! {
        <div class="dw-card dw-outcome">
            <p class="dw-kicker">{ "Recommendation" }</p>
            <h3 class="dw-outcome-title" tabindex="-1" ref={props.heading.clone()}>{ &outcome.title }</h3>
            if let Some(summary) = &outcome.summary {
                <p class="dw-summary">{ summary }</p>
            }
            if !outcome.reasons.is_empty() {
                <h4 class="dw-subhead">{ "Why" }</h4>
                <ul class="dw-reasons">{ for outcome.reasons.iter().map(note_item) }</ul>
            }
            <AnswerList flow={Rc::clone(flow)} walk={Rc::clone(&props.walk)} words={Rc::clone(&props.words)} on_action={props.on_action.clone()} title="The answers that led here" />
            if !changes.is_empty() {
                <h4 class="dw-subhead">{ "What would change it" }</h4>
                <ul class="dw-changes">
                    { for changes.iter().map(|c| html! { <li>{ c }</li> }) }
                </ul>
            }
            if let Some(practice) = flow.practice() {
                <aside class="dw-practice" aria-label="In practice">
                    <h4 class="dw-subhead">{ "In practice" }</h4>
                    <ul class="dw-plain">{ note_item(practice) }</ul>
                </aside>
            }
            <div class="dw-nav">
                <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Back)}>{ props.words.get("back") }</button>
                <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Restart)}>{ props.words.get("start-over") }</button>
            </div>
        </div>
    }
}
