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

    func pid(_ r: BlindedRecord) -> ReportID { OwnLogPlan.publicationID(report: r.id, epoch: r.epoch) }

    @Test func newRecordsArePublishedUnderTheirPublicationIDAndNothingIsSignedTwice() {
        let a = record(1), b = record(2)
        let bodies = OwnLogPlan.bodies(current: [a, b], published: [:])
        #expect(bodies.count == 2)
        let ids = bodies.compactMap { if case .publish(let p) = $0 { p.id } else { nil } }
        #expect(Set(ids) == [pid(a), pid(b)])
        // The report id itself never goes out.
        #expect(!ids.contains(a.id) && !ids.contains(b.id))
        #expect(OwnLogPlan.bodies(current: [a, b], published: [pid(a): .open, pid(b): .open]).isEmpty)
        // Same state, same order.
        #expect(OwnLogPlan.bodies(current: [b, a], published: [:]) == bodies)
    }

    @Test func statusChangesWithdrawalsAndErasedRecordsFollow() {
        let a = record(1, status: .paid), b = record(2, status: .withdrawn)
        let gone = record(3)
        let bodies = OwnLogPlan.bodies(current: [a, b], published: [pid(a): .open, pid(b): .open, pid(gone): .disputed])
        #expect(Set(bodies) == [.status(pid(a), .paid), .withdraw(pid(b)), .withdraw(pid(gone))])
        // Withdrawn stays withdrawn: never published again under that id.
        #expect(OwnLogPlan.bodies(current: [record(1)], published: [pid(record(1)): .withdrawn]).isEmpty)
    }

    @Test func blindingAgainUnderANewEpochPublishesAnewAndWithdrawsTheOldEpochsCopy() {
        let old = record(1, epoch: 1), new = record(1, epoch: 2)
        #expect(pid(old) != pid(new))
        let bodies = OwnLogPlan.bodies(current: [new], published: [pid(old): .open])
        #expect(bodies.count == 2)
        #expect(bodies.contains(.withdraw(pid(old))))
        #expect(bodies.contains { if case .publish(let p) = $0 { p.id == pid(new) && p.epoch == 2 } else { false } })
    }
}
