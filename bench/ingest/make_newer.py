"""Writes a newer dump of a Spotify tracks dump, the nightly case: the same tracks, a third of them (by track id,
so every row of a track agrees) with a changed popularity, and 1% new tracks (copies of random rows under fresh
ids). Seeded, so every run of the benchmark loads the same file.

    python3 make_newer.py SOURCE.csv TARGET.csv [SEED]
"""
import csv
import random
import sys

source, target = sys.argv[1], sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 20)
alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

with open(source, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
id_column, popularity_column = header.index("track_id"), header.index("popularity")

# A third of the distinct tracks get a new popularity, never the one they had.
track_ids = sorted({row[id_column] for row in rows})
changed = {}
for track_id in rng.sample(track_ids, len(track_ids) // 3):
    changed[track_id] = rng.choice([d for d in range(-10, 11) if d != 0])

newer = []
for row in rows:
    row = list(row)
    if row[id_column] in changed and row[popularity_column].isdigit():
        old = int(row[popularity_column])
        new = min(100, max(0, old + changed[row[id_column]]))
        row[popularity_column] = str(new if new != old else (old + 1 if old < 100 else old - 1))
    newer.append(row)

# 1% new tracks: random rows again under fresh random ids (a Spotify id's length and alphabet, none of the known ones).
known = set(track_ids)
for row in rng.sample(rows, len(rows) // 100):
    row = list(row)
    while True:
        fresh = "".join(rng.choice(alphabet) for _ in range(22))
        if fresh not in known:
            break
    known.add(fresh)
    row[id_column] = fresh
    newer.insert(rng.randrange(len(newer) + 1), row)

with open(target, "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    for index, row in enumerate(newer):
        row[0] = str(index)
        writer.writerow(row)
