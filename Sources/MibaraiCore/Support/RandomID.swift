/// A 16-byte random identifier printed as 32 hex digits: a report's (``ReportID``), a
/// suppression's (``SuppressionID``), a review request's (``ReviewRequestID``). Each type states
/// only its bytes and `init(validBytes:)`; making, reading and printing are shared here.
public protocol RandomID: Sendable, Hashable, Comparable, CustomStringConvertible {
    var bytes: [UInt8] { get }
    /// Wraps exactly 16 bytes (the callers below check the count).
    init(validBytes: [UInt8])
}

extension RandomID {
    /// Nil unless exactly 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.init(validBytes: bytes)
    }

    public init<G: RandomNumberGenerator>(using generator: inout G) {
        self.init(validBytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    public init() {
        var g = SystemRandomNumberGenerator()
        self.init(using: &g)
    }

    /// 32 hex digits, either case.
    public init?(hex: String) {
        guard let b = Hex.decode(hex), b.count == 16 else { return nil }
        self.init(validBytes: b)
    }

    public var description: String { Hex.encode(bytes) }

    public static func < (a: Self, b: Self) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
