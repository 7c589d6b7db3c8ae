/// Kanji name → canonical string. See Protocol/normalization.md § name.
public enum NameNormalizer {
    public static func normalize(_ raw: String) -> String? {
        let s = TextFolding.removingSpaces(TextFolding.nfkc(raw))
        return s.isEmpty ? nil : s
    }
}
