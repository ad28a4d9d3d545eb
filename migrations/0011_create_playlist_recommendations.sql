-- Every playlist's continuation, written back by `jukebox train` (and refreshed by `retrain` when the data changed):
-- the same answer as `jukebox recommend --playlist`, stored for SQL and other tools.

-- One row per write-back: which data it saw, with which blend, how it went.
CREATE TABLE playlist_recommendation_runs (
    run_id         INTEGER PRIMARY KEY,
    data_ingest_id INTEGER,                -- the newest ingest the run saw
    weights        TEXT    NOT NULL,       -- the evidence blend, as `recommend --weights` writes it
    per_playlist   INTEGER NOT NULL,       -- recommendations asked per playlist
    playlists      INTEGER NOT NULL DEFAULT 0,
    rows_written   INTEGER NOT NULL DEFAULT 0,
    status         TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    message        TEXT,
    started_at     TEXT    NOT NULL,
    finished_at    TEXT,
    seconds        REAL
);

CREATE TABLE playlist_recommendations (
    run_id      INTEGER NOT NULL REFERENCES playlist_recommendation_runs(run_id) ON DELETE CASCADE,
    playlist_id INTEGER NOT NULL REFERENCES playlists(playlist_id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL CHECK (rank >= 1),
    track_id    TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    score       REAL    NOT NULL,
    reasons     TEXT    NOT NULL,          -- '; '-joined, strongest evidence first
    PRIMARY KEY (run_id, playlist_id, rank)
) WITHOUT ROWID;
CREATE INDEX idx_playlist_recommendations_playlist_id ON playlist_recommendations(playlist_id);
CREATE INDEX idx_playlist_recommendations_track_id ON playlist_recommendations(track_id);

-- The newest successful write-back, with names.
CREATE VIEW v_playlist_recommendations AS
SELECT pr.run_id, pr.playlist_id, p.name AS playlist_name, pr.rank, pr.track_id, t.name AS track_name, pr.score, pr.reasons
FROM playlist_recommendations pr
JOIN playlists p ON p.playlist_id = pr.playlist_id
JOIN tracks t ON t.track_id = pr.track_id
WHERE pr.run_id = (SELECT max(run_id) FROM playlist_recommendation_runs WHERE status = 'succeeded');
