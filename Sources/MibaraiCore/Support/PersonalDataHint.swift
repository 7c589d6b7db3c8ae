/// What in a free text a shop writes for others to read plainly looks like someone's contact
/// details: an e-mail address or a phone number, the identifiers a shop is most likely to paste.
/// A node cannot tell other personal data from text; these two it refuses.
public enum PersonalDataHint: Sendable, Hashable {
    case email
    case phone

    /// The first hint found in `text`: an `@` (either width), or a phone number — a run of 8
    /// digits or more (hyphens, dots, brackets and spaces between them do not break it) that
    /// begins with 0 or follows a `+`, as Japanese numbers are written at home and abroad. A date
    /// (`2026-10-01`) or an amount (`12,800,000`) is no phone number.
    public static func find(in text: String) -> PersonalDataHint? {
        if text.contains("@") || text.contains("＠") { return .email }
        var run = 0
        var phoneLike = false
        var previous: Unicode.Scalar?
        for ch in text.unicodeScalars {
            if let digit = ch.properties.numericValue, ch.properties.numericType == .decimal {
                if run == 0 { phoneLike = digit == 0 || previous == "+" || previous == "＋" }
                run += 1
                if run >= 8 && phoneLike { return .phone }
            } else if !"-‐－ー.．()（） ".unicodeScalars.contains(ch) || run == 0 {
                run = 0
            }
            previous = ch
        }
        return nil
    }
}
