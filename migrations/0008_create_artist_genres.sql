-- Genres of artists as an export gives them (Exportify's Genres and Artist Genres): they describe the artist,
-- not the track, and are never a track's genre tags. Each label keeps the vocabulary (dump layout) it came from.
CREATE TABLE artist_genres (
    artist_id       INTEGER NOT NULL REFERENCES artists(artist_id),
    genre           TEXT    NOT NULL,
    vocabulary      TEXT    NOT NULL,   -- the dump layout the label comes from ('exportify')
    merged          INTEGER NOT NULL DEFAULT 0 CHECK (merged IN (0, 1)),
        -- 1: the export merged the genres of a track's several artists; they are attributed to its lead artist
    first_ingest_id INTEGER NOT NULL REFERENCES ingests(ingest_id)
);
CREATE UNIQUE INDEX idx_artist_genres_artist_id_vocabulary_genre ON artist_genres(artist_id, vocabulary, genre);
CREATE INDEX idx_artist_genres_genre ON artist_genres(genre);
