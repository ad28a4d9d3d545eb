#!/usr/bin/env bash
# Two builds side by side, in one run (release builds): `train all` time and peak memory, `retrain` after a new dump,
# `recommend` latency with process start (a track, a playlist and a listener seed) and page times of `jukebox serve`.
# Each build gets its own warehouse (a newer build may migrate it), loaded the same way: the bundled dump, the
# playlist dump (../shared/data/spotify_playlists_2020.csv, when present) and a made-up 20,000-play history.
# The latency samples alternate between the builds, so a busy machine slows both alike; training runs one build
# after the other, so read its CPU time when the machine is shared.
#
#   JUKEBOX_BIN_BEFORE=path bench/paths/run.sh     (JUKEBOX_BIN=path: the "after" build, else built here)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/release-binary.sh
before="${JUKEBOX_BIN_BEFORE:?set JUKEBOX_BIN_BEFORE to the build to compare against}"
out=bench/out/paths
mkdir -p "$out"

build() {  # build NAME BINARY: a trained warehouse, with the time and peak memory of `train all` and `retrain`
    local name=$1 bin=$2 db="$out/$1.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    "$bin" ingest --db "$db" data/spotify_tracks.csv >/dev/null
    [ -f ../shared/data/spotify_playlists_2020.csv ] && "$bin" ingest --db "$db" ../shared/data/spotify_playlists_2020.csv >/dev/null
    local history; history=$(mktemp --suffix=.json)
    python3 bench/recommend/make_history.py "$db" "$history" 20000
    "$bin" ingest --db "$db" --listener bench "$history" >/dev/null
    rm -f "$history"
    /usr/bin/time -f "%e %U %S %M" -o "$out/$name.train" "$bin" train all --db "$db" >/dev/null 2>&1
    "$bin" ingest --db "$db" "data/samples/exportify/Road Trip.csv" >/dev/null
    "$bin" ingest --db "$db" data/samples/mpd/mpd.slice.0-2.json >/dev/null
    /usr/bin/time -f "%e %U %S %M" -o "$out/$name.retrain" "$bin" retrain --db "$db" >/dev/null 2>&1
}
build before "$before"
build after "$jukebox"

python3 - "$out" "$before" "$jukebox" <<'PY'
import socket, sqlite3, statistics, subprocess, sys, time, urllib.request
out, binaries = sys.argv[1], {"before": sys.argv[2], "after": sys.argv[3]}
def timing(name, step):
    wall, user, system, kib = open(f"{out}/{name}.{step}").read().split()[-4:]
    return float(wall), float(user) + float(system), int(kib) / 1024
print("| figure | before | after | after/before |")
print("|---|---:|---:|---:|")
for step in ("train", "retrain"):
    (bw, bc, bm), (aw, ac, am) = timing("before", step), timing("after", step)
    label = "train all" if step == "train" else "retrain after Road Trip.csv + the MPD sample"
    print(f"| {label}, wall s | {bw:.1f} | {aw:.1f} | {aw / bw:.2f} |")
    print(f"| {label}, CPU s (user + system: what a busy machine inflates least) | {bc:.1f} | {ac:.1f} | {ac / bc:.2f} |")
    print(f"| {label}, peak MiB | {bm:.0f} | {am:.0f} | {am / bm:.2f} |")

db = {name: f"{out}/{name}.sqlite" for name in binaries}
con = sqlite3.connect(f"file:{db['after']}?mode=ro", uri=True)
tracks = [r[0] for r in con.execute("SELECT track_id FROM audio_features ORDER BY track_id LIMIT 10 OFFSET 1000")]
playlists = [r[0] for r in con.execute("SELECT name FROM playlists GROUP BY name HAVING count(*) = 1 ORDER BY name LIMIT 10")]
cases = [("recommend TRACK_ID", [[t] for t in tracks]),
         ("recommend --playlist NAME", [["--playlist", p] for p in playlists]),
         ("recommend --listener bench", [["--listener", "bench"]] * 10)]
for label, argsets in cases:
    samples = {name: [] for name in binaries}
    for args in argsets:
        for name, binary in binaries.items():
            start = time.perf_counter()
            subprocess.run([binary, "recommend", "--db", db[name], *args], check=True, capture_output=True)
            samples[name].append((time.perf_counter() - start) * 1000)
    b, a = statistics.median(samples["before"]), statistics.median(samples["after"])
    print(f"| {label}, median ms | {b:.0f} | {a:.0f} | {a / b:.2f} |")

def serve(name):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    server = subprocess.Popen([binaries[name], "serve", "--db", db[name], "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/assets/app.js", timeout=2).read(); break
        except Exception:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"
pages = ["/", "/genres", "/popularity", "/clusters", "/trends", f"/recommend?track={tracks[0]}",
         "/listening?listener=bench"]
servers = {name: serve(name) for name in binaries}
try:
    for page in pages:
        samples = {name: [] for name in binaries}
        for name, (_, base) in servers.items():
            urllib.request.urlopen(base + page, timeout=120).read()  # the first request computes the page's data
        for _ in range(10):
            for name, (_, base) in servers.items():
                start = time.perf_counter()
                urllib.request.urlopen(base + page, timeout=120).read()
                samples[name].append((time.perf_counter() - start) * 1000)
        b, a = statistics.median(samples["before"]), statistics.median(samples["after"])
        print(f"| page {page}, median ms after a first request | {b:.1f} | {a:.1f} | {a / b:.2f} |")
finally:
    for server, _ in servers.values():
        server.terminate(); server.wait()
PY
