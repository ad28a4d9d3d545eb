import Foundation

/// How every JSON reader (listening histories, Million Playlist Dataset slices) reads a file: bounded in size before
/// anything is read, decoded with the input limits at hand (the entries check their text fields against them), and a
/// refusal said in words: where the shape is wrong, or what in the text is (see `JSONDiagnosis`).
enum JSONInput {
    /// Where a decoder finds the `InputLimits` its entries check their fields against.
    static let limitsKey = CodingUserInfoKey(rawValue: "jukebox.inputLimits")!

    /// A file's bytes, refused when over `limits.maxJSONBytes` (by its size first, then by what was read).
    static func read(path: String, limits: InputLimits) throws -> Data {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maxJSONBytes {
            throw IngestError.tooLarge(file: path, reason: limits.jsonTooLarge(size))
        }
        let handle = try CSVReader.openForReading(path: path)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limits.maxJSONBytes + 1) ?? Data()
        guard data.count <= limits.maxJSONBytes else {
            throw IngestError.tooLarge(file: path, reason: "it is over the limit of \(InputLimits.describe(limits.maxJSONBytes)) for one JSON file")
        }
        return data
    }

    /// `data` (a byte-order mark allowed) decoded as `T`, or the error `refuse` makes of what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, limits: InputLimits,
                                     refuse: (String) -> IngestError) throws -> T {
        let text = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        let decoder = JSONDecoder()
        decoder.userInfo[limitsKey] = limits
        do {
            return try decoder.decode(T.self, from: text)
        } catch {
            throw refuse(describe(error, in: text))
        }
    }

    /// A decoding error in words: the path where the shape is wrong (`playlists[3].pid`), or, for text the decoder
    /// could not read, what is wrong and where.
    static func describe(_ error: Error, in data: Data) -> String {
        guard let error = error as? DecodingError else { return "\(error)".prefix(200).description }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(place(context)): \(context.debugDescription.prefix(200))"
        case let .keyNotFound(key, context):
            return "\(place(context)): no \"\(key.stringValue)\""
        case let .dataCorrupted(context) where !context.codingPath.isEmpty:
            return "\(place(context)): \(context.debugDescription.prefix(200))"
        case .dataCorrupted:
            return JSONDiagnosis.problem(in: data) ?? "not valid JSON"
        @unknown default:
            return "\(error)".prefix(200).description
        }
    }

    private static func place(_ context: DecodingError.Context) -> String {
        guard !context.codingPath.isEmpty else { return "at the top level" }
        var path = ""
        for key in context.codingPath {
            if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
        return "at " + path.prefix(120)
    }
}
