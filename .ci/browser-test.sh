#!/usr/bin/env bash
# Real-browser test of `jukebox serve`: builds jukebox (or uses $JUKEBOX_BIN), makes a small warehouse from
# data/samples, trains it, serves it on a free loopback port and runs .ci/browser_suite.py: Selenium drives
# headless Chromium through the system chromedriver the way a person does (types into the SQL console and
# presses Run, searches and follows suggestions on Recommend, downloads the CSV and the M3U, filters Trends,
# moves the genre sliders, lists a predicted genre's tracks and the likely mislabels, picks a listener on Listening, continues a typed playlist) and checks every answer against the `jukebox` command line on the same warehouse.
# Fails on a wrong answer, a missing chart or a browser console error. Installs what is missing: Debian's
# chromium and chromium-driver, Selenium from PyPI. Screenshots go to .build-browser/screenshots (gitignored).
# Usage: [JUKEBOX_BIN=path/to/jukebox] .ci/browser-test.sh [scratch-path]
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${1:-${JUKEBOX_SCRATCH:-.build}}"
OUT=".build-browser"
SHOTS="$OUT/screenshots"
mkdir -p "$SHOTS"
rm -f "$SHOTS"/*.png

if ! command -v chromium >/dev/null 2>&1 || [ ! -x /usr/bin/chromedriver ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# 4.51.0: the newest Selenium whose dependencies (certifi) the package index here serves.
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    if ! python3 -m pip --version >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
    fi
    PIP=(python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore selenium==4.51.0)
    # Debian's own python3 refuses pip installs outside a virtual environment unless told otherwise.
    "${PIP[@]}" 2>/dev/null || "${PIP[@]}" --break-system-packages
fi

if [ -n "${JUKEBOX_BIN:-}" ]; then
    BIN="$JUKEBOX_BIN"
    [ -x "$BIN" ] || { echo "browser-test: JUKEBOX_BIN=$BIN is not an executable"; exit 1; }
else
    swift build --scratch-path "$SCRATCH" --product jukebox
    BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/jukebox"
fi

WORK="$(mktemp -d)"
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/browser.sqlite"
"$BIN" ingest --db "$DB" data/samples/spotify_tracks_sample.csv data/samples/top_hits_sample.csv >/dev/null
# Playlists (the Playlists view of Recommend) and a listener's history (the Listening page).
"$BIN" ingest --db "$DB" data/samples/spotify_playlists_sample.csv >/dev/null
"$BIN" ingest --db "$DB" --listener anna data/samples/history/Streaming_History_Audio_2023.json data/samples/history/StreamingHistory_music_0.json >/dev/null
"$BIN" train --db "$DB" all --clusters 6 --genre-rounds 20 >/dev/null 2>"$WORK/train.log"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$BIN" serve --db "$DB" --port "$PORT" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$PORT/assets/app.js" >/dev/null; then break; fi
    sleep 0.2
done
curl -fs "http://127.0.0.1:$PORT/assets/app.js" >/dev/null || { echo "browser-test: the server did not start"; cat "$WORK/serve.log"; exit 1; }

mkdir -p "$WORK/downloads"
# The suite prints one line per scenario, the server log's tail on failure and `browser-test: N passed, M failed`.
JUKEBOX_URL="http://127.0.0.1:$PORT" JUKEBOX_DB="$DB" JUKEBOX_BIN="$BIN" BROWSER_SHOTS="$SHOTS" \
    BROWSER_DOWNLOADS="$WORK/downloads" SERVER_LOG="$WORK/serve.log" python3 .ci/browser_suite.py
