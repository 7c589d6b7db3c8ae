import MibaraiCore

/// One browser's session: signed in or not yet, its CSRF token, its language.
struct WebSession: Sendable {
    /// The cookie's value: 32 random bytes, hex.
    let id: String
    /// The token every form of this session carries: 32 random bytes, hex.
    let csrf: String
    var signedIn: Bool
    var language: Language
    /// Monotonic time of the last request, to expire idle sessions.
    var lastSeen: ContinuousClock.Instant
}
