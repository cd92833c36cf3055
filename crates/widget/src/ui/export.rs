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

use crate::web;
use dw_engine::words::Words;
use dw_engine::Flow;

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

/// What the panel shows after an export: the sentence for the reader, and
/// the text to copy by hand when the clipboard was refused.
#[derive(Debug, Clone, Default, PartialEq)]
struct Done {
    /// The announced sentence.
    status: String,
    /// The refused format and its text, shown selected in a field.
    manual: Option<(Format, String)>,
    /// How many copies were refused, so that each one selects the field
    /// again.
    refusals: u32,
}

/// Copy / Download per format, Print, and an announced confirmation. When
/// the clipboard is refused, the text appears selected in a field instead.
#[component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let words = &props.words;
    let done = use_state(Done::default);
    let field = use_node_ref();
    super::hooks::use_select_after_refusal(&field, done.refusals);

    // Writes `format` with the engine's tools, then copies or downloads it;
    // one task for every button, so the panel carries one state machine.
    let act = {
        let (exporter, code, done) = (props.exporter.clone(), props.code.clone(), done.clone());
        let options = ExportOptions {
            link: props.link.to_string(),
            page_url: props.page.to_string(),
            date: String::new(),
        };
        let (words, file_stem) = (Rc::clone(words), props.flow.id().to_string());
        Rc::new(move |format: Format, download: bool| {
            let (exporter, code, done, words) = (exporter.clone(), code.clone(), done.clone(), Rc::clone(&words));
            let options = ExportOptions {
                date: web::today_iso(),
                ..options.clone()
            };
            let file = format!("{file_stem}{}", format.file_suffix());
            spawn_local(async move {
                let name = words.get(format.name());
                let Some(text) = web::request_export(exporter.as_ref(), format.id(), &code, &options).await else {
                    done.set(Done {
                        status: words.get("export-failed").to_owned(),
                        ..(*done).clone()
                    });
                    return;
                };
                let next = if download {
                    let key = if web::download(&file, format.mime(), &text) {
                        "export-downloaded"
                    } else {
                        "download-refused"
                    };
                    Done {
                        status: words.fill(key, &[("format", name), ("file", &file)]),
                        ..(*done).clone()
                    }
                } else if web::copy_text(&text).await {
                    Done {
                        status: words.fill("export-copied", &[("format", name)]),
                        manual: None,
                        ..(*done).clone()
                    }
                } else {
                    Done {
                        status: words.get("export-copy-refused").to_owned(),
                        manual: Some((format, text)),
                        refusals: done.refusals.wrapping_add(1),
                    }
                };
                done.set(next);
            });
        })
    };

    let row = |format: Format| {
        let name = words.get(format.name());
        let button = |download: bool| {
            let act = Rc::clone(&act);
            Callback::from(move |_: MouseEvent| act(format, download))
        };
        html! {
            <li class="dw-export-row">
                <span class="dw-export-name"><strong>{ name }</strong>{ " — " }{ words.get(format.hint()) }</span>
                <span class="dw-actions">
                    <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={words.fill("copy-format", &[("format", name)])} onclick={button(false)}>{ words.get("copy") }</button>
                    <button type="button" class="dw-btn dw-btn-quiet dw-btn-small" aria-label={words.fill("download-format", &[("format", name)])} onclick={button(true)}>{ words.get("download") }</button>
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
            if let Some((format, text)) = &done.manual {
                <label class="dw-field" for={field_id.clone()}>{ words.get(format.name()) }</label>
                <textarea id={field_id} class="dw-input dw-textarea" readonly=true rows="8" dir="auto" value={text.clone()} ref={field} />
            }
            <p class="dw-status" role="status">{ done.status.clone() }</p>
        </div>
    }
}
