//! Export the decision: copy or download it as Markdown, JSON, plain text,
//! an SVG of the chart or Mermaid source, or print it.
//!
//! The exports are written by the engine's tools, a WebAssembly of their
//! own that the host's `exporter` loads when the reader first reaches for
//! this panel, so the widget a reader loads does not carry them.

use std::rc::Rc;

use serde::Serialize;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::Flow;
use crate::web;

/// Properties of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The share-link code of this decision.
    pub code: AttrValue,
    /// The share URL of this decision.
    pub link: AttrValue,
    /// The article's URL, for links to its sections.
    pub page: AttrValue,
    /// Writes an export: `(format, code, options) => Promise<string>`, from
    /// `embed.js`; called with no arguments it only loads what it needs.
    pub exporter: Option<js_sys::Function>,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
}

/// What the exporter needs besides the format and the decision.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportOptions {
    link: String,
    page_url: String,
    date: String,
}

/// The formats offered, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Markdown,
    Json,
    Text,
    Svg,
    Mermaid,
}

impl Format {
    const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Json,
        Format::Text,
        Format::Svg,
        Format::Mermaid,
    ];

    fn name(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Text => "Plain text",
            Format::Svg => "Flowchart SVG",
            Format::Mermaid => "Mermaid",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Format::Markdown => "a decision record for a design doc or pull request",
            Format::Json => "the decision as data",
            Format::Text => "a short message for chat",
            Format::Svg => "the chart with your path",
            Format::Mermaid => "the flow as diagram source",
        }
    }

    fn file_suffix(self) -> &'static str {
        match self {
            Format::Markdown => "-decision.md",
            Format::Json => "-decision.json",
            Format::Text => "-decision.txt",
            Format::Svg => "-flowchart.svg",
            Format::Mermaid => "-flowchart.mmd",
        }
    }

    fn mime(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
            Format::Text | Format::Mermaid => "text/plain;charset=utf-8",
            Format::Svg => "image/svg+xml;charset=utf-8",
        }
    }

    /// The format's name for the exporter.
    fn id(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Text => "text",
            Format::Svg => "svg",
            Format::Mermaid => "mermaid",
        }
    }
}

/// Copy / Download per format, Print, and an announced confirmation. When
/// the clipboard is refused, the text appears selected in a field instead.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let status = use_state(String::new);
    // The refused format and text, and a count of refusals so that each
    // one selects the field again.
    let manual = use_state(|| None::<(Format, String)>);
    let refusals = use_state(|| 0u32);
    let field = use_node_ref();
    super::hooks::use_select_after_refusal(&field, *refusals);

    // The export as the engine's tools write it, or `None` (and a word to
    // the reader) when they cannot be loaded.
    let render = {
        let (exporter, code) = (props.exporter.clone(), props.code.clone());
        let options = ExportOptions {
            link: props.link.to_string(),
            page_url: props.page.to_string(),
            date: String::new(),
        };
        let status = status.clone();
        Rc::new(move |format: Format| {
            let (exporter, code, status) = (exporter.clone(), code.clone(), status.clone());
            let options = ExportOptions {
                date: web::today_iso(),
                ..options.clone()
            };
            async move {
                let text = web::request_export(exporter.as_ref(), format.id(), &code, &options).await;
                if text.is_none() {
                    status.set(String::from(
                        "The export could not be made: its code did not load. Check your connection and try again.",
                    ));
                }
                text
            }
        })
    };
    let prepare = {
        let exporter = props.exporter.clone();
        Callback::from(move |_: FocusEvent| web::prepare_export(exporter.as_ref()))
    };
    let prepare_on_pointer = {
        let exporter = props.exporter.clone();
        Callback::from(move |_: PointerEvent| web::prepare_export(exporter.as_ref()))
    };

    let row = |format: Format| {
        let copy = {
            let render = Rc::clone(&render);
            let (status, manual, refusals) = (status.clone(), manual.clone(), refusals.clone());
            Callback::from(move |_: MouseEvent| {
                let (status, manual, refusals) = (status.clone(), manual.clone(), refusals.clone());
                let text = render(format);
                spawn_local(async move {
                    let Some(text) = text.await else { return };
                    if web::copy_text(&text).await {
                        manual.set(None);
                        status.set(format!("{} copied to the clipboard.", format.name()));
                    } else {
                        status.set(format!(
                            "Your browser did not allow copying. The {} is selected below: copy it with Ctrl+C or ⌘C.",
                            format.name()
                        ));
                        manual.set(Some((format, text)));
                        refusals.set(refusals.wrapping_add(1));
                    }
                });
            })
        };
        let download = {
            let render = Rc::clone(&render);
            let (status, name) = (status.clone(), format!("{}{}", props.flow.id(), format.file_suffix()));
            Callback::from(move |_: MouseEvent| {
                let (status, name, text) = (status.clone(), name.clone(), render(format));
                spawn_local(async move {
                    let Some(text) = text.await else { return };
                    status.set(if web::download(&name, format.mime(), &text) {
                        format!("{} downloaded as {name}.", format.name())
                    } else {
                        String::from("Your browser did not allow the download; use Copy instead.")
                    });
                });
            })
        };
        let copy_label = String::from("Copy ") + format.name();
        let download_label = String::from("Download ") + format.name();
        html! {
            <li class="dw-export-row">
                <span class="dw-export-name"><strong>{ format.name() }</strong>{ " — " }{ format.hint() }</span>
                <span class="dw-actions">
                    <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={copy_label} onclick={copy}>{ "Copy" }</button>
                    <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={download_label} onclick={download}>{ "Download" }</button>
                </span>
            </li>
        }
    };
    let print = Callback::from(|_: MouseEvent| web::print());
    let field_id = props.prefix.to_string() + "export-field";

    html! {
        <div class="dw-export">
            <ul class="dw-export-list" onfocusin={prepare} onpointerenter={prepare_on_pointer}>{ for Format::ALL.into_iter().map(row) }</ul>
            <div class="dw-actions">
                <button type="button" class="dw-btn dw-btn-quiet" onclick={print}>{ "Print" }</button>
            </div>
            if let Some((format, text)) = &*manual {
                <label class="dw-field" for={field_id.clone()}>{ format.name() }</label>
                <textarea id={field_id} class="dw-input dw-textarea" readonly=true rows="8" value={text.clone()} ref={field} />
            }
            <p class="dw-status" role="status">{ (*status).clone() }</p>
        </div>
    }
}
