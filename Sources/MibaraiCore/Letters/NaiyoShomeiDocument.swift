/// A text laid out on 内容証明 sheets.
public struct NaiyoShomeiDocument: Sendable, Hashable {
    public var format: NaiyoShomeiFormat
    /// Sheets, each a list of lines (blank lines kept, they do not count).
    public var pages: [[String]]

    public init(format: NaiyoShomeiFormat, pages: [[String]]) {
        self.format = format
        self.pages = pages
    }

    /// The sheets as text, separated by a form feed on its own line (what `check` reads back).
    public var text: String { pages.map { $0.joined(separator: "\n") }.joined(separator: "\n\u{0C}\n") }

    /// Characters on all sheets, as the post office counts them.
    public var characterCount: Int { NaiyoShomeiLayout.count(pages.joined().joined()) }
}
