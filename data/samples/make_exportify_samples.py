"""Writes the Exportify samples in data/samples/exportify (run from the repo root).

Two playlist exports in the two layouts Exportify writes, with real track ids, names and albums from the
bundled samples and made-up playlist dates: `Road Trip.csv` (UTF-8 byte-order mark, `Genres`, audio columns,
empty in rows exported after Spotify stopped giving audio features) and `Chill Mix.csv` (every field quoted,
URIs for artists and albums, `Artist Genres`, no audio columns). Artist lists are comma-separated with a comma
inside a name escaped as `\\,`. Each file has a row with an empty Track URI and `Road Trip.csv` a local file,
both rejects.
"""
import csv

layout1 = ["Track URI", "Track Name", "Album Name", "Artist Name(s)", "Release Date", "Duration (ms)", "Popularity",
           "Explicit", "Added By", "Added At", "Genres", "Record Label", "Danceability", "Energy", "Key", "Loudness",
           "Mode", "Speechiness", "Acousticness", "Instrumentalness", "Liveness", "Valence", "Tempo", "Time Signature"]
audio = lambda *v: [str(x) for x in v]
no_audio = [""] * 12
road_trip = [
    ["spotify:track:5SuOikwiRyPMVoIQDJUgSV", "Comedy", "Comedy", "Gen Hoshino", "2019-01-30", "230666", "73", "false",
     "spotify:user:jukeboxdemo", "2021-06-01T18:02:11Z", "j-pop,j-rock", "Speedstar Records"]
    + audio(0.676, 0.461, 1, -6.746, 0, 0.143, 0.0322, 1.01e-06, 0.358, 0.715, 87.917, 4),
    ["spotify:track:0IktbUcnAGrvD03AWnz3Q8", "Lucky", "We Sing. We Dance. We Steal Things.", "Jason Mraz,Colbie Caillat",
     "2008-05-13", "189613", "74", "false", "spotify:user:jukeboxdemo", "2025-02-14T09:30:00Z",
     "acoustic pop,neo mellow,pop,singer-songwriter", "Atlantic Records"] + no_audio,
    ["spotify:track:7rdtBpPpe4knfd7aD98h9X", "Take Me to Your Heart", "Michael Learns To Rock", "Michael Learns To Rock",
     "2004-01-01", "261600", "70", "false", "spotify:user:jukeboxdemo", "2025-02-14T09:31:40Z", "danish pop,soft rock",
     "Medley"] + no_audio,
    ["", "Track Without A URI", "Somewhere", "Nobody", "2020", "200000", "0", "false", "spotify:user:jukeboxdemo",
     "2025-02-14T09:33:00Z", "", ""] + no_audio,
    ["spotify:local:Tyler%2C+The+Creator:IGOR:EARFQUAKE:190", "EARFQUAKE", "IGOR", "Tyler\\, The Creator", "", "190000",
     "0", "false", "spotify:user:jukeboxdemo", "2025-02-14T09:35:00Z", "", ""] + no_audio,
]
with open("data/samples/exportify/Road Trip.csv", "w", newline="", encoding="utf-8-sig") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(layout1)
    writer.writerows(road_trip)

layout2 = ["Track URI", "Track Name", "Artist URI(s)", "Artist Name(s)", "Album URI", "Album Name", "Album Artist URI(s)",
           "Album Artist Name(s)", "Album Release Date", "Album Image URL", "Disc Number", "Track Number",
           "Track Duration (ms)", "Track Preview URL", "Explicit", "Popularity", "ISRC", "Added By", "Added At",
           "Artist Genres"]
chill_mix = [
    ["spotify:track:3S0OXQeoh0w6AY8WQVckRW", "I'm Yours", "spotify:artist:4phGZZrJZRo4ElhRtViYdl", "Jason Mraz",
     "spotify:album:04G0YylSjvDQZrjOfE5jA5", "We Sing. We Dance. We Steal Things.", "spotify:artist:4phGZZrJZRo4ElhRtViYdl",
     "Jason Mraz", "2008-05-13", "https://i.scdn.co/image/ab67616d0000b273fake0000000000000000000001", "1", "1", "242946",
     "", "false", "81", "USAT20803006", "spotify:user:jukeboxdemo", "2024-11-30T21:00:05Z", "acoustic pop,neo mellow,pop"],
    ["spotify:track:7dQC53NiYOY9gKg3Qsu2Bs", "All Out of Love", "spotify:artist:4mXJYgsMiQXsIEfmoZGfmE", "Air Supply",
     "spotify:album:2kZtL6cYdbVHiBsPYpQbwB", "Lost in Love", "spotify:artist:4mXJYgsMiQXsIEfmoZGfmE", "Air Supply",
     "1980", "https://i.scdn.co/image/ab67616d0000b273fake0000000000000000000002", "1", "3", "242466", "", "false", "74",
     "USAR18000021", "spotify:user:jukeboxdemo", "2024-11-30T21:01:10Z", "adult standards,mellow gold,soft rock"],
    ["spotify:track:1sviDBcAqVOxMXq4xITVEs", "Que Calor (feat. J Balvin & El Alfa)",
     "spotify:artist:738wLrAtLtCtFOLvQBXOXp, spotify:artist:1vyhD5VmyZ7KMfW5gqLgo5, spotify:artist:2oQX8QiMXOyuqbcZEFsZfm",
     "Major Lazer, J Balvin, El Alfa", "spotify:album:6kgwh2EpV1JDXRSZKkeMjU", "Que Calor (feat. J Balvin & El Alfa)",
     "spotify:artist:738wLrAtLtCtFOLvQBXOXp", "Major Lazer", "2019-09-19",
     "https://i.scdn.co/image/ab67616d0000b273fake0000000000000000000003", "1", "1", "190000", "", "false", "74",
     "USQX91901234", "spotify:user:jukeboxdemo", "2024-11-30T21:02:40Z", "electro house,moombahton,reggaeton,dembow"],
    ["", "Gone From Spotify", "", "Someone", "", "Old Album", "", "Someone", "2001", "", "1", "2", "180000", "", "false",
     "0", "", "spotify:user:jukeboxdemo", "2024-11-30T21:03:00Z", ""],
]
with open("data/samples/exportify/Chill Mix.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(layout2)
    writer.writerows(chill_mix)
