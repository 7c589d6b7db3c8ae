import Foundation
import MibaraiCore
import MibaraiImport

/// One CSV export screened from the page: its progress while it runs, then each order's result
/// and the annotated file to download. Kept in memory, for the session that sent it.
struct CSVJob: Sendable {
    struct Row: Sendable {
        /// The file's line of the order's first row (the header is line 1).
        var line: Int
        var reference: String
        var decision: ScreeningDecision?
        var score: Int?
        var summary: Localized
    }

    let id: String
    let session: String
    let filename: String
    /// Orders in the file: its rows until they are grouped into orders (``Node/screenFile``).
    var total: Int
    var done = 0
    /// The lookup index read so far, of its entries, while it is read (before the first order).
    var indexRead: (read: Int, of: Int)?
    var finished = false
    var failure: Localized?
    var rows: [Row] = []
    var tally: [ScreeningDecision: Int] = [:]
    var unscreenable = 0
    var encoding: OrderCSV.Encoding = .utf8
    var platform = ""
    /// The annotated file, in the input's encoding.
    var annotated = Data()
}
