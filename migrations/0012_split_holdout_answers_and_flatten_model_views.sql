-- 1. The champion views hold the served model's answer (the one `predict` and `explain` give); the holdout
--    evaluation's own answers (the model that was scored, before it learned from every track) get tables and
--    views of their own, named as such, so the holdout figures stay checkable and no track reads two answers.
-- 2. The model views are single-table selects whose derived columns are lookups by track_id, so SQLite flattens
--    them into any query and two of them join on track_id through their primary keys, in time linear in their
--    rows (as joins of model_runs and v_tracks, the right side of a LEFT JOIN was materialized and scanned for
--    every row of the left).
-- 3. A track's first genre is one view, read by the popularity training view and checked against Swift's rule.

CREATE TABLE genre_holdout_predictions (
    run_id      INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id    TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),
    genre       TEXT    NOT NULL,
    probability REAL    NOT NULL,
    PRIMARY KEY (run_id, track_id, rank)
) WITHOUT ROWID;

CREATE TABLE popularity_holdout_predictions (
    run_id               INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id             TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    predicted_popularity REAL    NOT NULL,
    PRIMARY KEY (run_id, track_id)
) WITHOUT ROWID;

-- Runs written before this migration stored the evaluated model's answers for their holdout tracks.
INSERT INTO genre_holdout_predictions (run_id, track_id, rank, genre, probability)
SELECT run_id, track_id, rank, genre, probability FROM genre_predictions WHERE in_holdout = 1;
INSERT INTO popularity_holdout_predictions (run_id, track_id, predicted_popularity)
SELECT run_id, track_id, predicted_popularity FROM popularity_predictions WHERE in_holdout = 1;

-- A track's first genre: the least tag name in byte order, over every vocabulary.
CREATE VIEW v_track_first_genre AS
SELECT tg.track_id, min(g.name) AS genre
FROM track_genres tg JOIN genres g USING (genre_id)
GROUP BY tg.track_id;

DROP VIEW v_popularity_training;
CREATE VIEW v_popularity_training AS
SELECT t.track_id, t.popularity, t.danceability, t.energy, t.key, t.loudness, t.mode, t.speechiness,
       t.acousticness, t.instrumentalness, t.liveness, t.valence, t.tempo, t.duration_ms, t.time_signature,
       t.explicit,
       (SELECT fg.genre FROM v_track_first_genre fg WHERE fg.track_id = t.track_id) AS genre
FROM v_tracks t
WHERE t.popularity IS NOT NULL AND t.danceability IS NOT NULL;

DROP VIEW v_genre_predictions;
CREATE VIEW v_genre_predictions AS
SELECT p.track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = p.track_id) AS track_name,
       (SELECT t.artists FROM v_tracks t WHERE t.track_id = p.track_id) AS artists,
       (SELECT t.genres FROM v_tracks t WHERE t.track_id = p.track_id) AS actual_genres,
       p.genre AS predicted_genre, p.probability AS genre_probability,
       (SELECT q.genre FROM genre_predictions q WHERE q.run_id = p.run_id AND q.track_id = p.track_id AND q.rank = 2) AS second_genre,
       (SELECT q.probability FROM genre_predictions q WHERE q.run_id = p.run_id AND q.track_id = p.track_id AND q.rank = 2) AS second_probability,
       (SELECT q.genre FROM genre_predictions q WHERE q.run_id = p.run_id AND q.track_id = p.track_id AND q.rank = 3) AS third_genre,
       (SELECT q.probability FROM genre_predictions q WHERE q.run_id = p.run_id AND q.track_id = p.track_id AND q.rank = 3) AS third_probability,
       p.in_holdout, p.run_id
FROM genre_predictions p
WHERE p.rank = 1
  AND p.run_id = (SELECT r.run_id FROM model_runs r WHERE r.task = 'genre' AND r.feature_set = 'full' AND r.is_champion = 1);

DROP VIEW v_popularity_predictions;
CREATE VIEW v_popularity_predictions AS
SELECT p.track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = p.track_id) AS track_name,
       (SELECT t.artists FROM v_tracks t WHERE t.track_id = p.track_id) AS artists,
       (SELECT t.popularity FROM v_tracks t WHERE t.track_id = p.track_id) AS actual_popularity,
       p.predicted_popularity,
       p.predicted_popularity - (SELECT t.popularity FROM v_tracks t WHERE t.track_id = p.track_id) AS residual,
       p.in_holdout, p.run_id
FROM popularity_predictions p
WHERE p.run_id = (SELECT r.run_id FROM model_runs r WHERE r.task = 'popularity' AND r.feature_set = 'full' AND r.is_champion = 1);

-- The genre champion's evaluated answers for its holdout tracks (what its holdout metrics were measured on).
CREATE VIEW v_genre_holdout_predictions AS
SELECT p.track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = p.track_id) AS track_name,
       (SELECT t.genres FROM v_tracks t WHERE t.track_id = p.track_id) AS actual_genres,
       p.genre AS predicted_genre, p.probability AS genre_probability,
       (SELECT q.genre FROM genre_holdout_predictions q WHERE q.run_id = p.run_id AND q.track_id = p.track_id AND q.rank = 2) AS second_genre,
       (SELECT q.genre FROM genre_holdout_predictions q WHERE q.run_id = p.run_id AND q.track_id = p.track_id AND q.rank = 3) AS third_genre,
       p.run_id
FROM genre_holdout_predictions p
WHERE p.rank = 1
  AND p.run_id = (SELECT r.run_id FROM model_runs r WHERE r.task = 'genre' AND r.feature_set = 'full' AND r.is_champion = 1);

-- The popularity champion's evaluated answers for its holdout tracks.
CREATE VIEW v_popularity_holdout_predictions AS
SELECT p.track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = p.track_id) AS track_name,
       (SELECT t.popularity FROM v_tracks t WHERE t.track_id = p.track_id) AS actual_popularity,
       p.predicted_popularity,
       p.predicted_popularity - (SELECT t.popularity FROM v_tracks t WHERE t.track_id = p.track_id) AS residual,
       p.run_id
FROM popularity_holdout_predictions p
WHERE p.run_id = (SELECT r.run_id FROM model_runs r WHERE r.task = 'popularity' AND r.feature_set = 'full' AND r.is_champion = 1);

DROP VIEW v_track_clusters;
CREATE VIEW v_track_clusters AS
SELECT c.track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = c.track_id) AS track_name,
       (SELECT t.artists FROM v_tracks t WHERE t.track_id = c.track_id) AS artists,
       (SELECT t.genres FROM v_tracks t WHERE t.track_id = c.track_id) AS genres,
       c.cluster_id, c.distance, c.run_id
FROM cluster_assignments c
WHERE c.run_id = (SELECT r.run_id FROM model_runs r WHERE r.task = 'clusters' AND r.is_champion = 1);

DROP VIEW v_track_neighbours;
CREATE VIEW v_track_neighbours AS
SELECT n.track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = n.track_id) AS track_name,
       (SELECT t.artists FROM v_tracks t WHERE t.track_id = n.track_id) AS artists,
       n.rank, n.neighbour_track_id,
       (SELECT t.track_name FROM v_tracks t WHERE t.track_id = n.neighbour_track_id) AS neighbour_name,
       (SELECT t.artists FROM v_tracks t WHERE t.track_id = n.neighbour_track_id) AS neighbour_artists,
       n.distance, n.run_id
FROM track_neighbours n
WHERE n.run_id = (SELECT r.run_id FROM model_runs r WHERE r.task = 'neighbours' AND r.is_champion = 1);
