//! Fingerprints what the widget's markup is made from (the Rust sources and
//! the built-in flow), so that a page prerendered by one build is hydrated
//! only by the wasm of the same sources. A page cached from an older build
//! then gets a fresh render instead of a hydration that cannot match.

use std::path::Path;

fn main() {
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.push(Path::new("static/flows/rag-vs-fine-tuning.json").to_path_buf());
    files.sort();
    // FNV-1a over every file's path and bytes: stable across machines and
    // needs no dependency.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        for byte in file.to_string_lossy().bytes().chain(bytes) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=DW_MARKUP_FINGERPRINT={hash:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=static/flows/rag-vs-fine-tuning.json");
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
