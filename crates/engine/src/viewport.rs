//! The chart's view: which part of the drawing the widget's box shows, and
//! how zooming, panning, fitting and following the reader's path move it.
//!
//! Plain geometry, so it is tested natively: the UI measures the box,
//! turns pointer, wheel and key events into [`ViewAction`]s, and draws the
//! [`View`] through the SVG `viewBox` (a strict CSP forbids inline style).
//! The box keeps the aspect ratio of what it shows, so a point in the box
//! maps to the drawing by one scale and one offset.
//!
//! The view also decides how much of a large drawing the widget draws: the
//! shapes in a window around what is on screen, with their text, or — when
//! zoomed out so far that no text could be read — every shape as a
//! silhouette. That is what keeps a flow of 500 nodes as quick to open,
//! answer and zoom as a small one.

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// A point: `(x, y)`.
pub type Point = (f32, f32);

/// A rectangle in drawing units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl Rect {
    /// The rectangle at (`x`, `y`) of that size.
    pub fn new(x: f32, y: f32, width: f32, height: f32) -> Rect {
        Rect { x, y, width, height }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// Centre.
    pub fn center(&self) -> Point {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Whether `other` lies wholly inside.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x && other.y >= self.y && other.right() <= self.right() && other.bottom() <= self.bottom()
    }

    /// Whether the two overlap or touch.
    pub fn intersects(&self, other: &Rect) -> bool {
        other.x <= self.right() && other.right() >= self.x && other.y <= self.bottom() && other.bottom() >= self.y
    }

    /// Whether `point` lies inside or on the edge.
    pub fn contains_point(&self, (x, y): Point) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    /// Grown by `dx` on the left and right and `dy` above and below.
    pub fn expanded(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x - dx, self.y - dy, self.width + 2.0 * dx, self.height + 2.0 * dy)
    }
}

/// The largest zoom: three CSS pixels a drawing unit.
pub const MAX_SCALE: f32 = 3.0;
/// One step of the zoom buttons and keys.
pub const ZOOM_STEP: f32 = 1.5;
/// Below this scale the chart's 13 px text would be under 5 px: the widget
/// draws shapes without text (see [`View::shows_text`]).
pub const TEXT_MIN_SCALE: f32 = 0.35;
/// A drawing that fits its box at this scale or larger opens whole.
const WHOLE_MIN_SCALE: f32 = 0.5;
/// A drawing shown whole at this scale or larger reads as it is: it gets
/// no zoom controls (which would only add to the widget's height, and
/// shift a page prerendered without them, for a few pixels' gain).
const ZOOMABLE_BELOW: f32 = 0.95;
/// The scale a larger drawing opens at (or as wide as the box, if larger),
/// around the current question.
const OPENING_SCALE: f32 = 0.75;
/// Space kept between a node brought into view and the box's edge, in CSS
/// pixels.
const REVEAL_MARGIN: f32 = 16.0;
/// How long an animated move takes, in milliseconds.
const ANIMATION_MS: f64 = 220.0;
/// How long a frame lasts at 60 frames a second, in milliseconds.
const FRAME_MS: f64 = 1000.0 / 60.0;

/// What part of a drawing a box shows: a scale and the drawing point at
/// the box's centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    drawing: Size,
    frame: Size,
    scale: f32,
    center: Point,
}

impl Viewport {
    /// The height of the box for a drawing of size `drawing` in a box
    /// `width` wide, at most `cap`: the drawing's height at the scale it
    /// opens at (as wide as the box, at most 1:1, or [`OPENING_SCALE`]
    /// when that would be too small to read).
    pub fn frame_height(drawing: Size, width: f32, cap: f32) -> f32 {
        let across = width / drawing.width.max(1.0);
        let scale = if across >= WHOLE_MIN_SCALE {
            across.min(1.0)
        } else {
            OPENING_SCALE
        };
        (drawing.height * scale).min(cap).max(1.0)
    }

    /// The view a reader first sees of `drawing` in a box of size `frame`:
    /// the whole drawing where it can be read that way; otherwise, at a
    /// readable scale, its top left corner, or `focus` (the current
    /// question) if given.
    // `max` then `min` rather than `clamp`: clamp's panic message would bring
    // float formatting into the WebAssembly.
    #[allow(clippy::manual_clamp)]
    pub fn opening(drawing: Size, frame: Size, focus: Option<Rect>) -> Viewport {
        let mut view = Viewport {
            drawing,
            frame,
            scale: 1.0,
            center: (drawing.width / 2.0, drawing.height / 2.0),
        };
        let fit = view.fit_scale();
        if fit >= WHOLE_MIN_SCALE {
            view.scale = fit.min(1.0);
            return view;
        }
        view.scale = (frame.width / drawing.width.max(1.0)).min(1.0).max(OPENING_SCALE);
        // The top left corner, then the focus brought in.
        view.center = (frame.width / view.scale / 2.0, frame.height / view.scale / 2.0);
        let view = view.clamped();
        match focus {
            Some(focus) => view.reveal(focus),
            None => view,
        }
    }

    /// The drawing's size.
    pub fn drawing(&self) -> Size {
        self.drawing
    }

    /// The box's size, in CSS pixels.
    pub fn frame(&self) -> Size {
        self.frame
    }

    /// CSS pixels per drawing unit.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The drawing point at the box's centre.
    pub fn center(&self) -> Point {
        self.center
    }

    /// The scale at which the whole drawing fills the box.
    pub fn fit_scale(&self) -> f32 {
        (self.frame.width / self.drawing.width.max(1.0)).min(self.frame.height / self.drawing.height.max(1.0))
    }

    /// Whether the drawing is larger than its box (by more than a few
    /// pixels in a hundred), so it can be zoomed and panned.
    pub fn zoomable(&self) -> bool {
        self.fit_scale() < ZOOMABLE_BELOW
    }

    /// The smallest scale: the whole drawing (never larger than 1:1).
    pub fn min_scale(&self) -> f32 {
        self.fit_scale().min(1.0)
    }

    /// The largest scale.
    pub fn max_scale(&self) -> f32 {
        MAX_SCALE.max(self.min_scale())
    }

    /// Whether zooming in is possible.
    pub fn can_zoom_in(&self) -> bool {
        self.scale < self.max_scale() * 0.999
    }

    /// Whether zooming out is possible.
    pub fn can_zoom_out(&self) -> bool {
        self.scale > self.min_scale() * 1.001
    }

    /// Whether the whole drawing shows, centred (to a thousandth of the
    /// scale and half a drawing unit).
    pub fn is_fit(&self) -> bool {
        let fit = self.fit();
        (self.scale - fit.scale).abs() <= fit.scale * 0.001
            && (self.center.0 - fit.center.0).abs() <= 0.5
            && (self.center.1 - fit.center.1).abs() <= 0.5
    }

    /// The part of the drawing the box shows.
    pub fn view_rect(&self) -> Rect {
        let (width, height) = (self.frame.width / self.scale, self.frame.height / self.scale);
        Rect::new(self.center.0 - width / 2.0, self.center.1 - height / 2.0, width, height)
    }

    /// The drawing point under `at`, a point in the box (CSS pixels from
    /// its top left corner).
    pub fn to_drawing(&self, (x, y): Point) -> Point {
        (
            self.center.0 + (x - self.frame.width / 2.0) / self.scale,
            self.center.1 + (y - self.frame.height / 2.0) / self.scale,
        )
    }

    /// The whole drawing, centred.
    pub fn fit(&self) -> Viewport {
        Viewport {
            scale: self.min_scale(),
            center: (self.drawing.width / 2.0, self.drawing.height / 2.0),
            ..*self
        }
    }

    /// Zoomed by `factor` (above 1 zooms in) about `at`, a point in the
    /// box, which stays over the same point of the drawing (as far as the
    /// drawing's edges allow).
    pub fn zoom_about(&self, factor: f32, at: Point) -> Viewport {
        let scale = (self.scale * factor).max(self.min_scale()).min(self.max_scale());
        let (dx, dy) = self.to_drawing(at);
        Viewport {
            scale,
            center: (
                dx - (at.0 - self.frame.width / 2.0) / scale,
                dy - (at.1 - self.frame.height / 2.0) / scale,
            ),
            ..*self
        }
        .clamped()
    }

    /// Zoomed by `factor` about the box's centre.
    pub fn zoom(&self, factor: f32) -> Viewport {
        self.zoom_about(factor, (self.frame.width / 2.0, self.frame.height / 2.0))
    }

    /// Moved so the drawing follows a pointer that moved by (`dx`, `dy`)
    /// CSS pixels.
    pub fn pan(&self, dx: f32, dy: f32) -> Viewport {
        Viewport {
            center: (self.center.0 - dx / self.scale, self.center.1 - dy / self.scale),
            ..*self
        }
        .clamped()
    }

    /// Zoomed and moved as two fingers moved from `from` to `to` (points in
    /// the box): the drawing under them stretches with their distance and
    /// follows their midpoint.
    pub fn pinch(&self, from: (Point, Point), to: (Point, Point)) -> Viewport {
        let distance = |(a, b): (Point, Point)| ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).sqrt();
        let mid = |(a, b): (Point, Point)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        let (before, after) = (distance(from), distance(to));
        let factor = if before > 1.0 && after > 1.0 {
            after / before
        } else {
            1.0
        };
        let (m0, m1) = (mid(from), mid(to));
        self.zoom_about(factor, m0).pan(m1.0 - m0.0, m1.1 - m0.1)
    }

    /// Moved, at the same scale, so that `target` (a node) is in view with
    /// a margin: unchanged when it already is; the least move when part of
    /// it shows; centred on it when none of it does. A target larger than
    /// the box shows its top left corner.
    pub fn reveal(&self, target: Rect) -> Viewport {
        let view = self.view_rect();
        let margin = REVEAL_MARGIN / self.scale;
        let near = view.intersects(&target);
        let axis = |center: f32, start: f32, length: f32, view_start: f32, view_length: f32| {
            let (lo, hi) = (start - margin, start + length + margin);
            if lo >= view_start && hi <= view_start + view_length {
                center
            } else if hi - lo > view_length {
                lo + view_length / 2.0
            } else if !near {
                start + length / 2.0
            } else if lo < view_start {
                center - (view_start - lo)
            } else {
                center + (hi - view_start - view_length)
            }
        };
        Viewport {
            center: (
                axis(self.center.0, target.x, target.width, view.x, view.width),
                axis(self.center.1, target.y, target.height, view.y, view.height),
            ),
            ..*self
        }
        .clamped()
    }

    /// The same view of the drawing in a box of a new size: the same
    /// centre and scale, within the new limits.
    pub fn resized(&self, frame: Size) -> Viewport {
        let view = Viewport { frame, ..*self };
        Viewport {
            scale: view.scale.max(view.min_scale()).min(view.max_scale()),
            ..view
        }
        .clamped()
    }

    /// The view between `self` (at 0) and `to` (at 1): the shown rectangle
    /// moves and grows in a straight line.
    // `max` then `min` rather than `clamp`: clamp's panic message would bring
    // float formatting into the WebAssembly.
    #[allow(clippy::manual_clamp)]
    pub fn toward(&self, to: &Viewport, t: f32) -> Viewport {
        let t = t.max(0.0).min(1.0);
        let lerp = |a: f32, b: f32| a + (b - a) * t;
        Viewport {
            scale: 1.0 / lerp(1.0 / self.scale, 1.0 / to.scale),
            center: (lerp(self.center.0, to.center.0), lerp(self.center.1, to.center.1)),
            ..*to
        }
    }

    /// Kept on the drawing: along each axis, a drawing larger than the box
    /// keeps its edges at or beyond the box's, and a smaller one is centred.
    fn clamped(&self) -> Viewport {
        let view = self.view_rect();
        let axis = |center: f32, extent: f32, length: f32| {
            if extent >= length {
                length / 2.0
            } else {
                center.max(extent / 2.0).min(length - extent / 2.0)
            }
        };
        Viewport {
            center: (
                axis(self.center.0, view.width, self.drawing.width),
                axis(self.center.1, view.height, self.drawing.height),
            ),
            ..*self
        }
    }

    /// The SVG `viewBox` attribute showing this view.
    pub fn view_box(&self) -> String {
        let r = self.view_rect();
        format!(
            "{} {} {} {}",
            decimal(r.x),
            decimal(r.y),
            decimal(r.width),
            decimal(r.height)
        )
    }
}

/// `value` to one decimal (a third of a pixel at the largest zoom),
/// written through whole numbers: formatting a float would pull the
/// standard library's float formatting into the WebAssembly, about
/// 8.7 KiB brotli.
pub fn decimal(value: f32) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.abs();
    match abs % 10 {
        0 => format!("{sign}{}", abs / 10),
        f => format!("{sign}{}.{f}", abs / 10),
    }
}

/// How the view moves when the box changes size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follow {
    /// As it opened: a new size opens the drawing anew.
    Opening,
    /// The whole drawing: a new size fits it again.
    Fit,
    /// Where the reader put it: a new size keeps its centre and scale.
    Free,
}

/// An animated move between two views.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Animation {
    from: Viewport,
    to: Viewport,
    /// The first frame's time, once it has come.
    start: Option<f64>,
}

/// Everything that changes the view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ViewAction {
    /// The drawing has this size (a new flow or walk), and `focus` is its
    /// current question or reached outcome, which a new box size keeps in
    /// view while the reader has not moved the view themselves.
    Drawing {
        /// The drawing's size.
        size: Size,
        /// The node to keep in view.
        focus: Option<Rect>,
    },
    /// The box was measured: as wide as `width`, and at most `cap` tall.
    Measured {
        /// The box's width, in CSS pixels.
        width: f32,
        /// The tallest the box may be, in CSS pixels.
        cap: f32,
    },
    /// Bring `target` into view: the current question or reached outcome
    /// after the reader moved on, or a node that received keyboard focus.
    Reveal {
        /// The node to bring into view.
        target: Rect,
        /// Whether to move smoothly.
        animate: bool,
    },
    /// Zoom by `factor` (above 1 zooms in) about `at`, a point in the box,
    /// or about its centre.
    Zoom {
        /// The factor.
        factor: f32,
        /// The point that stays put.
        at: Option<Point>,
        /// Whether to move smoothly.
        animate: bool,
    },
    /// Move the drawing by (`dx`, `dy`) CSS pixels.
    Pan {
        /// Rightwards.
        dx: f32,
        /// Downwards.
        dy: f32,
        /// Whether to move smoothly.
        animate: bool,
    },
    /// Two fingers moved.
    Pinch {
        /// Where they were, in the box.
        from: (Point, Point),
        /// Where they are.
        to: (Point, Point),
    },
    /// Show the whole drawing.
    Fit {
        /// Whether to move smoothly.
        animate: bool,
    },
    /// An animation frame at time `now` (milliseconds).
    Frame {
        /// The frame's time.
        now: f64,
    },
    /// The page is about to be printed (`true`: show the whole drawing) or
    /// has been (`false`: back to the reader's view).
    Print(bool),
}

/// The chart's view: what the box shows and what the widget draws.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    drawing: Size,
    focus: Option<Rect>,
    /// The box's measured width and height limit.
    measured: Option<(f32, f32)>,
    /// What the box shows now (mid-animation, the frame's view).
    viewport: Option<Viewport>,
    follow: Follow,
    animation: Option<Animation>,
    /// The part of the drawing whose shapes are drawn.
    window: Option<Rect>,
    /// The view before printing.
    before_print: Option<Viewport>,
}

impl View {
    /// The view of a drawing of `size`, before its box is measured.
    pub fn new(size: Size, focus: Option<Rect>) -> View {
        View {
            drawing: size,
            focus,
            measured: None,
            viewport: None,
            follow: Follow::Opening,
            animation: None,
            window: None,
            before_print: None,
        }
    }

    /// What the box shows, once measured.
    pub fn viewport(&self) -> Option<&Viewport> {
        self.viewport.as_ref()
    }

    /// The box's height in CSS pixels, once measured.
    pub fn frame_height(&self) -> Option<f32> {
        self.viewport.map(|v| v.frame.height)
    }

    /// Whether the drawing is larger than its box (and measured).
    pub fn zoomable(&self) -> bool {
        self.viewport.is_some_and(|v| v.zoomable())
    }

    /// Whether a move is under way: the UI asks for animation frames.
    pub fn animating(&self) -> bool {
        self.animation.is_some()
    }

    /// Whether the chart is drawn with its text: always until measured,
    /// and from [`TEXT_MIN_SCALE`] up.
    pub fn shows_text(&self) -> bool {
        self.viewport.is_none_or(|v| v.scale >= TEXT_MIN_SCALE)
    }

    /// The part of the drawing whose shapes are drawn with their text:
    /// what is on screen and half as much again on every side, so that a
    /// pan redraws only now and then. `None` until measured.
    pub fn window(&self) -> Option<Rect> {
        self.window
    }

    /// The view after `action`.
    pub fn apply(&self, action: ViewAction) -> View {
        let mut next = self.clone();
        next.reduce(action);
        next.update_window();
        next
    }

    fn reduce(&mut self, action: ViewAction) {
        match action {
            ViewAction::Drawing { size, focus } => {
                self.focus = focus;
                if size != self.drawing {
                    self.drawing = size;
                    self.follow = Follow::Opening;
                    self.animation = None;
                    self.window = None;
                    self.viewport = None;
                    self.remeasure();
                }
            }
            ViewAction::Measured { width, cap } => {
                if width >= 1.0 && cap >= 1.0 && self.measured != Some((width, cap)) {
                    self.measured = Some((width, cap));
                    self.remeasure();
                }
            }
            ViewAction::Reveal { target, animate } => {
                if let Some(base) = self.target() {
                    self.move_to(base.reveal(target), animate);
                }
            }
            ViewAction::Zoom { factor, at, animate } => {
                if let Some(base) = self.base(animate) {
                    let to = match at {
                        Some(at) => base.zoom_about(factor, at),
                        None => base.zoom(factor),
                    };
                    self.follow = if to.is_fit() { Follow::Fit } else { Follow::Free };
                    self.move_to(to, animate);
                }
            }
            ViewAction::Pan { dx, dy, animate } => {
                if let Some(base) = self.base(animate) {
                    let to = base.pan(dx, dy);
                    if to != base {
                        self.follow = Follow::Free;
                    }
                    self.move_to(to, animate);
                }
            }
            ViewAction::Pinch { from, to } => {
                if let Some(base) = self.base(false) {
                    self.follow = Follow::Free;
                    self.move_to(base.pinch(from, to), false);
                }
            }
            ViewAction::Fit { animate } => {
                if let Some(base) = self.base(animate) {
                    self.follow = Follow::Fit;
                    self.move_to(base.fit(), animate);
                }
            }
            ViewAction::Frame { now } => self.frame(now),
            ViewAction::Print(printing) => {
                if printing {
                    if self.before_print.is_none() {
                        self.before_print = self.target();
                        if let Some(base) = self.target() {
                            self.move_to(base.fit(), false);
                        }
                    }
                } else if let Some(before) = self.before_print.take() {
                    self.move_to(before, false);
                }
            }
        }
    }

    /// Lays the view out anew for the measured box: as it opened, fitted,
    /// or where the reader put it, as they last chose.
    fn remeasure(&mut self) {
        let Some((width, cap)) = self.measured else {
            return;
        };
        let frame = Size {
            width,
            height: Viewport::frame_height(self.drawing, width, cap),
        };
        let opening = Viewport::opening(self.drawing, frame, self.focus);
        let to = match (self.follow, self.target()) {
            (Follow::Free, Some(now)) => now.resized(frame),
            (Follow::Fit, _) => opening.fit(),
            _ => opening,
        };
        self.animation = None;
        self.viewport = Some(to);
    }

    /// Where the view is going: the end of the animation under way, or
    /// what shows.
    fn target(&self) -> Option<Viewport> {
        self.animation.map(|a| a.to).or(self.viewport)
    }

    /// What a new move starts from: an animated one from where the
    /// animation under way is going (so quick presses add up); one that
    /// follows a pointer from what shows, stopping any animation.
    fn base(&mut self, animate: bool) -> Option<Viewport> {
        if animate {
            self.target()
        } else {
            self.animation = None;
            self.viewport
        }
    }

    fn move_to(&mut self, to: Viewport, animate: bool) {
        let Some(from) = self.viewport else {
            return;
        };
        if animate && from != to {
            // The first step shows at once, in the frame after the reader's
            // input, rather than a frame later.
            self.viewport = Some(from.toward(&to, ease_out((FRAME_MS / ANIMATION_MS) as f32)));
            self.animation = Some(Animation { from, to, start: None });
        } else {
            self.animation = None;
            self.viewport = Some(to);
        }
    }

    fn frame(&mut self, now: f64) {
        let Some(mut animation) = self.animation else {
            return;
        };
        // The first frame shows the second step: the first showed already.
        let start = *animation.start.get_or_insert(now - 2.0 * FRAME_MS);
        let t = ((now - start) / ANIMATION_MS) as f32;
        if t >= 1.0 {
            self.viewport = Some(animation.to);
            self.animation = None;
        } else {
            self.viewport = Some(animation.from.toward(&animation.to, ease_out(t)));
            self.animation = Some(animation);
        }
    }

    fn update_window(&mut self) {
        let Some(view) = self.viewport.map(|v| v.view_rect()) else {
            self.window = None;
            return;
        };
        // Kept while it holds the view and is not much larger than it (after
        // zooming in a long way, fewer shapes are enough).
        let keep = self
            .window
            .is_some_and(|w| w.contains(&view) && w.width <= view.width * 4.0 && w.height <= view.height * 4.0);
        if !keep {
            self.window = Some(view.expanded(view.width / 2.0, view.height / 2.0));
        }
    }
}

/// Starts fast and slows down: `1 - (1 - t)³`.
// `max` then `min` rather than `clamp`: clamp's panic message would bring
// float formatting into the WebAssembly.
#[allow(clippy::manual_clamp)]
fn ease_out(t: f32) -> f32 {
    let u = 1.0 - t.max(0.0).min(1.0);
    1.0 - u * u * u
}
