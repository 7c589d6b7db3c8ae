import Foundation
import MibaraiCore
import MibaraiStore
import MibaraiTestSupport
import Testing

/// The blinded record is what will leave the node: none of the canary's values, raw or
/// normalised, may be found in it, in any encoding.
@Suite("Privacy of blinded records")
struct PrivacyTests {
    @Test func blindedRecordCarriesNoIdentityValue() throws {
        let normalizer = try Normalizer.bundled()
        var report = Fixtures.report()
        report.id = try #require(ReportID(bytes: Array(repeating: 0xAB, count: 16)))  // deterministic output
        let normalized = normalizer.normalize(report.identity)
        let record = BlindedRecord(report: report, origin: "shop-a", normalized: normalized, blinder: Blinder(key: Fixtures.key))
        #expect(record.tokens.count == 5)

        var needles: [String] = []
        for field in IdentityField.allCases {
            if let raw = report.identity[field] { needles.append(raw) }
            if let canonical = normalized[field] { needles.append(canonical) }
        }
        needles += ["カナリア", "canary", "1234", "5678", "古石場", "1350045"]

        var haystacks = [String(describing: record), String(describing: RecordSummary(record))]
        var bytes = Data()
        for t in record.tokens { bytes.append(contentsOf: t.value.bytes) }
        haystacks.append(String(decoding: bytes, as: UTF8.self))
        haystacks.append(bytes.base64EncodedString())
        for hay in haystacks {
            for needle in needles {
                #expect(!hay.contains(needle), "a blinded record shows an identity value")
            }
        }
    }
}
