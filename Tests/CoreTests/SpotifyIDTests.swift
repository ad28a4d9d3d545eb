import Core
import Testing

/// Album and playlist ids in every form a person shares them, as track ids are.
struct SpotifyIDTests {
    static let id = "37i9dQZF1DWVskFRGurTfg"

    @Test func albumIDsInEveryForm() {
        let id = Self.id
        #expect(SpotifyID.album(id) == id)
        #expect(SpotifyID.album("spotify:album:\(id)") == id)
        #expect(SpotifyID.album("https://open.spotify.com/album/\(id)?si=Xy_12") == id)
        #expect(SpotifyID.album("https://open.spotify.com/intl-fr/album/\(id)#top") == id)
        #expect(SpotifyID.album("spotify:playlist:\(id)") == nil)
        #expect(SpotifyID.album("https://open.spotify.com/track/\(id)") == nil)
        #expect(SpotifyID.album("spotify:album:\(id.dropLast())") == nil)
    }

    @Test func playlistIDsInEveryForm() {
        let id = Self.id
        #expect(SpotifyID.playlist(id) == id)
        #expect(SpotifyID.playlist("spotify:playlist:\(id)") == id)
        #expect(SpotifyID.playlist("https://open.spotify.com/playlist/\(id)?si=5c1e") == id)
        #expect(SpotifyID.playlist("https://open.spotify.com/user/spotify/playlist/\(id)") == id)
        #expect(SpotifyID.playlist("spotify:album:\(id)") == nil)
        #expect(SpotifyID.playlist("https://open.spotify.com/playlist/") == nil)
        #expect(SpotifyID.playlist("my road trip") == nil)
    }
}
