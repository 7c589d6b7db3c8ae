import MibaraiCore
import MibaraiTestSupport
import Testing

@Suite("Letters and evidence")
struct LetterAndEvidenceTests {
    static let shop = ShopProfile(
        name: "まるやま珈琲", representative: "代表 丸山 一郎", postalCode: "100-0001", address: "東京都千代田区千代田1-1",
        phone: "03-1234-5678", email: "shop@example.jp", bankAccount: "見本銀行 本店 普通 1234567"
    )

    static func sampleCase() throws -> DunningCase {
        var c = DunningCaseTests.newCase()
        c.order.items = "珈琲豆 2kg"
        c.order.carrier = "ヤマト運輸"
        c.order.trackingNumber = "1234-5678-9012"
        let p = DunningPolicy()
        let today = Fixtures.today
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-18"), kind: .mailSent), today: today, policy: p)
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-25"), kind: .noAnswer, note: "留守電 <b>なし</b> | 再架電"), today: today, policy: p)
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-26"), kind: .payment, amountYen: 2_800), today: today, policy: p)
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-11-05"), kind: .letterReturned, note: "<script>alert(1)</script>"), today: today, policy: p)
        return c
    }

    @Test(arguments: DunningStage.allCases)
    func everyRungHasALetterFilledFromTheCase(stage: DunningStage) throws {
        let c = try Self.sampleCase()
        var policy = DunningPolicy()
        policy.firmNoticeDeadlineDays = 9
        let letter = LetterWriter(shop: Self.shop, policy: policy).letter(for: stage, case: c, today: Fixtures.today)
        #expect(letter.stage == stage)
        let text = letter.text
        #expect(text.contains("10,000円") || text.contains("¥10,000"), "what is still owed")
        for placeholder in ["（振込先）", "（住所）", "（代表者）", "ご注文者", "これまで0回", "間に0回"] {
            #expect(!text.contains(placeholder), "\(stage): \(placeholder)")
        }
        // Two contacts were made and 2,800 paid: the letters say so, not "no answer" or "再三".
        #expect(!text.contains("ご返答もいただけて"))
        if stage == .formalDemand {
            #expect(text.contains("当店からの請求にもかかわらず"))
            #expect(text.contains("残金"))
            #expect(text.contains("到達後10日以内"))
        }
        if stage <= .firmNotice { #expect(text.contains("A-1001")) }
        if stage == .firmNotice {
            #expect(letter.deadline == Fixtures.today.adding(days: 9))
            #expect(text.contains("2026年12月1日"))
        }
        if stage == .formalDemand {
            // The 内容証明 names sender and addressee, and fits its layout.
            #expect(text.contains(Fixtures.canary.address!))
            #expect(text.contains(Self.shop.representative!))
            let doc = try NaiyoShomeiLayout().layOut(letter.body)
            #expect(doc.pages.count == 1)
        }
    }

    /// Each letter counts the demands made on the rungs below its own, whenever it is printed: a
    /// firm notice printed again at the end of the ladder still says 3, and the court draft and
    /// the police outline count the demands (5), not the filing itself or unanswered calls.
    @Test func aLetterCountsTheDemandsBeforeItsRungWheneverItIsPrinted() throws {
        var c = DunningCaseTests.newCase(deliberate: true)
        let p = DunningPolicy()
        let today = DunningCaseTests.d("2026-12-20")
        for (date, kind, stage) in [("2026-10-18", CaseEventKind.mailSent, DunningStage.inquiry),
                                    ("2026-10-25", .mailSent, .reminder), ("2026-10-28", .noAnswer, .reminder),
                                    ("2026-11-01", .callMade, .reminder), ("2026-11-08", .letterSent, .firmNotice),
                                    ("2026-11-20", .letterSent, .formalDemand), ("2026-12-10", .courtFiling, .legalAction)] {
            _ = try c.record(CaseEvent(date: DunningCaseTests.d(date), kind: kind, stage: stage), today: today, policy: p)
        }
        let writer = LetterWriter(shop: Self.shop, policy: p)
        let firm = writer.letter(for: .firmNotice, case: c, today: today).text
        #expect(firm.contains("これまで3回ご連絡いたしましたが"), "\(firm)")
        let court = writer.letter(for: .legalAction, case: c, today: today).text
        #expect(court.contains("2026年10月18日から2026年11月20日までの間に5回にわたり"), "\(court)")
        let police = writer.letter(for: .policeReport, case: c, today: today).text
        #expect(police.contains("2026年10月18日から2026年11月20日までの間に5回にわたり"), "\(police)")
        #expect(!police.contains("6回") && !police.contains("7回"))
    }

    /// The court draft agrees with the shop's letters: the due date the inquiry gave (the shop's
    /// own term when the order had none), interest from the fixed day after it, the operative
    /// words and costs, delivery; a letter and its e-mail copy on one day are one demand; no
    /// program name in a legal text.
    @Test func theCourtDraftStatesTheSameFactsAsTheLetters() throws {
        var c = DunningCaseTests.newCase()
        c.order.items = "珈琲豆 2kg"
        let p = DunningPolicy()
        let today = DunningCaseTests.d("2026-12-20")
        for (date, kind, stage) in [("2026-10-18", CaseEventKind.mailSent, DunningStage.inquiry), ("2026-10-25", .mailSent, .reminder),
                                    ("2026-11-08", .letterSent, .firmNotice), ("2026-11-08", .mailSent, .firmNotice),
                                    ("2026-11-20", .letterSent, .formalDemand)] {
            _ = try c.record(CaseEvent(date: DunningCaseTests.d(date), kind: kind, stage: stage), today: today, policy: p)
        }
        let writer = LetterWriter(shop: Self.shop, policy: p)
        let due = JapaneseDate.long(c.dueDate(policy: p))
        let dayAfter = JapaneseDate.long(c.dueDate(policy: p).adding(days: 1))
        #expect(writer.letter(for: .inquiry, case: c, today: today).text.contains("ご注文から\(p.paymentTermDays)日"))
        #expect(writer.letter(for: .formalDemand, case: c, today: today).text.contains("支払期限の\(due)を過ぎ"))
        let court = writer.letter(for: .legalAction, case: c, today: today).text
        #expect(court.contains("代金の支払期限は、申立人の販売条件により、注文日から\(p.paymentTermDays)日後の\(due)であった。"), "\(court)")
        #expect(!court.contains("定めはなく"))
        #expect(court.contains("\(dayAfter)から支払済みまで年3パーセントの割合による金員を支払え"))
        #expect(court.contains("督促手続費用") && court.contains("引き渡した") && court.contains("民法404条"))
        // Four demands on four days (the firm notice went by post and by mail on one day).
        #expect(court.contains("2026年10月18日から2026年11月20日までの間に4回にわたり"), "\(court)")
        for text in [court, writer.letter(for: .policeReport, case: c, today: today).text] {
            #expect(!text.lowercased().contains("mibarai") && !text.contains("報告番号"))
        }
    }

    /// The police rung: only for a case whose record suggests intent, framed as goods obtained by
    /// deception, with the customer's reply, promise and part payment told as they are; any other
    /// case gets the civil route instead.
    @Test func thePoliceMemoOnlyForADeliberateCaseWithTheFactsForAndAgainst() throws {
        let p = DunningPolicy()
        let today = DunningCaseTests.d("2026-12-20")
        let writer = LetterWriter(shop: Self.shop, policy: p)
        var civil = DunningCaseTests.newCase()
        _ = try civil.record(CaseEvent(date: DunningCaseTests.d("2026-10-18"), kind: .mailSent), today: today, policy: p)
        let route = writer.letter(for: .policeReport, case: civil, today: today)
        #expect(route.subject.contains("民事の手続き") && route.text.contains("支払督促") && route.text.contains("少額訴訟"))
        #expect(!route.text.contains("被害品") && !route.text.contains("被害届の相談メモ"))

        var fraud = DunningCaseTests.newCase(amount: 48_000, deliberate: true)
        fraud.identity.address = "岐阜県大垣市 大垣郵便局留め"
        fraud.order.items = "ゲーム機 2台"
        for e in [CaseEvent(date: DunningCaseTests.d("2026-10-18"), kind: .mailSent),
                  CaseEvent(date: DunningCaseTests.d("2026-10-20"), kind: .reply),
                  CaseEvent(date: DunningCaseTests.d("2026-10-20"), kind: .promiseToPay, promisedDate: DunningCaseTests.d("2026-10-31")),
                  CaseEvent(date: DunningCaseTests.d("2026-10-30"), kind: .payment, amountYen: 8_000)] {
            _ = try fraud.record(e, today: today, policy: p)
        }
        let memo = writer.letter(for: .policeReport, case: fraud, today: today).text
        for fact in ["刑法246条1項", "被害品: ゲーム機 2台", "40,000円", "内金8,000円", "郵便局・営業所での受け取り",
                     "2026年10月20日、返答があった", "2026年10月31日までに支払うと約束した", "2026年10月30日、8,000円が入金された",
                     "刑事課 (知能犯係)", "#9110"] {
            #expect(memo.contains(fact), "\(fact)")
        }
    }

    /// A letter that cannot fit the case as it stands comes with a warning for the shop: a 局留め
    /// addressee for the 内容証明 and the court, a refused COD parcel, a pay-later service's order.
    @Test func lettersWarnWhereTheCaseIsNotWhatTheyAssume() {
        let writer = LetterWriter(shop: Self.shop, policy: DunningPolicy())
        var c = DunningCaseTests.newCase()
        #expect(writer.warnings(for: .formalDemand, case: c).isEmpty)
        c.identity.address = "岐阜県大垣市 大垣郵便局留め"
        #expect(writer.warnings(for: .inquiry, case: c).isEmpty, "an e-mail reaches a 局留め customer")
        for stage in [DunningStage.formalDemand, .legalAction] {
            #expect(writer.warnings(for: stage, case: c).contains { $0.ja.contains("送達できません") && $0.en.contains("cannot serve") })
        }
        c.identity.address = Fixtures.canary.address
        c.order.paymentMethod = "代金引換"
        #expect(writer.warnings(for: .inquiry, case: c).contains { $0.ja.contains("往復の送料") })
        c.order.paymentMethod = "NP後払い"
        #expect(writer.warnings(for: .reminder, case: c).contains { $0.ja.contains("店舗から督促せず") })
        c.order.paymentMethod = "後払い"
        #expect(writer.warnings(for: .reminder, case: c).isEmpty, "the shop's own pay-later is the shop's to dun")
    }

    /// Reminders say what happened: the second differs from the first, counts the notices and says what follows; a
    /// part payment is thanked and the rest asked for; a missed promise and an unanswered call
    /// are mentioned. The paper firm notice is a letter: 前略…草々, 以上, one sender block, and no
    /// threat of costs the shop cannot recover.
    @Test func remindersReflectTheCaseAndTheFirmNoticeIsALetter() throws {
        let p = DunningPolicy()
        let writer = LetterWriter(shop: Self.shop, policy: p)
        var c = DunningCaseTests.newCase()
        let today = DunningCaseTests.d("2026-11-20")
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-18"), kind: .mailSent), today: today, policy: p)
        let first = writer.letter(for: .reminder, case: c, today: DunningCaseTests.d("2026-10-25")).text
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-25"), kind: .mailSent, stage: .reminder), today: today, policy: p)
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-28"), kind: .noAnswer), today: today, policy: p)
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-29"), kind: .promiseToPay, promisedDate: DunningCaseTests.d("2026-10-31")),
                         today: today, policy: p)
        let second = writer.letter(for: .reminder, case: c, today: DunningCaseTests.d("2026-11-01")).text
        // The second reminder is the customer's third notice (the inquiry and the first reminder before it).
        #expect(first.contains("再度のご案内") && second.contains("3回目のご案内"))
        #expect(first != second)
        #expect(second.contains("2026年10月31日までにお支払いいただけるとのご連絡をいただきましたが"))
        #expect(second.contains("2026年10月28日にお電話を差し上げましたが、つながりませんでした。"))
        #expect(second.contains("書面にて最終のご請求をお送りすることになります") && !first.contains("最終のご請求"))

        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-11-02"), kind: .payment, amountYen: 2_800), today: today, policy: p)
        let afterPart = writer.letter(for: .reminder, case: c, today: DunningCaseTests.d("2026-11-08")).text
        #expect(afterPart.contains("2,800円のご入金を確認いたしました") && afterPart.contains("残金10,000円"))
        #expect(!afterPart.contains("先日もご連絡いたしました"), "a part payment is not 'no payment'")

        let firm = writer.letter(for: .firmNotice, case: c, today: today).text
        #expect(firm.contains("前略") && firm.contains("草々") && firm.hasSuffix("以上"))
        #expect(!firm.contains("手続きにかかる費用") && !firm.contains("Mail:"))
        #expect(firm.components(separatedBy: Self.shop.address!).count == 2, "one sender block")
    }

    @Test func aShopWithoutAddressCannotSendAFirmNotice() {
        let bare = ShopProfile(name: "店")
        #expect(bare.missingDetails(for: .inquiry).isEmpty)
        #expect(bare.missingDetails(for: .firmNotice) == ["shop.address", "shop.phone"])
        #expect(bare.missingDetails(for: .formalDemand).contains("shop.representative"))
    }

    @Test func theEvidenceFileHoldsTheWholeTimelineEscaped() throws {
        let c = try Self.sampleCase()
        let file = EvidenceFile(case: c, shop: Self.shop, policy: DunningPolicy(), today: Fixtures.today)
        #expect(file.rows.count == c.events.count)
        let html = file.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="), "self-contained")
        #expect(html.contains("1234-5678-9012"))
        #expect(html.contains("¥10,000"))
        #expect(html.contains("書面が返送されています"))
        let md = file.markdown
        #expect(md.contains("留守電 \\<b\\>なし\\</b\\> \\| 再架電"))
        // One table row per event, under the header and its rule, dated as in the HTML.
        let tableRows = md.split(separator: "\n").filter { $0.hasPrefix("| 2026年") }
        #expect(tableRows.count == c.events.count)
        #expect(!md.contains("| 2026-"))
        // It closes with the attestation the shop signs and seals, in both renderings.
        for text in [md, html] {
            #expect(text.contains("上記のとおり相違ありません。") && text.contains("作成者　まるやま珈琲　代表 丸山 一郎　印"))
        }
    }

    /// The delivery date and an event's time are written one way in the evidence file's Markdown
    /// and HTML; the 内容証明, the court draft and the police memo say when the goods were delivered.
    @Test func theDeliveryDateAndEventTimesAreWrittenOneWay() throws {
        var c = DunningCaseTests.newCase(deliberate: true)
        c.order.deliveredOn = DunningCaseTests.d("2026-10-03")
        let p = DunningPolicy()
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-18"), kind: .mailSent, time: TimeOfDay(parsing: "9:05")),
                         today: Fixtures.today, policy: p)
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-10-20"), kind: .callMade), today: Fixtures.today, policy: p)
        let file = EvidenceFile(case: c, shop: Self.shop, policy: p, today: Fixtures.today)
        #expect(file.markdown.contains("| 2026年10月18日 09:05 | メール送信 |") && file.markdown.contains("| 2026年10月20日 | 電話"))
        #expect(file.html.contains("<td>2026年10月18日 09:05</td>") && file.html.contains("<th>日時</th>"))
        #expect(file.markdown.contains("- 配達日: 2026年10月3日") && file.html.contains("<dt>配達日</dt><dd>2026年10月3日</dd>"))
        let writer = LetterWriter(shop: Self.shop, policy: p)
        #expect(writer.letter(for: .formalDemand, case: c, today: Fixtures.today).body.contains("これを発送し、2026年10月3日に貴殿に引き渡しました。"))
        #expect(writer.letter(for: .legalAction, case: c, today: Fixtures.today).body.contains("、2026年10月3日に相手方に引き渡した。"))
        #expect(writer.letter(for: .policeReport, case: c, today: Fixtures.today).body.contains("2026年10月3日に配達完了"))
        c.order.deliveredOn = nil
        #expect(writer.letter(for: .formalDemand, case: c, today: Fixtures.today).body.contains("これを発送しました。"))
    }

    @Test(arguments: [("14:05", "14:05"), ("9:05", "09:05"), ("１４：３０", "14:30"), ("0:00", "00:00")])
    func timesOfDayParse(text: String, written: String) {
        #expect(TimeOfDay(parsing: text)?.description == written)
    }

    @Test(arguments: ["24:00", "12:60", "14:5", "1405", "14:05:00", "", "ab:cd"])
    func badTimesOfDayAreRefused(text: String) {
        #expect(TimeOfDay(parsing: text) == nil)
    }

    /// A record for the police or a court names no shared list: a published report is neither
    /// a row nor a remark.
    @Test func theEvidenceFileNamesNoReport() throws {
        var c = try Self.sampleCase()
        let p = DunningPolicy()
        _ = try c.record(CaseEvent(date: DunningCaseTests.d("2026-11-08"), kind: .letterSent, stage: .firmNotice), today: Fixtures.today, policy: p)
        let id = ReportID()
        try c.linkReport(id, on: Fixtures.today, today: Fixtures.today)
        let file = EvidenceFile(case: c, shop: Self.shop, policy: p, today: Fixtures.today)
        #expect(file.rows.count == c.events.count - 1)
        for text in [file.markdown, file.html] {
            #expect(!text.contains(id.description) && !text.lowercased().contains("mibarai") && !text.contains("報告"))
        }
    }
}
