import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation subject-request`: a person's 開示・訂正・利用停止 request, turned into a
    /// signed review request to the origins of the records found.
    struct SubjectRequest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-request",
            abstract: "本人からの開示・訂正・利用停止の請求を受け付け、該当する記録の加盟店に確認を依頼する / Take a person's disclosure, correction or stop-of-use request and ask the records' shops to review them.",
            discussion: """
            本人確認を済ませた請求者の情報を、運営者の持つ全エポックの照合鍵でトークンにし、ハブのデータベースを読み取って
            該当する記録を探します (将来はハブの照会窓口 (issue 24) がこの直接の読み取りに代わります)。見つかった記録ごとに
            登録した加盟店へ確認依頼 (記録の ID と請求の種類、回答期限のみ) を署名して運営者の記録に追記し、--output に
            書きます。請求者の情報と訂正の内容は運営者のディレクトリの subject-requests.jsonl (0600) にだけ残ります。
            Blinds the verified person's details under every epoch key the operator has sealed, reads the hub's
            database for the matching records (a hub lookup endpoint, issue 24, will replace this direct read), and
            appends a signed review request (the records' ids, the request's kind and the deadline, nothing of the
            person) to the operator's log, written to --output. The person's details and the correction's text
            stay in the operator's directory only (subject-requests.jsonl, 0600).
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @OptionGroup var identity: IdentityOptions
        @Option(name: .customLong("hub-data-dir"), help: "運営者のハブのデータディレクトリ / The data directory of the operator's hub.")
        var hubDataDirectory: String
        @Option(help: "請求の種類: disclosure (開示) | correction (訂正) | stop-use (利用停止) / The request's kind.")
        var kind: String
        @Option(help: "本人の申し出た訂正の内容 (運営者のみが保持) / The correction the person asked for (kept by the operator only).")
        var correction: String?
        @Option(name: .customLong("deadline-days"), help: "加盟店の回答期限 (日数) / Days the shops have to answer.")
        var deadlineDays: Int = 14
        @Option(help: "運営者の記録の書き出し先 / Where to write the operator's log for the nodes.") var output: String

        func run() async throws {
            try await NodeError.guarded {
                guard let requestKind = SubjectRequestKind(name: kind) else {
                    throw NodeError.usage(ja: "--kind は disclosure・correction・stop-use のいずれかです。", en: "--kind is disclosure, correction or stop-use.")
                }
                guard (1...365).contains(deadlineDays) else {
                    throw NodeError.usage(ja: "--deadline-days は 1 から 365 です。", en: "--deadline-days is 1 to 365.")
                }
                let (given, normalized) = try identity.normalizedForOperator()
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (authority, operatorKey) = try files.open()
                let lock = try files.lock()
                defer { lock.release() }
                var log = try files.log(operator: operatorKey)
                let keys = try files.sealedEpochKeys(in: log)
                let tokens = Array(Set(keys.flatMap { Blinder(key: $0).tokens(for: normalized) }))
                guard !tokens.isEmpty else {
                    throw NodeError.usage(ja: "照合できる項目がありません (電話番号・メールアドレス、または住所と氏名)。", en: "nothing to look up: give a phone, an e-mail, or a name with the address.")
                }
                let hub = try Node.open(URL(fileURLWithPath: hubDataDirectory))
                let result = try hub.lookup(queries: [tokens])[0]
                var byName: [String: NodeID] = [:]
                for (id, m) in log.members where log.revocations[id] == nil { byName[m.name] = id }
                let found = result.matches.compactMap { m in byName[m.record.origin].map { (m, $0) } }
                let today = Node.todayInJapan()
                let deadline = today.adding(days: deadlineDays)
                var id = ReviewRequestID()
                while log.reviewRequests[id] != nil { id = ReviewRequestID() }
                // At most maxRecords records: the strongest matches first (`LookupResult` order).
                let named = Array(found.prefix(ReviewRequest.maxRecords))
                if !named.isEmpty {
                    let request = ReviewRequest(id: id, kind: requestKind, deadline: deadline,
                                                records: named.map { RecordKey(origin: $0.1, id: $0.0.record.id) })
                    let entry: LogEntry
                    do {
                        entry = try log.append(signing: .reviewRequest(request), with: try files.signer())
                    } catch let e as NodeError {
                        throw e
                    } catch {
                        throw NodeError.software(ja: "運営者の記録に追記できません (\(error))。", en: "cannot extend the operator's log (\(error)).")
                    }
                    try files.appendToLog([entry])
                }
                let records = named.map { (m, origin) in
                    SubjectRequestFile.Found(origin: origin.description, shop: m.record.origin, publication: m.record.id.description,
                                             category: m.record.category.name, amountYen: m.record.amountYen, month: m.record.month,
                                             status: m.record.status.name, strength: m.strength.name)
                }
                try SubjectRequestFile.append(SubjectRequestFile(
                    id: id.description, kind: requestKind.name, receivedOn: today.description, deadline: deadline.description,
                    identity: given, correction: correction, records: records), to: files)
                let update = OperatorLogUpdate(federation: authority.name, log: log)
                try OutputFile.write(String(decoding: try Console.jsonEncoder().encode(update), as: UTF8.self) + "\n", to: output)
                if global.json {
                    struct Out: Encodable { var request: String; var kind: String; var deadline: String; var records: [SubjectRequestFile.Found]; var output: String }
                    try global.console.emit(Out(request: id.description, kind: requestKind.name, deadline: deadline.description, records: records, output: output))
                    return
                }
                if records.isEmpty {
                    global.console.say(ja: "請求 \(id) (\(requestKind.label.ja)) を記録しました。該当する記録はありません (確認依頼は送っていません)。",
                                       en: "Recorded request \(id) (\(requestKind.label.en)). No record matches: no review request was sent.")
                    return
                }
                global.console.say(ja: "請求 \(id) (\(requestKind.label.ja)): \(records.count) 件の記録について確認依頼を運営者の記録に追記しました (回答期限 \(deadline))。",
                                   en: "Request \(id) (\(requestKind.label.en)): appended a review request for \(records.count) record(s) to the operator's log (deadline \(deadline)).")
                for (m, _) in named {
                    global.console.say(
                        ja: "  \(m.record.origin)  \(m.record.id)  \(m.record.category.label.ja)  \(LookupResult.yen(m.record.amountYen))  \(m.record.month)  \(m.record.status.label.ja)  \(m.strength.label.ja)",
                        en: "  \(m.record.origin)  \(m.record.id)  \(m.record.category.label.en)  \(LookupResult.yen(m.record.amountYen))  \(m.record.month)  \(m.record.status.label.en)  \(m.strength.label.en)")
                }
                global.console.say(ja: "\(output) をノード (ハブ) で mibarai node operator-log として取り込んでください。",
                                   en: "Import \(output) at a node (a hub) with mibarai node operator-log.")
            }
        }
    }
}
