//! The benchmark's flows of the largest allowed size, and how long the
//! engine takes to lay them out natively. `scripts/bench.mjs` runs it to
//! write the flow files it serves and to print the native figures.
//!
//! ```sh
//! cargo run -p dw-engine --profile bench --example big_flows -- write DIR    # DIR/chain.json, DIR/wide.json
//! cargo run -p dw-engine --profile bench --example big_flows -- time [RUNS]  # one JSON line per flow
//! ```
//!
//! The `bench` profile is the release profile at `opt-level = 3` (see
//! Cargo.toml): the figure issue 9 sets its target for. The flows are the
//! ones the layout tests check (`tests/common`): a chain of 498 yes/no
//! questions, and rows of 8-way questions 435 outcomes wide.

// A native program: in a wasm32 build (`cargo test --target
// wasm32-unknown-unknown` builds every example) it is empty.
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::time::Instant;

use dw_engine::layout::layout;
use dw_engine::Flow;
use serde::Serialize;

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/it/common.rs"]
mod common;

/// The flows, by the name their file gets.
#[cfg(not(target_arch = "wasm32"))]
fn flows() -> [(&'static str, String); 2] {
    [("chain", common::chain_flow()), ("wide", common::wide_flow())]
}

/// One flow's figures, in milliseconds.
#[derive(Serialize)]
struct Timing {
    flow: &'static str,
    nodes: usize,
    runs: usize,
    /// Reading and validating the file (serde_json, as the command line does).
    check_ms: f64,
    /// Laying out the validated flow: the median run, and the range.
    layout_ms: f64,
    layout_min_ms: f64,
    layout_max_ms: f64,
    /// The drawing's size in CSS pixels at 1:1.
    width: i32,
    height: i32,
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

#[cfg(not(target_arch = "wasm32"))]
fn time(runs: usize) {
    for (name, text) in flows() {
        let start = Instant::now();
        let flow = Flow::from_json(&text).expect("the benchmark's flows are valid");
        let check_ms = ms(start);
        // One run first, unmeasured, so allocation and caches are warm.
        let chart = layout(&flow);
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(layout(std::hint::black_box(&flow)));
                ms(start)
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let timing = Timing {
            flow: name,
            nodes: flow.nodes().len(),
            runs,
            check_ms,
            layout_ms: median(&times),
            layout_min_ms: times[0],
            layout_max_ms: times[runs - 1],
            width: chart.width,
            height: chart.height,
        };
        println!("{}", serde_json::to_string(&timing).expect("plain numbers serialise"));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write", dir] => {
            for (name, text) in flows() {
                let path = std::path::Path::new(dir).join(format!("{name}.json"));
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("big_flows: cannot write {}: {e}", path.display());
                    std::process::exit(1);
                }
            }
        }
        ["time"] => time(25),
        ["time", runs] => match runs.parse::<usize>() {
            Ok(runs) if runs > 0 => time(runs),
            _ => usage(),
        },
        _ => usage(),
    }
}

fn usage() {
    eprintln!("usage: big_flows write DIR | big_flows time [RUNS]");
    std::process::exit(2);
}
