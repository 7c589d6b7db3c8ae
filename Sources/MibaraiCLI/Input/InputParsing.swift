import MibaraiCore
import MibaraiNode

/// Parses typed values with bilingual errors that name the option, never an identity value.
enum InputParsing {
    static func date(_ text: String?, option: String) throws(NodeError) -> LocalDate? {
        guard let text else { return nil }
        guard let d = LocalDate(parsing: text) else {
            throw .data(ja: "--\(option) の日付が不正です: \"\(text)\" (YYYY-MM-DD で指定)", en: "--\(option) is not a valid date: \"\(text)\" (use YYYY-MM-DD)")
        }
        return d
    }

    /// A time of day, `HH:MM`.
    static func time(_ text: String?) throws(NodeError) -> TimeOfDay? {
        guard let text else { return nil }
        guard let t = TimeOfDay(parsing: text) else {
            throw .data(ja: "--time の時刻が不正です: \"\(text)\" (HH:MM で指定)", en: "--time is not a valid time: \"\(text)\" (use HH:MM)")
        }
        return t
    }

    /// Whole yen: `48000`, `48,000`, `¥48,000`, `４８０００円`. Negative amounts are refused.
    static func amount(_ text: String?) throws(NodeError) -> Int? {
        guard let text else { return nil }
        var s = TextFolding.nfkc(text).trimmingCharacters(in: .whitespaces)
        for junk in ["¥", "￥", "円", ",", "JPY", "jpy"] { s = s.replacingOccurrences(of: junk, with: "") }
        s = s.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("-"), Int(s.dropFirst()) != nil {
            throw .data(ja: "--amount が負の値です。0以上の円単位で指定してください。", en: "--amount is negative: give whole yen, 0 or more.")
        }
        guard let n = Int(s), n >= 0 else {
            throw .data(ja: "--amount の金額が不正です: \"\(text)\" (円単位の整数)", en: "--amount is not a whole number of yen: \"\(text)\"")
        }
        return n
    }

    static func category(_ text: String?) throws(NodeError) -> ReportCategory? {
        guard let text else { return nil }
        guard let c = ReportCategory(name: text) else {
            let names = ReportCategory.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
            throw .data(ja: "--category が不明です: \"\(text)\"。指定できる区分: \(names)", en: "unknown --category \"\(text)\"; one of: \(names)")
        }
        return c
    }

    static func status(_ text: String?) throws(NodeError) -> ReportStatus? {
        guard let text else { return nil }
        guard let s = ReportStatus(name: text) else {
            let names = ReportStatus.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
            throw .data(ja: "--status が不明です: \"\(text)\"。指定できる状態: \(names)", en: "unknown --status \"\(text)\"; one of: \(names)")
        }
        return s
    }

    static func stage(_ text: String?) throws(NodeError) -> DunningStage? {
        guard let text else { return nil }
        guard let s = DunningStage(name: text) else {
            let names = DunningStage.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
            throw .data(ja: "--stage が不明です。指定できる段階: \(names)", en: "unknown --stage; one of: \(names)")
        }
        return s
    }

    static func layout(_ text: String) throws(NodeError) -> NaiyoShomeiFormat {
        guard let format = NaiyoShomeiFormat(rawValue: text) else {
            throw .data(ja: "--layout は 20x26, 13x40, 26x20 のいずれかです。", en: "--layout must be 20x26, 13x40 or 26x20.")
        }
        return format
    }
}
