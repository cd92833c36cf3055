//! Work that can wait until the reader sees the result: after an answer,
//! the browser draws the new question first, and only then does the
//! widget tell the host page, write the URL and move focus. Each of these
//! costs time (a host's listeners run inside `dispatchEvent`; moving focus
//! makes the browser lay the page out at once, in the middle of the
//! click), and none of it changes what the next frame shows.

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::window;

/// A task waiting for the frame.
type Task = Box<dyn FnOnce()>;

thread_local! {
    /// The tasks waiting, in the order they were asked for; empty while no
    /// frame is awaited.
    static WAITING: RefCell<Vec<Task>> = const { RefCell::new(Vec::new()) };
    /// The frame's callback, made once for the page: it posts the task that
    /// runs the waiting ones.
    static POST: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// The frame's callback, made at the first call.
fn post() -> Function {
    POST.with(|post| {
        post.borrow_mut()
            .get_or_insert_with(|| {
                let run = Closure::<dyn FnMut()>::new(run_waiting);
                let post = Closure::<dyn FnMut()>::new(move || {
                    if let Some(window) = window() {
                        let _ = window.set_timeout_with_callback(run.as_ref().unchecked_ref());
                    }
                });
                let function = post.as_ref().unchecked_ref::<Function>().clone();
                // Both live as long as the page.
                post.forget();
                function
            })
            .clone()
    })
}

/// Runs `task` once the next frame has been drawn: from a task posted by
/// that frame's animation callback, after its style, layout and paint.
/// Tasks run in the order they were asked for. A hidden page draws no
/// frames: there they wait until the reader comes back to it. With no
/// window (rendering natively), they run at once.
pub fn after_frame(task: impl FnOnce() + 'static) {
    let Some(window) = window() else {
        return task();
    };
    let first = WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        waiting.push(Box::new(task));
        waiting.len() == 1
    });
    if first && window.request_animation_frame(&post()).is_err() {
        run_waiting();
    }
}

/// Runs the waiting tasks; those they ask for wait for the frame after.
fn run_waiting() {
    let tasks = WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut()));
    for task in tasks {
        task();
    }
}
