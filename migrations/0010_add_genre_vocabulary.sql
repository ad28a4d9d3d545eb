-- Each genre label keeps the vocabulary it came from: the header of the dump column its tags were read from
-- ('track_genre' in the Spotify Tracks layout, 'genre' in the top-hits one). The bundled dumps name genres
-- differently ('hip hop' and 'hip-hop', 'R&B' and 'r-n-b'), so the same name in two vocabularies is two labels,
-- and the genre classifier learns one vocabulary at a time.
--
-- Rebuilt the SQLite way (new table, copy, drop, rename; the migrator runs it with foreign keys off and checks
-- every link before it commits), since the name alone is no longer unique.
PRAGMA legacy_alter_table = ON;

CREATE TABLE genres_rebuilt (
    genre_id   INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    vocabulary TEXT NOT NULL DEFAULT 'track_genre'   -- the dump layout's genre column the label comes from
);
-- Back-filled from the ingest that introduced each label: the only layout without track ids (top hits) names its
-- genre column 'genre'; every other bundled layout with genre tags names it 'track_genre'.
INSERT INTO genres_rebuilt (genre_id, name, vocabulary)
SELECT g.genre_id, g.name,
       CASE WHEN (SELECT t.id_is_derived FROM track_genres tg JOIN tracks t USING (track_id)
                  WHERE tg.genre_id = g.genre_id ORDER BY tg.first_ingest_id LIMIT 1) = 1 THEN 'genre' ELSE 'track_genre' END
FROM genres g;
DROP TABLE genres;
ALTER TABLE genres_rebuilt RENAME TO genres;
CREATE UNIQUE INDEX idx_genres_vocabulary_name ON genres(vocabulary, name COLLATE NOCASE);
CREATE INDEX idx_genres_name ON genres(name);

PRAGMA legacy_alter_table = OFF;

-- Genre classification: one row per (track, genre tag), with the tag's vocabulary (the classifier learns one).
DROP VIEW v_genre_training;
CREATE VIEW v_genre_training AS
SELECT t.track_id, g.name AS genre, g.vocabulary, t.danceability, t.energy, t.key, t.loudness, t.mode, t.speechiness,
       t.acousticness, t.instrumentalness, t.liveness, t.valence, t.tempo, t.duration_ms, t.time_signature,
       t.explicit, t.popularity
FROM v_tracks t
JOIN track_genres tg ON tg.track_id = t.track_id
JOIN genres g ON g.genre_id = tg.genre_id
WHERE t.danceability IS NOT NULL;
