#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open files (sockets included), from which the connections the node's
/// listeners accept are shared out (`ConnectionShares`).
enum FileLimit {
    /// The limit taken when it cannot be read (the usual soft limit on Linux).
    static let assumed = 1_024

    /// Raises the soft limit to the hard one (what `ulimit -n` or systemd's `LimitNOFILE` allows)
    /// and returns it; nil when it cannot be read.
    static func raised() -> Int? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)  // RLIM_INFINITY, all bits set, clamps to Int.max
    }
}
