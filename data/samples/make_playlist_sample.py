"""Cuts data/samples/spotify_playlists_sample.csv from the TidyTuesday playlist dump (real rows, unchanged).

Usage (from the repo root): python3 data/samples/make_playlist_sample.py /work/shared/data/spotify_playlists_2020.csv

Whole playlists only, so membership counts are the source's: the twelve smallest playlists, a playlist the
dump lists under two subgenres (its rows repeat most tracks), and the smallest playlist sharing a track
with one already chosen (a track in two playlists).
"""
import csv
import collections
import sys

source = sys.argv[1]
with open(source, newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = list(reader)
pid = header.index("playlist_id")
sub = header.index("playlist_subgenre")
tid = header.index("track_id")
by_playlist = collections.defaultdict(list)
for i, row in enumerate(rows):
    by_playlist[row[pid]].append(i)
subgenres = {p: {rows[i][sub] for i in idx} for p, idx in by_playlist.items()}
chosen = sorted(by_playlist, key=lambda p: (len(by_playlist[p]), p))[:12]
chosen.append(min((p for p in by_playlist if len(subgenres[p]) > 1), key=lambda p: (len(by_playlist[p]), p)))
tracks = {rows[i][tid] for p in chosen for i in by_playlist[p]}
sharing = [p for p in by_playlist if p not in chosen and any(rows[i][tid] in tracks for i in by_playlist[p])]
chosen.append(min(sharing, key=lambda p: (len(by_playlist[p]), p)))
keep = sorted(i for p in chosen for i in by_playlist[p])
with open("data/samples/spotify_playlists_sample.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header)
    for i in keep:
        writer.writerow(rows[i])
members = {(rows[i][pid], rows[i][tid]) for i in keep}
print(f"{len(keep)} rows, {len(chosen)} playlists, {len(members)} memberships, {len({rows[i][tid] for i in keep})} tracks")
