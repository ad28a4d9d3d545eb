-- Training views the models read, and champion views that join model outputs to v_tracks.

-- Genre classification: one row per (track, genre tag), audio features plus explicit and popularity.
CREATE VIEW v_genre_training AS
SELECT t.track_id, g.name AS genre, t.danceability, t.energy, t.key, t.loudness, t.mode, t.speechiness,
       t.acousticness, t.instrumentalness, t.liveness, t.valence, t.tempo, t.duration_ms, t.time_signature,
       t.explicit, t.popularity
FROM v_tracks t
JOIN track_genres tg ON tg.track_id = t.track_id
JOIN genres g ON g.genre_id = tg.genre_id
WHERE t.danceability IS NOT NULL;

-- Popularity regression: one row per track with a popularity, audio features, explicit and its first genre.
CREATE VIEW v_popularity_training AS
SELECT t.track_id, t.popularity, t.danceability, t.energy, t.key, t.loudness, t.mode, t.speechiness,
       t.acousticness, t.instrumentalness, t.liveness, t.valence, t.tempo, t.duration_ms, t.time_signature,
       t.explicit,
       (SELECT g.name FROM track_genres tg JOIN genres g USING (genre_id)
        WHERE tg.track_id = t.track_id ORDER BY g.name LIMIT 1) AS genre
FROM v_tracks t
WHERE t.popularity IS NOT NULL AND t.danceability IS NOT NULL;

-- Clustering and neighbours: the nine audio features that describe how a track sounds.
CREATE VIEW v_audio_features AS
SELECT track_id, danceability, energy, loudness, speechiness, acousticness, instrumentalness, liveness, valence, tempo
FROM audio_features
WHERE danceability IS NOT NULL AND energy IS NOT NULL AND loudness IS NOT NULL AND speechiness IS NOT NULL
  AND acousticness IS NOT NULL AND instrumentalness IS NOT NULL AND liveness IS NOT NULL AND valence IS NOT NULL
  AND tempo IS NOT NULL;

-- Each track's credited artists, for relational features.
CREATE VIEW v_track_artist_links AS
SELECT ta.track_id, ta.artist_id, ta.position, t.album_id
FROM track_artists ta JOIN tracks t USING (track_id);

-- The champion run of each task and feature set.
CREATE VIEW v_champions AS
SELECT run_id, task, feature_set, algorithm, metrics, finished_at FROM model_runs WHERE is_champion = 1;

-- The genre champion's top-3 genres for every track, next to its actual genres.
CREATE VIEW v_genre_predictions AS
SELECT t.track_id, t.track_name, t.artists, t.genres AS actual_genres,
       p1.genre AS predicted_genre, p1.probability AS genre_probability,
       p2.genre AS second_genre, p2.probability AS second_probability,
       p3.genre AS third_genre, p3.probability AS third_probability,
       p1.in_holdout, p1.run_id
FROM model_runs r
JOIN genre_predictions p1 ON p1.run_id = r.run_id AND p1.rank = 1
LEFT JOIN genre_predictions p2 ON p2.run_id = r.run_id AND p2.track_id = p1.track_id AND p2.rank = 2
LEFT JOIN genre_predictions p3 ON p3.run_id = r.run_id AND p3.track_id = p1.track_id AND p3.rank = 3
JOIN v_tracks t ON t.track_id = p1.track_id
WHERE r.task = 'genre' AND r.feature_set = 'full' AND r.is_champion = 1;

-- The popularity champion's prediction for every track, with the residual.
CREATE VIEW v_popularity_predictions AS
SELECT t.track_id, t.track_name, t.artists, t.popularity AS actual_popularity, p.predicted_popularity,
       p.predicted_popularity - t.popularity AS residual, p.in_holdout, p.run_id
FROM model_runs r
JOIN popularity_predictions p ON p.run_id = r.run_id
JOIN v_tracks t ON t.track_id = p.track_id
WHERE r.task = 'popularity' AND r.feature_set = 'full' AND r.is_champion = 1;

-- Every track's cluster in the champion clustering.
CREATE VIEW v_track_clusters AS
SELECT t.track_id, t.track_name, t.artists, t.genres, c.cluster_id, c.distance, c.run_id
FROM model_runs r
JOIN cluster_assignments c ON c.run_id = r.run_id
JOIN v_tracks t ON t.track_id = c.track_id
WHERE r.task = 'clusters' AND r.is_champion = 1;

-- Every track's nearest neighbours from the champion neighbours run.
CREATE VIEW v_track_neighbours AS
SELECT n.track_id, t.track_name, t.artists, n.rank, n.neighbour_track_id,
       nt.track_name AS neighbour_name, nt.artists AS neighbour_artists, n.distance, n.run_id
FROM model_runs r
JOIN track_neighbours n ON n.run_id = r.run_id
JOIN v_tracks t ON t.track_id = n.track_id
JOIN v_tracks nt ON nt.track_id = n.neighbour_track_id
WHERE r.task = 'neighbours' AND r.is_champion = 1;

-- Feature importances of every champion, by method.
CREATE VIEW v_feature_importances AS
SELECT r.task, r.feature_set, i.feature, i.method, i.value, i.spread, i.run_id
FROM model_runs r
JOIN feature_importances i ON i.run_id = r.run_id
WHERE r.is_champion = 1;
