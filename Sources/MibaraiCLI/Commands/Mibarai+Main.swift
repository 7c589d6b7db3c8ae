import ArgumentParser
import Foundation

extension Mibarai {
    /// The executable's entry point: argument-parser's own parsing errors (an unknown option, a
    /// missing value) are English; a Japanese line is printed before them, so every bad input is
    /// explained in both languages. Errors the commands raise themselves are already bilingual.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let e as ExitCode {
            // A command's own error, printed already (`NodeError.guarded`); 64 is a usage error
            // of the command, not one of argument-parser's.
            Foundation.exit(e.rawValue)
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            // argument-parser quotes the offending argument ("Unexpected argument '太郎'"), which may
            // be part of a customer's name: option names stay, values are masked.
            let message = maskingQuotedValues(fullMessage(for: error))
            FileHandle.standardError.write(Data("""
                エラー: コマンドの引数が正しくありません (詳細は下記、`mibarai help` で使い方を表示)。
                \(message)

                """.utf8))
            Foundation.exit(code.rawValue)
        }
    }

    /// Replaces every '…'-quoted text that is not an option name (`--phone`, `-h`) or a `mibarai …`
    /// command line by '…'.
    static func maskingQuotedValues(_ message: String) -> String {
        var out = ""
        var quoted: String?
        for c in message {
            if c == "'" {
                if let q = quoted {
                    out += q.hasPrefix("-") || q.hasPrefix("mibarai") || q.isEmpty ? "'\(q)'" : "'…'"
                    quoted = nil
                } else {
                    quoted = ""
                }
            } else if quoted != nil {
                quoted!.append(c)
            } else {
                out.append(c)
            }
        }
        if let q = quoted { out += "'" + q }
        return out
    }
}
