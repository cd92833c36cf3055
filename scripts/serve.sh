#!/usr/bin/env bash
# Sets up what is missing, builds the release site and serves the demo
# article page on 127.0.0.1. Usage: scripts/serve.sh [port]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_build_tools
build_release
exec node "$ROOT/scripts/serve.mjs" --root "$ROOT/dist" --port "${1:-${PORT:-8080}}"
