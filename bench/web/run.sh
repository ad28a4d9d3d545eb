#!/usr/bin/env bash
# Page latency of `jukebox serve` (release build) on a warehouse of the full bundled dump, trained.
# For every page: the first (cold) request with curl — it computes the page data, which is then kept
# until the data changes — and then wrk for DURATION seconds with CONNECTIONS connections (warm).
# Usage: bench/web/run.sh   (env: SCRATCH=.build-web DB=/tmp/web-bench.sqlite DURATION=10 CONNECTIONS=4)
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRATCH="${SCRATCH:-.build-web}"
DB="${DB:-/tmp/web-bench.sqlite}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-4}"
command -v wrk >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

swift build -c release --scratch-path "$SCRATCH" --product jukebox >/dev/null
BIN="$SCRATCH/release/jukebox"
if [ ! -f "$DB" ]; then
    "$BIN" ingest --db "$DB" data/spotify_tracks.csv
    "$BIN" train --db "$DB" all
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$BIN" serve --db "$DB" --port "$PORT" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/assets/app.js" >/dev/null && break; sleep 0.2; done

BASE="http://127.0.0.1:$PORT"
TRACK="$(curl -fs "$BASE/api/search?q=love" | python3 -c 'import json, sys; print(json.load(sys.stdin)["tracks"][0]["track_id"])')"
EXPLAINED="$(curl -fs "$BASE/api/popularity" | python3 -c 'import json, sys; print(json.load(sys.stdin)["explained"][0]["track_id"])')"
curl -fs -o /dev/null "$BASE/"  # nothing is cached yet for the overview: the cold figure below is real

echo "| page | bytes | cold (first request) ms | warm avg ms | warm p50 ms | warm p99 ms | requests/s |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for path in "/genres" "/popularity" "/clusters" "/trends" "/trends?by=genre&feature=energy" "/trends?by=year&feature=tempo" \
            "/" "/genres?energy=0.9&danceability=0.8" "/popularity/track/$EXPLAINED" "/recommend?track=$TRACK" \
            "/sql?q=SELECT%20count(*)%20FROM%20tracks" "/api/search?q=lov" "/api/genres/predict?energy=0.3" "/api/overview"; do
    cold="$(curl -fs -o /dev/null -w '%{time_total}' "$BASE$path")"
    bytes="$(curl -fs "$BASE$path" | wc -c)"
    out="$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path")"
    avg="$(awk '/^ +Latency/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    ms() { python3 -c "import sys; v = sys.argv[1]; print(round(float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000, 2))" "$1"; }
    printf '| `%s` | %s | %.1f | %s | %s | %s | %s |\n' "${path//|/%7C}" "$bytes" "$(python3 -c "print($cold * 1000)")" "$(ms "$avg")" "$(ms "$p50")" "$(ms "$p99")" "$rps"
done
