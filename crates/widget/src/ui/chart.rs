//! The whole flowchart as SVG: the engine's drawing of the flow, with the
//! reader's path lit, untaken branches dimmed and the current question
//! marked, in a box that zooms and pans where the chart is larger than it.
//!
//! The box is as wide as the widget's column and at most as tall as
//! `.dw-chart-cap` allows (a share of the screen's height, in CSS). Where
//! the drawing does not fit, the chart opens at a readable scale around
//! the current question, with buttons to zoom out, zoom in and fit, and
//! the reader moves it by pointer, touch and keyboard; as they answer, the
//! current question stays in view. All of it moves the SVG's `viewBox`,
//! the way a strict Content Security Policy leaves open (no inline style).
//! The geometry is the engine's (`engine::viewport`); `chart_control`
//! handles the events, `chart_shapes` draws.

use std::rc::Rc;

use yew::prelude::*;

use super::chart_control::{ChartRefs, Controller, Markup};
use super::chart_shapes::{shapes, Shapes};
use dw_engine::chart::Drawing;
use dw_engine::layout::layout;
use dw_engine::viewport::decimal;
use dw_engine::words::Words;
use dw_engine::{Action, Flow, Walk};

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

/// An `Rc` compared by address, as a memo's key: the same flow, walk or
/// words are the same objects, and comparing them by value would walk a
/// large flow on every render.
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The flowchart.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let chart = use_memo(Same(Rc::clone(&props.flow)), |flow| layout(&flow.0));
    let drawing = use_memo(
        (
            Same(Rc::clone(&props.flow)),
            Same(Rc::clone(&props.walk)),
            Same(Rc::clone(&props.words)),
            Same(Rc::clone(&chart)),
        ),
        |(flow, walk, words, chart)| Drawing::new(&flow.0, &chart.0, &walk.0, &words.0),
    );
    let refs = use_memo((), |_| ChartRefs::default());
    let redraw = use_force_update();
    let control =
        use_mut_ref(|| Controller::new(Rc::clone(&drawing), props.on_action.clone(), redraw, (*refs).clone()));
    let markup = control.borrow_mut().rendered(&drawing, &props.on_action);
    {
        let control = Rc::clone(&control);
        use_effect_with(Same(Rc::clone(&drawing)), move |_| {
            Controller::drawing_changed(&control)
        });
    }

    let c = control.borrow();
    // Until measured, and wherever it fits, the drawing at its own size,
    // scaled down to the column by CSS (as prerendered); where it zooms,
    // the box, showing the view.
    let (view_box, width, height) = match (c.view().viewport(), markup.frame) {
        (Some(v), Some((width, height))) => (v.view_box(), decimal(width), decimal(height)),
        _ => (
            format!("0 0 {} {}", drawing.width, drawing.height),
            drawing.width.to_string(),
            drawing.height.to_string(),
        ),
    };
    // Zoomed out past reading, a ring a steady size on screen marks the
    // current question or the outcome.
    let marker = match (markup.shapes, drawing.focus()) {
        (Shapes::Silhouettes, Some(focus)) => {
            let (x, y) = focus.center();
            html! {
                <circle class="dw-chart-marker" ref={refs.marker.clone()} cx={decimal(x)} cy={decimal(y)}
                    r={c.marker_radius()} aria-hidden="true" />
            }
        }
        _ => Html::default(),
    };
    let caption_id = format!("{}chart-caption", props.prefix);
    let help_id = format!("{}chart-help", props.prefix);
    let zoomable = markup.zoomable;
    html! {
        <figure class={classes!("dw-chart", zoomable.then_some("is-zoomable"))} ref={refs.figure.clone()}>
            <svg ref={refs.svg.clone()} class={classes!("dw-chart-svg", markup.frame.is_some().then_some("is-boxed"))}
                 viewBox={view_box} {width} {height} preserveAspectRatio="xMidYMin meet"
                 role="group" aria-labelledby={caption_id.clone()} aria-describedby={zoomable.then(|| help_id.clone())}
                 tabindex={zoomable.then_some("0")}>
                { shapes(&props.flow, &drawing, &props.words, markup.shapes) }
                { marker }
            </svg>
            if zoomable {
                { tools(&props.words, &markup) }
            }
            <div class="dw-chart-cap" ref={refs.cap.clone()} aria-hidden="true"></div>
            if zoomable {
                <p class="dw-chart-help" id={help_id}>{ props.words.get("chart-help") }</p>
            }
            <figcaption class="dw-chart-caption" id={caption_id}>{ props.words.get("chart-caption") }</figcaption>
        </figure>
    }
}

/// The zoom buttons, in the widget's words: each an icon with its name
/// (for assistive technology, and as a tooltip). One that can do nothing
/// more says so with `aria-disabled` rather than `disabled`, so keyboard
/// focus stays on it instead of falling to the page. The controller takes
/// their clicks by `data-zoom`.
fn tools(words: &Words, markup: &Markup) -> Html {
    let tool = |zoom: &'static str, key: &'static str, icon: &'static str, enabled: bool| {
        let name = words.get(key).to_owned();
        html! {
            <button type="button" class="dw-chart-tool" data-zoom={zoom} title={name.clone()}
                aria-disabled={(!enabled).then_some("true")}>
                <svg class="dw-chart-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d={icon} /></svg>
                <span class="dw-visually-hidden">{ name }</span>
            </button>
        }
    };
    html! {
        <div class="dw-chart-tools">
            { tool("out", "zoom-out", "M5 10h10", markup.can_zoom_out) }
            { tool("in", "zoom-in", "M5 10h10M10 5v10", markup.can_zoom_in) }
            { tool("fit", "fit", "M3 7.5V3h4.5M12.5 3H17v4.5M17 12.5V17h-4.5M7.5 17H3v-4.5", !markup.fit) }
        </div>
    }
}
