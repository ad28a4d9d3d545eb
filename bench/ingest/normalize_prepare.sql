-- Untimed preparation for normalize_in_sqlite.sql, run by bench/ingest/run.sh inside the flat import's
-- database: the rows already deduplicated and keyed, as an ingest holds them in memory. Each artists field
-- counts as one artist, and the one row ingest rejects (no artists, no name) is left out.
CREATE TABLE artist_ids AS SELECT artists AS name, row_number() OVER () AS id FROM (SELECT DISTINCT artists FROM tracks);
CREATE TABLE album_ids AS SELECT album_name, artists, row_number() OVER () AS id FROM (SELECT DISTINCT album_name, artists FROM tracks);
CREATE INDEX artist_ids_name ON artist_ids(name);
CREATE INDEX album_ids_key ON album_ids(album_name, artists);
CREATE TABLE genre_ids AS SELECT name, row_number() OVER () AS id FROM (SELECT DISTINCT track_genre AS name FROM tracks);
CREATE TABLE first_rows AS SELECT * FROM tracks
    WHERE rowid IN (SELECT min(rowid) FROM tracks WHERE artists <> '' AND track_name <> '' GROUP BY track_id);
CREATE TABLE keyed_tracks AS
    SELECT f.*, al.id AS album_id, ar.id AS artist_id FROM first_rows f
    JOIN album_ids al ON al.album_name = f.album_name AND al.artists = f.artists
    JOIN artist_ids ar ON ar.name = f.artists;
CREATE TABLE track_genre_pairs AS
    SELECT DISTINCT t.track_id, g.id AS genre_id FROM tracks t JOIN genre_ids g ON g.name = t.track_genre
    WHERE t.track_id IN (SELECT track_id FROM first_rows);
