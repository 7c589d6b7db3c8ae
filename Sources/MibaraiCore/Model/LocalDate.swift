/// A calendar day in Japan (no time, no zone), as shops write order and incident dates.
///
/// Pure arithmetic on the proleptic Gregorian calendar; the current day is always passed in by the
/// caller, never read from a clock here.
public struct LocalDate: Sendable, Hashable, Comparable, TextCoded {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the three numbers name a real day between year 1900 and 9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, also accepting `/` or `.` as separators, full-width digits and
    /// one-digit months and days (`2026/4/1`). Nil for anything else.
    public init?(parsing text: String) {
        // The form every file and database holds (`2026-11-01`), read without the folding below;
        // the same day as the general path gives for it.
        let utf8 = text.utf8
        if utf8.count == 10 {
            var digits: [Int] = []
            digits.reserveCapacity(8)
            var dashes = 0
            for (i, b) in utf8.enumerated() {
                if i == 4 || i == 7 {
                    if b == UInt8(ascii: "-") { dashes += 1 }
                } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) {
                    digits.append(Int(b - UInt8(ascii: "0")))
                }
            }
            if dashes == 2, digits.count == 8 {
                let y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
                self.init(year: y, month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
                return
            }
        }
        let folded = TextFolding.nfkc(text).trimmingCharacters(in: .whitespaces)
        let parts = folded.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `n` days after the epoch 1970-01-01 (negative before it).
    public init(daysSinceEpoch n: Int) {
        // Civil-from-days over 400-year eras of 146,097 days, March-based years.
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM`: the only date precision that leaves the node in a blinded record.
    public var monthString: String { "\(year)-\(Self.pad(month))" }

    public var description: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }


    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public static let codedKind = "a date"
}
