#!/usr/bin/env bash
# Builds the npm package and the WordPress plugin:
#
#   bash scripts/package.sh [--no-build]
#
# writes target/package/decision-widget-<version>.tgz (made by `npm pack`
# from target/package/decision-widget/, staged by scripts/package.mjs) and
# target/package/decision-widget-wordpress-<version>.zip, and prints the
# tarball's absolute path as its last line. The version is the crate's
# (Cargo.toml's workspace version). The release build (dist/) is made first
# when it is missing or older than any of its sources; with --no-build,
# dist/ is packaged as it is (it must exist).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

build=1
case "${1:-}" in
  --no-build) build=0 ;;
  "") ;;
  *) die "usage: bash scripts/package.sh [--no-build]" ;;
esac

out="$ROOT/target/package"
stage="$out/decision-widget"

# The root package's version and repository, from Cargo.
read -r version repository < <(
  cargo metadata --no-deps --format-version 1 |
    node -e '
      let text = "";
      process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
        const root = JSON.parse(text).packages.find((p) => p.name === "decision-widget");
        if (!root) throw new Error("cargo metadata lists no package named decision-widget");
        console.log(root.version, root.repository ?? "");
      });'
)
[ -n "$version" ] || die "the crate's version could not be read from cargo metadata"

# dist/ is stale when any source of the release build is newer than the
# oldest file at its top (the build replaces the whole folder at once).
dist_stale() {
  [ -f dist/embed.js ] || return 0
  local oldest
  oldest=$(find dist -maxdepth 1 -type f -printf '%T@ %p\n' | sort -n | head -n 1 | cut -d' ' -f2-)
  [ -n "$(find static crates src xtask index.html Cargo.toml Cargo.lock rust-toolchain.toml \
    -type f -newer "$oldest" -print -quit 2>/dev/null)" ]
}
if [ $build = 1 ] && dist_stale; then
  step "dist/ is missing or older than its sources: cargo xtask dist"
  ensure_build_tools
  build_release
fi

ensure_node_modules
mkdir -p "$out"
# Staged and packed in a folder of this run's own, then moved into place:
# tests reading the last package never see half of one.
work=$(mktemp -d "$out/.work-XXXXXX")
trap 'rm -rf "$work"' EXIT
step "staging the package in ${stage#"$ROOT"/}"
node scripts/package.mjs --dist dist --out "$work/decision-widget" --version "$version" ${repository:+--repository "$repository"}
[ -n "$repository" ] || printf 'note: Cargo.toml names no repository, so package.json has none\n' >&2

tarball="$out/decision-widget-$version.tgz"
(cd "$work/decision-widget" && npm pack --silent --pack-destination "$work" >/dev/null)
[ -f "$work/decision-widget-$version.tgz" ] || die "npm pack did not write decision-widget-$version.tgz"
rm -rf "$stage"
mv "$work/decision-widget" "$stage"
mv -f "$work/decision-widget-$version.tgz" "$tarball"

step "the WordPress plugin"
bash scripts/package-wordpress.sh "$stage" "$out"

printf '%s\n' "$tarball"
