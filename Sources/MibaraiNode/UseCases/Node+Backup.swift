import Foundation
import MibaraiStore

/// What `backup` wrote.
public struct BackupSummary: Sendable {
    /// The backup folder.
    public var folder: URL
    /// The files in it, relative to it, sorted.
    public var files: [String]
    /// The reports the copied database holds.
    public var reports: Int
}

extension Node {
    /// Writes a backup of the node into `folder`, which must not exist yet (made 0700): the
    /// database as one consistent snapshot (SQLite's online backup; commands and `serve` may go on
    /// writing meanwhile), and a copy of every other file of the data directory (configuration,
    /// keys, membership), each 0600. The folder holds raw personal data and the node's keys:
    /// keep it as safe as the node itself. `mibarai restore` puts it back.
    public func backup(to folder: URL) throws(NodeError) -> BackupSummary {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: folder.path) else {
            throw .usage(ja: "バックアップ先が既にあります: \(folder.path)\n新しいフォルダ名を指定してください。",
                         en: "the backup folder exists already: \(folder.path); name a new one.")
        }
        guard mkdir(folder.path, 0o700) == 0 else {
            throw .cannotCreate(ja: "バックアップ先のフォルダを作れません: \(folder.path)", en: "cannot create the backup folder \(folder.path)")
        }
        do throws(NodeError) {
            let copy = folder.appendingPathComponent(DataDirectory.databaseFile)
            let reports: Int
            do throws(StoreError) {
                try database.backup(to: copy.path)
                _ = chmod(copy.path, 0o600)
                reports = try AppDatabase.checkCopy(at: copy.path)
            } catch {
                throw .software(ja: "データベースのバックアップに失敗しました: \(error.message.ja)", en: "the database backup failed: \(error.message.en)")
            }
            var files = [DataDirectory.databaseFile]
            for name in try directory.keptFiles() {
                try DataDirectory.copyPrivate(directory.file(name), to: folder.appendingPathComponent(name))
                files.append(name)
            }
            return BackupSummary(folder: folder, files: files.sorted(), reports: reports)
        } catch {
            // Never leave half a backup that looks whole.
            try? fm.removeItem(at: folder)
            throw error
        }
    }
}
