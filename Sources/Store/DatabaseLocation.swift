/// Where the warehouse file lives: `--db PATH`, else `$JUKEBOX_DB`, else `jukebox.sqlite` here.
public enum DatabaseLocation {
    public static let environmentVariable = "JUKEBOX_DB"
    public static let defaultFileName = "jukebox.sqlite"

    public static func resolve(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return option }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultFileName
    }
}
