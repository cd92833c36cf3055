//! The flowchart as text: every question, where each answer leads, and
//! every outcome, with the reader's answers marked. It is the chart's text
//! equivalent for screen readers and for anyone who prefers to read, drawn
//! from the same model as the outline for readers without JavaScript.

use std::rc::Rc;

use yew::prelude::*;

use dw_engine::text::{FlowText, Target};
use dw_engine::words::Words;
use dw_engine::{Flow, Walk};

/// Properties of [`ChartText`].
#[derive(Properties, PartialEq)]
pub struct ChartTextProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path, to mark their answers.
    pub walk: Rc<Walk>,
    /// The widget's words.
    pub words: Rc<Words>,
}

/// A collapsible text version of the chart. Its contents are drawn only
/// while it is open, so a flow of hundreds of questions costs nothing
/// until the reader asks for it.
#[component]
pub fn ChartText(props: &ChartTextProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            use wasm_bindgen::JsCast;
            if let Some(details) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                open.set(details.open());
            }
        })
    };
    let body = open.then(|| {
        let words = &props.words;
        let text = FlowText::new(&props.flow, Some(&props.walk), words);
        let questions = text.questions.iter().map(|q| {
            html! {
                <li>
                    <span class="dw-text-q" dir="auto">{ q.text }</span>
                    <ul>
                        { for q.answers.iter().map(|a| html! {
                            <li>
                                <strong>{ words.fill("label-colon", &[("label", a.label)]) }</strong>{ " " }
                                { match a.target {
                                    Target::Question(_, text) => words.fill("to-question", &[("question", &words.quote(text))]),
                                    Target::Outcome(title) => words.fill("to-outcome", &[("title", title)]),
                                } }
                                if a.chosen { { " " }<em class="dw-text-mark">{ words.get("your-answer") }</em> }
                            </li>
                        }) }
                    </ul>
                </li>
            }
        });
        let outcomes = text.outcomes.iter().map(|o| {
            html! {
                <li>
                    if let Some(summary) = o.summary {
                        <strong>{ words.fill("label-colon", &[("label", o.title)]) }</strong>{ " " }{ summary }
                    } else {
                        <strong>{ o.title }</strong>
                    }
                </li>
            }
        });
        html! {
            <>
                <h4 class="dw-subhead">{ words.get("questions-in-order") }</h4>
                <ol>{ for questions }</ol>
                <h4 class="dw-subhead">{ words.get("recommendations") }</h4>
                <ul>{ for outcomes }</ul>
            </>
        }
    });
    html! {
        <details class="dw-text-chart" {ontoggle} open={*open}>
            <summary>{ props.words.get("text-chart") }</summary>
            { for body }
        </details>
    }
}
