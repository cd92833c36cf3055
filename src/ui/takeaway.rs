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
use crate::engine::words::Words;
use crate::engine::{Flow, Walk};
use crate::web;

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

/// Copy link, Share…, Save and Export.
#[component]
pub fn Takeaway(props: &TakeawayProps) -> Html {
    let words = &props.words;
    let status = use_state(|| "");
    // How many copies were refused in a row; the link's field shows while > 0.
    let manual = use_state(|| 0u32);
    let field = use_node_ref();
    let can_share = use_memo((), |_| web::can_share());
    let open = use_state(|| None::<Panel>);
    let save_button = use_node_ref();
    let export_button = use_node_ref();
    let title_field = use_node_ref();

    // When copying fails, select the link in its field for a manual copy.
    super::hooks::use_select_after_refusal(&field, *manual);
    // Opening Save takes the reader to its first field.
    {
        let title_field = title_field.clone();
        use_effect_with(*open, move |open| {
            if *open == Some(Panel::Save) {
                web::focus(&title_field);
            }
        });
    }

    let copy = {
        let (link, status, manual) = (props.link.clone(), status.clone(), manual.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, status, manual) = (link.clone(), status.clone(), manual.clone());
            let refused = manual.wrapping_add(1);
            spawn_local(async move {
                if web::copy_text(&link).await {
                    manual.set(0);
                    status.set("link-copied");
                } else {
                    manual.set(refused);
                    status.set("link-copy-refused");
                }
            });
        })
    };
    let share = {
        let (link, title, status) = (props.link.clone(), props.flow.title().to_owned(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, title, status) = (link.clone(), title.clone(), status.clone());
            spawn_local(async move {
                if web::share(&title, &title, &link).await {
                    status.set("shared");
                }
            });
        })
    };
    let toggle = |panel: Panel| {
        let (open, exporter) = (open.clone(), props.exporter.clone());
        Callback::from(move |_: MouseEvent| {
            if *open == Some(panel) {
                open.set(None);
            } else {
                if panel == Panel::Export {
                    web::prepare_export(exporter.as_ref());
                }
                open.set(Some(panel));
            }
        })
    };
    let close_on_escape = |button: &NodeRef| {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.stop_propagation();
                open.set(None);
                web::focus(&button);
            }
        })
    };
    let id = |name: &str| AttrValue::from(format!("{}{name}", props.prefix));
    let expanded = |panel: Panel| (*open == Some(panel)).to_string();
    // A button names the panel it opens only while that panel is there.
    let controls = |panel: Panel, name: &str| (*open == Some(panel)).then(|| id(name));
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
            if *manual > 0 {
                <label class="dw-field" for={field_id.clone()}>{ words.get("link-field") }</label>
                <input id={field_id} class="dw-input" type="text" readonly=true dir="ltr" value={props.link.clone()} ref={field} />
            }
            <p class="dw-status" role="status">{ if status.is_empty() { "" } else { words.get(*status) } }</p>
            if *open == Some(Panel::Save) {
                <div class="dw-panel" id={id("save-panel")} onkeydown={close_on_escape(&save_button)}>
                    { save_form(&props.flow, &props.walk, words, &props.code, &props.saved, &title_field, &props.prefix) }
                </div>
            }
            if *open == Some(Panel::Export) {
                <div class="dw-panel" id={id("export-panel")} onkeydown={close_on_escape(&export_button)}>
                    <ExportPanel flow={Rc::clone(&props.flow)} words={Rc::clone(words)} code={props.code.clone()} link={props.link.clone()}
                        page={props.page.clone()} exporter={props.exporter.clone()} prefix={props.prefix.clone()} />
                </div>
            }
        </div>
    }
}
