//! The recommendation: what to build, why, the answers that led here, what
//! would change it, and the article's practice note.

use std::rc::Rc;

use yew::prelude::*;

use super::answers::AnswerList;
use super::section_link::SectionLink;
use crate::engine::{Action, Alternative, Flow, Note, Walk};

/// Properties of [`OutcomePanel`].
#[derive(Properties, PartialEq)]
pub struct OutcomePanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path; its position is an outcome.
    pub walk: Rc<Walk>,
    /// The heading that receives focus when the outcome is reached.
    pub heading: NodeRef,
    /// Where the reader's actions go.
    pub on_action: Callback<Action>,
}

/// One line of "what would change it".
struct Change {
    question: String,
    answered: &'static str,
    other: &'static str,
    result: String,
}

impl Change {
    fn new(flow: &Flow, current: Option<crate::engine::NodeIx>, alt: &Alternative) -> Change {
        let question = flow
            .node(alt.step.question)
            .question()
            .map(|q| q.text.clone())
            .unwrap_or_default();
        let target = flow.node(alt.leads_to);
        let titles: Vec<&str> = alt.outcomes.iter().map(|&ix| outcome_title(flow, ix)).collect();
        let result = if let Some(outcome) = target.outcome() {
            if Some(alt.leads_to) == current {
                String::from("the same recommendation.")
            } else {
                outcome.title.clone() + "."
            }
        } else {
            let next = target
                .question()
                .map(|q| q.text.as_str())
                .unwrap_or(target.label.as_str());
            String::from("the question “") + next + "”, which can end in " + &join_or(&titles) + "."
        };
        Change {
            question,
            answered: alt.step.answer.label(),
            other: alt.step.answer.other().label(),
            result,
        }
    }
}

fn outcome_title(flow: &Flow, ix: crate::engine::NodeIx) -> &str {
    flow.node(ix).outcome().map(|o| o.title.as_str()).unwrap_or("")
}

/// "A", "A or B", "A, B or C".
fn join_or(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " or " } else { ", " });
        }
        out.push_str(item);
    }
    out
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
    let changes: Vec<Change> = props
        .walk
        .alternatives(flow)
        .iter()
        .map(|alt| Change::new(flow, Some(ix), alt))
        .collect();
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
            <AnswerList flow={Rc::clone(flow)} walk={Rc::clone(&props.walk)} on_action={props.on_action.clone()} title="The answers that led here" />
            if !changes.is_empty() {
                <h4 class="dw-subhead">{ "What would change it" }</h4>
                <ul class="dw-changes">
                    { for changes.iter().map(|c| html! {
                        <li>
                            { "You answered " }<strong>{ c.answered }</strong>{ " to “" }{ &c.question }{ "”. " }
                            <strong>{ c.other }</strong>{ " would lead to " }{ &c.result }
                        </li>
                    }) }
                </ul>
            }
            if let Some(practice) = flow.practice() {
                <aside class="dw-practice" aria-label="In practice">
                    <h4 class="dw-subhead">{ "In practice" }</h4>
                    <ul class="dw-plain">{ note_item(practice) }</ul>
                </aside>
            }
            <div class="dw-nav">
                <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Back)}>{ "Back" }</button>
                <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Restart)}>{ "Start over" }</button>
            </div>
        </div>
    }
}
