//! The form that saves this decision in the browser, with an optional
//! title and note; or, where nothing can be saved, why.

use std::rc::Rc;

use yew::prelude::*;

use super::saved::{input_value, outcome_title, write, Saved, SavedAction, Status};
use crate::web;
use dw_engine::saved::{SavedDecision, SavedId};
use dw_engine::words::Words;
use dw_engine::{Flow, NodeId, Walk};

/// The save form, drawn by `ui::takeaway` when its Save button is open:
/// saves the decision with a title (the recommendation's when left empty)
/// and a note, and says what became of it. `field` is the title field,
/// focused when the form opens. (A function rather than a component: it
/// keeps no state of its own, all of it is in `saved`.)
pub fn save_form(
    flow: &Rc<Flow>,
    walk: &Walk,
    words: &Words,
    code: &AttrValue,
    saved: &UseReducerHandle<Saved>,
    field: &NodeRef,
    prefix: &AttrValue,
) -> Html {
    let outcome = walk.outcome().map(|ix| flow.node(ix).id.as_str().to_owned());
    let default_title = outcome_title(flow, outcome.as_deref(), words);
    let dispatcher = saved.dispatcher();

    let on_save = {
        let (dispatcher, form) = (dispatcher.clone(), saved.form.clone());
        let flow = Rc::clone(flow);
        let (code, outcome, default_title) = (code.to_string(), outcome.clone(), default_title.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let chosen = match form.title.trim().is_empty() {
                true => default_title.clone(),
                false => form.title.clone(),
            };
            let item = SavedDecision {
                id: SavedId::default(),
                flow: flow.id().clone(),
                flow_version: flow.version(),
                link: code.clone(),
                outcome: outcome.as_deref().map(NodeId::from),
                title: chosen.clone(),
                note: form.note.clone(),
                saved_at: web::now_ms(),
            };
            write(
                &dispatcher,
                Box::new(move |list| list.add(item).map(|_| None)),
                Status::new("saved-as", chosen),
                true,
            );
        })
    };
    let edit = |title: bool| {
        let (dispatcher, form) = (dispatcher.clone(), saved.form.clone());
        Callback::from(move |e: InputEvent| {
            let mut form = form.clone();
            *(if title { &mut form.title } else { &mut form.note }) = input_value(&e);
            dispatcher.dispatch(SavedAction::EditForm(form));
        })
    };
    let title_id = format!("{prefix}save-title");
    let note_id = format!("{prefix}save-note");

    html! {
        <div class="dw-save">
            if let Some(problem) = saved.problem() {
                <p class="dw-notice">{ words.get(problem) }</p>
            } else {
                <form class="dw-save-form" onsubmit={on_save}>
                    <label class="dw-field" for={title_id.clone()}>{ words.get("title-optional") }</label>
                    <input id={title_id} class="dw-input" type="text" maxlength="120" dir="auto" placeholder={default_title}
                        value={saved.form.title.clone()} oninput={edit(true)} ref={field.clone()} />
                    <label class="dw-field" for={note_id.clone()}>{ words.get("note-optional") }</label>
                    <textarea id={note_id} class="dw-input dw-textarea" rows="2" maxlength="2000" dir="auto"
                        value={saved.form.note.clone()} oninput={edit(false)} />
                    <div class="dw-actions"><button type="submit" class="dw-btn">{ words.get("save") }</button></div>
                </form>
            }
            <p class="dw-status" role="status">{ saved.form_status.text(words) }</p>
        </div>
    }
}
