import Foundation

/// A node's data directory: where each file lives, writes that never leave half a file, and a
/// lock so that two processes on one node (a command and `serve`) cannot lose each other's
/// update of a key or configuration file.
///
/// The layout (mode 0700; every file below 0600):
/// - `mibarai.toml`: the configuration (``NodeConfiguration``);
/// - `mibarai.sqlite` (+ `-wal`, `-shm`): reports, blinded records, logs, cases;
/// - `node.key`, `federation-keys.json`, `velocity.key`, `api-token`: keys (``NodeKeys``, ``NodeSecrets``);
/// - `tls.key`, `sealing.key`, `federation/`: membership (``NodeMembershipFiles``);
/// - `.lock`: held while a file above is replaced.
public struct DataDirectory: Sendable, Hashable {
    public static let configurationFile = "mibarai.toml"
    public static let databaseFile = "mibarai.sqlite"
    static let lockFile = ".lock"

    public let url: URL

    public init(_ url: URL) {
        self.url = url
    }

    public var path: String { url.path }

    /// The URL of a file in the directory (`name` may hold a sub-folder: `federation/root.pem`).
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    public var configurationURL: URL { file(Self.configurationFile) }
    public var databaseURL: URL { file(Self.databaseFile) }

    /// Refuses a missing or empty database of an initialised node (the configuration marks one):
    /// a new empty file would make a node that forgot its reports and its own log, and signing
    /// under an old sequence number again would look like equivocation to every peer. Tightens
    /// the file to its owner (0600) when it is looser: it holds raw personal data.
    func checkDatabase() throws(NodeError) {
        let path = databaseURL.path
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        guard let size, size > 0 else {
            throw .noInput(
                ja: """
                データベース (\(Self.databaseFile)) がないか空です: \(path)
                このノードの報告・案件・連合の記録が入っていたファイルです。空のデータベースを黙って作り直すことはしません。
                - バックアップ (`mibarai backup`) があれば `mibarai restore --from バックアップのフォルダ --data-dir \(self.path)` で戻してください。serve は起動時に、バックアップ後の自分の記録をピアから取り戻します。
                - このノードで一度も報告を記録しておらず、連合にも参加していなければ、このディレクトリを別の場所に移してから `mibarai init --data-dir \(self.path)` で作り直せます。
                - 連合に参加していたノードを作り直す前に、運営者に連絡してください。
                """,
                en: """
                the database (\(Self.databaseFile)) is missing or empty: \(path)
                It held this node's reports, cases and federation log; an empty one is never made silently in its place.
                - If you have a backup (`mibarai backup`), put it back with `mibarai restore --from FOLDER --data-dir \(self.path)`; serve then first takes back from its peers what the node signed after the backup.
                - If this node never recorded a report and never joined a federation, move this directory aside and run `mibarai init --data-dir \(self.path)` again.
                - Before remaking a node that had joined a federation, contact the operator.
                """
            )
        }
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            _ = chmod(path, 0o600)
        }
    }

    /// Runs `body` holding the directory's lock (an exclusive `flock` on `.lock`): another
    /// process's `withLock` waits until it returns. Held for the few milliseconds of a file's
    /// read-change-replace, never across a network wait.
    public func withLock<T>(_ body: () throws(NodeError) -> T) throws(NodeError) -> T {
        let fd = open(file(Self.lockFile).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .cannotCreate(ja: "データディレクトリをロックできません: \(path)", en: "cannot lock the data directory \(path)")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw .software(ja: "データディレクトリをロックできません: \(path)", en: "cannot lock the data directory \(path)")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Replaces (or creates) a file readable by its owner only: written beside it, flushed to
    /// disk, then renamed over it, so a reader sees the old file or the new one, never a part.
    public func replacePrivate(_ name: String, with data: Data) throws(NodeError) {
        let target = file(name)
        let staging = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString)")
        do {
            try Self.writeNew(data, to: staging)
            guard rename(staging.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw .cannotCreate(ja: "書き込めません: \(target.path)", en: "cannot write \(target.path)")
        }
    }

    /// Writes a new file readable by its owner only; fails if the file exists (O_EXCL).
    public static func writeNew(_ data: Data, to url: URL) throws(NodeError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .software(ja: "書き込めません (既に存在するか権限がありません): \(url.path)", en: "cannot create \(url.path) (it exists, or no permission)")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw .cannotCreate(ja: "書き込めません: \(url.path)", en: "cannot write \(url.path)")
        }
    }
}
