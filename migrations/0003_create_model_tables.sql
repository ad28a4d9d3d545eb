-- Model runs and everything they write back. Every output row carries the run that wrote it.

-- One row per `jukebox train` task run, successful or not.
CREATE TABLE model_runs (
    run_id          INTEGER PRIMARY KEY,
    task            TEXT    NOT NULL CHECK (task IN ('genre', 'popularity', 'clusters', 'neighbours')),
    feature_set     TEXT    NOT NULL CHECK (feature_set IN ('full', 'audio')),  -- full = audio + what the warehouse knows of artists and albums
    algorithm       TEXT    NOT NULL,
    hyperparameters TEXT    NOT NULL DEFAULT '{}',   -- JSON
    data_ingest_id  INTEGER,                         -- the newest ingest the run saw
    data_ingest_ids TEXT    NOT NULL DEFAULT '[]',   -- JSON list of the ingests whose data it saw
    data_rows       INTEGER NOT NULL DEFAULT 0,
    train_rows      INTEGER NOT NULL DEFAULT 0,
    test_rows       INTEGER NOT NULL DEFAULT 0,
    metrics         TEXT    NOT NULL DEFAULT '{}',   -- JSON, on the holdout
    status          TEXT    NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    message         TEXT,
    started_at      TEXT    NOT NULL,
    finished_at     TEXT,
    fit_seconds     REAL,
    write_seconds   REAL,
    model_blob      BLOB,
    is_champion     INTEGER NOT NULL DEFAULT 0 CHECK (is_champion IN (0, 1)),
    process_id      INTEGER
);
CREATE UNIQUE INDEX idx_model_runs_champion ON model_runs(task, feature_set) WHERE is_champion = 1;

-- Top-3 genres per track, with probabilities.
CREATE TABLE genre_predictions (
    run_id      INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id    TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    rank        INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),
    genre       TEXT    NOT NULL,
    probability REAL    NOT NULL,
    in_holdout  INTEGER NOT NULL CHECK (in_holdout IN (0, 1)),
    PRIMARY KEY (run_id, track_id, rank)
) WITHOUT ROWID;

-- Predicted popularity per track; in_holdout marks tracks the model never trained on.
CREATE TABLE popularity_predictions (
    run_id               INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id             TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    predicted_popularity REAL    NOT NULL,
    in_holdout           INTEGER NOT NULL CHECK (in_holdout IN (0, 1)),
    PRIMARY KEY (run_id, track_id)
) WITHOUT ROWID;

-- The k-means cluster of each track, with its distance to the centroid.
CREATE TABLE cluster_assignments (
    run_id     INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id   TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL,
    distance   REAL    NOT NULL,   -- to the centroid, in standardized units
    PRIMARY KEY (run_id, track_id)
) WITHOUT ROWID;

-- Centroids in the features' own units, one row per cluster and feature.
CREATE TABLE cluster_centroids (
    run_id     INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL,
    feature    TEXT    NOT NULL,
    value      REAL    NOT NULL,
    PRIMARY KEY (run_id, cluster_id, feature)
) WITHOUT ROWID;

-- Each track's nearest tracks in standardized audio space, rank 1 nearest.
CREATE TABLE track_neighbours (
    run_id             INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id           TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    rank               INTEGER NOT NULL CHECK (rank >= 1),
    neighbour_track_id TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    distance           REAL    NOT NULL,
    PRIMARY KEY (run_id, track_id, rank)
) WITHOUT ROWID;

-- Importance of each feature by method: gain, split_count, permutation (mean and spread), mean_abs_shap.
CREATE TABLE feature_importances (
    run_id  INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    feature TEXT    NOT NULL,
    method  TEXT    NOT NULL CHECK (method IN ('gain', 'split_count', 'permutation', 'mean_abs_shap')),
    value   REAL    NOT NULL,
    spread  REAL,
    PRIMARY KEY (run_id, feature, method)
) WITHOUT ROWID;

-- Per-track SHAP contributions of a champion's prediction (popularity, or the predicted genre).
CREATE TABLE shap_values (
    run_id   INTEGER NOT NULL REFERENCES model_runs(run_id) ON DELETE CASCADE,
    track_id TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    feature  TEXT    NOT NULL,
    value    REAL    NOT NULL,
    PRIMARY KEY (run_id, track_id, feature)
) WITHOUT ROWID;
