//! Saved decisions: the state shared by the save form (at an outcome, see
//! `ui::save_form`) and the list of decisions saved before, which reopens,
//! renames and deletes them (with undo). When the browser has no usable
//! storage, or holds data we cannot read, the widget says so and leaves that
//! data untouched.
//!
//! What both show is one state changed by a closed set of actions (a
//! reducer); storage is read and written by the callbacks, at the edge, and
//! their results are dispatched as actions.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::{self, SavedLoad};
use dw_engine::saved::{SavedDecision, SavedId, SavedList, StoreProblem};
use dw_engine::words::Words;
use dw_engine::Flow;

use super::hooks::use_focus_on_request;

/// A deleted decision that can still be put back.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    at: usize,
    item: SavedDecision,
}

/// A title and note being typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    /// The title.
    pub title: String,
    /// The note.
    pub note: String,
}

/// A sentence for the reader about the last change, by word key and title.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    /// The word's key (empty for none).
    key: &'static str,
    /// The saved decision's title it names.
    title: String,
}

impl Status {
    /// The word `key`, naming the saved decision `title`.
    pub fn new(key: &'static str, title: String) -> Status {
        Status { key, title }
    }

    /// The sentence in `words`, or nothing.
    pub fn text(&self, words: &Words) -> String {
        match self.key {
            "" => String::new(),
            key => words.fill(key, &[("title", &self.title)]),
        }
    }
}

/// Everything the save form and the saved list show.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// What storage holds.
    load: SavedLoad,
    /// The save form's fields.
    pub form: Draft,
    /// The result of the last save, shown by the form.
    pub form_status: Status,
    /// The saved decision being renamed, with its draft.
    renaming: Option<(SavedId, Draft)>,
    /// The last deletion, while it can be undone.
    undo: Option<Undo>,
    /// The result of the last change to the list, shown by the list.
    status: Status,
    /// Whether the list is unfolded.
    open: bool,
    /// The saved decision whose Rename button takes focus after renaming
    /// or undoing.
    after_edit: Option<SavedId>,
    /// Raised whenever focus must move because a control went away.
    refocus: u32,
}

/// Everything that changes the saved decisions' state.
pub enum SavedAction {
    /// Storage was read.
    Loaded(SavedLoad),
    /// The save form's fields changed.
    EditForm(Draft),
    /// A decision was saved.
    Saved { list: SavedList, status: Status },
    /// A change to the list was written; `undo` holds what it removed.
    Written {
        list: SavedList,
        undo: Option<Undo>,
        status: Status,
    },
    /// A save or change could not be written; storage as it is now.
    Failed {
        load: SavedLoad,
        status: Status,
        from_form: bool,
    },
    /// The list was folded or unfolded.
    Toggle(bool),
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

impl Reducible for Saved {
    type Action = SavedAction;

    fn reduce(self: Rc<Self>, action: SavedAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SavedAction::Loaded(load) => next.load = load,
            SavedAction::EditForm(form) => next.form = form,
            SavedAction::Saved { list, status } => {
                next.load = SavedLoad::Ready(list);
                next.form_status = status;
                // What the reader typed is kept until the save succeeds;
                // then the list opens on what they saved.
                next.form = Draft::default();
                next.open = true;
            }
            SavedAction::Written { list, undo, status } => {
                next.load = SavedLoad::Ready(list);
                next.undo = undo;
                next.status = status;
            }
            SavedAction::Failed {
                load,
                status,
                from_form,
            } => {
                next.load = load;
                match from_form {
                    true => next.form_status = status,
                    false => next.status = status,
                }
            }
            SavedAction::Toggle(open) => next.open = open,
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

impl Saved {
    /// The key of the word that says why nothing can be saved, if so.
    pub fn problem(&self) -> Option<&'static str> {
        match &self.load {
            SavedLoad::Ready(_) => None,
            SavedLoad::Problem(p) => Some(p.word()),
            SavedLoad::Unavailable => Some("storage-blocked"),
        }
    }
}

/// The saved decisions' state, read from storage once mounted (rather than
/// while rendering, so that the first render matches the markup
/// prerendered without it).
#[hook]
pub fn use_saved() -> UseReducerHandle<Saved> {
    let saved = use_reducer(|| Saved {
        load: SavedLoad::Ready(SavedList::default()),
        form: Draft::default(),
        form_status: Status::default(),
        renaming: None,
        undo: None,
        status: Status::default(),
        open: false,
        after_edit: None,
        refocus: 0,
    });
    {
        let dispatcher = saved.dispatcher();
        use_effect_with((), move |_| dispatcher.dispatch(SavedAction::Loaded(web::load_saved())));
    }
    saved
}

/// The value of the input or text area an input event came from.
pub fn input_value(event: &InputEvent) -> String {
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

/// The title of the outcome `id` names in `flow`.
pub fn outcome_title(flow: &Flow, id: Option<&str>, words: &Words) -> String {
    id.and_then(|id| flow.find(id))
        .and_then(|ix| flow.node(ix).outcome())
        .map(|o| o.title.clone())
        .unwrap_or_else(|| words.get("no-recommendation").to_owned())
}

/// A change to the stored list; `Some` when it removed something to undo.
pub type Change = Box<dyn FnOnce(&mut SavedList) -> Result<Option<Undo>, StoreProblem>>;

/// Applies a change to storage (re-reading it first, as another tab or
/// widget may have changed it) and reports the result as an action:
/// `done` on success, the failure otherwise.
pub fn write(saved: &UseReducerDispatcher<Saved>, change: Change, done: Status, from_form: bool) {
    saved.dispatch(match web::update_saved(change) {
        Ok((list, _)) if from_form => SavedAction::Saved { list, status: done },
        Ok((list, undo)) => SavedAction::Written {
            list,
            undo,
            status: done,
        },
        Err(failure) => SavedAction::Failed {
            load: web::load_saved(),
            status: Status::new(failure.word(), String::new()),
            from_form,
        },
    });
}

/// Properties of [`SavedPanel`].
#[derive(Properties, PartialEq)]
pub struct SavedPanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The widget's words.
    pub words: Rc<Words>,
    /// The saved decisions' state.
    pub saved: UseReducerHandle<Saved>,
    /// Opens a saved decision by its link fragment.
    pub on_open: Callback<AttrValue>,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
}

/// The decisions saved before, folded under their count, with what became
/// of the last change to them. Nothing at all when there is nothing to
/// show.
#[component]
pub fn SavedPanel(props: &SavedPanelProps) -> Html {
    let saved = &props.saved;
    let words = &props.words;
    // Where focus goes when a change removes the control that had it: the
    // rename form's title field, the Undo button, or a saved item's Rename
    // button.
    let refocus = use_node_ref();
    use_focus_on_request(refocus.clone(), saved.refocus);
    let dispatcher = saved.dispatcher();

    let items: Vec<SavedDecision> = match &saved.load {
        SavedLoad::Ready(list) => list.for_flow(props.flow.id()).cloned().collect(),
        _ => Vec::new(),
    };
    // Data this widget cannot read stays where it is, and the reader is
    // told why their list is not shown; blocked storage is said where
    // they try to save.
    let problem = match &saved.load {
        SavedLoad::Problem(p) => Some(words.get(p.word())),
        _ => None,
    };
    let status = saved.status.text(words);
    if items.is_empty() && problem.is_none() && status.is_empty() {
        return Html::default();
    }

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
                    Status::new("deleted", name.clone()),
                    false,
                );
                dispatcher.dispatch(SavedAction::Refocus);
            })
        };
        let takes_focus =
            saved.renaming.is_none() && saved.undo.is_none() && saved.after_edit.as_ref() == Some(&item.id);
        let rename_ref = if takes_focus {
            refocus.clone()
        } else {
            NodeRef::default()
        };
        let meta = words.fill(
            "saved-meta",
            &[
                (
                    "outcome",
                    &outcome_title(&props.flow, item.outcome.as_ref().map(|o| o.as_str()), words),
                ),
                ("date", &web::local_date(item.saved_at, words.lang())),
            ],
        );
        let renaming = saved
            .renaming
            .as_ref()
            .filter(|(id, _)| *id == item.id)
            .map(|(_, d)| d.clone());
        let name = |key: &str| words.fill(key, &[("title", &item.title)]);
        html! {
            <li class="dw-saved-item" key={item.id.as_str().to_owned()}>
                if let Some(draft) = renaming {
                    { rename_form(&props.prefix, &item.id, draft, &dispatcher, &refocus, words) }
                } else {
                    <p class="dw-saved-title" dir="auto"><strong>{ &item.title }</strong></p>
                    <p class="dw-saved-meta">{ meta }</p>
                    if !item.note.is_empty() {
                        <p class="dw-saved-note" dir="auto">{ &item.note }</p>
                    }
                    <div class="dw-actions">
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={name("open-item")} onclick={open}>{ words.get("open") }</button>
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={name("rename-item")} onclick={start_rename} ref={rename_ref}>{ words.get("rename") }</button>
                        <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={name("delete-item")} onclick={delete}>{ words.get("delete") }</button>
                    </div>
                }
            </li>
        }
    };

    let undo_button = saved.undo.as_ref().map(|u| {
        let target = if saved.renaming.is_none() { refocus.clone() } else { NodeRef::default() };
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
                Status::new("restored", name),
                false,
            );
            dispatcher.dispatch(SavedAction::FocusItem(id));
        });
        html! { <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" {onclick} ref={target}>{ words.get("undo") }</button> }
    });
    let ontoggle = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |event: Event| {
            use wasm_bindgen::JsCast;
            if let Some(details) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                dispatcher.dispatch(SavedAction::Toggle(details.open()));
            }
        })
    };
    let count = u32::try_from(items.len()).unwrap_or(u32::MAX);

    html! {
        <div class="dw-saved">
            if let Some(problem) = problem {
                <p class="dw-notice">{ problem }</p>
            }
            if !items.is_empty() {
                <details class="dw-fold dw-saved-fold" open={saved.open} {ontoggle}>
                    <summary>{ words.count("saved-count", count, &[]) }</summary>
                    <ul class="dw-saved-list">{ for items.iter().map(item_view) }</ul>
                </details>
            }
            <p class="dw-status" role="status">
                { status }
                if let Some(undo) = undo_button { { " " }{ undo } }
            </p>
        </div>
    }
}

/// The inline form that renames a saved decision.
fn rename_form(
    prefix: &AttrValue,
    id: &SavedId,
    draft: Draft,
    dispatcher: &UseReducerDispatcher<Saved>,
    refocus: &NodeRef,
    words: &Words,
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
                Status::new("renamed", name),
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
            <label class="dw-field" for={title_id.clone()}>{ words.get("title") }</label>
            <input id={title_id} class="dw-input" type="text" maxlength="120" dir="auto" value={draft.title.clone()} oninput={edit(true)} ref={refocus.clone()} />
            <label class="dw-field" for={note_id.clone()}>{ words.get("note") }</label>
            <textarea id={note_id} class="dw-input dw-textarea" rows="2" maxlength="2000" dir="auto" value={draft.note.clone()} oninput={edit(false)} />
            <div class="dw-actions">
                <button type="submit" class="dw-btn dw-btn-small">{ words.get("save-changes") }</button>
                <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" onclick={cancel}>{ words.get("cancel") }</button>
            </div>
        </form>
    }
}
