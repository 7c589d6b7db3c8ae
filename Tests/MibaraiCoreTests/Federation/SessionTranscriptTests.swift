import Foundation
import MibaraiCore
import MibaraiTestSupport
import Testing

/// `Protocol/vectors/federation/session.jsonl`: a whole gossip session recorded by the conformance
/// client (`Protocol/conformance/`) against a real hub. Every frame decodes with this
/// implementation's decoders, re-encodes to the same bytes, and says what its annotation says.
@Suite("Session transcript vector")
struct SessionTranscriptTests {
    struct Head: Decodable, Equatable { var member: UInt64; var seq: UInt64 }
    struct EntryNote: Decodable, Equatable { var origin: String; var seq: UInt64; var kind: String; var hash: String }
    struct PeerNote: Decodable, Equatable { var node_id: String; var address: String }
    struct Decoded: Decodable {
        var min_version: UInt8?, max_version: UInt8?, max_message_bytes: UInt32?, max_entries: UInt16?, listen_address: String?
        var root: String?, total_entries: UInt64?, recent: [Head]?, digests: [String]?, mask: String?, heads: [Head]?, behind: [Head]?
        var entries: [EntryNote]?, peers: [PeerNote]?, code: String?, detail: UInt8?
    }
    struct Line: Decodable {
        var session: Int?, client: String?, node: String?, version: UInt8?
        var from: String?, message: String?, frame: String?, decoded: Decoded?
    }

    static let names: [GossipMessage.Code: String] = [
        .hello: "hello", .summary: "summary", .inSync: "in_sync", .buckets: "buckets", .want: "want", .delta: "delta",
        .entries: "entries", .getPeers: "get_peers", .peers: "peers", .equivocation: "equivocation", .error: "error",
        .hintedSummary: "hinted_summary",
    ]

    static func lines() throws -> [Line] {
        try JSONLines.read(Line.self, from: ProjectPaths.protocolFile("vectors/federation/session.jsonl"))
    }

    static func heads(_ h: [NumberedHead]) -> [Head] { h.map { Head(member: $0.member, seq: $0.seq) } }
    static func notes(_ es: [LogEntry]) -> [EntryNote] {
        es.map { EntryNote(origin: $0.origin.description, seq: $0.seq, kind: $0.kind.name, hash: $0.hash.description) }
    }
    static func mask(_ m: UInt64) -> String {
        let s = String(m, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    @Test func everyFrameDecodesAsAnnotated() throws {
        let all = try Self.lines()
        let header = try #require(all.first)
        #expect(header.session == 1 && header.client != nil && header.node != nil)
        let frames = all.dropFirst()
        #expect(frames.count >= 8)
        for (i, line) in frames.enumerated() {
            let where_ = "line \(i + 2) \(line.message ?? "?")"
            let text = try #require(line.frame, "\(where_)")
            let bytes = try #require(Hex.decode(text), "\(where_)")
            let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            #expect(length == bytes.count - 4, "\(where_): length")
            let message = try GossipMessage.decode(body: Array(bytes.dropFirst(4)))
            #expect(message.framed() == bytes, "\(where_): re-encodes")
            #expect(Self.names[message.code] == line.message, "\(where_): name")
            #expect(line.from == "client" || line.from == "node", "\(where_): direction")
            let d = try #require(line.decoded, "\(where_)")
            switch message {
            case .hello(let h):
                #expect(d.min_version == h.minVersion, "\(where_)")
                #expect(d.max_version == h.maxVersion, "\(where_)")
                #expect(d.max_message_bytes == h.maxMessageBytes, "\(where_)")
                #expect(d.max_entries == h.maxEntriesPerMessage, "\(where_)")
                #expect(d.listen_address == h.listenAddress, "\(where_)")
            case .summary(let root, let total):
                #expect(d.root == Hex.encode(root), "\(where_)")
                #expect(d.total_entries == total, "\(where_)")
            case .hintedSummary(let root, let total, let recent):
                #expect(d.root == Hex.encode(root), "\(where_)")
                #expect(d.total_entries == total, "\(where_)")
                #expect(d.recent == Self.heads(recent), "\(where_)")
            case .buckets(let digests):
                let hex: [String] = digests.map { (d: UInt16) -> String in Hex.encode([UInt8(d >> 8), UInt8(d & 0xFF)]) }
                #expect(d.digests == hex, "\(where_)")
            case .want(let mask, let heads):
                #expect(d.mask == Self.mask(mask), "\(where_)")
                #expect(d.heads == Self.heads(heads), "\(where_)")
            case .delta(let mask, let behind, let entries):
                #expect(d.mask == Self.mask(mask), "\(where_)")
                #expect(d.behind == Self.heads(behind), "\(where_)")
                #expect(d.entries == Self.notes(entries), "\(where_)")
                #expect(entries.allSatisfy { $0.hasValidSignature() }, "\(where_): signatures")
            case .entries(let entries):
                #expect(d.entries == Self.notes(entries), "\(where_)")
                #expect(entries.allSatisfy { $0.hasValidSignature() }, "\(where_): signatures")
            case .equivocation(let proof):
                #expect(d.entries == Self.notes([proof.held, proof.conflicting]), "\(where_)")
            case .peers(let peers):
                #expect(d.peers == peers.map { PeerNote(node_id: $0.id.description, address: $0.address) }, "\(where_)")
            case .error(let code, let detail):
                #expect(d.code == code.name, "\(where_)")
                #expect(d.detail == detail, "\(where_)")
            case .inSync, .getPeers:
                break
            }
        }
    }

    /// The session covers what the vector is for: both hellos, an exchange, a push and peer exchange.
    @Test func theSessionCoversHelloExchangePushAndPeers() throws {
        let frames = try Self.lines().dropFirst()
        func has(_ from: String, _ message: String) -> Bool { frames.contains { $0.from == from && $0.message == message } }
        #expect(has("client", "hello") && has("node", "hello"))
        #expect(has("client", "hinted_summary") || has("client", "summary"))
        #expect(has("node", "delta") && has("node", "in_sync"))
        #expect(has("client", "get_peers") && has("node", "peers"))
        #expect(has("node", "get_peers") && has("client", "peers"))
        #expect(has("node", "entries"), "no push")
        #expect(frames.first?.message == "hello")
    }

    /// The recorded shop reported two canaries (`record.py`); none of their data is in any frame.
    @Test func noCanaryDataTravelled() throws {
        let frames = try Self.lines().dropFirst().compactMap { $0.frame.flatMap(Hex.decode) }
        let secrets = ["見本 花子", "見本花子", "ミホン ハナコ", "ミホンハナコ", "080-2468-1357", "08024681357", "+818024681357",
                       "見本 次郎", "見本次郎", "080-1357-2468", "08013572468", "+818013572468"]
        for frame in frames {
            for s in secrets {
                for encoded in [Data(s.utf8), s.data(using: .utf16BigEndian)!, s.data(using: .utf16LittleEndian)!] {
                    #expect(Data(frame).range(of: encoded) == nil, "personal data in a frame")
                }
            }
        }
    }
}
