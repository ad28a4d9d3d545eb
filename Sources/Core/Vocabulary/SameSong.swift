import Foundation

/// What makes two tracks the same song: the one rule every list, model and page uses. The dumps repeat a song
/// under several ids (albums, compilations, "Remastered" reissues, credits that differ), and a listener sees
/// those as one song.
///
/// Two tracks are the same song when their titles match and they share a credited artist. Titles match after
/// dropping a version suffix (" - Remastered 2011", " (feat. Y)", " [Live]", " feat. Y") and comparing letters
/// and digits only, without case or accents ("Don't" and "Don‘t", "Senorita" and "Señorita"); a hyphen inside
/// a word is not a suffix ("Re-Wind"). Artists match the same way, in any credit order, so "Gorgon City;
/// MNEK" and "Gorgon City" share one.
public enum SameSong {
    /// The title as songs are compared: no version suffix, letters and digits only, folded.
    public static func title(_ name: String) -> String {
        var title = name
        let suffixes = [" - ", " (", " [", " feat. ", " ft. ", " featuring "]
        let lowered = title.lowercased()
        if let cut = suffixes.compactMap({ lowered.range(of: $0)?.lowerBound }).min(), cut > lowered.startIndex {
            title = String(lowered[..<cut])
        }
        let folded = fold(title)
        // A title that is nothing but a suffix or punctuation keeps its whole folded text.
        return folded.isEmpty ? fold(name) : folded
    }

    /// An artist's name as songs are compared.
    public static func artist(_ name: String) -> String { fold(name) }

    /// One key per recording of a song by its lead artist, for grouping (the genre model's evidence).
    public static func key(title: String, leadArtist: String) -> String {
        self.title(title) + "\u{1F}" + artist(leadArtist)
    }

    /// Letters and digits, without case or accents.
    static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}
