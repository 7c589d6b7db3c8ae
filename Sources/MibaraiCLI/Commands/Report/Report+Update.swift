import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report update ID`: corrects fields or records a status change (paid, settled, disputed).
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "報告の修正・状態変更 / Correct a report or change its status (paid, settled, disputed, open).",
            discussion: "空文字を渡すと項目を消します / An empty string clears an identity field. To withdraw, use `report withdraw`."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "報告ID / Report id.") var id: String
        @OptionGroup var person: IdentityOptions
        @Option(help: "状態 / Status.") var status: String?
        @Option(help: "区分 / Category.") var category: String?
        @Option(help: "損害額 (円) / Loss in yen.") var amount: String?
        @Option(name: .customLong("order-ref"), help: "注文番号 / Order reference.") var orderReference: String?
        @Option(name: .customLong("order-date")) var orderDate: String?
        @Option(name: .customLong("ship-date")) var shipDate: String?
        @Option(name: .customLong("incident-date")) var incidentDate: String?
        @Option(help: "メモ / Notes.") var notes: String?

        func run() async throws {
            try await NodeError.guarded {
                let newStatus = try InputParsing.status(status)
                let newCategory = try InputParsing.category(category)
                let newAmount = try InputParsing.amount(amount)
                let newOrderDate = try InputParsing.date(orderDate, option: "order-date")
                let newShipDate = try InputParsing.date(shipDate, option: "ship-date")
                let newIncident = try InputParsing.date(incidentDate, option: "incident-date")
                let (node, console) = try global.openNode()
                let before = try node.findReport(id)
                let r = try node.correctReport(id) { r throws(NodeError) in
                    r.identity = try person.applied(to: r.identity)
                    if let newStatus { r.status = newStatus }
                    if let newCategory { r.category = newCategory }
                    if let newAmount { r.amountYen = newAmount }
                    if let orderReference { r.orderReference = orderReference.isEmpty ? nil : orderReference }
                    if let newOrderDate { r.orderDate = newOrderDate }
                    if let newShipDate { r.shipDate = newShipDate }
                    if let newIncident { r.incidentDate = newIncident }
                    if let notes { r.notes = notes.isEmpty ? nil : notes }
                }
                if global.json {
                    try console.emit(ReportJSON(r))
                } else {
                    // What changed, not the status that did not.
                    let changed = r.changes(from: before)
                    console.say(ja: "報告 \(r.id) を更新しました: \(changed.map(\.ja).joined(separator: "、"))。",
                                en: "Updated report \(r.id): \(changed.map(\.en).joined(separator: ", ")).")
                }
            }
        }
    }
}
