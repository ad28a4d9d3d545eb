import Core
import Foundation

/// One file of `migrations/`, as compiled into the binary.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let fileName: String
    public let sql: String
    /// SHA-256 of the file's bytes: an applied migration whose file changed is refused.
    public let checksum: String

    public init(fileName: String, sql: String) throws {
        // NNNN_verb_object.sql
        let parts = fileName.split(separator: "_", maxSplits: 1)
        guard fileName.hasSuffix(".sql"), parts.count == 2, parts[0].count == 4,
              let version = Int(parts[0]), version > 0
        else { throw StoreError.badMigrationFileName(fileName) }
        self.version = version
        self.fileName = fileName
        self.sql = sql
        self.checksum = SHA256.hex(sql)
    }

    /// The migrations this binary carries, in order.
    public static func embedded() -> [Migration] {
        embeddedMigrationFiles.map { file in
            let sql = String(decoding: Data(base64Encoded: file.base64) ?? Data(), as: UTF8.self)
            // The build step only embeds files that exist; a bad name is a build-time mistake.
            return try! Migration(fileName: file.fileName, sql: sql)
        }.sorted { $0.version < $1.version }
    }
}
