#!/usr/bin/env bash
# `jukebox playlist` and `jukebox explain` latency (release build): whole processes, from process start to exit, on
# a warehouse of the bundled dumps trained with `jukebox tour` (or `train all`). Prints the median and worst wall
# time and the median CPU time (user + system: what a loaded machine cannot inflate) over 10 tracks or genres each.
#
#   bench/cli/run.sh [WAREHOUSE.sqlite]    (default: builds bench/out/cli/jukebox.sqlite with `jukebox tour`)
#   JUKEBOX_BIN=path uses a binary already built; JUKEBOX_BIN_BEFORE=path also times that one, alternating.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/release-binary.sh
db="${1:-}"
if [ -z "$db" ]; then
    mkdir -p bench/out/cli
    db=bench/out/cli/jukebox.sqlite
    [ -f "$db" ] || "$jukebox" tour --db "$db" >/dev/null 2>&1
fi
python3 - "$db" "$jukebox" ${JUKEBOX_BIN_BEFORE:-} <<'PY'
import os, statistics, subprocess, sys, time, sqlite3
db, binaries = sys.argv[1], sys.argv[2:]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
ids = [r[0] for r in con.execute("SELECT track_id FROM audio_features ORDER BY track_id LIMIT 10 OFFSET 5000")]
genres = [r[0] for r in con.execute("""SELECT g.name FROM genres g JOIN track_genres tg USING (genre_id)
                                       GROUP BY g.genre_id ORDER BY count(*) DESC, g.name LIMIT 10""")]
cases = [("playlist --genre G -c 20", [["playlist", "--genre", g, "-c", "20"] for g in genres]),
         ("playlist --seed ID -c 20", [["playlist", "--seed", t, "-c", "20"] for t in ids]),
         ("playlist --valence 0.8 --energy 0.7 -c 20", [["playlist", "--valence", "0.8", "--energy", "0.7", "-c", "20"]] * 10),
         ("explain ID", [["explain", t] for t in ids])]
def run(binary, args):
    before = os.times()
    start = time.perf_counter()
    subprocess.run([binary, *args, "--db", db], check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = os.times()
    cpu = ((after.children_user - before.children_user) + (after.children_system - before.children_system)) * 1000
    return wall, cpu
print(f"load average before: {os.getloadavg()[0]:.1f}")
print("| command | binary | median ms | worst ms | median CPU ms |")
print("|---|---|---:|---:|---:|")
for name, argsets in cases:
    samples = {b: [] for b in binaries}
    for args in argsets:
        for binary in binaries:
            samples[binary].append(run(binary, args))
    for binary in binaries:
        walls, cpus = [w for w, _ in samples[binary]], [c for _, c in samples[binary]]
        label = "after" if binary == binaries[0] else "before"
        print(f"| {name} | {label if len(binaries) > 1 else os.path.basename(binary)} | {statistics.median(walls):.0f} | {max(walls):.0f} | {statistics.median(cpus):.0f} |")
print(f"load average after: {os.getloadavg()[0]:.1f}")
PY
