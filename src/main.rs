//! The `decision-widget` command line: check flow files, import Mermaid
//! flowcharts, prerender pages and export decisions. See `tools::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    decision_widget::tools::cli::main()
}

// The command line is native; the wasm32 lint run still compiles it.
#[cfg(target_arch = "wasm32")]
fn main() {}
