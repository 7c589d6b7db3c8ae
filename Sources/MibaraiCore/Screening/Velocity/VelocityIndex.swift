/// The velocity history in memory: screened orders by keyed phone, e-mail and address.
///
/// A value type with no clock: the caller passes each order's time. For each key only the
/// ``scanLimit`` most recent orders are read (more orders than that on one phone or address is
/// itself far past every threshold), so a lookup costs the same however long the history is.
/// Entries older than the history window are ignored and dropped by the store.
public struct VelocityIndex: Sendable {
    /// Orders read per key, newest first.
    public static let scanLimit = 200

    private var entries: [VelocityEntry?] = []
    private var byPhone: [VelocityKey: [Int32]] = [:]
    private var byEmail: [VelocityKey: [Int32]] = [:]
    private var byAddress: [VelocityKey: [Int32]] = [:]
    /// By the first half of the keyed order reference (the store keeps only that half).
    private var byOrder: [UInt64: Int32] = [:]

    public init(_ entries: [VelocityEntry] = []) {
        for e in entries { insert(e) }
    }

    /// Orders held (replaced ones not counted).
    public var count: Int { entries.count { $0 != nil } }

    /// The facts for `entry` against the history (an earlier entry of the same order excluded).
    public func facts(for entry: VelocityEntry, policy: ScreeningPolicy) -> VelocityFacts {
        let since = entry.at - Int64(policy.historyDays) * 86_400
        let windowStart = entry.at - Int64(policy.burstWindowMinutes) * 60
        let same = entry.order.flatMap { byOrder[$0.high] }
        let lists: [(list: [Int32], phoneOrEmail: Bool, address: Bool, phone: Bool)] = [
            (entry.address.flatMap { byAddress[$0] } ?? [], false, true, false),
            (entry.phone.flatMap { byPhone[$0] } ?? [], true, false, true),
            (entry.email.flatMap { byEmail[$0] } ?? [], true, false, false),
        ]
        var namesAtAddress: Set<VelocityKey> = [], namesWithPhone: Set<VelocityKey> = []
        var recent: Set<Int32> = [], prior: Set<Int32> = []
        for (list, phoneOrEmail, isAddress, isPhone) in lists {
            for i in list.reversed().prefix(Self.scanLimit) where i != same {
                guard let e = entries[Int(i)], e.at >= since, e.at <= entry.at else { continue }
                if e.at >= windowStart { recent.insert(i) }
                if phoneOrEmail { prior.insert(i) }
                if let n = e.name, let mine = entry.name, n != mine {
                    if isAddress { namesAtAddress.insert(n) }
                    if isPhone { namesWithPhone.insert(n) }
                }
            }
        }
        return VelocityFacts(otherNamesAtAddress: namesAtAddress.count, otherNamesWithPhone: namesWithPhone.count,
                             ordersInWindow: recent.count + 1, priorOrders: prior.count)
    }

    /// Adds an order; an earlier entry with the same order reference is replaced.
    public mutating func insert(_ entry: VelocityEntry) {
        if let key = entry.order, let old = byOrder[key.high] { entries[Int(old)] = nil }
        let i = Int32(entries.count)
        entries.append(entry)
        if let k = entry.order { byOrder[k.high] = i }
        if let k = entry.phone { byPhone[k, default: []].append(i) }
        if let k = entry.email { byEmail[k, default: []].append(i) }
        if let k = entry.address { byAddress[k, default: []].append(i) }
    }
}
