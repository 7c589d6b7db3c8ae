import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai {
    /// `mibarai backup --to FOLDER`: a consistent copy of the node, safe to take while `serve` runs.
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "ノードをバックアップする (serve 実行中でも可) / Back the node up (also while serve runs).",
            discussion: """
            新しいフォルダに、データベースの一貫したコピー (SQLite のオンラインバックアップ) と、設定・鍵・
            連合の証明書の写しを作ります (フォルダ 0700、ファイル 0600)。個人情報と鍵が入っているので、ノードと
            同じように安全に保管してください。戻すときは `mibarai restore --from フォルダ`。
            Writes into a new folder a consistent copy of the database (SQLite's online backup) and copies
            of the configuration, keys and membership files (folder 0700, files 0600). It holds personal
            data and the node's keys: keep it as safe as the node. Put it back with `mibarai restore --from FOLDER`.
            """
        )

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("to"), help: "作成するバックアップのフォルダ (まだないこと) / The backup folder to create (must not exist).")
        var to: String

        func run() async throws {
            try await NodeError.guarded {
                let (node, console) = try global.openNode()
                let done = try node.backup(to: URL(fileURLWithPath: to).standardizedFileURL)
                if global.json {
                    try console.emit(BackupJSON(folder: done.folder.path, files: done.files, reports: done.reports))
                } else {
                    console.say(
                        ja: "バックアップを作成しました: \(done.folder.path) (報告 \(done.reports) 件、ファイル \(done.files.count) 個)。個人情報と鍵が入っています。安全な場所に保管してください。",
                        en: "Backed up to \(done.folder.path) (\(done.reports) reports, \(done.files.count) files). It holds personal data and keys: keep it safe."
                    )
                }
            }
        }
    }

    struct BackupJSON: Encodable {
        var folder: String
        var files: [String]
        var reports: Int
    }
}
