-- The tables an ingest fills become rowid tables whose keys live in named indexes. Same columns, same
-- constraints, same answers to every query; what changes is how a first load can fill them: a load into
-- an empty warehouse drops these indexes, appends the rows and builds each index once by sorting, which
-- is several times cheaper than keeping text-keyed B-trees in order row by row (see README, Speed).
-- Every later ingest keeps the indexes and relies on them.
--
-- Rebuilt the SQLite way: new table, copy, drop, rename. The migrator runs this with foreign keys off
-- (a DROP would otherwise cascade) and checks every link before it commits. legacy_alter_table keeps
-- RENAME from rewriting the views that name these tables: they name them again once the rename is done.
PRAGMA legacy_alter_table = ON;

CREATE TABLE artists_rebuilt (
    artist_id INTEGER PRIMARY KEY,
    name      TEXT NOT NULL
);
INSERT INTO artists_rebuilt (artist_id, name) SELECT artist_id, name FROM artists;
DROP TABLE artists;
ALTER TABLE artists_rebuilt RENAME TO artists;
CREATE UNIQUE INDEX idx_artists_name ON artists(name);

CREATE TABLE albums_rebuilt (
    album_id         INTEGER PRIMARY KEY,
    album_key        TEXT NOT NULL,
    spotify_album_id TEXT,
    name             TEXT NOT NULL
);
INSERT INTO albums_rebuilt (album_id, album_key, spotify_album_id, name) SELECT album_id, album_key, spotify_album_id, name FROM albums;
DROP TABLE albums;
ALTER TABLE albums_rebuilt RENAME TO albums;
CREATE UNIQUE INDEX idx_albums_album_key ON albums(album_key);

CREATE TABLE tracks_rebuilt (
    track_id         TEXT    NOT NULL,     -- Spotify id, or 'jb-' + hash of artist and title for dumps without one
    id_is_derived    INTEGER NOT NULL DEFAULT 0 CHECK (id_is_derived IN (0, 1)),
    name             TEXT    NOT NULL,
    album_id         INTEGER REFERENCES albums(album_id),
    duration_ms      INTEGER CHECK (duration_ms > 0),
    explicit         INTEGER CHECK (explicit IN (0, 1)),
    release_date     TEXT,                 -- as precise as the dump gives it: YYYY, YYYY-MM or YYYY-MM-DD
    release_year     INTEGER,
    first_ingest_id  INTEGER NOT NULL REFERENCES ingests(ingest_id),
    last_ingest_id   INTEGER NOT NULL REFERENCES ingests(ingest_id)
);
INSERT INTO tracks_rebuilt SELECT track_id, id_is_derived, name, album_id, duration_ms, explicit, release_date, release_year,
                                  first_ingest_id, last_ingest_id FROM tracks;
DROP TABLE tracks;
ALTER TABLE tracks_rebuilt RENAME TO tracks;
-- The natural key: every table that names a track points here.
CREATE UNIQUE INDEX idx_tracks_track_id ON tracks(track_id);
CREATE INDEX idx_tracks_album_id ON tracks(album_id);

-- Credited artists in order (position 1 is the lead artist).
CREATE TABLE track_artists_rebuilt (
    track_id  TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    artist_id INTEGER NOT NULL REFERENCES artists(artist_id)
);
INSERT INTO track_artists_rebuilt SELECT track_id, position, artist_id FROM track_artists;
DROP TABLE track_artists;
ALTER TABLE track_artists_rebuilt RENAME TO track_artists;
CREATE UNIQUE INDEX idx_track_artists_track_id_position ON track_artists(track_id, position);
CREATE INDEX idx_track_artists_artist_id ON track_artists(artist_id);

CREATE TABLE track_genres_rebuilt (
    track_id        TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    genre_id        INTEGER NOT NULL REFERENCES genres(genre_id),
    first_ingest_id INTEGER NOT NULL REFERENCES ingests(ingest_id)
);
INSERT INTO track_genres_rebuilt SELECT track_id, genre_id, first_ingest_id FROM track_genres;
DROP TABLE track_genres;
ALTER TABLE track_genres_rebuilt RENAME TO track_genres;
CREATE UNIQUE INDEX idx_track_genres_track_id_genre_id ON track_genres(track_id, genre_id);
CREATE INDEX idx_track_genres_genre_id ON track_genres(genre_id);

-- Spotify's audio analysis; NULL where a dump lacks the column.
CREATE TABLE audio_features_rebuilt (
    track_id         TEXT NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    danceability     REAL CHECK (danceability BETWEEN 0 AND 1),
    energy           REAL CHECK (energy BETWEEN 0 AND 1),
    key              INTEGER CHECK (key BETWEEN -1 AND 11),
    loudness         REAL,
    mode             INTEGER CHECK (mode IN (0, 1)),
    speechiness      REAL CHECK (speechiness BETWEEN 0 AND 1),
    acousticness     REAL CHECK (acousticness BETWEEN 0 AND 1),
    instrumentalness REAL CHECK (instrumentalness BETWEEN 0 AND 1),
    liveness         REAL CHECK (liveness BETWEEN 0 AND 1),
    valence          REAL CHECK (valence BETWEEN 0 AND 1),
    tempo            REAL CHECK (tempo >= 0),
    time_signature   INTEGER CHECK (time_signature BETWEEN 0 AND 7)
);
INSERT INTO audio_features_rebuilt SELECT track_id, danceability, energy, key, loudness, mode, speechiness, acousticness,
                                          instrumentalness, liveness, valence, tempo, time_signature FROM audio_features;
DROP TABLE audio_features;
ALTER TABLE audio_features_rebuilt RENAME TO audio_features;
CREATE UNIQUE INDEX idx_audio_features_track_id ON audio_features(track_id);

-- One popularity reading per track per ingest: history accumulates across dumps.
CREATE TABLE popularity_observations_rebuilt (
    track_id   TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    ingest_id  INTEGER NOT NULL REFERENCES ingests(ingest_id),
    popularity INTEGER NOT NULL CHECK (popularity BETWEEN 0 AND 100)
);
INSERT INTO popularity_observations_rebuilt SELECT track_id, ingest_id, popularity FROM popularity_observations;
DROP TABLE popularity_observations;
ALTER TABLE popularity_observations_rebuilt RENAME TO popularity_observations;
CREATE UNIQUE INDEX idx_popularity_observations_track_id_ingest_id ON popularity_observations(track_id, ingest_id);

PRAGMA legacy_alter_table = OFF;
