/// Bytes that do not follow `Protocol/federation.md`. A struct around a private enum so cases can
/// be added; the description names the rule broken, never the content.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case malformed(String)
        case tooLarge(limit: Int, actual: Int)
        case unsupportedVersion(UInt8)
        case unknownCode(UInt8)
    }

    private let kind: Kind
    private init(_ kind: Kind) { self.kind = kind }

    public static func malformed(_ why: String) -> Self { Self(.malformed(why)) }
    public static func tooLarge(limit: Int, actual: Int) -> Self { Self(.tooLarge(limit: limit, actual: actual)) }
    public static func unsupportedVersion(_ v: UInt8) -> Self { Self(.unsupportedVersion(v)) }
    public static func unknownCode(_ c: UInt8) -> Self { Self(.unknownCode(c)) }

    public var isTooLarge: Bool { if case .tooLarge = kind { true } else { false } }

    public var description: String {
        switch kind {
        case .malformed(let why): "malformed: \(why)"
        case .tooLarge(let limit, let actual): "too large: \(actual) bytes, limit \(limit)"
        case .unsupportedVersion(let v): "unsupported protocol version \(v)"
        case .unknownCode(let c): "unknown code \(c)"
        }
    }
}
