/// Words of free text (titles, names) as hashed tokens for bag-of-words models: lowercased runs of
/// letters, digits and underscores, so a title in any script splits the way a reader would expect.
public enum TextTokens {
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// FNV-1a 64 of the word's UTF-8 bytes: a stable token id that needs no vocabulary table.
    public static func hash(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in word.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100000001b3
        }
        return hash
    }

    public static func hashedWords(_ text: String) -> [UInt64] { words(text).map(hash) }
}
