//! Dates: the clock the engine does not have.

use wasm_bindgen::JsValue;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date as `YYYY-MM-DD`, in the reader's time zone.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!("{}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// A date for people, in the widget's language `lang` ("24 Nov 2026",
/// "24.11.2026", "2026/11/24").
pub fn local_date(ms: f64, lang: &str) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("dateStyle"), &JsValue::from_str("medium"));
    String::from(js_sys::Date::new(&JsValue::from_f64(ms)).to_locale_date_string(lang, &options))
}
