-- Spotify's artist ids, followers and popularity, from dumps that give them (Kaggle's 1.2M songs and 600k tracks
-- with its artists.csv, Exportify's Artist URI(s), the Million Playlist Dataset). An artist is still one name: the
-- id is the one the first dump gave for that name, and artists.csv links its rows to artists by this id.
ALTER TABLE artists ADD COLUMN spotify_artist_id TEXT;
ALTER TABLE artists ADD COLUMN followers INTEGER CHECK (followers >= 0);
ALTER TABLE artists ADD COLUMN popularity INTEGER CHECK (popularity BETWEEN 0 AND 100);
CREATE UNIQUE INDEX idx_artists_spotify_artist_id ON artists(spotify_artist_id) WHERE spotify_artist_id IS NOT NULL;

-- How precise a play's end time is: 'minute' (account data's endTime) or 'second' (extended history's ts). The same
-- play in both exports is stored once (see ListenWriter). Plays stored before this migration are told apart by
-- what only an extended export gives (a URI, an album, the reasons and flags): a play with none of them is
-- account data.
ALTER TABLE listens ADD COLUMN played_at_precision TEXT NOT NULL DEFAULT 'second' CHECK (played_at_precision IN ('minute', 'second'));
UPDATE listens SET played_at_precision = 'minute'
WHERE played_at LIKE '%:00Z' AND spotify_track_id IS NULL AND album_name IS NULL AND reason_start IS NULL AND reason_end IS NULL
  AND shuffle IS NULL AND skipped IS NULL AND offline IS NULL AND incognito_mode IS NULL;

DROP VIEW v_listens;
CREATE VIEW v_listens AS
SELECT l.listen_id, l.listener, l.played_at, l.ms_played, l.skipped, l.track_id, l.artist_name, l.track_name, l.album_name,
       l.spotify_track_id, l.reason_start, l.reason_end, l.shuffle, l.offline, l.incognito_mode, l.ingest_id,
       l.played_at_precision
FROM listens l;
