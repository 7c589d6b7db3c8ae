import Foundation
import MibaraiCore
import MibaraiStore

extension Node {
    /// An order screener over this node's store, keys and `[screening]` policy.
    /// `hubs`: where other shops' records are looked up under `replicas = hubs` (nil: this node
    /// holds them).
    public func screener(now: Int64, tokenIndex: TokenIndex? = nil, hubs: (any HubLookupClient)? = nil) throws(NodeError) -> OrderScreener {
        let key = try NodeSecrets.velocityKey(in: directory.url)
        do {
            return try OrderScreener(database: database, normalizer: normalizer, keyring: keyring, policy: configuration.screening,
                                     velocityKey: key, now: now, tokenIndex: tokenIndex, hubs: hubs, ownOrigin: configuration.nodeID)
        } catch {
            throw .store(error)
        }
    }
}
