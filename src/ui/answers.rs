//! The reader's answers along the path, each with a way back to change it.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::words::Words;
use crate::engine::{Action, Flow, Walk};

/// Properties of [`AnswerList`].
#[derive(Properties, PartialEq)]
pub struct AnswerListProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path.
    pub walk: Rc<Walk>,
    /// The widget's words.
    pub words: Rc<Words>,
    /// Where "Change" goes.
    pub on_action: Callback<Action>,
    /// The list's heading.
    pub title: AttrValue,
}

/// An ordered list of question → answer, with a "Change" button per row.
#[component]
pub fn AnswerList(props: &AnswerListProps) -> Html {
    let lang = props.flow.lang().map(|l| AttrValue::from(l.to_owned()));
    let rows = props.walk.steps.iter().filter_map(|step| {
        let question = props.flow.question(step.question)?;
        let answer = props.words.choice(question.choice(step.answer)?);
        let revisit = props.on_action.reform({
            let ix = step.question;
            move |_: MouseEvent| Action::Revisit(ix)
        });
        let label = props.words.fill("change-answer", &[("question", &question.text)]);
        Some(html! {
            <li class="dw-answer-row">
                <span class="dw-answer-q" lang={lang.clone()} dir="auto">{ &question.text }</span>
                <span class="dw-answer-a" dir="auto">{ answer }</span>
                <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={label} onclick={revisit}>{ props.words.get("change") }</button>
            </li>
        })
    });
    html! {
        <div class="dw-answers">
            <h4 class="dw-subhead">{ &props.title }</h4>
            <ol class="dw-answer-list">{ for rows }</ol>
        </div>
    }
}
