import Foundation
import MibaraiCore
import MibaraiNode
#if canImport(Glibc)
import Glibc
#endif

/// Reads a password: at a terminal, asked without echo (twice when `confirm`); otherwise the first
/// line of standard input.
enum PasswordPrompt {
    static func read(console: Console, confirm: Bool, allowEmpty: Bool = false) throws(NodeError) -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            let line = readLine(strippingNewline: true) ?? ""
            if line.isEmpty, !allowEmpty {
                throw .usage(ja: "標準入力にパスワードがありません。", en: "no password on stdin.")
            }
            return line
        }
        let first = ask(console.language == .ja ? "パスワード: " : "Password: ")
        if first.isEmpty, allowEmpty { return "" }
        guard confirm else { return first }
        let second = ask(console.language == .ja ? "もう一度: " : "Again: ")
        guard first == second else {
            throw .usage(ja: "2回の入力が一致しません。", en: "the two entries differ.")
        }
        return first
    }

    /// One line from the terminal with echo off.
    private static func ask(_ prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let hasTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
        if hasTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)  // TCSANOW: what was typed ahead is kept
        }
        let line = readLine(strippingNewline: true) ?? ""
        if hasTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        FileHandle.standardError.write(Data("\n".utf8))
        return line
    }
}
