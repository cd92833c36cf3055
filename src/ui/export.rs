//! Export the decision: copy or download it as Markdown, JSON, plain text,
//! an SVG of the chart or Mermaid source, or print it.
//!
//! The exports are written by the engine's tools, a WebAssembly of their
//! own that the host's `exporter` loads when the reader opens this panel
//! (`ui::takeaway`), so the widget a reader loads does not carry them.

use std::rc::Rc;

use serde::Serialize;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::words::Words;
use crate::engine::Flow;
use crate::web;

/// Properties of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The widget's words: the panel's, and the exports' own headings.
    pub words: Rc<Words>,
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

/// What the exporter needs besides the format and the decision. (It
/// knows the reader's language from the element: `embed.js` gives the
/// engine's tools the table it loaded for the widget.)
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

    /// The key of the format's name among the widget's words.
    fn name(self) -> &'static str {
        match self {
            Format::Markdown => "format-markdown",
            Format::Json => "format-json",
            Format::Text => "format-text",
            Format::Svg => "format-svg",
            Format::Mermaid => "format-mermaid",
        }
    }

    /// The key of what the format is for.
    fn hint(self) -> &'static str {
        match self {
            Format::Markdown => "hint-markdown",
            Format::Json => "hint-json",
            Format::Text => "hint-text",
            Format::Svg => "hint-svg",
            Format::Mermaid => "hint-mermaid",
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
    let words = &props.words;
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
        let (status, failed) = (status.clone(), words.get("export-failed").to_owned());
        Rc::new(move |format: Format| {
            let (exporter, code, status, failed) = (exporter.clone(), code.clone(), status.clone(), failed.clone());
            let options = ExportOptions {
                date: web::today_iso(),
                ..options.clone()
            };
            async move {
                let text = web::request_export(exporter.as_ref(), format.id(), &code, &options).await;
                if text.is_none() {
                    status.set(failed);
                }
                text
            }
        })
    };

    let row = |format: Format| {
        let name = words.get(format.name());
        let copy = {
            let render = Rc::clone(&render);
            let (status, manual, refusals) = (status.clone(), manual.clone(), refusals.clone());
            let copied = words.fill("export-copied", &[("format", name)]);
            let refused = words.get("export-copy-refused").to_owned();
            Callback::from(move |_: MouseEvent| {
                let (status, manual, refusals) = (status.clone(), manual.clone(), refusals.clone());
                let (copied, refused) = (copied.clone(), refused.clone());
                let text = render(format);
                spawn_local(async move {
                    let Some(text) = text.await else { return };
                    if web::copy_text(&text).await {
                        manual.set(None);
                        status.set(copied);
                    } else {
                        status.set(refused);
                        manual.set(Some((format, text)));
                        refusals.set(refusals.wrapping_add(1));
                    }
                });
            })
        };
        let download = {
            let render = Rc::clone(&render);
            let file = format!("{}{}", props.flow.id(), format.file_suffix());
            let done = words.fill("export-downloaded", &[("format", name), ("file", &file)]);
            let refused = words.get("download-refused").to_owned();
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                let (status, file, text) = (status.clone(), file.clone(), render(format));
                let (done, refused) = (done.clone(), refused.clone());
                spawn_local(async move {
                    let Some(text) = text.await else { return };
                    status.set(match web::download(&file, format.mime(), &text) {
                        true => done,
                        false => refused,
                    });
                });
            })
        };
        html! {
            <li class="dw-export-row">
                <span class="dw-export-name"><strong>{ name }</strong>{ " — " }{ words.get(format.hint()) }</span>
                <span class="dw-actions">
                    <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={words.fill("copy-format", &[("format", name)])} onclick={copy}>{ words.get("copy") }</button>
                    <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={words.fill("download-format", &[("format", name)])} onclick={download}>{ words.get("download") }</button>
                </span>
            </li>
        }
    };
    let print = Callback::from(|_: MouseEvent| web::print());
    let field_id = props.prefix.to_string() + "export-field";

    html! {
        <div class="dw-export">
            <ul class="dw-export-list">{ for Format::ALL.into_iter().map(row) }</ul>
            <div class="dw-actions">
                <button type="button" class="dw-btn dw-btn-quiet" onclick={print}>{ words.get("print") }</button>
            </div>
            if let Some((format, text)) = &*manual {
                <label class="dw-field" for={field_id.clone()}>{ words.get(format.name()) }</label>
                <textarea id={field_id} class="dw-input dw-textarea" readonly=true rows="8" dir="auto" value={text.clone()} ref={field} />
            }
            <p class="dw-status" role="status">{ (*status).clone() }</p>
        </div>
    }
}
