import Analytics
import ArgumentParser

/// A mistyped command is a usage error that names the nearest commands (`NearMiss`, the lookup unknown tracks, genres
/// and playlists use), where the argument parser would blame whatever follows it ("Unknown option '--db'") or, after
/// `help`, print the general help and exit 0.
enum CommandSuggestion {
    /// The error for `arguments` (without the program name) when one of its command words names no command; nil when
    /// they all do. Words are read up to the first option; `help` before them names commands the same way.
    static func problem(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        var words = arguments[...]
        if words.first == "help" { words = words.dropFirst() }
        while let word = words.first, !word.hasPrefix("-"), word != "help" {
            let subcommands = command.configuration.subcommands
            // A command without subcommands reads the rest as its own arguments. (The one default subcommand,
            // `models list`, takes no arguments, so a word after `models` is a subcommand or a mistake.)
            guard !subcommands.isEmpty else { return nil }
            guard let next = subcommands.first(where: { names($0).contains(word) }) else {
                let known = subcommands.map { names($0)[0] }
                let suggestions = NearMiss.suggestions(for: word, among: known)
                let hint = suggestions.isEmpty
                    ? " (commands: " + known.joined(separator: ", ") + ")."
                    : "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
                return "unknown command '\(word)'\(hint) See '\(path.joined(separator: " ")) --help'."
            }
            command = next
            path.append(word)
            words = words.dropFirst()
        }
        return nil
    }

    /// The command's name first, then its aliases.
    private static func names(_ command: ParsableCommand.Type) -> [String] {
        [command.configuration.commandName ?? command._commandName] + command.configuration.aliases
    }
}
