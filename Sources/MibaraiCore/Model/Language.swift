/// The two languages Mibarai speaks: Japanese first, English too.
public enum Language: String, Sendable, CaseIterable, Codable {
    case ja, en

    /// Japanese when the POSIX locale variables (LC_ALL, LC_MESSAGES, LANG, in that order) name it,
    /// English otherwise. The environment is passed in: this module reads none.
    public static func from(environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ja") ? .ja : .en
            }
        }
        return .en
    }
}
