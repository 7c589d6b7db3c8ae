import Crypto
import MibaraiCore
import Synchronization
import Testing

/// A log with an archive answers exactly as a log that keeps everything in memory, while holding
/// in memory only each origin's last entry and what is not yet written.
@Suite("Federation log with an archive")
struct FederationLogArchiveTests {
    typealias F = FederationFixture

    /// The archive of one room: what the test "wrote", by origin and seq.
    final class MemoryArchive: LogArchive {
        let held = Mutex<[NodeID: [UInt64: LogEntry]]>([:])
        let failing = Mutex(false)

        func write(_ entries: [LogEntry]) {
            held.withLock { for e in entries { $0[e.origin, default: [:]][e.seq] = e } }
        }

        func entries(of origin: NodeID, from: UInt64, through: UInt64) throws -> [LogEntry] {
            if failing.withLock({ $0 }) { throw ArchiveDown() }
            return held.withLock { h in
                var out: [LogEntry] = []
                var s = from
                while s <= through, let e = h[origin]?[s] { out.append(e); s += 1 }
                return out
            }
        }

        func recordEntries(of key: RecordKey) throws -> [LogEntry] {
            if failing.withLock({ $0 }) { throw ArchiveDown() }
            return held.withLock { h in
                (h[key.origin] ?? [:]).values.sorted { $0.seq < $1.seq }.filter { e in
                    e.kind.changesRecord && Array(e.body.prefix(16)) == key.id.bytes
                }
            }
        }

        /// Every entry, the operator's first, then by origin and seq (the store's order).
        func all(operator op: NodeID) -> [LogEntry] {
            held.withLock { h in
                let ordered = h.keys.sorted { a, b in a == op ? b != op : (b == op ? false : a < b) }
                return ordered.flatMap { o in h[o]!.values.sorted { $0.seq < $1.seq } }
            }
        }
    }

    struct ArchiveDown: Error {}

    static func admitted(_ archive: MemoryArchive?) -> FederationLog {
        var log = FederationLog(operator: F.operatorID, archive: archive)
        var written: [LogEntry] = []
        for n in 1...3 { written.append(try! log.append(signing: F.admission(UInt8(n)), with: F.operatorKey)) }
        archive?.write(written)
        log.archived(written)
        return log
    }

    static func outcome(_ body: () throws -> Void) -> String {
        do { try body(); return "accepted" } catch { return (error as? EntryRefusal)?.name ?? "\(error)" }
    }

    /// Random publications, statuses, withdrawals, answers, double publications, replays and
    /// entries out of turn, written in random batches: both logs take and refuse the same.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func answersAsTheLogInMemory(seed: UInt64) throws {
        let archive = MemoryArchive()
        var memory = Self.admitted(nil)
        var archived = Self.admitted(archive)
        var random = SimulationRandom(seed: seed)
        var unwritten: [LogEntry] = []
        var published: [NodeID: [ReportID]] = [:]
        var sent: [LogEntry] = []
        var nextID: UInt8 = 1
        for step in 0..<600 {
            let n = UInt8(1 + Int(random.next() % 3))
            let origin = F.id(n)
            let known = published[origin] ?? []
            let pick = random.next() % 10
            let body: LogBody
            switch pick {
            case 0...2:
                let r = F.record(nextID &+ n &* 50)
                nextID &+= 1
                body = .publish(r)
                published[origin, default: []].append(r.id)
            case 3 where !known.isEmpty:
                body = .publish(F.record(known[Int(random.next() % UInt64(known.count))].bytes[0]))
            case 4...5 where !known.isEmpty:
                body = .status(known[Int(random.next() % UInt64(known.count))], [.paid, .open, .disputed][Int(random.next() % 3)])
            case 6 where !known.isEmpty:
                body = .withdraw(known[Int(random.next() % UInt64(known.count))])
            case 7 where !sent.isEmpty:
                // A replay of something sent before (held, or refused then).
                let old = sent[Int(random.next() % UInt64(sent.count))]
                #expect(Self.outcome { try memory.append(old) } == Self.outcome { try archived.append(old) }, "step \(step)")
                continue
            case 8:
                // A status for an id nobody published.
                body = .status(ReportID(bytes: [UInt8](repeating: 0xEE, count: 16))!, .paid)
            default:
                body = .publish(F.record(nextID &+ n &* 50))
                published[origin, default: []].append(F.record(nextID &+ n &* 50).id)
                nextID &+= 1
            }
            let e = F.entry(F.signer(n), seq: memory.vector[origin] + 1, previous: memory.headHash(of: origin), body)
            sent.append(e)
            if random.next() % 3 == 0 {
                // A peer's batch: this entry, a status for the record it names, a replay of held
                // entries and a withdrawal, taken together (statuses and replays read at once).
                var batch = [e]
                if case .publish(let p) = body {
                    let s = F.entry(F.signer(n), seq: e.seq + 1, previous: e.hash, .status(p.id, .paid))
                    batch += [s, F.entry(F.signer(n), seq: s.seq + 1, previous: s.hash, .withdraw(p.id))]
                }
                batch += sent.filter { $0.origin == origin && $0.seq <= memory.vector[origin] }.suffix(3)
                sent += batch
                let a = memory.append(contentsOf: batch)
                let b = archived.append(contentsOf: batch)
                #expect(a.accepted == b.accepted && a.refused.map(\.reason) == b.refused.map(\.reason), "step \(step)")
                unwritten += b.accepted
            } else {
                let a = Self.outcome { try memory.append(e) }
                let b = Self.outcome { try archived.append(e) }
                #expect(a == b, "step \(step): \(body.kind)")
                if b == "accepted" { unwritten.append(e) }
            }
            // The caller writes some of what waits now and then, batches finishing in any order.
            if random.next() % 4 == 0, !unwritten.isEmpty {
                var batch: [LogEntry] = []
                for e in unwritten where random.next() % 2 == 0 { batch.append(e) }
                unwritten.removeAll { e in batch.contains(e) }
                archive.write(batch)
                archived.archived(batch)
                // While some wait: a peer that holds nothing is served the same, in order.
                #expect(archived.entries(missingFrom: VersionVector(), buckets: .max, limit: 100_000)
                    == memory.entries(missingFrom: VersionVector(), buckets: .max, limit: 100_000), "step \(step)")
            }
            #expect(memory.vector == archived.vector && memory.rootDigest == archived.rootDigest)
        }
        archive.write(unwritten)
        archived.archived(unwritten)
        let everything = memory.entries(missingFrom: VersionVector(), buckets: .max, limit: 100_000)
        #expect(archived.entries(missingFrom: VersionVector(), buckets: .max, limit: 100_000) == everything)
        #expect(everything.count == memory.entryCount && archived.entryCount == memory.entryCount)
        for key in memory.records.keys {
            #expect(try archived.recordStatus(of: key) == memory.records[key]?.status)
        }
        for n: UInt8 in 1...3 {
            #expect(try archived.publishedRecords(of: F.id(n)) == memory.publishedRecords(of: F.id(n)))
        }
        // Written: each origin's last entry stays, nothing else.
        #expect(archived.entriesInMemory == archived.vector.origins.count)
        #expect(memory.entriesInMemory == memory.entryCount)

        // Read back at a start: the same log, and it goes on answering the same.
        var restored = FederationLog(operator: F.operatorID, archive: archive)
        for e in archive.all(operator: F.operatorID) { try restored.restore(e) }
        restored.finishRestore()
        // Proofs of equivocation (a replayed entry that lost its place) are kept beside the log.
        for proof in archived.equivocations.values { restored.accept(proof) }
        #expect(restored.equivocations.keys.sorted() == memory.equivocations.keys.sorted())
        #expect(restored.vector == memory.vector && restored.rootDigest == memory.rootDigest)
        #expect(restored.bucketDigests == memory.bucketDigests && restored.members == memory.members)
        #expect(restored.entriesInMemory == restored.vector.origins.count)
        for (origin, ids) in published {
            let n = UInt8(F.id(1) == origin ? 1 : F.id(2) == origin ? 2 : 3)
            for id in ids.prefix(20) {
                for body: LogBody in [.withdraw(id), .publish(F.record(id.bytes[0]))] {
                    let e = F.entry(F.signer(n), seq: memory.vector[origin] + 1, previous: memory.headHash(of: origin), body)
                    #expect(Self.outcome { try memory.append(e) } == Self.outcome { try restored.append(e) })
                }
            }
        }
        #expect(restored.rootDigest == memory.rootDigest)
    }

    /// Rows the file holds past the log's head (a write that failed before a later one went
    /// through) say nothing about a record: the entries are taken again when a peer sends them.
    @Test func rowsPastTheHeadAreNotTheLogs() throws {
        let archive = MemoryArchive()
        var log = Self.admitted(archive)
        var source = Self.admitted(nil)
        var chain: [LogEntry] = []
        for body: LogBody in [.publish(F.record(1)), .publish(F.record(2)), .withdraw(F.record(2).id), .publish(F.record(3))] {
            chain.append(try source.append(signing: body, with: F.signer(1)))
        }
        // Only the last two reached the file; the log restarts from what it can chain.
        archive.write(Array(chain.suffix(2)))
        #expect(try log.recordStatus(of: RecordKey(origin: F.id(1), id: F.record(2).id)) == nil)
        let taken = log.append(contentsOf: chain)
        #expect(taken.accepted == chain && taken.refused.isEmpty)
        #expect(try log.recordStatus(of: RecordKey(origin: F.id(1), id: F.record(2).id)) == .withdrawn)
    }

    /// A conflicting entry for a seq only the archive holds is still caught as equivocation.
    @Test func aConflictWithAnArchivedEntryIsProof() throws {
        let archive = MemoryArchive()
        var log = Self.admitted(archive)
        var written: [LogEntry] = []
        for i: UInt8 in 1...5 { written.append(try log.append(signing: .publish(F.record(i)), with: F.signer(1))) }
        archive.write(written)
        log.archived(written)
        #expect(log.entriesInMemory == 2)  // the operator's last, member 1's last
        #expect(throws: EntryRefusal.replay) { try log.append(written[2]) }
        let conflicting = F.entry(F.signer(1), seq: 2, previous: written[0].hash, .publish(F.record(9)))
        #expect(throws: EntryRefusal.equivocation) { try log.append(conflicting) }
        #expect(log.equivocations[F.id(1)]?.held == written[1])
    }

    /// Until written, an entry and the status it gave stay in memory; a failed read refuses
    /// the entry that needed it, without a proof and without changing the log.
    @Test func unwrittenEntriesStayAndAFailedReadRefuses() throws {
        let archive = MemoryArchive()
        var log = Self.admitted(archive)
        let first = try log.append(signing: .publish(F.record(1)), with: F.signer(1))
        let second = try log.append(signing: .publish(F.record(2)), with: F.signer(1))
        #expect(log.entriesInMemory == 3)
        // Only the second is written (another batch's first may still be on its way).
        archive.write([second])
        log.archived([second])
        #expect(log.entriesInMemory == 3 && log.entries(of: F.id(1)) == [first, second])
        #expect(try log.recordStatus(of: RecordKey(origin: F.id(1), id: F.record(1).id)) == .open)
        archive.write([first])
        log.archived([first])
        #expect(log.entriesInMemory == 2 && log.entries(of: F.id(1)) == [first, second])

        archive.failing.withLock { $0 = true }
        let before = (log.vector, log.rootDigest)
        let status = F.entry(F.signer(1), seq: 3, previous: second.hash, .status(F.record(1).id, .paid))
        #expect(throws: EntryRefusal.invalidBody("")) { try log.append(status) }
        #expect(throws: EntryRefusal.invalidBody("")) { try log.append(F.entry(F.signer(1), seq: 1, previous: .zero, .publish(F.record(7)))) }
        #expect(log.vector == before.0 && log.rootDigest == before.1 && log.equivocations.isEmpty)
        // Nothing rather than a gap: the operator's entries first, and they cannot be read.
        #expect(log.entries(missingFrom: VersionVector(), buckets: .max, limit: 100).isEmpty)
        archive.failing.withLock { $0 = false }
        try log.append(status)
        #expect(try log.recordStatus(of: RecordKey(origin: F.id(1), id: F.record(1).id)) == .paid)
    }
}
