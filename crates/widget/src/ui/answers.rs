//! The reader's answers along the path, each with a way back to change it.

use yew::prelude::*;

use dw_engine::words::Words;
use dw_engine::{Action, Flow, Walk};

/// An ordered list of question → answer under `title`, with a "Change"
/// button per row that sends the reader back to that question. (A view
/// function rather than a component: it holds no state, and the widget
/// redraws it with every answer anyway.)
pub fn answer_list(flow: &Flow, walk: &Walk, words: &Words, on_action: &Callback<Action>, title: &str) -> Html {
    let lang = flow.lang().map(|l| AttrValue::from(l.to_owned()));
    let rows = walk.steps.iter().filter_map(|step| {
        let question = flow.question(step.question)?;
        let answer = words.choice(question.choice(step.answer)?);
        let revisit = on_action.reform({
            let ix = step.question;
            move |_: MouseEvent| Action::Revisit(ix)
        });
        let label = words.fill("change-answer", &[("question", &question.text)]);
        Some(html! {
            <li class="dw-answer-row">
                <span class="dw-answer-q" lang={lang.clone()} dir="auto">{ &question.text }</span>
                <span class="dw-answer-a" dir="auto">{ answer }</span>
                <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={label} onclick={revisit}>{ words.get("change") }</button>
            </li>
        })
    });
    html! {
        <div class="dw-answers">
            <h4 class="dw-subhead">{ title }</h4>
            <ol class="dw-answer-list">{ for rows }</ol>
        </div>
    }
}
