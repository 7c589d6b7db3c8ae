/// What the gossip state machine asks its caller to do. The caller does all I/O.
public enum GossipAction: Sendable, Hashable {
    /// Open a connection (mutual TLS) to this peer, then report `connected`.
    case connect(NodeID, address: String)
    /// Send this message (`framed()`) on the peer's connection.
    case send(GossipMessage, to: NodeID)
    /// Verify and append these entries (`FederationLog.append(contentsOf:)` or the node's store),
    /// then report the outcome with `stored`.
    case store([LogEntry], from: NodeID)
    /// Check this proof (`FederationLog.accept`) and, if it holds, stop accepting the origin; if it
    /// is new to this node, report it with `stored(accepted: [], newProofs: [proof], from:)` so it
    /// is passed on.
    case acceptProof(EquivocationProof, from: NodeID)
    /// Close the peer's connection, then report `disconnected`.
    case disconnect(NodeID, reason: GossipErrorCode)
    /// Nothing to send: the pull of full deltas from this peer is over, its last answer (a delta
    /// that was not full, or `in_sync` to the exchange after a full one) held everything it had. A
    /// node that put work off while it caught up can do it now. A pull that stops otherwise (the
    /// peer went away or answered with an error, or a full delta held nothing new) does not end
    /// this way.
    case pullEnded(NodeID)
}
