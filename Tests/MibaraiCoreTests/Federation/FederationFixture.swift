import Crypto
import MibaraiCore

/// Deterministic keys and records for the federation tests.
enum FederationFixture {
    static func signer(_ n: UInt8) -> Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: n, count: 32))
    }

    static func sealing(_ n: UInt8) -> Curve25519.KeyAgreement.PrivateKey {
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: [UInt8](repeating: n &+ 100, count: 32))
    }

    static let operatorKey = signer(200)
    static var operatorID: NodeID { NodeID(publicKey: operatorKey.publicKey) }

    static func id(_ n: UInt8) -> NodeID { NodeID(publicKey: signer(n).publicKey) }

    static func admission(_ n: UInt8, role: MemberRole = .shop) -> LogBody {
        .admit(MemberAdmission(member: id(n), sealingKey: sealing(n).publicKey, role: role, name: "shop-\(n)", region: "kanto"))
    }

    /// A log whose operator has admitted members `1...members`.
    static func log(members: Int = 3) -> FederationLog {
        var log = FederationLog(operator: operatorID)
        for n in 1...members { _ = try! log.append(signing: admission(UInt8(n)), with: operatorKey) }
        return log
    }

    static func record(_ n: UInt8, tokens: Int = 4) -> RecordPublication {
        RecordPublication(
            id: ReportID(bytes: [UInt8](repeating: n, count: 16))!, epoch: 1, category: .nonPayment, amountYen: 12_800,
            year: 2026, month: 10, status: .open, expiresOn: LocalDate(year: 2031, month: 10, day: 1)!,
            tokens: (0..<tokens).map { i in
                BlindToken(type: TokenType.allCases[i % TokenType.allCases.count],
                           value: TokenValue(high: UInt64(n) << 8 | UInt64(i), low: 0xABCD))
            })
    }

    /// An entry signed by `signer` at any seq and previous hash (for forgeries and conflicts).
    static func entry(_ signer: Curve25519.Signing.PrivateKey, seq: UInt64, previous: EntryHash, _ body: LogBody) -> LogEntry {
        try! LogEntry.make(signer: signer, seq: seq, previous: previous, body: body)
    }

    /// The entry's bytes with one byte changed at `offset` (from the end when negative).
    static func altered(_ e: LogEntry, at offset: Int) -> [UInt8] {
        var b = e.encoded
        let i = offset >= 0 ? offset : b.count + offset
        b[i] ^= 0x01
        return b
    }
}
