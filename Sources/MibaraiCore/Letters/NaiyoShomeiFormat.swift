/// The page layouts the post office accepts for a 内容証明 (paper): at most so many characters a
/// line and so many lines a sheet. Source: Japan Post, 内容証明 ご利用の条件 (郵便法施行規則 and the
/// 内容証明取扱規程), as published on post.japanpost.jp.
public enum NaiyoShomeiFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// 横書き 1行20字・1枚26行 (the usual form, and the only one for 縦書き).
    case standard = "20x26"
    /// 横書き 1行13字・1枚40行.
    case narrow = "13x40"
    /// 横書き 1行26字・1枚20行.
    case wide = "26x20"

    public var charactersPerLine: Int {
        switch self {
        case .standard: 20
        case .narrow: 13
        case .wide: 26
        }
    }

    public var linesPerPage: Int {
        switch self {
        case .standard: 26
        case .narrow: 40
        case .wide: 20
        }
    }
}
