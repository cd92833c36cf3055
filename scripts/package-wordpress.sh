#!/usr/bin/env bash
# Builds the WordPress plugin's zip from the staged npm package:
#
#   bash scripts/package-wordpress.sh PACKAGE_DIR OUT_DIR
#
# PACKAGE_DIR is the package as scripts/package.sh stages it (its
# package.json and the widget's files at its root); writes
# OUT_DIR/decision-widget-wordpress-<version>.zip, the version being the
# package's, holding decision-widget/: the plugin (integrations/wordpress/)
# with the files a page and the block editor load copied into its widget/
# folder, so the plugin serves the widget itself. Prints the zip's path.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -eq 2 ] || die "usage: bash scripts/package-wordpress.sh PACKAGE_DIR OUT_DIR"
package="$(cd "$1" && pwd)" || die "no package folder $1"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
[ -f "$package/package.json" ] || die "$package/package.json is missing: stage the package first (bash scripts/package.sh)"
version="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$package/package.json")"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || die "the package's version '$version' is not a version"

ensure_zip

# What the plugin carries from the package: the element's module and the
# wasm it loads (not the build that takes over prerendered markup: the
# plugin writes none), the shadow root's styles, the language files, the
# flows and their schema, and the tools the block editor checks flows with.
FILES=(embed.js decision_widget.js decision_widget_bg.wasm isolation.css widget.css tools.js tools_bg.wasm flow.schema.json)
DIRS=(lang flows)

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
plugin="$stage/decision-widget"
cp -R "$ROOT/integrations/wordpress" "$plugin"
mkdir -p "$plugin/widget"
for file in "${FILES[@]}"; do
  [ -f "$package/$file" ] || die "the package has no $file"
  cp "$package/$file" "$plugin/widget/"
done
for dir in "${DIRS[@]}"; do
  [ -d "$package/$dir" ] || die "the package has no $dir/"
  cp -R "$package/$dir" "$plugin/widget/"
done
# What is for working on the plugin stays in the repository: its coding
# standards' configuration and the declarations its script is checked with.
rm -rf "$plugin/phpcs.xml.dist" "$plugin/types"
for license in "$package"/LICENSE*; do
  if [ -f "$license" ]; then cp "$license" "$plugin/"; fi
done

# The package's version wherever the plugin states its own: the header and
# constant, the block, the editor script's asset file, the readme.
sed -i -E \
  -e "s/^( \* Version: +).*/\1$version/" \
  -e "s/^(define\( 'DECISION_WIDGET_VERSION', ')[^']*(' \);)/\1$version\2/" \
  "$plugin/decision-widget.php"
sed -i -E "s/^(\t\"version\": \")[^\"]*(\",)/\1$version\2/" "$plugin/block/block.json"
sed -i -E "s/^(\t'version' +=> ')[^']*(',)/\1$version\2/" "$plugin/block/edit.asset.php"
sed -i -E "s/^(Stable tag: ).*/\1$version/" "$plugin/readme.txt"
stated=$(
  {
    grep -E '^ \* Version:' "$plugin/decision-widget.php" | awk '{print $3}'
    grep -oE "DECISION_WIDGET_VERSION', '[^']*'" "$plugin/decision-widget.php" | cut -d"'" -f3
    node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$plugin/block/block.json"
    grep -oE "'version' +=> '[^']*'" "$plugin/block/edit.asset.php" | cut -d"'" -f4
    grep -E '^Stable tag:' "$plugin/readme.txt" | awk '{print $3}'
  } | sort -u
)
[ "$stated" = "$version" ] || die "the plugin states versions '$(echo $stated)' instead of $version"

zipfile="$out/decision-widget-wordpress-$version.zip"
rm -f "$zipfile"
# Entries in a fixed order, without the builder's user and group ids (-X).
(cd "$stage" && find decision-widget -print | LC_ALL=C sort | zip -q -X -D "$zipfile" -@)
printf '%s\n' "$zipfile"
