-- The normalized warehouse: one row per thing, link tables for the many-to-many parts.

-- Every run of `jukebox ingest`, including refused and interrupted ones.
CREATE TABLE ingests (
    ingest_id            INTEGER PRIMARY KEY,
    file_name            TEXT    NOT NULL,
    file_sha256          TEXT    NOT NULL,
    file_bytes           INTEGER NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at           TEXT    NOT NULL,   -- ISO-8601 UTC
    finished_at          TEXT,
    rows_read            INTEGER NOT NULL DEFAULT 0,
    rows_accepted        INTEGER NOT NULL DEFAULT 0,
    rows_rejected        INTEGER NOT NULL DEFAULT 0,
    rows_duplicate       INTEGER NOT NULL DEFAULT 0,  -- exact repeats of an earlier row of the same file
    tracks_new           INTEGER NOT NULL DEFAULT 0,
    tracks_updated       INTEGER NOT NULL DEFAULT 0,
    popularity_conflicts INTEGER NOT NULL DEFAULT 0,  -- tracks given different popularity values in this file
    process_id           INTEGER,                     -- lets a later run tell a killed ingest from a live one
    message              TEXT
);
CREATE INDEX idx_ingests_file_sha256 ON ingests(file_sha256);

-- Rows a file could not load, with the reason; nothing is silently dropped.
CREATE TABLE rejects (
    reject_id   INTEGER PRIMARY KEY,
    ingest_id   INTEGER NOT NULL REFERENCES ingests(ingest_id) ON DELETE CASCADE,
    line_number INTEGER NOT NULL,   -- 1-based physical line where the record starts (the header is line 1)
    raw_line    TEXT    NOT NULL,
    reason      TEXT    NOT NULL
);
CREATE INDEX idx_rejects_ingest_id ON rejects(ingest_id);

CREATE TABLE artists (
    artist_id INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE
);

-- An album is identified by Spotify's album id when a dump has one, else by name and lead artist.
CREATE TABLE albums (
    album_id         INTEGER PRIMARY KEY,
    album_key        TEXT NOT NULL UNIQUE,
    spotify_album_id TEXT,
    name             TEXT NOT NULL
);

CREATE TABLE tracks (
    track_id         TEXT    PRIMARY KEY,  -- Spotify id, or 'jb-' + hash of artist and title for dumps without one
    id_is_derived    INTEGER NOT NULL DEFAULT 0 CHECK (id_is_derived IN (0, 1)),
    name             TEXT    NOT NULL,
    album_id         INTEGER REFERENCES albums(album_id),
    duration_ms      INTEGER CHECK (duration_ms > 0),
    explicit         INTEGER CHECK (explicit IN (0, 1)),
    release_date     TEXT,                 -- as precise as the dump gives it: YYYY, YYYY-MM or YYYY-MM-DD
    release_year     INTEGER,
    first_ingest_id  INTEGER NOT NULL REFERENCES ingests(ingest_id),
    last_ingest_id   INTEGER NOT NULL REFERENCES ingests(ingest_id)
) WITHOUT ROWID;
CREATE INDEX idx_tracks_album_id ON tracks(album_id);

-- Credited artists in order (position 1 is the lead artist).
CREATE TABLE track_artists (
    track_id  TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    artist_id INTEGER NOT NULL REFERENCES artists(artist_id),
    PRIMARY KEY (track_id, position)
) WITHOUT ROWID;
CREATE INDEX idx_track_artists_artist_id ON track_artists(artist_id);

CREATE TABLE genres (
    genre_id INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE
);

CREATE TABLE track_genres (
    track_id        TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    genre_id        INTEGER NOT NULL REFERENCES genres(genre_id),
    first_ingest_id INTEGER NOT NULL REFERENCES ingests(ingest_id),
    PRIMARY KEY (track_id, genre_id)
) WITHOUT ROWID;
CREATE INDEX idx_track_genres_genre_id ON track_genres(genre_id);

-- Spotify's audio analysis; NULL where a dump lacks the column.
CREATE TABLE audio_features (
    track_id         TEXT PRIMARY KEY REFERENCES tracks(track_id) ON DELETE CASCADE,
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
) WITHOUT ROWID;

-- One popularity reading per track per ingest: history accumulates across dumps.
CREATE TABLE popularity_observations (
    track_id   TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    ingest_id  INTEGER NOT NULL REFERENCES ingests(ingest_id),
    popularity INTEGER NOT NULL CHECK (popularity BETWEEN 0 AND 100),
    PRIMARY KEY (track_id, ingest_id)
) WITHOUT ROWID;
