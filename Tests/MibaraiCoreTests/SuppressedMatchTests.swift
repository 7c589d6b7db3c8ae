import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// Lookups and screening with the operator's suppressions in force (`Protocol/federation.md`,
/// "Suppressions"): a suppressed token makes no match; a record reached only through suppressed
/// tokens is shown as "なりすまし被害の届出あり" and never holds or scores.
@Suite("Suppressed matches")
struct SuppressedMatchTests {
    let normalizer = try! Normalizer.bundled()
    let blinder = Blinder(key: Fixtures.key)
    let engine = ScreeningEngine(policy: ScreeningPolicy())

    /// The customer whose details were used by someone else.
    func order(phone: String = "080-2468-1357", email: String? = nil) -> Order {
        Order(reference: "V-1",
              billing: Identity(name: "見本 花子", nameKana: "ミホン ハナコ", postalCode: "135-0045",
                                address: "東京都江東区古石場2-29-16", phone: phone, email: email),
              items: [OrderItem(sku: "TEA-1", quantity: 1, unitPriceYen: 2_000)], payment: .card, placedAt: 1_795_000_000)
    }

    func input(_ o: Order, _ lookup: LookupResult) -> ScreeningInput {
        ScreeningInput(order: o, billing: normalizer.normalize(o.billing), recipient: normalizer.normalize(o.recipient),
                       shipping: nil, lookup: lookup, velocity: VelocityFacts())
    }

    /// An open report made with `reported`'s details, and the lookup of `o` against it with `suppressed` in force.
    func lookup(_ o: Order, reported: Identity, suppressed: [BlindToken] = []) -> LookupResult {
        let record = BlindedRecord(id: ReportID(), origin: "shop-b", epoch: 1, category: .nonPayment, amountYen: 12_800, month: "2026-10",
                                   status: .open, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
                                   tokens: blinder.tokens(for: normalizer.normalize(reported)))
        let q = blinder.tokens(for: normalizer.normalize(o.billing))
        let held = Set(record.tokens.map(\.value)).intersection(q.map(\.value))
        return LookupResult(query: q, candidates: held.isEmpty ? [] : [(RecordSummary(record), held)],
                            suppressed: Dictionary(uniqueKeysWithValues: suppressed.map { ($0, SuppressionReason.impersonation) }))
    }

    func phoneToken(_ phone: String) -> BlindToken {
        blinder.token(.phone, normalizer.normalize(Identity(phone: phone)).phone!)
    }

    /// Someone ordered with the victim's phone only (another name, another address).
    var impostor: Identity { Identity(name: "偽名 一郎", address: "大阪府大阪市北区梅田1-1-1", phone: "080-2468-1357") }

    @Test func aMatchOnlyThroughSuppressedTokensPassesWithTheNote() {
        let o = order()
        let before = lookup(o, reported: impostor)
        #expect(engine.evaluate(input(o, before)).decision == .review, "a probable match without the suppression")

        let after = lookup(o, reported: impostor, suppressed: [phoneToken("080-2468-1357")])
        #expect(after.matches.isEmpty && after.impersonationMatches.count == 1)
        #expect(after.strongest == nil && after.reportCount == 0 && after.outstandingYen == 0)
        #expect(after.headline.ja.contains("なりすまし被害の届出あり"))
        let r = engine.evaluate(input(o, after))
        #expect(r.decision == .pass)
        let shown = r.contributions.filter { $0.rule == .federationImpersonation }
        #expect(shown.count == 1 && shown[0].weight == 0)
        #expect(shown[0].reason.ja.hasPrefix("なりすまし被害の届出あり"))
        #expect(shown[0].reason.en.hasPrefix("reported impersonation victim"))
        #expect(!r.contributions.contains { $0.rule == .federationProbable || $0.rule == .federationStrong })
        #expect(after.impersonationMatches[0].suppressedFields == [.phone])
    }

    @Test func aMixedMatchCountsThroughItsOtherTokensOnly() {
        // The report has the victim's phone and also an e-mail the customer uses: strong without
        // the suppression, probable (through the e-mail alone) with it.
        var reported = impostor
        reported.email = "mihon.hanako@example.jp"
        let o = order(email: "mihon.hanako@example.jp")
        let before = lookup(o, reported: reported)
        #expect(before.strongest == .strong)
        let after = lookup(o, reported: reported, suppressed: [phoneToken("080-2468-1357")])
        #expect(after.impersonationMatches.isEmpty)
        #expect(after.matches.count == 1 && after.strongest == .probable)
        #expect(after.matches[0].matchedFields == [.email] && after.matches[0].suppressed == [.phone])
        #expect(after.matches[0].suppressionNote?.ja.contains("なりすまし被害の届出あり") == true)
        let r = engine.evaluate(input(o, after))
        #expect(r.contributions.contains { $0.rule == .federationProbable })
        #expect(r.contributions.contains { $0.rule == .federationImpersonation && $0.weight == 0 })
        #expect(r.decision == .review)
    }

    @Test func anotherPhoneIsNotSuppressed() {
        let o = order()
        let r = lookup(o, reported: impostor, suppressed: [phoneToken("080-1357-2468")])
        #expect(r.impersonationMatches.isEmpty && r.strongest == .probable)
    }

    @Test func aShopCannotWeighTheImpersonationRule() {
        var p = ScreeningPolicy()
        p.weights[.federationImpersonation] = 90
        #expect(p.weight(.federationImpersonation) == 0)
        #expect(ScreeningRule.federationImpersonation.defaultWeight == 0)
    }
}
