//! Prerendering: the widget rendered to HTML and put into a page, so the
//! first question and the flowchart are on screen before the WebAssembly
//! arrives, and the whole flow can be read without JavaScript.
//!
//! In a page, `<!-- decision-widget:prerender -->` inside a
//! `<decision-widget>` element becomes a declarative shadow root holding
//! the widget's stylesheets and its markup at the start of the element's
//! flow; `embed.js` hydrates it when its wasm comes from the same sources
//! (`data-fingerprint`, see `crates/widget/build.rs`) and the flow is the
//! same file (`data-flow`). `<!-- decision-widget:text -->` becomes a
//! `<noscript>` outline of the flow of the widget before it, linking each
//! reason to its article section when the page has one.
//!
//! An element's flow is its `flow` attribute (a built-in id or a flow
//! file's URL), else the flow file inline in its `<script
//! type="application/json">` child, else the built-in flow. Both marks
//! speak the language the widget will speak on that page: the element's
//! `lang`, else the flow's, else the page's (`<html lang>`), as `embed.js`
//! chooses it. The markup records it (`data-lang`), and the element
//! hydrates it only in that language.
//!
//! Pages are read by an HTML parser (lol_html), as a browser tokenizes
//! them: tag and attribute names in any case, attributes on several lines,
//! values quoted or not, every character reference. A first reading finds
//! the marks, the elements and the sections' titles; a second replaces the
//! marks and leaves every other byte of the page as it was.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use dw_engine::words::{Table, Words};
use dw_engine::{outline, Flow, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};
use dw_intl::languages::table_for;
use dw_widget::ui::{flow_fingerprint, Widget, WidgetProps, MARKUP_FINGERPRINT};
use lol_html::html_content::{Comment, ContentType, Element, TextChunk, TextType};
use lol_html::{comments, doc_comments, doc_text, element, rewrite_str, text, HandlerResult, RewriteStrSettings};

/// Where the widget's markup goes, inside a `<decision-widget>`.
pub const WIDGET_MARK: &str = "<!-- decision-widget:prerender -->";
/// Where the outline for readers without JavaScript goes.
pub const TEXT_MARK: &str = "<!-- decision-widget:text -->";
/// The `data-prerendered` of a widget whose flow is inline in the page.
pub use dw_widget::ui::INLINE_FLOW;
/// Stylesheets of the widget's shadow root, as `embed.js` loads them.
const STYLESHEETS: [&str; 2] = ["isolation.css", "widget.css"];

/// The flow of one `<decision-widget>` in a page.
pub struct PageFlow {
    /// The element's `flow` attribute (a built-in id, or a flow file's
    /// URL), or [`INLINE_FLOW`] for a flow inline in the element.
    pub attribute: String,
    /// The flow file's text.
    pub text: String,
}

/// Puts the widget and the outline into `html` where its marks are. Each
/// widget mark takes the flow of the `<decision-widget>` it sits in: read
/// by `flow_of` from the element's `flow` attribute, else the element's
/// inline flow, else `flow_of(None)` (the built-in flow). Each text mark
/// takes the flow of the `<decision-widget>` before it, the built-in flow
/// when there is none.
pub fn prerender(html: &str, flow_of: &dyn Fn(Option<&str>) -> Result<PageFlow, String>) -> Result<String, String> {
    let page = read(html)?;
    if page.marks.is_empty() {
        return Err(format!("it has neither a `{WIDGET_MARK}` nor a `{TEXT_MARK}` mark"));
    }
    let mut flows: HashMap<Option<usize>, Shown> = HashMap::new();
    let mut replacements = Vec::with_capacity(page.marks.len());
    for mark in &page.marks {
        let replacement = match *mark {
            Mark::Widget(None) => return Err("a widget mark is not inside a <decision-widget> element".into()),
            Mark::Widget(Some(ix)) => {
                let shown = shown(&mut flows, &page, Some(ix), flow_of)?;
                shadow_root(&shown.flow, shown.table.clone(), &shown.source)
            }
            Mark::Text(widget) => {
                let shown = shown(&mut flows, &page, widget, flow_of)?;
                let words = Words::new(shown.table.clone(), dw_intl::RULES).with_flow(&shown.flow);
                let text = outline::html(&shown.flow, &words, "flow-", &|id| page.titles.get(id).cloned());
                format!("<noscript>\n{text}</noscript>")
            }
        };
        replacements.push(replacement);
    }
    write(html, replacements)
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

/// The built-in flow, as a page flow.
pub fn builtin() -> PageFlow {
    PageFlow {
        attribute: BUILTIN_FLOW_ID.to_owned(),
        text: BUILTIN_FLOW_JSON.to_owned(),
    }
}

/// What the first reading of a page found.
#[derive(Default)]
struct Page {
    /// The page's language, `<html lang>`.
    lang: Option<String>,
    /// Every `<decision-widget>`, in the page's order.
    widgets: Vec<PageWidget>,
    /// Every mark, in the page's order.
    marks: Vec<Mark>,
    /// The text of the first element with each id, markup dropped and
    /// spaces collapsed: the article's title for a section anchor.
    titles: HashMap<String, String>,
}

/// One `<decision-widget>` element, its attributes decoded.
#[derive(Default)]
struct PageWidget {
    /// Its `flow` attribute, when it has one that is not blank.
    flow: Option<String>,
    /// Its `lang` attribute, when it has one that is not blank.
    lang: Option<String>,
    /// The text of its first `<script type="application/json">` child.
    inline: Option<String>,
}

/// A mark in a page, with the `<decision-widget>` it belongs to (an index
/// into [`Page::widgets`]).
#[derive(Clone, Copy)]
enum Mark {
    /// `<!-- decision-widget:prerender -->`, inside that widget (`None`
    /// when it is inside none).
    Widget(Option<usize>),
    /// `<!-- decision-widget:text -->`, after that widget (`None` when no
    /// widget comes before it).
    Text(Option<usize>),
}

/// The two kinds of mark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Widget,
    Text,
}

impl Kind {
    /// The kind of mark `comment` is, if it is one (spaces around the
    /// mark's words do not matter).
    fn of(comment: &Comment) -> Option<Kind> {
        let text = comment.text();
        let words = text.trim_matches(|c: char| c.is_ascii_whitespace());
        let is = |mark: &str| mark.strip_prefix("<!-- ").and_then(|m| m.strip_suffix(" -->")) == Some(words);
        if is(WIDGET_MARK) {
            Some(Kind::Widget)
        } else if is(TEXT_MARK) {
            Some(Kind::Text)
        } else {
            None
        }
    }
}

/// A mark as the first reading finds it.
enum Found {
    /// A widget mark, at this offset in the page.
    Widget(usize),
    /// A text mark, after that widget.
    Text(Option<usize>),
}

/// The state of the first reading, shared by its handlers (end tag
/// handlers must own what they touch, hence the `Rc`).
#[derive(Default)]
struct Reading {
    page: Page,
    /// Whether `<html>` has been seen: only the first one counts.
    root_seen: bool,
    /// Every mark, in the page's order.
    marks: Vec<Found>,
    /// The widget marks inside a `<decision-widget>`, by their offset in
    /// the page, with that widget.
    inside: HashMap<usize, usize>,
    /// Whether the text being read is a widget's inline flow.
    in_inline_flow: bool,
    /// The page's text so far (as a browser's `textContent` gives it, but
    /// for scripts and styles), from which the elements' titles are cut.
    text: String,
    /// The current text node, not yet decoded: a character reference may
    /// span two chunks.
    pending: String,
    /// The ids whose first element has been seen.
    ids: HashSet<String>,
}

/// The first reading's state, as its handlers share it.
type Shared = Rc<RefCell<Reading>>;

/// The first reading: the page's language, its widgets, marks and titles.
fn read(html: &str) -> Result<Page, String> {
    let reading: Shared = Rc::default();
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("html", |el| root(&reading, el)))
        .append_element_content_handler(element!("decision-widget", |el| widget(&reading, el)))
        .append_element_content_handler(element!("decision-widget > script", |el| script(&reading, el)))
        .append_element_content_handler(text!("decision-widget > script", |t| inline_flow(&reading, t)))
        .append_element_content_handler(comments!("decision-widget", |c| inside_widget(&reading, c)))
        .append_element_content_handler(element!("[id]", |el| titled(&reading, el)))
        .append_document_content_handler(doc_comments!(|c| mark(&reading, c)))
        .append_document_content_handler(doc_text!(|t| page_text(&reading, t)));
    rewrite_str(html, settings).map_err(|e| format!("it cannot be read as HTML: {e}"))?;
    let mut reading = reading.borrow_mut();
    let reading = &mut *reading;
    let mut page = std::mem::take(&mut reading.page);
    // The comment handler that finds a widget mark does not know whether
    // it is inside a widget; the one that does, only by its offset.
    page.marks = reading
        .marks
        .iter()
        .map(|found| match *found {
            Found::Widget(at) => Mark::Widget(reading.inside.get(&at).copied()),
            Found::Text(widget) => Mark::Text(widget),
        })
        .collect();
    Ok(page)
}

/// The value of the attribute `name` of `el`, character references
/// decoded.
fn attribute(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
        .map(|value| htmlize::unescape_attribute(value).into_owned())
}

/// `value` when it is not blank, trimmed.
fn not_blank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// `<html>`: the page's language.
fn root(reading: &Shared, el: &mut Element) -> HandlerResult {
    let mut reading = reading.borrow_mut();
    if !reading.root_seen {
        reading.root_seen = true;
        reading.page.lang = attribute(el, "lang");
    }
    Ok(())
}

/// A `<decision-widget>`: its attributes.
fn widget(reading: &Shared, el: &mut Element) -> HandlerResult {
    reading.borrow_mut().page.widgets.push(PageWidget {
        flow: not_blank(attribute(el, "flow")),
        lang: not_blank(attribute(el, "lang")),
        inline: None,
    });
    Ok(())
}

/// A script in a widget: its text is the widget's inline flow when it is
/// the first JSON one.
fn script(reading: &Shared, el: &mut Element) -> HandlerResult {
    let json = attribute(el, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    let mut reading = reading.borrow_mut();
    reading.in_inline_flow = match reading.page.widgets.last_mut() {
        Some(widget) if json && widget.inline.is_none() => {
            widget.inline = Some(String::new());
            true
        }
        _ => false,
    };
    Ok(())
}

/// A chunk of a script's text in a widget (script text holds no character
/// references: it is the flow file as written).
fn inline_flow(reading: &Shared, chunk: &mut TextChunk) -> HandlerResult {
    let mut reading = reading.borrow_mut();
    if reading.in_inline_flow {
        if let Some(inline) = reading.page.widgets.last_mut().and_then(|w| w.inline.as_mut()) {
            inline.push_str(chunk.as_str());
        }
        reading.in_inline_flow = !chunk.last_in_text_node();
    }
    Ok(())
}

/// A comment inside a `<decision-widget>` (the latest one: widgets do not
/// nest).
fn inside_widget(reading: &Shared, comment: &mut Comment) -> HandlerResult {
    if Kind::of(comment) == Some(Kind::Widget) {
        let mut reading = reading.borrow_mut();
        let widget = reading.page.widgets.len().checked_sub(1);
        if let Some(widget) = widget {
            let at = comment.source_location().bytes().start;
            reading.inside.insert(at, widget);
        }
    }
    Ok(())
}

/// A comment anywhere: a mark, if it is one. A widget mark's widget is
/// found by its offset once the page is read.
fn mark(reading: &Shared, comment: &mut Comment) -> HandlerResult {
    let mut reading = reading.borrow_mut();
    let found = match Kind::of(comment) {
        None => return Ok(()),
        Some(Kind::Widget) => Found::Widget(comment.source_location().bytes().start),
        Some(Kind::Text) => Found::Text(reading.page.widgets.len().checked_sub(1)),
    };
    reading.marks.push(found);
    Ok(())
}

/// An element with an id: its text, once its end tag comes, is its title
/// (an element closed without an end tag has none).
fn titled(reading: &Shared, el: &mut Element) -> HandlerResult {
    let Some(id) = attribute(el, "id") else {
        return Ok(());
    };
    let start = {
        let mut reading = reading.borrow_mut();
        if !reading.ids.insert(id.clone()) {
            return Ok(());
        }
        reading.text.len()
    };
    let reading = Rc::clone(reading);
    if let Some(handlers) = el.end_tag_handlers() {
        handlers.push(Box::new(move |_| {
            let mut reading = reading.borrow_mut();
            let title = reading.text[start..]
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !title.is_empty() {
                reading.page.titles.insert(id, title);
            }
            Ok(())
        }));
    }
    Ok(())
}

/// A chunk of the page's text, decoded once its text node is whole.
fn page_text(reading: &Shared, chunk: &mut TextChunk) -> HandlerResult {
    if chunk.text_type() != TextType::Data {
        return Ok(());
    }
    let mut reading = reading.borrow_mut();
    reading.pending.push_str(chunk.as_str());
    if chunk.last_in_text_node() {
        let pending = std::mem::take(&mut reading.pending);
        reading.text.push_str(&htmlize::unescape(pending));
    }
    Ok(())
}

/// The second reading: `html` with its marks replaced, in order, by
/// `replacements`.
fn write(html: &str, replacements: Vec<String>) -> Result<String, String> {
    let mut replacements = replacements.into_iter();
    let settings = RewriteStrSettings::new().append_document_content_handler(doc_comments!(|c| {
        if Kind::of(c).is_some() {
            let replacement = replacements.next().ok_or("the page read differently the second time")?;
            c.replace(&replacement, ContentType::Html);
        }
        Ok(())
    }));
    rewrite_str(html, settings).map_err(|e| format!("it cannot be read as HTML: {e}"))
}

/// A widget's flow as it is shown: the flow, the language it is shown in
/// and where it came from.
struct Shown {
    flow: Rc<Flow>,
    table: Option<Rc<Table>>,
    source: PageFlow,
}

/// The flow shown by the widget `ix` of `page` (or, for `None`, by a text
/// mark with no widget before it), read once.
fn shown<'a>(
    flows: &'a mut HashMap<Option<usize>, Shown>,
    page: &Page,
    ix: Option<usize>,
    flow_of: &dyn Fn(Option<&str>) -> Result<PageFlow, String>,
) -> Result<&'a Shown, String> {
    Ok(match flows.entry(ix) {
        Entry::Occupied(entry) => entry.into_mut(),
        Entry::Vacant(entry) => entry.insert(Shown::read(page, ix, flow_of)?),
    })
}

impl Shown {
    /// Reads the flow of the widget `ix` of `page` (see [`shown`]).
    fn read(
        page: &Page,
        ix: Option<usize>,
        flow_of: &dyn Fn(Option<&str>) -> Result<PageFlow, String>,
    ) -> Result<Shown, String> {
        let widget = ix.and_then(|ix| page.widgets.get(ix));
        // The `flow` attribute wins over an inline flow.
        let inline = widget.filter(|w| w.flow.is_none()).and_then(|w| w.inline.as_ref());
        let source = match (widget.and_then(|w| w.flow.as_deref()), inline) {
            (Some(url), _) => flow_of(Some(url))?,
            (None, Some(text)) => PageFlow {
                attribute: INLINE_FLOW.to_owned(),
                text: text.clone(),
            },
            (None, None) => flow_of(None)?,
        };
        let flow = Flow::from_json(&source.text).map_err(|e| match (widget, inline) {
            (None, _) => e.to_string(),
            (Some(_), Some(_)) => format!("its inline flow is not valid:\n{e}"),
            (Some(_), None) => format!("its flow {} is not valid:\n{e}", source.attribute),
        })?;
        let flow = Rc::new(flow);
        // As `embed.js` chooses: a blank `lang` is none.
        let lang = widget
            .and_then(|w| w.lang.clone())
            .or_else(|| flow.lang().filter(|l| !l.is_empty()).map(str::to_owned))
            .or_else(|| page.lang.clone());
        let table = lang.as_deref().and_then(table_for);
        Ok(Shown { flow, table, source })
    }
}

/// The declarative shadow root the `<decision-widget>` element takes over.
fn shadow_root(flow: &Rc<Flow>, table: Option<Rc<Table>>, source: &PageFlow) -> String {
    let mut out = String::from("<template shadowrootmode=\"open\">");
    for sheet in STYLESHEETS {
        out.push_str(&format!("<link rel=\"stylesheet\" href=\"{sheet}\">"));
    }
    out.push_str(&format!(
        "<div class=\"dw-root\" data-prerendered=\"{}\" data-fingerprint=\"{MARKUP_FINGERPRINT}\" data-flow=\"{}\" data-lang=\"{}\">",
        htmlize::escape_attribute(&source.attribute),
        flow_fingerprint(&source.text),
        table.as_ref().map_or("en", |t| t.lang.as_str()),
    ));
    out.push_str(&render(flow, table));
    out.push_str("</div></template>");
    out
}
