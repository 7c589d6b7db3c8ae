import Foundation
import MibaraiCore
import MibaraiNode
import Testing
@testable import MibaraiWeb

@Suite("Sign-in throttle, sessions, the page's words")
struct WebSecurityTests {
    @Test func fiveFailuresWaitUntilTheOldestLeavesTheWindow() {
        let throttle = LoginThrottle(allowedFailures: 5, window: .seconds(300))
        let t0 = ContinuousClock.now
        for i in 0..<4 { throttle.failed(now: t0 + .seconds(i)) }
        #expect(throttle.wait(now: t0 + .seconds(5)) == nil)
        throttle.failed(now: t0 + .seconds(10))
        let wait = throttle.wait(now: t0 + .seconds(11))
        #expect(wait != nil && wait! >= 289 && wait! <= 290, "\(String(describing: wait))")
        #expect(throttle.wait(now: t0 + .seconds(300)) == nil, "the oldest failure left the window")
    }

    @Test func anIdleSessionExpiresAndSigningInReplacesIt() {
        let sessions = WebSessions(idleTimeout: .milliseconds(50))
        let s = sessions.start(language: .ja)
        #expect(s.id.count == 64 && s.csrf.count == 64 && s.id != s.csrf)
        #expect(sessions.session(s.id)?.signedIn == false)
        sessions.update(s.id) { $0.signedIn = true }
        #expect(sessions.session(s.id)?.signedIn == true)
        sessions.end(s.id)
        #expect(sessions.session(s.id) == nil)
        let t0 = ContinuousClock.now
        let idle = sessions.start(language: .en, now: t0)
        #expect(sessions.session(idle.id, now: t0 + .milliseconds(40)) != nil, "used within the timeout")
        #expect(sessions.session(idle.id, now: t0 + .milliseconds(85)) != nil, "the last use counts, not the start")
        #expect(sessions.session(idle.id, now: t0 + .milliseconds(140)) == nil, "idle for longer than the timeout")
        #expect(sessions.session(nil) == nil && sessions.session("unknown") == nil)
    }

    @Test func tokensCompareWhole() {
        #expect(WebSessions.same("abc", "abc"))
        #expect(!WebSessions.same("abc", "abd") && !WebSessions.same("abc", "ab") && !WebSessions.same("", "a"))
    }

    @Test func everyWordHasBothLanguages() {
        for key in WebText.Key.allCases {
            let ja = WebText.text(key, .ja), en = WebText.text(key, .en)
            #expect(ja != key.rawValue && en != key.rawValue && !ja.isEmpty && !en.isEmpty, "\(key) has no text")
        }
    }

    @Test func aPasswordIsStoredAsAnScryptHashAndChecked() throws {
        let stored = try WebPassword.hashing("tsukimi-dango-2026", logN: 10)
        #expect(stored.matches("tsukimi-dango-2026"))
        #expect(!stored.matches("tsukimi-dango-2027") && !stored.matches(""))
        let line = stored.encoded
        #expect(line.hasPrefix("scrypt$10$8$1$") && !line.contains("tsukimi"))
        #expect(WebPassword(encoded: line) == stored)
        #expect(WebPassword(encoded: "scrypt$10$8$1$AAAA$BBBB") == nil)
        #expect(throws: NodeError.self) { try WebPassword.hashing("short") }
    }

    @Test func anUploadedFilesNameIsMadeSafeForAHeader() {
        #expect(WebFace.safeFilename("/home/shop/注文 2026-11.csv") == "2026-11")
        #expect(WebFace.safeFilename("orders\"; x=.csv") == "ordersx")
        #expect(WebFace.safeFilename(nil) == "orders")
    }
}
