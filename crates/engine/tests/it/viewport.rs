//! Native tests of the chart's view (`engine::viewport`): the box a drawing
//! gets, how it opens, zooming about a point, panning and pinching within
//! the drawing, bringing a node into view, fitting, animated moves, the
//! window of shapes drawn, printing; and the drawing's batches and hit
//! test, on the built-in flow and the two 500-node flows.
#![cfg(not(target_arch = "wasm32"))]

use dw_engine::chart::{Drawing, NodeLook};
use dw_engine::layout::layout;
use dw_engine::viewport::{decimal, Rect, Size, View, ViewAction, Viewport, MAX_SCALE, TEXT_MIN_SCALE, ZOOM_STEP};
use dw_engine::words::Words;
use dw_engine::*;

use crate::common::{builtin, chain_flow, valid, wide_flow};

/// The size of the built-in flow's drawing, a tall chain's and a wide row's
/// (the 500-node flows' sizes, to the unit).
const SMALL: Size = Size {
    width: 401.0,
    height: 492.0,
};
const TALL: Size = Size {
    width: 348.0,
    height: 43_884.0,
};
const WIDE: Size = Size {
    width: 74_824.0,
    height: 360.0,
};

fn size(width: f32, height: f32) -> Size {
    Size { width, height }
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.01 * a.abs().max(b.abs()).max(1.0)
}

fn assert_close(a: f32, b: f32, what: &str) {
    assert!(close(a, b), "{what}: {a} is not {b}");
}

/// The view is on the drawing: along each axis, either the drawing covers
/// the box or the drawing is centred in it.
fn assert_on_drawing(v: &Viewport, what: &str) {
    let r = v.view_rect();
    let d = v.drawing();
    for (start, extent, length, axis) in [(r.x, r.width, d.width, "x"), (r.y, r.height, d.height, "y")] {
        if extent >= length {
            assert_close(
                start + extent / 2.0,
                length / 2.0,
                &format!("{what}: centred on {axis}"),
            );
        } else {
            assert!(start >= -0.01, "{what}: {axis} starts at {start}, before the drawing");
            assert!(
                start + extent <= length + 0.01,
                "{what}: {axis} ends at {}, past {length}",
                start + extent
            );
        }
    }
    assert!(
        v.scale() >= v.min_scale() * 0.999 && v.scale() <= v.max_scale() * 1.001,
        "{what}: scale {}",
        v.scale()
    );
}

#[test]
fn the_box_is_as_tall_as_the_drawing_opens_at_most_the_cap() {
    let cases = [
        // (drawing, box width, cap, height): narrow and tall, capped
        (TALL, 450.0, 576.0, 576.0),
        // wide and flat: at the opening scale, 0.75
        (WIDE, 450.0, 576.0, 270.0),
        // the built-in flow on a phone: as wide as the box
        (SMALL, 320.0, 518.0, 492.0 * 320.0 / 401.0),
        // smaller than the box: 1:1
        (SMALL, 800.0, 576.0, 492.0),
        (size(778.0, 512.0), 450.0, 576.0, 512.0 * 450.0 / 778.0),
    ];
    for (drawing, width, cap, height) in cases {
        assert_close(
            Viewport::frame_height(drawing, width, cap),
            height,
            &format!("{drawing:?} in {width} (cap {cap})"),
        );
    }
}

#[test]
fn a_drawing_that_can_be_read_whole_opens_whole() {
    for (drawing, frame) in [(SMALL, size(320.0, 392.6)), (size(778.0, 512.0), size(450.0, 296.1))] {
        let v = Viewport::opening(drawing, frame, None);
        assert!(v.is_fit(), "{drawing:?} in {frame:?}: {v:?}");
        assert!(v.zoomable());
        assert!(!v.can_zoom_out() && v.can_zoom_in());
        assert!(v
            .view_rect()
            .contains(&Rect::new(0.0, 0.0, drawing.width, drawing.height)));
    }
    // Smaller than its box: 1:1, centred, nothing to zoom.
    let v = Viewport::opening(SMALL, size(800.0, 492.0), None);
    assert_eq!(v.scale(), 1.0);
    assert!(!v.zoomable());
    assert_eq!(v.view_box(), "-199.5 0 800 492");
    // A few pixels too wide: shown whole, a hair smaller, still nothing to
    // zoom.
    let v = Viewport::opening(size(401.0, 492.0), size(399.0, 489.5), None);
    assert!(v.is_fit() && v.scale() < 1.0);
    assert!(!v.zoomable());
}

#[test]
fn a_large_drawing_opens_readable_at_its_start_or_focus() {
    // The chain: 1:1 (narrower than the box), from the top.
    let frame = size(450.0, 576.0);
    let v = Viewport::opening(TALL, frame, None);
    assert_eq!(v.scale(), 1.0);
    let r = v.view_rect();
    assert_eq!((r.y, r.height), (0.0, 576.0));
    assert_on_drawing(&v, "chain, top");
    // With the 400th question current, it shows that question.
    let focus = Rect::new(24.0, 35_000.0, 152.0, 36.0);
    let v = Viewport::opening(TALL, frame, Some(focus));
    assert!(v.view_rect().contains(&focus), "{:?}", v.view_rect());
    // The wide flow: at 0.75, its root (in the middle of the top row) in view.
    let root = Rect::new(37_336.0, 12.0, 152.0, 36.0);
    let v = Viewport::opening(WIDE, size(450.0, 270.0), Some(root));
    assert_eq!(v.scale(), 0.75);
    assert!(v.view_rect().contains(&root));
    assert_on_drawing(&v, "wide, at its root");
    // A phone a little narrower than the chain: as wide as the box.
    let v = Viewport::opening(TALL, size(320.0, 518.0), None);
    assert_close(v.scale(), 320.0 / 348.0, "chain on a phone");
}

#[test]
fn zooming_keeps_the_point_under_the_pointer() {
    let v = Viewport::opening(TALL, size(450.0, 576.0), Some(Rect::new(24.0, 20_000.0, 152.0, 36.0)));
    for (factor, at) in [
        (1.25, (100.0, 200.0)),
        (0.8, (300.0, 40.0)),
        (2.0, (225.0, 288.0)),
        (0.5, (10.0, 570.0)),
    ] {
        let z = v.zoom_about(factor, at);
        assert_close(z.scale(), v.scale() * factor, "scale");
        let (before, after) = (v.to_drawing(at), z.to_drawing(at));
        // The drawing is narrower than the box at these scales, so only the
        // vertical position is free to stay put.
        assert_close(after.1, before.1, &format!("y under the pointer, ×{factor} at {at:?}"));
        assert_on_drawing(&z, "zoomed");
    }
    // Wide: both coordinates stay.
    let v = Viewport::opening(WIDE, size(450.0, 270.0), Some(Rect::new(37_336.0, 12.0, 152.0, 36.0)));
    let z = v.zoom_about(2.0, (100.0, 100.0));
    let (a, b) = (v.to_drawing((100.0, 100.0)), z.to_drawing((100.0, 100.0)));
    assert_close(a.0, b.0, "x");
    assert_close(a.1, b.1, "y");
}

#[test]
fn zoom_stops_at_the_whole_drawing_and_at_three_times() {
    let v = Viewport::opening(WIDE, size(450.0, 270.0), None);
    let mut out = v;
    for _ in 0..40 {
        out = out.zoom(1.0 / ZOOM_STEP);
    }
    assert!(out.is_fit(), "{out:?}");
    assert!(!out.can_zoom_out());
    assert_close(out.scale(), 450.0 / WIDE.width, "fit scale");
    let mut inn = v;
    for _ in 0..40 {
        inn = inn.zoom(ZOOM_STEP);
    }
    assert_eq!(inn.scale(), MAX_SCALE);
    assert!(!inn.can_zoom_in());
    assert_on_drawing(&inn, "all the way in");
}

#[test]
fn panning_stays_on_the_drawing() {
    let v = Viewport::opening(WIDE, size(450.0, 270.0), None);
    // Already at the top left: dragging the drawing right and down moves nothing.
    assert_eq!(v.pan(500.0, 500.0), v);
    let p = v.pan(-300.0, -50.0);
    let (a, b) = (v.view_rect(), p.view_rect());
    assert_close(b.x - a.x, 300.0 / 0.75, "moved right by the drag");
    assert_eq!(b.y, a.y, "the whole height shows: no vertical move");
    // Far past the right edge: stops there.
    let end = v.pan(-1.0e7, 0.0);
    assert_close(end.view_rect().right(), WIDE.width, "right edge");
    assert_on_drawing(&end, "at the right edge");
}

#[test]
fn pinching_zooms_about_the_fingers_and_follows_them() {
    let v = Viewport::opening(WIDE, size(450.0, 270.0), Some(Rect::new(37_336.0, 12.0, 152.0, 36.0)));
    // Fingers spread from 100 to 200 px apart around (200, 100).
    let from = ((150.0, 100.0), (250.0, 100.0));
    let to = ((100.0, 100.0), (300.0, 100.0));
    let p = v.pinch(from, to);
    assert_close(p.scale(), v.scale() * 2.0, "twice the scale");
    let (a, b) = (v.to_drawing((200.0, 100.0)), p.to_drawing((200.0, 100.0)));
    assert_close(a.0, b.0, "the point between the fingers stays");
    // Both fingers move 40 px left: the drawing follows.
    let moved = v.pinch(from, ((110.0, 100.0), (210.0, 100.0)));
    assert_close(moved.scale(), v.scale(), "same scale");
    assert_close(moved.view_rect().x - v.view_rect().x, 40.0 / v.scale(), "panned");
    // Fingers on one spot: no zoom, no division by zero.
    let same = v.pinch(((5.0, 5.0), (5.0, 5.0)), ((5.0, 5.0), (5.0, 5.0)));
    assert_eq!(same, v);
}

#[test]
fn revealing_a_node_moves_as_little_as_needed() {
    let v = Viewport::opening(TALL, size(450.0, 576.0), None);
    // In view with room to spare: nothing moves.
    let near = Rect::new(24.0, 100.0, 152.0, 36.0);
    assert_eq!(v.reveal(near), v);
    // Partly below the bottom: moves just enough, with the margin.
    let edge = Rect::new(24.0, 560.0, 152.0, 36.0);
    let r = v.reveal(edge);
    assert_close(r.view_rect().bottom(), 596.0 + 16.0, "bottom edge plus margin");
    // Far away: centred on it.
    let far = Rect::new(24.0, 30_000.0, 152.0, 36.0);
    let r = v.reveal(far);
    assert_close(r.center().1, 30_018.0, "centred");
    // Taller than the box: its top shows.
    let zoomed = v.zoom(MAX_SCALE);
    let tall = Rect::new(24.0, 10_000.0, 152.0, 400.0);
    let r = zoomed.reveal(tall);
    assert!(
        r.view_rect().y <= 10_000.0 && r.view_rect().bottom() > 10_000.0,
        "{:?}",
        r.view_rect()
    );
}

#[test]
fn the_view_box_is_written_to_one_decimal() {
    for (value, text) in [
        (0.0, "0"),
        (12.0, "12"),
        (-199.5, "-199.5"),
        (12.34567, "12.3"),
        (-0.04, "0"),
        (-0.06, "-0.1"),
        (74_824.0, "74824"),
        (0.1, "0.1"),
        (392.64, "392.6"),
    ] {
        assert_eq!(decimal(value), text, "{value}");
    }
}

/// A measured view of `drawing` in a box `width` wide.
fn measured(drawing: Size, focus: Option<Rect>, width: f32) -> View {
    View::new(drawing, focus).apply(ViewAction::Measured { width, cap: 576.0 })
}

#[test]
fn until_measured_there_is_no_viewport_and_text_shows() {
    let v = View::new(TALL, None);
    assert!(v.viewport().is_none() && v.window().is_none() && !v.zoomable() && v.shows_text());
    // Nothing moves before the box is known.
    let v = v.apply(ViewAction::Zoom {
        factor: 2.0,
        at: None,
        animate: false,
    });
    assert!(v.viewport().is_none());
    let v = v.apply(ViewAction::Measured { width: 0.0, cap: 576.0 });
    assert!(v.viewport().is_none(), "a hidden box (0 wide) is not a measure");
    let v = v.apply(ViewAction::Measured {
        width: 450.0,
        cap: 576.0,
    });
    assert_eq!(v.frame_height(), Some(576.0));
    assert!(v.zoomable());
}

#[test]
fn an_animated_move_starts_at_once_and_runs_to_its_end() {
    let v = measured(TALL, None, 450.0);
    let start = *v.viewport().expect("measured");
    let target = Rect::new(24.0, 20_000.0, 152.0, 36.0);
    let v = v.apply(ViewAction::Reveal { target, animate: true });
    assert!(v.animating());
    // The first step shows with the input, before any frame.
    let first = v.viewport().expect("measured").center().1;
    assert!(first > start.center().1 && first < 5_000.0, "a first step: {first}");
    let v = v.apply(ViewAction::Frame { now: 1000.0 });
    let second = v.viewport().expect("measured").center().1;
    assert!(
        second > first && second < 20_018.0,
        "the first frame, a step further: {second}"
    );
    let v = v.apply(ViewAction::Frame { now: 1100.0 });
    let mid = v.viewport().expect("measured").center().1;
    assert!(mid > second && mid < 20_018.0, "on the way: {mid}");
    let v = v.apply(ViewAction::Frame { now: 1300.0 });
    assert!(!v.animating());
    assert!(v.viewport().expect("measured").view_rect().contains(&target));
    // Without animation it jumps at once.
    let w = measured(TALL, None, 450.0).apply(ViewAction::Reveal { target, animate: false });
    assert!(!w.animating());
    assert_eq!(w.viewport(), v.viewport());
}

#[test]
fn quick_presses_add_up_and_a_drag_stops_the_animation() {
    let v = measured(WIDE, None, 450.0);
    let scale = v.viewport().expect("measured").scale();
    let v = v
        .apply(ViewAction::Zoom {
            factor: ZOOM_STEP,
            at: None,
            animate: true,
        })
        .apply(ViewAction::Frame { now: 0.0 })
        .apply(ViewAction::Zoom {
            factor: ZOOM_STEP,
            at: None,
            animate: true,
        });
    let v2 = v
        .apply(ViewAction::Frame { now: 0.0 })
        .apply(ViewAction::Frame { now: 500.0 });
    assert_close(
        v2.viewport().expect("measured").scale(),
        scale * ZOOM_STEP * ZOOM_STEP,
        "two steps",
    );
    // A drag mid-animation: from what shows, at once.
    let shown = *v.viewport().expect("measured");
    let dragged = v.apply(ViewAction::Pan {
        dx: -10.0,
        dy: 0.0,
        animate: false,
    });
    assert!(!dragged.animating());
    assert_close(
        dragged.viewport().expect("measured").view_rect().x,
        shown.view_rect().x + 10.0 / shown.scale(),
        "moved from what showed",
    );
}

#[test]
fn a_new_box_size_keeps_what_the_reader_chose() {
    let target = Rect::new(24.0, 20_000.0, 152.0, 36.0);
    let focus = Some(target);
    // As opened: opens anew (still showing the focus).
    let v = measured(TALL, focus, 450.0).apply(ViewAction::Measured {
        width: 320.0,
        cap: 518.0,
    });
    let vp = *v.viewport().expect("measured");
    assert_eq!(vp.frame(), size(320.0, 518.0));
    assert!(vp.view_rect().contains(&target));
    // Fitted: stays fitted.
    let v = measured(TALL, focus, 450.0)
        .apply(ViewAction::Fit { animate: false })
        .apply(ViewAction::Measured {
            width: 320.0,
            cap: 518.0,
        });
    assert!(v.viewport().expect("measured").is_fit());
    // Moved by the reader: same centre and scale.
    let v = measured(WIDE, focus, 450.0).apply(ViewAction::Zoom {
        factor: 2.0,
        at: None,
        animate: false,
    });
    let before = *v.viewport().expect("measured");
    let v = v.apply(ViewAction::Measured {
        width: 600.0,
        cap: 576.0,
    });
    let after = *v.viewport().expect("measured");
    assert_eq!(after.scale(), before.scale());
    assert_close(after.center().0, before.center().0, "centre kept");
}

#[test]
fn zooming_out_to_the_whole_drawing_counts_as_fit() {
    let v = measured(WIDE, None, 450.0);
    let mut out = v;
    for _ in 0..30 {
        out = out.apply(ViewAction::Zoom {
            factor: 1.0 / ZOOM_STEP,
            at: None,
            animate: false,
        });
    }
    assert!(out.viewport().expect("measured").is_fit());
    // A wider box then fits again.
    let wider = out.apply(ViewAction::Measured {
        width: 900.0,
        cap: 576.0,
    });
    assert!(wider.viewport().expect("measured").is_fit());
}

#[test]
fn printing_shows_the_whole_drawing_then_the_view_comes_back() {
    let v = measured(TALL, None, 450.0).apply(ViewAction::Zoom {
        factor: 2.0,
        at: None,
        animate: false,
    });
    let before = *v.viewport().expect("measured");
    let printing = v.apply(ViewAction::Print(true));
    assert!(printing.viewport().expect("measured").is_fit());
    assert!(
        !printing.shows_text(),
        "a 500-question chain fitted has no readable text"
    );
    // A second beforeprint changes nothing.
    assert_eq!(printing.apply(ViewAction::Print(true)), printing);
    let after = printing.apply(ViewAction::Print(false));
    assert_eq!(after.viewport(), Some(&before));
}

#[test]
fn the_window_holds_the_view_and_moves_only_now_and_then() {
    let v = measured(WIDE, None, 450.0);
    let window = v.window().expect("measured");
    let view = v.viewport().expect("measured").view_rect();
    assert!(window.contains(&view));
    assert_close(window.width, view.width * 2.0, "half a view on each side");
    // A small pan keeps the window; a large one moves it.
    let small = v.apply(ViewAction::Pan {
        dx: -50.0,
        dy: 0.0,
        animate: false,
    });
    assert_eq!(small.window(), Some(window));
    let large = v.apply(ViewAction::Pan {
        dx: -2000.0,
        dy: 0.0,
        animate: false,
    });
    assert_ne!(large.window(), Some(window));
    assert!(large
        .window()
        .expect("measured")
        .contains(&large.viewport().expect("measured").view_rect()));
    // Zoomed far in: a smaller window.
    let deep = v.apply(ViewAction::Zoom {
        factor: 4.0,
        at: None,
        animate: false,
    });
    assert!(deep.window().expect("measured").width < window.width);
}

#[test]
fn text_shows_down_to_its_smallest_readable_scale() {
    let v = measured(WIDE, None, 450.0);
    assert!(v.shows_text());
    let fit = v.apply(ViewAction::Fit { animate: false });
    assert!(!fit.shows_text());
    let just = fit.apply(ViewAction::Zoom {
        factor: TEXT_MIN_SCALE / fit.viewport().expect("measured").scale(),
        at: None,
        animate: false,
    });
    assert!(just.shows_text());
}

#[test]
fn a_new_drawing_opens_anew() {
    let v = measured(WIDE, None, 450.0).apply(ViewAction::Zoom {
        factor: 2.0,
        at: None,
        animate: true,
    });
    let v = v.apply(ViewAction::Drawing {
        size: SMALL,
        focus: None,
    });
    assert!(!v.animating());
    assert!(v.viewport().expect("measured").is_fit());
    assert_eq!(
        v.frame_height(),
        Some(450.0 / 401.0 * 492.0).map(|h: f32| h.min(492.0).ceil())
    );
    // The same size again (a new walk) changes nothing.
    assert_eq!(
        v.apply(ViewAction::Drawing {
            size: SMALL,
            focus: None
        }),
        v
    );
}

// ---------------------------------------------------------------------------
// The drawing's batches and hit test

fn drawing(flow: &Flow, answers: &[Answer]) -> Drawing {
    let decision = Decision::new(flow, answers);
    Drawing::new(flow, &layout(flow), &decision.walk(flow), &Words::for_flow(flow))
}

#[test]
fn batches_hold_every_edge_and_node_once() {
    for flow in [builtin(), valid(&chain_flow()), valid(&wide_flow())] {
        // An answer that leads on to another question.
        let start = flow.question(flow.start()).expect("a question");
        let first = start
            .answers()
            .find(|(_, c)| flow.question(c.next).is_some())
            .expect("a choice leading on")
            .0;
        let d = drawing(&flow, &[first]);
        let batches = d.edge_batches(None);
        assert_eq!(
            batches.iter().map(|b| b.count).sum::<usize>(),
            d.edges.len(),
            "{}",
            flow.id()
        );
        for b in &batches {
            assert_eq!(b.lines.matches('M').count(), b.count, "one subpath a line");
            assert_eq!(b.arrows.matches('Z').count(), b.count, "one arrowhead a line");
        }
        assert_eq!(batches.last().map(|b| (b.state, b.count)), Some((EdgeState::Taken, 1)));
        let nodes = d.node_batches();
        assert_eq!(nodes.iter().map(|b| b.count).sum::<usize>(), d.nodes.len());
        for b in &nodes {
            assert_eq!(b.path.matches('z').count(), b.count);
        }
        let looks: Vec<NodeLook> = nodes.iter().map(|b| b.look).collect();
        assert!(
            looks.contains(&NodeLook::Answered) && looks.contains(&NodeLook::Current),
            "{looks:?}"
        );
    }
}

#[test]
fn edges_far_from_the_window_are_left_out_and_long_ones_cut_to_it() {
    let flow = valid(&chain_flow());
    let top = Rect::new(0.0, 0.0, 348.0, 600.0);
    let d = drawing(&flow, &[]);
    let near: usize = d.edge_batches(Some(&top)).iter().map(|b| b.count).sum();
    let reaching = d.edges.iter().filter(|e| e.bounds.intersects(&top)).count();
    assert!(
        near > 0 && near <= reaching,
        "{near} of {reaching} edges reaching the top"
    );
    assert!(near < 20, "{near} edges near the top");

    // 400 questions answered "yes": each one's "no" runs down the lane to
    // the outcome, dimmed. Around the 400th, the lane is drawn once, and
    // cut to the window.
    let yes = flow
        .question(flow.start())
        .expect("a question")
        .find("yes")
        .expect("a yes");
    let deep = drawing(&flow, &vec![yes; 400]);
    let focus = deep.focus().expect("a current question");
    let window = Rect::new(0.0, focus.y - 800.0, 348.0, 1600.0);
    let batches = deep.edge_batches(Some(&window));
    let reaching = deep
        .edges
        .iter()
        .filter(|e| e.state == EdgeState::Dimmed && e.bounds.intersects(&window))
        .count();
    assert!(reaching > 300, "{reaching} dimmed edges reach the window");
    let dimmed = batches
        .iter()
        .find(|b| b.state == EdgeState::Dimmed)
        .expect("dimmed edges");
    assert!(
        dimmed.lines.matches('M').count() < 40,
        "the lane once: {}",
        dimmed.lines
    );
    assert!(dimmed.count < 40, "{} edges drew a part of their own", dimmed.count);
    for b in &batches {
        for number in b
            .lines
            .split(|c: char| !c.is_ascii_digit() && c != '-')
            .filter(|t| !t.is_empty())
            .skip(1)
            .step_by(2)
        {
            let y: f32 = number.parse().expect("a number");
            assert!(
                y >= window.y - 100.0 && y <= window.bottom() + 100.0,
                "y {y} far outside the window"
            );
        }
    }

    // A window holding the whole drawing cuts nothing: the same paths.
    let builtin = builtin();
    let d = drawing(&builtin, &[]);
    let all = Rect::new(-10.0, -10.0, d.width as f32 + 20.0, d.height as f32 + 20.0);
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (whole, cut) in d.edge_batches(None).iter().zip(d.edge_batches(Some(&all))) {
        assert_eq!(squeeze(&whole.lines), squeeze(&cut.lines));
        assert_eq!(whole.count, cut.count);
    }
}

#[test]
fn the_node_under_a_point_and_the_focus() {
    let flow = builtin();
    let d = drawing(&flow, &[]);
    for n in &d.nodes {
        let (cx, cy) = n.rect().center();
        assert_eq!(d.node_at((cx, cy)).map(|m| m.node), Some(n.node));
    }
    assert!(d.node_at((-5.0, -5.0)).is_none());
    let start = &d.nodes[flow.start().get()];
    assert_eq!(d.focus(), Some(start.rect()));
    let no = answer_no(&flow);
    let at_outcome = drawing(&flow, &[no, no, no, no]);
    let reached = at_outcome
        .nodes
        .iter()
        .find(|n| n.state == NodeState::Reached)
        .expect("an outcome");
    assert_eq!(at_outcome.focus(), Some(reached.rect()));
}

fn answer_no(flow: &Flow) -> Answer {
    flow.question(flow.start())
        .expect("a question")
        .find("no")
        .expect("a no")
}
