"""`jukebox recommend` latency with process start, two binaries in one run on one warehouse: a track seed, a playlist
and a listener, the runs of the two binaries interleaved so load from elsewhere falls on both alike.

    python3 bench/recommend/compare.py BEFORE_BIN AFTER_BIN WAREHOUSE.sqlite [AFTER_WAREHOUSE.sqlite]
The after binary runs on AFTER_WAREHOUSE when given: a copy of WAREHOUSE it has migrated and retrained (a binary
refuses a warehouse migrated past it, and migration 0015 keeps the audio space that `retrain` writes).
Build the warehouse as bench/recommend/run.sh does (the bundled dump, the playlist dump, a 20,000-play listener
'bench', `train clusters` and `train neighbours`). Standard library only.
"""
import sqlite3, statistics, subprocess, sys, time

before, after, db = sys.argv[1:4]
dbs = {before: db, after: sys.argv[4] if len(sys.argv) > 4 else db}
c = sqlite3.connect(db)
tracks = [r[0] for r in c.execute("SELECT track_id FROM v_audio_features ORDER BY track_id LIMIT 20 OFFSET 1000")]
playlists = [str(r[0]) for r in c.execute("SELECT playlist_id FROM playlists ORDER BY playlist_id LIMIT 20")]
cases = [("one seed track", [[t] for t in tracks]),
         ("--playlist ID", [["--playlist", p] for p in playlists]),
         ("--listener bench (20,000 plays)", [["--listener", "bench"]] * 20)]
print("| recommend | before median ms | after median ms | after / before |")
print("|---|---:|---:|---:|")
for name, argsets in cases:
    samples = {before: [], after: []}
    for args in argsets:
        for binary in (before, after):
            start = time.perf_counter()
            subprocess.run([binary, "recommend", "--db", dbs[binary], *args], check=True, capture_output=True)
            samples[binary].append((time.perf_counter() - start) * 1000)
    b, a = statistics.median(samples[before]), statistics.median(samples[after])
    print(f"| {name} | {b:.0f} | {a:.0f} | {a / b:.2f}x |")
