//! Fingerprints what the widget's markup is made from (the Rust sources and
//! the built-in flow), so that a page prerendered by one build is hydrated
//! only by the wasm of the same sources. A page cached from an older build
//! then gets a fresh render instead of a hydration that cannot match.

use std::path::Path;

/// The source folders the markup is made from.
const SOURCES: [&str; 3] = ["crates/widget/src", "crates/engine/src", "crates/intl/src"];
/// The built-in flow's file.
const BUILTIN_FLOW: &str = "static/flows/rag-vs-fine-tuning.json";

fn main() {
    // The widget's own sources, the engine's and the language rules', and
    // the built-in flow, by their paths from the repository's root.
    let root = Path::new("../..");
    let mut files = Vec::new();
    for dir in SOURCES {
        collect(&root.join(dir), &mut files);
    }
    files.push(root.join(BUILTIN_FLOW));
    files.sort();
    // FNV-1a over every file's path and bytes: stable across machines and
    // needs no dependency.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        let name = file.strip_prefix(root).unwrap_or(file).to_string_lossy().into_owned();
        for byte in name.bytes().chain(bytes) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=DW_MARKUP_FINGERPRINT={hash:016x}");
    for dir in SOURCES {
        println!("cargo:rerun-if-changed=../../{dir}");
    }
    println!("cargo:rerun-if-changed=../../{BUILTIN_FLOW}");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}
