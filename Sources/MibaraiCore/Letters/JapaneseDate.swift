/// Dates as Japanese letters write them: 2026年11月22日.
public enum JapaneseDate {
    public static func long(_ date: LocalDate) -> String { "\(date.year)年\(date.month)月\(date.day)日" }
}
