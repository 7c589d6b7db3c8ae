import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode

extension WebFace {
    /// `/`: today's due dunning actions, the week's screenings that were held or need a look,
    /// and the network's state in plain words.
    func addHome(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/") { request, _ -> Response in
            try await self.signedIn(request) { s in
                let node = self.today
                let lang = s.language
                do throws(NodeError) {
                    let (due, attention, reviews, contacts) = try await self.offloaded { () throws(NodeError) in
                        (try node.dueCases().due, try node.ordersNeedingAttention(), try node.reviews().filter { $0.answer == nil },
                         try node.contactRequestsWaiting())
                    }
                    let reviewRows = Self.reviewRows(reviews, lang, today: node.today)
                    let dueRows: [[String: Any]] = due.map { c, step in
                        ["number": c.number, "stage": step.stage.label.text(lang), "due": step.due.description,
                         "overdue": step.daysOverdue(on: node.today), "isOverdue": step.daysOverdue(on: node.today) > 0, "reason": step.reason.text(lang),
                         "amount": LookupResult.yen(c.outstandingYen)]
                    }
                    let attentionRows: [[String: Any]] = attention.map { a in
                        ["when": Self.japanTime(a.placedAt), "decision": a.decision.label.text(lang), "decisionName": a.decision.name, "score": a.score]
                    }
                    return self.page("home", title: .homeTitle, session: s, data: [
                        "due": dueRows, "hasDue": !dueRows.isEmpty, "attention": attentionRows, "hasAttention": !attentionRows.isEmpty, "network": await self.networkRows(node, lang),
                        "reviews": reviewRows, "hasReviews": !reviewRows.isEmpty, "contactsWaiting": contacts > 0 ? contacts as Any : false,
                    ])
                } catch {
                    return self.page("error", title: .errorTitle, session: s, data: ["message": self.message(error, s)], status: .internalServerError)
                }
            }
        }
    }

    /// The federation in sentences: joined or not, this node's name, the key epoch, and (while
    /// `serve` runs the gossip) peers and the last exchange.
    func networkRows(_ node: Node, _ lang: Language) async -> [String] {
        var rows: [String] = []
        let joined = NodeMembershipFiles(directory: node.directory.url).isMember
        if joined {
            rows.append(lang == .ja ? "連合に参加しています (このノード: \(node.configuration.nodeID))。" : "This node has joined a federation (as \(node.configuration.nodeID)).")
        } else {
            rows.append(lang == .ja ? "連合には未参加です。自店の報告だけで照合しています。" : "Not in a federation yet: orders are checked against this shop's own reports only.")
        }
        rows.append(lang == .ja ? "照合の鍵: 第\(node.keyring.primary.epoch)世代" : "Blinding key: epoch \(node.keyring.primary.epoch)")
        if let ask = network.withLock({ $0 }) {
            let status = await ask()
            rows.append(lang == .ja ? "接続中のノード: \(status.peersConnected)、加盟店: \(status.members)" : "Peers connected: \(status.peersConnected); members: \(status.members)")
            rows.append(status.caughtUp
                ? (lang == .ja ? "他のノードと同期しています。" : "In step with the other nodes.")
                : (lang == .ja ? "まだ他のノードと同期していません (ハブに接続できるか確認してください)。" : "Not in step with another node yet (check that the hub can be reached)."))
        } else if joined {
            rows.append(lang == .ja ? "連合の通信は止まっています (serve を --no-federation で起動しています)。" : "The federation's gossip is not running (serve was started with --no-federation).")
        }
        return rows
    }

    /// Seconds since 1970 as `2026-12-07 14:05` in Japan. Japan keeps UTC+9 all year (no summer
    /// time since 1951), so this is arithmetic: a `DateFormatter` made per row (its ICU formatter
    /// built each time) took as much of the home page's CPU as rendering it (`mibarai-bench --only-web`).
    static func japanTime(_ seconds: Int64) -> String {
        let local = seconds + 9 * 3600
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let minute = Int((local - day * 86_400) / 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(LocalDate(daysSinceEpoch: Int(day)).description) \(two(minute / 60)):\(two(minute % 60))"
    }
}
