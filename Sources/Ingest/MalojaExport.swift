import Foundation

/// Maloja's JSON export (`maloja_export_*.json`): `{"scrobbles": [...]}`, each scrobble `time` (Unix seconds, when
/// the play started, as its scrobblers send it), `track` with `artists` (a list: Maloja credits several), `title`,
/// `album` (`albumtitle`) and `length` (the track's, in seconds), and `duration` (seconds played, when known). The
/// older flat shape (`artists`, `title`, `album`, `duration` = the track's length) is read too.
enum MalojaExport {
    static func items(_ data: Data, path: String, listener: String, limits: InputLimits, now: Date = Date()) throws -> [HistoryItem] {
        let export = try JSONInput.decode(Export.self, from: data, limits: limits) { IngestError.notAHistory(file: path, reason: $0) }
        let lines = JSONArrayLines.startLines(data, depth: 2)
        return export.scrobbles.enumerated().map { index, scrobble in
            HistoryItem(line: index < lines.count ? lines[index] : index + 1, record: scrobble.record(listener: listener, now: now),
                        rawLine: { scrobble.rawLine })
        }
    }

    private struct Export: Decodable { var scrobbles: [Scrobble] }

    private struct Scrobble: Decodable {
        var time: Int?, artists: [String]?, title: String?, album: String?, length: Int?, duration: Int?
        var problems: [String] = []

        enum Keys: String, CodingKey { case time, track, duration, artists, title, album, length }
        enum Album: String, CodingKey { case albumtitle, name }

        init(from decoder: any Decoder) throws {
            var f = LenientFields(try decoder.container(keyedBy: Keys.self), limits: decoder.userInfo[JSONInput.limitsKey] as? InputLimits)
            time = f.wholeNumber(.time)
            if var track = f.object(.track, keyedBy: Keys.self) {
                artists = track.texts(.artists); title = track.text(.title); length = track.wholeNumber(.length, in: 0...86_400)
                if var album = track.object(.album, keyedBy: Album.self) {
                    self.album = album.text(.albumtitle) ?? album.text(.name)
                    track.add(album.problems)
                }
                duration = f.wholeNumber(.duration, in: 0...86_400)
                f.add(track.problems)
            } else {
                // The flat shape: its duration is the track's length.
                artists = f.texts(.artists); title = f.text(.title); album = f.text(.album); length = f.wholeNumber(.duration, in: 0...86_400)
            }
            problems = f.problems
        }

        func record(listener: String, now: Date) -> HistoryRecord {
            var problems = self.problems
            var playedAt: String?
            if let time {
                switch PlayBounds.playedAt(unixSeconds: time, field: "time", source: .maloja, now: now) {
                case let .success(at): playedAt = at
                case let .failure(problem): problems.append(problem.reason)
                }
            } else if !problems.contains(where: { $0.hasPrefix("time") }) {
                problems.append("missing time")
            }
            let title = self.title.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            if title == nil { problems.append("missing track.title") }
            guard problems.isEmpty, let playedAt, let title else { return .rejected(reason: problems.joined(separator: "; ")) }
            let (ms, source): (Int, Listen.MsPlayedSource) = duration.map { ($0 * 1000, .played) } ?? length.map { ($0 * 1000, .trackLength) } ?? (0, .unknown)
            return .listen(Listen(listener: listener, playedAt: playedAt, msPlayed: ms, artistName: artists?.joined(separator: ", "),
                                  trackName: title, albumName: album, source: .maloja, msPlayedSource: source))
        }

        /// The scrobble as a reject's raw line: only the fields read.
        var rawLine: String {
            let fields: [String: Any?] = ["time": time, "artists": artists, "title": title, "album": album, "length": length, "duration": duration]
            let present = fields.compactMapValues { $0 }
            return (try? JSONSerialization.data(withJSONObject: present, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}
