import Foundation

/// A time of day in Japan (hours and minutes, no zone), as a shop notes when a call was made or a
/// parcel was refused. The day it belongs to is kept apart, as a `LocalDate`.
public struct TimeOfDay: Sendable, Hashable, Comparable, TextCoded {
    public let hour: Int
    public let minute: Int

    /// Nil unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (one-digit hours too, full-width digits and colon folded). Nil for anything else.
    public init?(parsing text: String) {
        let folded = TextFolding.nfkc(text).trimmingCharacters(in: .whitespaces)
        let parts = folded.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    /// `14:05`.
    public var description: String { "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)" }

    public static func < (a: Self, b: Self) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }


    public static let codedKind = "a time of day"
}
