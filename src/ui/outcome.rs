//! The recommendation: what to build and why, first; then what to do with
//! it (copy its link, save it, export it); then, folded until asked for,
//! what would change it and the article's practice note.

use std::rc::Rc;

use yew::prelude::*;

use super::saved::Saved;
use super::section_link::SectionLink;
use super::takeaway::Takeaway;
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
    /// The saved decisions' state.
    pub saved: UseReducerHandle<Saved>,
    /// The share-link code of this decision.
    pub code: AttrValue,
    /// The share URL of this decision.
    pub link: AttrValue,
    /// The article's URL, for the exports' links to its sections.
    pub page: AttrValue,
    /// Writes exports (see `ui::export`).
    pub exporter: Option<js_sys::Function>,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
}

fn note_item(note: &Note, words: &Rc<Words>) -> Html {
    html! {
        <li dir="auto">
            { &note.text }
            if let Some(section) = &note.section {
                { " " }<SectionLink section={AttrValue::from(section.clone())} words={Rc::clone(words)} />
            }
        </li>
    }
}

/// The recommendation panel.
#[component]
pub fn OutcomePanel(props: &OutcomePanelProps) -> Html {
    let flow = &props.flow;
    let words = &props.words;
    let Some(ix) = props.walk.outcome() else {
        return Html::default();
    };
    let Some(outcome) = flow.node(ix).outcome() else {
        return Html::default();
    };
    let changes = change::sentences(flow, &props.walk, words);
    let send = |action: Action| props.on_action.reform(move |_: MouseEvent| action.clone());
    let flow_lang = flow.lang().map(|l| AttrValue::from(l.to_owned()));

    html! {
        <div class="dw-card dw-outcome">
            <p class="dw-kicker">{ words.get("recommendation") }</p>
            <h3 class="dw-outcome-title" tabindex="-1" ref={props.heading.clone()} lang={flow_lang.clone()} dir="auto">{ &outcome.title }</h3>
            if let Some(summary) = &outcome.summary {
                <p class="dw-summary" lang={flow_lang.clone()} dir="auto">{ summary }</p>
            }
            if !outcome.reasons.is_empty() {
                <h4 class="dw-subhead">{ words.get("why") }</h4>
                <ul class="dw-reasons" lang={flow_lang.clone()}>{ for outcome.reasons.iter().map(|r| note_item(r, words)) }</ul>
            }
            <Takeaway flow={Rc::clone(flow)} walk={Rc::clone(&props.walk)} words={Rc::clone(words)} code={props.code.clone()}
                link={props.link.clone()} page={props.page.clone()} exporter={props.exporter.clone()} saved={props.saved.clone()}
                prefix={props.prefix.clone()} />
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
