import Foundation
import MibaraiCore
import MibaraiStore

/// What `restore` did.
public struct RestoreSummary: Sendable {
    /// The node restored (`node_id` of its configuration).
    public var nodeID: String
    /// The reports the restored database holds.
    public var reports: Int
    /// The files taken from the backup besides the database (those the directory lacked).
    public var filesAdded: [String]
    /// Where the database it replaced was kept, if there was one.
    public var replacedDatabase: URL?
}

extension DataDirectory {
    /// Files besides the database that a backup carries: every regular file of the directory
    /// and its sub-folders, but the database's own, the locks and files being written.
    func keptFiles() throws(NodeError) -> [String] {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .noInput(ja: "データディレクトリを読めません: \(path)", en: "cannot read the data directory \(path)")
        }
        var out: [String] = []
        let base = url.standardizedFileURL.path + "/"
        for case let file as URL in walker {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let name = String(file.standardizedFileURL.path.dropFirst(base.count))
            guard !name.hasPrefix(Self.databaseFile), !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            out.append(name)
        }
        return out.sorted()
    }

    /// Copies a file readable by its owner only (0600), making missing folders (0700).
    static func copyPrivate(_ source: URL, to target: URL) throws(NodeError) {
        guard let data = try? Data(contentsOf: source) else {
            throw .noInput(ja: "読めません: \(source.path)", en: "cannot read \(source.path)")
        }
        let folder = target.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw .cannotCreate(ja: "フォルダを作れません: \(folder.path)", en: "cannot create \(folder.path)")
            }
        }
        try writeNew(data, to: target)
    }

    /// Puts a backup made by `mibarai backup` back into this directory, with `serve` stopped.
    ///
    /// - The backup is checked first (SQLite's integrity check, a schema this version knows);
    ///   when the directory already holds a node, the backup must be of the same node.
    /// - Its database takes the place of the directory's; the one it replaces is kept beside
    ///   it as `mibarai.sqlite.before-restore` (with its journal), never deleted.
    /// - Files the directory lacks (configuration, keys, membership) are taken from the backup;
    ///   those it has are kept (they are as new as the backup's, or newer).
    /// - The restored database is marked: when `serve` next runs, it first takes back from a peer
    ///   the entries of its own log signed after the backup, and signs nothing new until it has
    ///   (see `GossipNode+OwnLogRecovery.swift` in MibaraiServer).
    public func restore(from backup: URL, today: LocalDate) throws(NodeError) -> RestoreSummary {
        let fm = FileManager.default
        let source = DataDirectory(backup)
        guard fm.fileExists(atPath: source.databaseURL.path), fm.fileExists(atPath: source.configurationURL.path) else {
            throw .noInput(
                ja: "バックアップのフォルダではありません (\(Self.databaseFile) と \(Self.configurationFile) が必要): \(backup.path)",
                en: "not a backup folder (it needs \(Self.databaseFile) and \(Self.configurationFile)): \(backup.path)"
            )
        }
        let reports: Int
        do { reports = try AppDatabase.checkCopy(at: source.databaseURL.path) } catch {
            throw .data(ja: "バックアップのデータベースが使えません: \(error.message.ja)", en: "the backup's database cannot be used: \(error.message.en)")
        }
        let backedUp = try Self.configuration(at: source.configurationURL)
        if !fm.fileExists(atPath: path) {
            do { try fm.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw .cannotCreate(ja: "データディレクトリを作れません: \(path)", en: "cannot create the data directory \(path)")
            }
        }
        if fm.fileExists(atPath: configurationURL.path) {
            let here = try Self.configuration(at: configurationURL)
            guard here.nodeID == backedUp.nodeID else {
                throw .data(
                    ja: "別のノードのバックアップです (バックアップ: \(backedUp.nodeID)、このディレクトリ: \(here.nodeID))。何も変更していません。",
                    en: "the backup is of another node (backup: \(backedUp.nodeID), this directory: \(here.nodeID)); nothing was changed."
                )
            }
        }
        let lock = try holdServeLock(for: Localized(ja: "バックアップから戻す", en: "restore a backup"))
        defer { withExtendedLifetime(lock) {} }
        return try withLock { () throws(NodeError) -> RestoreSummary in
            // The copy is staged and marked beside the database, then renamed into its place.
            let staging = file(".\(Self.databaseFile).restore-\(UUID().uuidString)")
            defer { for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: staging.path + suffix) } }
            try Self.copyPrivate(source.databaseURL, to: staging)
            do throws(StoreError) { try AppDatabase.markRestored(copyAt: staging.path, on: today) } catch { throw .store(error) }
            var replaced: URL?
            if fm.fileExists(atPath: databaseURL.path) {
                let kept = file("\(Self.databaseFile).before-restore")
                for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: kept.path + suffix) }
                for suffix in ["-wal", "-shm", ""] where fm.fileExists(atPath: databaseURL.path + suffix) {
                    guard rename(databaseURL.path + suffix, kept.path + suffix) == 0 else {
                        throw .cannotCreate(ja: "今のデータベースを退避できません: \(path)", en: "cannot move the current database aside in \(path)")
                    }
                }
                replaced = kept
            }
            guard rename(staging.path, databaseURL.path) == 0 else {
                throw .cannotCreate(ja: "データベースを置けません: \(databaseURL.path)", en: "cannot put the database in place: \(databaseURL.path)")
            }
            var added: [String] = []
            for name in try source.keptFiles() where !fm.fileExists(atPath: file(name).path) {
                try Self.copyPrivate(source.file(name), to: file(name))
                added.append(name)
            }
            return RestoreSummary(nodeID: backedUp.nodeID, reports: reports, filesAdded: added, replacedDatabase: replaced)
        }
    }

    private static func configuration(at url: URL) throws(NodeError) -> NodeConfiguration {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw .noInput(ja: "設定ファイルが読めません: \(url.path)", en: "cannot read \(url.path)")
        }
        return try NodeConfiguration.parse(text)
    }
}
