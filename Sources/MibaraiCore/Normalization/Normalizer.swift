/// Normalises a whole identity, field by field, following `Protocol/normalization.md`.
///
/// A value type holding the read-only tables it needs (the postal-code directory); build it once
/// and share it: it is `Sendable` and every call is pure.
public struct Normalizer: Sendable {
    public let address: AddressNormalizer

    public init(directory: PostalDirectory) {
        self.address = AddressNormalizer(directory: directory)
    }

    /// The normaliser over the tables shipped with this module. Throws when one of them cannot
    /// be used (``PostalDirectoryError``, ``BundledTableError``): a node never normalises, nor
    /// screens, with a missing or empty table.
    public static func bundled() throws -> Normalizer {
        try VariantKanji.check()
        try NumberingPlan.check()
        _ = try MailDomains.loaded.get()
        return Normalizer(directory: try PostalDirectory.bundled())
    }

    public func normalize(_ identity: Identity) -> NormalizedIdentity {
        let postal = identity.postalCode.flatMap(PostalCodeNormalizer.normalize)
        return NormalizedIdentity(
            name: identity.name.flatMap(NameNormalizer.normalize),
            nameKana: identity.nameKana.flatMap(KanaNormalizer.normalize),
            postalCode: postal,
            address: identity.address.flatMap { address.normalize($0, postalCode: postal) },
            phone: identity.phone.flatMap(PhoneNormalizer.normalize),
            email: identity.email.flatMap(EmailNormalizer.normalize)
        )
    }
}
