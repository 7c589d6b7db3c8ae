import Synchronization

/// How many unverified connections each remote address holds open on the gossip and federation
/// ports, with a cap: one address cannot take the whole unverified share of a node
/// (``ConnectionBudget``) by opening connections and doing nothing with them.
final class ConnectionsPerAddress: Sendable {
    let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address`; false (and not counted) when it already holds `limit`.
    func admit(_ address: String) -> Bool {
        counts.withLock { c in
            let held = c[address, default: 0]
            guard held < limit else { return false }
            c[address] = held + 1
            return true
        }
    }

    func release(_ address: String) {
        counts.withLock { c in
            let held = c[address, default: 0]
            if held <= 1 { c[address] = nil } else { c[address] = held - 1 }
        }
    }

    /// Connections `address` holds now.
    func held(_ address: String) -> Int {
        counts.withLock { $0[address, default: 0] }
    }
}
