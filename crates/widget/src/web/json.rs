//! JSON read and written by the browser: `JSON.parse` and `JSON.stringify`,
//! with serde-wasm-bindgen between JavaScript values and serde types. The
//! widget reads and writes its JSON (flow files, saved decisions) this
//! way, so its wasm carries no JSON parser or writer of its own.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use dw_engine::{Flow, FlowErrors, JsonPath, RawFlow};

/// `value` as JSON text: compact, or indented by two spaces when `pretty`.
/// `None` only if the browser refuses, which plain data never makes it do.
pub fn to_json(value: &impl Serialize, pretty: bool) -> Option<String> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    let space = if pretty { JsValue::from(2) } else { JsValue::UNDEFINED };
    js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &space)
        .ok()?
        .as_string()
}

/// The browser's `JSON.parse`, with its message when the text is not JSON
/// (which, in Chromium, gives the line and column).
fn parse(text: &str) -> Result<JsValue, String> {
    js_sys::JSON::parse(text).map_err(|e| {
        e.dyn_into::<js_sys::Error>()
            .ok()
            .and_then(|e| e.message().as_string())
            .unwrap_or_default()
    })
}

/// Reads JSON text into a serde type: `JSON.parse`, then serde-wasm-bindgen.
/// (serde_json would add about 11 KiB brotli to the widget; the authors'
/// checker, which says exactly what is wrong and where, uses it.)
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_wasm_bindgen::from_value(parse(text)?).map_err(|e| e.to_string())
}

/// Reads and validates a flow file the way [`from_json`] reads JSON. It
/// accepts the files the engine's `check` accepts, and a few that `check`
/// refuses but JSON parsers forgive (a key given twice keeps its last
/// value; `1.0` is a whole number).
pub fn parse_flow(text: &str) -> Result<Flow, FlowErrors> {
    // A byte order mark, as some editors write, is no part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = parse(text)
        .map_err(|message| FlowErrors::syntax(format!("is not valid JSON ({message})"), JsonPath::root(), None))?;
    let raw = RawFlow::deserialize_object(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| FlowErrors::syntax(format!("is not shaped like a flow file ({e})"), JsonPath::root(), None))?;
    Flow::try_from(raw)
}
