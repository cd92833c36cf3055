//! What the reader takes away from a recommendation, in one row: "Copy
//! link" (the link that reopens this decision, with a selected field to
//! copy by hand when the browser refuses the clipboard), "Share…" where the
//! browser has a share sheet, and "Save" and "Export", which each open
//! their panel below the row, one at a time.
//!
//! The two are disclosure buttons (`aria-expanded`): focus stays on the
//! button, except that opening Save moves it to the title field, where the
//! reader is going; Escape inside a panel closes it and returns focus to
//! its button. Opening Export loads the engine's tools at once, ahead of
//! the reader's first click on a format.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::export::ExportPanel;
use super::save_form::save_form;
use super::saved::Saved;
use crate::web;
use dw_engine::words::Words;
use dw_engine::{Flow, Walk};

/// Properties of [`Takeaway`].
#[derive(Properties, PartialEq)]
pub struct TakeawayProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path; its position is an outcome.
    pub walk: Rc<Walk>,
    /// The widget's words.
    pub words: Rc<Words>,
    /// The share-link code of this decision.
    pub code: AttrValue,
    /// The share URL of this decision.
    pub link: AttrValue,
    /// The article's URL, for the exports' links to its sections.
    pub page: AttrValue,
    /// Writes exports (see `ui::export`).
    pub exporter: Option<js_sys::Function>,
    /// The saved decisions' state.
    pub saved: UseReducerHandle<Saved>,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
}

/// The panel open below the row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Panel {
    Save,
    Export,
}

/// What the row shows: which panel is open, and what became of the last
/// copy or share.
#[derive(Debug, Clone, Default, PartialEq)]
struct Row {
    /// The open panel.
    open: Option<Panel>,
    /// The key of the word announcing the last copy or share, if any.
    status: &'static str,
    /// How many copies of the link were refused in a row; its field shows
    /// while above 0, and each refusal selects it again.
    refusals: u32,
}

/// Everything that changes the row.
enum RowAction {
    /// The link was copied (`true`) or the browser refused (`false`).
    Copied(bool),
    /// The system share sheet took the link.
    Shared,
    /// A panel's button was pressed: it opens, or closes if open.
    Toggle(Panel),
    /// Escape in a panel closes it.
    Close,
}

impl Reducible for Row {
    type Action = RowAction;

    fn reduce(self: Rc<Self>, action: RowAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            RowAction::Copied(true) => (next.status, next.refusals) = ("link-copied", 0),
            RowAction::Copied(false) => {
                (next.status, next.refusals) = ("link-copy-refused", next.refusals.wrapping_add(1));
            }
            RowAction::Shared => next.status = "shared",
            RowAction::Toggle(panel) if next.open == Some(panel) => next.open = None,
            RowAction::Toggle(panel) => next.open = Some(panel),
            RowAction::Close => next.open = None,
        }
        Rc::new(next)
    }
}

/// Copy link, Share…, Save and Export.
#[component]
pub fn Takeaway(props: &TakeawayProps) -> Html {
    let words = &props.words;
    let row = use_reducer(Row::default);
    let field = use_node_ref();
    let can_share = use_memo((), |_| web::can_share());
    let save_button = use_node_ref();
    let export_button = use_node_ref();
    let title_field = use_node_ref();

    // When copying fails, select the link in its field for a manual copy.
    super::hooks::use_select_after_refusal(&field, row.refusals);
    // Opening Save takes the reader to its first field.
    {
        let title_field = title_field.clone();
        use_effect_with(row.open, move |open| {
            if *open == Some(Panel::Save) {
                web::focus(&title_field);
            }
        });
    }

    let dispatcher = row.dispatcher();
    let copy = {
        let (link, dispatcher) = (props.link.clone(), dispatcher.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, dispatcher) = (link.clone(), dispatcher.clone());
            spawn_local(async move { dispatcher.dispatch(RowAction::Copied(web::copy_text(&link).await)) });
        })
    };
    let share = {
        let (link, title, dispatcher) = (props.link.clone(), props.flow.title().to_owned(), dispatcher.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, title, dispatcher) = (link.clone(), title.clone(), dispatcher.clone());
            spawn_local(async move {
                if web::share(&title, &title, &link).await {
                    dispatcher.dispatch(RowAction::Shared);
                }
            });
        })
    };
    let toggle = |panel: Panel| {
        let (dispatcher, exporter) = (dispatcher.clone(), props.exporter.clone());
        Callback::from(move |_: MouseEvent| {
            if panel == Panel::Export {
                web::prepare_export(exporter.as_ref());
            }
            dispatcher.dispatch(RowAction::Toggle(panel));
        })
    };
    let close_on_escape = |button: &NodeRef| {
        let (dispatcher, button) = (dispatcher.clone(), button.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.stop_propagation();
                dispatcher.dispatch(RowAction::Close);
                web::focus(&button);
            }
        })
    };
    let id = |name: &str| AttrValue::from(format!("{}{name}", props.prefix));
    let open = row.open;
    let expanded = |panel: Panel| (open == Some(panel)).to_string();
    // A button names the panel it opens only while that panel is there.
    let controls = |panel: Panel, name: &str| (open == Some(panel)).then(|| id(name));
    let field_id = id("link-field");

    html! {
        <div class="dw-takeaway">
            <div class="dw-actions">
                <button type="button" class="dw-btn" onclick={copy}>{ words.get("copy-link") }</button>
                if *can_share {
                    <button type="button" class="dw-btn dw-btn-quiet" onclick={share}>{ words.get("share") }</button>
                }
                <button type="button" class="dw-btn dw-btn-quiet dw-disclose" aria-expanded={expanded(Panel::Save)}
                    aria-controls={controls(Panel::Save, "save-panel")} onclick={toggle(Panel::Save)} ref={save_button.clone()}>{ words.get("save-toggle") }</button>
                <button type="button" class="dw-btn dw-btn-quiet dw-disclose" aria-expanded={expanded(Panel::Export)}
                    aria-controls={controls(Panel::Export, "export-panel")} onclick={toggle(Panel::Export)} ref={export_button.clone()}>{ words.get("export") }</button>
            </div>
            <div class="dw-share">
                if row.refusals > 0 {
                    <label class="dw-field" for={field_id.clone()}>{ words.get("link-field") }</label>
                    <input id={field_id} class="dw-input" type="text" readonly=true dir="ltr" value={props.link.clone()} ref={field} />
                }
                <p class="dw-status" role="status">{ if row.status.is_empty() { "" } else { words.get(row.status) } }</p>
            </div>
            if open == Some(Panel::Save) {
                <div class="dw-panel" id={id("save-panel")} onkeydown={close_on_escape(&save_button)}>
                    { save_form(&props.flow, &props.walk, words, &props.code, &props.saved, &title_field, &props.prefix) }
                </div>
            }
            if open == Some(Panel::Export) {
                <div class="dw-panel" id={id("export-panel")} onkeydown={close_on_escape(&export_button)}>
                    <ExportPanel flow={Rc::clone(&props.flow)} words={Rc::clone(words)} code={props.code.clone()} link={props.link.clone()}
                        page={props.page.clone()} exporter={props.exporter.clone()} prefix={props.prefix.clone()} />
                </div>
            }
        </div>
    }
}
