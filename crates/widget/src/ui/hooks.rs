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

/// Keeps the page URL's fragment in step with the decision (`code`) when
/// the host asked for it, from the first change after `decision-ready`.
#[hook]
pub fn use_url_sync(sync: bool, revision: u32, code: AttrValue, empty: bool, ready_at: ReadyAt) {
    use_effect_with(revision, move |revision| {
        if sync && ready_at.borrow().is_some_and(|ready| *revision > ready) {
            web::replace_fragment(if empty { "" } else { &code });
        }
    });
}

/// Tells the host page: `decision-ready` once the widget is live, then
/// `decision-change` on every new revision.
#[hook]
pub fn use_host_events(host: Option<web_sys::Element>, summary: Summary, revision: u32, live: bool, ready_at: ReadyAt) {
    use_effect_with((revision, live), move |&(revision, live)| {
        if !live {
            return;
        }
        let first = ready_at.borrow().is_none();
        if first {
            *ready_at.borrow_mut() = Some(revision);
        }
        if let Some(host) = host {
            let name = if first { "decision-ready" } else { "decision-change" };
            web::dispatch_summary(&host, name, &summary);
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

/// Moves focus to `target` after each change the reader made, so it
/// follows to the new question or result.
#[hook]
pub fn use_focus_follow(target: NodeRef, revision: u32, by_reader: bool) {
    use_effect_with(revision, move |_| {
        if by_reader {
            web::focus(&target);
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
