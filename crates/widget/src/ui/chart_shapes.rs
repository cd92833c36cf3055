//! The chart's shapes inside its SVG, drawn from the engine's [`Drawing`].
//!
//! Only what the view needs reaches the page: the nodes and answer labels
//! in the view's window, each its own keyed component (so an answer
//! redraws only the ones whose state changed), and the edges as one path
//! per state. Zoomed out too far to read, every node of a state is one
//! path of plain boxes instead. A 500-node flow thus costs the browser
//! tens of elements, not thousands.
//!
//! Answered questions are buttons: clicking one (or Enter / Space on it)
//! goes back to change that answer (the chart's controller handles both,
//! by the node's `data-node`). Everything else in the drawing is hidden
//! from assistive technology, which gets the text version instead.

use yew::prelude::*;

use dw_engine::chart::{Drawing, EdgeBatch, EdgeShape, LabelShape, NodeLook, NodeRole, NodeShape};
use dw_engine::viewport::Rect;
use dw_engine::walk::EdgeState;
use dw_engine::words::Words;
use dw_engine::{Answer, Flow, NodeIx, NodeState};

/// Which shapes to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shapes {
    /// Every shape, with text.
    All,
    /// The shapes that reach into this part of the drawing, with text.
    Window(Rect),
    /// Every node and edge as silhouettes, without text.
    Silhouettes,
    /// Nothing yet: a large flow waits for its box to be measured.
    Nothing,
}

fn node_class(state: NodeState) -> &'static str {
    look_class(NodeLook::of(state))
}

fn look_class(look: NodeLook) -> &'static str {
    match look {
        NodeLook::Answered => "is-answered",
        NodeLook::Current => "is-current",
        NodeLook::Reached => "is-reached",
        NodeLook::Open => "is-open",
        NodeLook::Dimmed => "is-dimmed",
    }
}

fn edge_class(state: EdgeState) -> &'static str {
    match state {
        EdgeState::Taken => "is-taken",
        EdgeState::Open => "is-open",
        EdgeState::Dimmed => "is-dimmed",
    }
}

/// A stable key for an edge's label: keyed, a label keeps its component
/// when the window moves.
fn edge_key(from: NodeIx, answer: Answer) -> String {
    format!("{}-{}", from.get(), answer.index())
}

/// The shapes of `drawing` (of `flow`) that `shapes` asks for, with the
/// answers in `words`.
pub fn shapes(flow: &Flow, drawing: &Drawing, words: &Words, shapes: Shapes) -> Html {
    let within = match shapes {
        Shapes::Nothing => return Html::default(),
        Shapes::Silhouettes => return silhouettes(drawing),
        Shapes::All => None,
        Shapes::Window(window) => Some(window),
    };
    let shown = |rect: Rect| within.is_none_or(|w| w.intersects(&rect));
    // An answered question's name starts with the label the node shows
    // (WCAG 2.5.3, label in name), so a speech user can say what they see.
    let answered = |shape: &NodeShape| -> Option<AttrValue> {
        let NodeState::Answered(answer) = shape.state else {
            return None;
        };
        let choice = flow.question(shape.node)?.choice(answer)?;
        let shown: Vec<&str> = shape.lines.iter().map(|l| &*l.text).collect();
        let name = words.fill(
            "chart-answered",
            &[("label", &shown.join(" ")), ("answer", words.choice(choice))],
        );
        Some(AttrValue::from(name))
    };
    let edges = drawing.edge_batches(within.as_ref());
    // Labels and nodes fill groups of their own: lists of keyed components
    // alone, so that when the window moves Yew keeps the ones that stay (a
    // focused node keeps its focus) rather than matching them by position.
    // The labels keep one order whatever their state (the drawing's puts
    // the lit ones last), so an answer changes the classes of the few whose
    // state changed and moves none (the layout sets labels apart, so the
    // order never hides one).
    let mut labels: Vec<(&EdgeShape, &LabelShape)> = drawing
        .edges
        .iter()
        .zip(&drawing.labels)
        .filter(|(_, l)| shown(l.rect()))
        .collect();
    labels.sort_unstable_by_key(|(e, _)| (e.from.get(), e.answer.index()));
    html! {
        <>
            <g class="dw-edges" aria-hidden="true">{ for edges.iter().map(edge_batch) }</g>
            <g aria-hidden="true">
                { for labels.into_iter().map(|(e, l)| html! {
                    <LabelView key={edge_key(e.from, e.answer)} shape={l.clone()} />
                }) }
            </g>
            <g>
                { for drawing.nodes.iter().filter(|n| shown(n.rect())).map(|n| html! {
                    <NodeView key={n.node.get()} shape={n.clone()} answered={answered(n)} />
                }) }
            </g>
        </>
    }
}

fn edge_batch(batch: &EdgeBatch) -> Html {
    let state = edge_class(batch.state);
    html! {
        <>
            <path class={classes!("dw-edge-line", state)} d={batch.lines.clone()} />
            <path class={classes!("dw-edge-arrow", state)} d={batch.arrows.clone()} />
        </>
    }
}

/// Edges too small for arrowheads: the lines alone.
fn edge_lines(batch: &EdgeBatch) -> Html {
    html! { <path class={classes!("dw-edge-line", edge_class(batch.state))} d={batch.lines.clone()} /> }
}

/// The whole chart zoomed out past reading: edges and node boxes, a path
/// per state, their outlines a steady width on screen (see the CSS).
fn silhouettes(drawing: &Drawing) -> Html {
    let edges = drawing.edge_batches(None);
    let nodes = drawing.node_batches();
    html! {
        <g class="dw-silhouettes" aria-hidden="true">
            { for edges.iter().map(edge_lines) }
            { for nodes.iter().map(|b| html! {
                <path class={classes!("dw-silhouette", look_class(b.look))} d={b.path.clone()} />
            }) }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct NodeViewProps {
    shape: NodeShape,
    /// For an answered question: the name of the button that goes back
    /// to it, with what the reader answered.
    answered: Option<AttrValue>,
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
    // Clicks, keys and focus reach the chart's controller by this index.
    let node = shape.node.get().to_string();
    let Some(answered) = &props.answered else {
        return html! { <g {class} data-node={node} aria-hidden="true">{ rect }{ text }</g> };
    };
    html! {
        <g {class} data-node={node} role="button" tabindex="0" aria-label={answered.clone()}>
            { rect }{ text }
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
