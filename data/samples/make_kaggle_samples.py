"""Writes the Kaggle samples in data/samples/kaggle (run from the repo root).

Small files in the shapes of two Kaggle dumps people load, written as those dumps write them (Python-list
literals for artists, ids and genres; floats for followers and the 1.2M dump's time signature; `0000` for an
unknown date), with real track and artist ids and names; audio values are real-shaped, some made up:
- `tracks_features.csv`: "Spotify 1.2M+ Songs" (no popularity, `artist_ids`, `track_number`, `disc_number`, `year`).
- `tracks.csv` and `artists.csv`: "Spotify Dataset 1921-2020, 600k+ Tracks" (`id_artists`; artists with
  followers, genres and popularity).
Each tracks file has a row with an empty id (a reject); `artists.csv` has a namesake of a listed artist with
another id and a row whose id is not a Spotify id (both rejects).
"""
import csv

features_header = ["id", "name", "album", "album_id", "artists", "artist_ids", "track_number", "disc_number", "explicit",
                   "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness",
                   "liveness", "valence", "tempo", "duration_ms", "time_signature", "year", "release_date"]
features_rows = [
    ["7lmeHLHBe4nmXzuXc0HDjk", "Testify", "The Battle Of Los Angeles", "2eia0myWFgoHuttJytCxgX",
     "['Rage Against The Machine']", "['2d0hyoQ5ynDBnkvAbJKORj']", "1", "1", "False", "0.47", "0.978", "7", "-5.399",
     "1", "0.0727", "0.0261", "1.09e-05", "0.356", "0.503", "117.906", "210133", "4.0", "1999", "1999-11-02"],
    ["1wsRitfRRtWyEapl0q22o8", "Guerrilla Radio", "The Battle Of Los Angeles", "2eia0myWFgoHuttJytCxgX",
     "['Rage Against The Machine']", "['2d0hyoQ5ynDBnkvAbJKORj']", "2", "1", "True", "0.599", "0.957", "11", "-5.764",
     "1", "0.188", "0.0129", "7.06e-05", "0.155", "0.489", "103.68", "206200", "4.0", "1999", "1999-11-02"],
    ["0IktbUcnAGrvD03AWnz3Q8", "Lucky", "We Sing. We Dance. We Steal Things.", "04G0YylSjvDQZrjOfE5jA5",
     "['Jason Mraz', 'Colbie Caillat']", "['4phGZZrJZRo4ElhRtViYdl', '6aZyMrc4doVtZyKNilOmwu']", "9", "1", "False",
     "0.625", "0.414", "0", "-8.7", "1", "0.0369", "0.294", "0", "0.151", "0.669", "130.088", "189613", "4.0", "2008",
     "2008-05-13"],
    ["0G21yYKMZoHa30cYVi1iA8", "Welcome To The Jungle", "Appetite For Destruction", "28yHV3Gdg30AiB8h8em1eW",
     "[\"Guns N' Roses\"]", "['3qm84nBOXUEQ2vnTfUTTFC']", "1", "1", "False", "0.445", "0.964", "8", "-5.007", "1",
     "0.0656", "0.0223", "0.0101", "0.258", "0.419", "123.474", "271333", "4.0", "1987", "1987-07-21"],
    ["6kRyu6Yvvt8oVD5zsWzvQs", "Ao Vivo Num Sonho", "Ao Vivo Num Sonho", "3pXlyu8t2tK1Z0o6LV6Nfl",
     "['Banda Sonho Meu']", "['1hUKb3uTRbeU8hXbnOpLqB']", "1", "2", "False", "0.701", "0.623", "2", "-7.1", "0",
     "0.0412", "0.455", "0", "0.701", "0.812", "98.03", "185000", "3.0", "0", "0000"],
    ["", "Hidden Track", "The Battle Of Los Angeles", "2eia0myWFgoHuttJytCxgX", "['Rage Against The Machine']",
     "['2d0hyoQ5ynDBnkvAbJKORj']", "13", "1", "False", "0.5", "0.9", "1", "-6", "1", "0.05", "0.01", "0.01", "0.1", "0.4",
     "110", "200000", "4.0", "1999", "1999-11-02"],
]

tracks_header = ["id", "name", "popularity", "duration_ms", "explicit", "artists", "id_artists", "release_date", "danceability",
                 "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness", "liveness", "valence",
                 "tempo", "time_signature"]
tracks_rows = [
    ["35iwgR4jXetI318WEWsa1Q", "Carve", "6", "126903", "0", "['Uli']", "['45tIt06XoI0Iio4LBEVpls']", "1922-02-22", "0.645",
     "0.445", "0", "-13.338", "1", "0.451", "0.674", "0.744", "0.151", "0.127", "104.851", "3"],
    ["021ht4sdgPcrDgSk7JTbKY", "Capítulo 2.16 - Banquero Anarquista", "0", "98200", "0", "['Fernando Pessoa']",
     "['14jtPCOoNZwquk5wd9DxrY']", "1922", "0.695", "0.263", "0", "-22.136", "1", "0.957", "0.797", "0", "0.148", "0.655",
     "102.009", "1"],
    ["7lmeHLHBe4nmXzuXc0HDjk", "Testify", "62", "210133", "0", "['Rage Against The Machine']", "['2d0hyoQ5ynDBnkvAbJKORj']",
     "1999-11-02", "0.47", "0.978", "7", "-5.399", "1", "0.0727", "0.0261", "1.09e-05", "0.356", "0.503", "117.906", "4"],
    ["0IktbUcnAGrvD03AWnz3Q8", "Lucky", "74", "189613", "0", "['Jason Mraz', 'Colbie Caillat']",
     "['4phGZZrJZRo4ElhRtViYdl', '6aZyMrc4doVtZyKNilOmwu']", "2008-05-13", "0.625", "0.414", "0", "-8.7", "1", "0.0369",
     "0.294", "0", "0.151", "0.669", "130.088", "4"],
    ["7KA4W4McWYRpgf0fWsJZWB", "See You Again (feat. Kali Uchis)", "86", "180387", "1", "['Tyler, The Creator', 'Kali Uchis']",
     "['4V8LLVI7PbaPR0K2TGSxFF', '1U1el3k54VvEUzo3ybLPlM']", "2017-07-21", "0.558", "0.559", "6", "-9.222", "1", "0.0959",
     "0.371", "7.19e-06", "0.109", "0.62", "78.558", "4"],
    ["", "Track Without An Id", "10", "150000", "0", "['Uli']", "['45tIt06XoI0Iio4LBEVpls']", "1922", "0.5", "0.4", "1", "-10",
     "1", "0.1", "0.5", "0.2", "0.1", "0.3", "100", "4"],
]

artists_header = ["id", "followers", "genres", "name", "popularity"]
artists_rows = [
    ["45tIt06XoI0Iio4LBEVpls", "91.0", "[]", "Uli", "4"],
    ["14jtPCOoNZwquk5wd9DxrY", "3.0", "[]", "Fernando Pessoa", "0"],
    ["2d0hyoQ5ynDBnkvAbJKORj", "5436442.0", "['alternative metal', 'alternative rock', 'funk metal', 'nu metal', 'rap metal', 'rock']",
     "Rage Against The Machine", "75"],
    ["4phGZZrJZRo4ElhRtViYdl", "4208130.0", "['acoustic pop', 'neo mellow', 'pop', 'pop rock']", "Jason Mraz", "78"],
    ["4V8LLVI7PbaPR0K2TGSxFF", "8125315.0", "['hip hop', 'rap']", "Tyler, The Creator", "86"],
    ["1U1el3k54VvEUzo3ybLPlM", "", "['colombian pop', 'latin', 'r&b en espanol']", "Kali Uchis", "83"],
    ["0DheY5irMjBUeLybbCUEZ2", "0.0", "['persian pop']", "Armid & Amir Zare Pashai feat. Sara Rouzbehani", "0"],
    ["5hlkqtVbdBzH0UpNAtGpgn", "12.0", "['schlager']", "Uli", "1"],
    ["not-an-artist-id", "1.0", "[]", "Nobody", "0"],
]

for name, header, rows in [("tracks_features.csv", features_header, features_rows), ("tracks.csv", tracks_header, tracks_rows),
                           ("artists.csv", artists_header, artists_rows)]:
    with open("data/samples/kaggle/" + name, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
