import Foundation

/// One record of a CSV file: its fields, where it starts, and its raw text for the rejects table.
public struct CSVRecord: Sendable {
    public var fields: [String]
    /// 1-based physical line on which the record starts (a quoted newline makes records span lines).
    public var lineNumber: Int
    /// The record's bytes as they stand in the file, without the line terminator; for a record over the row
    /// limit, only an excerpt of its start (see `InputLimits`).
    public var rawBytes: ArraySlice<UInt8>
    /// Set when the record cannot be read as CSV (for example an unterminated quote, or bytes that are not UTF-8).
    public var problem: String?

    public var rawText: String { String(decoding: rawBytes, as: UTF8.self) }
}
