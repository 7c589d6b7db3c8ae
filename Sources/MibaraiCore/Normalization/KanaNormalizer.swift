/// Kana reading → canonical string. See Protocol/normalization.md § name_kana.
public enum KanaNormalizer {
    public static func normalize(_ raw: String) -> String? {
        let s = TextFolding.removingSpaces(TextFolding.nfkc(raw))
        return s.isEmpty ? nil : s
    }
}
