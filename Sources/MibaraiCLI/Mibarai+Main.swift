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
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data("エラー: コマンドの引数が正しくありません (詳細は下記、`mibarai help` で使い方を表示)。\n".utf8))
            }
            exit(withError: error)
        }
    }
}
