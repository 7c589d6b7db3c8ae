import Foundation
import MibaraiCore
import MibaraiNode

/// `subject-requests.jsonl` in the operator's directory (0600, one line a request, never rewritten):
/// the person's request as the operator received it — their identity, the kind, a correction's
/// text — and the records found, so the operator can answer them. It never leaves the directory:
/// the federation sees the `review_request` entry only, with the request id and the records' keys.
struct SubjectRequestFile: Codable {
    struct Found: Codable {
        var origin: String
        var shop: String
        var publication: String
        var category: String
        var amountYen: Int
        var month: String
        var status: String
        var strength: String

        enum CodingKeys: String, CodingKey {
            case origin, shop, publication, category, month, status, strength
            case amountYen = "amount_yen"
        }
    }

    var id: String
    var kind: String
    var receivedOn: String
    var deadline: String
    var identity: Identity
    var correction: String?
    var records: [Found]

    // Written and read with plain coders and these keys (the identity keeps its own: name_kana, postal_code).
    enum CodingKeys: String, CodingKey {
        case id, kind, deadline, identity, correction, records
        case receivedOn = "received_on"
    }

    static let fileName = "subject-requests.jsonl"

    static func append(_ r: SubjectRequestFile, to files: OperatorFiles) throws(NodeError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let line = try? encoder.encode(r) else {
            throw .software(ja: "請求の記録を作れません。", en: "cannot encode the request.")
        }
        try files.append(line + Data("\n".utf8), to: fileName, ja: "本人からの請求の記録")
    }

    static func all(in files: OperatorFiles) throws(NodeError) -> [SubjectRequestFile] {
        let url = files.url(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .data(ja: "\(fileName) を読めません。", en: "cannot read \(fileName).")
        }
        var out: [SubjectRequestFile] = []
        for (n, line) in text.split(separator: "\n").enumerated() {
            guard let r = try? JSONDecoder().decode(SubjectRequestFile.self, from: Data(line.utf8)) else {
                throw .data(ja: "\(fileName) の \(n + 1) 行目が読めません。", en: "line \(n + 1) of \(fileName) does not read.")
            }
            out.append(r)
        }
        return out
    }
}
