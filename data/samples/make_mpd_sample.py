"""Writes the Million Playlist Dataset sample in data/samples/mpd (run from the repo root).

One slice in the dataset's shape (`mpd.slice.0-2.json`: an `info` block, then playlists with `pid`, `name`,
`collaborative`, `modified_at`, `num_tracks`, ... and their `tracks` with `pos`, URIs and names; pretty-printed
with an indent of 4 as the dataset is), holding three made-up playlists of real tracks. Playlist 0 lists one track
twice; playlist 1 has a local file (no Spotify track id: a reject) between its tracks.
"""
import json

def track(pos, uri, name, artist, artist_uri, album_uri, album, duration):
    return {"pos": pos, "artist_name": artist, "track_uri": uri, "artist_uri": artist_uri, "track_name": name,
            "album_uri": album_uri, "duration_ms": duration, "album_name": album}

ratm = ("Rage Against The Machine", "spotify:artist:2d0hyoQ5ynDBnkvAbJKORj")
testify = ("spotify:track:7lmeHLHBe4nmXzuXc0HDjk", "Testify", *ratm, "spotify:album:2eia0myWFgoHuttJytCxgX",
           "The Battle Of Los Angeles", 210133)
mraz = ("Jason Mraz", "spotify:artist:4phGZZrJZRo4ElhRtViYdl")
playlists = [
    ("Throwbacks", 1509148800, [
        track(0, *testify),
        track(1, "spotify:track:1wsRitfRRtWyEapl0q22o8", "Guerrilla Radio", *ratm, "spotify:album:2eia0myWFgoHuttJytCxgX",
              "The Battle Of Los Angeles", 206200),
        track(2, "spotify:track:0G21yYKMZoHa30cYVi1iA8", "Welcome To The Jungle", "Guns N' Roses",
              "spotify:artist:3qm84nBOXUEQ2vnTfUTTFC", "spotify:album:28yHV3Gdg30AiB8h8em1eW", "Appetite For Destruction", 271333),
        track(3, *testify),
    ]),
    ("chill", 1493424000, [
        track(0, "spotify:track:3S0OXQeoh0w6AY8WQVckRW", "I'm Yours", *mraz, "spotify:album:04G0YylSjvDQZrjOfE5jA5",
              "We Sing. We Dance. We Steal Things.", 242946),
        track(1, "spotify:local:Someone:Demo:Demo+Song:200", "Demo Song", "Someone", "", "", "Demo", 200000),
        track(2, "spotify:track:0IktbUcnAGrvD03AWnz3Q8", "Lucky", *mraz, "spotify:album:04G0YylSjvDQZrjOfE5jA5",
              "We Sing. We Dance. We Steal Things.", 189613),
        track(3, "spotify:track:7dQC53NiYOY9gKg3Qsu2Bs", "All Out of Love", "Air Supply", "spotify:artist:4mXJYgsMiQXsIEfmoZGfmE",
              "spotify:album:2kZtL6cYdbVHiBsPYpQbwB", "Lost in Love", 242466),
    ]),
    ("J-Pop", 1500940800, [
        track(0, "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "Comedy", "Gen Hoshino", "spotify:artist:1S2S00lgLYLGHWA44qGEUs",
              "spotify:album:7fdVN8qPGb4S0Xd6MpRNbY", "Comedy", 230666),
        track(1, "spotify:track:3S0OXQeoh0w6AY8WQVckRW", "I'm Yours", *mraz, "spotify:album:04G0YylSjvDQZrjOfE5jA5",
              "We Sing. We Dance. We Steal Things.", 242946),
    ]),
]
data = {
    "info": {"generated_on": "2017-12-03 08:41:42.057563", "slice": "0-2", "version": "v1"},
    "playlists": [
        {"name": name, "collaborative": "false", "pid": pid, "modified_at": modified, "num_tracks": len(tracks),
         "num_albums": len({t["album_uri"] for t in tracks}), "num_followers": 1, "tracks": tracks,
         "num_edits": 3, "duration_ms": sum(t["duration_ms"] for t in tracks), "num_artists": len({t["artist_uri"] for t in tracks})}
        for pid, (name, modified, tracks) in enumerate(playlists)
    ],
}
with open("data/samples/mpd/mpd.slice.0-2.json", "w", encoding="utf-8") as f:
    json.dump(data, f, indent=4, ensure_ascii=False)
