-- Spotify's artist ids, followers and popularity, from dumps that give them (Kaggle's 1.2M songs and 600k tracks
-- with its artists.csv, Exportify's Artist URI(s), the Million Playlist Dataset). An artist is still one name: the
-- id is the one the first dump gave for that name, and artists.csv links its rows to artists by this id.
ALTER TABLE artists ADD COLUMN spotify_artist_id TEXT;
ALTER TABLE artists ADD COLUMN followers INTEGER CHECK (followers >= 0);
ALTER TABLE artists ADD COLUMN popularity INTEGER CHECK (popularity BETWEEN 0 AND 100);
CREATE UNIQUE INDEX idx_artists_spotify_artist_id ON artists(spotify_artist_id) WHERE spotify_artist_id IS NOT NULL;
