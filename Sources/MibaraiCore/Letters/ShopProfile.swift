/// The shop as its letters and evidence files name it (`[shop]` in mibarai.toml). Shop details
/// are business data, not a customer's: they appear in letters, never in anything sent off the node.
public struct ShopProfile: Sendable, Hashable, Codable {
    /// 店舗名 (and operating company).
    public var name: String
    /// 代表者 or the person in charge of collections.
    public var representative: String?
    public var postalCode: String?
    public var address: String?
    public var phone: String?
    public var email: String?
    /// 振込先: where the customer can pay, as one line.
    public var bankAccount: String?

    public init(
        name: String, representative: String? = nil, postalCode: String? = nil, address: String? = nil,
        phone: String? = nil, email: String? = nil, bankAccount: String? = nil
    ) {
        self.name = name
        self.representative = representative
        self.postalCode = postalCode
        self.address = address
        self.phone = phone
        self.email = email
        self.bankAccount = bankAccount
    }

    /// Which details a letter of this kind cannot do without.
    public func missingDetails(for stage: DunningStage) -> [String] {
        var missing: [String] = []
        if name.isEmpty { missing.append("shop.name") }
        if stage >= .firmNotice {
            if address == nil { missing.append("shop.address") }
            if phone == nil && email == nil { missing.append("shop.phone") }
        }
        if stage == .formalDemand {
            if representative == nil { missing.append("shop.representative") }
            if bankAccount == nil { missing.append("shop.bank_account") }
        }
        return missing
    }
}
