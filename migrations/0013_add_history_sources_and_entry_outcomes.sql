-- Listening histories from more than Spotify (Last.fm, ListenBrainz, Maloja, Apple Music), every entry accounted.

-- Where a play came from and what its stored time means: Spotify and Apple Music record when a play ended, Last.fm,
-- ListenBrainz and Maloja when it started. ms_played_source says what ms_played holds: 'played' (the source measured
-- it), 'track_length' (the source gave only the track's length) or 'unknown' (0: Last.fm stores no duration).
-- started_at_s is the play's start in Unix seconds (an end time less ms_played), the key of the cross-source rule.
ALTER TABLE listens ADD COLUMN source TEXT NOT NULL DEFAULT 'spotify';
ALTER TABLE listens ADD COLUMN played_at_means TEXT NOT NULL DEFAULT 'end' CHECK (played_at_means IN ('start', 'end'));
ALTER TABLE listens ADD COLUMN ms_played_source TEXT NOT NULL DEFAULT 'played'
    CHECK (ms_played_source IN ('played', 'track_length', 'unknown'));
ALTER TABLE listens ADD COLUMN started_at_s INTEGER;
UPDATE listens SET source = CASE played_at_precision WHEN 'minute' THEN 'spotify_account' ELSE 'spotify_extended' END,
                   started_at_s = CAST(strftime('%s', played_at) AS INTEGER) - ms_played / 1000;
CREATE INDEX idx_listens_listener_started_at_s ON listens(listener, started_at_s);

-- A play another source also exported: the copy kept, and the other copy's source and ingest.
CREATE TABLE listen_duplicates (
    listen_id     INTEGER NOT NULL REFERENCES listens(listen_id) ON DELETE CASCADE,
    source        TEXT    NOT NULL,
    ingest_id     INTEGER NOT NULL REFERENCES ingests(ingest_id)
);
CREATE INDEX idx_listen_duplicates_listen_id ON listen_duplicates(listen_id);

-- Podcast episodes played (Spotify's extended history), kept apart from music.
CREATE TABLE podcast_plays (
    podcast_play_id INTEGER PRIMARY KEY,
    listener        TEXT    NOT NULL,
    played_at       TEXT    NOT NULL,   -- ISO-8601 UTC when the play ended
    ms_played       INTEGER NOT NULL CHECK (ms_played >= 0),
    show_name       TEXT,
    episode_name    TEXT,
    spotify_episode_id TEXT,
    source          TEXT    NOT NULL,
    ingest_id       INTEGER NOT NULL REFERENCES ingests(ingest_id)
);
CREATE UNIQUE INDEX idx_podcast_plays_listener_played_at_episode ON podcast_plays(listener, played_at, coalesce(episode_name, ''), ms_played);

-- How every entry of a history ingest ended; the entries of one ingest add up to its rows_read. outcome is one of
-- stored_matched, stored_unmatched, duplicate (of_source: the source of the copy kept), podcast, audiobook,
-- skipped_by_rule (a zero-length play), incognito_dropped, rejected.
CREATE TABLE ingest_entry_outcomes (
    ingest_id INTEGER NOT NULL REFERENCES ingests(ingest_id),
    outcome   TEXT    NOT NULL,
    of_source TEXT    NOT NULL DEFAULT '',
    entries   INTEGER NOT NULL CHECK (entries >= 0),
    PRIMARY KEY (ingest_id, outcome, of_source)
);

DROP VIEW v_listens;
CREATE VIEW v_listens AS
SELECT l.listen_id, l.listener, l.played_at, l.ms_played, l.skipped, l.track_id, l.artist_name, l.track_name, l.album_name,
       l.spotify_track_id, l.reason_start, l.reason_end, l.shuffle, l.offline, l.incognito_mode, l.ingest_id,
       l.played_at_precision, l.source, l.played_at_means, l.ms_played_source
FROM listens l;
