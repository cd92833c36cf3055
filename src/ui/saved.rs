//! Saved decisions: save this one with a title and note, and reopen,
//! rename or delete (with undo) the ones saved before. When the browser
//! has no usable storage, or holds data we cannot read, the panel says so
//! and leaves that data untouched.
//!
//! What the panel shows is one state changed by a closed set of actions
//! (a reducer); storage is read and written by the callbacks, at the edge,
//! and their results are dispatched as actions.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::saved::{SavedDecision, SavedId, SavedList, StoreProblem};
use crate::engine::{Flow, Walk};
use crate::web::{self, SavedLoad};

use super::hooks::use_focus_on_request;

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

/// A deleted decision that can still be put back.
#[derive(Debug, Clone, PartialEq)]
struct Undo {
    at: usize,
    item: SavedDecision,
}

/// A title and note being typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    title: String,
    note: String,
}

/// Everything the panel shows.
#[derive(Debug, Clone, PartialEq)]
struct Panel {
    /// What storage holds.
    load: SavedLoad,
    /// The save form's fields.
    form: Draft,
    /// The saved decision being renamed, with its draft.
    renaming: Option<(SavedId, Draft)>,
    /// The last deletion, while it can be undone.
    undo: Option<Undo>,
    /// The last outcome, announced.
    status: String,
    /// The saved decision whose Rename button takes focus after renaming
    /// or undoing.
    after_edit: Option<SavedId>,
    /// Raised whenever focus must move because a control went away.
    refocus: u32,
}

/// Everything that changes the panel.
enum SavedAction {
    /// Storage was read.
    Loaded(SavedLoad),
    /// The save form's fields changed.
    EditForm(Draft),
    /// A change was written; `undo` holds what it removed.
    Written {
        list: SavedList,
        undo: Option<Undo>,
        status: String,
        saved: bool,
    },
    /// A change could not be written; storage as it is now.
    Failed { load: SavedLoad, status: String },
    /// The reader starts renaming a saved decision.
    StartRename(SavedDecision),
    /// The rename form's fields changed.
    EditRename(Draft),
    /// The rename form closed (saved or cancelled).
    EndRename,
    /// Focus goes to this item's Rename button once the list is redrawn.
    FocusItem(SavedId),
    /// Focus must move on: the control that had it is going away.
    Refocus,
}

impl Reducible for Panel {
    type Action = SavedAction;

    fn reduce(self: Rc<Self>, action: SavedAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SavedAction::Loaded(load) => next.load = load,
            SavedAction::EditForm(form) => next.form = form,
            SavedAction::Written {
                list,
                undo,
                status,
                saved,
            } => {
                next.load = SavedLoad::Ready(list);
                next.undo = undo;
                next.status = status;
                // What the reader typed is kept until the save succeeds.
                if saved {
                    next.form = Draft::default();
                }
            }
            SavedAction::Failed { load, status } => {
                next.load = load;
                next.status = status;
            }
            SavedAction::StartRename(item) => {
                next.after_edit = Some(item.id.clone());
                next.renaming = Some((
                    item.id,
                    Draft {
                        title: item.title,
                        note: item.note,
                    },
                ));
                next.refocus = next.refocus.wrapping_add(1);
            }
            SavedAction::EditRename(draft) => {
                if let Some((_, d)) = &mut next.renaming {
                    *d = draft;
                }
            }
            SavedAction::EndRename => {
                next.renaming = None;
                next.refocus = next.refocus.wrapping_add(1);
            }
            SavedAction::FocusItem(id) => {
                next.after_edit = Some(id);
                next.refocus = next.refocus.wrapping_add(1);
            }
            SavedAction::Refocus => next.refocus = next.refocus.wrapping_add(1),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
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

/// A change to the stored list; `Some` when it removed something to undo.
type Change = Box<dyn FnOnce(&mut SavedList) -> Result<Option<Undo>, StoreProblem>>;

/// Applies a change to storage (re-reading it first, as another tab or
/// widget may have changed it) and reports the result as an action.
fn write(panel: &UseReducerDispatcher<Panel>, change: Change, done: String, saved: bool) {
    panel.dispatch(match web::update_saved(change) {
        Ok((list, undo)) => SavedAction::Written {
            list,
            undo,
            status: done,
            saved,
        },
        Err(failure) => SavedAction::Failed {
            load: web::load_saved(),
            status: failure.to_string(),
        },
    });
}

/// The save form and the list of saved decisions.
#[component]
pub fn SavedPanel(props: &SavedPanelProps) -> Html {
    let panel = use_reducer(|| Panel {
        load: SavedLoad::Ready(SavedList::default()),
        form: Draft::default(),
        renaming: None,
        undo: None,
        status: String::new(),
        after_edit: None,
        refocus: 0,
    });
    // Storage is read once mounted rather than while rendering, so that the
    // first render matches the markup prerendered without it.
    {
        let dispatcher = panel.dispatcher();
        use_effect_with((), move |_| dispatcher.dispatch(SavedAction::Loaded(web::load_saved())));
    }
    // Where focus goes when a change removes the control that had it: the
    // rename form's title field, the Undo button, or a saved item's Rename
    // button.
    let refocus = use_node_ref();
    use_focus_on_request(refocus.clone(), panel.refocus);

    let outcome = props
        .walk
        .outcome()
        .map(|ix| props.flow.node(ix).id.as_str().to_owned());
    let default_title = outcome_title(&props.flow, outcome.as_deref());
    let dispatcher = panel.dispatcher();

    let on_save = {
        let (dispatcher, form) = (dispatcher.clone(), panel.form.clone());
        let flow = Rc::clone(&props.flow);
        let (code, outcome, default_title) = (props.code.to_string(), outcome.clone(), default_title.clone());
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
                outcome: outcome.as_deref().map(crate::engine::NodeId::from),
                title: chosen.clone(),
                note: form.note.clone(),
                saved_at: web::now_ms(),
            };
            write(
                &dispatcher,
                Box::new(move |list| list.add(item).map(|_| None)),
                format!("Saved “{chosen}”."),
                true,
            );
        })
    };

    let form_title_id = format!("{}save-title", props.prefix);
    let form_note_id = format!("{}save-note", props.prefix);
    let problem = match &panel.load {
        SavedLoad::Ready(_) => None,
        SavedLoad::Problem(p) => Some(p.to_string()),
        SavedLoad::Unavailable => Some(String::from(
            "Saving is unavailable: this browser blocks storage here. The link still reopens this decision.",
        )),
    };
    let items: Vec<SavedDecision> = match &panel.load {
        SavedLoad::Ready(list) => list.for_flow(props.flow.id()).cloned().collect(),
        _ => Vec::new(),
    };

    let item_view = |item: &SavedDecision| {
        let open = props.on_open.reform({
            let link = AttrValue::from(item.link.clone());
            move |_: MouseEvent| link.clone()
        });
        let start_rename = {
            let (dispatcher, item) = (dispatcher.clone(), item.clone());
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(SavedAction::StartRename(item.clone())))
        };
        let delete = {
            let (dispatcher, id, name) = (dispatcher.clone(), item.id.clone(), item.title.clone());
            Callback::from(move |_: MouseEvent| {
                let id = id.clone();
                write(
                    &dispatcher,
                    Box::new(move |list| Ok(list.remove(&id).map(|(at, item)| Undo { at, item }))),
                    format!("Deleted “{name}”."),
                    false,
                );
                dispatcher.dispatch(SavedAction::Refocus);
            })
        };
        let takes_focus =
            panel.renaming.is_none() && panel.undo.is_none() && panel.after_edit.as_ref() == Some(&item.id);
        let rename_ref = if takes_focus {
            refocus.clone()
        } else {
            NodeRef::default()
        };
        let when = web::local_date(item.saved_at);
        let result = outcome_title(&props.flow, item.outcome.as_ref().map(|o| o.as_str()));
        let renaming = panel
            .renaming
            .as_ref()
            .filter(|(id, _)| *id == item.id)
            .map(|(_, d)| d.clone());
        html! {
            <li class="dw-saved-item" key={item.id.as_str().to_owned()}>
                if let Some(draft) = renaming {
                    { rename_form(&props.prefix, &item.id, draft, &dispatcher, &refocus) }
                } else {
                    <p class="dw-saved-title"><strong>{ &item.title }</strong></p>
                    <p class="dw-saved-meta">{ result }{ " · saved " }{ when }</p>
                    if !item.note.is_empty() {
                        <p class="dw-saved-note">{ &item.note }</p>
                    }
                    <div class="dw-actions">
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={format!("Open {}", item.title)} onclick={open}>{ "Open" }</button>
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={format!("Rename {}", item.title)} onclick={start_rename} ref={rename_ref}>{ "Rename" }</button>
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={format!("Delete {}", item.title)} onclick={delete}>{ "Delete" }</button>
                    </div>
                }
            </li>
        }
    };

    let undo_button = panel.undo.as_ref().map(|u| {
        let target = if panel.renaming.is_none() { refocus.clone() } else { NodeRef::default() };
        let (dispatcher, u) = (dispatcher.clone(), u.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let u = u.clone();
            let (name, id) = (u.item.title.clone(), u.item.id.clone());
            write(
                &dispatcher,
                Box::new(move |list| {
                    list.undo_remove(u.at, u.item);
                    Ok(None)
                }),
                format!("Restored “{name}”."),
                false,
            );
            dispatcher.dispatch(SavedAction::FocusItem(id));
        });
        html! { <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" {onclick} ref={target}>{ "Undo" }</button> }
    });
    let edit_form = |title: bool| {
        let (dispatcher, form) = (dispatcher.clone(), panel.form.clone());
        Callback::from(move |e: InputEvent| {
            let mut form = form.clone();
            *(if title { &mut form.title } else { &mut form.note }) = input_value(&e);
            dispatcher.dispatch(SavedAction::EditForm(form));
        })
    };

    html! {
        <div class="dw-saved">
            if let Some(problem) = problem {
                <p class="dw-notice">{ problem }</p>
            } else if props.walk.outcome().is_some() {
                <h4 class="dw-subhead">{ "Save this decision" }</h4>
                <form class="dw-save-form" onsubmit={on_save}>
                    <label class="dw-field" for={form_title_id.clone()}>{ "Title (optional)" }</label>
                    <input id={form_title_id} class="dw-input" type="text" maxlength="120" placeholder={default_title}
                        value={panel.form.title.clone()} oninput={edit_form(true)} />
                    <label class="dw-field" for={form_note_id.clone()}>{ "Note (optional)" }</label>
                    <textarea id={form_note_id} class="dw-input dw-textarea" rows="2" maxlength="2000"
                        value={panel.form.note.clone()} oninput={edit_form(false)} />
                    <div class="dw-actions"><button type="submit" class="dw-btn">{ "Save in this browser" }</button></div>
                </form>
            }
            <p class="dw-status" role="status">{ panel.status.clone() }{ " " }{ for undo_button }</p>
            if !items.is_empty() {
                <h4 class="dw-subhead">{ "Saved decisions" }</h4>
                <ul class="dw-saved-list">{ for items.iter().map(item_view) }</ul>
            }
        </div>
    }
}

/// The inline form that renames a saved decision.
fn rename_form(
    prefix: &AttrValue,
    id: &SavedId,
    draft: Draft,
    dispatcher: &UseReducerDispatcher<Panel>,
    refocus: &NodeRef,
) -> Html {
    let title_id = format!("{prefix}rename-title-{}", id.as_str());
    let note_id = format!("{prefix}rename-note-{}", id.as_str());
    let edit = |title: bool| {
        let (dispatcher, draft) = (dispatcher.clone(), draft.clone());
        Callback::from(move |e: InputEvent| {
            let mut draft = draft.clone();
            *(if title { &mut draft.title } else { &mut draft.note }) = input_value(&e);
            dispatcher.dispatch(SavedAction::EditRename(draft));
        })
    };
    let submit = {
        let (dispatcher, id, draft) = (dispatcher.clone(), id.clone(), draft.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (id, Draft { title, note }) = (id.clone(), draft.clone());
            let name = title.clone();
            write(
                &dispatcher,
                Box::new(move |list| {
                    list.rename(&id, &title, &note);
                    Ok(None)
                }),
                format!("Renamed to “{name}”."),
                false,
            );
            dispatcher.dispatch(SavedAction::EndRename);
        })
    };
    let cancel = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(SavedAction::EndRename))
    };
    html! {
        <form class="dw-rename-form" onsubmit={submit}>
            <label class="dw-field" for={title_id.clone()}>{ "Title" }</label>
            <input id={title_id} class="dw-input" type="text" maxlength="120" value={draft.title.clone()} oninput={edit(true)} ref={refocus.clone()} />
            <label class="dw-field" for={note_id.clone()}>{ "Note" }</label>
            <textarea id={note_id} class="dw-input dw-textarea" rows="2" maxlength="2000" value={draft.note.clone()} oninput={edit(false)} />
            <div class="dw-actions">
                <button type="submit" class="dw-btn dw-btn-small">{ "Save changes" }</button>
                <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" onclick={cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
