//! Export the decision: copy or download it as Markdown, JSON, plain text,
//! an SVG of the chart or Mermaid source, or print it.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::engine::export::{self, ExportContext};
use crate::engine::words::Words;
use crate::engine::{Flow, Walk};
use crate::web;

/// Properties of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The flow.
    pub flow: Rc<Flow>,
    /// The reader's path.
    pub walk: Rc<Walk>,
    /// The widget's words.
    pub words: Rc<Words>,
    /// The share URL of this decision.
    pub link: AttrValue,
    /// The article's URL, for links to its sections.
    pub page: AttrValue,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
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

    fn render(self, flow: &Flow, walk: &Walk, words: &Words, link: &str, page: &str) -> String {
        let date = web::today_iso();
        let ctx = ExportContext {
            link,
            page_url: page,
            date: &date,
            words,
        };
        match self {
            Format::Markdown => export::markdown(flow, walk, &ctx),
            Format::Json => {
                let summary = crate::engine::summary::Summary::new(flow, walk, link.to_owned());
                web::export_json(&export::document(flow, walk, &ctx, &summary)).unwrap_or_default()
            }
            Format::Text => export::plain_text(flow, walk, &ctx),
            Format::Svg => export::svg(flow, walk, &ctx),
            Format::Mermaid => export::mermaid(flow, walk, &ctx),
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

    let row = |format: Format| {
        let copy = {
            let (flow, walk, words, link, page) = (
                Rc::clone(&props.flow),
                Rc::clone(&props.walk),
                Rc::clone(&props.words),
                props.link.clone(),
                props.page.clone(),
            );
            let (status, manual, refusals) = (status.clone(), manual.clone(), refusals.clone());
            Callback::from(move |_: MouseEvent| {
                let text = format.render(&flow, &walk, &words, &link, &page);
                let (status, manual, refusals) = (status.clone(), manual.clone(), refusals.clone());
                spawn_local(async move {
                    if web::copy_text(&text).await {
                        manual.set(None);
                        status.set(String::from(format.name()) + " copied to the clipboard.");
                    } else {
                        status.set(
                            String::from("Your browser did not allow copying. The ")
                                + format.name()
                                + " is selected below: copy it with Ctrl+C or ⌘C.",
                        );
                        manual.set(Some((format, text)));
                        refusals.set(refusals.wrapping_add(1));
                    }
                });
            })
        };
        let download = {
            let (flow, walk, words, link, page) = (
                Rc::clone(&props.flow),
                Rc::clone(&props.walk),
                Rc::clone(&props.words),
                props.link.clone(),
                props.page.clone(),
            );
            let status = status.clone();
            Callback::from(move |_: MouseEvent| {
                let name = String::from(flow.id().as_str()) + format.file_suffix();
                let text = format.render(&flow, &walk, &words, &link, &page);
                status.set(if web::download(&name, format.mime(), &text) {
                    String::from(format.name()) + " downloaded as " + &name + "."
                } else {
                    String::from("Your browser did not allow the download; use Copy instead.")
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
            <ul class="dw-export-list">{ for Format::ALL.into_iter().map(row) }</ul>
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
