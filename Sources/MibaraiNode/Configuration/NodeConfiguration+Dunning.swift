import MibaraiCore

extension NodeConfiguration {
    /// `[shop]`: the shop as its letters and evidence files name it. Every key is optional except
    /// `name` once the section is present.
    struct ShopSection: Decodable {
        var name: String
        var representative: String?
        var postal_code: String?
        var address: String?
        var phone: String?
        var email: String?
        var bank_account: String?

        var profile: ShopProfile {
            ShopProfile(
                name: name, representative: representative, postalCode: postal_code, address: address, phone: phone,
                email: email, bankAccount: bank_account
            )
        }
    }

    /// `[dunning]`: the ladder's pace and thresholds; each key defaults to `DunningPolicy()`.
    struct DunningSection: Decodable {
        var payment_term_days: Int?
        var inquiry_grace_days: Int?
        var reminder_count: Int?
        var reminder_interval_days: Int?
        var firm_notice_deadline_days: Int?
        var formal_demand_after_days: Int?
        var formal_demand_deadline_days: Int?
        var legal_action_after_days: Int?
        var promise_grace_days: Int?
        var formal_demand_minimum_yen: Int?
        var legal_action_minimum_yen: Int?
        var police_report_minimum_yen: Int?
        var report_stage: String?
        var keep_closed_days: Int?

        func policy() throws(NodeError) -> DunningPolicy {
            var p = DunningPolicy()
            func days(_ value: Int?, _ key: String, _ range: ClosedRange<Int>, into target: inout Int) throws(NodeError) {
                guard let value else { return }
                guard range.contains(value) else {
                    throw .data(ja: "dunning.\(key) は \(range.lowerBound)〜\(range.upperBound) です。", en: "dunning.\(key) must be \(range.lowerBound) to \(range.upperBound).")
                }
                target = value
            }
            try days(payment_term_days, "payment_term_days", 0...365, into: &p.paymentTermDays)
            try days(inquiry_grace_days, "inquiry_grace_days", 0...90, into: &p.inquiryGraceDays)
            try days(reminder_count, "reminder_count", 0...10, into: &p.reminderCount)
            try days(reminder_interval_days, "reminder_interval_days", 1...90, into: &p.reminderIntervalDays)
            try days(firm_notice_deadline_days, "firm_notice_deadline_days", 1...90, into: &p.firmNoticeDeadlineDays)
            try days(formal_demand_after_days, "formal_demand_after_days", 1...180, into: &p.formalDemandAfterDays)
            try days(formal_demand_deadline_days, "formal_demand_deadline_days", 1...90, into: &p.formalDemandDeadlineDays)
            try days(legal_action_after_days, "legal_action_after_days", 1...365, into: &p.legalActionAfterDays)
            try days(promise_grace_days, "promise_grace_days", 0...30, into: &p.promiseGraceDays)
            try days(formal_demand_minimum_yen, "formal_demand_minimum_yen", 0...1_000_000_000, into: &p.formalDemandMinimumYen)
            try days(legal_action_minimum_yen, "legal_action_minimum_yen", 0...1_000_000_000, into: &p.legalActionMinimumYen)
            try days(police_report_minimum_yen, "police_report_minimum_yen", 0...1_000_000_000, into: &p.policeReportMinimumYen)
            try days(keep_closed_days, "keep_closed_days", 30...36_500, into: &p.keepClosedDays)
            if let s = report_stage {
                guard let stage = DunningStage(name: s), stage >= .firmNotice else {
                    let names = DunningStage.allCases.filter { $0 >= .firmNotice }.map(\.name).joined(separator: ", ")
                    throw .data(ja: "dunning.report_stage が不明です。指定できる段階: \(names)", en: "unknown dunning.report_stage; one of: \(names)")
                }
                p.reportStage = stage
            }
            return p
        }
    }

    /// The `[shop]` and `[dunning]` part of the file `mibarai init` writes.
    static var dunningTemplate: String {
        let d = DunningPolicy()
        return """

        # 店舗の情報。督促の文面と経緯書 (mibarai case letter / case evidence) に使います。ネットワークには送られません。
        # The shop's details for letters and evidence files (case letter / case evidence). Never sent to other nodes.
        # [shop]
        # name = "〇〇ショップ (株式会社〇〇)"
        # representative = "代表取締役 〇〇 〇〇"
        # postal_code = "100-0001"
        # address = "東京都千代田区〇〇1-2-3"
        # phone = "03-0000-0000"
        # email = "support@example.jp"
        # bank_account = "〇〇銀行 〇〇支店 普通 1234567 カ)〇〇"

        # 督促の進め方 (未払い案件 mibarai case)。値は既定値です。 / Pace of the dunning ladder; the values shown are the defaults.
        [dunning]
        # payment_term_days = \(d.paymentTermDays)            # 支払期限のない注文の期限 (注文日から) / due date when an order has none (days after ordering)
        # inquiry_grace_days = \(d.inquiryGraceDays)            # 期限後、最初の確認まで (振込の反映待ち) / days after the due date before the first inquiry
        # reminder_count = \(d.reminderCount)                # 最終通告の前の再請求の回数 / reminders before the firm notice
        # reminder_interval_days = \(d.reminderIntervalDays)        # 初期の連絡の間隔 / days between early contacts
        # firm_notice_deadline_days = \(d.firmNoticeDeadlineDays)     # 最終通告で示す期限 / deadline a firm notice gives
        # formal_demand_after_days = \(d.formalDemandAfterDays)     # 最終通告から内容証明まで / days from firm notice to the 内容証明
        # formal_demand_deadline_days = \(d.formalDemandDeadlineDays)  # 内容証明で示す期限 / deadline the 内容証明 gives
        # legal_action_after_days = \(d.legalActionAfterDays)      # 内容証明から裁判所の手続きまで / days from the 内容証明 to court
        # promise_grace_days = \(d.promiseGraceDays)            # 約束日を過ぎてから待つ日数 / days of grace after a promised date
        # formal_demand_minimum_yen = \(d.formalDemandMinimumYen)  # これ未満なら内容証明より貸倒れを提案 / below this, suggest writing off instead of a 内容証明
        # legal_action_minimum_yen = \(d.legalActionMinimumYen)  # これ未満なら裁判所より貸倒れを提案 / below this, suggest writing off instead of court
        # police_report_minimum_yen = \(d.policeReportMinimumYen)      # 悪質な案件で被害届を提案する最低額 / smallest amount for which a police report is suggested
        # report_stage = "\(d.reportStage.name)"   # この段階で未払いなら報告の公開を提案 / offer to publish a report when a case reaches this rung unpaid
        # keep_closed_days = \(d.keepClosedDays)       # 終了した案件の個人情報を消すまでの日数 (時効の5年) / days a closed case keeps personal data (the 5-year limitation)

        """
    }
}
