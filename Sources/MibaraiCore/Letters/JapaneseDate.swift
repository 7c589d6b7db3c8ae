/// Dates as Japanese letters write them: 2026年11月22日.
public enum JapaneseDate {
    public static func long(_ date: LocalDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }

    /// 2026年11月22日 (日)
    public static func withWeekday(_ date: LocalDate) -> String {
        // 1970-01-01 was a Thursday.
        let names = ["木", "金", "土", "日", "月", "火", "水"]
        let i = ((date.daysSinceEpoch % 7) + 7) % 7
        return "\(long(date)) (\(names[i]))"
    }
}
