/// Postal code → exactly seven ASCII digits. See Protocol/normalization.md § postal_code.
public enum PostalCodeNormalizer {
    public static func normalize(_ raw: String) -> String? {
        let d = TextFolding.asciiDigits(raw)
        return d.count == 7 ? d : nil
    }
}
