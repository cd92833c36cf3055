//! The project's build, as `cargo xtask <command>` (an alias in
//! `.cargo/config.toml`): the release site in `dist/` from the workspace's
//! crates, the static files and the tools the set-up script installs
//! (`scripts/lib.sh`: wasm-bindgen, npm's wasm-opt and esbuild, Chromium,
//! mdBook). Setting up the machine stays a script; what needs logic is here.
//!
//! ```text
//! cargo xtask dist [--site-url URL]   the release site into dist/
//! ```

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

use clap::{Parser, Subcommand};

/// The dated nightly that builds the widget's two wasm files: they compile
/// the standard library for size with options only a nightly takes
/// (`-Zbuild-std`, `-Cpanic=immediate-abort`, `-Zfmt-debug=none`,
/// `-Zlocation-detail=none`), together about 14 KiB brotli of the widget.
/// Everything else builds with the toolchain of `rust-toolchain.toml`.
const WIDGET_TOOLCHAIN: &str = "nightly-2026-04-14";

/// The wasm32 target every wasm file is built for.
const WASM: &str = "wasm32-unknown-unknown";

/// The public URL dist/ is served at, when none is given: where the
/// README's first command serves it.
const SITE_URL: &str = "http://127.0.0.1:8080/";

/// The project's build.
#[derive(Parser)]
#[command(name = "cargo xtask", about, max_term_width = 100)]
struct Args {
    #[command(subcommand)]
    command: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Builds the release site into dist/: the widget's two wasm builds and
    /// the tools' wasm (each through wasm-bindgen and wasm-opt), the pages
    /// with the widget prerendered into them, the scripts and styles
    /// (minified by esbuild), the flows, the language files, the editor,
    /// the preview image and the book. Cargo, wasm-opt and esbuild skip work
    /// that is up to date.
    Dist {
        /// The public URL dist/ is served at; discovery and Open Graph tags
        /// need it absolute. Default: $SITE_URL, else http://127.0.0.1:8080/.
        #[arg(long)]
        site_url: Option<String>,
    },
}

/// A failed step, said for a person.
type Result<T = (), E = String> = std::result::Result<T, E>;

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let done = match args.command {
        Task::Dist { site_url } => {
            let site_url = site_url
                .or_else(|| std::env::var("SITE_URL").ok())
                .unwrap_or_else(|| SITE_URL.to_owned());
            dist(&site_url)
        }
    };
    match done {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The repository's root (the xtask crate sits in it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is inside the repository")
        .to_path_buf()
}

/// Runs `program` with `args` in the repository's root, failing with its
/// name when it cannot start or exits unsuccessfully.
fn run(command: &mut Command) -> Result {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(OsStr::to_string_lossy)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let status = command
        .current_dir(root())
        .status()
        .map_err(|e| format!("`{shown}` did not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

fn cmd(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    command
}

/// Installs the widget's nightly when this machine lacks it (a minimal
/// profile with the standard library's sources: seconds).
fn ensure_widget_toolchain() -> Result {
    let listed = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map_err(|e| format!("rustup did not start: {e}"))?;
    if String::from_utf8_lossy(&listed.stdout)
        .lines()
        .any(|line| line.starts_with(WIDGET_TOOLCHAIN))
    {
        return Ok(());
    }
    println!("==> installing the {WIDGET_TOOLCHAIN} toolchain for the widget's wasm (seconds, once)");
    run(&mut cmd(
        "rustup",
        &[
            "toolchain",
            "install",
            WIDGET_TOOLCHAIN,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
        ],
    ))
}

/// One of the widget's two wasm builds, with `features`, through
/// wasm-bindgen into `out` as `name.js` and `name_bg.wasm`.
///
/// The standard library is compiled for size: a panic aborts at once
/// rather than formatting its message (the widget never panics by design;
/// a bug would stop it as a trap), `Debug` formatting and panic locations
/// are left out, and the library takes its smaller implementations. Both
/// builds share `target/widget`, so the standard library and the
/// dependencies they agree on are compiled once.
fn widget_wasm(features: &str, name: &str, out: &Path) -> Result {
    let toolchain = format!("+{WIDGET_TOOLCHAIN}");
    run(cmd(
        "cargo",
        &[
            &toolchain,
            "rustc",
            "-q",
            "-p",
            "dw-widget",
            "--lib",
            "--release",
            "--target",
            WASM,
            "--crate-type",
            "cdylib",
            "--features",
            features,
            "--target-dir",
            "target/widget",
            "-Zbuild-std=std,panic_abort",
            "-Zbuild-std-features=optimize_for_size",
        ],
    )
    .env(
        "RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none",
    ))?;
    let wasm = root().join("target/widget").join(WASM).join("release/dw_widget.wasm");
    bindgen(&wasm, name, out)
}

/// The tools' wasm (the engine without the widget: checking, Mermaid import,
/// exports), on the workspace's toolchain, into `out` as `tools.js` and
/// `tools_bg.wasm`; then the same crate with its `command-line` feature as
/// `cli.js` and `cli_bg.wasm`, the package's command line under Node. Two
/// files, so that neither the editor nor a reader's export downloads what
/// only the command line prints.
fn tools_wasm(out: &Path) -> Result {
    for (features, name) in [("", "tools"), ("command-line", "cli")] {
        run(&mut cmd(
            "cargo",
            &[
                "rustc",
                "-q",
                "-p",
                "dw-tools",
                "--lib",
                "--release",
                "--target",
                WASM,
                "--features",
                features,
                "--crate-type",
                "cdylib",
            ],
        ))?;
        let wasm = root().join("target").join(WASM).join("release/dw_tools.wasm");
        bindgen(&wasm, name, out)?;
    }
    Ok(())
}

/// wasm-bindgen's glue and TypeScript declarations for `wasm`, then the wasm
/// shrunk by wasm-opt. Skipped when `wasm` is the same as the last time
/// (kept beside the output as `name.input.wasm`): wasm-opt takes a minute.
fn bindgen(wasm: &Path, name: &str, out: &Path) -> Result {
    let input = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let last = out.join(format!("{name}.input.wasm"));
    let outputs = [format!("{name}.js"), format!("{name}_bg.wasm"), format!("{name}.d.ts")];
    if fs::read(&last).is_ok_and(|bytes| bytes == input) && outputs.iter().all(|file| out.join(file).exists()) {
        return Ok(());
    }
    let _ = fs::remove_file(&last);
    let wasm = wasm.to_string_lossy();
    let out_dir = out.to_string_lossy();
    run(&mut cmd(
        "wasm-bindgen",
        &["--target", "web", "--out-name", name, "--out-dir", &out_dir, &wasm],
    ))?;
    optimise_wasm(&out.join(format!("{name}_bg.wasm")))?;
    fs::write(&last, input).map_err(|e| format!("{}: {e}", last.display()))
}

/// Shrinks a wasm-bindgen output in place, with the wasm features that
/// Rust's wasm32 output uses. A first -O2 pass and
/// --merge-similar-functions fold together the near-identical copies of
/// generic code that Rust's monomorphisation leaves (1.0 KiB brotli of the
/// widget), before -Oz. The module defines its own memory, which a browser
/// hands it zero-filled, so wasm-opt may drop the zeros from its data
/// (--zero-filled-memory, 0.3 KiB).
fn optimise_wasm(wasm: &Path) -> Result {
    let wasm = wasm.to_string_lossy();
    run(&mut cmd(
        "wasm-opt",
        &[
            "-O2",
            "--merge-similar-functions",
            "-Oz",
            "--converge",
            "--zero-filled-memory",
            "--strip-debug",
            "--strip-producers",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-reference-types",
            "--enable-multivalue",
            "--enable-mutable-globals",
            &wasm,
            "-o",
            &wasm,
        ],
    ))
}

/// Copies every file of `from` whose name ends with one of `extensions`
/// into `to`.
fn copy_files(from: &Path, to: &Path, extensions: &[&str]) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && extensions.iter().any(|ext| name.ends_with(ext)) {
            copy(&entry.path(), &to.join(&name))?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

/// Minifies a module script in place (the readable sources are in static/
/// and the wasm-bindgen output).
fn minify_module(file: &Path) -> Result {
    let file = file.to_string_lossy();
    let outfile = format!("--outfile={file}");
    run(&mut cmd(
        "esbuild",
        &[
            &file,
            "--minify",
            "--format=esm",
            "--target=es2022",
            "--log-level=warning",
            "--allow-overwrite",
            &outfile,
        ],
    ))
}

/// Builds the release site into `dist/` (see [`Task::Dist`]): everything
/// goes into `dist.tmp/` first, which then takes dist/'s place, so a failed
/// build leaves the last good site.
fn dist(site_url: &str) -> Result {
    println!("==> building the release site into dist/");
    ensure_widget_toolchain()?;
    let root = root();
    let bindgen_out = root.join("target/wasm-bindgen");
    fs::create_dir_all(&bindgen_out).map_err(|e| e.to_string())?;
    // The widget's builds (the nightly's, in target/widget) and the rest
    // (the workspace's toolchain, in target/) go side by side: each ends in
    // a link and a wasm-opt that use one core.
    thread::scope(|scope| {
        let widget = scope.spawn(|| {
            // The build every embedding page loads, and the one that can also
            // hydrate markup prerendered into a page.
            widget_wasm("csr", "decision_widget", &bindgen_out)?;
            widget_wasm("hydration", "decision_widget_hydrate", &bindgen_out)
        });
        let rest = scope.spawn(|| {
            tools_wasm(&bindgen_out)?;
            // The command line that prerenders the pages (a debug build is
            // quick to make, and the tests build it too).
            run(&mut cmd("cargo", &["build", "-q", "-p", "decision-widget"]))
        });
        let widget = widget
            .join()
            .unwrap_or_else(|_| Err("the widget's build panicked".into()));
        let rest = rest.join().unwrap_or_else(|_| Err("the tools' build panicked".into()));
        widget.and(rest)
    })?;

    let tmp = root.join("dist.tmp");
    let _ = fs::remove_dir_all(&tmp);
    let static_dir = root.join("static");
    fs::create_dir_all(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
    for name in ["decision_widget", "decision_widget_hydrate", "tools", "cli"] {
        copy(&bindgen_out.join(format!("{name}.js")), &tmp.join(format!("{name}.js")))?;
        copy(
            &bindgen_out.join(format!("{name}_bg.wasm")),
            &tmp.join(format!("{name}_bg.wasm")),
        )?;
    }
    copy(&root.join("index.html"), &tmp.join("index.html"))?;
    copy_files(&static_dir, &tmp, &[".html", ".js", ".css", "flow.schema.json"])?;
    copy_files(&static_dir.join("flows"), &tmp.join("flows"), &[".json"])?;
    // The widget's languages other than English, each loaded on demand by
    // a widget that speaks it.
    copy_files(&static_dir.join("lang"), &tmp.join("lang"), &[".json"])?;
    for module in [
        "decision_widget.js",
        "decision_widget_hydrate.js",
        "embed.js",
        "tools.js",
    ] {
        minify_module(&tmp.join(module))?;
    }
    // So do the widget's stylesheets (their comments are for the readers of
    // static/; about 1.4 KiB brotli).
    for sheet in ["widget.css", "isolation.css"] {
        let file = tmp.join(sheet).to_string_lossy().into_owned();
        run(&mut cmd(
            "esbuild",
            &[
                &file,
                "--minify",
                "--log-level=warning",
                "--allow-overwrite",
                &format!("--outfile={file}"),
            ],
        ))?;
    }
    // The editor page's script: its own modules and CodeMirror in one file,
    // loaded by editor.html alone; it imports the tools' module at run time,
    // the same file a widget loads for exports or to explain a broken flow.
    let editor = format!("--outfile={}", tmp.join("editor.js").to_string_lossy());
    run(&mut cmd(
        "esbuild",
        &[
            "static/editor/main.js",
            "--bundle",
            "--minify",
            "--format=esm",
            "--target=es2022",
            "--log-level=warning",
            "--external:./tools.js",
            &editor,
        ],
    ))?;
    // The widget prerendered into the pages, hydrated once the wasm
    // arrives, by the authors' own command line.
    let cli = root.join("target/debug/decision-widget");
    let cli = cli.to_string_lossy();
    let pages: Vec<String> = ["index.html", "embed.html", "gallery.html"]
        .iter()
        .map(|page| tmp.join(page).to_string_lossy().into_owned())
        .collect();
    let mut prerender = cmd(&cli, &["prerender"]);
    prerender.args(&pages);
    run(&mut prerender)?;
    // The preview image: the engine's SVG of the chart along its longest
    // path, rendered by Chromium.
    let svg = root.join("target/chart.svg");
    let exported = Command::new(&*cli)
        .args(["export", "--format", "svg", "rag-vs-fine-tuning", "--answers"])
        .arg("dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y")
        .current_dir(&root)
        .output()
        .map_err(|e| format!("the command line did not start: {e}"))?;
    if !exported.status.success() {
        return Err(format!(
            "exporting the preview's SVG failed: {}",
            String::from_utf8_lossy(&exported.stderr)
        ));
    }
    fs::write(&svg, &exported.stdout).map_err(|e| format!("{}: {e}", svg.display()))?;
    run(cmd(
        "node",
        &[
            "scripts/site.mjs",
            "--dist",
            &tmp.to_string_lossy(),
            "--svg",
            &svg.to_string_lossy(),
        ],
    )
    .env("SITE_URL", site_url))?;
    // The book, with the live widget on its pages.
    if root.join("docs/book.toml").exists() {
        let book = tmp.join("docs").to_string_lossy().into_owned();
        run(&mut cmd("mdbook", &["build", "docs", "-d", &book]))?;
    }
    let dist = root.join("dist");
    let _ = fs::remove_dir_all(&dist);
    fs::rename(&tmp, &dist).map_err(|e| format!("moving dist.tmp to dist: {e}"))
}
