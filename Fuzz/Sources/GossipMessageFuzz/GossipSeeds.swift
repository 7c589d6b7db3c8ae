import Crypto
import MibaraiCore

/// One message of each kind, built by the project's own encoders from fixed keys.
enum GossipSeeds {
    static func messages() throws -> [GossipMessage] {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32))
        let member = NodeID(publicKey: key.publicKey)
        let withdraw = try LogEntry.make(signer: key, seq: 1, previous: .zero, body: .withdraw(try reportID(1)))
        let status = try LogEntry.make(signer: key, seq: 2, previous: withdraw.hash, body: .status(try reportID(1), .paid))
        let other = try LogEntry.make(signer: key, seq: 2, previous: withdraw.hash, body: .withdraw(try reportID(2)))
        guard let proof = EquivocationProof(held: status, conflicting: other) else { throw SeedError.noProof }
        let heads = [NumberedHead(member: 3, seq: 5), NumberedHead(member: 9, seq: 1)]
        return [
            .hello(.init(minVersion: 1, maxVersion: 2, maxMessageBytes: 4_194_304, maxEntriesPerMessage: 1024, listenAddress: "node.example:7443")),
            .summary(root: [UInt8](repeating: 0xAB, count: 16), entries: 300),
            .inSync,
            .buckets((0..<64).map { UInt16($0 * 977 & 0xFFFF) }),
            .want(buckets: 0x8000_0000_0000_0001, heads: heads),
            .delta(buckets: 1, behind: [NumberedHead(member: 0, seq: 0)], entries: [withdraw, status]),
            .entries([withdraw]),
            .getPeers,
            .peers([PeerInfo(id: member, address: "10.0.0.1:7443")]),
            .equivocation(proof),
            .error(.tooLarge, detail: 0),
            .hintedSummary(root: [UInt8](repeating: 1, count: 16), entries: 2, recent: heads),
        ]
    }

    static func reportID(_ n: UInt8) throws -> ReportID {
        guard let id = ReportID(bytes: [UInt8](repeating: n, count: 16)) else { throw SeedError.noProof }
        return id
    }

    enum SeedError: Error { case noProof }
}
