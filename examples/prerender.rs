//! Renders the widget into the built pages, so that the first question and
//! the flowchart are on screen before the WebAssembly arrives, and the whole
//! flow can be read without JavaScript. The release build runs it on
//! `dist/index.html` and `dist/embed.html`:
//!
//!     cargo run -q --features ssr --example prerender -- dist/index.html dist/embed.html
//!
//! In each page, `<!-- decision-widget:prerender -->` inside a
//! `<decision-widget>` becomes a declarative shadow root holding the widget's
//! stylesheets and its markup at the start of the built-in flow, which
//! `embed.js` then hydrates when its wasm comes from the same sources
//! (`data-fingerprint`, see `build.rs`); `<!-- decision-widget:text -->` becomes a
//! `<noscript>` outline of the flow, linking each reason to its article
//! section when the page has one.

use std::rc::Rc;

use decision_widget::engine::{outline, Flow, BUILTIN_FLOW_ID, BUILTIN_FLOW_JSON};
use decision_widget::ui::{Widget, WidgetProps, MARKUP_FINGERPRINT};

const WIDGET_MARK: &str = "<!-- decision-widget:prerender -->";
const TEXT_MARK: &str = "<!-- decision-widget:text -->";
/// Stylesheets of the widget's shadow root, as `embed.js` loads them.
const STYLESHEETS: [&str; 2] = ["isolation.css", "widget.css"];

fn main() {
    let pages: Vec<String> = std::env::args().skip(1).collect();
    if pages.is_empty() {
        eprintln!("usage: prerender PAGE.html...");
        std::process::exit(2);
    }
    let flow = Rc::new(Flow::from_json(BUILTIN_FLOW_JSON).expect("the built-in flow is valid"));
    let widget = shadow_root(render(&flow));
    for page in pages {
        let html = std::fs::read_to_string(&page).unwrap_or_else(|e| fail(&page, &e.to_string()));
        if !html.contains(WIDGET_MARK) {
            fail(&page, "it has no decision-widget:prerender mark");
        }
        let text = outline::html(&flow, "flow-", &|id| heading_text(&html, id));
        let html = html
            .replace(WIDGET_MARK, &widget)
            .replace(TEXT_MARK, &format!("<noscript>\n{text}</noscript>"));
        std::fs::write(&page, html).unwrap_or_else(|e| fail(&page, &e.to_string()));
    }
}

fn fail(page: &str, why: &str) -> ! {
    eprintln!("prerender: {page}: {why}");
    std::process::exit(1);
}

/// The widget at the start of `flow`, as hydratable HTML.
fn render(flow: &Rc<Flow>) -> String {
    let props = WidgetProps::new(Ok(Rc::clone(flow)));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a single-threaded runtime starts");
    runtime.block_on(yew::LocalServerRenderer::<Widget>::with_props(props).render())
}

/// The declarative shadow root the `<decision-widget>` element takes over.
fn shadow_root(markup: String) -> String {
    let mut out = String::from("<template shadowrootmode=\"open\">");
    for sheet in STYLESHEETS {
        out.push_str("<link rel=\"stylesheet\" href=\"");
        out.push_str(sheet);
        out.push_str("\">");
    }
    out.push_str("<div class=\"dw-root\" data-prerendered=\"");
    out.push_str(BUILTIN_FLOW_ID);
    out.push_str("\" data-fingerprint=\"");
    out.push_str(MARKUP_FINGERPRINT);
    out.push_str("\">");
    out.push_str(&markup);
    out.push_str("</div></template>");
    out
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
