import MibaraiCore
import Testing

/// What a node signs so its log says what its records say, without sockets or storage.
@Suite("Own log plan")
struct OwnLogPlanTests {
    typealias F = FederationFixture

    func record(_ n: UInt8, epoch: UInt32 = 1, status: ReportStatus = .open) -> BlindedRecord {
        var r = F.record(n).record(origin: "shop-a")
        r.header.epoch = epoch
        r.header.status = status
        return r
    }

    func pid(_ r: BlindedRecord, revision: UInt32 = 0) -> ReportID { OwnLogPlan.publicationID(report: r.id, epoch: r.epoch, revision: revision) }

    /// What a log holds after publishing these records (under their first publication ids) with these statuses.
    func published(_ entries: [(BlindedRecord, ReportStatus)], revision: UInt32 = 0) -> [ReportID: BlindedRecord] {
        var out: [ReportID: BlindedRecord] = [:]
        for (r, status) in entries {
            var p = r
            p.header.id = pid(r, revision: revision)
            p.header.status = status
            out[p.id] = p
        }
        return out
    }

    @Test func newRecordsArePublishedUnderTheirPublicationIDAndNothingIsSignedTwice() {
        let a = record(1), b = record(2)
        let bodies = OwnLogPlan.bodies(current: [a, b], published: [:])
        #expect(bodies.count == 2)
        let ids = bodies.compactMap { if case .publish(let p) = $0 { p.id } else { nil } }
        #expect(Set(ids) == [pid(a), pid(b)])
        // The report id itself never goes out.
        #expect(!ids.contains(a.id) && !ids.contains(b.id))
        #expect(OwnLogPlan.bodies(current: [a, b], published: published([(a, .open), (b, .open)])).isEmpty)
        // Same state, same order.
        #expect(OwnLogPlan.bodies(current: [b, a], published: [:]) == bodies)
    }

    @Test func statusChangesWithdrawalsAndErasedRecordsFollow() {
        let a = record(1, status: .paid), b = record(2, status: .withdrawn)
        let gone = record(3)
        let bodies = OwnLogPlan.bodies(current: [a, b], published: published([(a, .open), (b, .open), (gone, .disputed)]))
        #expect(Set(bodies) == [.status(pid(a), .paid), .withdraw(pid(b)), .withdraw(pid(gone))])
        // Withdrawn stays withdrawn: never published again under that id.
        #expect(OwnLogPlan.bodies(current: [record(1)], published: published([(record(1), .withdrawn)])).isEmpty)
    }

    @Test func blindingAgainUnderANewEpochPublishesAnewAndWithdrawsTheOldEpochsCopy() {
        let old = record(1, epoch: 1), new = record(1, epoch: 2)
        #expect(pid(old) != pid(new))
        let bodies = OwnLogPlan.bodies(current: [new], published: published([(old, .open)]))
        #expect(bodies.count == 2)
        #expect(bodies.contains(.withdraw(pid(old))))
        #expect(bodies.contains { if case .publish(let p) = $0 { p.id == pid(new) && p.epoch == 2 } else { false } })
    }

    @Test func aCorrectedRecordWithdrawsItsLastRevisionAndPublishesTheNext() {
        let before = record(1)
        var after = before
        after.tokens = record(9).tokens  // a corrected phone, address …: other tokens
        let log = published([(before, .open)])
        let bodies = OwnLogPlan.bodies(current: [after], published: log)
        #expect(bodies.count == 2)
        #expect(bodies.first == .withdraw(pid(before)), "the old tokens go first")
        guard case .publish(let p)? = bodies.last else { Issue.record("no publish: \(bodies)"); return }
        #expect(p.id == pid(after, revision: 1))
        #expect(Set(p.tokens) == Set(after.tokens))
        // Once signed, the plan is at rest; a second correction goes to revision 2.
        var signed = log
        signed[pid(before)]?.status = .withdrawn
        signed[p.id] = p.record(origin: "shop-a")
        #expect(OwnLogPlan.bodies(current: [after], published: signed).isEmpty)
        #expect(OwnLogPlan.latest(of: after.id, epoch: 1, in: signed)?.revision == 1)
        var again = after
        again.amountYen += 1_000
        let next = OwnLogPlan.bodies(current: [again], published: signed)
        #expect(next.first == .withdraw(pid(after, revision: 1)))
        #expect(next.last.map { if case .publish(let q) = $0 { q.id == pid(after, revision: 2) && q.amountYen == again.amountYen } else { false } } == true)
        // A status change alone stays a status entry on the live revision.
        var paid = after
        paid.header.status = .paid
        #expect(OwnLogPlan.bodies(current: [paid], published: signed) == [.status(pid(after, revision: 1), .paid)])
        // Revision 0 is the first publication id, as before revisions existed.
        #expect(pid(before, revision: 0) == OwnLogPlan.publicationID(report: before.id, epoch: before.epoch))
        #expect(pid(before, revision: 1) != pid(before))
    }
}
