//! The whole flowchart as SVG, laid out by the engine, with the reader's
//! path lit, untaken branches dimmed and the current question marked.
//!
//! Answered questions are buttons: clicking one (or Enter / Space on it)
//! goes back to change that answer. Everything else in the drawing is
//! hidden from assistive technology, which gets the text version instead.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::layout::{layout, ChartEdge, ChartNode};
use crate::engine::walk::EdgeState;
use crate::engine::{Action, Answer, Flow, NodeState, Walk};

/// Properties of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The flow to draw.
    pub flow: Rc<Flow>,
    /// The reader's path.
    pub walk: Rc<Walk>,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
    /// Where a click on an answered question goes.
    pub on_action: Callback<Action>,
}

fn node_class(state: NodeState) -> &'static str {
    match state {
        NodeState::Answered(_) => "is-answered",
        NodeState::Current => "is-current",
        NodeState::Reached => "is-reached",
        NodeState::Open => "is-open",
        NodeState::Dimmed => "is-dimmed",
    }
}

fn edge_class(state: EdgeState) -> &'static str {
    match state {
        EdgeState::Taken => "is-taken",
        EdgeState::Open => "is-open",
        EdgeState::Dimmed => "is-dimmed",
    }
}

fn node_view(flow: &Flow, node: &ChartNode, state: NodeState, on_action: &Callback<Action>) -> Html {
    let flow_node = flow.node(node.node);
    let kind = if flow_node.question().is_some() {
        "dw-node-q"
    } else {
        "dw-node-o"
    };
    let class = classes!("dw-node", kind, node_class(state));
    let cx = node.center_x().to_string();
    let base = node.first_baseline();
    let text = html! {
        <text class="dw-node-text" text-anchor="middle">
            { for node.lines.iter().enumerate().map(|(i, line)| html! {
                <><tspan x={cx.clone()} y={(base + i as i32 * crate::engine::layout::LINE_HEIGHT).to_string()}>{ line }</tspan>{ " " }</>
            }) }
        </text>
    };
    let rect = html! {
        <rect x={node.x.to_string()} y={node.y.to_string()} width={node.width.to_string()} height={node.height.to_string()} rx="10" />
    };
    let NodeState::Answered(answer) = state else {
        return html! { <g {class} aria-hidden="true">{ rect }{ text }</g> };
    };
    let ix = node.node;
    let onclick = on_action.reform(move |_: MouseEvent| Action::Revisit(ix));
    let onkeydown = {
        let on_action = on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                on_action.emit(Action::Revisit(ix));
            }
        })
    };
    // The name starts with the label the node shows (WCAG 2.5.3, label in
    // name), so a speech user can say what they see.
    let label = node.lines.join(" ") + " You answered " + answer.label() + ". Change this answer.";
    html! {
        <g {class} role="button" tabindex="0" aria-label={label} {onclick} {onkeydown}>
            { rect }{ text }
        </g>
    }
}

fn edge_view(edge: &ChartEdge, state: EdgeState) -> Html {
    let class = classes!("dw-edge", edge_class(state));
    html! {
        <g {class}>
            <path class="dw-edge-line" d={edge.path.clone()} />
            <path class="dw-edge-arrow" d={edge.arrow.clone()} />
        </g>
    }
}

fn label_view(edge: &ChartEdge, state: EdgeState) -> Html {
    let class = classes!("dw-edge-label", edge_class(state));
    let (x, y) = edge.label;
    let width = if edge.answer == Answer::Yes { 32 } else { 28 };
    html! {
        <g {class}>
            <rect x={(x - width / 2).to_string()} y={(y - 9).to_string()} width={width.to_string()} height="18" rx="9" />
            <text x={x.to_string()} y={(y + 4).to_string()} text-anchor="middle">{ edge.answer.label() }</text>
        </g>
    }
}

/// The flowchart.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let chart = use_memo(Rc::clone(&props.flow), |flow| layout(flow));
    let states = props.walk.node_states(&props.flow);
    // Taken edges are drawn last so they sit on top of the others.
    let edges = chart.edges_in_drawing_order(&states);
    let view_box = String::from("0 0 ") + &chart.width.to_string() + " " + &chart.height.to_string();
    let caption_id = props.prefix.to_string() + "chart-caption";

    html! {
        <figure class="dw-chart">
            <svg class="dw-chart-svg" viewBox={view_box} role="group" aria-labelledby={caption_id.clone()}
                 width={chart.width.to_string()} height={chart.height.to_string()} preserveAspectRatio="xMidYMin meet">
                <g aria-hidden="true">{ for edges.iter().map(|(e, s)| edge_view(e, *s)) }</g>
                <g aria-hidden="true">{ for edges.iter().map(|(e, s)| label_view(e, *s)) }</g>
                { for chart.nodes.iter().map(|n| node_view(&props.flow, n, states[n.node.get()], &props.on_action)) }
            </svg>
            <figcaption class="dw-chart-caption" id={caption_id}>
                { "The whole flowchart. Your path is highlighted; select an answered question to change it." }
            </figcaption>
        </figure>
    }
}
