import MibaraiCore

/// Why a membership document (request, certificate, join bundle) is refused. The message is
/// bilingual and names the document, never a key or a person.
public struct MembershipError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case malformed(Localized)
        case badSignature(Localized)
        case missingName(Localized)
        case invalidField(Localized)
        case notIssuedByRoot
        case expired
        case notYetValid
        case keyMismatch(Localized)
        case revoked
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func malformed(ja: String, en: String) -> Self { Self(.malformed(Localized(ja: ja, en: en))) }
    static func badSignature(ja: String, en: String) -> Self { Self(.badSignature(Localized(ja: ja, en: en))) }
    static func missingName(ja: String, en: String) -> Self { Self(.missingName(Localized(ja: ja, en: en))) }
    static func invalidField(ja: String, en: String) -> Self { Self(.invalidField(Localized(ja: ja, en: en))) }
    static let notIssuedByRoot = Self(.notIssuedByRoot)
    static let expired = Self(.expired)
    static let notYetValid = Self(.notYetValid)
    static let revoked = Self(.revoked)
    static func keyMismatch(ja: String, en: String) -> Self { Self(.keyMismatch(Localized(ja: ja, en: en))) }

    public var message: Localized {
        switch kind {
        case .malformed(let w): Localized(ja: "\(w.ja) の形式が不正です。", en: "\(w.en) is malformed.")
        case .badSignature(let w): Localized(ja: "\(w.ja) の署名が正しくありません。", en: "the signature on \(w.en) does not verify.")
        case .missingName(let w): Localized(ja: "証明書に\(w.ja)がありません。", en: "the certificate lacks \(w.en).")
        case .invalidField(let w): Localized(ja: "\(w.ja) が不正です。", en: "\(w.en) is invalid.")
        case .notIssuedByRoot:
            Localized(ja: "証明書がこの連合のルート証明書で発行されていません。", en: "the certificate was not issued by this federation's root.")
        case .expired: Localized(ja: "証明書の有効期限が切れています。", en: "the certificate has expired.")
        case .notYetValid: Localized(ja: "証明書はまだ有効になっていません。", en: "the certificate is not valid yet.")
        case .revoked: Localized(ja: "この参加者は連合から除名されています。", en: "this member has been revoked.")
        case .keyMismatch(let w):
            Localized(ja: "\(w.ja) がこのノードの鍵と一致しません。", en: "\(w.en) does not match this node's key.")
        }
    }

    public var description: String { message.en }
}
