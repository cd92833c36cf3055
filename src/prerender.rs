//! Prerendering: the widget rendered to HTML and put into a page, so the
//! first question and the flowchart are on screen before the WebAssembly
//! arrives, and the whole flow can be read without JavaScript.
//!
//! In a page, `<!-- decision-widget:prerender -->` inside a
//! `<decision-widget>` element becomes a declarative shadow root holding
//! the widget's stylesheets and its markup at the start of the element's
//! flow; `embed.js` hydrates it when its wasm comes from the same sources
//! (`data-fingerprint`, see `build.rs`) and the flow is the same file
//! (`data-flow`). `<!-- decision-widget:text -->` becomes a `<noscript>`
//! outline of the flow of the widget before it, linking each reason to its
//! article section when the page has one.
//!
//! Both speak the language the widget will speak on that page: the
//! element's `lang`, else the flow's, else the page's (`<html lang>`), as
//! `embed.js` chooses it. The markup records it (`data-lang`), and the
//! element hydrates it only in that language.

use std::rc::Rc;

use dw_intl::languages::table_for;
use dw_engine::words::{Table, Words};
use dw_engine::{outline, Flow, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};
use dw_widget::ui::{flow_fingerprint, Widget, WidgetProps, MARKUP_FINGERPRINT};

/// Where the widget's markup goes, inside a `<decision-widget>`.
pub const WIDGET_MARK: &str = "<!-- decision-widget:prerender -->";
/// Where the outline for readers without JavaScript goes.
pub const TEXT_MARK: &str = "<!-- decision-widget:text -->";
/// Stylesheets of the widget's shadow root, as `embed.js` loads them.
const STYLESHEETS: [&str; 2] = ["isolation.css", "widget.css"];

/// The flow of one `<decision-widget>` in a page.
pub struct PageFlow {
    /// The element's `flow` attribute: a built-in id, or a flow file's URL.
    pub attribute: String,
    /// The flow file's text.
    pub text: String,
}

/// Puts the widget and the outline into `html` where its marks are. Each
/// widget mark takes the flow of the `<decision-widget>` it sits in, read
/// by `flow_of` from the element's `flow` attribute (the built-in flow when
/// it has none); each text mark, the flow of the widget before it.
pub fn prerender(html: &str, flow_of: &dyn Fn(Option<&str>) -> Result<PageFlow, String>) -> Result<String, String> {
    if !html.contains(WIDGET_MARK) && !html.contains(TEXT_MARK) {
        return Err(format!("it has neither a `{WIDGET_MARK}` nor a `{TEXT_MARK}` mark"));
    }
    let mut out = String::with_capacity(html.len() * 4);
    let mut rest = html;
    let page_lang = html
        .find("<html")
        .and_then(|at| attribute(&html[at..at + html[at..].find('>')?], "lang"));
    let mut last_flow: Option<(Rc<Flow>, Option<Rc<Table>>)> = None;
    loop {
        let next = [WIDGET_MARK, TEXT_MARK]
            .into_iter()
            .filter_map(|mark| rest.find(mark).map(|at| (at, mark)))
            .min();
        let Some((at, mark)) = next else {
            out.push_str(rest);
            return Ok(out);
        };
        let before = &html[..html.len() - rest.len() + at];
        out.push_str(&rest[..at]);
        rest = &rest[at + mark.len()..];
        if mark == WIDGET_MARK {
            let tag = widget_tag(before).ok_or("a widget mark is not inside a <decision-widget> element")?;
            let source = flow_of(attribute(tag, "flow").as_deref())?;
            let flow = Flow::from_json(&source.text)
                .map_err(|e| format!("its flow {} is not valid:\n{e}", source.attribute))?;
            let flow = Rc::new(flow);
            let lang = attribute(tag, "lang")
                .or_else(|| flow.lang().map(str::to_owned))
                .or_else(|| page_lang.clone());
            let table = lang.as_deref().and_then(table_for);
            out.push_str(&shadow_root(&flow, table.clone(), &source));
            last_flow = Some((flow, table));
        } else {
            let (flow, table) = match &last_flow {
                Some((flow, table)) => (Rc::clone(flow), table.clone()),
                None => {
                    let source = flow_of(None)?;
                    let flow = Rc::new(Flow::from_json(&source.text).map_err(|e| e.to_string())?);
                    let lang = flow.lang().map(str::to_owned).or_else(|| page_lang.clone());
                    let table = lang.as_deref().and_then(table_for);
                    last_flow = Some((Rc::clone(&flow), table.clone()));
                    (flow, table)
                }
            };
            let words = Words::new(table, dw_intl::RULES).with_flow(&flow);
            let text = outline::html(&flow, &words, "flow-", &|id| heading_text(html, id));
            out.push_str(&format!("<noscript>\n{text}</noscript>"));
        }
    }
}

/// The start tag of the `<decision-widget>` element that the end of
/// `before` is inside, or `None` when it is in no such element.
fn widget_tag(before: &str) -> Option<&str> {
    let start = before.rfind("<decision-widget")?;
    if before[start..].contains("</decision-widget>") {
        return None;
    }
    let tag_end = start + before[start..].find('>')?;
    Some(&before[start..tag_end])
}

/// The value of the attribute `name` in the start tag `tag`, if it has it.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}="))?;
    let value = &tag[at + name.len() + 2..];
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
    let value = match quote {
        Some(q) => value[1..].split(q).next().unwrap_or_default(),
        None => value.split_whitespace().next().unwrap_or_default(),
    };
    Some(html_unescape(value))
}

/// The few character references an attribute value holding a URL may use.
fn html_unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The widget at the start of `flow`, in the language of `table` (English
/// for `None`), as hydratable HTML.
pub fn render(flow: &Rc<Flow>, table: Option<Rc<Table>>) -> String {
    let props = WidgetProps {
        table,
        ..WidgetProps::new(Ok(Rc::clone(flow)))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime starts");
    runtime.block_on(yew::LocalServerRenderer::<Widget>::with_props(props).render())
}

/// The declarative shadow root the `<decision-widget>` element takes over.
fn shadow_root(flow: &Rc<Flow>, table: Option<Rc<Table>>, source: &PageFlow) -> String {
    let mut out = String::from("<template shadowrootmode=\"open\">");
    for sheet in STYLESHEETS {
        out.push_str(&format!("<link rel=\"stylesheet\" href=\"{sheet}\">"));
    }
    out.push_str(&format!(
        "<div class=\"dw-root\" data-prerendered=\"{}\" data-fingerprint=\"{MARKUP_FINGERPRINT}\" data-flow=\"{}\" data-lang=\"{}\">",
        dw_engine::export::xml(&source.attribute),
        flow_fingerprint(&source.text),
        table.as_ref().map_or("en", |t| t.lang.as_str()),
    ));
    out.push_str(&render(flow, table));
    out.push_str("</div></template>");
    out
}

/// The built-in flow, as a page flow.
pub fn builtin() -> PageFlow {
    PageFlow {
        attribute: BUILTIN_FLOW_ID.to_owned(),
        text: BUILTIN_FLOW_JSON.to_owned(),
    }
}

/// The text of the element with `id="{id}"` in `html`, tags dropped and
/// spaces collapsed: the article's title for a section anchor.
fn heading_text(html: &str, id: &str) -> Option<String> {
    let at = html.find(&format!(" id=\"{id}\""))?;
    let start = at + html[at..].find('>')? + 1;
    let end = start + html[start..].find("</")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}
