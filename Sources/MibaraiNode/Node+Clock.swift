import Foundation
import MibaraiCore

extension Node {
    /// Today in Japan (UTC+9, no daylight saving time), or the day `MIBARAI_TODAY` names
    /// (YYYY-MM-DD): for reproducible demos and tests.
    public static func todayInJapan(_ now: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment) -> LocalDate {
        if let fixed = environment["MIBARAI_TODAY"], let day = LocalDate(parsing: fixed) { return day }
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 9 * 3600
        return LocalDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// The current time in seconds since 1970; with `MIBARAI_TODAY` set, noon of that day in
    /// Japan, so that tests and demos see the same history whatever the clock says.
    public static func now(_ date: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment) -> Int64 {
        if let fixed = environment["MIBARAI_TODAY"], let day = LocalDate(parsing: fixed) {
            return Int64(day.daysSinceEpoch) * 86_400 + 3 * 3600
        }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
