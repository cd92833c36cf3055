//! The widget's tests in headless Chromium (`cargo test -p dw-widget
//! --target wasm32-unknown-unknown`): components mounted into a fresh root,
//! driven with `yew::scheduler::flush()`.

#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod components;
