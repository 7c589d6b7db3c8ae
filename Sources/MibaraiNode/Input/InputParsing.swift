import MibaraiCore

/// Parses the values a shop types (a command's options, a web page's form fields) with bilingual
/// errors that name the field, never an identity value. A field is named as the face shows it:
/// `--amount` on the command line (``option(_:)``), 「金額」 on the web page.
public enum InputParsing {
    /// A command-line option's name as errors show it: `--amount` in both languages.
    public static func option(_ name: String) -> Localized { Localized(ja: "--\(name)", en: "--\(name)") }

    public static func date(_ text: String?, option: String) throws(NodeError) -> LocalDate? {
        try date(text, field: Self.option(option))
    }

    public static func date(_ text: String?, field: Localized) throws(NodeError) -> LocalDate? {
        guard let text else { return nil }
        guard let d = LocalDate(parsing: text) else {
            throw .data(ja: "\(field.ja) の日付が不正です: \"\(text)\" (YYYY-MM-DD で指定)", en: "\(field.en) is not a valid date: \"\(text)\" (use YYYY-MM-DD)")
        }
        return d
    }

    /// A case number: a positive whole number (`#3` too); nil for an empty field.
    public static func caseNumber(_ text: String?, field: Localized = option("case")) throws(NodeError) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard let n = Int(TextFolding.nfkc(text).drop { $0 == "#" }), n > 0 else {
            throw .usage(ja: "\(field.ja) は正の整数です: \"\(text)\"", en: "\(field.en) must be a positive whole number: \"\(text)\"")
        }
        return n
    }

    /// A time of day, `HH:MM`.
    public static func time(_ text: String?, field: Localized = option("time")) throws(NodeError) -> TimeOfDay? {
        guard let text else { return nil }
        guard let t = TimeOfDay(parsing: text) else {
            throw .data(ja: "\(field.ja) の時刻が不正です: \"\(text)\" (HH:MM で指定)", en: "\(field.en) is not a valid time: \"\(text)\" (use HH:MM)")
        }
        return t
    }

    /// Whole yen: `48000`, `48,000`, `¥48,000`, `４８０００円`. Negative amounts are refused.
    public static func amount(_ text: String?, field: Localized = option("amount")) throws(NodeError) -> Int? {
        guard let text else { return nil }
        var s = TextFolding.nfkc(text).trimmingCharacters(in: .whitespaces)
        for junk in ["¥", "￥", "円", ",", "JPY", "jpy"] { s = s.replacingOccurrences(of: junk, with: "") }
        s = s.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("-"), Int(s.dropFirst()) != nil {
            throw .data(ja: "\(field.ja) が負の値です。0以上の円単位で指定してください。", en: "\(field.en) is negative: give whole yen, 0 or more.")
        }
        guard let n = Int(s), n >= 0 else {
            throw .data(ja: "\(field.ja) の金額が不正です: \"\(text)\" (円単位の整数)", en: "\(field.en) is not a whole number of yen: \"\(text)\"")
        }
        return n
    }

    public static func category(_ text: String?, field: Localized = option("category")) throws(NodeError) -> ReportCategory? {
        guard let text else { return nil }
        guard let c = ReportCategory(name: text) else {
            let names = ReportCategory.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
            throw .data(ja: "\(field.ja) が不明です: \"\(text)\"。指定できる区分: \(names)", en: "unknown \(field.en) \"\(text)\"; one of: \(names)")
        }
        return c
    }

    public static func status(_ text: String?, field: Localized = option("status")) throws(NodeError) -> ReportStatus? {
        guard let text else { return nil }
        guard let s = ReportStatus(name: text) else {
            let names = ReportStatus.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
            throw .data(ja: "\(field.ja) が不明です: \"\(text)\"。指定できる状態: \(names)", en: "unknown \(field.en) \"\(text)\"; one of: \(names)")
        }
        return s
    }

    public static func stage(_ text: String?, field: Localized = option("stage")) throws(NodeError) -> DunningStage? {
        guard let text else { return nil }
        guard let s = DunningStage(name: text) else {
            let names = DunningStage.allCases.map { "\($0.name) (\($0.label.ja))" }.joined(separator: ", ")
            throw .data(ja: "\(field.ja) が不明です。指定できる段階: \(names)", en: "unknown \(field.en); one of: \(names)")
        }
        return s
    }

    public static func layout(_ text: String) throws(NodeError) -> NaiyoShomeiFormat {
        guard let format = NaiyoShomeiFormat(rawValue: text) else {
            throw .data(ja: "--layout は 20x26, 13x40, 26x20 のいずれかです。", en: "--layout must be 20x26, 13x40 or 26x20.")
        }
        return format
    }
}
