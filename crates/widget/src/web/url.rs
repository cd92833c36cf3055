//! The page URL: its fragment (where share links live), links to this
//! page, and listening for a new fragment.

use gloo_events::EventListener;
use wasm_bindgen::JsValue;

use super::window;

/// The page URL's fragment without `#`, or empty.
pub fn location_fragment() -> String {
    let hash = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_owned()
}

/// The page URL without its fragment.
pub fn page_url() -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_owned(),
        None => href,
    }
}

/// `base` (a page URL, or this page's when empty) with `fragment` as its
/// fragment: a share link.
pub fn link_to(base: &str, fragment: &str) -> String {
    let page = if base.is_empty() { page_url() } else { base.to_owned() };
    match (page.is_empty(), fragment.is_empty()) {
        (false, false) => format!("{page}#{fragment}"),
        _ => page,
    }
}

/// `url` without its fragment, when it is an absolute `http:` or `https:`
/// URL without a user name or password: a page share links may lead to.
/// Anything else (`javascript:`, `data:`, a relative URL) is `None`.
pub fn article_url(url: &str) -> Option<String> {
    // The browser's URL parser; there is none while rendering natively.
    window()?;
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
    let url = link_to("", fragment);
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
}

/// Calls `on_change` with the new fragment (without `#`) whenever the page
/// URL's fragment changes, as when a reader pastes a link into this tab.
/// The listener goes away when the returned value is dropped.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = window()?;
    Some(EventListener::new(&window, "hashchange", move |_| {
        on_change(location_fragment())
    }))
}
