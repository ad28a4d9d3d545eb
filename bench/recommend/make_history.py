"""Writes a made-up extended streaming history (Streaming_History_Audio layout) for the latency benchmark.

    python3 bench/recommend/make_history.py WAREHOUSE.sqlite OUT.json [PLAYS]

A listener who favours a few dozen artists of the warehouse (Zipf-like, seeded), over 18 months, with about 15%
skips (forward button, under 30 s) and a few plays of tracks the warehouse lacks: real-shaped, not real.
"""
import json
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

db, out = sys.argv[1], sys.argv[2]
plays = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
rng = random.Random(19)
rows = sqlite3.connect(db).execute("""
    SELECT t.track_id, t.name, a.name, t.duration_ms FROM tracks t
    JOIN track_artists ta ON ta.track_id = t.track_id AND ta.position = 1 JOIN artists a USING (artist_id)
    WHERE t.id_is_derived = 0 ORDER BY t.track_id""").fetchall()
by_artist = {}
for track_id, name, artist, duration in rows:
    by_artist.setdefault(artist, []).append((track_id, name, duration or 200000))
artists = sorted(by_artist)
favourites = rng.sample(artists, 60)
weights = [1 / (rank + 1) for rank in range(len(favourites))]
start = datetime(2024, 1, 1, tzinfo=timezone.utc)
entries = []
for i in range(plays):
    at = start + timedelta(seconds=rng.randrange(0, 540 * 86400))
    if rng.random() < 0.02:
        uri, name, artist, duration = None, f"Local file {rng.randrange(50)}", "Somebody Local", 180000
    else:
        artist = rng.choices(favourites, weights)[0] if rng.random() < 0.85 else rng.choice(artists)
        track_id, name, duration = rng.choice(by_artist[artist])
        uri = "spotify:track:" + track_id
    skipped = rng.random() < 0.15
    ms = rng.randrange(2000, 29000) if skipped else duration
    entries.append({
        "ts": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "platform": "android", "ms_played": ms, "conn_country": "SE",
        "ip_addr": "203.0.113.42", "master_metadata_track_name": name, "master_metadata_album_artist_name": artist,
        "master_metadata_album_album_name": None, "spotify_track_uri": uri, "episode_name": None,
        "episode_show_name": None, "spotify_episode_uri": None, "audiobook_title": None, "audiobook_uri": None,
        "reason_start": "clickrow", "reason_end": "fwdbtn" if skipped else "trackdone", "shuffle": False,
        "skipped": skipped, "offline": False, "offline_timestamp": None, "incognito_mode": False,
    })
entries.sort(key=lambda e: e["ts"])
with open(out, "w") as f:
    json.dump(entries, f)
