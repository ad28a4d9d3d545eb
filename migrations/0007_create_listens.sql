-- Listening histories from Spotify's privacy exports (account data and extended streaming history).

-- Entries of a file counted and skipped (podcast episodes and audiobooks in a listening history).
ALTER TABLE ingests ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0;

-- One row per play. Never stored: the export's ip_addr, ip_addr_decrypted, user_agent_decrypted, username,
-- conn_country and platform.
CREATE TABLE listens (
    listen_id        INTEGER PRIMARY KEY,
    listener         TEXT    NOT NULL,   -- whose history (`ingest --listener`, default 'me')
    played_at        TEXT    NOT NULL,   -- ISO-8601 UTC when the play ended: endTime (to the minute) or ts
    ms_played        INTEGER NOT NULL CHECK (ms_played >= 0),
    song_key         TEXT    NOT NULL,   -- the track part of a play's identity: 'spotify:' + id, else 'song:' + folded title and artist
    track_id         TEXT    REFERENCES tracks(track_id),   -- NULL until the warehouse holds the track
    spotify_track_id TEXT,               -- from spotify_track_uri, when the export has one
    artist_name      TEXT,               -- as exported
    track_name       TEXT    NOT NULL,   -- as exported ('' for a play known by its URI alone)
    album_name       TEXT,
    reason_start     TEXT,
    reason_end       TEXT,
    shuffle          INTEGER CHECK (shuffle IN (0, 1)),
    skipped          INTEGER CHECK (skipped IN (0, 1)),
    offline          INTEGER CHECK (offline IN (0, 1)),
    incognito_mode   INTEGER CHECK (incognito_mode IN (0, 1)),
    ingest_id        INTEGER NOT NULL REFERENCES ingests(ingest_id)
);
-- Overlapping exports never count a play twice.
CREATE UNIQUE INDEX idx_listens_listener_played_at_song_key_ms_played ON listens(listener, played_at, song_key, ms_played);
CREATE INDEX idx_listens_track_id ON listens(track_id);
CREATE INDEX idx_listens_ingest_id ON listens(ingest_id);

CREATE VIEW v_listens AS
SELECT l.listen_id, l.listener, l.played_at, l.ms_played, l.skipped, l.track_id, l.artist_name, l.track_name, l.album_name,
       l.spotify_track_id, l.reason_start, l.reason_end, l.shuffle, l.offline, l.incognito_mode, l.ingest_id
FROM listens l;
