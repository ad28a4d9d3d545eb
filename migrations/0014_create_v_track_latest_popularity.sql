-- A track's latest popularity, defined once: the reading of the newest ingest that observed it. `v_tracks` and every
-- query that ranks by popularity (`TrackSQL.latestPopularity`) look it up here by track_id, so SQLite flattens it
-- into a seek on the (track_id, ingest_id) index.
CREATE VIEW v_track_latest_popularity AS
SELECT po.track_id, po.popularity
FROM popularity_observations po
WHERE po.ingest_id = (SELECT max(newer.ingest_id) FROM popularity_observations newer WHERE newer.track_id = po.track_id);

-- The same columns in the same order as 0002; only `popularity` now reads the view above.
DROP VIEW v_tracks;
CREATE VIEW v_tracks AS
SELECT
    t.track_id,
    t.name AS track_name,
    (SELECT group_concat(name, ';') FROM (
        SELECT a.name FROM track_artists ta JOIN artists a USING (artist_id)
        WHERE ta.track_id = t.track_id ORDER BY ta.position)) AS artists,
    al.name AS album_name,
    (SELECT group_concat(name, ';') FROM (
        SELECT g.name FROM track_genres tg JOIN genres g USING (genre_id)
        WHERE tg.track_id = t.track_id ORDER BY g.name)) AS genres,
    (SELECT lp.popularity FROM v_track_latest_popularity lp WHERE lp.track_id = t.track_id) AS popularity,
    t.release_year,
    t.duration_ms,
    t.explicit,
    f.danceability,
    f.energy,
    f.key,
    f.loudness,
    f.mode,
    f.speechiness,
    f.acousticness,
    f.instrumentalness,
    f.liveness,
    f.valence,
    f.tempo,
    f.time_signature,
    t.release_date,
    t.id_is_derived
FROM tracks t
LEFT JOIN albums al ON al.album_id = t.album_id
LEFT JOIN audio_features f ON f.track_id = t.track_id;
