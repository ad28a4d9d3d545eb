import Learning

/// The relational half of the genre model: what training tracks say about genres through shared artists,
/// albums and songs, and the words of their names. For one track it proposes candidate genres and
/// describes each with numbers the stacking trees rank (`GenreModel`).
struct GenreEvidence: Sendable, Equatable {
    var artistTags = GenreTally()
    var albumTags = GenreTally()
    var songTags = GenreTally()
    var words: ComplementNaiveBayesModel?
    /// Share of each genre among training rows.
    var prior: [Double] = []

    static let featureNames = [
        "artist_share", "artist_count", "artist_total", "artist_mean_share", "artist_max_share", "lead_share", "lead_total",
        "album_share", "album_total", "credited_artists", "known_artists", "genre_prior", "audio_probability", "audio_rank",
        "words_probability", "words_rank", "song_share", "song_total",
    ]
    /// How many of the audio model's and of the words model's best genres are always candidates.
    static let topCandidates = 5

    /// Tallies and the words model from training tracks (one entry per track, with all its tags).
    static func learn(tracks: [(context: TrackContext, tags: [Int])], classCount: Int) throws -> GenreEvidence {
        var evidence = GenreEvidence()
        var documents: [[UInt64]] = [], labels: [Int] = []
        var rows = [Double](repeating: 0, count: classCount)
        for (context, tags) in tracks {
            for artist in context.artists { evidence.artistTags.add(key: artist, genres: tags) }
            if let album = context.album { evidence.albumTags.add(key: album, genres: tags) }
            if let song = context.song { evidence.songTags.add(key: song, genres: tags) }
            for tag in tags {
                documents.append(context.words)
                labels.append(tag)
                rows[tag] += 1
            }
        }
        evidence.words = try ComplementNaiveBayes(alpha: 1).fit(documents: documents, labels: labels, classCount: classCount)
        let total = max(1, rows.reduce(0, +))
        evidence.prior = rows.map { $0 / total }
        return evidence
    }

    /// Whether any training track shares an artist with this one.
    func knowsArtist(of context: TrackContext) -> Bool { context.artists.contains { artistTags.counts[$0] != nil } }

    /// Candidate genres of one track and their feature rows (`featureNames` order).
    func candidates(_ context: TrackContext, audio: ArraySlice<Double>, words wordScores: ArraySlice<Double>) -> [(genre: Int, features: [Double])] {
        let k = prior.count
        var artistCounts: [Int: Double] = [:], leadCounts: [Int: Double] = [:]
        var shares: [[Int: Double]] = []
        for (position, artist) in context.artists.enumerated() {
            guard let tally = artistTags.counts[artist] else { continue }
            let total = tally.values.reduce(0, +)
            var share: [Int: Double] = [:]
            for (genre, n) in tally {
                artistCounts[genre, default: 0] += n
                share[genre] = n / total
                if position == 0 { leadCounts[genre, default: 0] += n }
            }
            shares.append(share)
        }
        let albumCounts = context.album.flatMap { albumTags.counts[$0] } ?? [:]
        let songCounts = context.song.flatMap { songTags.counts[$0] } ?? [:]
        let artistTotal = artistCounts.values.reduce(0, +), leadTotal = leadCounts.values.reduce(0, +)
        let albumTotal = albumCounts.values.reduce(0, +), songTotal = songCounts.values.reduce(0, +)
        let audioBase = audio.startIndex, wordsBase = wordScores.startIndex

        func rank(_ scores: ArraySlice<Double>, _ genre: Int) -> Double {
            let value = scores[scores.startIndex + genre]
            return Double(scores.lazy.filter { $0 > value }.count)
        }
        func best(_ scores: ArraySlice<Double>) -> [Int] {
            Array((0..<k).sorted { scores[scores.startIndex + $0] > scores[scores.startIndex + $1] }.prefix(Self.topCandidates))
        }
        var genres = Set(artistCounts.keys).union(albumCounts.keys).union(songCounts.keys)
        genres.formUnion(best(audio))
        genres.formUnion(best(wordScores))

        func share(_ counts: [Int: Double], _ total: Double, _ genre: Int) -> Double { total > 0 ? (counts[genre] ?? 0) / total : -1 }
        return genres.sorted().map { genre in
            let perArtist = shares.map { $0[genre] ?? 0 }
            let features: [Double] = [
                share(artistCounts, artistTotal, genre), artistCounts[genre] ?? 0, artistTotal,
                perArtist.isEmpty ? -1 : perArtist.reduce(0, +) / Double(perArtist.count), perArtist.max() ?? -1,
                share(leadCounts, leadTotal, genre), leadTotal,
                share(albumCounts, albumTotal, genre), albumTotal,
                Double(context.artists.count), Double(shares.count), prior[genre],
                audio[audioBase + genre], rank(audio, genre),
                wordScores[wordsBase + genre], rank(wordScores, genre),
                share(songCounts, songTotal, genre), songTotal,
            ]
            return (genre, features)
        }
    }

    func encode(into w: inout BinaryWriter) {
        artistTags.encode(into: &w)
        albumTags.encode(into: &w)
        songTags.encode(into: &w)
        w.write(words != nil)
        if let words { w.writeBlob(ModelCoder.encode(words)) }
        w.write(prior)
    }

    static func decode(from r: inout BinaryReader) throws -> GenreEvidence {
        var evidence = GenreEvidence()
        evidence.artistTags = try GenreTally.decode(from: &r)
        evidence.albumTags = try GenreTally.decode(from: &r)
        evidence.songTags = try GenreTally.decode(from: &r)
        if try r.readBool() { evidence.words = try ModelCoder.decode(ComplementNaiveBayesModel.self, from: try r.readBlob()) }
        evidence.prior = try r.readDoubles()
        return evidence
    }
}
