import ArgumentParser
import MibaraiCore
import MibaraiNode

extension Mibarai {
    /// `mibarai guide [topic]`: what to do at each rung, and how to prevent unpaid orders.
    struct Guide: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "未払い対策の手引き / A guide to unpaid orders: the ladder, prevention, warning signs, records.",
            discussion: "トピック / Topics: \(GuideTopic.allCases.map(\.rawValue).joined(separator: ", "))"
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "トピック (省略時はすべて) / Topic (all when omitted).") var topic: String?

        func run() async throws {
            try await NodeError.guarded {
                var topics = GuideTopic.allCases
                if let topic {
                    guard let t = GuideTopic(name: topic) else {
                        let names = GuideTopic.allCases.map { "\($0.rawValue) (\($0.title.ja))" }.joined(separator: ", ")
                        throw NodeError.usage(ja: "トピックが不明です。指定できるもの: \(names)", en: "unknown topic; one of: \(names)")
                    }
                    topics = [t]
                }
                let console = global.console
                if global.json {
                    struct Out: Encodable { var topic: String; var title: [String: String]; var body: [String: String] }
                    for t in topics {
                        try console.emit(Out(topic: t.rawValue, title: ["ja": t.title.ja, "en": t.title.en], body: ["ja": t.body.ja, "en": t.body.en]))
                    }
                    return
                }
                for (i, t) in topics.enumerated() {
                    if i > 0 { print("") }
                    print("■ \(t.title.text(console.language))  (mibarai guide \(t.rawValue))\n")
                    print(t.body.text(console.language))
                }
            }
        }
    }
}
