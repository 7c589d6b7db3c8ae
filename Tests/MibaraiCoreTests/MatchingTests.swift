import MibaraiCore
import Testing

@Suite("Matching")
struct MatchingTests {
    let blinder = Blinder(key: EpochKey(epoch: 1, keyBytes: Array(repeating: 9, count: 32))!)

    func record(_ identity: NormalizedIdentity, origin: String = "shop-a", amount: Int = 10_000, status: ReportStatus = .open) -> BlindedRecord {
        BlindedRecord(id: ReportID(), origin: origin, epoch: 1, category: .nonPayment, amountYen: amount, month: "2026-10",
                      status: status, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!, tokens: blinder.tokens(for: identity))
    }

    /// What the store returns: every record sharing a token value with the query.
    func lookup(_ query: NormalizedIdentity, in records: [BlindedRecord]) -> LookupResult {
        let q = blinder.tokens(for: query)
        let values = Set(q.map(\.value))
        let candidates = records.compactMap { r -> (RecordSummary, Set<TokenValue>)? in
            let held = Set(r.tokens.map(\.value)).intersection(values)
            return held.isEmpty ? nil : (RecordSummary(r), held)
        }
        return LookupResult(query: q, candidates: candidates)
    }

    @Test func phoneAndPersonAtAddressIsStrong() {
        let person = BlindingTests.identity(email: nil)
        let r = lookup(person, in: [record(person)])
        #expect(r.strongest == .strong)
        #expect(r.matches[0].matchedFields == [.phone, .address, .name, .nameKana])
    }

    @Test func familyMemberAtSameAddressIsHouseholdWithNameDiffering() {
        let reported = BlindingTests.identity(phone: "+819011112222", email: nil)
        let sibling = BlindingTests.identity(name: "見本花子", kana: "ミホンハナコ", phone: "+819033334444", email: nil)
        let r = lookup(sibling, in: [record(reported)])
        #expect(r.strongest == .household)
        #expect(r.matches[0].differingFields == [.name, .nameKana])
        #expect(r.matches[0].explanation.en == "address matches; name and kana differ")
    }

    @Test func phoneWithOtherNameAtSameAddress() throws {
        let reported = BlindingTests.identity(email: nil)
        let query = BlindingTests.identity(name: "別名次郎", kana: "ベツメイジロウ", email: nil)
        let m = try #require(lookup(query, in: [record(reported)]).matches.first)
        #expect(m.strength == .probable)
        #expect(m.explanation.en == "phone + address match; name and kana differ")
        #expect(m.explanation.ja == "電話番号・住所が一致、氏名・フリガナは不一致")
    }

    @Test func totalsCountShopsAndOutstandingOnly() {
        let p = BlindingTests.identity()
        let r = lookup(p, in: [record(p, origin: "shop-a", amount: 20_000), record(p, origin: "shop-b", amount: 28_000),
                               record(p, origin: "shop-b", amount: 5_000, status: .paid),
                               record(p, origin: "shop-b", amount: 7_000, status: .disputed)])
        #expect(r.reportCount == 4)
        #expect(r.shopCount == 2)
        // Open reports only: a paid one is history, a disputed one waits for its dispute.
        #expect(r.outstandingYen == 48_000)
        #expect(r.headline.en == "4 reports from 2 shops (strongest: strong), ¥48,000 outstanding, 1 paid, 1 disputed")
        #expect(r.headline.ja == "2店舗から4件の報告 (最も強い一致: 強い一致)、未回収 ¥48,000、うち支払済 1件、うち係争中 1件")
    }

    @Test func withdrawnNeverMatchesAndStrangerFindsNothing() {
        let p = BlindingTests.identity()
        #expect(lookup(p, in: [record(p, status: .withdrawn)]).isEmpty)
        let stranger = BlindingTests.identity(name: "他人", kana: "タニン", address: "大阪府|大阪市北区|梅田|1-1-1|", phone: "+81612345678", email: "x@example.jp")
        #expect(lookup(stranger, in: [record(p)]).isEmpty)
    }

    @Test func yenFormatting() {
        #expect(LookupResult.yen(0) == "¥0")
        #expect(LookupResult.yen(1_234_567) == "¥1,234,567")
    }
}
