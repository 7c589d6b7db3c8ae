import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.FederationCommand {
    /// `mibarai federation subject-reply REQUEST_ID`: the operator's letter to the person.
    struct SubjectReply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-reply",
            abstract: "請求者への回答書 (開示・訂正・利用停止の請求に対する回答) を出力する / Print the reply letter to the person who made a request.",
            discussion: """
            見つかった記録 (区分・発生年月・金額・登録した加盟店の名前) と各加盟店の回答を、運営者を差出人とする日本語の
            文書にします。請求者の氏名を含むため、運営者の手元でのみ扱ってください。
            Prints, in Japanese, what was found (category, month, amount, the member shop's name) and what each shop
            answered, the operator as sender. It holds the person's name: handle it at the operator's only.
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var op: OperatorOptions
        @Argument(help: "請求ID / The request's id.") var request: String
        @Option(name: .customLong("hub-data-dir"), help: "運営者のハブのデータディレクトリ / The data directory of the operator's hub.")
        var hubDataDirectory: String

        func run() async throws {
            try await NodeError.guarded {
                let files = OperatorFiles(directory: URL(fileURLWithPath: op.operatorDirectory))
                let (authority, _) = try files.open()
                let today = Node.todayInJapan()
                let all = try SubjectRequests.rows(files: files, hubDataDirectory: hubDataDirectory, day: today)
                guard let found = all.first(where: { $0.0.id.lowercased() == request.lowercased() }) else {
                    throw NodeError.noInput(ja: "請求が見つかりません: \(request)", en: "no request \(request)")
                }
                let (r, o) = found
                guard let kind = SubjectRequestKind(name: r.kind), let received = LocalDate(parsing: r.receivedOn),
                      let deadline = LocalDate(parsing: r.deadline) else {
                    throw NodeError.data(ja: "\(SubjectRequestFile.fileName) の請求 \(r.id) が読めません。", en: "request \(r.id) of \(SubjectRequestFile.fileName) does not read.")
                }
                let findings = o.records.map { row in
                    let answer = row.answer.flatMap { name in ReviewAnswerKind.allCases.first { $0.name == name } }.map {
                        ReviewAnswer(request: ReviewRequestID(hex: r.id)!, publication: ReportID(hex: row.publication)!, answer: $0, reason: row.reason ?? "")
                    }
                    let standing: ReviewStanding = switch row.standing {
                    case "overdue": .overdue(since: deadline.adding(days: 1))
                    case "answered": .answered
                    default: .awaiting(deadline: deadline)
                    }
                    return SubjectReplyLetter.Finding(shop: row.shop, category: ReportCategory.allCases.first { $0.name == row.category } ?? .nonPayment,
                                                      month: row.month, amountYen: row.amountYen, answer: answer, standing: standing)
                }
                let letter = SubjectReplyLetter(federation: authority.name, personName: r.identity.name, kind: kind, receivedOn: received,
                                                deadline: deadline, findings: findings, date: today)
                print(letter.text, terminator: "")
            }
        }
    }
}
