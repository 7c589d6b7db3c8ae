import Foundation
import MibaraiCore

extension DataDirectory {
    static let serveLockFile = ".serve.lock"

    /// Held by `mibarai serve` while it runs (an exclusive `flock` on `.serve.lock`, let go when
    /// the process ends, however it ends): a second `serve` on the same node and a `restore`
    /// under a running one are refused instead of corrupting each other's work.
    public final class ServeLock: Sendable {
        private let fd: Int32

        fileprivate init(fd: Int32) {
            self.fd = fd
        }

        deinit {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    /// Takes the serve lock without waiting; an error naming what holds it when another process does.
    public func holdServeLock(for what: Localized) throws(NodeError) -> ServeLock {
        let fd = open(file(Self.serveLockFile).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .cannotCreate(ja: "データディレクトリをロックできません: \(path)", en: "cannot lock the data directory \(path)")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .usage(
                ja: "このノードでは `mibarai serve` が動いています (\(path))。\(what.ja)には、先に serve を止めてください (systemctl stop mibarai など)。",
                en: "`mibarai serve` is running on this node (\(path)): stop it first (systemctl stop mibarai, for example) to \(what.en)."
            )
        }
        return ServeLock(fd: fd)
    }
}
