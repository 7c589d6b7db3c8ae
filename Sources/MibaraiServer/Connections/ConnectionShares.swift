/// How the connections a node accepts share its file descriptors: the process's open-file limit,
/// less a reserve, split into three shares (``ConnectionBudget``):
///
/// - `api`: the loopback screening API, so strangers filling the federation ports never lock the
///   shop's own checkout out;
/// - `members`: connections whose TLS handshake verified a member certificate, on the gossip and
///   the federation port (the gossip keeps `max_connections` links open at most, in both
///   directions together, and members' HTTPS calls are short);
/// - `unverified`: connections on those two ports whose handshake has not finished; each remote
///   address may hold `perAddress` of them.
///
/// The formula (`forFileLimit`), with `L` the open-file limit and `C` `[federation] max_connections`:
///
///     total      = L − reserve                       reserve = 256: SQLite files and readers, the three
///                                                    listeners, stdio and logs, the node's own dials,
///                                                    a margin for connections being closed
///     members    = C + 32
///     api        = total / 8, within 16…1,024
///     unverified = total − members − api, at most 4,096 (each connection waiting for its TLS
///                  handshake holds some 40 KB: NIOSSL's 32 KB read buffer and BoringSSL's state)
///
/// `serve` refuses to start a member below `requiredFileLimit(maxConnections:)`, where
/// `unverified` would fall below 32. The node's own gossip dials are not counted here: they are
/// bounded by `max_connections` with the verified links, which the reserve's margin covers.
public struct ConnectionShares: Sendable, Hashable, CustomStringConvertible {
    public var api: Int
    public var members: Int
    public var unverified: Int
    /// Unverified connections one remote address may hold (across the gossip and federation ports).
    public var perAddress: Int

    public init(api: Int, members: Int, unverified: Int, perAddress: Int = ConnectionShares.perAddress) {
        self.api = api
        self.members = members
        self.unverified = unverified
        self.perAddress = perAddress
    }

    public var total: Int { api + members + unverified }

    /// Files kept out of the shares.
    public static let reserve = 256
    /// Members' share beyond `max_connections`: their HTTPS calls, links being replaced.
    public static let membersMargin = 32
    public static let minimumAPI = 16
    public static let maximumAPI = 1_024
    public static let minimumUnverified = 32
    public static let maximumUnverified = 4_096
    public static let perAddress = 8

    /// The shares of a node whose open-file limit is `fileLimit` and whose gossip keeps
    /// `maxConnections` links; nil when the limit is too low (below `requiredFileLimit`).
    /// A node that has not joined a federation (`maxConnections` nil) accepts API connections only.
    public static func forFileLimit(_ fileLimit: Int, maxConnections: Int?) -> ConnectionShares? {
        let total = fileLimit - reserve
        guard let maxConnections else {
            guard total >= minimumAPI else { return nil }
            return ConnectionShares(api: min(total, maximumAPI), members: 0, unverified: 0)
        }
        let members = max(0, maxConnections) + membersMargin
        let api = min(max(total / 8, minimumAPI), maximumAPI)
        let unverified = min(total - members - api, maximumUnverified)
        guard unverified >= minimumUnverified else { return nil }
        return ConnectionShares(api: api, members: members, unverified: unverified)
    }

    /// The smallest open-file limit `forFileLimit` accepts for a member keeping `maxConnections` links.
    public static func requiredFileLimit(maxConnections: Int?) -> Int {
        guard let maxConnections else { return reserve + minimumAPI }
        var limit = reserve + max(0, maxConnections) + membersMargin + minimumAPI + minimumUnverified
        // api grows with the total (total / 8): step up until the unverified share fits.
        while forFileLimit(limit, maxConnections: maxConnections) == nil { limit += 1 }
        return limit
    }

    public var description: String {
        "API \(api), members \(members), unverified \(unverified) (\(perAddress) per address)"
    }
}
