#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, lints (native
# and wasm32), the native tests of each crate, the engine's link codec and
# the widget's components in headless Chromium, the shipped JavaScript's
# types and lints, the release build into dist/, the npm package made
# from it, end-to-end tests of the built pages and of the package
# (among them a real WordPress and a real Ghost), and the size ceilings.
# Each step's full output goes to target/test-logs/; the terminal shows one
# line per step, and the log of a step that fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

logs="$ROOT/target/test-logs"
mkdir -p "$logs"

# What only the browser tests need installs in the background while the
# Rust checks compile: Debian's browsers, WordPress, Hugo and Jekyll (one apt
# at a time), and beside them Ghost (from the npm registry; its native
# modules compile).
( ensure_chromium && ensure_firefox && ensure_wordpress && ensure_hugo && ensure_jekyll ) >"$logs/setup-debian.log" 2>&1 &
debian=$!
ensure_ghost >"$logs/setup-ghost.log" 2>&1 &
ghost=$!
ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
ensure_node22
ensure_mdbook

passed=0
failed=0

# run NAME COMMAND...: runs a step quietly; on failure shows its log and stops.
run() {
  local name="$1" log="$logs/$1.log"
  shift
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then
    local n
    n=$(count "$log" passed)
    passed=$((passed + n))
    if [ "$n" -gt 0 ]; then
      printf '==> %-22s ok, %s passed (%ss)\n' "$name" "$n" $((SECONDS - start))
    else
      printf '==> %-22s ok (%ss)\n' "$name" $((SECONDS - start))
    fi
  else
    failed=$((failed + $(count "$log" failed) ))
    printf '==> %-22s FAILED; its output:\n' "$name"
    cat "$log"
    printf '%s passed, %s failed\n' "$passed" "$((failed > 0 ? failed : 1))"
    exit 1
  fi
}

# count LOG passed|failed: tests counted by cargo's and node's summaries.
count() { { grep -oE "[0-9]+ $2" "$1" || true; } | awk '{s+=$1} END {print s+0}'; }

node_count() { { grep -oE "^# $2 [0-9]+" "$1" || true; } | awk '{s+=$3} END {print s+0}'; }

# waited PID LOG: a background set-up, finished (its output shown only when
# it failed).
waited() {
  local status=0
  wait "$1" || status=$?
  cat "$2"
  return $status
}

e2e() {
  local status=0 file rest=() cms=()
  for file in tests/e2e/*.test.mjs; do
    case "$file" in
      */wordpress.test.mjs | */ghost.test.mjs) cms+=("$file") ;;
      *) rest+=("$file") ;;
    esac
  done
  # Two test files at a time: the browsers wait on the network and on
  # frames as much as they compute. The tests in a real WordPress and a real
  # Ghost then run one after the other: both serve the widget on port 8080,
  # the address dist/ is built for. They fail here rather than skipping when
  # they cannot run.
  {
    node --test --test-concurrency=2 --test-reporter=tap "${rest[@]}" || status=$?
    E2E_WORDPRESS=required E2E_GHOST=required node --test --test-concurrency=1 --test-reporter=tap "${cms[@]}" ||
      status=$?
  } >"$logs/e2e.tap" 2>&1
  cat "$logs/e2e.tap"
  printf '%s passed, %s failed\n' "$(node_count "$logs/e2e.tap" pass)" "$(node_count "$logs/e2e.tap" fail)"
  return $status
}

# The crates that build for wasm32 (the native command line is native only;
# the tools with their command-line feature, as npx decision-widget runs them).
WASM_CRATES=(-p dw-engine -p dw-intl -p dw-widget -p dw-tools --features dw-widget/hydration,dw-tools/command-line)

run format cargo fmt --all --check
run javascript js_checks
run clippy-native cargo clippy -q --workspace --all-targets -- -D warnings
run clippy-wasm32 cargo clippy -q --target wasm32-unknown-unknown "${WASM_CRATES[@]}" --all-targets -- -D warnings
run native-tests cargo test -q --workspace
run browser-setup waited "$debian" "$logs/setup-debian.log"
# The browser's share-link codec and the widget's components, each crate's
# test binary in headless Chromium (wasm-bindgen's runner takes no -q; the
# property test runs long in one call, so the runner waits up to 2 minutes).
run component-tests env WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown -p dw-engine -p dw-widget --features dw-widget/hydration --test it
run release-build build_release
# The npm package (and the WordPress plugin) from that build; the
# end-to-end tests of the package install this tarball.
run package bash scripts/package.sh
run ghost-setup waited "$ghost" "$logs/setup-ghost.log"
run end-to-end-tests e2e
# Size is deterministic, so it is checked here: what a page embedding the
# widget downloads (wasm, JS, CSS, flow), with the plain snippet and with
# prerendered markup, must stay under these ceilings, which only ever come
# down (see the book, Performance).
run size-budget node scripts/sizes.mjs dist --budget 164 --budget-prerendered 171
node scripts/sizes.mjs dist | tail -n 4 | sed 's/^/    /'
printf '%s passed, %s failed\n' "$passed" "$failed"
