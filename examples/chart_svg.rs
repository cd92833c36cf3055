//! Prints the built-in flow's chart as a standalone SVG file, drawn by the
//! engine's `export::svg`, with the path to one outcome lit. The release
//! build renders it to the demo page's preview image (`preview.png`).
//!
//!     cargo run -q --example chart_svg > chart.svg

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use decision_widget::engine::{export, Answer, Decision, Flow, BUILTIN_FLOW_JSON};

    let flow = Flow::from_json(BUILTIN_FLOW_JSON).expect("the built-in flow is valid");
    // The longest path, so the preview shows every question being asked.
    let answers = [Answer::No, Answer::No, Answer::No, Answer::Yes];
    let walk = Decision::new(&flow, &answers).walk(&flow);
    print!("{}", export::svg(&flow, &walk));
}

// The example is a native build tool; the wasm32 lint run still compiles it.
#[cfg(target_arch = "wasm32")]
fn main() {}
