/// The body of `POST /v1/federation/lookup` (`Protocol/hub-api.md`): per query, the blind tokens a
/// shop made of one identity under every epoch it accepts, and an order reference (a keyed hash,
/// never the shop's order number). Never a value.
public struct HubLookupRequest: Codable, Sendable, Equatable {
    public struct Token: Codable, Sendable, Equatable {
        /// The token type's code (`blinding.md`).
        public var type: UInt8
        /// 16 bytes, 32 lower-case hex digits.
        public var token: String

        public init(type: UInt8, token: String) {
            self.type = type
            self.token = token
        }
    }

    public struct Query: Codable, Sendable, Equatable {
        /// 16 bytes as 32 hex digits, or absent.
        public var reference: String?
        public var tokens: [Token]

        public init(reference: String?, tokens: [Token]) {
            self.reference = reference
            self.tokens = tokens
        }
    }

    public var version: Int
    public var purpose: LookupPurpose
    public var queries: [Query]

    public static let currentVersion = 1
    public static let maxQueries = 1_000
    public static let maxTokens = 64

    /// A request as it came, to be checked with ``validated()``.
    public init(version: Int, purpose: LookupPurpose, queries: [Query]) {
        self.version = version
        self.purpose = purpose
        self.queries = queries
    }

    public init(queries: [[BlindToken]], references: [String?], purpose: LookupPurpose) {
        version = Self.currentVersion
        self.purpose = purpose
        self.queries = queries.indices.map { i in
            Query(reference: i < references.count ? references[i] : nil,
                  tokens: queries[i].map { Token(type: $0.type.rawValue, token: $0.value.description) })
        }
    }

    /// The tokens of each query, checked: the version, 1 to `maxQueries` queries, 1 to
    /// `maxTokens` tokens each, known types, 16-byte values, no token twice in a query, references
    /// of 16 bytes.
    public func validated() throws(HubLookupError) -> [[BlindToken]] {
        guard version == Self.currentVersion else { throw HubLookupError("unsupported version") }
        guard (1...Self.maxQueries).contains(queries.count) else { throw HubLookupError("1 to \(Self.maxQueries) queries") }
        var out: [[BlindToken]] = []
        out.reserveCapacity(queries.count)
        for q in queries {
            if let r = q.reference, Hex.decode(r)?.count != 16 { throw HubLookupError("a reference is 32 hex digits") }
            guard (1...Self.maxTokens).contains(q.tokens.count) else { throw HubLookupError("1 to \(Self.maxTokens) tokens a query") }
            var tokens: [BlindToken] = []
            tokens.reserveCapacity(q.tokens.count)
            for t in q.tokens {
                guard let type = TokenType(rawValue: t.type) else { throw HubLookupError("unknown token type") }
                guard t.token.utf8.count == 32, let bytes = Hex.decode(t.token), let value = TokenValue(bytes: bytes) else {
                    throw HubLookupError("a token is 32 hex digits")
                }
                tokens.append(BlindToken(type: type, value: value))
            }
            guard Set(tokens).count == tokens.count else { throw HubLookupError("a token repeated in a query") }
            out.append(tokens)
        }
        return out
    }
}
