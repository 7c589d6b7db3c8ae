import MibaraiCore

/// Why a membership document (request, certificate, join bundle) is refused. The message is
/// bilingual and names the document, never a key or a person.
public struct MembershipError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case malformed(String)
        case badSignature(String)
        case missingName(String)
        case invalidField(String)
        case notIssuedByRoot
        case expired
        case notYetValid
        case keyMismatch(String)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    static func malformed(_ what: String) -> Self { Self(.malformed(what)) }
    static func badSignature(_ what: String) -> Self { Self(.badSignature(what)) }
    static func missingName(_ what: String) -> Self { Self(.missingName(what)) }
    static func invalidField(_ what: String) -> Self { Self(.invalidField(what)) }
    static let notIssuedByRoot = Self(.notIssuedByRoot)
    static let expired = Self(.expired)
    static let notYetValid = Self(.notYetValid)
    static func keyMismatch(_ what: String) -> Self { Self(.keyMismatch(what)) }

    public var message: Localized {
        switch kind {
        case .malformed(let w): Localized(ja: "\(w) の形式が不正です。", en: "\(w) is malformed.")
        case .badSignature(let w): Localized(ja: "\(w) の署名が正しくありません。", en: "the signature on \(w) does not verify.")
        case .missingName(let w): Localized(ja: "証明書に \(w) がありません。", en: "the certificate carries no \(w).")
        case .invalidField(let w): Localized(ja: "\(w) が不正です。", en: "\(w) is invalid.")
        case .notIssuedByRoot:
            Localized(ja: "証明書がこの連合のルート証明書で発行されていません。", en: "the certificate was not issued by this federation's root.")
        case .expired: Localized(ja: "証明書の有効期限が切れています。", en: "the certificate has expired.")
        case .notYetValid: Localized(ja: "証明書はまだ有効になっていません。", en: "the certificate is not valid yet.")
        case .keyMismatch(let w):
            Localized(ja: "\(w) がこのノードの鍵と一致しません。", en: "\(w) does not match this node's key.")
        }
    }

    public var description: String { message.en }
}
