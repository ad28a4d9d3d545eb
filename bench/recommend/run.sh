#!/usr/bin/env bash
# Recommendation latency (release build): wall time of whole `jukebox recommend` processes, from process
# start to exit, on a warehouse that has the bundled dump loaded and `jukebox train neighbours clusters` run.
#
#   bench/recommend/run.sh [WAREHOUSE.sqlite]    (default: builds bench/out/recommend/jukebox.sqlite)
#   JUKEBOX_BIN=path uses a binary already built (to compare two builds on their own warehouses).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${JUKEBOX_BIN:-}" ]; then
    jukebox="$JUKEBOX_BIN"
else
    swift build -c release --product jukebox >/dev/null
    jukebox=$PWD/.build/release/jukebox
fi
db="${1:-}"
if [ -z "$db" ]; then
    mkdir -p bench/out/recommend
    db=bench/out/recommend/jukebox.sqlite
    rm -f "$db" "$db-wal" "$db-shm"
    "$jukebox" ingest --db "$db" data/spotify_tracks.csv >/dev/null
    "$jukebox" train clusters --db "$db" >/dev/null 2>&1
    "$jukebox" train neighbours --db "$db" >/dev/null 2>&1
fi
python3 - "$jukebox" "$db" <<'PY'
import statistics, subprocess, sys, time, sqlite3
jukebox, db = sys.argv[1], sys.argv[2]
ids = [r[0] for r in sqlite3.connect(db).execute("SELECT track_id FROM v_audio_features ORDER BY track_id LIMIT 20 OFFSET 1000")]
def timed(args):
    samples = []
    for track in ids:
        start = time.perf_counter()
        subprocess.run([jukebox, "recommend", "--db", db, track, *args], check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)
table = [("one seed, stored neighbours table", []),
         ("one seed with a filter (exact scan of every track)", ["--max-per-artist", "1"])]
print("| recommendation | median ms | max ms |")
print("|---|---:|---:|")
for name, args in table:
    median, worst = timed(args)
    print(f"| {name} | {median:.0f} | {worst:.0f} |")
PY
