/// What a person asked the operator for about the records held on them (個人情報保護法: 開示・訂正・
/// 利用停止). Codes are explicit and append-only.
public enum SubjectRequestKind: UInt8, Sendable, Hashable, CaseIterable {
    /// 開示: what is held.
    case disclosure = 1
    /// 訂正: a record is wrong and should be corrected.
    case correction = 2
    /// 利用停止: the record should no longer be used.
    case stopUse = 3

    /// The kind's name in `Protocol/federation.md`, the vectors and the command line.
    public var name: String {
        switch self {
        case .disclosure: "disclosure"
        case .correction: "correction"
        case .stopUse: "stop-use"
        }
    }

    public init?(name: String) {
        guard let k = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = k
    }

    public var label: Localized {
        switch self {
        case .disclosure: Localized(ja: "開示", en: "disclosure")
        case .correction: Localized(ja: "訂正", en: "correction")
        case .stopUse: Localized(ja: "利用停止", en: "stop of use")
        }
    }
}
