#!/usr/bin/env bash
# Copy Leaflet and Leaflet.markercluster from node_modules into search/static/search/vendor/.
#
# The copied files are checked in, so `make demo` and the tests work without npm; run this
# after changing the pinned leaflet version in package.json (then `npm install`) and commit
# the result. Leaflet is BSD-2-Clause, Leaflet.markercluster MIT: each licence travels with
# its files.
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

# Leaflet.markercluster: the clusters of the results map (its script, source map and styles).
CLUSTER_SOURCE=node_modules/leaflet.markercluster
CLUSTER_TARGET=search/static/search/vendor/leaflet.markercluster
if [ ! -f "$CLUSTER_SOURCE/dist/leaflet.markercluster.js" ]; then
    echo "vendor-leaflet: $CLUSTER_SOURCE is missing; run 'npm install' first." >&2
    exit 1
fi
rm -rf "$CLUSTER_TARGET"
mkdir -p "$CLUSTER_TARGET"
cp "$CLUSTER_SOURCE/dist/leaflet.markercluster.js" "$CLUSTER_SOURCE/dist/leaflet.markercluster.js.map" \
    "$CLUSTER_SOURCE/dist/MarkerCluster.css" "$CLUSTER_SOURCE/dist/MarkerCluster.Default.css" \
    "$CLUSTER_TARGET/"
cp "$CLUSTER_SOURCE/MIT-LICENCE.txt" "$CLUSTER_TARGET/LICENSE"
version=$(node -p "require('./$CLUSTER_SOURCE/package.json').version" 2>/dev/null || echo unknown)
echo "$version" >"$CLUSTER_TARGET/VERSION"
echo "vendor-leaflet: Leaflet.markercluster $version copied to $CLUSTER_TARGET"
