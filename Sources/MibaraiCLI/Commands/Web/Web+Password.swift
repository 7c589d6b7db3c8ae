import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai.WebCommand {
    /// `mibarai web password`: sets the web page's password (stored as a slow hash).
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "ウェブページのパスワードを設定する / Set the web page's password.",
            discussion: """
            端末では2回入力を求めます (表示されません)。パイプでは標準入力の1行目を使います。\(WebPassword.minimumLength)文字以上。
            実行中の serve にもすぐ反映されます。
            At a terminal it asks twice (not shown); through a pipe it reads the first line of stdin.
            \(WebPassword.minimumLength) characters at least. A running serve uses the new password at once.
              mibarai web password
              printf '%s\\n' "$PASSWORD" | mibarai web password
            """
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let password = try PasswordPrompt.read(console: console, confirm: true)
                try node.directory.setWebPassword(try WebPassword.hashing(password))
                console.say(
                    ja: "ウェブページのパスワードを設定しました。`mibarai serve` の起動中に http://127.0.0.1:8722/ を開いてください。",
                    en: "The web page's password is set. Open http://127.0.0.1:8722/ while `mibarai serve` runs."
                )
            }
        }
    }
}
