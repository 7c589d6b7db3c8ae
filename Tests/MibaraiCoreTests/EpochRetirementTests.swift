import MibaraiCore
import Testing

@Suite("Older epochs retire after the grace period")
struct EpochRetirementTests {
    let adopted = LocalDate(year: 2026, month: 11, day: 22)!

    @Test func nothingRetiresWithinTheGracePeriod() {
        for day in 0..<30 {
            #expect(EpochRetirement.retiring(accepted: [3, 2, 1], primary: 3, primaryAdoptedOn: adopted,
                                             today: adopted.adding(days: day), graceDays: 30).isEmpty, "day \(day)")
        }
    }

    @Test func everyOlderEpochRetiresWhenItEnds() {
        #expect(EpochRetirement.retiring(accepted: [3, 1, 2], primary: 3, primaryAdoptedOn: adopted,
                                         today: adopted.adding(days: 30), graceDays: 30) == [1, 2])
        #expect(EpochRetirement.retiring(accepted: [3, 1, 2], primary: 3, primaryAdoptedOn: adopted,
                                         today: adopted.adding(days: 400), graceDays: 30) == [1, 2])
        // A grace period of 0 retires them the day the new key is taken.
        #expect(EpochRetirement.retiring(accepted: [2, 1], primary: 2, primaryAdoptedOn: adopted, today: adopted, graceDays: 0) == [1])
    }

    @Test func thePrimaryAndNewerEpochsNeverRetire() {
        #expect(EpochRetirement.retiring(accepted: [2], primary: 2, primaryAdoptedOn: adopted,
                                         today: adopted.adding(days: 100), graceDays: 30).isEmpty)
        #expect(EpochRetirement.retiring(accepted: [4, 2, 1], primary: 2, primaryAdoptedOn: adopted,
                                         today: adopted.adding(days: 100), graceDays: 30) == [1])
    }

    @Test func anUnknownAdoptionDayRetiresNothing() {
        #expect(EpochRetirement.retiring(accepted: [2, 1], primary: 2, primaryAdoptedOn: nil,
                                         today: adopted.adding(days: 1_000), graceDays: 30).isEmpty)
    }
}
