import Foundation

/// An exclusive lock on an operator's directory (`OperatorFiles.lock()`), held until `release()`.
final class OperatorLock {
    private var fd: Int32

    init(fd: Int32) {
        self.fd = fd
    }

    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
