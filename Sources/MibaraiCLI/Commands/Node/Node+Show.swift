import ArgumentParser
import Crypto
import Foundation
import MibaraiCore
import MibaraiMembership
import X509
import MibaraiNode
import MibaraiStore

extension Mibarai.NodeCommand {
    /// `mibarai node show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "連合での身元 / This node's membership.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let files = NodeMembershipFiles(directory: node.directory.url)
                let (member, info) = try files.member()
                guard let pem = try? String(contentsOf: files.url("federation/root.pem"), encoding: .utf8), let root = try? X509Certificate(pemEncoded: pem) else {
                    throw NodeError.data(ja: "ルート証明書が読めません。", en: "cannot read the federation root.")
                }
                let suppressions: Int
                do throws(StoreError) { suppressions = try node.database.suppressionCount() } catch { throw NodeError.store(error) }
                try Self.print(member, federation: info.federation, operatorKey: info.operatorKey, root: root, console: console,
                               suppressions: suppressions, waiting: try node.requestsAwaitingAnswer())
            }
        }

        /// `suppressions`: the operator's impersonation suppressions in force at this node; `waiting`:
        /// review and contact requests not answered yet (nil: not said).
        static func print(_ m: MemberCertificate, federation: String, operatorKey: String, root: X509Certificate, console: Console,
                          suppressions: Int? = nil, waiting: (reviews: Int, contacts: Int)? = nil) throws {
            let until = ISO8601DateFormatter().string(from: m.notValidAfter)
            let fingerprint = FederationAuthority.fingerprint(of: root)
            if console.json {
                struct Out: Encodable {
                    var federation: String; var name: String; var nodeId: String; var role: String; var region: String
                    var serial: String; var notValidAfter: String; var operatorKey: String; var rootFingerprint: String
                    var suppressionsInForce: Int?
                    var reviewRequestsWaiting: Int?
                    var contactRequestsWaiting: Int?
                }
                try console.emit(Out(
                    federation: federation, name: m.name, nodeId: m.nodeID.description, role: m.role.name, region: m.region,
                    serial: m.serial, notValidAfter: until, operatorKey: operatorKey, rootFingerprint: fingerprint,
                    suppressionsInForce: suppressions, reviewRequestsWaiting: waiting?.reviews, contactRequestsWaiting: waiting?.contacts
                ))
            } else {
                console.say(
                    ja: "連合「\(federation)」の \(m.role == .hub ? "ハブ" : "店舗") \(m.name) (地域 \(m.region))、証明書は \(until) まで有効\nルート証明書の指紋 (運営者の告げたものと照合): \(fingerprint)",
                    en: "\(m.role.name) \(m.name) of the federation \"\(federation)\" (region \(m.region)), certificate valid until \(until)\nRoot fingerprint (compare with the operator's): \(fingerprint)"
                )
                // Joint use needs a public notice before data is shared (個人情報保護法 第27条第5項第3号).
                console.say(
                    ja: "共同利用の公表: 運営者が `mibarai federation notice` で作る公表文を、自店のプライバシーポリシーに掲載してください (法律上、共有の前に必要です)。",
                    en: "Joint-use notice: publish the text the operator makes with `mibarai federation notice` in your shop's privacy policy (the law requires it before data is shared)."
                )
                if let suppressions {
                    console.say(
                        ja: "なりすまし被害の届出 (運営者): \(suppressions) 件 (該当する一致は点数にしません)",
                        en: "Impersonation suppressions (operator): \(suppressions) in force (matches on them never score)"
                    )
                }
                if let waiting, waiting.reviews > 0 {
                    console.say(ja: "未回答の確認依頼 (運営者から): \(waiting.reviews) 件 — mibarai report reviews で確認し、期限までに回答してください。",
                                en: "Review requests waiting for your answer (from the operator): \(waiting.reviews) — see mibarai report reviews and answer by the deadline.")
                }
                if let waiting, waiting.contacts > 0 {
                    console.say(ja: "未回答の連絡依頼 (他店から): \(waiting.contacts) 件 — mibarai contact list",
                                en: "Contact requests from other shops waiting for your answer: \(waiting.contacts) — see mibarai contact list")
                }
            }
        }
    }
}
