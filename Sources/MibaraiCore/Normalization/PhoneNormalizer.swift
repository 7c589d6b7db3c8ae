/// Phone → E.164. See Protocol/normalization.md § phone.
public enum PhoneNormalizer {
    public static func normalize(_ raw: String) -> String? {
        let d = TextFolding.asciiDigits(raw)
        return d.isEmpty ? nil : "+81" + d.dropFirst()
    }
}
