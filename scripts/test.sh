#!/usr/bin/env bash
# Sets up what is missing and runs every check: formatting, lints (native,
# wasm32, the hydrating build and the tools' wasm), native engine tests,
# component tests in headless Chromium, the release build into dist/,
# end-to-end tests of the built pages (one of them in a real WordPress), and
# the size report. Each step's full output goes to target/test-logs/; the
# terminal shows one line per step, and the log of a step that fails.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

ensure_build_tools
ensure_chromium; ensure_firefox; ensure_wordpress
logs="$ROOT/target/test-logs"
mkdir -p "$logs"
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

e2e() {
  local status=0
  # The WordPress test fails here rather than skipping when it cannot run.
  E2E_WORDPRESS=required node --test --test-reporter=tap tests/e2e/ >"$logs/e2e.tap" 2>&1 || status=$?
  cat "$logs/e2e.tap"
  printf '%s passed, %s failed\n' "$(node_count "$logs/e2e.tap" pass)" "$(node_count "$logs/e2e.tap" fail)"
  return $status
}

run format cargo fmt --check
run clippy-native cargo clippy -q --all-targets -- -D warnings
run clippy-wasm32 cargo clippy -q --all-targets --target wasm32-unknown-unknown -- -D warnings
run clippy-hydrate cargo clippy -q --lib --target wasm32-unknown-unknown --features hydration \
  --target-dir target/hydrate -- -D warnings
run clippy-tools cargo clippy -q --lib --target wasm32-unknown-unknown --no-default-features --features tools \
  --target-dir target/tools -- -D warnings
run engine-tests cargo test -q
run component-tests cargo test --target wasm32-unknown-unknown
run release-build build_release
run end-to-end-tests e2e
# Size is deterministic, so it is checked here: what a page embedding the
# widget downloads (wasm, JS, CSS, flow) must stay under this ceiling, which
# only ever comes down (see the README, Performance).
run size-budget node scripts/sizes.mjs dist --budget 170
node scripts/sizes.mjs dist | tail -n 4 | sed 's/^/    /'
printf '%s passed, %s failed\n' "$passed" "$failed"
