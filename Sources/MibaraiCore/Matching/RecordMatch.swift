/// One blinded record that shares tokens with a query, and what that means.
///
/// It names which fields matched and which were compared and differ, never any value.
public struct RecordMatch: Sendable, Hashable {
    public let record: RecordSummary
    /// The token types of the query found in the record.
    public let matched: Set<TokenType>
    /// Fields that matched: phone, email, address, name (kanji at the address), name_kana.
    public let matchedFields: [IdentityField]
    /// Fields both sides had and that differ (only knowable at a matched address).
    public let differingFields: [IdentityField]
    public let strength: MatchStrength
    /// Token types of the query found in the record that the operator suppressed (an
    /// impersonation victim's): they make no part of `matched`, the fields or the strength.
    public let suppressed: Set<TokenType>

    /// - Parameters:
    ///   - queryTypes: the token types the query made (what it could have matched).
    ///   - suppressed: types found in the record but suppressed (not in `matched`).
    public init(record: RecordSummary, matched: Set<TokenType>, queryTypes: Set<TokenType>, suppressed: Set<TokenType> = []) {
        self.record = record
        self.matched = matched
        self.suppressed = suppressed
        let addressMatched = !matched.isDisjoint(with: [.address, .nameAddress, .kanaAddress])
        var fields: [IdentityField] = []
        if matched.contains(.phone) { fields.append(.phone) }
        if matched.contains(.email) { fields.append(.email) }
        if addressMatched { fields.append(.address) }
        if matched.contains(.nameAddress) { fields.append(.name) }
        if matched.contains(.kanaAddress) { fields.append(.nameKana) }
        matchedFields = fields
        var differing: [IdentityField] = []
        if addressMatched {
            for (type, field) in [(TokenType.nameAddress, IdentityField.name), (.kanaAddress, .nameKana)]
            where queryTypes.contains(type) && record.tokenTypes.contains(type) && !matched.contains(type) {
                differing.append(field)
            }
        }
        differingFields = differing
        let identifiers = [matched.contains(.phone), matched.contains(.email),
                           !matched.isDisjoint(with: [.nameAddress, .kanaAddress])].filter { $0 }.count
        strength = identifiers >= 2 ? .strong : identifiers == 1 ? .probable : .household
    }

    /// "電話番号・住所が一致、氏名は不一致" / "phone + address match; name differs".
    public var explanation: Localized {
        let ja = matchedFields.map { Self.fieldLabel($0).ja }.joined(separator: "・") + "が一致"
            + (differingFields.isEmpty ? "" : "、" + differingFields.map { Self.fieldLabel($0).ja }.joined(separator: "・") + "は不一致")
        let en = matchedFields.map { Self.fieldLabel($0).en }.joined(separator: " + ") + (matchedFields.count == 1 ? " matches" : " match")
            + (differingFields.isEmpty ? "" : "; " + differingFields.map { Self.fieldLabel($0).en }.joined(separator: " and ")
                + (differingFields.count == 1 ? " differs" : " differ"))
        return Localized(ja: ja, en: en)
    }

    /// The fields reached only through suppressed tokens, in the order of `matchedFields`.
    public var suppressedFields: [IdentityField] {
        var fields: [IdentityField] = []
        if suppressed.contains(.phone) { fields.append(.phone) }
        if suppressed.contains(.email) { fields.append(.email) }
        if !suppressed.isDisjoint(with: [.address, .nameAddress, .kanaAddress]) && !matchedFields.contains(.address) { fields.append(.address) }
        if suppressed.contains(.nameAddress) { fields.append(.name) }
        if suppressed.contains(.kanaAddress) { fields.append(.nameKana) }
        return fields
    }

    /// "電話番号: なりすまし被害の届出あり (数えない)" / "phone: reported impersonation victim (not counted)";
    /// nil when nothing suppressed was found.
    public var suppressionNote: Localized? {
        let fields = suppressedFields
        guard !fields.isEmpty else { return nil }
        let label = SuppressionReason.impersonation.label
        return Localized(ja: fields.map { Self.fieldLabel($0).ja }.joined(separator: "・") + ": \(label.ja) (数えない)",
                         en: fields.map { Self.fieldLabel($0).en }.joined(separator: " + ") + ": \(label.en) (not counted)")
    }

    public static func fieldLabel(_ field: IdentityField) -> Localized {
        switch field {
        case .name: Localized(ja: "氏名", en: "name")
        case .nameKana: Localized(ja: "フリガナ", en: "kana")
        case .postalCode: Localized(ja: "郵便番号", en: "postal code")
        case .address: Localized(ja: "住所", en: "address")
        case .phone: Localized(ja: "電話番号", en: "phone")
        case .email: Localized(ja: "メールアドレス", en: "e-mail")
        }
    }
}
