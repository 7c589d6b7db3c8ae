/// Names one data-subject review request in the operator's log: 16 random bytes the operator
/// chooses, printed as 32 hex digits. An origin's `review_answer` names it; an id is never used
/// for a second request.
public struct ReviewRequestID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Nil unless exactly 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    public init<G: RandomNumberGenerator>(using generator: inout G) {
        bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    public init() {
        var g = SystemRandomNumberGenerator()
        self.init(using: &g)
    }

    /// 32 hex digits, either case.
    public init?(hex: String) {
        guard let b = Hex.decode(hex), b.count == 16 else { return nil }
        bytes = b
    }

    public var description: String { Hex.encode(bytes) }

    public static func < (a: ReviewRequestID, b: ReviewRequestID) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
