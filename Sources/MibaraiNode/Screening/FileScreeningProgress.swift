/// How far the screening of a file has come (``Node/screenFile(_:now:batch:screener:each:progress:)``),
/// for a face to show: a large file first reads the lookup index into memory, then screens its
/// orders in batches.
public enum FileScreeningProgress: Sendable, Equatable {
    /// Reading the lookup index: `read` of its `of` entries (about six per stored record).
    case readingIndex(read: Int, of: Int)
    /// Screening: `done` of the file's `of` orders.
    case screening(done: Int, of: Int)

    /// How far the current step has come: entries or orders done, of how many.
    public var step: (done: Int, of: Int) {
        switch self {
        case .readingIndex(let read, let of): (read, of)
        case .screening(let done, let of): (done, of)
        }
    }
}
