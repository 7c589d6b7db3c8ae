import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiServer
import MibaraiStore
import MibaraiNode
import MibaraiImport

extension Mibarai {
    /// `mibarai check`: screens an order (or a CSV of orders): score, decision and each rule's
    /// reason, with the federation lookup behind them.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "注文を審査する / Screen an order, or a CSV file of orders, against the reports and the shop's rules.",
            discussion: """
            1件の注文は --csv の各行や POST /v1/screen と同じルールと設定 ([screening]) で審査し、判定 (通過・要確認・保留)、スコア、各ルールの理由を表示します。--order-ref を付けた注文だけが審査履歴 (同じ住所・電話の別名義、短時間の連続注文) に記録されます。--lookup-only は報告との照合だけを表示します。

            One order is screened with the same rules and [screening] settings as a --csv row or POST /v1/screen: decision (pass, review, hold), score and each rule's reason. Only an order given with --order-ref is recorded in the velocity history. --lookup-only prints the bare lookup against the reports.

            例 / Examples:
              mibarai check --phone 090-1234-5678 --address "東京都江東区古石場2-29-16"
              mibarai check --order-ref A-1001 --phone 090-1234-5678 --email taro@example.jp \\
                  --address "岐阜県大垣市 大垣郵便局留め" --payment NP後払い --item TEA-3P:1:2980
              mibarai check --csv orders.csv --json
              mibarai check --csv orders.csv --output-format csv > screened.csv
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: IdentityOptions
        @OptionGroup var orderFields: OrderOptions
        @Flag(name: .customLong("lookup-only"), help: "審査せず報告との照合だけを表示 (以前の出力) / Only look the customer up in the reports, without screening.")
        var lookupOnly = false
        @Option(help: "注文CSV (Shopify, EC-CUBE, BASE, STORES, カラーミーショップ, 汎用; UTF-8 / Shift_JIS) / A CSV export of orders.")
        var csv: String?
        @Option(name: .customLong("output-format"), help: "--csv の出力 text|csv|json / Output of --csv: text (flagged orders), csv (every row annotated), json (JSON lines).")
        var outputFormat: OutputFormat = .text

        func run() async throws {
            try await NodeError.guarded {
                if csv != nil && (!person.isEmpty || !orderFields.isEmpty || lookupOnly) {
                    throw NodeError.usage(ja: "--csv と個別の項目は同時に指定できません。", en: "give either --csv or the order's fields, not both.")
                }
                if csv == nil && person.isEmpty {
                    throw NodeError.usage(ja: "照合する項目 (--phone, --email, --address など) か --csv を指定してください。", en: "give the order's fields (--phone, --email, --address, …) or --csv FILE.")
                }
                let file = try csv.map(OrderCSV.read(path:))
                // The order's fields are read (and refused) before the node is touched.
                let order = csv == nil ? try orderFields.order(billing: try person.identity()) : nil
                let (node, console) = try global.openNode()
                try node.purgeExpired()
                try node.purgeClosedCases()
                if let file {
                    try await checkBatch(file, node, console)
                } else if let order {
                    try await checkOne(order, node, console)
                }
            }
        }

        /// One order typed as options: screened like a row of `--csv` or a `POST /v1/screen`
        /// (same engine, `[screening]` policy and velocity history), or only looked up with
        /// `--lookup-only`.
        private func checkOne(_ order: Order, _ node: Node, _ console: Console) async throws {
            let queries = [node.queryTokens(order.billing)] + (order.shipping == nil ? [] : [node.queryTokens(order.recipient)])
            if queries.allSatisfy(\.isEmpty) {
                throw NodeError.data(
                    ja: "照合に使える項目がありません (電話番号・メールアドレス・住所が無効か未指定)。氏名だけでは照合しません。",
                    en: "nothing to match on: no usable phone, e-mail or address (a name alone is never matched)."
                )
            }
            let hubs = try FederationMembership.hubClient(node)
            if lookupOnly {
                let result = try await node.lookup(queries: [queries[0]], hubs: hubs)[0]
                if global.json { try console.emit(CheckJSON(result)) } else { console.printResult(result) }
                try Self.failIfIncomplete([result])
                return
            }
            let now = Node.now()
            let screener = try node.screener(now: now, hubs: hubs)
            // The velocity history is the shop's own orders. The API records every request, as a
            // checkout calls it once per order. A check typed here is often repeated for the same
            // customer (before a call, after the answer): without an order number it cannot
            // replace its earlier entry, and each repeat would count as another order (order
            // burst, "other names at this address"). So a check records the order only when it
            // names it with --order-ref; without one it reads the history and leaves it as it was.
            let result: ScreeningResult
            do { result = try await screener.screen([order], now: now, recording: order.reference != nil)[0] } catch { throw NodeError.store(error) }
            if global.json {
                try console.emit(ScreeningJSON(result, reference: order.reference))
            } else {
                console.printScreening(result)
            }
            try Self.failIfIncomplete([result.lookup])
        }

        /// After the answer is printed: exit 69 (EX_UNAVAILABLE) when no hub answered, so a
        /// script never takes an incomplete "no match" for a clean one.
        static func failIfIncomplete(_ results: [LookupResult]) throws(NodeError) {
            let missing = results.filter(\.incomplete)
            guard let first = missing.first else { return }
            let n = missing.count
            let why = first.incompleteReason ?? Localized(ja: "どのハブも応答しませんでした。", en: "no hub answered.")
            throw .unavailable(
                ja: "照会が不完全です (\(n)件): \(why.ja) 他店の報告は確認できていません。[federation] hubs とネットワークを確認し、もう一度照会してください。",
                en: "the lookup is incomplete (\(n) order\(n == 1 ? "" : "s")): \(why.en) Other shops' reports were not checked. Check [federation] hubs and the network, and check again."
            )
        }

        /// Screens every order of the file and writes each row annotated (text, CSV or JSON lines).
        private func checkBatch(_ file: OrderCSV, _ node: Node, _ console: Console) async throws {
            let format: OutputFormat = global.json ? .json : outputFormat
            var out = BatchOutput(format: format, file: file, language: console.language)
            out.begin()
            let showProgress = file.rows.count >= 5000 && isatty(STDERR_FILENO) != 0
            let now = Node.now()
            // Under `replicas = hubs` the file's orders are looked up at the hubs too.
            let screener = try FederationMembership.hubClient(node).map { hubs throws(NodeError) in try node.screener(now: now, hubs: hubs) }
            var incomplete: [LookupResult] = []
            let tally = try await node.screenFile(file, now: now, screener: screener, each: { group, outcome in
                switch outcome {
                case .success(let r):
                    if r.lookup.incomplete { incomplete.append(r.lookup) }
                    try out.write(group, result: r)
                case .failure(let problem): try out.write(group, problem: problem.message)
                }
            }, progress: { progress in
                guard showProgress else { return }
                switch progress {
                case .readingIndex(let read, let of):
                    console.progress(Self.bar(done: read, of: of) + (console.language == .ja ? " 照合の準備 (索引)" : " reading the lookup index"))
                case .screening(let done, let of):
                    console.progress(Self.bar(done: done, of: of))
                }
            })
            if showProgress { console.endProgress() }
            out.finish()
            if format == .text {
                let (n, matched, unscreenable) = (tally.orders, tally.matched, tally.unscreenable)
                let hold = tally.decisions[.hold] ?? 0, review = tally.decisions[.review] ?? 0, pass = tally.decisions[.pass] ?? 0
                console.say(
                    ja: "\(n)件中 \(matched)件が一致しました (\(file.encoding.rawValue))。照合できなかった注文: \(unscreenable)件。形式: \(file.platform == .generic ? "汎用 (列名から判断)" : file.platform.rawValue)。\n保留 \(hold)件、要確認 \(review)件、通過 \(pass)件。",
                    en: "\(matched) of \(n) orders matched (\(file.encoding.rawValue)); \(unscreenable) had nothing to match on. Format: \(file.platform == .generic ? "generic (read from the column names)" : file.platform.rawValue).\nhold \(hold), review \(review), pass \(pass)."
                )
            }
            try Self.failIfIncomplete(incomplete)
        }

        /// `[########------------] 4000/10000`.
        static func bar(done: Int, of total: Int) -> String {
            let width = 30
            let filled = total == 0 ? width : done * width / total
            return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total)"
        }
    }
}
