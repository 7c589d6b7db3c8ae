/// A peer as peer exchange passes it on: its node id and where it listens (`host:port`, at most
/// 255 bytes of UTF-8; empty if it takes no connections).
public struct PeerInfo: Sendable, Hashable {
    public var id: NodeID
    public var address: String

    public init(id: NodeID, address: String) {
        self.id = id
        self.address = address
    }
}
