/// The federation as the home page tells it: whether this node has joined, the hub it syncs
/// with, when it last heard from a peer, how many members, and the key epoch it blinds with.
public struct NetworkStatus: Sendable {
    public var joined: Bool
    public var nodeID: String?
    public var members: Int?
    public var peersConnected: Int
    /// Seconds since 1970 of the last completed exchange with a peer.
    public var lastSync: Int64?
    public var epoch: UInt32?

    public init(joined: Bool, nodeID: String? = nil, members: Int? = nil, peersConnected: Int = 0, lastSync: Int64? = nil, epoch: UInt32? = nil) {
        self.joined = joined
        self.nodeID = nodeID
        self.members = members
        self.peersConnected = peersConnected
        self.lastSync = lastSync
        self.epoch = epoch
    }
}
