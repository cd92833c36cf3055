//! The browser edges: events to the host page, focus, article sections and
//! flow parsing. Small functions that never panic; a browser API that is
//! missing or refuses simply leaves things as they were.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, Document, Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions};
use yew::NodeRef;

use crate::engine::summary::Summary;
use crate::engine::{Flow, FlowErrors};

/// The browser window, or none while the widget is rendered to HTML on a
/// native target, where every browser call would panic.
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

fn document() -> Option<Document> {
    window()?.document()
}

/// Dispatches a bubbling, composed `CustomEvent` named `name` on `host`
/// with the decision summary as its `detail`.
pub fn dispatch_summary(host: &Element, name: &str, summary: &Summary) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    // The engine writes the detail as JSON; the browser's parser turns it
    // into a plain object, with no serialisation library in the wasm.
    init.set_detail(&js_sys::JSON::parse(&summary.to_json()).unwrap_or(JsValue::NULL));
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A host listener that throws must not break the widget.
        let _ = host.dispatch_event(&event);
    }
}

/// Moves keyboard focus to the element behind `node`, if it is rendered.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Focuses the text field (input or textarea) behind `node` and selects
/// its contents.
pub fn focus_and_select(node: &NodeRef) {
    if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    } else if let Some(area) = node.cast::<web_sys::HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    }
}

fn section(id: &str) -> Option<HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into::<HtmlElement>().ok()
}

/// The heading text of the article section with anchor `id`, when the
/// host page has one.
pub fn section_title(id: &str) -> Option<String> {
    let text = section(id)?.text_content()?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Scrolls the section with anchor `id` into view and gives it focus, so
/// keyboard and screen reader users land where sighted readers look.
/// Returns whether the section was found.
pub fn reveal_section(id: &str) -> bool {
    let Some(target) = section(id) else {
        return false;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(if prefers_reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    target.scroll_into_view_with_scroll_into_view_options(&options);
    if !target.has_attribute("tabindex") {
        let _ = target.set_attribute("tabindex", "-1");
    }
    let focus_options = web_sys::FocusOptions::new();
    focus_options.set_prevent_scroll(true);
    let _ = target.focus_with_options(&focus_options);
    true
}

/// Whether the reader asked the system for less motion.
pub fn prefers_reduced_motion() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Parses and validates a flow file with the engine's own JSON reader,
/// which keeps a JSON library out of the WebAssembly.
pub fn parse_flow(json: &str) -> Result<Flow, FlowErrors> {
    Flow::from_json(json)
}

// ---------------------------------------------------------------------------
// The page URL

/// The page URL's fragment without `#`, or empty.
pub fn location_fragment() -> String {
    let hash = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_owned()
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    match href.find('#') {
        Some(at) => href[..at].to_owned(),
        None => href,
    }
}

/// The page URL with `fragment` as its fragment: a share link.
pub fn link_to(fragment: &str) -> String {
    link_on(page_url(), fragment)
}

/// `page` with `fragment` as its fragment: a share link to the article
/// at `page` (a URL without a fragment).
pub fn link_on(mut page: String, fragment: &str) -> String {
    if !page.is_empty() && !fragment.is_empty() {
        page.push('#');
        page.push_str(fragment);
    }
    page
}

/// `url` without its fragment, when it is an absolute `http:` or `https:`
/// URL without a user name or password: a page share links may lead to.
/// Anything else (`javascript:`, `data:`, a relative URL) is `None`.
pub fn article_url(url: &str) -> Option<String> {
    // The browser's URL parser; there is none while rendering natively.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let url = web_sys::Url::new(url).ok()?;
    let web = matches!(url.protocol().as_str(), "http:" | "https:");
    if !web || !url.username().is_empty() || !url.password().is_empty() {
        return None;
    }
    url.set_hash("");
    Some(url.href())
}

/// Replaces the page URL's fragment without adding a history entry, so the
/// browser's Back button leaves the article rather than undoing answers
/// (the widget has its own Back). An empty fragment clears it.
pub fn replace_fragment(fragment: &str) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = if fragment.is_empty() {
        page_url()
    } else {
        link_to(fragment)
    };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
}

// ---------------------------------------------------------------------------
// Saved decisions in localStorage

use crate::engine::saved::{SavedList, StoreProblem, StoredList};

/// The storage key of the saved-decision list, shared by every widget.
pub const SAVED_KEY: &str = "decision-widget/saved";

/// What the browser's storage holds for us.
#[derive(Debug, Clone, PartialEq)]
pub enum SavedLoad {
    /// A list we can read (empty when nothing was saved yet).
    Ready(SavedList),
    /// Data we must not touch.
    Problem(StoreProblem),
    /// No storage: blocked, sandboxed, or switched off.
    Unavailable,
}

fn local_storage() -> Option<web_sys::Storage> {
    // `localStorage` throws in sandboxed frames and when cookies are blocked.
    window()?.local_storage().ok().flatten()
}

fn read_saved(storage: &web_sys::Storage) -> Result<SavedList, StoreProblem> {
    let Some(text) = storage.get_item(SAVED_KEY).map_err(|_| StoreProblem::Unreadable)? else {
        return Ok(SavedList::default());
    };
    SavedList::from_stored(StoredList::from_json(&text)?)
}

/// Reads the saved-decision list.
pub fn load_saved() -> SavedLoad {
    match local_storage() {
        None => SavedLoad::Unavailable,
        Some(storage) => match read_saved(&storage) {
            Ok(list) => SavedLoad::Ready(list),
            Err(problem) => SavedLoad::Problem(problem),
        },
    }
}

/// Why a list could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// No storage at all.
    Unavailable,
    /// The browser refused: storage full or writes blocked.
    Refused,
    /// What is stored now cannot be read, so it is not overwritten.
    Problem(StoreProblem),
}

impl std::fmt::Display for SaveFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveFailure::Unavailable => f.write_str("Saving is unavailable: this browser blocks storage here."),
            SaveFailure::Refused => f.write_str("Could not save: the browser's storage is full or refused the write."),
            SaveFailure::Problem(p) => p.fmt(f),
        }
    }
}

/// Applies `change` to the list as stored now (another tab or widget may
/// have changed it) and writes the result. Returns the list written.
pub fn update_saved<T>(
    change: impl FnOnce(&mut SavedList) -> Result<T, StoreProblem>,
) -> Result<(SavedList, T), SaveFailure> {
    let storage = local_storage().ok_or(SaveFailure::Unavailable)?;
    let mut list = read_saved(&storage).map_err(SaveFailure::Problem)?;
    let result = change(&mut list).map_err(SaveFailure::Problem)?;
    let text = list.to_stored().to_json();
    storage.set_item(SAVED_KEY, &text).map_err(|_| SaveFailure::Refused)?;
    Ok((list, result))
}

// ---------------------------------------------------------------------------
// Clipboard, sharing, files, dates

/// Copies `text` to the clipboard. False when the browser refuses or has no
/// clipboard (insecure page, sandboxed frame, permission denied).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    if !clipboard_allowed(&window) {
        return false;
    }
    let clipboard = window.navigator().clipboard();
    // Some browsers, frames and privacy tools remove the API or the method:
    // calling a missing method would throw, so look before calling.
    let has_write = !clipboard.is_undefined()
        && js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")).is_ok_and(|f| f.is_function());
    if !has_write {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Whether the page's Permissions Policy lets it write to the clipboard. A
/// frame embedded without `allow="clipboard-write"` may not (WordPress drops
/// that attribute from its embed iframes), and asking the clipboard there
/// logs a console error before it refuses; so the caller goes straight to
/// its fallback. Browsers that expose no policy (`permissionsPolicy` is the
/// standard name, `featurePolicy` Chromium's) are simply asked.
fn clipboard_allowed(window: &web_sys::Window) -> bool {
    let Some(document) = window.document() else {
        return false;
    };
    for name in ["permissionsPolicy", "featurePolicy"] {
        let Ok(policy) = js_sys::Reflect::get(&document, &JsValue::from_str(name)) else {
            continue;
        };
        let Some(allows) = js_sys::Reflect::get(&policy, &JsValue::from_str("allowsFeature"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        else {
            continue;
        };
        return allows
            .call1(&policy, &JsValue::from_str("clipboard-write"))
            .map_or(true, |allowed| allowed.as_bool() != Some(false));
    }
    true
}

/// Whether the Web Share API is there to offer.
pub fn can_share() -> bool {
    window()
        .map(|w| w.navigator())
        .is_some_and(|n| js_sys::Reflect::has(&n, &JsValue::from_str("share")).unwrap_or(false))
}

/// Opens the system share sheet. True when the reader shared.
pub async fn share(title: &str, text: &str, url: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let data = web_sys::ShareData::new();
    data.set_title(title);
    data.set_text(text);
    data.set_url(url);
    wasm_bindgen_futures::JsFuture::from(window.navigator().share_with_data(&data))
        .await
        .is_ok()
}

/// Offers `contents` as a file download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> bool {
    let Some(document) = document() else {
        return false;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let done = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    done
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date as `YYYY-MM-DD`, in the reader's time zone.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    let mut out = String::with_capacity(10);
    out.push_str(&d.get_full_year().to_string());
    for n in [d.get_month() + 1, d.get_date()] {
        out.push('-');
        if n < 10 {
            out.push('0');
        }
        out.push_str(&n.to_string());
    }
    out
}

/// A date for people, in the reader's locale ("24 Nov 2026").
pub fn local_date(ms: f64) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("dateStyle"), &JsValue::from_str("medium"));
    String::from(js_sys::Date::new(&JsValue::from_f64(ms)).to_locale_date_string("default", &options))
}

/// A `hashchange` listener on the window, removed when dropped.
pub struct HashListener {
    callback: Option<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let (Some(window), Some(callback)) = (window(), self.callback.take()) {
            let _ = window.remove_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref());
        }
    }
}

/// Calls `on_change` with the new fragment (without `#`) whenever the page
/// URL's fragment changes, as when a reader pastes a link into this tab.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> HashListener {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        on_change(location_fragment());
    });
    let added = window()
        .map(|w| {
            w.add_event_listener_with_callback("hashchange", callback.as_ref().unchecked_ref())
                .is_ok()
        })
        .unwrap_or(false);
    HashListener {
        callback: added.then_some(callback),
    }
}
