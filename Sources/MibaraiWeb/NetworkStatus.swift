/// The federation as the home page tells it, asked of the running gossip when the page is shown:
/// peers connected now, members the operator's log admits, and whether a peer has confirmed this
/// node's own log since it started.
public struct NetworkStatus: Sendable {
    public var peersConnected: Int
    public var members: Int
    public var caughtUp: Bool

    public init(peersConnected: Int, members: Int, caughtUp: Bool) {
        self.peersConnected = peersConnected
        self.members = members
        self.caughtUp = caughtUp
    }
}
