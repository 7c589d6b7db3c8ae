import Foundation
import MibaraiCore
@testable import MibaraiServer
import Testing

/// The screening API's answer written by hand (`ScreeningJSON.jsonBytes`) is byte for byte what
/// `JSONEncoder` made of it before (sorted snake_case keys, absent optionals left out, slashes
/// as they are), escapes included.
@Suite("Screening JSON written by hand")
struct ScreeningJSONWritingTests {
    static func encoded(_ j: ScreeningJSON) throws -> [UInt8] { Array(try ScreeningServer.encoder().encode(j)) }

    @Test func aFullAnswerIsWhatTheEncoderWrote() throws {
        var j = ScreeningJSON(problem: Localized(ja: "引用符\"と\\と改行\nと\tタブ\u{01}\u{08}\u{0C}\u{1F}", en: "a/b </script> é 🎌"), reference: "#1001 \"A\"")
        j.checkable = true
        j.row = 12
        j.rows = [12, 13]
        j.score = -5
        j.decision = "hold"
        j.allowListed = false
        j.reasons = [.init(rule: "federation_match", weight: 80, ja: "一致 ¥48,000", en: "match"), .init(rule: "x", weight: -10, ja: "", en: "")]
        j.matched = true
        j.reports = 3
        j.shops = 2
        j.outstandingYen = 48_000
        j.strongest = "strong"
        j.matches = [
            .init(reportId: "5a5a", origin: "shop-a", category: "non-payment", amountYen: 12_800, month: "2026-10", status: "open",
                  strength: "strong", matchedFields: ["phone", "email"], differingFields: [], suppressedFields: nil),
            .init(reportId: "6b6b", origin: "shop-b", category: "chargeback", amountYen: 0, month: "2026-11", status: "disputed",
                  strength: "probable", matchedFields: ["name_address"], differingFields: ["phone"], suppressedFields: ["email"]),
        ]
        j.impersonationVictimMatches = 1
        j.confirmationCall = .init(ja: "お電話で確認", en: "call")
        #expect(j.jsonBytes() == (try Self.encoded(j)), "\(String(decoding: j.jsonBytes(), as: UTF8.self))")
    }

    @Test func anUnscreenableOrderAndAnEmptyMatchListAreWhatTheEncoderWrote() throws {
        let problem = ScreeningJSON(problem: Localized(ja: "電話番号がありません", en: "no phone"), reference: nil)
        #expect(problem.jsonBytes() == (try Self.encoded(problem)))
        var empty = ScreeningJSON(problem: Localized(ja: "", en: ""), reference: "R")
        empty.error = nil
        empty.matches = []
        empty.reasons = []
        empty.rows = []
        #expect(empty.jsonBytes() == (try Self.encoded(empty)))
    }
}
