/// The archive read back fewer of an origin's entries than the log holds (a row missing from the
/// node's file): what needed all of them is not answered from a part.
public struct LogArchiveShort: Error, Sendable, CustomStringConvertible {
    public let origin: NodeID
    public let held: Int

    public var description: String { "the node's file holds \(held) entries of an origin's log, fewer than its head" }
}
