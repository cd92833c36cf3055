//! What makes the chart move: the engine's [`View`] of the drawing, and
//! every event that changes it — the box's size, the zoom buttons, a drag
//! (mouse, pen or one finger), a pinch (two fingers, as Pointer Events),
//! Ctrl or ⌘ with the wheel (and a trackpad's pinch, which browsers send
//! as that), a double click, the keyboard while the chart has focus (+, −,
//! the arrows, 0 to fit), a node reached with Tab, printing, and animation
//! frames. The geometry is the engine's; this turns events into
//! [`ViewAction`]s and shows the result.
//!
//! One listener on the chart's `<figure>` takes every event (the nodes'
//! clicks and keys too, by their `data-node`), and a move the reader makes
//! by hand sets the SVG's `viewBox` at once, without a render: Yew draws
//! the chart again only when its markup changes (the box, the zoom
//! buttons' states, or which shapes are drawn). That keeps every frame of
//! a drag or pinch cheap, and the widget small.
//!
//! A drag must not answer for the reader: once a pointer has moved further
//! than a click's wobble, the click that ends it is dropped, and the
//! pointer is captured so the drag goes on outside the chart.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};
use yew::prelude::*;

use super::chart_shapes::Shapes;
use crate::web;
use dw_engine::chart::Drawing;
use dw_engine::viewport::{decimal, Point, Rect, Size, View, ViewAction, ZOOM_STEP};
use dw_engine::{Action, NodeState};

/// How far (CSS pixels) a mouse or pen may move and still click.
const CLICK_SLOP: f32 = 4.0;
/// How far a finger may move and still tap.
const TAP_SLOP: f32 = 10.0;
/// How far an arrow key moves the chart (CSS pixels).
const KEY_STEP: f32 = 48.0;
/// How much each pixel of wheel movement zooms, and the most one event
/// counts: a mouse wheel's notch (100 px) zooms by 1.2, a trackpad's many
/// small events smoothly.
const WHEEL_RATE: f32 = 0.002;
const WHEEL_MAX: f32 = 200.0;
/// The most nodes drawn before the box is measured, and so prerendered
/// into a page: every flow an article is likely to hold. A larger one is
/// drawn once the box is known, and then only what is in view.
const DRAWN_UNMEASURED: usize = 120;
/// The radius of the ring around the current node when zoomed out past
/// reading, in CSS pixels.
const MARKER_RADIUS: f32 = 12.0;
/// The events the chart listens to.
const EVENTS: [&str; 9] = [
    "pointerdown",
    "pointermove",
    "pointerup",
    "pointercancel",
    "wheel",
    "keydown",
    "click",
    "dblclick",
    "focusin",
];

/// The elements the controller measures and moves.
#[derive(Clone, Default, PartialEq)]
pub struct ChartRefs {
    /// The `<figure>`: as wide as the box may be.
    pub figure: NodeRef,
    /// The element as tall as the box may be.
    pub cap: NodeRef,
    /// The `<svg>`.
    pub svg: NodeRef,
    /// The ring around the current node, when drawn.
    pub marker: NodeRef,
}

/// What the chart's markup shows of the view; it is drawn again only when
/// this changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Markup {
    /// The box's size, once measured, where the chart zooms. A chart that
    /// fits its box keeps the markup it was prerendered with.
    pub frame: Option<(f32, f32)>,
    /// Whether the chart zooms (and shows its buttons).
    pub zoomable: bool,
    /// Which shapes are drawn.
    pub shapes: Shapes,
    /// Whether Zoom in can do anything.
    pub can_zoom_in: bool,
    /// Whether Zoom out can.
    pub can_zoom_out: bool,
    /// Whether the whole drawing shows (Fit does nothing).
    pub fit: bool,
}

/// The pointers down on the chart.
#[derive(Default)]
struct Pointers {
    /// The box's top left corner in the window when the first went down.
    origin: Point,
    /// Each pointer's id and last position in the box; two at most.
    down: Vec<(i32, Point)>,
}

/// The chart's view and its event handling.
pub struct Controller {
    view: View,
    drawing: Rc<Drawing>,
    on_action: Callback<Action>,
    redraw: UseForceUpdateHandle,
    refs: ChartRefs,
    /// What the last render drew.
    drawn: Option<Markup>,
    pointers: Pointers,
    /// Whether the last pointer down became a drag or a pinch.
    dragged: bool,
    /// The animation frame asked for, while one is due.
    frame: Option<gloo_render::AnimationFrame>,
    frame_due: bool,
    /// The listeners and size observer, once started; they go with the
    /// controller.
    listening: Option<Listening>,
}

impl Controller {
    /// A controller for `drawing`, before its box is measured.
    pub fn new(
        drawing: Rc<Drawing>,
        on_action: Callback<Action>,
        redraw: UseForceUpdateHandle,
        refs: ChartRefs,
    ) -> Self {
        let view = View::new(size(&drawing), drawing.focus());
        Controller {
            view,
            drawing,
            on_action,
            redraw,
            refs,
            drawn: None,
            pointers: Pointers::default(),
            dragged: false,
            frame: None,
            frame_due: false,
            listening: None,
        }
    }

    /// The view.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// What the markup shows of the view now.
    pub fn markup(&self) -> Markup {
        let viewport = self.view.viewport();
        let shapes = match viewport {
            None if self.drawing.nodes.len() <= DRAWN_UNMEASURED => Shapes::All,
            None => Shapes::Nothing,
            Some(_) if !self.view.shows_text() => Shapes::Silhouettes,
            Some(_) => self.view.window().map_or(Shapes::All, Shapes::Window),
        };
        Markup {
            frame: viewport
                .filter(|v| v.zoomable())
                .map(|v| (v.frame().width, v.frame().height)),
            zoomable: self.view.zoomable(),
            shapes,
            can_zoom_in: viewport.is_some_and(|v| v.can_zoom_in()),
            can_zoom_out: viewport.is_some_and(|v| v.can_zoom_out()),
            fit: viewport.is_some_and(|v| v.is_fit()),
        }
    }

    /// Called by each render of the chart: the drawing and callback it
    /// has, and what it draws.
    pub fn rendered(&mut self, drawing: &Rc<Drawing>, on_action: &Callback<Action>) -> Markup {
        self.drawing = Rc::clone(drawing);
        self.on_action = on_action.clone();
        let markup = self.markup();
        self.drawn = Some(markup);
        markup
    }

    /// The radius of the ring around the current node, in drawing units.
    pub fn marker_radius(&self) -> String {
        decimal(MARKER_RADIUS / self.view.viewport().map_or(1.0, |v| v.scale()))
    }

    /// Applies `action` and shows the result: at once through the SVG's
    /// attributes, and by drawing the chart again when its markup changes.
    pub fn act(this: &Rc<RefCell<Self>>, action: ViewAction) {
        let mut c = this.borrow_mut();
        let next = c.view.apply(action);
        if next != c.view {
            c.view = next;
            c.show();
            if c.drawn != Some(c.markup()) {
                c.redraw.force_update();
            }
        }
        // A frame can change nothing and still leave the move under way:
        // Chromium may hand two frames the same time. The frames go on
        // until the move ends.
        if c.view.animating() && !c.frame_due {
            c.frame_due = true;
            let weak = Rc::downgrade(this);
            c.frame = Some(gloo_render::request_animation_frame(move |now| {
                if let Some(this) = weak.upgrade() {
                    this.borrow_mut().frame_due = false;
                    Controller::act(&this, ViewAction::Frame { now });
                }
            }));
        }
    }

    /// Sets the view on the SVG (and the ring's size) directly.
    fn show(&self) {
        let Some(v) = self.view.viewport().filter(|v| v.zoomable()) else {
            return;
        };
        if let Some(svg) = self.refs.svg.cast::<Element>() {
            let _ = svg.set_attribute("viewBox", &v.view_box());
        }
        if let Some(marker) = self.refs.marker.cast::<Element>() {
            let _ = marker.set_attribute("r", &self.marker_radius());
        }
    }

    /// After each render with a new drawing (a new flow or walk): the
    /// first time, starts measuring and listening; then records the drawing
    /// and brings its current node into view when it moved.
    pub fn drawing_changed(this: &Rc<RefCell<Self>>) {
        if this.borrow().listening.is_none() {
            let listening = Controller::start(this);
            this.borrow_mut().listening = listening;
        }
        let (size, focus) = {
            let c = this.borrow();
            (size(&c.drawing), c.drawing.focus())
        };
        Controller::act(this, ViewAction::Drawing { size, focus });
        // A chart that fits its box shows every node already.
        if let Some(target) = focus.filter(|_| this.borrow().view.zoomable()) {
            Controller::act(
                this,
                ViewAction::Reveal {
                    target,
                    animate: may_animate(),
                },
            );
        }
    }

    /// Measures the box.
    fn measure(this: &Rc<RefCell<Self>>) {
        let (width, cap) = {
            let c = this.borrow();
            (web::element_box(&c.refs.figure), web::element_box(&c.refs.cap))
        };
        if let (Some((_, _, width, _)), Some((_, _, _, cap))) = (width, cap) {
            Controller::act(this, ViewAction::Measured { width, cap });
        }
    }

    /// Starts measuring and listening; everything stops when the value
    /// returned is dropped.
    fn start(this: &Rc<RefCell<Self>>) -> Option<Listening> {
        Controller::measure(this);
        let figure = this.borrow().refs.figure.cast::<Element>()?;
        let weak = Rc::downgrade(this);
        let handler = move |event: &Event| {
            if let Some(this) = weak.upgrade() {
                Controller::handle(&this, event);
            }
        };
        // Not passive: a zooming wheel, the arrow keys and Space must not
        // also scroll the page.
        let options = EventListenerOptions::enable_prevent_default();
        let mut listeners: Vec<EventListener> = EVENTS
            .iter()
            .map(|name| EventListener::new_with_options(&figure, *name, options, handler.clone()))
            .collect();
        listeners.extend(web::on_window(&["beforeprint", "afterprint"], handler));
        let weak = Rc::downgrade(this);
        let refs = this.borrow().refs.clone();
        let resizing = web::observe_size(&[&refs.figure, &refs.cap], move || {
            if let Some(this) = weak.upgrade() {
                Controller::measure(&this);
            }
        });
        Some(Listening {
            _listeners: listeners,
            _resizing: resizing,
        })
    }

    /// Every event the chart listens to.
    fn handle(this: &Rc<RefCell<Self>>, event: &Event) {
        let kind = event.type_();
        let zoomable = this.borrow().view.zoomable();
        match kind.as_str() {
            "beforeprint" | "afterprint" => Controller::act(this, ViewAction::Print(kind == "beforeprint")),
            "click" => Controller::click(this, event),
            "keydown" => Controller::key(this, event),
            "focusin" if zoomable => {
                let node = this.borrow().node_of(event);
                if let Some((_, rect, _)) = node {
                    Controller::act(
                        this,
                        ViewAction::Reveal {
                            target: rect,
                            animate: may_animate(),
                        },
                    );
                }
            }
            // Borrowed only for the guard, which ends before the arm runs.
            _ if !zoomable || !this.borrow().on_svg(event) => {}
            "wheel" => Controller::wheel(this, event),
            "dblclick" => {
                let c = this.borrow();
                let answered = c.node_of(event).is_some_and(|(_, _, answered)| answered);
                let at = c.point_in_box(event);
                drop(c);
                if let (false, Some(at)) = (answered, at) {
                    Controller::act(
                        this,
                        ViewAction::Zoom {
                            factor: 2.0,
                            at: Some(at),
                            animate: may_animate(),
                        },
                    );
                }
            }
            _ => Controller::pointer(this, event),
        }
    }

    fn click(this: &Rc<RefCell<Self>>, event: &Event) {
        let c = this.borrow();
        // The zoom buttons.
        if let Some(tool) = closest(event, "[data-zoom]") {
            let animate = may_animate();
            let action = match tool.get_attribute("data-zoom").as_deref() {
                Some("in") if c.markup().can_zoom_in => zoom(ZOOM_STEP, animate),
                Some("out") if c.markup().can_zoom_out => zoom(1.0 / ZOOM_STEP, animate),
                Some("fit") => ViewAction::Fit { animate },
                _ => return,
            };
            drop(c);
            return Controller::act(this, action);
        }
        // An answered question, unless the click ends a drag: by its
        // element, or zoomed out past reading (no elements), by place.
        if c.dragged {
            return;
        }
        let node = match c.node_of(event) {
            Some((ix, _, answered)) => answered.then_some(ix),
            None if c.markup().shapes == Shapes::Silhouettes => c.point_in_box(event).and_then(|at| {
                let at = c.view.viewport()?.to_drawing(at);
                let node = c.drawing.node_at(at)?;
                matches!(node.state, NodeState::Answered(_)).then_some(node.node.get())
            }),
            None => None,
        };
        if let Some(node) = node.and_then(|ix| c.drawing.nodes.get(ix)) {
            let (on_action, ix) = (c.on_action.clone(), node.node);
            drop(c);
            on_action.emit(Action::Revisit(ix));
        }
    }

    fn key(this: &Rc<RefCell<Self>>, event: &Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if key.ctrl_key() || key.meta_key() || key.alt_key() {
            return;
        }
        let c = this.borrow();
        let name = key.key();
        // Enter or Space on an answered question goes back to it.
        if name == "Enter" || name == " " {
            if let Some((ix, _, true)) = c.node_of(event) {
                event.prevent_default();
                if let Some(node) = c.drawing.nodes.get(ix) {
                    let (on_action, ix) = (c.on_action.clone(), node.node);
                    drop(c);
                    on_action.emit(Action::Revisit(ix));
                }
            }
            return;
        }
        if !c.view.zoomable() || !c.on_svg(event) {
            return;
        }
        drop(c);
        let animate = may_animate();
        let pan = |dx: f32, dy: f32| ViewAction::Pan { dx, dy, animate };
        let action = match name.as_str() {
            "+" | "=" => zoom(ZOOM_STEP, animate),
            "-" | "_" | "\u{2212}" => zoom(1.0 / ZOOM_STEP, animate),
            "0" => ViewAction::Fit { animate },
            // An arrow shows more of the chart that way: the drawing
            // moves the other way.
            "ArrowLeft" => pan(KEY_STEP, 0.0),
            "ArrowRight" => pan(-KEY_STEP, 0.0),
            "ArrowUp" => pan(0.0, KEY_STEP),
            "ArrowDown" => pan(0.0, -KEY_STEP),
            _ => return,
        };
        event.prevent_default();
        Controller::act(this, action);
    }

    fn wheel(this: &Rc<RefCell<Self>>, event: &Event) {
        let Some(wheel) = event.dyn_ref::<WheelEvent>() else {
            return;
        };
        // A plain wheel scrolls the page, as everywhere in an article.
        if !(wheel.ctrl_key() || wheel.meta_key()) {
            return;
        }
        event.prevent_default();
        let Some(at) = this.borrow().point_in_box(event) else {
            return;
        };
        let unit = match wheel.delta_mode() {
            1 => 16.0,
            2 => 400.0,
            _ => 1.0,
        };
        let dy = wheel.delta_y() as f32 * unit;
        let step = 1.0 + dy.abs().min(WHEEL_MAX) * WHEEL_RATE;
        Controller::act(
            this,
            ViewAction::Zoom {
                factor: if dy < 0.0 { step } else { 1.0 / step },
                at: Some(at),
                animate: false,
            },
        );
    }

    fn pointer(this: &Rc<RefCell<Self>>, event: &Event) {
        let Some(pointer) = event.dyn_ref::<PointerEvent>() else {
            return;
        };
        let id = pointer.pointer_id();
        let mut c = this.borrow_mut();
        let position = |origin: Point| {
            (
                pointer.client_x() as f32 - origin.0,
                pointer.client_y() as f32 - origin.1,
            )
        };
        let action = match event.type_().as_str() {
            "pointerdown" => {
                if pointer.pointer_type() == "mouse" && pointer.button() != 0 {
                    return;
                }
                if c.pointers.down.is_empty() {
                    let Some((left, top, _, _)) = web::element_box(&c.refs.svg) else {
                        return;
                    };
                    c.pointers.origin = (left, top);
                    c.dragged = false;
                }
                if c.pointers.down.len() < 2 {
                    let at = position(c.pointers.origin);
                    c.pointers.down.push((id, at));
                }
                return;
            }
            "pointermove" => {
                let Some(i) = c.pointers.down.iter().position(|(p, _)| *p == id) else {
                    return;
                };
                let at = position(c.pointers.origin);
                let before = c.pointers.down[i].1;
                if c.pointers.down.len() == 2 {
                    let from = (c.pointers.down[0].1, c.pointers.down[1].1);
                    c.pointers.down[i].1 = at;
                    c.dragged = true;
                    ViewAction::Pinch {
                        from,
                        to: (c.pointers.down[0].1, c.pointers.down[1].1),
                    }
                } else {
                    let (dx, dy) = (at.0 - before.0, at.1 - before.1);
                    if !c.dragged {
                        let slop = if pointer.pointer_type() == "touch" {
                            TAP_SLOP
                        } else {
                            CLICK_SLOP
                        };
                        if dx.abs().max(dy.abs()) <= slop {
                            return;
                        }
                        c.dragged = true;
                        web::capture_pointer(&c.refs.svg, id);
                    }
                    c.pointers.down[i].1 = at;
                    ViewAction::Pan { dx, dy, animate: false }
                }
            }
            // Up or cancelled: a remaining finger goes on panning.
            _ => {
                c.pointers.down.retain(|(p, _)| *p != id);
                return;
            }
        };
        drop(c);
        Controller::act(this, action);
    }

    /// Whether `event` happened on the SVG.
    fn on_svg(&self, event: &Event) -> bool {
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        self.refs.svg.get().is_some_and(|svg| svg.contains(target.as_ref()))
    }

    /// Where a mouse event happened, in the box.
    fn point_in_box(&self, event: &Event) -> Option<Point> {
        let mouse = event.dyn_ref::<MouseEvent>()?;
        let (left, top, _, _) = web::element_box(&self.refs.svg)?;
        Some((mouse.client_x() as f32 - left, mouse.client_y() as f32 - top))
    }

    /// The node `event` happened on: its index, box, and whether it is an
    /// answered question.
    fn node_of(&self, event: &Event) -> Option<(usize, Rect, bool)> {
        let ix: usize = closest(event, "[data-node]")?
            .get_attribute("data-node")?
            .parse()
            .ok()?;
        let node = self.drawing.nodes.get(ix)?;
        Some((ix, node.rect(), matches!(node.state, NodeState::Answered(_))))
    }
}

/// The listeners and the size observer of a started controller.
struct Listening {
    _listeners: Vec<EventListener>,
    _resizing: Option<web::SizeObserver>,
}

/// The size of `drawing`.
fn size(drawing: &Drawing) -> Size {
    Size {
        width: drawing.width as f32,
        height: drawing.height as f32,
    }
}

fn zoom(factor: f32, animate: bool) -> ViewAction {
    ViewAction::Zoom {
        factor,
        at: None,
        animate,
    }
}

/// The closest element matching `selector` from `event`'s target up.
fn closest(event: &Event, selector: &str) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()?.closest(selector).ok()?
}

/// Whether a move the reader did not make step by step (a button, a key,
/// the path moving on) may be animated.
fn may_animate() -> bool {
    !web::prefers_reduced_motion()
}
