/// What in a free text a shop writes for others to read plainly looks like someone's contact
/// details: an e-mail address or a phone number, the identifiers a shop is most likely to paste.
/// A node cannot tell other personal data from text; these two it refuses.
public enum PersonalDataHint: Sendable, Hashable {
    case email
    case phone

    /// The first hint found in `text`: an `@` (either width), or a run of 8 digits or more
    /// (hyphens, brackets and spaces between them do not break the run).
    public static func find(in text: String) -> PersonalDataHint? {
        if text.contains("@") || text.contains("＠") { return .email }
        var run = 0
        for ch in text.unicodeScalars {
            if ch.properties.numericType == .decimal {
                run += 1
                if run >= 8 { return .phone }
            } else if !"-‐－ー()（） ".unicodeScalars.contains(ch) {
                run = 0
            }
        }
        return nil
    }
}
