#!/usr/bin/env bash
# Page latency of `jukebox serve` (release build) on a warehouse of the full bundled dump, trained.
# First the cold requests of the heavy pages, then wrk for DURATION seconds with CONNECTIONS connections per page (warm).
# Usage: bench/web/run.sh   (env: SCRATCH=.build-web DB=/tmp/web-bench.sqlite DURATION=10 CONNECTIONS=1)
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRATCH="${SCRATCH:-.build-web}"
DB="${DB:-/tmp/web-bench.sqlite}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-1}"
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
# Cold: the first request for each heavy page right after start computes its data (racing the server's own
# warm-up, which computes the same); afterwards it is kept until the data changes.
echo "| first request after start | ms |"
echo "|---|---:|"
for path in "/" "/genres" "/popularity" "/clusters" "/trends"; do
    printf '| `%s` | %.0f |\n' "$path" "$(curl -fs -o /dev/null -w '%{time_total}' "$BASE$path" | python3 -c 'import sys; print(float(sys.stdin.read()) * 1000)')"
done
echo

TRACK="$(curl -fs "$BASE/api/search?q=love" | python3 -c 'import json, sys; print(json.load(sys.stdin)["tracks"][0]["track_id"])')"
EXPLAINED="$(curl -fs "$BASE/api/popularity" | python3 -c 'import json, sys; print(json.load(sys.stdin)["explained"][0]["track_id"])')"

ms() { python3 -c "import sys; v = sys.argv[1]; print(round(float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000, 2))" "$1"; }
echo "| page | bytes | warm avg ms | warm p50 ms | warm p99 ms | requests/s |"
echo "|---|---:|---:|---:|---:|---:|"
for path in "/" "/genres" "/genres?energy=0.9&danceability=0.8" "/popularity" "/popularity/track/$EXPLAINED" "/clusters" \
            "/trends" "/trends?by=genre&feature=energy&feature=tempo" "/recommend?track=$TRACK" "/recommend?q=Comedy" \
            "/sql?q=SELECT%20count(*)%20FROM%20tracks" "/api/search?q=lov" "/api/genres/predict?energy=0.3" "/api/overview"; do
    bytes="$(curl -fs "$BASE$path" | wc -c)"
    out="$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path")"
    avg="$(awk '/^ +Latency/ {print $2; exit}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    printf '| `%s` | %s | %s | %s | %s | %s |\n' "$path" "$bytes" "$(ms "$avg")" "$(ms "$p50")" "$(ms "$p99")" "$rps"
done
