/// E-mail address → canonical mailbox. See Protocol/normalization.md § email.
public enum EmailNormalizer {
    public static func normalize(_ raw: String) -> String? {
        let s = TextFolding.removingSpaces(TextFolding.nfkc(raw)).lowercased()
        return s.contains("@") ? s : nil
    }
}
