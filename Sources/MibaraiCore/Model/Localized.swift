/// A text in both languages.
public struct Localized: Sendable, Hashable {
    public let ja: String
    public let en: String

    public init(ja: String, en: String) {
        self.ja = ja
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .ja ? ja : en }
}
