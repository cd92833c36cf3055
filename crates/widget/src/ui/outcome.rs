//! The recommendation: what to build and why, first; then what to do with
//! it (copy its link, save it, export it); then, folded until asked for,
//! what would change it and the article's practice note.

use yew::prelude::*;

use super::section_link::section_link;
use dw_engine::change;
use dw_engine::words::Words;
use dw_engine::{Action, Flow, Note, Walk};

fn note_item(note: &Note, words: &Words) -> Html {
    html! {
        <li dir="auto">
            { &note.text }
            if let Some(section) = &note.section {
                { " " }{ section_link(section, words) }
            }
        </li>
    }
}

/// The recommendation panel of `walk`, which ends in an outcome. (A view
/// function rather than a component: it holds no state, and the widget
/// redraws it with every change anyway.)
///
/// `heading` is the recommendation, which receives focus when it is
/// reached; `takeaway` what to do with it (`ui::takeaway`).
pub fn outcome_panel(
    flow: &Flow,
    walk: &Walk,
    words: &Words,
    heading: &NodeRef,
    on_action: &Callback<Action>,
    takeaway: Html,
) -> Html {
    let Some(ix) = walk.outcome() else {
        return Html::default();
    };
    let Some(outcome) = flow.node(ix).outcome() else {
        return Html::default();
    };
    let changes = change::sentences(flow, walk, words);
    let send = |action: Action| on_action.reform(move |_: MouseEvent| action.clone());
    let flow_lang = flow.lang().map(|l| AttrValue::from(l.to_owned()));

    html! {
        <div class="dw-card dw-outcome">
            <p class="dw-kicker">{ words.get("recommendation") }</p>
            <h3 class="dw-outcome-title" tabindex="-1" ref={heading.clone()} lang={flow_lang.clone()} dir="auto">{ &outcome.title }</h3>
            if let Some(summary) = &outcome.summary {
                <p class="dw-summary" lang={flow_lang.clone()} dir="auto">{ summary }</p>
            }
            if !outcome.reasons.is_empty() {
                <h4 class="dw-subhead">{ words.get("why") }</h4>
                <ul class="dw-reasons" lang={flow_lang.clone()}>{ for outcome.reasons.iter().map(|r| note_item(r, words)) }</ul>
            }
            { takeaway }
            if !changes.is_empty() {
                <details class="dw-fold">
                    <summary>{ words.get("what-would-change-it") }</summary>
                    <ul class="dw-changes">
                        { for changes.iter().map(|c| html! { <li dir="auto">{ c }</li> }) }
                    </ul>
                </details>
            }
            if let Some(practice) = flow.practice() {
                <details class="dw-fold">
                    <summary>{ words.get("in-practice") }</summary>
                    <ul class="dw-plain dw-practice" lang={flow_lang}>{ note_item(practice, words) }</ul>
                </details>
            }
            <div class="dw-nav">
                <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Back)}>{ words.get("back") }</button>
                <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Restart)}>{ words.get("start-over") }</button>
            </div>
        </div>
    }
}
