import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report add`: records a bad customer.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "報告を記録する / Record a report.",
            discussion: """
            例 / Example:
              mibarai report add --category non-payment --amount 12800 --name "山田 太郎" \\
                --phone 090-1234-5678 --address "東京都江東区古石場2-29-16" --incident-date 2026-10-01
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: IdentityOptions

        @Option(help: "区分 / Category: non-payment, cod-refusal, chargeback, malicious-complaint, fraudulent-order, other.")
        var category: String
        @Option(help: "損害額 (円) / Loss in yen.") var amount: String = "0"
        @Option(name: .customLong("order-ref"), help: "注文番号 / Order reference.") var orderReference: String?
        @Option(name: .customLong("order-date"), help: "注文日 / Order date (YYYY-MM-DD).") var orderDate: String?
        @Option(name: .customLong("ship-date"), help: "発送日 / Ship date.") var shipDate: String?
        @Option(name: .customLong("incident-date"), help: "発生日 (既定: 今日) / Incident date (default: today).") var incidentDate: String?
        @Option(help: "状態 / Status (default: open).") var status: String?
        @Option(help: "メモ (自店のみ) / Notes (kept on this node only).") var notes: String?

        func run() async throws {
            try await NodeError.guarded {
                let category = try InputParsing.category(category)!
                let amountYen = try InputParsing.amount(amount) ?? 0
                let orderDate = try InputParsing.date(orderDate, option: "order-date")
                let shipDate = try InputParsing.date(shipDate, option: "ship-date")
                let incident = try InputParsing.date(incidentDate, option: "incident-date")
                let status = try InputParsing.status(status) ?? .open
                if status == .withdrawn {
                    throw NodeError.usage(ja: "取下げ状態の報告は記録できません。", en: "a new report cannot be withdrawn.")
                }
                let identity = try person.identity()
                if identity.isEmpty {
                    throw NodeError.usage(ja: "顧客の情報 (--phone, --email, --address など、または --stdin) を指定してください。", en: "give the customer's details (--phone, --email, --address, … or --stdin).")
                }
                let (node, console) = try global.openNode()
                let incidentDate = incident ?? node.today
                let report = Report(
                    identity: identity, category: category, amountYen: amountYen,
                    orderReference: orderReference, orderDate: orderDate, shipDate: shipDate,
                    incidentDate: incidentDate, status: status, notes: notes, createdOn: node.today,
                    expiresOn: node.configuration.retention.expiry(for: category, incident: incidentDate)
                )
                try node.save(report, isNew: true, event: "recorded")
                if global.json {
                    try console.emit(ReportJSON(report))
                } else {
                    console.say(
                        ja: "報告を記録しました: \(report.id) (\(category.label.ja)、\(LookupResult.yen(amountYen))、保存期限 \(report.expiresOn))",
                        en: "Recorded report \(report.id) (\(category.label.en), \(LookupResult.yen(amountYen)), kept until \(report.expiresOn))"
                    )
                }
            }
        }
    }
}
