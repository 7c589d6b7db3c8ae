import MibaraiCore
import Synchronization

/// The sessions of the web page, in memory only: a restart signs everyone out. A session id is
/// 32 random bytes; a session idle for longer than the timeout is gone. Signing in replaces the
/// session (a new id and CSRF token), so an id planted before the sign-in is worth nothing after.
final class WebSessions: Sendable {
    static let cookie = "mibarai_session"
    /// More sessions than this (a browser that refuses cookies, a script) drops the oldest.
    static let maximum = 1_000

    private let idleTimeout: Duration
    private let table = Mutex<[String: WebSession]>([:])

    init(idleTimeout: Duration) {
        self.idleTimeout = idleTimeout
    }

    /// The session with this id, when it exists and is not idle for too long; touching it.
    func session(_ id: String?, now: ContinuousClock.Instant = .now) -> WebSession? {
        guard let id else { return nil }
        return table.withLock { t in
            guard var s = t[id] else { return nil }
            guard now - s.lastSeen < idleTimeout else {
                t[id] = nil
                return nil
            }
            s.lastSeen = now
            t[id] = s
            return s
        }
    }

    /// A new session, not signed in.
    func start(language: Language, signedIn: Bool = false, now: ContinuousClock.Instant = .now) -> WebSession {
        let s = WebSession(id: Self.randomHex(), csrf: Self.randomHex(), signedIn: signedIn, language: language, lastSeen: now)
        table.withLock { t in
            if t.count >= Self.maximum, let oldest = t.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key { t[oldest] = nil }
            t[s.id] = s
        }
        return s
    }

    /// Ends a session (sign out, or replaced at sign in).
    func end(_ id: String) {
        table.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// Changes a session that still exists.
    func update(_ id: String, _ change: @Sendable (inout WebSession) -> Void) {
        table.withLock { t in
            if var s = t[id] {
                change(&s)
                t[id] = s
            }
        }
    }

    static func randomHex() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(UInt8.random(in: .min ... .max, using: &rng), radix: 16).leftPadded(to: 2) }.joined()
    }

    /// Equal strings, compared in constant time for equal lengths.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
