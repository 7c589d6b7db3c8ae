/// The two languages Mibarai speaks: Japanese first, English too.
public enum Language: String, Sendable, CaseIterable, Codable {
    case ja, en

    /// Japanese when the POSIX locale variables (LC_ALL, LC_MESSAGES, LANG, in that order) name it,
    /// English otherwise. The environment is passed in: this module reads none.
    public static func from(environment: [String: String]) -> Language {
        named(in: environment) ?? .en
    }

    /// The language the first non-empty locale variable (LC_ALL, LC_MESSAGES, LANG) names, or nil
    /// when none is set, so that a caller can fall back to its own setting.
    public static func named(in environment: [String: String]) -> Language? {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? .ja : .en
            }
        }
        return nil
    }
}
