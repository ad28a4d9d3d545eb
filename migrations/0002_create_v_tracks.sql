-- One row per track with everything a query or a model needs; later issues rely on these names.
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
    (SELECT po.popularity FROM popularity_observations po
        WHERE po.track_id = t.track_id ORDER BY po.ingest_id DESC LIMIT 1) AS popularity,
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
