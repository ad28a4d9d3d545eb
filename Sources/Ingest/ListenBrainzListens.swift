import Core
import Foundation

/// ListenBrainz listens, one JSON object per line: a bare `.jsonl`, or `listens/YEAR/MONTH.jsonl` in the account
/// export's .zip (beside `user.json` and `feedback.jsonl`, which are not listens). `listened_at` is when the play
/// started (Unix seconds; an ISO-8601 text is read too), `track_metadata` holds `artist_name`, `track_name`,
/// `release_name` and `additional_info`, which may carry `spotify_id`, the track's `duration_ms` (or `duration` in
/// seconds) and MusicBrainz ids. A line that is not JSON is a reject with its line, never the file's refusal.
enum ListenBrainzListens {
    static func items(_ data: Data, listener: String, limits: InputLimits, now: Date = Date()) -> [HistoryItem] {
        var items: [HistoryItem] = []
        let decoder = JSONDecoder()
        decoder.userInfo[JSONInput.limitsKey] = limits
        var body = data[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for (index, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let raw = { limits.excerpt(String(decoding: line, as: UTF8.self)) }
            let record: HistoryRecord
            do {
                record = try decoder.decode(Entry.self, from: Data(line)).record(listener: listener, now: now)
            } catch {
                record = .rejected(reason: "not a JSON listen: " + JSONInput.describe(error, in: Data(line)))
            }
            items.append(HistoryItem(line: index + 1, record: record, rawLine: raw))
        }
        return items
    }

    private struct Entry: Decodable {
        var listenedAt: Int?
        var listenedAtText: String?
        var artist: String?, title: String?, release: String?, spotifyID: String?, durationMs: Int?, duration: Int?
        var problems: [String] = []

        enum Keys: String, CodingKey { case listened_at, track_metadata }
        enum Metadata: String, CodingKey { case artist_name, track_name, release_name, additional_info }
        enum Info: String, CodingKey { case spotify_id, duration_ms, duration }

        init(from decoder: any Decoder) throws {
            var f = LenientFields(try decoder.container(keyedBy: Keys.self), limits: decoder.userInfo[JSONInput.limitsKey] as? InputLimits)
            if f.has(.listened_at) {
                var text = LenientFields(try decoder.container(keyedBy: Keys.self))
                listenedAtText = text.text(.listened_at)
                if listenedAtText == nil { listenedAt = f.wholeNumber(.listened_at) }
            }
            if var m = f.object(.track_metadata, keyedBy: Metadata.self) {
                artist = m.text(.artist_name); title = m.text(.track_name); release = m.text(.release_name)
                if var info = m.object(.additional_info, keyedBy: Info.self) {
                    spotifyID = info.text(.spotify_id); durationMs = info.wholeNumber(.duration_ms); duration = info.wholeNumber(.duration)
                    m.add(info.problems)
                }
                f.add(m.problems)
            }
            problems = f.problems
        }

        func record(listener: String, now: Date) -> HistoryRecord {
            var problems = self.problems
            var playedAt: String?
            let result: Result<String, PlayBounds.Problem>? = if let listenedAt {
                PlayBounds.playedAt(unixSeconds: listenedAt, field: "listened_at", source: .listenbrainz, now: now)
            } else if let listenedAtText {
                PlayBounds.playedAt(String(listenedAtText.prefix(19)) + "Z", shape: .second, field: "listened_at", source: .listenbrainz, now: now)
            } else { nil }
            switch result {
            case let .success(at)?: playedAt = at
            case let .failure(problem)?: problems.append(problem.reason)
            case nil: if !problems.contains(where: { $0.hasPrefix("listened_at") }) { problems.append("missing listened_at") }
            }
            let title = self.title.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            if title == nil { problems.append("missing track_metadata.track_name") }
            let length = durationMs ?? duration.map { $0 * 1000 }
            if let length, let problem = PlayBounds.durationProblem(length, field: "additional_info.duration_ms") { problems.append(problem) }
            guard problems.isEmpty, let playedAt, let title else { return .rejected(reason: problems.joined(separator: "; ")) }
            return .listen(Listen(listener: listener, playedAt: playedAt, msPlayed: length ?? 0, spotifyTrackID: spotifyID.flatMap(SpotifyID.track),
                                  artistName: artist, trackName: title, albumName: release, source: .listenbrainz,
                                  msPlayedSource: length == nil ? .unknown : .trackLength))
        }
    }
}
