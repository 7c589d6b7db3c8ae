/// The velocity history in memory: screened orders by keyed phone, e-mail and address.
///
/// A value type with no clock: the caller passes each order's time. Entries older than the
/// history window are ignored by ``facts(for:policy:)`` and dropped by the store.
public struct VelocityIndex: Sendable {
    private var entries: [VelocityEntry?] = []
    private var byPhone: [VelocityKey: [Int]] = [:]
    private var byEmail: [VelocityKey: [Int]] = [:]
    private var byAddress: [VelocityKey: [Int]] = [:]
    private var byOrder: [VelocityKey: Int] = [:]

    public init(_ entries: [VelocityEntry] = []) {
        for e in entries { insert(e) }
    }

    /// Orders held (replaced ones not counted).
    public var count: Int { entries.count { $0 != nil } }

    /// The facts for `entry` against the history (an earlier entry of the same order excluded).
    public func facts(for entry: VelocityEntry, policy: ScreeningPolicy) -> VelocityFacts {
        let since = entry.at - Int64(policy.historyDays) * 86_400
        let windowStart = entry.at - Int64(policy.burstWindowMinutes) * 60
        let same = entry.order.flatMap { byOrder[$0] }
        func live(_ list: [Int]?) -> [VelocityEntry] {
            (list ?? []).compactMap { i in
                guard i != same, let e = entries[i], e.at >= since, e.at <= entry.at else { return nil }
                return e
            }
        }
        func otherNames(_ list: [VelocityEntry]) -> Int {
            Set(list.compactMap(\.name).filter { $0 != entry.name }).count
        }
        var facts = VelocityFacts()
        let atAddress = entry.address.map { live(byAddress[$0]) } ?? []
        let withPhone = entry.phone.map { live(byPhone[$0]) } ?? []
        facts.otherNamesAtAddress = entry.name == nil ? 0 : otherNames(atAddress)
        facts.otherNamesWithPhone = entry.name == nil ? 0 : otherNames(withPhone)
        var recent = Set<Int>()
        for (list, key) in [(byAddress, entry.address), (byPhone, entry.phone), (byEmail, entry.email)] {
            guard let key else { continue }
            for i in list[key] ?? [] where i != same {
                if let e = entries[i], e.at >= windowStart, e.at <= entry.at { recent.insert(i) }
            }
        }
        facts.ordersInWindow = recent.count + 1
        var prior = Set<Int>()
        for (list, key) in [(byPhone, entry.phone), (byEmail, entry.email)] {
            guard let key else { continue }
            for i in list[key] ?? [] where i != same {
                if let e = entries[i], e.at >= since, e.at <= entry.at { prior.insert(i) }
            }
        }
        facts.priorOrders = prior.count
        return facts
    }

    /// Adds an order; an earlier entry with the same order reference is replaced.
    public mutating func insert(_ entry: VelocityEntry) {
        if let key = entry.order, let old = byOrder[key] { entries[old] = nil }
        let i = entries.count
        entries.append(entry)
        if let k = entry.order { byOrder[k] = i }
        if let k = entry.phone { byPhone[k, default: []].append(i) }
        if let k = entry.email { byEmail[k, default: []].append(i) }
        if let k = entry.address { byAddress[k, default: []].append(i) }
    }
}
