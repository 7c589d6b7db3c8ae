import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation subject-requests`: each request the operator took, with each record's answer.
    struct SubjectRequests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-requests",
            abstract: "本人からの請求と、各記録への加盟店の回答を一覧する / List the persons' requests and each shop's answer for each record.",
            discussion: """
            回答はハブが受け取った各加盟店の記録から読みます。請求者の情報は表示しません (subject-reply で回答書に)。
            The answers are read from the hub's copy of the members' logs. The person's details are not printed
            (subject-reply puts them in the letter).
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Option(name: .customLong("hub-data-dir"), help: "運営者のハブのデータディレクトリ / The data directory of the operator's hub.")
        var hubDataDirectory: String

        struct Row: Encodable {
            var shop: String
            var publication: String
            var category: String
            var amountYen: Int
            var month: String
            var answer: String?
            var reason: String?
            var standing: String
        }

        struct Out: Encodable {
            var request: String
            var kind: String
            var receivedOn: String
            var deadline: String
            var inHubLog: Bool
            var records: [Row]
        }

        /// Every request with each record's answer, as the hub holds them on `day`.
        static func rows(files: OperatorFiles, hubDataDirectory: String, day: LocalDate) throws(NodeError) -> [(SubjectRequestFile, Out)] {
            let requests = try SubjectRequestFile.all(in: files)
            let hub = try Node.open(URL(fileURLWithPath: hubDataDirectory))
            let states: [ReviewRequestState]
            do { states = try hub.database.reviewRequests() } catch { throw .store(error) }
            return requests.map { r in
                let state = states.first { $0.request.id.description == r.id }
                let rows = r.records.map { f in
                    let key = NodeID(hex: f.origin).flatMap { o in ReportID(hex: f.publication).map { RecordKey(origin: o, id: $0) } }
                    let answer = key.flatMap { state?.answers[$0] }
                    let standing = key.flatMap { k in state?.standing(of: k, on: day) }
                    return Row(shop: f.shop, publication: f.publication, category: f.category, amountYen: f.amountYen, month: f.month,
                               answer: answer?.answer.name, reason: answer.flatMap { $0.reason.isEmpty ? nil : $0.reason },
                               standing: standing.map(Self.name) ?? "not_in_hub_log")
                }
                return (r, Out(request: r.id, kind: r.kind, receivedOn: r.receivedOn, deadline: r.deadline,
                               inHubLog: state != nil || r.records.isEmpty, records: rows))
            }
        }

        static func name(_ s: ReviewStanding) -> String {
            switch s {
            case .none: "none"
            case .awaiting: "awaiting"
            case .answered: "answered"
            case .overdue: "overdue"
            }
        }

        func run() async throws {
            try await NodeError.guarded {
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                _ = try files.open()
                let all = try Self.rows(files: files, hubDataDirectory: hubDataDirectory, day: Node.todayInJapan())
                if global.json {
                    for (_, o) in all { try global.console.emit(o) }
                    return
                }
                if all.isEmpty {
                    global.console.say(ja: "請求はまだありません。", en: "No request yet.")
                    return
                }
                for (_, o) in all {
                    let kind = SubjectRequestKind(name: o.kind)?.label ?? Localized(ja: o.kind, en: o.kind)
                    global.console.say(ja: "請求 \(o.request)  \(kind.ja)  受付 \(o.receivedOn)  回答期限 \(o.deadline)\(o.inHubLog ? "" : "  (ハブにまだ届いていません)")",
                                       en: "Request \(o.request)  \(kind.en)  received \(o.receivedOn)  deadline \(o.deadline)\(o.inHubLog ? "" : "  (not at the hub yet)")")
                    if o.records.isEmpty {
                        global.console.say(ja: "  該当する記録なし", en: "  no record matched")
                    }
                    for row in o.records {
                        let answer: Localized
                        if let a = row.answer.flatMap({ name in ReviewAnswerKind.allCases.first { $0.name == name } }) {
                            answer = Localized(ja: a.label.ja + (row.reason.map { ": \($0)" } ?? ""), en: a.label.en + (row.reason.map { ": \($0)" } ?? ""))
                        } else if row.standing == "overdue" {
                            answer = Localized(ja: "期限切れ・未回答 (係争中として扱われます)", en: "overdue, unanswered (taken as disputed)")
                        } else {
                            answer = Localized(ja: "未回答", en: "not answered yet")
                        }
                        let category = ReportCategory.allCases.first { $0.name == row.category }?.label ?? Localized(ja: row.category, en: row.category)
                        global.console.say(ja: "  \(row.shop)  \(row.publication)  \(category.ja)  \(LookupResult.yen(row.amountYen))  \(row.month)  → \(answer.ja)",
                                           en: "  \(row.shop)  \(row.publication)  \(category.en)  \(LookupResult.yen(row.amountYen))  \(row.month)  → \(answer.en)")
                    }
                }
            }
        }
    }
}
