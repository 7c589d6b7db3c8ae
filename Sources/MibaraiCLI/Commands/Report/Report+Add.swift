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
                let identity = try person.identity()
                let (node, console) = try global.openNode()
                let report = try node.recordReport(.init(
                    identity: identity, category: category, amountYen: amountYen, orderReference: orderReference,
                    orderDate: orderDate, shipDate: shipDate, incidentDate: incident, status: status, notes: notes
                ))
                if global.json {
                    try console.emit(ReportJSON(report))
                } else {
                    console.say(
                        ja: "報告を記録しました: \(report.id) (\(report.category.label.ja)、\(LookupResult.yen(report.amountYen))、保存期限 \(report.expiresOn))",
                        en: "Recorded report \(report.id) (\(report.category.label.en), \(LookupResult.yen(report.amountYen)), kept until \(report.expiresOn))"
                    )
                }
            }
        }
    }
}
