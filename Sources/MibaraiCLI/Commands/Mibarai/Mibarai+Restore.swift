import ArgumentParser
import Foundation
import MibaraiCore
import MibaraiNode

extension Mibarai {
    /// `mibarai restore --from FOLDER`: puts a backup back, with `serve` stopped.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "バックアップから戻す (serve を止めてから) / Restore the node from a backup (with serve stopped).",
            discussion: """
            `mibarai backup` のフォルダからデータベースを戻します。今のデータベースは mibarai.sqlite.before-restore
            として残します。ディレクトリにない設定・鍵は バックアップから補います。次に serve を起動すると、まず
            ピアから このノード自身の連合の記録 (バックアップ後に署名したもの) を取り戻し、それまでは新しい記録に
            署名しません。バックアップの後に加えた報告は戻りません (連合からも取り下げられます)。
            Puts the database of a `mibarai backup` folder back; the current one is kept as
            mibarai.sqlite.before-restore. Configuration and key files the directory lacks are taken from
            the backup. When serve next runs, it first takes back from a peer the entries of this node's own
            log signed after the backup, and signs nothing new until it has. Reports added after the
            backup are not in it (and are withdrawn from the federation).
            """
        )

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("from"), help: "`mibarai backup` で作ったフォルダ / A folder made by `mibarai backup`.")
        var from: String

        func run() async throws {
            try await NodeError.guarded {
                let directory = DataDirectory(global.dataDirectory)
                let done = try directory.restore(from: URL(fileURLWithPath: from).standardizedFileURL, today: Node.todayInJapan())
                let console = global.console
                if global.json {
                    try console.emit(RestoreJSON(nodeId: done.nodeID, reports: done.reports, filesAdded: done.filesAdded,
                                                 replacedDatabase: done.replacedDatabase?.path))
                    return
                }
                console.say(
                    ja: "ノード \(done.nodeID) をバックアップから戻しました (報告 \(done.reports) 件)。",
                    en: "Restored node \(done.nodeID) from the backup (\(done.reports) reports)."
                )
                if let kept = done.replacedDatabase {
                    console.say(ja: "それまでのデータベースは \(kept.path) に残しています。確認後に削除してください (個人情報を含みます)。",
                                en: "The database it replaced is kept as \(kept.path); delete it once you are sure (it holds personal data).")
                }
                if !done.filesAdded.isEmpty {
                    console.say(ja: "バックアップから補ったファイル: \(done.filesAdded.joined(separator: ", "))",
                                en: "Files taken from the backup: \(done.filesAdded.joined(separator: ", "))")
                }
                console.say(
                    ja: "次に `mibarai serve` を起動すると、まずピアからこのノード自身の記録を取り戻し、それまでは何も公開しません。バックアップの後に加えた報告は入っていません。必要なら追加し直してください。",
                    en: "When `mibarai serve` next runs, it first takes this node's own log back from a peer and publishes nothing until it has. Reports added after the backup are not in it: add them again if needed."
                )
            }
        }
    }

    struct RestoreJSON: Encodable {
        var nodeId: String
        var reports: Int
        var filesAdded: [String]
        var replacedDatabase: String?
    }
}
