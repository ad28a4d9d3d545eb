"""Recommendations from one seed track, two binaries in one run (recall@10 on the real playlist dump).

For each playlist of the dump, one of its tracks (seeded choice) is the seed of `jukebox recommend TRACK -c 10`,
and recall@10 is the share of the playlist's other tracks that the ten answers hold. The warehouse is the dump's
tracks as a catalogue (one row per track, no playlist memberships), so no answer can read the playlist it is
scored against; both binaries answer from the same warehouse file, one after the other for each playlist.

    python3 bench/recommend/seed_track.py BEFORE_BIN AFTER_BIN DUMP.csv OUT_DIR
Standard library only.
"""
import csv, json, os, random, statistics, subprocess, sys, time

SEED = 2026
K = 10
PLAYLIST_COLUMNS = {"playlist_name", "playlist_id", "playlist_genre", "playlist_subgenre"}
before, after, dump, out = sys.argv[1:5]
os.makedirs(out, exist_ok=True)

with open(dump, newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f)
    header, rows = reader.fieldnames, list(reader)
members = {}
for row in rows:
    tracks = members.setdefault(row["playlist_id"], [])
    if row["track_id"] not in tracks:
        tracks.append(row["track_id"])
catalogue, seen = os.path.join(out, "catalogue.csv"), set()
track_header = [c for c in header if c not in PLAYLIST_COLUMNS]
with open(catalogue, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(track_header)
    for row in rows:
        if row["track_id"] not in seen:
            seen.add(row["track_id"])
            w.writerow([row[c] for c in track_header])
db = os.path.join(out, "catalogue.sqlite")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)
subprocess.run([before, "ingest", "--db", db, catalogue], check=True, capture_output=True)

rng = random.Random(SEED)
playlists = [p for p in sorted(members) if len(members[p]) >= 2]
seeds = {p: rng.choice(members[p]) for p in playlists}

def ask(binary, track):
    started = time.perf_counter()
    result = subprocess.run([binary, "recommend", "--db", db, track, "-c", str(K), "--format", "json"], capture_output=True, text=True)
    ms = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        return None, ms
    return [r["track_id"] for r in json.loads(result.stdout)], ms

recall = {"before": [], "after": []}
hits = {"before": 0, "after": 0}
failed = {"before": 0, "after": 0}
times = {"before": [], "after": []}
for p in playlists:
    truth = set(members[p]) - {seeds[p]}
    for name, binary in (("before", before), ("after", after)):
        got, ms = ask(binary, seeds[p])
        times[name].append(ms)
        if got is None:   # a seed without audio features: the audio recommender has nothing to measure
            failed[name] += 1
            got = []
        h = len(truth & set(got[:K]))
        hits[name] += h
        recall[name].append(h / len(truth))

print(f"{len(playlists)} playlists of {dump} (one seed track each, seeded choice {SEED}); warehouse: the dump's "
      f"{len(seen)} tracks as a catalogue, no memberships.\n")
print(f"| binary | recall@{K} (mean over playlists) | other tracks found | seeds with no answer | median ms |")
print("|---|---:|---:|---:|---:|")
for name, binary in (("before", before), ("after", after)):
    print(f"| {name} ({binary}) | {100 * statistics.mean(recall[name]):.1f}% | {hits[name]} | {failed[name]} | "
          f"{statistics.median(times[name]):.0f} |")
