//! Saved decisions: save this one with a title and note, and reopen,
//! rename or delete (with undo) the ones saved before. When the browser
//! has no usable storage, or holds data we cannot read, the panel says so
//! and leaves that data untouched.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::saved::{SavedDecision, SavedList, StoreProblem};
use crate::engine::{Flow, Walk};
use crate::web::{self, SavedLoad};

/// Properties of [`SavedPanel`].
#[derive(Properties, PartialEq)]
pub struct SavedPanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path.
    pub walk: Rc<Walk>,
    /// The share-link fragment of the current decision.
    pub code: AttrValue,
    /// Opens a saved decision by its link fragment.
    pub on_open: Callback<AttrValue>,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
}

fn input_value(event: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|t| {
            t.dyn_ref::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| t.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|a| a.value()))
        })
        .unwrap_or_default()
}

fn outcome_title(flow: &Flow, id: Option<&str>) -> String {
    id.and_then(|id| flow.find(id))
        .and_then(|ix| flow.node(ix).outcome())
        .map(|o| o.title.clone())
        .unwrap_or_else(|| String::from("No recommendation yet"))
}

/// A deleted decision that can still be put back.
#[derive(Clone, PartialEq)]
struct Undo {
    at: usize,
    item: SavedDecision,
}

/// Where focus goes when a change removes the control that had it: the
/// rename form's title field, the Undo button, or a saved item's Rename
/// button. The control bound to `target` takes focus after each request.
#[derive(Clone)]
struct Refocus {
    target: NodeRef,
    request: UseStateHandle<u32>,
}

impl Refocus {
    fn request(&self) {
        self.request.set(self.request.wrapping_add(1));
    }

    /// The target ref for a control that takes focus, or a dead one.
    fn bind(&self, takes_focus: bool) -> NodeRef {
        if takes_focus {
            self.target.clone()
        } else {
            NodeRef::default()
        }
    }
}

/// The save form and the list of saved decisions.
#[component]
pub fn SavedPanel(props: &SavedPanelProps) -> Html {
    // Storage is read once mounted rather than while rendering, so that the
    // first render matches the markup prerendered without it.
    let load = use_state(|| SavedLoad::Ready(SavedList::default()));
    {
        let load = load.clone();
        use_effect_with((), move |_| {
            let stored = web::load_saved();
            if stored != *load {
                load.set(stored);
            }
        });
    }
    let title = use_state(String::new);
    let note = use_state(String::new);
    let editing = use_state(|| None::<(String, String, String)>);
    let undo = use_state(|| None::<Undo>);
    let status = use_state(String::new);
    // The item whose Rename button takes focus after renaming or undoing.
    let after_edit = use_state(|| None::<String>);
    let refocus = Refocus {
        target: use_node_ref(),
        request: use_state(|| 0u32),
    };
    {
        let target = refocus.target.clone();
        use_effect_with(*refocus.request, move |requested| {
            if *requested > 0 {
                web::focus(&target);
            }
        });
    }

    // Every write re-reads storage first; its result replaces what we show.
    let write: Writer = {
        let (load, status, undo) = (load.clone(), status.clone(), undo.clone());
        Rc::new(move |change: Change, done: String| match web::update_saved(change) {
            Ok((list, removed)) => {
                load.set(SavedLoad::Ready(list));
                undo.set(removed);
                status.set(done);
                true
            }
            Err(failure) => {
                status.set(failure.to_string());
                load.set(web::load_saved());
                false
            }
        })
    };

    let outcome = props
        .walk
        .outcome()
        .map(|ix| props.flow.node(ix).id.as_str().to_owned());
    let default_title = outcome_title(&props.flow, outcome.as_deref());

    let on_save = {
        let (write, title, note) = (Rc::clone(&write), title.clone(), note.clone());
        let flow = Rc::clone(&props.flow);
        let (code, outcome, default_title) = (props.code.to_string(), outcome.clone(), default_title.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let chosen = if title.trim().is_empty() {
                default_title.clone()
            } else {
                (*title).clone()
            };
            let item = SavedDecision {
                id: String::new(),
                flow: flow.id().as_str().to_owned(),
                flow_version: flow.version(),
                link: code.clone(),
                outcome: outcome.clone(),
                title: chosen.clone(),
                note: (*note).clone(),
                saved_at: web::now_ms(),
            };
            // What the reader typed is kept until the save succeeds.
            if write(
                Box::new(move |list| list.add(item).map(|_| None)),
                String::from("Saved “") + &chosen + "”.",
            ) {
                title.set(String::new());
                note.set(String::new());
            }
        })
    };

    let form_title_id = props.prefix.to_string() + "save-title";
    let form_note_id = props.prefix.to_string() + "save-note";
    let problem = match &*load {
        SavedLoad::Ready(_) => None,
        SavedLoad::Problem(p) => Some(p.to_string()),
        SavedLoad::Unavailable => Some(String::from(
            "Saving is unavailable: this browser blocks storage here. The link still reopens this decision.",
        )),
    };
    let items: Vec<SavedDecision> = match &*load {
        SavedLoad::Ready(list) => list.for_flow(props.flow.id().as_str()).cloned().collect(),
        _ => Vec::new(),
    };

    let item_view = |item: &SavedDecision| {
        let id = item.id.clone();
        let open = props.on_open.reform({
            let link = AttrValue::from(item.link.clone());
            move |_: MouseEvent| link.clone()
        });
        let start_rename = {
            let (editing, after_edit, refocus, item) =
                (editing.clone(), after_edit.clone(), refocus.clone(), item.clone());
            Callback::from(move |_: MouseEvent| {
                editing.set(Some((item.id.clone(), item.title.clone(), item.note.clone())));
                after_edit.set(Some(item.id.clone()));
                refocus.request();
            })
        };
        let delete = {
            let (write, refocus, id, name) = (Rc::clone(&write), refocus.clone(), id.clone(), item.title.clone());
            Callback::from(move |_: MouseEvent| {
                let id = id.clone();
                write(
                    Box::new(move |list| Ok(list.remove(&id).map(|(at, item)| Undo { at, item }))),
                    String::from("Deleted “") + &name + "”.",
                );
                refocus.request();
            })
        };
        let rename_ref =
            refocus.bind(editing.is_none() && undo.is_none() && after_edit.as_deref() == Some(item.id.as_str()));
        let when = web::local_date(item.saved_at);
        let result = outcome_title(&props.flow, item.outcome.as_deref());
        let editing_this = editing.as_ref().filter(|(eid, _, _)| *eid == item.id).cloned();
        html! {
            <li class="dw-saved-item" key={item.id.clone()}>
                if let Some((_, draft_title, draft_note)) = editing_this {
                    { rename_form(&props.prefix, &item.id, (draft_title, draft_note), &editing, &write, &refocus) }
                } else {
                    <p class="dw-saved-title"><strong>{ &item.title }</strong></p>
                    <p class="dw-saved-meta">{ result }{ " · saved " }{ when }</p>
                    if !item.note.is_empty() {
                        <p class="dw-saved-note">{ &item.note }</p>
                    }
                    <div class="dw-actions">
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={String::from("Open ") + &item.title} onclick={open}>{ "Open" }</button>
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={String::from("Rename ") + &item.title} onclick={start_rename} ref={rename_ref}>{ "Rename" }</button>
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={String::from("Delete ") + &item.title} onclick={delete}>{ "Delete" }</button>
                    </div>
                }
            </li>
        }
    };

    let undo_button = undo.as_ref().map(|u| {
        let target = refocus.bind(editing.is_none());
        let (write, after_edit, refocus) = (Rc::clone(&write), after_edit.clone(), refocus.clone());
        let u = u.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let u = u.clone();
            let (name, id) = (u.item.title.clone(), u.item.id.clone());
            write(
                Box::new(move |list| {
                    list.undo_remove(u.at, u.item);
                    Ok(None)
                }),
                String::from("Restored “") + &name + "”.",
            );
            after_edit.set(Some(id));
            refocus.request();
        });
        html! { <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" {onclick} ref={target}>{ "Undo" }</button> }
    });

    html! {
        <div class="dw-saved">
            if let Some(problem) = problem {
                <p class="dw-notice">{ problem }</p>
            } else if props.walk.outcome().is_some() {
                <h4 class="dw-subhead">{ "Save this decision" }</h4>
                <form class="dw-save-form" onsubmit={on_save}>
                    <label class="dw-field" for={form_title_id.clone()}>{ "Title (optional)" }</label>
                    <input id={form_title_id} class="dw-input" type="text" maxlength="120" placeholder={default_title}
                        value={(*title).clone()} oninput={let t = title.clone(); Callback::from(move |e: InputEvent| t.set(input_value(&e)))} />
                    <label class="dw-field" for={form_note_id.clone()}>{ "Note (optional)" }</label>
                    <textarea id={form_note_id} class="dw-input dw-textarea" rows="2" maxlength="2000"
                        value={(*note).clone()} oninput={let n = note.clone(); Callback::from(move |e: InputEvent| n.set(input_value(&e)))} />
                    <div class="dw-actions"><button type="submit" class="dw-btn">{ "Save in this browser" }</button></div>
                </form>
            }
            <p class="dw-status" role="status">{ (*status).clone() }{ " " }{ for undo_button }</p>
            if !items.is_empty() {
                <h4 class="dw-subhead">{ "Saved decisions" }</h4>
                <ul class="dw-saved-list">{ for items.iter().map(item_view) }</ul>
            }
        </div>
    }
}

/// A change to the stored list; `Some` when it removed something to undo.
type Change = Box<dyn FnOnce(&mut SavedList) -> Result<Option<Undo>, StoreProblem>>;
/// Applies a change to storage and reports it with the given message;
/// returns whether it was written.
type Writer = Rc<dyn Fn(Change, String) -> bool>;

/// The inline form that renames a saved decision.
fn rename_form(
    prefix: &AttrValue,
    id: &str,
    (draft_title, draft_note): (String, String),
    editing: &UseStateHandle<Option<(String, String, String)>>,
    write: &Writer,
    refocus: &Refocus,
) -> Html {
    let title_id = prefix.to_string() + "rename-title-" + id;
    let note_id = prefix.to_string() + "rename-note-" + id;
    let set_title = {
        let editing = editing.clone();
        Callback::from(move |e: InputEvent| {
            if let Some((id, _, note)) = (*editing).clone() {
                editing.set(Some((id, input_value(&e), note)));
            }
        })
    };
    let set_note = {
        let editing = editing.clone();
        Callback::from(move |e: InputEvent| {
            if let Some((id, title, _)) = (*editing).clone() {
                editing.set(Some((id, title, input_value(&e))));
            }
        })
    };
    let submit = {
        let (editing, write, refocus) = (editing.clone(), Rc::clone(write), refocus.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let Some((id, title, note)) = (*editing).clone() {
                let name = title.clone();
                write(
                    Box::new(move |list| {
                        list.rename(&id, &title, &note);
                        Ok(None)
                    }),
                    String::from("Renamed to “") + &name + "”.",
                );
            }
            editing.set(None);
            refocus.request();
        })
    };
    let cancel = {
        let (editing, refocus) = (editing.clone(), refocus.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(None);
            refocus.request();
        })
    };
    html! {
        <form class="dw-rename-form" onsubmit={submit}>
            <label class="dw-field" for={title_id.clone()}>{ "Title" }</label>
            <input id={title_id} class="dw-input" type="text" maxlength="120" value={draft_title} oninput={set_title} ref={refocus.target.clone()} />
            <label class="dw-field" for={note_id.clone()}>{ "Note" }</label>
            <textarea id={note_id} class="dw-input dw-textarea" rows="2" maxlength="2000" value={draft_note} oninput={set_note} />
            <div class="dw-actions">
                <button type="submit" class="dw-btn dw-btn-small">{ "Save changes" }</button>
                <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
