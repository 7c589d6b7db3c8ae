/// The answer to `POST /v1/federation/lookup` (`Protocol/hub-api.md`): per query, in order, the
/// records that hold one of its tokens, with their metadata and which of the query's tokens
/// matched (indices into the query, so no token the shop did not send is ever in an answer).
public struct HubLookupAnswer: Codable, Sendable, Equatable {
    public struct Record: Codable, Sendable, Equatable {
        /// The publishing member's name.
        public var origin: String
        /// The publication id, 32 hex digits.
        public var id: String
        public var epoch: UInt32
        /// Codes of `blinding.md`.
        public var category: UInt8
        public var amountYen: Int
        /// `YYYY-MM`.
        public var month: String
        /// The status code; a record overdue for a review request is answered as disputed.
        public var status: UInt8
        /// `YYYY-MM-DD`.
        public var expiresOn: String
        /// The codes of the token types the record carries.
        public var tokenTypes: [UInt8]
        /// Indices into the query's tokens that the record holds.
        public var matched: [Int]

        public init(origin: String, id: String, epoch: UInt32, category: UInt8, amountYen: Int, month: String, status: UInt8,
                    expiresOn: String, tokenTypes: [UInt8], matched: [Int]) {
            self.origin = origin
            self.id = id
            self.epoch = epoch
            self.category = category
            self.amountYen = amountYen
            self.month = month
            self.status = status
            self.expiresOn = expiresOn
            self.tokenTypes = tokenTypes
            self.matched = matched
        }

        enum CodingKeys: String, CodingKey {
            case origin, id, epoch, category, amountYen = "amount_yen", month, status, expiresOn = "expires_on",
                 tokenTypes = "token_types", matched
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var reference: String?
        public var records: [Record]

        public init(reference: String?, records: [Record]) {
            self.reference = reference
            self.records = records
        }
    }

    public var version: Int
    public var results: [Result]

    /// An answer as it came, to be checked with ``candidates(for:)``.
    public init(version: Int, results: [Result]) {
        self.version = version
        self.results = results
    }

    /// The answer a hub gives: `candidates[i]` are the records found for `queries[i]`, each with
    /// the token values it holds among the query's.
    public init(queries: [[BlindToken]], references: [String?], candidates: [[(RecordSummary, Set<TokenValue>)]]) {
        version = HubLookupRequest.currentVersion
        results = queries.indices.map { i in
            let query = queries[i]
            let records = candidates[i].map { found, values in
                Record(origin: found.origin, id: found.id.description, epoch: found.epoch, category: found.category.rawValue,
                       amountYen: found.amountYen, month: found.month, status: found.status.rawValue,
                       expiresOn: found.expiresOn.description, tokenTypes: found.tokenTypes.map(\.rawValue).sorted(),
                       matched: query.indices.filter { values.contains(query[$0].value) })
            }
            return Result(reference: i < references.count ? references[i] : nil, records: records)
        }
    }

    /// The candidates of each query as a lookup takes them (`LookupResult`), checked against the
    /// queries asked: as many results, known codes, indices inside the query.
    public func candidates(for queries: [[BlindToken]]) throws(HubLookupError) -> [[(RecordSummary, Set<TokenValue>)]] {
        guard results.count == queries.count else { throw HubLookupError("one result per query") }
        var out: [[(RecordSummary, Set<TokenValue>)]] = []
        out.reserveCapacity(queries.count)
        for (query, result) in zip(queries, results) {
            var found: [(RecordSummary, Set<TokenValue>)] = []
            for r in result.records {
                guard let id = ReportID(bytes: Hex.decode(r.id) ?? []),
                      let category = ReportCategory(rawValue: r.category), let status = ReportStatus(rawValue: r.status),
                      let expires = LocalDate(parsing: r.expiresOn), r.amountYen >= 0, r.month.utf8.count == 7
                else { throw HubLookupError("a record's fields") }
                var types: Set<TokenType> = []
                for t in r.tokenTypes {
                    guard let type = TokenType(rawValue: t) else { throw HubLookupError("unknown token type") }
                    types.insert(type)
                }
                guard !r.matched.isEmpty, r.matched.allSatisfy({ query.indices.contains($0) }) else {
                    throw HubLookupError("matched indices outside the query")
                }
                let header = RecordHeader(id: id, origin: r.origin, epoch: r.epoch, category: category, amountYen: r.amountYen,
                                          month: r.month, status: status, expiresOn: expires)
                found.append((RecordSummary(header: header, tokenTypes: types), Set(r.matched.map { query[$0].value })))
            }
            out.append(found)
        }
        return out
    }
}
