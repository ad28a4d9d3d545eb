"""Writes the listening-history samples of the other services (run from the repo root): data/samples/lastfm,
listenbrainz, maloja and apple_music. The plays are made up; the shapes are those of the real exports (see each
folder's NOTES.md for where the shape comes from).

The Last.fm and ListenBrainz samples scrobble some of the plays of data/samples/history/Streaming_History_Audio_2023.json,
stamped as a scrobbler does (the start: Spotify's end less ms_played, a few seconds later), so that loading both
shows one play, not two. Every sample has entries of each kind a reader must account for: plays of tracks in the
bundled samples, plays of no sample track, and malformed entries.
"""
import csv, io, json, zipfile
from datetime import datetime, timezone

def uts(text):
    return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())

def human(seconds, comma=True):
    d = datetime.fromtimestamp(seconds, timezone.utc)
    return d.strftime("%d %b %Y, %H:%M" if comma else "%d %b %Y %H:%M")

# (Spotify end, ms_played, title, artist, album, Spotify id) of the extended sample's plays a scrobbler also sent,
# with the seconds the scrobbler's start stamp is late by.
shared = [
    ("2023-03-01T07:15:02Z", 230666, "Comedy", "Gen Hoshino", "Comedy", "5SuOikwiRyPMVoIQDJUgSV", 2),
    ("2023-03-02T18:40:11Z", 263000, "Take Me to Your Heart", "Michael Learns To Rock", "Michael Learns To Rock", "7rdtBpPpe4knfd7aD98h9X", 4),
    ("2023-03-02T18:44:51Z", 181000, "Never Gonna Give You Up", "Rick Astley", "Whenever You Need Somebody", "4uLU6hMCjMI75M1A2tKUQC", 1),
    ("2023-03-04T09:00:41Z", 174000, "Hold On", "Chord Overstreet", "Hold On", "5vjLSffimiIP26QG5WcN2K", 5),
    ("2023-03-04T09:07:10Z", 189000, "Warriors", "Imagine Dragons", "Smoke + Mirrors (Deluxe)", "1lgN0A2Vki2FTON5PYq42m", 3),
]
def start_of(end, ms, late):
    return uts(end) - ms // 1000 + late

# --- Last.fm, the common export: every field quoted, uts the start. ---
rows = [(start_of(e, ms, late), artist, "", album, "", title, "") for e, ms, title, artist, album, _, late in shared]
rows += [
    (uts("2019-11-02T21:38:00Z"), "Gen Hoshino", "", "Comedy", "", "Comedy", ""),          # an older play of a sample track
    (uts("2019-11-02T21:45:10Z"), "Radiohead", "a74b1b7f-71a5-4011-9441-d0b5e4122711", "OK Computer", "", "Airbag", ""),
    ("soon", "Radiohead", "", "OK Computer", "", "Paranoid Android", ""),                    # not a Unix time: a reject
    (uts("2019-11-02T21:59:00Z"), "Radiohead", "", "OK Computer", "", "", ""),               # no track: a reject
]
out = io.StringIO()
w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
w.writerow(["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track", "track_mbid"])
for u, artist, artist_mbid, album, album_mbid, track, track_mbid in rows:
    w.writerow([u, human(u) if isinstance(u, int) else "", artist, artist_mbid, album, album_mbid, track, track_mbid])
open("data/samples/lastfm/scrobbles.csv", "w").write(out.getvalue())

# --- Last.fm, the older header-less export: artist,album,track,date (UTC, to the minute). ---
out = io.StringIO()
w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
w.writerow(["Jason Mraz", "We Sing. We Dance. We Steal Things.", "I'm Yours", human(uts("2018-05-06T10:02:00Z"), comma=False)])
w.writerow(["Air Supply", "Lost in Love", "All Out of Love", human(uts("2018-05-06T10:06:00Z"), comma=False)])
w.writerow(["Beyoncé", "I Am... Sasha Fierce", "Halo", human(uts("2018-05-06T10:10:00Z"), comma=False)])
w.writerow(["Beyoncé", "I Am... Sasha Fierce", "If I Were a Boy", "sometime in May"])           # a reject
open("data/samples/lastfm/lastfm-to-csv.csv", "w").write(out.getvalue())

# --- ListenBrainz: one listen per line; listened_at the start. ---
def listen(at, artist, title, release=None, spotify=None, duration_ms=None):
    info = {"submission_client": "a made-up scrobbler", "music_service": "spotify.com" if spotify else None}
    if spotify: info["spotify_id"] = "https://open.spotify.com/track/" + spotify
    if duration_ms: info["duration_ms"] = duration_ms
    return {"listened_at": at, "inserted_at": at + 3, "recording_msid": "00000000-0000-4000-8000-%012d" % at,
            "track_metadata": {"artist_name": artist, "track_name": title, "release_name": release,
                               "additional_info": {k: v for k, v in info.items() if v is not None}}}
march = [listen(start_of(e, ms, late), artist, title, album, sid, ms) for e, ms, title, artist, album, sid, late in shared[:3]]
march.append(listen(uts("2023-03-06T20:00:00Z"), "Major Lazer", "Que Calor", "Que Calor"))
january = [listen(uts("2024-01-12T19:30:00Z"), "Beyoncé", "Halo", "I Am... Sasha Fierce", duration_ms=261000),
           listen(uts("2024-01-12T19:35:00Z"), "Beyoncé", "", "I Am... Sasha Fierce")]        # no track name: a reject
def jsonl(listens, extra=""):
    return "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in listens) + extra
open("data/samples/listenbrainz/listens.jsonl", "w").write(jsonl(march + january, "{\"listened_at\": 1678000000, \"track_metadata\": \n"))
with zipfile.ZipFile("data/samples/listenbrainz/listenbrainz_export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("user.json", json.dumps({"user_id": 1, "username": "a-made-up-user"}))
    z.writestr("feedback.jsonl", json.dumps({"recording_mbid": None, "score": 1, "created": 1678000000}) + "\n")
    z.writestr("listens/2023/3.jsonl", jsonl(march))
    z.writestr("listens/2024/1.jsonl", jsonl(january))

# --- Maloja: {"scrobbles": [...]}; time the start, duration the seconds played, track.length the track's. ---
def scrobble(at, artists, title, album=None, length=None, duration=None):
    return {"time": at, "track": {"artists": artists, "title": title,
                                  "album": {"albumtitle": album, "artists": artists} if album else None, "length": length},
            "duration": duration, "origin": "client:a-made-up-scrobbler"}
maloja = {"scrobbles": [
    scrobble(uts("2022-07-01T08:00:00Z"), ["Gen Hoshino"], "Comedy", "Comedy", 231, 231),
    scrobble(uts("2022-07-01T08:04:00Z"), ["Silk Sonic", "Bruno Mars", "Anderson .Paak"], "Skate", None, 203, None),
    scrobble(uts("2022-07-01T08:08:00Z"), ["Imagine Dragons"], "Warriors", "Smoke + Mirrors (Deluxe)", None, 0),  # 0 s: skipped by rule
    {"artists": ["Rick Astley"], "title": "Never Gonna Give You Up", "album": None, "duration": 213, "time": uts("2021-01-01T00:00:00Z")},
    {"time": "yesterday", "track": {"artists": ["Rick Astley"], "title": "Together Forever"}},                   # a reject
]}
open("data/samples/maloja/maloja_export_2022_07_02_10_00_00.json", "w").write(json.dumps(maloja, indent=3, ensure_ascii=False))

# --- Apple Music Play Activity.csv: one row per event, no artist column, end timestamps with milliseconds. ---
header = ["Album Name", "Client IP Address", "Container Type", "Device Identifier", "End Position In Milliseconds",
          "End Reason Type", "Event End Timestamp", "Event Reason Hint Type", "Event Start Timestamp", "Event Type",
          "Feature Name", "Media Duration In Milliseconds", "Media Type", "Play Duration Milliseconds", "Song Name",
          "Start Position In Milliseconds", "UTC Offset In Seconds"]
def event(album, song, end, ms, reason="NATURAL_END_OF_TRACK", kind="PLAY_END", duration=None):
    return [album, "203.0.113.77", "ALBUM", "00000000-FAKE-DEVICE", str(ms), reason, end, "", "", kind, "library / album-detail",
            str(duration or max(ms, 1)), "AUDIO", str(ms), song, "0", "3600"]
apple = [
    event("Comedy", "Comedy", "2021-06-01T17:03:51.120Z", 230666),
    event("Hold On", "Hold On", "2021-06-01T17:07:00.000Z", 20000, reason="TRACK_SKIPPED_FORWARDS", duration=174000),
    event("A Made-Up Album", "A Made-Up Song", "2021-06-01T17:12:00.500Z", 200000),
    event("Comedy", "Comedy", "2021-06-01T17:12:30.000Z", 0, kind="PLAY_START"),                               # no play: skipped by rule
    event("Comedy", "Comedy", "2021-06-01T17:13:00.000Z", 0, reason="PLAYBACK_MANUALLY_PAUSED"),                # zero-length: skipped by rule
    event("Comedy", "Comedy", "2021-06-01T17:20:00.000Z", -5000),                                             # negative: a reject
]
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(header)
w.writerows(apple)
open("data/samples/apple_music/Apple Music Play Activity.csv", "w").write(out.getvalue())
