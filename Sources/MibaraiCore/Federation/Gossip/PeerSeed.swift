/// A peer to reach at start, from configuration: `name@host:port` (a member's name as the
/// operator's log admits it) or `<64 hex digits>@host:port` (its node id). IPv6 hosts in brackets.
public struct PeerSeed: Sendable, Hashable, CustomStringConvertible {
    /// The member's name or node id, as written.
    public var node: String
    /// `host:port`.
    public var address: String

    public init?(_ text: String) {
        guard let at = text.lastIndex(of: "@") else { return nil }
        let node = String(text[..<at]), address = String(text[text.index(after: at)...])
        guard !node.isEmpty, let colon = address.lastIndex(of: ":"),
              colon != address.startIndex, let port = Int(address[address.index(after: colon)...]),
              (1...65_535).contains(port), address.utf8.count <= 255
        else { return nil }
        self.node = node
        self.address = address
    }

    public var description: String { "\(node)@\(address)" }

    /// The node id it names: given as hex, or a member of that name in the log; nil while the log
    /// admits no such member.
    public func resolve(in log: FederationLog) -> NodeID? {
        if let id = NodeID(hex: node) { return id }
        return log.members.values.first { $0.name == node }?.member
    }
}
