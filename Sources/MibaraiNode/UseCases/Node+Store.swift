import MibaraiCore
import MibaraiStore

extension Node {
    /// Drops expired blinded records (this node's and other members') and erases the personal
    /// data of this node's expired reports. Returns how many records were dropped.
    @discardableResult
    public func purgeExpired() throws(NodeError) -> Int {
        do throws(StoreError) { return try database.purgeExpired(today: today) } catch { throw .store(error) }
    }

    /// Hands signed log entries (the operator's log from a join bundle or an update) to the
    /// running node's gossip, which verifies them before it keeps any.
    public func enqueueLogEntries(_ entries: [[UInt8]]) throws(NodeError) {
        do throws(StoreError) { try database.enqueueLogEntries(entries) } catch { throw .store(error) }
    }

    /// The lookup index in memory, for a large batch of lookups (a day's export); `progress`
    /// hears the entries read of their number as they are read.
    public func lookupIndex(progress: (_ read: Int, _ of: Int) -> Void = { _, _ in }) throws(NodeError) -> TokenIndex {
        do throws(StoreError) { return try database.tokenIndex(progress: progress) } catch { throw .store(error) }
    }
}
