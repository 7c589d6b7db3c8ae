import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai.ReportCommand {
    /// `mibarai report list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "報告の一覧 / List this shop's reports, newest first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "この状態のみ / Only this status.") var status: String?
        @Option(help: "最大件数 / At most this many.") var limit: Int = 100

        func run() async throws {
            try await NodeError.guarded {
                let status = try InputParsing.status(status)
                let (node, console) = try global.openNode()
                let (reports, total) = try node.listReports(status: status, limit: limit)
                if global.json {
                    try console.emit(reports.map(ReportJSON.init))
                    return
                }
                if reports.isEmpty {
                    console.say(ja: "報告はありません。", en: "No reports.")
                    return
                }
                let lang = console.language
                for r in reports {
                    let who = r.identity.name ?? r.identity.phone ?? r.identity.email ?? "-"
                    print([String(r.id.description.prefix(12)), r.incidentDate.description, r.category.label.text(lang),
                           LookupResult.yen(r.amountYen), r.status.label.text(lang), r.orderReference ?? "-", who]
                        .joined(separator: "  "))
                }
                if reports.count < total {
                    console.say(ja: "全 \(total) 件のうち新しい \(reports.count) 件を表示しました (--limit で変更)。",
                                en: "Showed the newest \(reports.count) of \(total) reports (--limit to change).")
                }
            }
        }
    }
}
