//! The widget's effects, one named hook each: what it does to the page
//! URL, to the host page and to focus, kept out of the components' markup.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::web;
use dw_engine::summary::Summary;
use dw_engine::Action;

/// The revision the host was told about in `decision-ready`, once it was.
pub type ReadyAt = Rc<RefCell<Option<u32>>>;

/// Opens share links pasted into this tab: `open` gets every new fragment.
#[hook]
pub fn use_hash_links(open: Callback<AttrValue>) {
    use_effect_with((), move |_| {
        let listener = web::on_hash_change(move |fragment| open.emit(AttrValue::from(fragment)));
        move || drop(listener)
    });
}

/// What follows each change of the decision, besides drawing it.
pub struct Follow {
    /// The element that hears `decision-ready` and `decision-change`.
    pub host: Option<web_sys::Element>,
    /// What they carry.
    pub summary: Summary,
    /// The share-link fragment, when the host asked for the page URL to
    /// keep in step with the decision (empty at the start of the flow).
    pub fragment: Option<AttrValue>,
    /// The question or recommendation heading, when the reader made the
    /// change: focus follows to it.
    pub focus: Option<NodeRef>,
}

/// Tells the host page `decision-ready` once the widget is live; after
/// each later change, writes the page URL's fragment (from the first
/// change after `decision-ready`), moves focus and tells the host
/// `decision-change`. Readiness is told at once; the rest waits until the
/// change is on screen (after the next frame), so that none of it delays
/// the reader's answer: moving focus makes the browser lay the page out
/// there and then, and the host's listeners run inside `dispatchEvent`.
#[hook]
pub fn use_follow_changes(follow: Follow, revision: u32, live: bool, ready_at: ReadyAt) {
    use_effect_with((revision, live), move |&(revision, live)| {
        let Follow {
            host,
            summary,
            fragment,
            focus,
        } = follow;
        let fragment = fragment.filter(|_| ready_at.borrow().is_some_and(|ready| revision > ready));
        let first = live && ready_at.borrow().is_none();
        if first {
            *ready_at.borrow_mut() = Some(revision);
            if let Some(host) = &host {
                web::dispatch_summary(host, "decision-ready", &summary);
            }
        }
        let host = host.filter(|_| live && !first);
        if fragment.is_some() || focus.is_some() || host.is_some() {
            web::after_frame(move || {
                if let Some(fragment) = fragment {
                    web::replace_fragment(&fragment);
                }
                if let Some(focus) = focus {
                    web::focus(&focus);
                }
                if let Some(host) = host {
                    web::dispatch_summary(&host, "decision-change", &summary);
                }
            });
        }
    });
}

/// Applies the answers the host page sets (an attribute or the JS API),
/// and makes a hydrated widget live once it has taken on its opening
/// answers.
#[hook]
pub fn use_host_answers(
    dispatcher: UseReducerDispatcher<super::WidgetState>,
    answers: Rc<Vec<dw_engine::Answer>>,
    revision: u32,
    live: UseStateHandle<bool>,
) {
    use_effect_with((answers, revision), move |(answers, _)| {
        dispatcher.dispatch(Action::Replace(answers.to_vec()));
        if !*live {
            live.set(true);
        }
    });
}

/// Moves focus to `target` after each new request (a count above 0).
#[hook]
pub fn use_focus_on_request(target: NodeRef, requests: u32) {
    use_effect_with(requests, move |requests| {
        if *requests > 0 {
            web::focus(&target);
        }
    });
}

/// After the `refusals`-th refused copy (none while 0), focuses the field
/// behind `field` and selects its text for the reader to copy by hand.
#[hook]
pub fn use_select_after_refusal(field: &NodeRef, refusals: u32) {
    let field = field.clone();
    use_effect_with(refusals, move |refused| {
        if *refused > 0 {
            web::focus_and_select(&field);
        }
    });
}
