import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiStore

extension Mibarai {
    /// `mibarai check`: looks an order (or a CSV of orders) up in the blinded records.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "注文を照合する / Check an order, or a CSV file of orders, against the reports.",
            discussion: """
            例 / Examples:
              mibarai check --phone 090-1234-5678 --address "東京都江東区古石場2-29-16"
              mibarai check --csv orders.csv --json
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var person: IdentityOptions
        @Option(help: "注文CSV (UTF-8 / Shift_JIS) / A CSV file of orders.") var csv: String?

        func run() async throws {
            try await CLIError.guarded {
                if csv != nil && !person.isEmpty {
                    throw CLIError.usage(ja: "--csv と個別の項目は同時に指定できません。", en: "give either --csv or the order's fields, not both.")
                }
                if csv == nil && person.isEmpty {
                    throw CLIError.usage(ja: "照合する項目 (--phone, --email, --address など) か --csv を指定してください。", en: "give the order's fields (--phone, --email, --address, …) or --csv FILE.")
                }
                let file = try csv.map(OrderCSV.read(path:))
                let node = try NodeContext.open(global)
                try node.database.purgeExpired(today: node.today)
                if let file {
                    try checkBatch(file, node)
                } else {
                    let query = node.queryTokens(try person.identity())
                    if query.isEmpty {
                        throw CLIError.data(
                            ja: "照合に使える項目がありません (電話番号・メールアドレス・住所が無効か未指定)。氏名だけでは照合しません。",
                            en: "nothing to match on: no usable phone, e-mail or address (a name alone is never matched)."
                        )
                    }
                    let result = try node.lookup(queries: [query])[0]
                    if global.json {
                        try node.console.emit(CheckJSON(result))
                    } else {
                        node.console.printResult(result)
                    }
                }
            }
        }

        private func checkBatch(_ file: OrderCSV, _ node: NodeContext) throws {
            let batch = 1000
            var output = BufferedOutput()
            let encoder = Console.jsonEncoder()
            var matched = 0
            var uncheckable = 0
            let showProgress = file.rows.count >= 5000 && isatty(STDERR_FILENO) != 0
            // A large file: read the lookup index into memory once, so orders that match nothing
            // (most of them) never reach SQLite.
            let index = file.rows.count >= 2000 ? try node.database.tokenIndex() : nil
            for start in stride(from: 0, to: file.rows.count, by: batch) {
                let rows = file.rows[start..<min(start + batch, file.rows.count)]
                let queries = rows.map { node.queryTokens(file.identity(row: $0)) }
                let results = try node.lookup(queries: queries, index: index)
                for (offset, result) in results.enumerated() {
                    let line = start + offset + 2  // 1-based, after the header
                    let checkable = !queries[offset].isEmpty
                    if !result.isEmpty { matched += 1 }
                    if !checkable { uncheckable += 1 }
                    if global.json {
                        var j = CheckJSON(result)
                        j.row = line
                        j.checkable = checkable
                        output.write(try encoder.encode(j))
                        output.write(newline: ())
                    } else if !result.isEmpty || !checkable {
                        let lang = node.console.language
                        let text = checkable ? result.headline.text(lang) : (lang == .ja ? "照合に使える項目がありません" : "nothing to match on")
                        output.write((lang == .ja ? "\(line)行目: " : "row \(line): ") + text + "\n")
                    }
                }
                if showProgress { node.console.progress("\(min(start + batch, file.rows.count))/\(file.rows.count)") }
            }
            if showProgress { node.console.endProgress() }
            output.flush()
            if !global.json {
                node.console.say(
                    ja: "\(file.rows.count)件中 \(matched)件が一致しました (\(file.encoding.rawValue))。照合できなかった行: \(uncheckable)件。",
                    en: "\(matched) of \(file.rows.count) orders matched (\(file.encoding.rawValue)); \(uncheckable) had nothing to match on."
                )
            }
        }
    }
}
