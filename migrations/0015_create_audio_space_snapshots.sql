-- The standardized audio space (`AudioSpace`) kept on disk, written by `train` and `retrain`, so a `recommend` reads
-- one row instead of scanning every track's audio features. Any change to `audio_features` deletes it (the triggers
-- below), so a kept space always describes the features as they are; without one, the engine scans as before.
CREATE TABLE audio_space_snapshots (
    snapshot_id INTEGER PRIMARY KEY CHECK (snapshot_id = 1),   -- at most one
    track_count INTEGER NOT NULL CHECK (track_count >= 0),
    means       BLOB    NOT NULL,   -- one little-endian Float64 per feature (`AudioSpace.columns` order)
    scales      BLOB    NOT NULL,   -- likewise: the population standard deviations (1 for a constant feature)
    points      BLOB    NOT NULL,   -- the standardized values, Float64, row-major, rows in track id order
    track_ids   BLOB    NOT NULL,   -- the rows' track ids, UTF-8, back to back
    id_ends     BLOB    NOT NULL,   -- where each row's id ends in track_ids, one little-endian Int32 per row
    written_at  TEXT    NOT NULL
);

CREATE TRIGGER audio_features_insert_drops_space AFTER INSERT ON audio_features
BEGIN DELETE FROM audio_space_snapshots; END;
CREATE TRIGGER audio_features_update_drops_space AFTER UPDATE ON audio_features
BEGIN DELETE FROM audio_space_snapshots; END;
CREATE TRIGGER audio_features_delete_drops_space AFTER DELETE ON audio_features
BEGIN DELETE FROM audio_space_snapshots; END;
