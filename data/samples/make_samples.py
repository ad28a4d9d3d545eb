"""Cuts the small real samples the tests load from the bundled dumps (run from the repo root).

The rows are real and unchanged; they are chosen to contain every quirk the ingest rules cover:
tracks under several genres, exact duplicate rows, popularity conflicts, the row with no artist,
`set()` genres and repeated (artist, song) pairs.
"""
import csv
import collections

def pick_spotify():
    with open("data/spotify_tracks.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    by_track = collections.defaultdict(list)
    for i, row in enumerate(rows):
        by_track[row[1]].append(i)
    chosen = set(range(150))
    multi = [t for t, idx in by_track.items() if len(idx) >= 3][:8]
    for t in multi:
        chosen.update(by_track[t])
    seen, dups = {}, []
    for i, row in enumerate(rows):
        key = tuple(row[1:])
        if key in seen and len(dups) < 5:
            dups.append((seen[key], i))
        seen.setdefault(key, i)
    for a, b in dups:
        chosen.update((a, b))
    conflicts = [t for t, idx in by_track.items() if len({rows[i][5] for i in idx}) > 1][:5]
    for t in conflicts:
        chosen.update(by_track[t])
    chosen.update(i for i, row in enumerate(rows) if row[2] == "")
    with open("data/samples/spotify_tracks_sample.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for i in sorted(chosen):
            writer.writerow(rows[i])
    return multi, dups, conflicts

def pick_top_hits():
    with open("data/top_hits_2000_2019.csv", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    chosen = set(range(120))
    chosen.update(i for i, row in enumerate(rows) if row[-1] == "set()")
    by_song = collections.defaultdict(list)
    for i, row in enumerate(rows):
        by_song[(row[0], row[1])].append(i)
    for indices in [v for v in by_song.values() if len(v) > 1][:3]:
        chosen.update(indices)
    with open("data/samples/top_hits_sample.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for i in sorted(chosen):
            writer.writerow(rows[i])

if __name__ == "__main__":
    print(pick_spotify())
    pick_top_hits()
