/// A report's identifier: 16 random bytes, printed as 32 lower-case hex digits.
///
/// The same identifier names the local report and the blinded record published from it, so a
/// status change or withdrawal reaches every copy. It says nothing about the person.
public struct ReportID: Sendable, Hashable, TextCoded {
    public let bytes: [UInt8]

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

    public init?(hex: String) {
        guard let b = Hex.decode(hex), b.count == 16 else { return nil }
        bytes = b
    }

    public var description: String { Hex.encode(bytes) }

    /// The bytes in one piece (the synthesized hash fed them to the hasher one at a time, and
    /// dictionaries keyed by it were a visible cost of a node catching up).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public static let codedKind = "a report id"

    /// ``init(hex:)``, for ``TextCoded``.
    public init?(parsing text: String) { self.init(hex: text) }
}
