//! The `decision-widget` command line: check flow files, import Mermaid
//! flowcharts, prerender pages and export decisions. See
//! [`decision_widget::cli`].

fn main() -> std::process::ExitCode {
    decision_widget::cli::main()
}
