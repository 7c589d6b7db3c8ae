import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// The screening rule engine, without I/O: orders in, contributions, score and decision out.
@Suite("Screening rules")
struct ScreeningTests {
    let normalizer = try! Normalizer.bundled()
    let blinder = Blinder(key: Fixtures.key)
    let keyer = VelocityKeyer(key: Array(repeating: 7, count: 32))
    let t0: Int64 = 1_795_000_000

    /// A plain order from a home address, paid by card, with a Gmail address.
    func order(_ edit: (inout Order) -> Void = { _ in }) -> Order {
        var o = Order(
            reference: "A-1",
            billing: Identity(name: "山田 太郎", nameKana: "ヤマダ タロウ", postalCode: "135-0045",
                              address: "東京都江東区古石場2-29-16", phone: "090-2222-3333", email: "yamada.taro@gmail.com"),
            items: [OrderItem(sku: "TEA-1", quantity: 1, unitPriceYen: 2_000)], payment: .card, placedAt: t0
        )
        edit(&o)
        return o
    }

    func input(_ o: Order, lookup: LookupResult = LookupResult(query: [], candidates: []), velocity: VelocityFacts = VelocityFacts()) -> ScreeningInput {
        let billing = normalizer.normalize(o.billing)
        return ScreeningInput(order: o, billing: billing, recipient: normalizer.normalize(o.recipient),
                              shipping: o.shipping.map(normalizer.normalize), lookup: lookup, velocity: velocity)
    }

    func rules(_ r: ScreeningResult) -> Set<ScreeningRule> { Set(r.contributions.map(\.rule)) }

    @Test func mailDomainListIsDocumentedAndClassifies() throws {
        let d = MailDomains.bundled
        #expect(d.count > 80)
        #expect(d.kind(ofEmail: "a@gmail.com") == .gmail)
        #expect(d.kind(ofEmail: "a@yahoo.co.jp") == .free)
        #expect(d.kind(ofEmail: "a@docomo.ne.jp") == .carrier)
        #expect(d.kind(ofEmail: "a@i.softbank.jp") == .carrier)
        #expect(d.kind(ofEmail: "a@mailinator.com") == .disposable)
        #expect(d.kind(ofEmail: "a@x.yopmail.com") == .disposable, "a subdomain takes its parent's kind")
        #expect(d.kind(ofEmail: "a@example-shop.co.jp") == nil)
        #expect(d.kind(ofEmail: "a@com") == nil)
        let file = ProjectPaths.root.appendingPathComponent("Sources/MibaraiCore/Resources/mail-domains.tsv")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Compiled 2026-") && text.contains("disposable-email-domains") && text.contains("CC0"))
    }

    @Test func plainOrderPasses() {
        let r = ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(order()))
        #expect(rules(r) == [.gmail])
        #expect(r.score == ScreeningRule.gmail.defaultWeight)
        #expect(r.decision == .pass)
        #expect(r.summary.en.hasPrefix("pass (score \(r.score))"))
    }

    @Test func riskyOrderSumsItsSignalsAndExplainsEach() {
        let o = order {
            $0.billing.email = "someone@yahoo.co.jp"
            $0.billing.address = "岐阜県大垣市 大垣郵便局留め"
            $0.billing.postalCode = "503-8799"
            $0.billing.phone = "090-1234"
            $0.payment = .postpay
        }
        let policy = ScreeningPolicy()
        let r = ScreeningEngine(policy: policy).evaluate(input(o))
        let expected: Set<ScreeningRule> = [.freeMail, .postOfficeHold, .invalidPhone, .newCustomerPayLater]
        #expect(rules(r) == expected)
        #expect(r.score == expected.reduce(0) { $0 + policy.weight($1) })
        #expect(r.decision == (r.score >= policy.holdAt ? .hold : .review))
        #expect(r.contributions.map(\.weight) == r.contributions.map(\.weight).sorted(by: >), "heaviest first")
        for c in r.contributions {
            #expect(!c.reason.ja.isEmpty && !c.reason.en.isEmpty && c.reason.ja != c.reason.en)
            #expect(!c.reason.ja.contains("大垣") && !c.reason.en.contains("yahoo"), "reasons never quote values")
        }
    }

    @Test func weightsAndThresholdsAreTheShops() {
        var policy = ScreeningPolicy()
        policy.weights[.freeMail] = 0
        policy.weights[.postOfficeHold] = 50
        policy.reviewAt = 10
        policy.holdAt = 50
        let o = order { $0.billing.email = "a@yahoo.co.jp"; $0.billing.address = "岐阜県大垣市 大垣郵便局留め" }
        let r = ScreeningEngine(policy: policy).evaluate(input(o))
        #expect(rules(r) == [.postOfficeHold], "a weight of 0 turns a rule off")
        #expect(r.score == 50 && r.decision == .hold)
    }

    @Test func kanaThatCannotBeTheName() {
        #expect(!KanaReading.isImpossible(name: "山田太郎", kana: "ヤマダタロウ"))
        #expect(KanaReading.isImpossible(name: "山田太郎", kana: "ア"), "four kanji need four kana at least")
        #expect(KanaReading.isImpossible(name: "山田", kana: "アイウエオカキクケコサシ"), "two kanji read at most ten kana")
        #expect(!KanaReading.isImpossible(name: "田中さくら", kana: "タナカサクラ"))
        #expect(KanaReading.isImpossible(name: "田中さくら", kana: "タナカハナコ"), "the name's own kana must be in the reading")
        #expect(!KanaReading.isImpossible(name: "JOHNSMITH", kana: "ジョンスミス"), "Latin names are not judged")
        #expect(!KanaReading.isImpossible(name: "佐々木", kana: "ササキ"))
        let mismatch = order { $0.billing.nameKana = "スズキ" + String(repeating: "ア", count: 30) }
        #expect(rules(ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(mismatch))).contains(.kanaMismatch))
        #expect(!rules(ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(order()))).contains(.kanaMismatch))
    }

    @Test func deliveryThatIsNotAHome() {
        let engine = ScreeningEngine(policy: ScreeningPolicy())
        func fired(_ address: String, method: String? = nil) -> Set<ScreeningRule> {
            rules(engine.evaluate(input(order { $0.billing.address = address; $0.deliveryMethod = method })))
        }
        #expect(fired("東京都江東区古石場2-29-16 ヤマト運輸 江東営業所留め").contains(.depotHold))
        #expect(fired("東京都江東区古石場2-29-16", method: "コンビニ受取 (ファミリーマート)").contains(.convenienceStorePickup))
        #expect(fired("千葉県市川市塩浜2-1 TENSO 倉庫 TS123456").contains(.forwardingService))
        #expect(fired("東京都新宿区西新宿2-7-2 京王プラザホテル 1203号室").contains(.nonResidential))
        #expect(fired("東京都江東区古石場2-29-16 カナリアハイツ1203号室").isDisjoint(with: [.depotHold, .convenienceStorePickup, .forwardingService, .nonResidential]))
        var policy = ScreeningPolicy()
        policy.forwardingWords = ["ＭＹＳＨＩＰ"]
        let own = ScreeningEngine(policy: policy).evaluate(input(order { $0.billing.address = "大阪府大阪市北区梅田1-1 myship 受付" }))
        #expect(rules(own).contains(.forwardingService), "a shop's own words, folded like the built-in ones")
    }

    @Test func billingAndShippingThatDisagree() {
        let gift = order {
            $0.shipping = Identity(name: "鈴木 一郎", postalCode: "503-0887", address: "岐阜県大垣市郭町2-27", phone: "0584-11-2222")
        }
        #expect(rules(ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(gift))).contains(.billingShippingMismatch))
        let sameName = order { $0.shipping = Identity(name: "山田太郎", address: "岐阜県大垣市郭町2-27") }
        #expect(!rules(ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(sameName))).contains(.billingShippingMismatch))
    }

    @Test func basketRules() {
        var policy = ScreeningPolicy()
        policy.setSKUs = ["SOCKS-3P"]
        let engine = ScreeningEngine(policy: policy)
        let expensive = order { $0.items = [OrderItem(sku: "CAM", quantity: 1, unitPriceYen: 98_000), OrderItem(sku: "LENS", quantity: 1, unitPriceYen: 54_000)] }
        #expect(rules(engine.evaluate(input(expensive))).contains(.highValueBasket))
        let oneExpensive = order { $0.items = [OrderItem(sku: "CAM", quantity: 1, unitPriceYen: 98_000)] }
        #expect(!rules(engine.evaluate(input(oneExpensive))).contains(.highValueBasket), "one expensive item is ordinary")
        let single = order { $0.items = [OrderItem(sku: "SOCKS-3P", quantity: 1, unitPriceYen: 1_500)] }
        #expect(rules(engine.evaluate(input(single))).contains(.singleOfSet))
        let spike = order { $0.items = [OrderItem(sku: "TEA-1", quantity: policy.maxQuantity + 1, unitPriceYen: 2_000)] }
        #expect(rules(engine.evaluate(input(spike))).contains(.quantitySpike))
        #expect(!rules(engine.evaluate(input(order()))).contains(.quantitySpike))
    }

    @Test func federationMatchesWeighByStrength() {
        let reported = normalizer.normalize(order().billing)
        let record = BlindedRecord(id: ReportID(), origin: "shop-b", epoch: 1, category: .nonPayment, amountYen: 12_800, month: "2026-10",
                                   status: .open, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!, tokens: blinder.tokens(for: reported))
        func lookup(_ o: Order) -> LookupResult {
            let q = blinder.tokens(for: normalizer.normalize(o.billing))
            let held = Set(record.tokens.map(\.value)).intersection(q.map(\.value))
            return LookupResult(query: q, candidates: held.isEmpty ? [] : [(RecordSummary(record), held)])
        }
        let engine = ScreeningEngine(policy: ScreeningPolicy())
        let same = order()
        let strong = engine.evaluate(input(same, lookup: lookup(same)))
        #expect(rules(strong).contains(.federationStrong))
        #expect(strong.decision == .hold)
        #expect(strong.contributions[0].reason.en.contains("1 report from 1 shop"))
        let relative = order { $0.billing.name = "山田花子"; $0.billing.nameKana = "ヤマダハナコ"; $0.billing.phone = "03-3333-4444"; $0.billing.email = nil }
        let household = engine.evaluate(input(relative, lookup: lookup(relative)))
        #expect(rules(household) == [.federationHousehold])
        #expect(household.decision == .pass, "an address alone never holds an order")
    }

    @Test(arguments: [ReportStatus.open, .paid, .settled, .disputed])
    func onlyAnOpenReportHoldsAStrongMatchsNextOrder(_ status: ReportStatus) {
        let same = order()
        let record = BlindedRecord(id: ReportID(), origin: "shop-b", epoch: 1, category: .nonPayment, amountYen: 12_800, month: "2026-10",
                                   status: status, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
                                   tokens: blinder.tokens(for: normalizer.normalize(same.billing)))
        let q = blinder.tokens(for: normalizer.normalize(same.billing))
        let lookup = LookupResult(query: q, candidates: [(RecordSummary(record), Set(q.map(\.value)))])
        let r = ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(same, lookup: lookup))
        // What the order scores without any match (its Gmail address).
        let alone = ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(same)).score
        let federation = r.contributions.filter { $0.rule.rawValue.hasPrefix("federation") }
        switch status {
        case .open:
            #expect(r.decision == .hold)
            #expect(federation.map(\.rule) == [.federationStrong])
            #expect(lookup.outstandingYen == 12_800)
        case .paid, .settled:
            #expect(r.decision == .pass, "a debt that was paid stops counting")
            #expect(r.score == alone)
            // Shown as history, with its weight (0).
            let shown = r.contributions.first { $0.rule == .federationSettled }
            #expect(shown?.weight == 0)
            #expect(shown?.reason.ja.contains("完済") == true)
            #expect(lookup.outstandingYen == 0)
            #expect(lookup.headline.ja.contains("うち\(status.label.ja) 1件"), "\(lookup.headline.ja)")
        case .disputed:
            #expect(r.decision == .pass, "a disputed report waits for its dispute")
            #expect(r.score == alone)
            #expect(federation.map(\.rule) == [.federationDisputed])
            #expect(federation.first?.weight == 0)
            #expect(federation.first?.reason.ja.contains("係争中") == true)
            #expect(lookup.outstandingYen == 0)
        case .withdrawn:
            Issue.record("not an argument")
        }
        // A shop may weigh history: then a paid report counts what it says.
        var policy = ScreeningPolicy()
        policy.weights[.federationSettled] = 35
        let weighed = ScreeningEngine(policy: policy).evaluate(input(same, lookup: lookup))
        #expect(weighed.decision == (status == .paid || status == .settled ? .review : status == .open ? .hold : .pass))
    }

    @Test func aReviewOrHoldComesWithACallScriptThatNeverMentionsReports() {
        let engine = ScreeningEngine(policy: ScreeningPolicy())
        #expect(engine.evaluate(input(order())).confirmationCall == nil, "a passing order needs no call")
        let held = order { $0.billing.address = "岐阜県大垣市 大垣郵便局留め"; $0.billing.postalCode = "503-8799"
            $0.billing.email = "a@yahoo.co.jp"; $0.payment = .cashOnDelivery }
        let same = order()
        let record = BlindedRecord(id: ReportID(), origin: "shop-b", epoch: 1, category: .nonPayment, amountYen: 12_800, month: "2026-10",
                                   status: .open, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
                                   tokens: blinder.tokens(for: normalizer.normalize(same.billing)))
        let q = blinder.tokens(for: normalizer.normalize(held.billing))
        let held1 = Set(record.tokens.map(\.value)).intersection(q.map(\.value))
        let r = engine.evaluate(input(held, lookup: LookupResult(query: q, candidates: held1.isEmpty ? [] : [(RecordSummary(record), held1)])))
        #expect(r.decision != .pass)
        let call = try! #require(r.confirmationCall)
        let customerLines = call.ja.split(separator: "\n").dropLast()
        #expect(customerLines.contains { $0.contains("郵便局") }, "a post-office hold is asked about: \(call.ja)")
        #expect(customerLines.contains { $0.contains("お支払い方法") }, "cash on delivery for a new customer is confirmed")
        #expect(!customerLines.contains { $0.contains("報告") || $0.contains("他店") || $0.contains("スコア") }, "\(call.ja)")
        #expect(!call.en.split(separator: "\n").dropLast().contains { $0.lowercased().contains("report") })
        #expect(call.ja.split(separator: "\n").last?.contains("伝えないでください") == true, "the last line is for the shop")
        // The shop's line points to the guide's topic on the call, which exists.
        #expect(call.ja.contains("mibarai guide call") && call.en.contains("mibarai guide call"))
        #expect(GuideTopic(name: "call") != nil)
    }

    @Test func allowListedCustomersKeepOnlyFederationMatches() {
        var policy = ScreeningPolicy()
        policy.allowedPhones = ["+819022223333"]
        let o = order { $0.billing.email = "a@yahoo.co.jp"; $0.payment = .cashOnDelivery }
        let r = ScreeningEngine(policy: policy).evaluate(input(o))
        #expect(r.allowListed)
        #expect(r.contributions.isEmpty && r.score == 0 && r.decision == .pass)
        #expect(!ScreeningEngine(policy: ScreeningPolicy()).evaluate(input(o)).allowListed)
    }

    @Test func velocityHistory() {
        let policy = ScreeningPolicy()
        var index = VelocityIndex()
        func entry(_ name: String, phone: String, address: String = "東京都江東区古石場2-29-16", ref: String, at: Int64, email: String? = nil) -> VelocityEntry {
            let id = normalizer.normalize(Identity(name: name, address: address, phone: phone, email: email))
            return keyer.entry(reference: ref, recipient: id, billing: id, at: at, payLater: true)
        }
        let first = entry("山田太郎", phone: "090-2222-3333", ref: "A-1", at: t0)
        #expect(index.facts(for: first, policy: policy) == VelocityFacts(), "a new customer")
        index.insert(first)
        let second = entry("山田次郎", phone: "090-2222-3333", ref: "A-2", at: t0 + 600)
        let f2 = index.facts(for: second, policy: policy)
        #expect(f2.otherNamesWithPhone == 1 && f2.otherNamesAtAddress == 1 && f2.ordersInWindow == 2 && f2.priorOrders == 1)
        index.insert(second)
        let third = entry("山田三郎", phone: "080-4444-5555", ref: "A-3", at: t0 + 1200)
        let f3 = index.facts(for: third, policy: policy)
        #expect(f3.otherNamesAtAddress == 2 && f3.ordersInWindow == 3 && f3.priorOrders == 0)
        // Screening A-2 again replaces it instead of counting it twice.
        index.insert(second)
        #expect(index.count == 2)
        #expect(index.facts(for: second, policy: policy).ordersInWindow == 2)
        // Outside the window and the history.
        let later = entry("山田太郎", phone: "090-2222-3333", ref: "A-9", at: t0 + 2 * 86_400)
        #expect(index.facts(for: later, policy: policy).ordersInWindow == 1)
        let muchLater = entry("山田太郎", phone: "090-2222-3333", ref: "A-10", at: t0 + Int64(policy.historyDays + 1) * 86_400)
        #expect(index.facts(for: muchLater, policy: policy).priorOrders == 0)
        // The rules read the facts.
        let r = ScreeningEngine(policy: policy).evaluate(input(order { $0.payment = .postpay }, velocity: f3))
        #expect(rules(r).isSuperset(of: [.sharedAddressNames, .orderBurst, .newCustomerPayLater]))
        let rr = ScreeningEngine(policy: policy).evaluate(input(order { $0.payment = .postpay }, velocity: f2))
        #expect(rules(rr).contains(.sharedPhoneNames) && !rules(rr).contains(.newCustomerPayLater))
    }

    @Test func keyedTokensHoldNoValue() {
        let id = normalizer.normalize(Fixtures.canary)
        let e = keyer.entry(reference: "A-1", recipient: id, billing: id, at: t0, payLater: false)
        let other = VelocityKeyer(key: Array(repeating: 8, count: 32)).entry(reference: "A-1", recipient: id, billing: id, at: t0, payLater: false)
        #expect(e.phone != nil && e.phone != other.phone, "another node's key gives other tokens")
        #expect(Set([e.order, e.name, e.phone, e.email, e.address].compactMap { $0 }).count == 5)
        #expect(VelocityKey(bytes: e.phone!.bytes) == e.phone)
    }

    @Test func orderTimestamps() {
        let jst = OrderTimestamp.parse("2026/11/20 10:15:30")
        #expect(jst != nil)
        #expect(OrderTimestamp.parse("2026-11-20 10:15:30 +0900") == jst)
        #expect(OrderTimestamp.parse("2026-11-20T01:15:30Z") == jst)
        #expect(OrderTimestamp.parse("2026-11-20T10:15:30+09:00") == jst)
        #expect(OrderTimestamp.parse("2026年11月20日 10時15分30秒") == jst)
        #expect(OrderTimestamp.parse("2026-11-20") == OrderTimestamp.parse("2026/11/20 00:00"))
        #expect(OrderTimestamp.parse("2026/02/30") == nil)
        #expect(OrderTimestamp.parse("yesterday") == nil)
    }

    @Test func paymentMethods() {
        #expect(PaymentMethod.parse("NP後払い") == .postpay)
        #expect(PaymentMethod.parse("代金引換") == .cashOnDelivery)
        #expect(PaymentMethod.parse("クレジットカード決済") == .card)
        #expect(PaymentMethod.parse("銀行振込") == .bankTransfer)
        #expect(PaymentMethod.parse("コンビニ決済") == .convenienceStore)
        #expect(PaymentMethod.parse("cod") == .cashOnDelivery)
        #expect(PaymentMethod.parse("") == nil)
        #expect(PaymentMethod.postpay.isPayLater && PaymentMethod.cashOnDelivery.isPayLater && !PaymentMethod.card.isPayLater)
    }
}
