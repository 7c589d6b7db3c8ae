import Crypto

/// One entry of an origin's signed, append-only log:
/// `(version, kind, origin, seq, previous hash, body, Ed25519 signature)`.
///
/// Held with its exact encoding, so relaying never re-encodes and the hash is of the bytes received.
/// Build one with `LogEntry.make` (signs) or `LogEntry(decoding:)` (parses; the signature is
/// checked by `hasValidSignature` or `FederationLog.append`).
public struct LogEntry: Sendable, Hashable {
    /// The entry-format version byte. Version 1 is the only one.
    public static let formatVersion: UInt8 = 1
    /// Prefixed to the signed bytes so a log signature can never be mistaken for another signature.
    public static let signatureDomain: [UInt8] = Array("mibarai/log-entry/v1".utf8) + [0]
    /// Bytes before the body: version, kind, origin, seq, previous, body length.
    public static let headerBytes = 1 + 1 + 32 + 8 + 32 + 4
    public static let signatureBytes = 64

    public let kind: LogEntryKind
    public let origin: NodeID
    /// 1 for an origin's first entry, then +1 each.
    public let seq: UInt64
    /// The hash of entry `seq - 1`; `EntryHash.zero` for seq 1.
    public let previous: EntryHash
    /// The encoded body (`LogBody+Encoding`).
    public let body: [UInt8]
    public let signature: [UInt8]
    /// The whole entry as signed and sent.
    public let encoded: [UInt8]
    /// SHA-256 of `encoded`.
    public let hash: EntryHash

    /// Signs a new entry. Throws if the body breaks a rule a receiver would refuse it for, or the
    /// entry would exceed `limits.maxEntryBytes`.
    public static func make(
        signer: Curve25519.Signing.PrivateKey, seq: UInt64, previous: EntryHash, body: LogBody,
        limits: FederationLimits = .standard
    ) throws -> LogEntry {
        guard seq >= 1 else { throw WireError.malformed("seq starts at 1") }
        try body.validate(limits: limits)
        let origin = NodeID(publicKey: signer.publicKey)
        var w = WireWriter(capacity: headerBytes + 256)
        let bodyBytes = body.encoded()
        Self.writeHeader(&w, kind: body.kind, origin: origin, seq: seq, previous: previous, bodyLength: bodyBytes.count)
        w.raw(bodyBytes)
        let signature = Array(try signer.signature(for: signatureDomain + w.bytes))
        w.raw(signature)
        guard w.bytes.count <= limits.maxEntryBytes else {
            throw WireError.tooLarge(limit: limits.maxEntryBytes, actual: w.bytes.count)
        }
        return try LogEntry(decoding: w.bytes, limits: limits)
    }

    /// Parses an entry. Checks its structure and size, not its signature.
    public init(decoding bytes: [UInt8], limits: FederationLimits = .standard) throws(WireError) {
        guard bytes.count <= limits.maxEntryBytes else { throw .tooLarge(limit: limits.maxEntryBytes, actual: bytes.count) }
        var r = WireReader(bytes)
        let version = try r.u8()
        guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
        let code = try r.u8()
        guard let kind = LogEntryKind(rawValue: code) else { throw .unknownCode(code) }
        guard let origin = NodeID(bytes: try r.raw(32)) else { throw .malformed("origin") }
        let seq = try r.u64()
        guard seq >= 1 else { throw .malformed("seq 0") }
        guard let previous = EntryHash(bytes: try r.raw(32)) else { throw .malformed("previous") }
        if seq == 1 && previous != .zero { throw .malformed("first entry with a previous hash") }
        let length = Int(try r.u32())
        guard length <= r.remaining - Self.signatureBytes else { throw .malformed("body length") }
        let body = try r.raw(length)
        let signature = try r.raw(Self.signatureBytes)
        try r.expectEnd()
        self.kind = kind
        self.origin = origin
        self.seq = seq
        self.previous = previous
        self.body = body
        self.signature = signature
        self.encoded = bytes
        self.hash = EntryHash.of(bytes)
    }

    /// The bytes the signature covers: the domain, then everything before the signature.
    public var signedBytes: [UInt8] { Self.signatureDomain + encoded.dropLast(Self.signatureBytes) }

    public func hasValidSignature(_ key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: signedBytes)
    }

    public func hasValidSignature() -> Bool {
        guard let key = origin.publicKey else { return false }
        return hasValidSignature(key)
    }

    /// The typed body; throws if it does not decode under its kind.
    public func decodedBody(limits: FederationLimits = .standard) throws(WireError) -> LogBody {
        try LogBody.decode(kind: kind, body, limits: limits)
    }

    public static func == (a: LogEntry, b: LogEntry) -> Bool { a.encoded == b.encoded }
    public func hash(into h: inout Hasher) { h.combine(hash.bytes) }

    private static func writeHeader(
        _ w: inout WireWriter, kind: LogEntryKind, origin: NodeID, seq: UInt64, previous: EntryHash, bodyLength: Int
    ) {
        w.u8(formatVersion)
        w.u8(kind.rawValue)
        w.raw(origin.bytes)
        w.u64(seq)
        w.raw(previous.bytes)
        w.u32(UInt32(bodyLength))
    }
}
