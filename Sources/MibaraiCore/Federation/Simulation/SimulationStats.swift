/// What a simulated network sent: frames and bytes (length prefixes included), by message code.
public struct SimulationStats: Sendable, Hashable {
    public var frames = 0
    public var bytes = 0
    public var bytesByCode: [GossipMessage.Code: Int] = [:]
    public var framesByCode: [GossipMessage.Code: Int] = [:]
    /// Of the `hinted_summary` bytes, those of the heads it names: what a plain `summary` with the
    /// same root and count would not have sent.
    public var summaryHintBytes = 0
    /// Entries that reached a node already holding them.
    public var duplicateEntries = 0
    /// Entries stored.
    public var storedEntries = 0
    public var refused: [String: Int] = [:]

    public init() {}
}
