#!/usr/bin/env bash
# Copy Leaflet from node_modules into search/static/search/vendor/leaflet/.
#
# The copied files are checked in, so `make demo` and the tests work without npm; run this
# after changing the pinned leaflet version in package.json (then `npm install`) and commit
# the result. Leaflet is BSD-2-Clause: its LICENSE travels with the files.
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE=node_modules/leaflet
TARGET=search/static/search/vendor/leaflet

if [ ! -f "$SOURCE/dist/leaflet.js" ]; then
    echo "vendor-leaflet: $SOURCE is missing; run 'npm install' first." >&2
    exit 1
fi

rm -rf "$TARGET"
mkdir -p "$TARGET/images"
# The source map too: leaflet.js names it, and Django's manifest storage (collectstatic with
# hashed names) fails on a sourceMappingURL that points at a missing file.
cp "$SOURCE/dist/leaflet.js" "$SOURCE/dist/leaflet.js.map" "$SOURCE/dist/leaflet.css" "$TARGET/"
cp "$SOURCE"/dist/images/*.png "$TARGET/images/"
cp "$SOURCE/LICENSE" "$TARGET/LICENSE"
version=$(node -p "require('./$SOURCE/package.json').version" 2>/dev/null || echo unknown)
echo "$version" >"$TARGET/VERSION"
echo "vendor-leaflet: Leaflet $version copied to $TARGET"
