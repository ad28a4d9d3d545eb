#!/usr/bin/env bash
# Recommendation latency (release build): wall time of whole `jukebox recommend` processes, from process
# start to exit, on a warehouse that has the bundled dump, the playlist dump (../shared/data/spotify_playlists_2020.csv,
# when present) and a made-up 20,000-play history (make_history.py, listener 'bench') loaded and
# `jukebox train neighbours clusters` run; `recommend --playlist`, `recommend --listener` and the Listening page
# (`jukebox serve`, median of 20 requests after a first one) are timed when the warehouse has them.
#
#   bench/recommend/run.sh [WAREHOUSE.sqlite]    (default: builds bench/out/recommend/jukebox.sqlite)
#   JUKEBOX_BIN=path uses a binary already built (to compare two builds on their own warehouses).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/release-binary.sh
db="${1:-}"
if [ -z "$db" ]; then
    mkdir -p bench/out/recommend
    db=bench/out/recommend/jukebox.sqlite
    rm -f "$db" "$db-wal" "$db-shm"
    "$jukebox" ingest --db "$db" data/spotify_tracks.csv >/dev/null
    # Playlists and a listener before training, so the stored neighbours saw the newest data.
    playlists_dump=../shared/data/spotify_playlists_2020.csv
    if [ -f "$playlists_dump" ]; then "$jukebox" ingest --db "$db" "$playlists_dump" >/dev/null; fi
    history=$(mktemp --suffix=.json)
    python3 bench/recommend/make_history.py "$db" "$history" 20000
    "$jukebox" ingest --db "$db" --listener bench "$history" >/dev/null
    rm -f "$history"
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

def timed_runs(argsets):
    samples = []
    for args in argsets:
        start = time.perf_counter()
        subprocess.run([jukebox, "recommend", "--db", db, *args], check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)

playlists = [r[0] for r in sqlite3.connect(db).execute("SELECT playlist_id FROM playlists ORDER BY playlist_id LIMIT 20")]
if playlists:
    median, worst = timed_runs([["--playlist", str(p)] for p in playlists])
    print(f"| --playlist ID ({len(playlists)} playlists) | {median:.0f} | {worst:.0f} |")
if not sqlite3.connect(db).execute("SELECT 1 FROM listens WHERE listener = 'bench' LIMIT 1").fetchall():
    sys.exit(0)
median, worst = timed_runs([["--listener", "bench"]] * 20)
print(f"| --listener bench (20,000 plays) | {median:.0f} | {worst:.0f} |")

# The Listening page: a server on a free port, one request to warm it, then 20.
import socket, urllib.request
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
server = subprocess.Popen([jukebox, "serve", "--db", db, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    url = f"http://127.0.0.1:{port}/listening?listener=bench"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/assets/app.js", timeout=2).read(); break
        except Exception:
            time.sleep(0.1)
    urllib.request.urlopen(url, timeout=60).read()
    samples = []
    for _ in range(20):
        start = time.perf_counter()
        urllib.request.urlopen(url, timeout=60).read()
        samples.append((time.perf_counter() - start) * 1000)
    print(f"| Listening page, /listening?listener=bench (after a first request) | {statistics.median(samples):.0f} | {max(samples):.0f} |")
finally:
    server.terminate(); server.wait()
PY
