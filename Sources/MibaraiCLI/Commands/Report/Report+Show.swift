import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "報告の詳細と履歴 / Show a report and its history.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "報告ID (先頭6桁以上) / Report id (or its first 6+ hex digits).") var id: String

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let r = try node.findReport(id)
                let events = try node.events(of: r.id)
                if global.json {
                    struct Event: Encodable { var day: String; var kind: String; var detail: String? }
                    struct Out: Encodable { var report: ReportJSON; var events: [Event] }
                    try console.emit(Out(report: ReportJSON(r), events: events.map { Event(day: $0.day, kind: $0.kind, detail: $0.detail) }))
                    return
                }
                let ja = console.language == .ja
                let rows: [(String, String, String?)] = [
                    ("報告ID", "id", r.id.description),
                    ("区分", "category", r.category.label.text(console.language)),
                    ("金額", "amount", LookupResult.yen(r.amountYen)),
                    ("状態", "status", r.status.label.text(console.language)),
                    ("注文番号", "order ref", r.orderReference),
                    ("注文日", "order date", r.orderDate?.description),
                    ("発送日", "ship date", r.shipDate?.description),
                    ("発生日", "incident date", r.incidentDate.description),
                    ("保存期限", "expires", r.expiresOn.description),
                    ("氏名", "name", r.identity.name),
                    ("フリガナ", "kana", r.identity.nameKana),
                    ("郵便番号", "postal code", r.identity.postalCode),
                    ("住所", "address", r.identity.address),
                    ("電話番号", "phone", r.identity.phone),
                    ("メール", "e-mail", r.identity.email),
                    ("メモ", "notes", r.notes),
                ]
                for (j, e, v) in rows { if let v { print("\(ja ? j : e): \(v)") } }
                print(ja ? "履歴:" : "history:")
                for e in events {
                    let kind = ReportEventText.kind(e.kind).text(console.language)
                    let detail = ReportEventText.detail(e.detail).map { "  " + $0.text(console.language) } ?? ""
                    print("  \(e.day)  \(kind)\(detail)")
                }
            }
        }
    }
}
