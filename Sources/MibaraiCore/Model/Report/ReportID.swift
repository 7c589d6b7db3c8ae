/// A report's identifier: 16 random bytes, printed as 32 lower-case hex digits (``RandomID``).
///
/// The same identifier names the local report and the blinded record published from it, so a
/// status change or withdrawal reaches every copy. It says nothing about the person.
public struct ReportID: RandomID, TextCoded {
    public let bytes: [UInt8]

    public init(validBytes: [UInt8]) { bytes = validBytes }

    /// The bytes in one piece (the synthesized hash fed them to the hasher one at a time, and
    /// dictionaries keyed by it were a visible cost of a node catching up).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public static let codedKind = "a report id"

    /// ``init(hex:)``, for ``TextCoded``.
    public init?(parsing text: String) { self.init(hex: text) }
}
