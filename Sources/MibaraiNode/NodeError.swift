import MibaraiCore
import MibaraiStore

/// A failure of a node's use case: a bilingual message (never containing identity values) and
/// its category, which each face turns into its own answer (an exit code, an HTTP status).
/// Nothing has been changed when one is thrown.
public struct NodeError: Error, CustomStringConvertible, LocalizedFailure {
    /// What went wrong, as a face needs to know it.
    public enum Category: Sendable {
        /// The request itself does not fit (a flag, an argument).
        case usage
        /// The input's content is wrong (a value, a file's format).
        case data
        /// Something named does not exist (a report, a case, the data directory).
        case notFound
        /// The node cannot do it (a broken file, the database).
        case software
        /// A file cannot be written.
        case cannotCreate
        /// No peer could be reached, or none answered in time.
        case unavailable
    }

    public let category: Category
    public let message: Localized

    private init(_ category: Category, _ message: Localized) {
        self.category = category
        self.message = message
    }

    public static func usage(ja: String, en: String) -> NodeError { NodeError(.usage, Localized(ja: ja, en: en)) }
    public static func data(ja: String, en: String) -> NodeError { NodeError(.data, Localized(ja: ja, en: en)) }
    public static func data(_ message: Localized) -> NodeError { NodeError(.data, message) }
    public static func noInput(ja: String, en: String) -> NodeError { NodeError(.notFound, Localized(ja: ja, en: en)) }
    public static func software(ja: String, en: String) -> NodeError { NodeError(.software, Localized(ja: ja, en: en)) }
    public static func cannotCreate(ja: String, en: String) -> NodeError { NodeError(.cannotCreate, Localized(ja: ja, en: en)) }
    public static func unavailable(ja: String, en: String) -> NodeError { NodeError(.unavailable, Localized(ja: ja, en: en)) }

    public static func store(_ e: StoreError) -> NodeError {
        NodeError(e.isNotFound ? .notFound : .software, e.message)
    }

    public var description: String { "エラー: \(message.ja)\nerror: \(message.en)" }
}
