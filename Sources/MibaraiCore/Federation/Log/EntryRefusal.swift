/// Why a node refused a log entry (nothing of it was stored). A struct around a private enum, with
/// an explicit, append-only `code` sent in gossip error answers.
public struct EntryRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: UInt8, Sendable {
        case malformed = 1
        case tooLarge = 2
        case unknownOrigin = 3
        case revokedOrigin = 4
        case equivocatingOrigin = 5
        case badSignature = 6
        case gap = 7
        case replay = 8
        case equivocation = 9
        case wrongKind = 10
        case invalidBody = 11
    }

    private let kind: Kind
    /// Which rule, in words; never content.
    public let detail: String

    private init(_ kind: Kind, _ detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    /// Does not decode as an entry of `Protocol/federation.md`.
    public static func malformed(_ why: String) -> Self { Self(.malformed, why) }
    /// Larger than the entry cap.
    public static let tooLarge = Self(.tooLarge)
    /// Neither the operator nor an admitted member.
    public static let unknownOrigin = Self(.unknownOrigin)
    /// The operator revoked this origin.
    public static let revokedOrigin = Self(.revokedOrigin)
    /// This origin was caught equivocating; nothing more of it is accepted.
    public static let equivocatingOrigin = Self(.equivocatingOrigin)
    /// The signature does not verify under the origin's key: forged or altered.
    public static let badSignature = Self(.badSignature)
    /// Its seq is beyond the next one expected; earlier entries must come first.
    public static let gap = Self(.gap)
    /// This very entry is already held.
    public static let replay = Self(.replay)
    /// A validly signed entry that conflicts with one held (same seq, other bytes, or another
    /// predecessor): both are kept as proof and the origin is refused from now on.
    public static let equivocation = Self(.equivocation)
    /// An operator kind from a member, or a member kind from the operator.
    public static let wrongKind = Self(.wrongKind)
    /// Well-formed and signed, but against the log's rules (e.g. a status for a record never published).
    public static func invalidBody(_ why: String) -> Self { Self(.invalidBody, why) }

    /// The wire code of `Protocol/federation.md`, "Refusal codes".
    public var code: UInt8 { kind.rawValue }

    /// True when the peer that sent the entry is at fault, not the origin or a race: an honest
    /// peer verifies before it forwards, so it never passes on malformed, oversized or forged entries.
    public var isPeerFault: Bool { kind == .malformed || kind == .tooLarge || kind == .badSignature }

    public static func == (a: Self, b: Self) -> Bool { a.kind == b.kind }
    public func hash(into h: inout Hasher) { h.combine(kind) }

    public var name: String {
        switch kind {
        case .malformed: "malformed"
        case .tooLarge: "too_large"
        case .unknownOrigin: "unknown_origin"
        case .revokedOrigin: "revoked_origin"
        case .equivocatingOrigin: "equivocating_origin"
        case .badSignature: "bad_signature"
        case .gap: "gap"
        case .replay: "replay"
        case .equivocation: "equivocation"
        case .wrongKind: "wrong_kind"
        case .invalidBody: "invalid_body"
        }
    }

    public var description: String { detail.isEmpty ? name : "\(name): \(detail)" }
}
