#!/usr/bin/env bash
# Real-browser test of `jukebox serve`: builds jukebox, makes a small warehouse from data/samples, trains it,
# serves it on a free port and loads every page in headless Chromium. Fails when a page lacks its chart
# (<svg>) or marker, or when the browser logs a console error (a script error or a blocked resource).
# Screenshots go to .build-browser/screenshots (gitignored). Usage: .ci/browser-test.sh [scratch-path]
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${1:-${JUKEBOX_SCRATCH:-.build}}"
OUT=".build-browser"
SHOTS="$OUT/screenshots"
mkdir -p "$SHOTS"
rm -f "$SHOTS"/*.png

if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

swift build --scratch-path "$SCRATCH" --product jukebox
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/jukebox"

WORK="$(mktemp -d)"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/browser.sqlite"
"$BIN" ingest --db "$DB" data/samples/spotify_tracks_sample.csv data/samples/top_hits_sample.csv >/dev/null
"$BIN" train --db "$DB" all --clusters 6 --genre-rounds 20 >/dev/null 2>"$WORK/train.log"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$BIN" serve --db "$DB" --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$PORT/assets/app.js" >/dev/null; then break; fi
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/assets/app.js" >/dev/null || { echo "browser-test: the server did not start"; cat "$WORK/serve.log"; exit 1; }

TRACK="$(curl -fs "http://127.0.0.1:$PORT/api/search?q=ghost" | python3 -c 'import json, sys; print(json.load(sys.stdin)["tracks"][0]["track_id"])')"
EXPLAINED="$(curl -fs "http://127.0.0.1:$PORT/api/popularity" | python3 -c 'import json, sys; print(json.load(sys.stdin)["explained"][0]["track_id"])')"

# name | path | what the page must contain
PAGES="overview|/|<svg
genres|/genres?energy=0.8|<svg
popularity|/popularity|<svg
explanation|/popularity/track/$EXPLAINED|<svg
clusters|/clusters|<svg
trends|/trends|<svg
trends-genre|/trends?by=genre&feature=tempo|<svg
recommend|/recommend?track=$TRACK&playlist=$TRACK|class=\"reasons\"
sql|/sql?q=SELECT%20genres%2C%20count(*)%20FROM%20v_tracks%20GROUP%20BY%201|<table"

CHROME=(chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run
        --enable-logging=stderr --v=0 --virtual-time-budget=3000)
failures=0
while IFS='|' read -r name path marker; do
    url="http://127.0.0.1:$PORT$path"
    "${CHROME[@]}" --dump-dom "$url" >"$WORK/$name.html" 2>"$WORK/$name.log" || true
    "${CHROME[@]}" --window-size=1280,1800 --screenshot="$SHOTS/$name.png" "$url" >/dev/null 2>>"$WORK/$name.log" || true
    problems=""
    grep -q "$marker" "$WORK/$name.html" || problems="no $marker in the page"
    if grep -E "Uncaught|ERROR:CONSOLE|Refused to" "$WORK/$name.log" >"$WORK/$name.errors"; then
        problems="$problems; console errors: $(head -3 "$WORK/$name.errors" | tr '\n' ' ')"
    fi
    [ -s "$SHOTS/$name.png" ] || problems="$problems; no screenshot"
    if [ -n "$problems" ]; then
        echo "browser-test: FAIL $name ($path): $problems"
        failures=$((failures + 1))
    else
        echo "browser-test: ok   $name ($path)"
    fi
done <<<"$PAGES"

pages=$(grep -c '|' <<<"$PAGES")
if [ "$failures" -gt 0 ]; then
    echo "browser-test: $failures page(s) failed; server log:"; tail -20 "$WORK/serve.log"
    echo "browser-test: $((pages - failures)) passed, $failures failed"
    exit 1
fi
echo "browser-test: every page loaded with its chart and no console error; screenshots in $SHOTS"
echo "browser-test: $pages passed, 0 failed"
