//! The clipboard, the system share sheet, downloads and printing.

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::{JsCast, JsValue};

use super::{document, window};

/// How long a download's object URL lives. Revoking it in the same tick as
/// the click cancels the download in Safari and on Android; once the
/// browser has started it, the URL is no longer needed.
const DOWNLOAD_URL_LIFETIME_MS: u32 = 30_000;

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
    let Some(anchor) = document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    let url = ObjectUrl::from(Blob::new_with_options(contents, Some(mime)));
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The URL is revoked when its last copy is dropped: here, once the
    // timer has run.
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(DOWNLOAD_URL_LIFETIME_MS).await;
        drop(url);
    });
    true
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}
