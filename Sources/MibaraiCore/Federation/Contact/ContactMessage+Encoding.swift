/// A sealed message's plaintext on the wire: `message_kind u8 || content || zero padding` to a
/// multiple of 256 bytes, one encoding only (`Protocol/federation.md`, "Sealed messages").
extension ContactMessage {
    /// Field sizes in UTF-8 bytes.
    public static let maxShopBytes = 64
    public static let maxContactBytes = 128
    public static let maxTextBytes = 1_000

    /// The content without padding; throws when a field is out of range.
    public func content() throws(WireError) -> [UInt8] {
        var w = WireWriter(capacity: 256)
        w.u8(kind.rawValue)
        switch self {
        case .request(let r):
            try Self.check(r.shop, 1...Self.maxShopBytes, "shop")
            try Self.check(r.contact, 1...Self.maxContactBytes, "contact")
            try Self.check(r.text, 0...Self.maxTextBytes, "text")
            w.raw(r.publication.bytes)
            w.shortString(r.shop)
            w.shortString(r.contact)
            Self.longString(r.text, &w)
        case .answer(let a):
            try Self.check(a.shop, (a.answer == .shares ? 1 : 0)...Self.maxShopBytes, "shop")
            try Self.check(a.contact, (a.answer == .shares ? 1 : 0)...Self.maxContactBytes, "contact")
            try Self.check(a.text, 0...Self.maxTextBytes, "text")
            guard a.damage.count <= ContactAnswer.maxDamage, a.answer == .shares || a.damage.isEmpty else {
                throw .malformed("damage count")
            }
            w.raw(a.inReplyTo.bytes)
            w.u8(a.answer.rawValue)
            w.shortString(a.shop)
            w.shortString(a.contact)
            Self.longString(a.text, &w)
            w.u8(UInt8(a.damage.count))
            for d in a.damage {
                let days = 0...2_932_896  // to 9999-12-31, as every day of the log
                guard (0...1_000_000_000).contains(d.amountYen), (0...d.amountYen).contains(d.paidYen), days.contains(d.incident.daysSinceEpoch),
                      d.steps.count <= DunningStage.allCases.count,
                      zip(d.steps, d.steps.dropFirst()).allSatisfy({ $0.stage < $1.stage }),
                      d.steps.allSatisfy({ days.contains($0.day.daysSinceEpoch) })
                else { throw .malformed("damage out of range") }
                w.raw(d.publication.bytes)
                w.u8(d.category.rawValue)
                w.u64(UInt64(d.amountYen))
                w.u64(UInt64(d.paidYen))
                w.u32(UInt32(d.incident.daysSinceEpoch))
                w.u8(UInt8(d.steps.count))
                for s in d.steps {
                    w.u8(s.stage.rawValue)
                    w.u32(UInt32(s.day.daysSinceEpoch))
                }
            }
        }
        return w.bytes
    }

    /// The content padded with zero bytes to a multiple of ``SealedMessage/paddingBlock``.
    public func paddedPlaintext() throws(WireError) -> [UInt8] {
        var bytes = try content()
        let block = SealedMessage.paddingBlock
        guard bytes.count <= SealedMessage.maxPlaintextBytes else { throw .malformed("message too large") }
        bytes += [UInt8](repeating: 0, count: (block - bytes.count % block) % block)
        return bytes
    }

    /// Decodes a padded plaintext; throws on anything the encoding does not allow.
    public init(paddedPlaintext bytes: [UInt8]) throws(WireError) {
        guard bytes.count % SealedMessage.paddingBlock == 0, (1...SealedMessage.maxPlaintextBytes).contains(bytes.count) else {
            throw .malformed("plaintext size")
        }
        var r = WireReader(bytes)
        guard let kind = Kind(rawValue: try r.u8()) else { throw .malformed("unknown message kind") }
        switch kind {
        case .contactRequest:
            guard let publication = ReportID(bytes: try r.raw(16)) else { throw .malformed("report id") }
            let shop = try r.shortString(), contact = try r.shortString(), text = try Self.longString(&r)
            self = .request(ContactRequest(publication: publication, shop: shop, contact: contact, text: text))
        case .contactAnswer:
            guard let replyTo = SealedMessageID(bytes: try r.raw(16)) else { throw .malformed("message id") }
            guard let answer = ContactAnswerKind(rawValue: try r.u8()) else { throw .malformed("answer") }
            let shop = try r.shortString(), contact = try r.shortString(), text = try Self.longString(&r)
            let count = Int(try r.u8())
            var damage: [SharedDamage] = []
            for _ in 0..<count {
                guard let publication = ReportID(bytes: try r.raw(16)) else { throw .malformed("report id") }
                guard let category = ReportCategory(rawValue: try r.u8()) else { throw .malformed("category") }
                let amount = try r.u64(), paid = try r.u64()
                let incident = LocalDate(daysSinceEpoch: Int(try r.u32()))
                let steps = Int(try r.u8())
                var out: [SharedDamage.Step] = []
                for _ in 0..<steps {
                    guard let stage = DunningStage(rawValue: try r.u8()) else { throw .malformed("stage") }
                    out.append(.init(stage: stage, day: LocalDate(daysSinceEpoch: Int(try r.u32()))))
                }
                guard amount <= 1_000_000_000, paid <= amount else { throw .malformed("amount") }
                damage.append(SharedDamage(publication: publication, category: category, amountYen: Int(amount), paidYen: Int(paid),
                                           incident: incident, steps: out))
            }
            self = .answer(ContactAnswer(inReplyTo: replyTo, answer: answer, shop: shop, contact: contact, text: text, damage: damage))
        }
        // The rest is padding: zero bytes only, fewer than a block.
        let rest = try r.raw(r.remaining)
        guard rest.allSatisfy({ $0 == 0 }), rest.count < SealedMessage.paddingBlock else { throw .malformed("padding") }
        // One encoding: the fields' ranges are those `content()` checks.
        guard try paddedPlaintext() == bytes else { throw .malformed("out of range") }
    }

    private static func check(_ s: String, _ range: ClosedRange<Int>, _ field: String) throws(WireError) {
        guard range.contains(s.utf8.count) else { throw .malformed("\(field) length") }
        guard !s.unicodeScalars.contains(where: { isControl($0, lineFeedAllowed: field == "text") }) else {
            throw .malformed("\(field) holds a control character")
        }
    }

    /// A character no field may hold, since a recipient prints it: C0 controls (a line feed
    /// only in `text`), DEL, C1 controls, and the bidirectional formatting characters that could
    /// make a line read other than it is.
    public static func isControl(_ c: Unicode.Scalar, lineFeedAllowed: Bool) -> Bool {
        switch c.value {
        case 0x0A: !lineFeedAllowed
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func longString(_ s: String, _ w: inout WireWriter) {
        let u = Array(s.utf8)
        w.u16(UInt16(truncatingIfNeeded: u.count))
        w.raw(u)
    }

    private static func longString(_ r: inout WireReader) throws(WireError) -> String {
        let u = try r.raw(Int(try r.u16()))
        guard let s = String(validating: u, as: UTF8.self) else { throw .malformed("bad UTF-8") }
        return s
    }
}
