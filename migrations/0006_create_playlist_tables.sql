-- Playlists a dump carries (a playlist dump's playlist_id columns, an exported playlist file) and their members.

-- A playlist is identified by its Spotify id when the dump gives one, else by its name (an exported file).
CREATE TABLE playlists (
    playlist_id         INTEGER PRIMARY KEY,
    playlist_key        TEXT    NOT NULL,   -- 'spotify:' + Spotify playlist id, or 'name:' + name
    spotify_playlist_id TEXT,
    name                TEXT    NOT NULL,
    genre               TEXT,               -- the playlist's genre label(s) from the dump, ';'-joined when several
    subgenre            TEXT,               -- they describe the playlist, and are never a track's genre tags
    ingest_id           INTEGER NOT NULL REFERENCES ingests(ingest_id)   -- the load that gave its members
);
CREATE UNIQUE INDEX idx_playlists_playlist_key ON playlists(playlist_key);
CREATE INDEX idx_playlists_ingest_id ON playlists(ingest_id);

-- Members in the order the dump lists them; a track is a member of a playlist once. Loading a playlist again
-- replaces its members.
CREATE TABLE playlist_tracks (
    playlist_id INTEGER NOT NULL REFERENCES playlists(playlist_id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 1),
    track_id    TEXT    NOT NULL REFERENCES tracks(track_id) ON DELETE CASCADE,
    added_at    TEXT                        -- ISO-8601, when the export gives it
);
CREATE UNIQUE INDEX idx_playlist_tracks_playlist_id_position ON playlist_tracks(playlist_id, position);
CREATE UNIQUE INDEX idx_playlist_tracks_playlist_id_track_id ON playlist_tracks(playlist_id, track_id);
CREATE INDEX idx_playlist_tracks_track_id ON playlist_tracks(track_id);

-- One row per membership.
CREATE VIEW v_playlist_tracks AS
SELECT p.playlist_id, p.spotify_playlist_id, p.name AS playlist_name, p.genre AS playlist_genre,
       p.subgenre AS playlist_subgenre, pt.position, pt.track_id, t.name AS track_name,
       (SELECT group_concat(name, ';') FROM (
           SELECT a.name FROM track_artists ta JOIN artists a USING (artist_id)
           WHERE ta.track_id = pt.track_id ORDER BY ta.position)) AS artists,
       pt.added_at
FROM playlist_tracks pt
JOIN playlists p ON p.playlist_id = pt.playlist_id
JOIN tracks t ON t.track_id = pt.track_id;
