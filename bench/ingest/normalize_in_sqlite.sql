-- A lower bound for any normalized load, timed by bench/ingest/run.sh with the sqlite3 shell: SQLite alone
-- writes rows that are already parsed, validated, deduplicated and keyed (normalize_prepare.sql, attached
-- as `prep`) into a freshly migrated warehouse, the way a first `jukebox ingest` does: indexes dropped,
-- rows appended, indexes built, one commit. An ingest does all of this and parses the CSV besides.
PRAGMA cache_size = -262144;
PRAGMA temp_store = MEMORY;
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = NORMAL;
PRAGMA threads = 2;
BEGIN IMMEDIATE;
INSERT INTO ingests (ingest_id, file_name, file_sha256, file_bytes, status, started_at) VALUES (1, 'flat', '', 0, 'running', 't');
-- @drop-indexes (run.sh puts the DROP INDEX statements of the track tables here, read from the schema)

INSERT INTO genres (genre_id, name) SELECT id, name FROM prep.genre_ids;
INSERT INTO artists (artist_id, name) SELECT id, name FROM prep.artist_ids;
INSERT INTO albums (album_id, album_key, name) SELECT id, album_name || char(31) || artists, album_name FROM prep.album_ids;
INSERT INTO tracks (track_id, name, album_id, duration_ms, explicit, first_ingest_id, last_ingest_id)
    SELECT track_id, track_name, album_id, duration_ms, explicit = 'True', 1, 1 FROM prep.keyed_tracks;
INSERT INTO track_artists (track_id, position, artist_id) SELECT track_id, 1, artist_id FROM prep.keyed_tracks;
INSERT INTO track_genres (track_id, genre_id, first_ingest_id) SELECT track_id, genre_id, 1 FROM prep.track_genre_pairs;
INSERT INTO audio_features (track_id, danceability, energy, key, loudness, mode, speechiness, acousticness,
                            instrumentalness, liveness, valence, tempo, time_signature)
    SELECT track_id, danceability, energy, key, loudness, mode, speechiness, acousticness, instrumentalness, liveness,
           valence, tempo, time_signature FROM prep.keyed_tracks;
INSERT INTO popularity_observations (track_id, ingest_id, popularity) SELECT track_id, 1, popularity FROM prep.keyed_tracks;

-- @create-indexes (and their CREATE INDEX statements here)
UPDATE ingests SET status = 'succeeded' WHERE ingest_id = 1;
COMMIT;
