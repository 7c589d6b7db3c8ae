import MibaraiCore
import MibaraiStore

extension Node {
    /// Orders screened in the last `days` days that were held or need a look, newest first (at
    /// most `limit`): when each was placed, its score and decision. The velocity history keeps no
    /// order number or customer, so this is what the home page can show.
    public func ordersNeedingAttention(days: Int = 7, limit: Int = 20, now: Int64 = Node.now()) throws(NodeError) -> [(placedAt: Int64, score: Int, decision: ScreeningDecision)] {
        do { return try database.screenings(since: now - Int64(days) * 86_400, atLeast: .review, limit: limit) } catch { throw .store(error) }
    }
}
