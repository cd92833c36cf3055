//! The flowchart as text: every question, where each answer leads, and
//! every outcome, with the reader's answers marked. It is the chart's text
//! equivalent for screen readers and for anyone who prefers to read.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{Answer, Flow, NodeIx, Walk};

/// Properties of [`ChartText`].
#[derive(Properties, PartialEq)]
pub struct ChartTextProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path, to mark their answers.
    pub walk: Rc<Walk>,
}

fn target_name(flow: &Flow, ix: NodeIx) -> String {
    let node = flow.node(ix);
    match (node.question(), node.outcome()) {
        (Some(q), _) => String::from("question “") + &q.text + "”",
        (_, Some(o)) => String::from("recommendation: ") + &o.title,
        _ => node.label.clone(),
    }
}

/// A collapsible text version of the chart.
#[component]
pub fn ChartText(props: &ChartTextProps) -> Html {
    let flow = &props.flow;
    let chosen = |ix: NodeIx, answer: Answer| props.walk.steps.iter().any(|s| s.question == ix && s.answer == answer);
    let questions = flow.topological().iter().filter_map(|&ix| {
        let question = flow.node(ix).question()?;
        Some(html! {
            <li>
                <span class="dw-text-q">{ &question.text }</span>
                <ul>
                    { for Answer::BOTH.iter().map(|&a| html! {
                        <li>
                            <strong>{ a.label() }</strong>{ ": " }{ target_name(flow, question.next(a)) }
                            if chosen(ix, a) { <em class="dw-text-mark">{ " (your answer)" }</em> }
                        </li>
                    }) }
                </ul>
            </li>
        })
    });
    let outcomes = flow.nodes().iter().filter_map(|n| n.outcome()).map(|o| {
        html! {
            <li>
                <strong>{ &o.title }</strong>
                if let Some(summary) = &o.summary { { ": " }{ summary } }
            </li>
        }
    });
    html! {
        <details class="dw-text-chart">
            <summary>{ "The flowchart as text" }</summary>
            <h4 class="dw-subhead">{ "Questions, in order" }</h4>
            <ol>{ for questions }</ol>
            <h4 class="dw-subhead">{ "Recommendations" }</h4>
            <ul>{ for outcomes }</ul>
        </details>
    }
}
