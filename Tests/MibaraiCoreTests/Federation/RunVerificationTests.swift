import Crypto
import MibaraiCore
import Testing

/// `append(contentsOf:)` checks one signature per run of linked entries; the outcome must be the
/// same as checking every entry on its own (`Protocol/federation.md`, "Verifying a run").
@Suite("Federation log: verifying by runs")
struct RunVerificationTests {
    typealias F = FederationFixture

    /// `count` publish entries of member `n` from seq `from`, linked from `previous`.
    static func chain(_ n: UInt8, from: UInt64 = 1, count: Int, previous: EntryHash = .zero) -> [LogEntry] {
        var out: [LogEntry] = []
        var prev = previous
        for k in 0..<count {
            let seq = from + UInt64(k)
            let e = F.entry(F.signer(n), seq: seq, previous: prev, .publish(record(n, seq)))
            out.append(e)
            prev = e.hash
        }
        return out
    }

    static func record(_ n: UInt8, _ seq: UInt64) -> RecordPublication {
        var bytes = [UInt8](repeating: n, count: 16)
        withUnsafeBytes(of: seq.bigEndian) { bytes.replaceSubrange(8..<16, with: $0) }
        return RecordPublication(
            id: ReportID(bytes: bytes)!, epoch: 1, category: .nonPayment, amountYen: 1_000 + Int(seq),
            year: 2026, month: 10, status: .open, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
            tokens: [BlindToken(type: .phone, value: TokenValue(high: UInt64(n) << 32 | seq, low: 7))])
    }

    /// What went in, in order, and what was refused, in order, with its code.
    struct Outcome: Equatable {
        var accepted: [EntryHash]
        var refused: [String]
    }

    static func byRuns(_ log: inout FederationLog, _ entries: [LogEntry]) -> Outcome {
        let r = log.append(contentsOf: entries)
        return Outcome(accepted: r.accepted.map(\.hash), refused: r.refused.map { "\($0.entry.hash) \($0.reason.code)" })
    }

    /// The same outcome from per-entry codes (nil: accepted).
    static func outcome(_ entries: [LogEntry], _ codes: [UInt8?]) -> Outcome {
        var o = Outcome(accepted: [], refused: [])
        for (e, c) in zip(entries, codes) {
            if let c { o.refused.append("\(e.hash) \(c)") } else { o.accepted.append(e.hash) }
        }
        return o
    }

    /// Per entry, nil for accepted, else the refusal's code: each entry checked on its own.
    static func oneByOne(_ log: inout FederationLog, _ entries: [LogEntry]) -> [UInt8?] {
        entries.map { e -> UInt8? in
            do throws(EntryRefusal) {
                try log.append(e)
                return nil
            } catch {
                return error.code
            }
        }
    }

    static func decoded(_ bytes: [UInt8]) -> LogEntry { try! LogEntry(decoding: bytes) }

    @Test func aLinkedRunGoesInWithOneSignatureCheck() throws {
        var log = F.log()
        let run = Self.chain(1, count: 40)
        let before = log.signatureChecks
        let r = log.append(contentsOf: run)
        #expect(r.accepted.count == 40 && r.refused.isEmpty)
        #expect(log.signatureChecks - before == 1)
        #expect(log.vector[F.id(1)] == 40 && log.headHash(of: F.id(1)) == run.last!.hash)
        #expect(log.records.count == 40)
        // One by one, the same entries cost one check each.
        var other = F.log()
        let b = other.signatureChecks
        #expect(Self.oneByOne(&other, run) == [UInt8?](repeating: nil, count: 40))
        #expect(other.signatureChecks - b == 40)
        #expect(other.rootDigest == log.rootDigest)
    }

    @Test func anAlteredInnerEntryIsRefusedAsBeforeAndThePrefixGoesIn() throws {
        let run = Self.chain(1, count: 10)
        // Entry 5's amount changed: its successor no longer links to it.
        var entries = run
        entries[4] = Self.decoded(F.altered(run[4], at: LogEntry.headerBytes + 22))
        var log = F.log(), reference = F.log()
        let codes = Self.oneByOne(&reference, entries)
        #expect(Self.byRuns(&log, entries) == Self.outcome(entries, codes))
        #expect(codes[0..<4].allSatisfy { $0 == nil })
        #expect(codes[4] == EntryRefusal.badSignature.code)
        #expect(codes[5...].allSatisfy { $0 == EntryRefusal.gap.code })
        #expect(log.vector[F.id(1)] == 4 && log.rootDigest == reference.rootDigest)
        #expect(log.records.count == 4)
    }

    @Test func anAlteredInnerEntryWithTheLinksRemadeIsRefusedAsBefore() throws {
        // Whoever changes entry 5 and re-links 6…10 to it cannot sign them: the run holds
        // together and its last signature fails.
        let run = Self.chain(1, count: 10)
        var entries = Array(run[0..<4])
        var prev = run[3].hash
        for k in 4..<10 {
            var bytes = run[k].encoded
            bytes.replaceSubrange(42..<74, with: prev.bytes)
            if k == 4 { bytes[LogEntry.headerBytes + 22] ^= 1 }
            let e = Self.decoded(bytes)
            entries.append(e)
            prev = e.hash
        }
        #expect(FederationLog.runEnds(of: entries) == [9])
        var log = F.log(), reference = F.log()
        let before = log.signatureChecks
        let codes = Self.oneByOne(&reference, entries)
        #expect(Self.byRuns(&log, entries) == Self.outcome(entries, codes))
        #expect(codes[0..<4].allSatisfy { $0 == nil } && codes[4] == EntryRefusal.badSignature.code)
        #expect(codes[5...].allSatisfy { $0 == EntryRefusal.gap.code })
        // The run's end, then each entry on its own up to the first bad one.
        #expect(log.signatureChecks - before == 1 + 5)
    }

    @Test func aBadLastSignatureLetsEverythingBeforeItIn() throws {
        var entries = Self.chain(2, count: 12)
        entries[11] = Self.decoded(F.altered(entries[11], at: -1))
        var log = F.log(), reference = F.log()
        let codes = Self.oneByOne(&reference, entries)
        #expect(Self.byRuns(&log, entries) == Self.outcome(entries, codes))
        #expect(codes[0..<11].allSatisfy { $0 == nil } && codes[11] == EntryRefusal.badSignature.code)
        #expect(log.vector[F.id(2)] == 11)
    }

    @Test func aRunSpanningTheHeldHeadReplaysTheHeldPartAndTakesTheRest() throws {
        let run = Self.chain(3, count: 20)
        var log = F.log()
        _ = log.append(contentsOf: Array(run[0..<8]))
        let before = log.signatureChecks
        let r = log.append(contentsOf: Array(run[4..<20]))
        #expect(r.refused.map(\.reason) == [EntryRefusal](repeating: .replay, count: 4))
        #expect(r.accepted == Array(run[8..<20]))
        #expect(log.signatureChecks - before == 1)
        #expect(log.vector[F.id(3)] == 20)
        // Nothing but replays: no signature checked at all.
        let again = log.signatureChecks
        #expect(log.append(contentsOf: run).refused.count == 20)
        #expect(log.signatureChecks == again)
    }

    @Test func runsFromSeveralOriginsInOneListEachCostOneCheck() throws {
        let a = Self.chain(1, count: 30), b = Self.chain(2, count: 25), c = Self.chain(3, count: 7)
        // As a delta carries them: the operator's admissions first, then each origin's gap.
        let admissions = F.log().entries(of: F.operatorID)
        let entries = admissions + a + b + Array(c[0..<4]) + Array(a[0..<2]) + Array(c[4...])
        #expect(FederationLog.runEnds(of: entries).count == 6)
        var log = FederationLog(operator: F.operatorID), reference = FederationLog(operator: F.operatorID)
        let codes = Self.oneByOne(&reference, entries)
        #expect(Self.byRuns(&log, entries) == Self.outcome(entries, codes))
        #expect(codes.filter { $0 != nil } == [UInt8?](repeating: EntryRefusal.replay.code, count: 2))
        #expect(log.signatureChecks == 5)  // the replayed stretch of origin 1 needs none
        #expect(log.vector[F.id(1)] == 30 && log.vector[F.id(2)] == 25 && log.vector[F.id(3)] == 7)
        #expect(log.rootDigest == reference.rootDigest)
    }

    @Test func aConflictingRunIsEquivocationByItsOwnSignature() throws {
        let held = Self.chain(1, count: 5)
        // Another seq 4, 5 and 6, validly signed, linked to the held seq 3.
        var forked: [LogEntry] = []
        var prev = held[2].hash
        for seq in UInt64(4)...6 {
            let e = F.entry(F.signer(1), seq: seq, previous: prev, .publish(Self.record(9, seq)))
            forked.append(e)
            prev = e.hash
        }
        var log = F.log(), reference = F.log()
        _ = log.append(contentsOf: held)
        _ = reference.append(contentsOf: held)
        let before = log.signatureChecks
        let codes = Self.oneByOne(&reference, forked)
        #expect(Self.byRuns(&log, forked) == Self.outcome(forked, codes))
        #expect(codes == [EntryRefusal.equivocation.code, EntryRefusal.equivocatingOrigin.code, EntryRefusal.equivocatingOrigin.code])
        #expect(log.equivocations[F.id(1)] != nil)
        // The conflicting entry's own signature was checked, not its run's.
        #expect(log.signatureChecks - before == 1)

        // The same conflict with a bad signature is no proof: refused as such, nothing recorded.
        var clean = F.log()
        _ = clean.append(contentsOf: held)
        let bad = Self.decoded(F.altered(forked[0], at: -1))
        #expect(clean.append(contentsOf: [bad]).refused.map(\.reason) == [.badSignature])
        #expect(clean.equivocations.isEmpty)
    }

    @Test func aForkAtTheHeadNeedsItsOwnSignatureToBeEquivocation() throws {
        let held = Self.chain(2, count: 3)
        // Seq 4…6 linked to another seq 3: the run's end vouches for their bytes, but only the
        // first one's own signature makes it a proof.
        let stranger = F.entry(F.signer(2), seq: 3, previous: held[1].hash, .publish(Self.record(8, 3)))
        let fork = Self.chain(2, from: 4, count: 3, previous: stranger.hash)
        var log = F.log(), reference = F.log()
        _ = log.append(contentsOf: held)
        _ = reference.append(contentsOf: held)
        let codes = Self.oneByOne(&reference, fork)
        #expect(Self.byRuns(&log, fork) == Self.outcome(fork, codes))
        #expect(codes[0] == EntryRefusal.equivocation.code)
        #expect(log.equivocations[F.id(2)] != nil)
    }

    @Test func randomDamageGivesTheSameOutcomeAsOneByOne() throws {
        let base = Self.chain(1, count: 12) + Self.chain(2, count: 12)
        var rng = SimulationRandom(seed: 3)
        for round in 0..<60 {
            var entries = base
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let i = Int(rng.next() % UInt64(entries.count))
                switch rng.next() % 5 {
                case 0: entries[i] = Self.decoded(F.altered(entries[i], at: -1 - Int(rng.next() % 64)))
                case 1: entries[i] = Self.decoded(F.altered(entries[i], at: LogEntry.headerBytes + Int(rng.next() % 20)))
                case 2: entries.remove(at: i)
                case 3: entries.insert(entries[i], at: Int(rng.next() % UInt64(entries.count)))
                default: entries.swapAt(i, Int(rng.next() % UInt64(entries.count)))
                }
            }
            var log = F.log(), reference = F.log()
            let held = Int(rng.next() % 4)
            if held > 0 {
                _ = log.append(contentsOf: Array(base[0..<held]))
                _ = reference.append(contentsOf: Array(base[0..<held]))
            }
            let codes = Self.oneByOne(&reference, entries)
            #expect(Self.byRuns(&log, entries) == Self.outcome(entries, codes), "round \(round)")
            #expect(log.rootDigest == reference.rootDigest, "round \(round)")
            #expect(log.equivocations.keys.sorted() == reference.equivocations.keys.sorted(), "round \(round)")
        }
    }
}
