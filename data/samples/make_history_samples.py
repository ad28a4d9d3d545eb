"""Writes the synthetic listening-history samples in data/samples/history (run from the repo root).

The plays are made up, in the exact formats of Spotify's privacy exports: account data
(StreamingHistory_music_0.json: endTime, artistName, trackName, msPlayed) and extended streaming history
(Streaming_History_Audio_*.json in the 2023+ layout, endsong_0.json in the older one), with the fields Jukebox
must never store filled with fake values (IP addresses from the documentation ranges 192.0.2.0/24,
198.51.100.0/24 and 203.0.113.0/24, a made-up user name and user agent). Some plays are of tracks in the
bundled samples, some of tracks only the playlist sample has (linked when it is loaded), some of no sample
track; there are podcast and audiobook plays, skipped plays, and a second extended file that overlaps the first
(a second download) by four plays.
"""
import json

def extended(ts, ms, uri, name, artist, album, reason_start="clickrow", reason_end="trackdone", shuffle=False,
             skipped=False, episode=None, show=None, episode_uri=None, audiobook=None, audiobook_uri=None, ip="203.0.113.42"):
    return {
        "ts": ts, "platform": "android", "ms_played": ms, "conn_country": "SE", "ip_addr": ip,
        "master_metadata_track_name": name, "master_metadata_album_artist_name": artist,
        "master_metadata_album_album_name": album, "spotify_track_uri": uri,
        "episode_name": episode, "episode_show_name": show, "spotify_episode_uri": episode_uri,
        "audiobook_title": audiobook, "audiobook_uri": audiobook_uri,
        "audiobook_chapter_uri": None, "audiobook_chapter_title": None,
        "reason_start": reason_start, "reason_end": reason_end, "shuffle": shuffle, "skipped": skipped,
        "offline": False, "offline_timestamp": None, "incognito_mode": False,
    }

audio_2023 = [
    extended("2023-03-01T07:15:02Z", 230666, "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "Comedy", "Gen Hoshino", "Comedy"),
    extended("2023-03-01T07:19:01Z", 12000, "spotify:track:3S0OXQeoh0w6AY8WQVckRW", "I'm Yours", "Jason Mraz",
             "We Sing. We Dance. We Steal Things.", reason_end="fwdbtn", skipped=True),
    extended("2023-03-01T07:23:30Z", 0, None, None, None, None, reason_start="appload", reason_end="endplay",
             episode="Episode 12: Tempo", show="The Mix Podcast", episode_uri="spotify:episode:0Zb2u7aB8cD9eF0gH1iJ2k"),
    extended("2023-03-02T18:40:11Z", 263000, "spotify:track:7rdtBpPpe4knfd7aD98h9X", "Take Me to Your Heart",
             "Michael Learns To Rock", "Michael Learns To Rock", shuffle=True, ip="198.51.100.7"),
    extended("2023-03-02T18:44:51Z", 181000, "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "Never Gonna Give You Up",
             "Rick Astley", "Whenever You Need Somebody", shuffle=True, ip="198.51.100.7"),
    extended("2023-03-03T21:05:00Z", 1503000, None, None, None, None, reason_start="clickrow", reason_end="logout",
             audiobook="A Made-Up Audiobook", audiobook_uri="spotify:show:7aB8cD9eF0gH1iJ2kL3mN4"),
    extended("2023-03-04T09:00:41Z", 174000, "spotify:track:5vjLSffimiIP26QG5WcN2K", "Hold On", "Chord Overstreet", "Hold On"),
    extended("2023-03-04T09:03:35Z", 9000, "spotify:track:0IktbUcnAGrvD03AWnz3Q8", "Lucky", "Jason Mraz",
             "We Sing. We Dance. We Steal Things.", reason_end="fwdbtn", skipped=True),
    extended("2023-03-04T09:07:10Z", 189000, "spotify:track:1lgN0A2Vki2FTON5PYq42m", "Warriors", "Imagine Dragons",
             "Smoke + Mirrors (Deluxe)"),
    extended("2023-03-05T12:00:00Z", 240000, None, "A Local File", "Someone Local", "Home Recordings", reason_start="clickrow"),
]
# A second download covering the end of the first and some later plays.
audio_2023_2024 = audio_2023[-4:] + [
    extended("2024-01-10T08:00:12Z", 230000, "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "Comedy", "Gen Hoshino", "Comedy", ip="192.0.2.55"),
    extended("2024-01-10T08:04:40Z", 41000, "spotify:track:7dQC53NiYOY9gKg3Qsu2Bs", "All Out of Love", "Air Supply", "Lost in Love",
             reason_end="fwdbtn", skipped=True, ip="192.0.2.55"),
    extended("2024-01-10T08:09:02Z", 0, None, None, None, None, episode="Episode 13: Keys", show="The Mix Podcast",
             episode_uri="spotify:episode:1Ac3v8bB9dD0eF1gH2iJ3l", ip="192.0.2.55"),
]
account = [
    {"endTime": "2023-02-10 20:01", "artistName": "GEN HOSHINO", "trackName": "comedy", "msPlayed": 230666},
    {"endTime": "2023-02-10 20:05", "artistName": "BNegao", "trackName": "Reza Forte", "msPlayed": 201000},
    {"endTime": "2023-02-10 20:09", "artistName": "Major Lazer", "trackName": "Que Calor", "msPlayed": 187000},
    {"endTime": "2023-02-10 20:12", "artistName": "Air Supply", "trackName": "All Out Of Love", "msPlayed": 199000},
    {"endTime": "2023-02-10 20:13", "artistName": "Beyoncé", "trackName": "Halo", "msPlayed": 8000},
    {"endTime": "2023-02-11 07:30", "artistName": "Jason Mraz", "trackName": "I'm Yours", "msPlayed": 242000},
    {"endTime": "2023-02-11 07:34", "artistName": "Jason Mraz", "trackName": "I'm Yours", "msPlayed": 242000},
    {"endTime": "2023-02-11 07:40", "artistName": "Unknown Artist", "trackName": "Unknown Track", "msPlayed": 0},
]
endsong = [
    {"ts": "2019-06-01T10:00:00Z", "username": "jukebox_test_user", "platform": "Android OS 9 API 28 (samsung, SM-G960F)",
     "ms_played": 230666, "conn_country": "SE", "ip_addr_decrypted": "203.0.113.99",
     "user_agent_decrypted": "unknown", "master_metadata_track_name": "Comedy",
     "master_metadata_album_artist_name": "Gen Hoshino", "master_metadata_album_album_name": "Comedy",
     "spotify_track_uri": "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "episode_name": None, "episode_show_name": None,
     "spotify_episode_uri": None, "reason_start": "trackdone", "reason_end": "trackdone", "shuffle": False,
     "skipped": None, "offline": False, "offline_timestamp": 0, "incognito_mode": False},
    {"ts": "2019-06-01T10:04:00Z", "username": "jukebox_test_user", "platform": "Android OS 9 API 28 (samsung, SM-G960F)",
     "ms_played": "a while", "conn_country": "SE", "ip_addr_decrypted": "203.0.113.99",
     "user_agent_decrypted": "unknown", "master_metadata_track_name": "Hold On",
     "master_metadata_album_artist_name": "Chord Overstreet", "master_metadata_album_album_name": "Hold On",
     "spotify_track_uri": "spotify:track:5vjLSffimiIP26QG5WcN2K", "episode_name": None, "episode_show_name": None,
     "spotify_episode_uri": None, "reason_start": "trackdone", "reason_end": "trackdone", "shuffle": False,
     "skipped": None, "offline": False, "offline_timestamp": 0, "incognito_mode": False},
]

def write(name, entries, separators=(",", ":"), indent=None):
    with open(f"data/samples/history/{name}", "w", encoding="utf-8") as f:
        json.dump(entries, f, ensure_ascii=False, indent=indent, separators=separators)

write("StreamingHistory_music_0.json", account, separators=(",", " : "), indent=2)
write("Streaming_History_Audio_2023.json", audio_2023, indent=4, separators=(",", ": "))
write("Streaming_History_Audio_2023-2024.json", audio_2023_2024, indent=4, separators=(",", ": "))
write("endsong_0.json", endsong)
