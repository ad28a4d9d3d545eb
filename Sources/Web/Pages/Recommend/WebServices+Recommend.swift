import Analytics
import Store

extension WebServices {
    /// The engine's answer, with the audio space kept per data stamp: the one place the web app builds `space:`
    /// (Recommend's tracks and playlists, Listening's recommendations).
    func recommend(_ request: RecommendationRequest, in reader: WarehouseReader) throws -> RecommendationAnswer {
        let cache = self.cache
        let stamp = try WarehouseStamp.read(reader)
        return try RecommendationEngine().recommend(request, in: reader, space: {
            try cache.value("audio-space", stamp: stamp) { try AudioSpace.load(reader) }
        })
    }
}
