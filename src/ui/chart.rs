//! The whole flowchart as SVG: the engine's drawing of the flow, with the
//! reader's path lit, untaken branches dimmed and the current question
//! marked.
//!
//! Answered questions are buttons: clicking one (or Enter / Space on it)
//! goes back to change that answer. Everything else in the drawing is
//! hidden from assistive technology, which gets the text version instead.
//! Each node, edge and label is its own component with cheap props, so an
//! answer redraws only the shapes whose state changed, however large the
//! flow.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::chart::{Drawing, EdgeShape, LabelShape, NodeRole, NodeShape};
use crate::engine::layout::layout;
use crate::engine::walk::EdgeState;
use crate::engine::words::Words;
use crate::engine::{Action, Flow, NodeState, Walk};

/// Properties of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The flow to draw.
    pub flow: Rc<Flow>,
    /// The reader's path.
    pub walk: Rc<Walk>,
    /// The widget's words.
    pub words: Rc<Words>,
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

#[derive(Properties, PartialEq)]
struct NodeViewProps {
    shape: NodeShape,
    /// For an answered question: what the reader answered, naming the
    /// button that goes back to it.
    answered: Option<AttrValue>,
    words: Rc<Words>,
    on_action: Callback<Action>,
}

#[component]
fn NodeView(props: &NodeViewProps) -> Html {
    let shape = &props.shape;
    let kind = match shape.role {
        NodeRole::Question => "dw-node-q",
        NodeRole::Outcome => "dw-node-o",
    };
    let class = classes!("dw-node", kind, node_class(shape.state));
    let text = html! {
        <text class="dw-node-text" text-anchor="middle">
            { for shape.lines.iter().map(|line| html! {
                <><tspan x={line.x.to_string()} y={line.y.to_string()}>{ &*line.text }</tspan>{ " " }</>
            }) }
        </text>
    };
    let rect = html! {
        <rect x={shape.x.to_string()} y={shape.y.to_string()} width={shape.width.to_string()} height={shape.height.to_string()} rx="10" />
    };
    let Some(answered) = &props.answered else {
        return html! { <g {class} aria-hidden="true">{ rect }{ text }</g> };
    };
    let ix = shape.node;
    let onclick = props.on_action.reform(move |_: MouseEvent| Action::Revisit(ix));
    let onkeydown = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                on_action.emit(Action::Revisit(ix));
            }
        })
    };
    // The name starts with the label the node shows (WCAG 2.5.3, label in
    // name), so a speech user can say what they see.
    let shown: Vec<&str> = shape.lines.iter().map(|l| &*l.text).collect();
    let label = props
        .words
        .fill("chart-answered", &[("label", &shown.join(" ")), ("answer", answered)]);
    html! {
        <g {class} role="button" tabindex="0" aria-label={label} {onclick} {onkeydown}>
            { rect }{ text }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct EdgeViewProps {
    shape: EdgeShape,
}

#[component]
fn EdgeView(props: &EdgeViewProps) -> Html {
    let class = classes!("dw-edge", edge_class(props.shape.state));
    html! {
        <g {class}>
            <path class="dw-edge-line" d={props.shape.path.to_string()} />
            <path class="dw-edge-arrow" d={props.shape.arrow.to_string()} />
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct LabelViewProps {
    shape: LabelShape,
}

#[component]
fn LabelView(props: &LabelViewProps) -> Html {
    let shape = &props.shape;
    let class = classes!("dw-edge-label", edge_class(shape.state));
    html! {
        <g {class}>
            <rect x={shape.x.to_string()} y={shape.y.to_string()} width={shape.width.to_string()} height={shape.height.to_string()} rx="9" />
            <text x={(shape.x + shape.width / 2).to_string()} y={shape.text_y.to_string()} text-anchor="middle">{ &*shape.text }</text>
        </g>
    }
}

/// A stable key for an edge: keyed, an edge keeps its component when the
/// drawing order moves it (taken edges are drawn last).
fn edge_key(from: crate::engine::NodeIx, answer: crate::engine::Answer) -> String {
    format!("{}-{}", from.get(), answer.index())
}

/// The flowchart.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let chart = use_memo(Rc::clone(&props.flow), |flow| layout(flow));
    let drawing = Drawing::new(&props.flow, &chart, &props.walk, &props.words);
    let view_box = format!("0 0 {} {}", drawing.width, drawing.height);
    let caption_id = format!("{}chart-caption", props.prefix);
    let answered = |shape: &NodeShape| -> Option<AttrValue> {
        let NodeState::Answered(answer) = shape.state else {
            return None;
        };
        let choice = props.flow.question(shape.node)?.choice(answer)?;
        Some(AttrValue::from(props.words.choice(choice).to_owned()))
    };

    html! {
        <figure class="dw-chart">
            <svg class="dw-chart-svg" viewBox={view_box} role="group" aria-labelledby={caption_id.clone()}
                 width={drawing.width.to_string()} height={drawing.height.to_string()} preserveAspectRatio="xMidYMin meet">
                <g aria-hidden="true">{ for drawing.edges.iter().map(|e| html! { <EdgeView key={edge_key(e.from, e.answer)} shape={e.clone()} /> }) }</g>
                <g aria-hidden="true">{ for drawing.edges.iter().zip(&drawing.labels).map(|(e, l)| html! { <LabelView key={edge_key(e.from, e.answer)} shape={l.clone()} /> }) }</g>
                { for drawing.nodes.iter().map(|n| html! {
                    <NodeView key={n.node.get()} shape={n.clone()} answered={answered(n)} words={Rc::clone(&props.words)} on_action={props.on_action.clone()} />
                }) }
            </svg>
            <figcaption class="dw-chart-caption" id={caption_id}>
                { props.words.get("chart-caption") }
            </figcaption>
        </figure>
    }
}
